"""The resident-flow screens (H8) in real QML offscreen, on the real flow.

Each test presses a screen's primary action where a resident would (a mouse click at the
item's centre, found by objectName) and checks that the flow moved and the next screen is
on view with the right words. The flow is ``Kiosk.flow`` on a throwaway terminal with mock
devices; nothing is stubbed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem, QQuickWindow
from pytestqt.qtbot import QtBot

from devices.idcard import CardRead
from devices.printer.mock import MockPrinter
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.flow import UNKNOWN, Step
from kiosk.samples import _cover_one, sample_card, sample_signature, sample_values
from tests.conftest import free_port
from tests.ui.settle import wait_still
from ui.items import child_items
from ui.vm import service_answers, service_done, service_find, service_guide, service_query
from ui.vm.service_base import FlowBridge
from ui.vm.service_screens import ServiceStage

# pytest-qt's Qt message capture deadlocks here once Qt Virtual Keyboard's InputPanel is
# created (the search screen holds one): QML warnings are collected by the stage instead
# and every test fails on any (see the ``stage`` fixture).
pytestmark = pytest.mark.no_qt_log

REGISTERED = (service_answers, service_done, service_find, service_guide, service_query)
CARD = sample_card(dt.date(1950, 3, 12))


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    cfg = Config(data_dir=tmp_path / "data", platform_url=f"http://127.0.0.1:{free_port()}")
    k = Kiosk.open(cfg)
    yield k
    k.close()


@pytest.fixture
def stage(qtbot: QtBot, kiosk: Kiosk) -> Iterator[ServiceStage]:
    """The window on 我要办事 (browsing, no card yet); fails on any QML warning."""
    kiosk.flow.browse()
    s = ServiceStage(FlowBridge(kiosk.flow))
    with qtbot.waitExposed(s.window):
        s.window.show()
    yield s
    warnings = list(s.warnings)
    s.close()
    assert warnings == []


def item(stage: ServiceStage, name: str) -> QQuickItem:
    """The item named ``name`` in the visual tree (delegates have no QObject parent)."""
    todo = [stage.window.contentItem()]
    while todo:
        it = todo.pop()
        if it.objectName() == name:
            return it
        todo.extend(child_items(it))
    raise AssertionError(f"no item {name!r} on {stage.step}")


def press(qtbot: QtBot, stage: ServiceStage, name: str) -> None:
    """Clicks the centre of the named item, scrolling a long page to it first."""
    target = item(stage, name)
    assert target.isVisible(), f"{name} is not visible"
    window: QQuickWindow = stage.window
    _scroll_into_view(target)
    qtbot.wait(1)
    centre = target.mapToScene(QPointF(target.width() / 2, target.height() / 2))
    assert 0 <= centre.x() < window.width() and 0 <= centre.y() < window.height(), name
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=centre.toPoint())  # type: ignore[no-untyped-call]
    qtbot.wait(20)  # the stage swaps screens once the click has returned


def settle(qtbot: QtBot, stage: ServiceStage, name: str) -> None:
    """Waits until the named item stays put: the first search builds the pinyin index and
    the keyboard loads its plugin, and a list still being laid out moves under the click."""
    wait_still(qtbot, lambda: item(stage, name))


def _scroll_into_view(target: QQuickItem) -> None:
    parent = target.parentItem()
    while parent is not None and parent.objectName() != "scrollArea":
        parent = parent.parentItem()
    if parent is None:
        return
    content = parent.property("contentItem")
    assert isinstance(content, QQuickItem)
    top = target.mapToItem(content, QPointF(0, 0)).y()
    most = max(0.0, float(parent.property("contentHeight")) - parent.height())
    parent.setProperty("contentY", min(most, max(0.0, top - 20)))


def reload(qtbot: QtBot, stage: ServiceStage) -> None:
    """After driving the flow directly (steps that are not this test's subject)."""
    stage.session.reload()
    qtbot.wait(20)


def texts(root: QQuickItem) -> list[str]:
    """Every visible text under ``root``."""
    out: list[str] = []
    todo = [root]
    while todo:
        it = todo.pop()
        if not it.isVisible():
            continue
        if it.inherits("QQuickText") and it.property("text"):
            out.append(str(it.property("text")))
        todo.extend(child_items(it))
    return out


def on_screen(stage: ServiceStage, words: str) -> bool:
    screen = stage.screen()
    return screen is not None and any(words in t for t in texts(screen))


def screen_name(stage: ServiceStage) -> str:
    screen = stage.screen()
    return screen.objectName() if screen is not None else ""


def with_card(kiosk: Kiosk) -> None:
    kiosk.flow.end("test")
    kiosk.flow.start("service")
    kiosk.flow.on_card(CardRead(CARD))


# Finding a service ---------------------------------------------------------------------------

def test_bundles_come_first_and_a_bundle_opens_its_guide(qtbot: QtBot, stage: ServiceStage,
                                                         kiosk: Kiosk) -> None:
    assert screen_name(stage) == "findServiceScreen"
    row = item(stage, "bundleRow")
    grid = item(stage, "categoryGrid")
    assert row.mapToScene(QPointF(0, 0)).y() < grid.mapToScene(QPointF(0, 0)).y()
    for b in kiosk.catalog.bundles:
        assert item(stage, f"bundle_{b.code}").property("text") == b.name
    press(qtbot, stage, "bundle_LOCAL-YJS-0001")
    assert stage.step == Step.GUIDE.value and screen_name(stage) == "guideScreen"
    assert on_screen(stage, "新生儿出生一件事")
    assert on_screen(stage, "一次办好这些事项")
    for code in ("LOCAL-WJ-0001", "LOCAL-GA-0003"):
        assert on_screen(stage, kiosk.catalog.item(code).name)


def test_a_category_lists_its_items_and_one_opens_its_guide(qtbot: QtBot,
                                                            stage: ServiceStage) -> None:
    press(qtbot, stage, "category_minzheng")
    assert stage.step == Step.CATEGORY.value and screen_name(stage) == "categoryScreen"
    assert on_screen(stage, "民政") and on_screen(stage, "最低生活保障申请")
    press(qtbot, stage, "entry_LOCAL-MZ-0004")
    assert screen_name(stage) == "guideScreen"
    for words in ("最低生活保障申请", "20个工作日", "不收费", "需要的材料", "12345"):
        assert on_screen(stage, words), words
    press(qtbot, stage, "backButton")
    assert screen_name(stage) == "categoryScreen"


@pytest.mark.parametrize("typed", ["养老", "yanglao", "ylbx"])
def test_search_answers_chinese_pinyin_and_initials(qtbot: QtBot, stage: ServiceStage,
                                                    typed: str) -> None:
    press(qtbot, stage, "searchBox")
    assert stage.step == Step.SEARCH.value and screen_name(stage) == "searchScreen"
    field = item(stage, "searchField")
    assert field.hasActiveFocus()
    field.setProperty("text", typed)  # what the keyboard commits; preedit goes the same way
    qtbot.waitUntil(lambda: on_screen(stage, "城乡居民基本养老保险参保登记"))
    # The open keyboard leaves room for one row of results (the rest on 下一页); the
    # resident closes it with its hide key to see them all, as done here.
    QGuiApplication.inputMethod().hide()
    qtbot.waitUntil(lambda: not QGuiApplication.inputMethod().isVisible(), timeout=3000)
    settle(qtbot, stage, "entry_LOCAL-RS-0001")  # as a finger would: on the list it sees
    press(qtbot, stage, "entry_LOCAL-RS-0001")
    qtbot.waitUntil(lambda: screen_name(stage) == "guideScreen", timeout=3000)
    assert on_screen(stage, "城乡居民基本养老保险参保登记")


def test_a_search_that_finds_nothing_says_what_to_try(qtbot: QtBot, stage: ServiceStage) -> None:
    press(qtbot, stage, "searchBox")
    item(stage, "searchField").setProperty("text", "飞机票")
    qtbot.waitUntil(lambda: on_screen(stage, "没有找到相关事项"))
    assert item(stage, "searchNote").isVisible()


def test_a_counter_only_item_says_where_to_go_and_still_prints_its_checklist(
        qtbot: QtBot, stage: ServiceStage, kiosk: Kiosk) -> None:
    kiosk.flow.open_entry("LOCAL-NY-0001")
    reload(qtbot, stage)
    assert screen_name(stage) == "guideScreen"
    assert item(stage, "counterBanner").isVisible()
    assert on_screen(stage, "这个事项需要到窗口办理")
    assert not item(stage, "guideStart").isVisible()
    printed = kiosk.config.mock_dir / "printed"
    press(qtbot, stage, "guidePrint")
    assert stage.step == Step.GUIDE.value
    assert list(printed.glob("*.pdf")), "the checklist never reached the printer"


# 智能导办 and the checklist -----------------------------------------------------------------

def test_questions_one_per_screen_with_back_then_the_tailored_checklist(
        qtbot: QtBot, stage: ServiceStage, kiosk: Kiosk) -> None:
    kiosk.flow.open_entry("LOCAL-MZ-0004")
    reload(qtbot, stage)
    press(qtbot, stage, "guideStart")
    assert stage.step == Step.QUESTION.value and screen_name(stage) == "questionScreen"
    first = item(stage, "questionText").property("text")
    assert first == kiosk.catalog.questions["proxy"].text
    assert [t for t in ("choice_yes", "choice_no", f"choice_{UNKNOWN}")
            if item(stage, t).isVisible()] == ["choice_yes", "choice_no", f"choice_{UNKNOWN}"]
    press(qtbot, stage, "choice_no")
    second = item(stage, "questionText").property("text")
    assert second != first and on_screen(stage, "第 2 题")
    press(qtbot, stage, "backButton")
    assert item(stage, "questionText").property("text") == first
    assert item(stage, "choice_no").property("kind") == "primary"  # the answer is kept
    press(qtbot, stage, "choice_no")
    press(qtbot, stage, f"choice_{UNKNOWN}")  # 告知承诺? 不清楚
    while stage.step == Step.QUESTION.value:
        press(qtbot, stage, "choice_no")
    assert screen_name(stage) == "checklistScreen"
    assert item(stage, "checklistPending").isVisible()
    assert on_screen(stage, "视情形提供")
    assert on_screen(stage, "家庭经济状况核对授权书") or on_screen(stage, "授权")
    press(qtbot, stage, "checklistPrint")
    assert on_screen(stage, "已打印")
    press(qtbot, stage, "checklistApply")  # no card read yet: the card comes first
    assert stage.step == Step.INSERT_CARD.value


# Check answers, submit, done ------------------------------------------------------------------

def _to_check_answers(kiosk: Kiosk, code: str) -> None:
    f = kiosk.flow
    with_card(kiosk)
    f.open_entry(code)
    s = f.apply()
    for _ in range(40):
        if s.step is Step.QUESTION:
            s = f.answer("no")
        elif s.step is Step.CHECKLIST:
            s = f.apply()
        elif s.step is Step.FORM:
            ids = [x.id for x in getattr(s.view, "fields", ()) if not x.read_only]
            s = f.continue_form(sample_values(kiosk.catalog, ids, f.today()))
        elif s.step is Step.PHOTO:
            s = f.take_photo()
        elif s.step is Step.MATERIALS:  # issue 14's step: covered as the sample visit does
            s = _cover_one(f, s) or f.continue_materials()
        elif s.step is Step.ECERT_SCAN:
            s = f.scan_ecert([f"DZZZ1:{f.visit.arg.upper()}:5101232026000123:7F3A9C2E11B04D58"])
        elif s.step is Step.SIGN:
            s = f.sign(*sample_signature())
        else:
            break
    assert s.step is Step.CHECK_ANSWERS, s.step


def test_check_answers_changes_consents_and_submits_to_the_done_screen(
        qtbot: QtBot, stage: ServiceStage, kiosk: Kiosk) -> None:
    _to_check_answers(kiosk, "LOCAL-RS-0001")
    reload(qtbot, stage)
    assert screen_name(stage) == "checkAnswersScreen"
    view = kiosk.flow.screen().view
    changeable = [a for a in (*view.answers, *view.fields) if a.changeable]  # type: ignore[union-attr]
    assert changeable, "nothing on 核对信息 can be changed"
    for a in changeable:
        assert item(stage, f"change_{a.key}").property("text") == "修改"
    press(qtbot, stage, f"change_{changeable[0].key}")
    assert stage.step in (Step.QUESTION.value, Step.FORM.value)
    kiosk.flow.back() if stage.step == Step.FORM.value else kiosk.flow.answer("no")
    reload(qtbot, stage)
    assert screen_name(stage) == "checkAnswersScreen"  # a change returns here
    if item(stage, "consent").isVisible():
        # the consent is all that is left: one touch may give it and submit (同意并提交)
        assert item(stage, "submit").property("text") == "同意并提交"
        press(qtbot, stage, "consent")
        assert item(stage, "submit").property("text") == "确认提交"
        assert on_screen(stage, "已同意")
    press(qtbot, stage, "submit")
    assert stage.step == Step.DONE.value and screen_name(stage) == "serviceDoneScreen"
    case = kiosk.flow.visit.cases[0]
    assert on_screen(stage, case.display_no) and on_screen(stage, "提交成功")
    assert not item(stage, "bundleNumber").isVisible()
    press(qtbot, stage, "printReceipt")
    assert on_screen(stage, "回执已打印")
    press(qtbot, stage, "rate")
    assert stage.step == Step.RATE.value


def test_a_bundle_done_screen_shows_the_bundle_number_and_every_case(
        qtbot: QtBot, stage: ServiceStage, kiosk: Kiosk) -> None:
    _to_check_answers(kiosk, "LOCAL-YJS-0001")
    kiosk.flow.consent(True)
    for c in getattr(kiosk.flow.screen().view, "commitments", ()):
        kiosk.flow.confirm_commitment(c.id)  # opens the pad: signed there, not touched
        kiosk.flow.sign(*sample_signature())
    reload(qtbot, stage)
    press(qtbot, stage, "submit")
    assert screen_name(stage) == "serviceDoneScreen", kiosk.flow.screen().view
    cases = kiosk.flow.visit.cases
    assert len(cases) > 1 and cases[0].bundle_no
    assert item(stage, "bundleNumber").isVisible()
    assert item(stage, "bundleNo").property("text") == cases[0].bundle_no
    for c in cases:
        assert on_screen(stage, c.display_no)
    press(qtbot, stage, "skipRating")  # rating is offered, never forced
    assert stage.step == Step.HOME.value


def test_out_of_paper_shows_the_number_large_with_the_qr_and_goes_on(
        qtbot: QtBot, stage: ServiceStage, kiosk: Kiosk) -> None:
    _to_check_answers(kiosk, "LOCAL-RS-0002")
    kiosk.flow.consent(True)
    reload(qtbot, stage)
    press(qtbot, stage, "submit")
    MockPrinter(kiosk.config.mock_dir).set_sheets(0)
    press(qtbot, stage, "printReceipt")
    assert stage.step == Step.PRINT_PROBLEM.value and screen_name(stage) == "printProblemScreen"
    case = kiosk.flow.visit.cases[0]
    big = item(stage, "bigCaseNo")
    assert big.property("text") == case.display_no
    assert big.property("font").pixelSize() >= 36
    assert item(stage, "receiptQr").property("source").toString().startswith(
        "data:image/svg+xml")
    assert on_screen(stage, "打印机没有纸了")
    press(qtbot, stage, "printSkip")
    assert stage.step == Step.DONE.value


# 办件查询 by number, 补正, problems --------------------------------------------------------------

def test_query_by_number_is_typed_on_the_digit_pad(qtbot: QtBot, stage: ServiceStage,
                                                   kiosk: Kiosk) -> None:
    kiosk.flow.end("test")
    kiosk.flow.start_query_number()
    reload(qtbot, stage)
    assert screen_name(stage) == "queryNumberScreen"
    for d in "4201":
        press(qtbot, stage, f"digitKey_{d}")
    assert item(stage, "queryNumberBox").property("text") == "4201"
    press(qtbot, stage, "queryFind")
    # a number nobody has: the lookup ran and says so in plain words
    assert stage.step in (Step.QUERY_NUMBER.value, Step.QUERY_RESULT.value)
    if stage.step == Step.QUERY_NUMBER.value:
        assert item(stage, "queryNumberError").isVisible()


def test_a_counter_only_apply_is_a_problem_screen_whose_retry_shows_the_checklist(
        qtbot: QtBot, stage: ServiceStage, kiosk: Kiosk) -> None:
    with_card(kiosk)
    kiosk.flow.open_entry("LOCAL-NY-0001")
    kiosk.flow.apply()
    reload(qtbot, stage)
    assert screen_name(stage) == "problemScreen:counter_only"
    banner = item(stage, "problemBanner")
    assert banner.property("title") and banner.property("nextStep")
    press(qtbot, stage, "problemRetry")
    assert stage.step == Step.CHECKLIST.value and screen_name(stage) == "checklistScreen"


def test_a_number_question_is_typed_on_large_digit_keys(qtbot: QtBot, stage: ServiceStage,
                                                        kiosk: Kiosk) -> None:
    kiosk.flow.open_entry("LOCAL-YJS-0002")  # 退休一件事 asks the age before a card is read
    kiosk.flow.start_questions()
    reload(qtbot, stage)
    assert screen_name(stage) == "questionScreen"
    assert item(stage, "questionPad").isVisible()
    first = item(stage, "questionText").property("text")
    for key in ("6", "5"):
        press(qtbot, stage, f"questionKey_{key}")
    assert item(stage, "questionNumber").property("text") == "65"
    press(qtbot, stage, "questionNumberDone")
    assert kiosk.flow.visit.answers.get("age") == 65
    assert stage.step != Step.QUESTION.value or \
        item(stage, "questionText").property("text") != first
