"""Screen strings through Qt Linguist: the .ts files follow the code, the shell's strings
have English, and a terminal configured for en_US shows it through the real window."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

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


def test_every_string_of_the_shell_has_english() -> None:
    found = messages(i18n.ts_path("en_US"))
    shell = {k: v for k, v in found.items() if k[0] in SHELL_CONTEXTS}
    assert len(shell) > 50
    assert [k for k, v in shell.items() if v is None] == []
    # Placeholders survive translation, so .arg() still has somewhere to go.
    for (_, source), english in shell.items():
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
