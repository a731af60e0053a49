"""Screen strings through Qt Linguist: the .ts files follow the code, the shell's strings
have English, and a terminal configured for en_US shows it through the real window."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Config
from tests.ui.test_screens import screen_texts
from ui import i18n
from ui.frontend import QtFrontend

SHELL_CONTEXTS = {"Main", "BigButton", "BackButton", "HomeButton", "ChoiceTile", "PagedGrid",
                  "ProblemBanner", "HomeScreen", "InsertCardScreen", "DoneScreen",
                  "QueryResultScreen", "QueryScanScreen", "RatingScreen", "RatedScreen",
                  "MaintenanceScreen", "PhotoScreen", "MissingScreen"}


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → translation text (None when unfinished)."""
    out: dict[tuple[str, str], str | None] = {}
    for c in ET.parse(ts).getroot().iter("context"):
        name = c.findtext("name") or ""
        for m in c.iter("message"):
            t = m.find("translation")
            done = t is not None and t.get("type") is None and bool((t.text or "").strip())
            out[(name, m.findtext("source") or "")] = (t.text if t is not None and done
                                                       else None)
    return out


def test_the_ts_files_hold_exactly_the_strings_of_the_code(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """pyside6-lupdate over today's sources adds and drops nothing: a new qsTr string
    without `python -m ui.i18n update` fails here."""
    for lang in i18n.LANGUAGES:
        shutil.copy(i18n.ts_path(lang), tmp_path / i18n.ts_path(lang).name)
    monkeypatch.setattr(i18n, "TS_DIR", tmp_path)
    # lupdate writes locations relative to the .ts; only the strings are compared.
    i18n.update()
    for lang in i18n.LANGUAGES:
        fresh = set(messages(tmp_path / i18n.ts_path(lang).name))
        committed = set(messages(Path(i18n.UI.parent / "assets" / "i18n"
                                      / i18n.ts_path(lang).name)))
        assert fresh == committed, lang


def test_lupdate_finds_no_string_without_english_and_none_that_vanished(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The English .ts after pyside6-lupdate over today's code (in a copy): every message
    finished, none unfinished, vanished or obsolete. A qsTr string or a marked core
    sentence added without English fails here, and so does English kept for a string the
    code no longer has (the committed file must equal the fresh one)."""
    en = i18n.ts_path("en_US")
    shutil.copy(en, tmp_path / en.name)
    shutil.copy(i18n.ts_path("zh_CN"), tmp_path / i18n.ts_path("zh_CN").name)
    monkeypatch.setattr(i18n, "TS_DIR", tmp_path)
    i18n.update()
    fresh = tmp_path / en.name
    kinds = [t.get("type") for t in ET.parse(fresh).getroot().iter("translation")]
    assert len(kinds) > 300
    unfinished = [src for (_, src), text in messages(fresh).items() if text is None]
    assert unfinished == []
    assert [k for k in kinds if k is not None] == []  # no unfinished/vanished/obsolete
    committed = messages(en)
    assert [k for k in committed if k not in messages(fresh)] == []  # nothing obsolete
    assert [k for k in messages(fresh) if k not in committed] == []  # nothing new


def test_the_compiled_qm_holds_every_english_string_and_follows_the_ts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pyside6-lrelease's .qm (compiled at start, never committed) translates every
    message of the .ts, and a .ts newer than the cached .qm is compiled again."""
    import os

    from PySide6.QtCore import QTranslator

    monkeypatch.setattr(i18n, "TS_DIR", tmp_path / "ts")
    (tmp_path / "ts").mkdir()
    shutil.copy(Path(i18n.UI.parent / "assets" / "i18n" / "village_kiosk_en_US.ts"),
                i18n.ts_path("en_US"))
    qm = i18n.compile_qm("en_US", tmp_path / "cache")
    assert qm is not None and qm.is_file()
    t = QTranslator()
    assert t.load(str(qm))
    found = messages(i18n.ts_path("en_US"))
    assert len(found) > 300
    wrong = {k: (t.translate(k[0], k[1]), v) for k, v in found.items()
             if t.translate(k[0], k[1]) != v}
    assert wrong == {}
    # A cached .qm older than its .ts is not used: it is compiled again from the .ts.
    old = qm.stat().st_mtime - 60
    os.utime(qm, (old, old))
    again = i18n.compile_qm("en_US", tmp_path / "cache")
    assert again == qm and qm.stat().st_mtime > old


def test_every_string_of_the_shell_has_english() -> None:
    found = messages(i18n.ts_path("en_US"))
    shell = {k: v for k, v in found.items() if k[0] in SHELL_CONTEXTS}
    assert len(shell) > 50
    assert [k for k, v in shell.items() if v is None] == []
    # Placeholders survive translation (every context), so .arg() has somewhere to go.
    for (_, source), english in found.items():
        for n in range(1, 5):
            assert (f"%{n}" in source) == (f"%{n}" in (english or "")), source


@pytest.fixture
def english_kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    cfg = Config(data_dir=tmp_path / "data", platform_url="http://127.0.0.1:9")
    k = Kiosk.open(replace(cfg, language="en_US"))
    yield k
    k.close()


def test_a_terminal_set_to_english_shows_english_and_chinese_is_the_default(
        qtbot: QtBot, english_kiosk: Kiosk, tmp_path: Path) -> None:
    f = QtFrontend()
    try:
        window, _vm = f.load(english_kiosk, live=False)
        f.grab(tmp_path / "home_en.png")
        texts = screen_texts(window)
        assert "Apply" in texts and "Government self-service terminal" in texts
        assert "我要办事" not in texts
        qm = english_kiosk.config.data_dir / "cache" / "i18n" / "village_kiosk_en_US.qm"
        assert qm.is_file()  # compiled at start by pyside6-lrelease, not committed
        assert f.qml_warnings == []
    finally:
        f.close()
    # Back to the source language: no translator, Chinese again.
    chinese = Kiosk.open(Config(data_dir=tmp_path / "zh", platform_url="http://127.0.0.1:9"))
    f = QtFrontend()
    try:
        window, _vm = f.load(chinese, live=False)
        f.grab(tmp_path / "home_zh.png")
        assert "我要办事" in screen_texts(window)
        assert QCoreApplication.translate("HomeScreen", "我要办事") == "我要办事"
    finally:
        f.close()
        chinese.close()


@pytest.fixture
def english(tmp_path: Path) -> Iterator[None]:
    """The process in English for one test (the translator compiled into tmp_path)."""
    app = QCoreApplication.instance()
    assert app is not None
    assert i18n.install(app, "en_US", tmp_path / "cache")
    yield
    i18n.install(app, i18n.SOURCE_LANGUAGE, tmp_path / "cache")


HAN = re.compile(r"[\u4e00-\u9fff]")


def test_the_core_problems_and_step_titles_reach_the_screen_in_english(
        qapp: QCoreApplication, english: None) -> None:
    """The core writes Chinese (no Qt in kiosk/); the record the shell shows is English:
    every problem the flow can state without a device's own words, and every step title."""
    import errno

    from devices.printer.printer import PrinterError, PrinterJammed, PrinterOutOfPaper
    from kiosk.flow import FLOW, Step
    from kiosk.flow.problems import problem_for
    from kiosk.ratings import RatingInvalid
    from kiosk.store import StoreError
    from sync.client import PlatformError

    disk = StoreError("database or disk is full")
    disk.__cause__ = OSError(errno.ENOSPC, "No space left on device")
    failures: list[BaseException] = [
        PrinterOutOfPaper("paper"), PrinterJammed("jam"), PrinterError("x"), disk,
        StoreError("locked"),
        KeyError("x"), PlatformError("down"), RuntimeError("?"),
        RatingInvalid(["请选择不满意的原因"])]
    for exc in failures:
        shown = i18n.translated(problem_for(exc, Step.CHECK_ANSWERS))
        words = [shown.title, shown.words, shown.next_action, shown.retry_label,
                 *shown.details]
        assert [w for w in words if HAN.search(w)] == [], type(exc).__name__
        assert all(w.strip() for w in words[:4])
    for step, spec in FLOW.items():
        assert not HAN.search(i18n.translate_core(spec.title)), step


def test_a_sentence_built_from_a_template_comes_back_with_its_values(
        qapp: QCoreApplication, english: None) -> None:
    """kiosk.i18n.arg's sentences are found again: the date inside the promise is itself
    a template, a name (catalog data) stays as it is, and unknown Chinese is left alone."""
    from kiosk.i18n import QT_TRANSLATE_NOOP, arg

    date = arg(QT_TRANSLATE_NOOP("kiosk", "%1年%2月%3日（预计）"), 2027, 1, 1)
    promise = arg(QT_TRANSLATE_NOOP("kiosk", "承诺%1前办结"), date)
    assert promise == "承诺2027年1月1日（预计）前办结"
    assert i18n.translate_core(promise) == "Finished by 2027-1-1 (expected)"
    check = arg(QT_TRANSLATE_NOOP("kiosk", "核对%1的信息"), "高龄津贴申领")
    assert i18n.translate_core(check) == "Check your details: 高龄津贴申领"
    assert i18n.translate_core("原件1份、复印件1份") == "original ×1, copy ×1"
    assert i18n.translate_core("村民建房要先申请宅基地") == "村民建房要先申请宅基地"
    # Back in Chinese, nothing is rewritten.
    app = QCoreApplication.instance()
    assert app is not None
    i18n.choose(i18n.SOURCE_LANGUAGE)
    assert i18n.translate_core(promise) == promise


def test_a_driver_sentence_has_its_template_in_the_ts(
        qapp: QCoreApplication, english: None) -> None:
    """The card's expiry refusal is built in devices/idcard/validation.py; ui.i18n keeps its
    template. If the driver rewords it, this fails rather than an English screen showing
    Chinese."""
    import datetime as dt

    from devices.idcard.validation import expiry_problem
    from tests.ui.test_screens import resident_card

    card = replace(resident_card(), valid_until=dt.date(2020, 1, 1))
    problem = expiry_problem(card, dt.date(2026, 1, 1))
    assert problem is not None
    english = i18n.translate_core(problem.message)
    assert english == "Your ID card expired on 2020-1-1. Please get a new one first"
