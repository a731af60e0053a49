"""The touch budget (issue 15): an elderly resident with the card on the reader finishes a
prefilled 高龄津贴申领 in at most 8 touches after the card read, counted on the real QML.

The visit: home → 长辈模式 → 我要办事 → the card on the (mock) reader. Neither the mode
toggle, nor 我要办事, nor the card read is counted; from the screen the card read leads to
(我要办事's list), every mouse press of an on-screen button (found by objectName, clicked
at its centre as a finger would) counts one, until the receipt has been printed on the done
screen. 好差评 is offered there and not counted (it is skippable: leaving, by 不评价 or by
the idle timeout, ends the visit either way).

The path is the cheapest honest one for a resident filing for themself: 本人办理 (not by
proxy), the optional 手机号/开户银行/银行卡号 left empty (they are asked, the 继续 on their
page counts), the bank book copy the item needs put off with 容缺后补 (its deadline is on
核对信息 and the receipt), the privacy notice consented to explicitly.

``entry_touches`` counts the same way for every item and bundle over the Qt-free flow: each
flow action it takes is the one a real button asks for (the demo, ui/demo.py, presses the
same buttons by objectName), plus the keys of every required field that nothing fills.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem, QQuickWindow
from pytestqt.qtbot import QtBot

from devices.idcard import CardRead
from devices.idcard.mock import MockCardReader
from kiosk.app import Kiosk
from kiosk.catalog.model import Bundle, Item, SelfService
from kiosk.config import Config
from kiosk.flow import Step
from kiosk.flow.guide import DERIVED
from kiosk.samples import (
    bundle_answers,
    item_answers,
    sample_card,
    sample_signature,
    sample_values,
    screen_value,
)
from ui.items import child_items
from ui.vm import ShellViewModel

pytestmark = pytest.mark.no_qt_log  # the form holds Qt Virtual Keyboard (test_service_screens)

BUDGET = 8
ELDER_ITEM = "LOCAL-MZ-0001"  # 高龄津贴申领
CARD = sample_card(dt.date(1940, 3, 12))  # 86 years old


# The real QML ------------------------------------------------------------------------------

def _visible(root: QQuickItem) -> list[QQuickItem]:
    out, todo = [], [root]
    while todo:
        it = todo.pop()
        if it.isVisible():
            out.append(it)
            todo.extend(child_items(it))
    return out


@dataclass
class Finger:
    """Presses buttons on the live window by objectName; counts each press once counting
    has started (after the card read)."""

    qtbot: QtBot
    window: QQuickWindow
    shell: ShellViewModel
    counting: bool = False
    path: list[str] = field(default_factory=list)

    def find(self, name: str) -> QQuickItem | None:
        found = [i for i in _visible(self.window.contentItem()) if i.objectName() == name]
        return found[0] if found else None

    def shows(self, name: str) -> bool:
        it = self.find(name)
        return it is not None and it.isEnabled()

    def settled(self) -> bool:
        return not self.shell.busy

    def press(self, name: str, acts: bool = True) -> None:
        """``acts``: the button asks the flow for an action (a pager turns pages itself)."""
        def there() -> bool:
            it = self.find(name)
            return it is not None and it.isEnabled() and it.width() > 0
        try:
            self.qtbot.waitUntil(there, timeout=5000)
        except Exception:
            names = sorted({i.objectName() for i in _visible(self.window.contentItem())
                            if i.objectName()})
            raise AssertionError(f"no {name} on {self.step().value}: {names}") from None
        target = self.find(name)
        assert target is not None
        _scroll_into_view(target)
        self.qtbot.wait(30)
        centre = target.mapToScene(QPointF(target.width() / 2, target.height() / 2))
        assert 0 <= centre.x() < self.window.width() and 0 <= centre.y() < self.window.height()
        asked = len(self.shell.actions)
        self.qtbot.mouseClick(self.window, Qt.MouseButton.LeftButton, pos=centre.toPoint())  # type: ignore[no-untyped-call]
        self.qtbot.waitUntil(lambda: (len(self.shell.actions) > asked or not acts)
                             and self.settled(), timeout=10000)
        self.qtbot.wait(30)
        if self.counting:
            self.path.append(f"{self.shell.current_screen().step.value}←{name}")

    def step(self) -> Step:
        return Step(self.shell.current_screen().step)


def _scroll_into_view(target: QQuickItem) -> None:
    parent = target.parentItem()
    while parent is not None and parent.objectName() not in ("scrollArea", "formFlick"):
        parent = parent.parentItem()
    if parent is None:
        return
    content = parent.property("contentItem")
    if not isinstance(content, QQuickItem):
        return
    top = target.mapToItem(content, QPointF(0, 0)).y()
    most = max(0.0, float(parent.property("contentHeight")) - parent.height())
    parent.setProperty("contentY", min(most, max(0.0, top - 20)))


def elder_visit(finger: Finger, kiosk: Kiosk) -> list[str]:
    """高龄津贴 in 长辈模式 through the real screens; returns the counted presses."""
    f = finger
    f.press("homeElder")
    assert kiosk.flow.visit.elder
    f.press("homeStart")
    assert f.step() is Step.INSERT_CARD
    reader = MockCardReader(kiosk.config.mock_dir)
    reader.insert(CARD)
    try:
        f.qtbot.waitUntil(lambda: f.step() is Step.FIND_SERVICE, timeout=10000)
    finally:
        reader.remove()
    f.qtbot.wait(50)
    f.counting = True
    if f.shows(f"common_{ELDER_ITEM}"):  # 常办事项 on 我要办事: one large tile
        f.press(f"common_{ELDER_ITEM}")
    else:
        for _ in range(5):  # 长辈模式 pages the departments: 下一页 counts as a touch
            if f.shows("category_minzheng"):
                break
            f.press("pageNext", acts=False)
        f.press("category_minzheng")
        f.press(f"entry_{ELDER_ITEM}")
    for _ in range(30):
        step = f.step()
        if step is Step.GUIDE:
            f.press("guideStart")
        elif step is Step.QUESTION:
            qid = kiosk.flow.visit.arg
            assert qid == "proxy", qid
            f.press("choice_no")  # 本人办理
        elif step is Step.CHECKLIST:
            f.press("checklistApply")
        elif step is Step.FORM:
            view = kiosk.flow.screen().view
            empty_required = [x.id for x in getattr(view, "fields", ())
                              if x.required and not x.read_only and not x.value]
            assert not empty_required, f"prefilled, yet {empty_required} are empty"
            f.press("formContinue")  # 手机号、银行 are optional: left empty
        elif step is Step.MATERIALS:
            view = kiosk.flow.screen().view
            open_refs = [m.ref for m in getattr(view, "materials", ())
                         if m.ways and not m.chosen_words]
            if open_refs:
                f.press(f"way_{open_refs[0]}_defer")  # 容缺后补
            else:
                f.press("materialsContinue")
        elif step is Step.CHECK_ANSWERS:
            view = kiosk.flow.screen().view
            if f.shows("consent") and not getattr(view, "consented", True) \
                    and not getattr(view, "submit_consents", False):
                f.press("consent")
            f.press("submit")
        elif step is Step.DONE:
            f.qtbot.wait(100)
            f.qtbot.waitUntil(f.settled, timeout=10000)
            if not kiosk.flow.visit.printed:
                f.press("printReceipt")
            f.qtbot.waitUntil(lambda: bool(kiosk.flow.visit.printed), timeout=10000)
            return f.path
        else:
            pytest.fail(f"unexpected screen {step.value}")
    pytest.fail("the visit did not end")


@pytest.fixture
def kiosk(tmp_path: Path) -> Any:
    from tests.conftest import free_port

    cfg = Config(data_dir=tmp_path / "data", platform_url=f"http://127.0.0.1:{free_port()}",
                 idle_timeout_s=600)
    k = Kiosk.open(cfg)
    yield k
    k.close()


def test_gaoling_jintie_in_elder_mode_takes_at_most_8_touches(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    window, shell = screen
    finger = Finger(qtbot, window, shell)
    path = elder_visit(finger, kiosk)
    case = kiosk.flow.visit.cases[0]
    assert [i.code for i in case.items] == [ELDER_ITEM]
    assert "bank_book" in kiosk.flow.visit.deferred  # 容缺: on the case, with its deadline
    assert kiosk.flow.visit.consent_at  # the privacy consent is recorded
    printed = kiosk.config.mock_dir / "printed"
    assert list(printed.glob("*.pdf")), "no receipt reached the printer"
    print(f"\n高龄津贴申领 (长辈模式): {len(path)} touches after the card read")
    for n, p in enumerate(path, 1):
        print(f"  {n}. {p}")
    assert len(path) <= BUDGET, path


# Every item and bundle, over the flow ---------------------------------------------------------

@dataclass
class Count:
    code: str
    name: str
    touches: int = 0  # button presses
    keys: int = 0  # keys typed into required fields nothing filled
    path: list[str] = field(default_factory=list)
    submitted: bool = False

    def tap(self, what: str, n: int = 1) -> None:
        self.touches += n
        self.path.append(what if n == 1 else f"{what}×{n}")


def entry_touches(kiosk: Kiosk, code: str, elder: bool = True) -> Count:
    """The touches after the card read for ``code`` (item or bundle) on the cheapest honest
    path: 本人办理, optional fields empty, each material with a way given the cheapest one
    (容缺 1, a photo 2: 拍照上传 + 确认, 亮证扫码 1 + the phone, 告知承诺 3: the button, the
    signature, 确认), every required 告知承诺 signed, the receipt printed."""
    f = kiosk.flow
    catalog = f.catalog
    f.end("count")
    f.set_elder(elder)
    f.start("service")
    s = f.on_card(CardRead(CARD))
    assert s.step is Step.FIND_SERVICE
    entry = catalog.get(code)
    assert entry is not None
    c = Count(code, entry.name)
    find = s.view
    common = {e.code for e in getattr(find, "common", ())}
    bundles = {e.code for e in getattr(find, "bundles", ())}
    if code in common or code in bundles:
        c.tap("tile")
    else:
        c.tap("category")
        c.tap("entry")
    s = f.open_entry(code)
    derived = {k: v for k, v in f.current_answers().items() if k in DERIVED}
    if isinstance(entry, Bundle):
        answers: dict[str, Any] = bundle_answers(catalog, entry, derived)
    else:
        answers = item_answers(catalog, entry)
    answers = {k: (False if k == "proxy" else v) for k, v in answers.items()}
    if isinstance(entry, Item) and entry.self_service is SelfService.COUNTER:
        c.tap("guidePrint")
        return c
    guide = s.view
    c.tap("guideStart")
    s = f.start_questions() if getattr(guide, "has_questions", False) else f.apply()
    for _ in range(200):
        if s.step is Step.QUESTION:
            q = catalog.questions[f.visit.arg]
            text = screen_value(q, answers.get(q.id))
            if q.kind == "number":
                c.tap("digit", len(text))
                c.tap("questionNumberDone")
            else:
                c.tap("choice")
            s = f.answer(text)
        elif s.step is Step.CHECKLIST:
            c.tap("checklistApply")
            s = f.apply()
        elif s.step is Step.FORM:
            fields = [x for x in getattr(s.view, "fields", ()) if not x.read_only]
            needed = [x.id for x in fields if x.required and not x.value]
            values = sample_values(catalog, needed, f.today())
            for x in fields:
                if x.id in values:
                    n = 1 if x.options else len(values[x.id])
                    c.keys += n
                    c.tap(f"type:{x.id}", n)
            c.tap("formContinue")
            s = f.continue_form(values)
        elif s.step is Step.MATERIALS:
            line = next((m for m in getattr(s.view, "materials", ())
                         if m.ways and not m.chosen_words), None)
            if line is None:
                c.tap("materialsContinue")
                s = f.continue_materials()
                continue
            ways = [w.way for w in line.ways]
            way = min(ways, key=lambda w: {"defer": 1, "ecert": 2, "photo": 3,
                                           "commitment": 4}[w])
            c.tap(f"way_{way}")
            s = f.choose_way(line.ref, way)
        elif s.step is Step.PHOTO:
            c.tap("photo+确认", 1)
            s = f.take_photo()
        elif s.step is Step.ECERT_SCAN:
            s = f.scan_ecert([f"DZZZ1:{f.visit.arg.upper()}:5101232026000123:7F3A9C2E11B04D58"])
        elif s.step is Step.SIGN:
            c.tap("signature")
            c.tap("signConfirm")
            s = f.sign(*sample_signature())
        elif s.step is Step.CHECK_ANSWERS:
            view = s.view
            open_c = [x for x in getattr(view, "commitments", ()) if not x.confirmed]
            if open_c:
                blockers = f._submit_blockers()  # a required 告知承诺 is signed; others not
                for x in open_c:
                    if any(x.title in b for b in blockers):
                        c.tap("commit")
                        f.confirm_commitment(x.id, True)
                        c.tap("signature")
                        c.tap("signConfirm")
                        f.sign(*sample_signature())
                s = f.screen()
                view = s.view
            together = bool(getattr(view, "submit_consents", False))
            if getattr(view, "needs_consent", False) and not getattr(view, "consented", False):
                if together:
                    s = f.submit(True)
                    c.tap("同意并提交")
                    continue
                c.tap("consent")
                f.consent(True)
            c.tap("submit")
            s = f.submit()
        elif s.step is Step.DONE:
            c.submitted = True
            if not getattr(s.view, "auto_print", False):
                c.tap("printReceipt")
            f.print_receipt()
            f.end("count")
            return c
        elif s.step is Step.PROBLEM:
            pytest.fail(f"{code}: {getattr(s.view, 'problem', s.view)}")
        else:
            pytest.fail(f"{code}: unexpected {s.step.value}")
    pytest.fail(f"{code}: no end")


def count_all(kiosk: Kiosk, elder: bool = True) -> list[Count]:
    codes = [i.code for i in kiosk.catalog.items] + [b.code for b in kiosk.catalog.bundles]
    return [entry_touches(kiosk, code, elder) for code in codes]


def table(counts: list[Count]) -> str:
    rows = [f"{'code':<15} {'touches':>7} {'keys':>5}  name / path"]
    for c in counts:
        rows.append(f"{c.code:<15} {c.touches:>7} {c.keys:>5}  {c.name}"
                    + ("" if c.submitted else " (counter-only: guide + 打印材料清单)"))
        rows.append(f"{'':<30}  {' → '.join(c.path)}")
    return "\n".join(rows)


def test_every_item_and_bundle_has_a_touch_count(kiosk: Kiosk) -> None:
    counts = count_all(kiosk)
    print("\n长辈模式, touches after the card read (keys: typed into required fields)")
    print(table(counts))
    assert len(counts) == len(kiosk.catalog.items) + len(kiosk.catalog.bundles)
    elder = next(c for c in counts if c.code == ELDER_ITEM)
    assert elder.touches <= BUDGET, elder.path
    assert elder.keys == 0

