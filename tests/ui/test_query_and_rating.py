"""办件查询 and 好差评 on the touch screen: real Kiosk, mock devices, offscreen Qt, taps on
the window at the place each button is drawn (found by objectName, so layout tweaks do not
break the tests, but a hidden or covered button still does)."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import datetime as dt
import json
from collections.abc import Iterator

from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from devices.idcard import IdCard
from devices.idcard.mock import MockCardReader
from kiosk.app import Kiosk
from kiosk.cases import Case
from kiosk.flow import Step
from kiosk.identity import gb11643_check_char
from kiosk.samples import scripted_visit
from kiosk.session import SessionView
from tests.ui.settle import wait_still
from ui.items import child_items
from ui.vm import ShellViewModel

ID_NUMBER = "42010219800101001" + gb11643_check_char("42010219800101001")
OTHER_ID = "42010219520704002" + gb11643_check_char("42010219520704002")
PHONE = "13800138000"
WAIT_MS = 10_000  # the machine is shared with a long reliability run: be patient


def card(name: str = "王建国", id_number: str = ID_NUMBER) -> IdCard:
    born = dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    sex = "1" if int(id_number[16]) % 2 else "2"
    return IdCard(name=name, id_number=id_number, sex_code=sex, nation_code="01",
                  birth_date=born, address="湖北省武汉市江岸区示范社区3号",
                  issuer="武汉市公安局江岸分局", valid_from=dt.date(2015, 1, 1),
                  valid_until=None)


def submit_case(kiosk: Kiosk, who: IdCard, item_index: int) -> Case:
    """A case filed earlier on this terminal, through the core flow, card to receipt."""
    result = scripted_visit(kiosk.flow, kiosk.catalog.items[item_index].code, who)
    assert result.submitted
    case = kiosk.flow.visit.cases[0]
    kiosk.flow.end("test")
    return case


def visible_items(window: QQuickWindow) -> Iterator[QQuickItem]:
    stack = [window.contentItem()]
    while stack:
        item = stack.pop()
        if not item.isVisible():
            continue
        yield item
        stack.extend(child_items(item))


def find(window: QQuickWindow, name: str) -> QQuickItem:
    found = [i for i in visible_items(window) if i.objectName() == name]
    assert len(found) == 1, f"{name}: {len(found)} visible items"
    return found[0]


def tap(qtbot: QtBot, window: QQuickWindow, name: str) -> None:
    """Taps the middle of ``name`` once it is visible and stays put over five polls, as a
    finger taps what it sees: a screen still being laid out (a reason list opening under
    the faces) must not move under the click."""
    wait_still(qtbot, lambda: find(window, name))
    item = find(window, name)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre)
    qtbot.wait(50)


def screen_texts(window: QQuickWindow) -> list[str]:
    return [str(i.property("text")) for i in visible_items(window)
            if i.property("text") is not None]


def ratings(kiosk: Kiosk) -> list[dict[str, object]]:
    return list(kiosk.store.db["ratings"].rows)


def rate_from_home(qtbot: QtBot, window: QQuickWindow, vm: ShellViewModel,
                   kiosk: Kiosk) -> None:
    """好差评 from the home screen: tap the tile, lay the card on, wait for the faces."""
    tap(qtbot, window, "homeRate")
    MockCardReader(kiosk.config.mock_dir).insert(card())
    qtbot.waitUntil(lambda: vm.step == "rate", timeout=WAIT_MS)


def type_digits(qtbot: QtBot, window: QQuickWindow, digits: str) -> None:
    for digit in digits:
        tap(qtbot, window, f"key:{digit}")


def test_query_lists_the_residents_cases_newest_first(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    window, vm = screen
    first = submit_case(kiosk, card(), 0)
    second = submit_case(kiosk, card(), 2)
    submit_case(kiosk, card("李秀英", OTHER_ID), 1)  # someone else's: never listed

    tap(qtbot, window, "homeQuery")
    qtbot.waitUntil(lambda: vm.step == "insert_card", timeout=WAIT_MS)
    assert vm.card.prompt in screen_texts(window)
    MockCardReader(kiosk.config.mock_dir).insert(card())
    qtbot.waitUntil(lambda: vm.step == "query_result", timeout=WAIT_MS)

    rows = vm.query.records.rows()
    assert [r["caseNo"] for r in rows] == [second.display_no, first.display_no]
    assert [r["items"] for r in rows] == [kiosk.items[2].name, kiosk.items[0].name]
    assert {r["status"] for r in rows} == {"已提交，等待上传"}
    today = dt.date.today()
    assert vm.query.records.rows()[0]["date"] == f"{today.year}年{today.month}月{today.day}日"
    # What the resident sees: the numbers in the rows, the masked name at the top.
    assert find(window, "caseNo0").property("text") == second.display_no
    assert find(window, "caseNo1").property("text") == first.display_no
    assert find(window, "caseStatus0").property("text") == "已提交，等待上传"
    texts = " ".join(screen_texts(window))
    assert "您好，王**" in texts
    assert "王建国" not in texts and ID_NUMBER not in texts

    tap(qtbot, window, "homeButton")
    qtbot.waitUntil(lambda: vm.step == "home", timeout=WAIT_MS)
    assert kiosk.session.view == SessionView() and kiosk.session.query_case_ids == []
    assert kiosk.flow.visit.step is Step.HOME and kiosk.flow.visit.query_rows == []


def test_query_with_no_cases_says_so(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    window, vm = screen
    submit_case(kiosk, card("李秀英", OTHER_ID), 1)

    tap(qtbot, window, "homeQuery")
    qtbot.waitUntil(lambda: vm.step == "insert_card", timeout=WAIT_MS)
    MockCardReader(kiosk.config.mock_dir).insert(card())
    qtbot.waitUntil(lambda: vm.step == "query_result", timeout=WAIT_MS)

    assert vm.query.records.rows() == []
    assert vm.query.note != ""
    assert find(window, "queryEmpty").property("text") == vm.query.note


def test_query_says_plainly_when_the_platform_cannot_be_reached(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    window, vm = screen
    case = submit_case(kiosk, card(), 0)

    tap(qtbot, window, "homeQuery")
    MockCardReader(kiosk.config.mock_dir).insert(card())
    qtbot.waitUntil(lambda: vm.step == "query_result", timeout=WAIT_MS)

    assert "本机" in vm.query.note  # said plainly: these are this terminal's records
    note = find(window, "queryNote")
    assert vm.query.note in [str(c.property("text")) for c in child_items(note)]
    # local records still shown
    assert [r["caseNo"] for r in vm.query.records.rows()] == [case.display_no]


def test_satisfied_rating_after_a_service_is_stored_and_queued(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    window, vm = screen
    scripted_visit(kiosk.flow, kiosk.catalog.items[0].code, card())
    vm.refresh()
    assert vm.step == "done"
    case = kiosk.flow.visit.cases[0]

    tap(qtbot, window, "rate")
    qtbot.waitUntil(lambda: vm.step == "rate", timeout=WAIT_MS)
    assert vm.rating.caseNo == case.display_no
    tap(qtbot, window, "level4")  # 满意
    assert vm.rating.level == 4
    tap(qtbot, window, "submitRating")
    qtbot.waitUntil(lambda: vm.step == "rated", timeout=WAIT_MS)
    assert "感谢您的评价" in screen_texts(window)

    stored = ratings(kiosk)
    assert len(stored) == 1
    assert stored[0]["level"] == 4 and stored[0]["case_id"] == case.id
    assert stored[0]["phone"] is None
    kinds = [r["kind"] for r in kiosk.store.outbox_rows()]
    assert kinds.count("rating") == 1
    # The thank-you goes home by itself (the flow table's auto_next_s).
    qtbot.waitUntil(lambda: vm.step == "home", timeout=WAIT_MS)
    assert vm.actions[-1] == ("home", ())
    assert kiosk.session.view == SessionView()


def test_dissatisfied_rating_needs_a_phone_number(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    window, vm = screen
    submit_case(kiosk, card(), 0)
    newest = submit_case(kiosk, card(), 1)

    tap(qtbot, window, "homeRate")  # 好差评 from home: the card finds the newest case
    qtbot.waitUntil(lambda: vm.step == "insert_card", timeout=WAIT_MS)
    MockCardReader(kiosk.config.mock_dir).insert(card())
    qtbot.waitUntil(lambda: vm.step == "rate", timeout=WAIT_MS)
    assert vm.rating.caseNo == newest.display_no

    tap(qtbot, window, "level2")  # 不满意
    assert vm.rating.level == 2
    tap(qtbot, window, "reason:等待时间长")
    tap(qtbot, window, "submitPoor")
    qtbot.waitUntil(lambda: vm.rating.problem, timeout=WAIT_MS)
    assert vm.step == "rate"
    reason = "请留下手机号码，工作人员会在3个工作日内给您回电了解情况"
    assert vm.rating.message == reason
    assert find(window, "ratingProblem").property("text") == reason
    assert ratings(kiosk) == []

    type_digits(qtbot, window, PHONE)
    assert find(window, "phoneDisplay").property("text") == "138 0013 8000"
    tap(qtbot, window, "submitPoor")
    qtbot.waitUntil(lambda: vm.step == "rated", timeout=WAIT_MS)

    stored = ratings(kiosk)
    assert len(stored) == 1
    assert stored[0]["level"] == 2 and stored[0]["case_id"] == newest.id
    assert json.loads(str(stored[0]["reasons"])) == ["等待时间长"]
    assert stored[0]["phone"] is not None and PHONE.encode() not in bytes(stored[0]["phone"])
    assert [r["kind"] for r in kiosk.store.outbox_rows()].count("rating") == 1


def test_a_wrong_phone_number_is_refused_with_the_reason(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    window, vm = screen
    submit_case(kiosk, card(), 0)
    rate_from_home(qtbot, window, vm, kiosk)
    tap(qtbot, window, "level1")
    type_digits(qtbot, window, "1380013")
    tap(qtbot, window, "submitPoor")
    qtbot.waitUntil(lambda: vm.rating.problem, timeout=WAIT_MS)
    assert vm.step == "rate" and "手机" in vm.rating.message
    assert find(window, "ratingProblem").property("text") == vm.rating.message
    assert ratings(kiosk) == []
    # The refusal keeps what was typed, so the resident only adds the missing digits.
    assert find(window, "phoneDisplay").property("text") == "138 0013"
    type_digits(qtbot, window, "8000")
    assert "原因" in vm.rating.message  # 差评 needs a reason too (the national rule)
    tap(qtbot, window, "reason:" + vm.rating.poorReasons[0])
    tap(qtbot, window, "submitPoor")
    qtbot.waitUntil(lambda: vm.step == "rated", timeout=WAIT_MS)
    assert [r["level"] for r in ratings(kiosk)] == [1]


def test_idle_timeout_on_the_rating_screen_wipes_it_and_returns_home(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    window, vm = screen
    submit_case(kiosk, card(), 0)
    rate_from_home(qtbot, window, vm, kiosk)
    tap(qtbot, window, "level2")
    type_digits(qtbot, window, "138")
    assert find(window, "phoneDisplay").property("text") == "138"
    MockCardReader(kiosk.config.mock_dir).remove()

    vm.idleTimeoutMs = 600
    qtbot.waitUntil(lambda: vm.step == "home", timeout=WAIT_MS)

    assert kiosk.session.view == SessionView()
    assert kiosk.session.applicant is None and kiosk.session.rating_case_id is None
    assert kiosk.flow.visit.applicant is None and vm.maskedName == ""
    assert vm.query.maskedName == ""
    assert vm.rating.caseNo == "" and vm.rating.level == 0
    assert ratings(kiosk) == []
    texts = " ".join(screen_texts(window))
    assert "王" not in texts and "138" not in texts
    # Coming back to the rating screen starts empty: the typed digits are gone too.
    rate_from_home(qtbot, window, vm, kiosk)
    tap(qtbot, window, "level2")
    assert find(window, "phoneDisplay").property("text") == "请用下面的数字键输入"
