"""The touch screens, driven like a resident would: real Kiosk, mock devices, offscreen Qt."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickWindow
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from devices.idcard import IdCard
from devices.idcard.mock import MockCardReader
from devices.printer.mock import MockPrinter
from devices.printer.printer import PrinterOutOfPaper
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.identity import gb11643_check_char
from kiosk.session import SessionView
from ui.frontend import QtFrontend
from ui.vm import ShellViewModel

SCREENS = ("home", "insert_card", "choose_item", "confirm", "done")
ID_NUMBER = "42010219800101001" + gb11643_check_char("42010219800101001")


def resident_card() -> IdCard:
    return IdCard(name="王建国", id_number=ID_NUMBER, sex_code="1", nation_code="01",
                  birth_date=dt.date(1980, 1, 1), address="湖北省武汉市江岸区示范社区3号",
                  issuer="武汉市公安局江岸分局", valid_from=dt.date(2015, 1, 1),
                  valid_until=None)


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    # Port 9 (discard) has no listener: these tests never sync, and health checks fail fast.
    cfg = Config(data_dir=tmp_path / "data", platform_url="http://127.0.0.1:9",
                 idle_timeout_s=5)
    k = Kiosk.open(cfg)
    yield k
    k.close()


@pytest.fixture
def vm(qtbot: QtBot, kiosk: Kiosk) -> Iterator[ShellViewModel]:
    model = ShellViewModel(kiosk, live=True)
    yield model
    model.shutdown()


@pytest.fixture
def frontend(qtbot: QtBot) -> Iterator[QtFrontend]:
    f = QtFrontend()
    yield f
    f.close()


def read_card(vm: ShellViewModel, kiosk: Kiosk, qtbot: QtBot) -> None:
    vm.home.startVisit()
    MockCardReader(kiosk.config.mock_dir).insert(resident_card())
    qtbot.waitUntil(lambda: vm.step == "choose_item", timeout=3000)


def show_live(qtbot: QtBot, frontend: QtFrontend,
              kiosk: Kiosk) -> tuple[QQuickWindow, ShellViewModel]:
    """The window residents see, shown and driven by its live view model."""
    window, vm = frontend.load(kiosk, live=True)
    with qtbot.waitExposed(window):
        window.show()
    return window, vm


def click(window: QQuickWindow, x: int, y: int) -> None:
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(x, y))


def grey_spread(path: Path) -> tuple[int, float]:
    """Distinct colours and grey-level standard deviation over a sampling grid."""
    img = QImage(str(path))
    assert not img.isNull()
    greys: list[int] = []
    colours: set[int] = set()
    for y in range(0, img.height(), 8):
        for x in range(0, img.width(), 8):
            c = img.pixelColor(x, y)
            colours.add(c.rgb())
            greys.append((c.red() * 299 + c.green() * 587 + c.blue() * 114) // 1000)
    mean = sum(greys) / len(greys)
    var = sum((g - mean) ** 2 for g in greys) / len(greys)
    return len(colours), var ** 0.5


def test_screenshots_render_every_screen_as_a_distinct_non_blank_png(
        frontend: QtFrontend, kiosk: Kiosk, tmp_path: Path) -> None:
    paths = frontend.screenshots(kiosk, tmp_path / "shots")

    names = [p.stem for p in paths]
    assert set(SCREENS) <= set(names)
    assert "card_error" in names and "print_failed" in names
    digests = set()
    for p in paths:
        assert p.stat().st_size > 0
        img = QImage(str(p))
        assert (img.width(), img.height()) == (1280, 800)
        colours, spread = grey_spread(p)
        assert colours > 20, p.name
        assert spread > 20, p.name
        digests.add(hashlib.sha256(img.constBits().tobytes()).hexdigest())
    assert len(digests) == len(paths), "two sample states rendered the same picture"
    assert frontend.qml_warnings == []
    # The sample states are gone: the next resident starts from an empty session.
    assert kiosk.session.view == SessionView()
    assert kiosk.session.applicant is None


def test_screenshot_follows_the_current_session(frontend: QtFrontend, kiosk: Kiosk,
                                                tmp_path: Path) -> None:
    home = frontend.screenshot(kiosk, tmp_path / "a.png")
    kiosk.start_visit()
    waiting = frontend.screenshot(kiosk, tmp_path / "b.png")
    assert QImage(str(home)) != QImage(str(waiting))
    vm = frontend.view_model
    assert vm is not None and vm.step == "insert_card"


def test_inserted_card_moves_from_home_to_choosing_an_item(
        qtbot: QtBot, vm: ShellViewModel, kiosk: Kiosk) -> None:
    assert vm.step == "home"
    vm.home.startVisit()
    assert vm.step == "insert_card"
    assert vm.card.message == "请将身份证放在读卡区"
    assert not vm.card.problem
    qtbot.wait(700)  # a couple of polls with an empty reader change nothing
    assert vm.step == "insert_card"

    MockCardReader(kiosk.config.mock_dir).insert(resident_card())
    qtbot.waitUntil(lambda: vm.step == "choose_item", timeout=3000)

    assert vm.choice.maskedName == "王**"
    assert vm.choice.maskedId == "4201**********" + ID_NUMBER[-4:]
    assert [i["code"] for i in vm.choice.items.rows()] == [i.code for i in kiosk.items]
    assert [i["name"] for i in vm.choice.items.rows()] == [i.name for i in kiosk.items]


def test_torn_card_read_stays_on_the_card_screen_with_the_reason(
        qtbot: QtBot, vm: ShellViewModel, kiosk: Kiosk) -> None:
    vm.home.startVisit()
    MockCardReader(kiosk.config.mock_dir).insert_torn()
    qtbot.waitUntil(lambda: vm.card.problem, timeout=3000)
    assert vm.step == "insert_card"
    assert vm.card.message == "读卡失败，请取出身份证后重新放置"
    assert vm.choice.maskedName == ""


def test_submit_shows_the_case_number_and_prints_the_receipt(
        qtbot: QtBot, vm: ShellViewModel, kiosk: Kiosk) -> None:
    read_card(vm, kiosk, qtbot)
    item = kiosk.items[1]
    vm.choice.choose(item.code)
    assert vm.step == "confirm"
    assert vm.choice.chosen.rows() == [{"code": item.code, "name": item.name}]

    vm.choice.submit()

    assert vm.step == "done"
    case = kiosk.session.case
    assert case is not None
    assert vm.done.caseNo == case.local_no
    assert vm.done.caseNo.startswith(f"{kiosk.config.terminal_id}-")
    assert vm.done.caseStatus == "已提交，等待上传"
    assert vm.queueDepth == 1
    assert not vm.done.printed

    vm.done.printReceipt()
    qtbot.waitUntil(lambda: vm.done.printed, timeout=10_000)
    assert not vm.done.printing
    printed = list((kiosk.config.mock_dir / "printed").glob("*.pdf"))
    assert len(printed) == 1
    assert Path(kiosk.session.view.receipt_path).is_file()


def test_printer_out_of_paper_is_told_to_the_resident(
        qtbot: QtBot, vm: ShellViewModel, kiosk: Kiosk) -> None:
    MockPrinter(kiosk.config.mock_dir).set_sheets(0)
    read_card(vm, kiosk, qtbot)
    vm.choice.choose(kiosk.items[0].code)
    vm.choice.submit()

    vm.done.printReceipt()
    qtbot.waitUntil(lambda: not vm.done.printing, timeout=10_000)

    assert vm.step == "done"
    assert not vm.done.printed
    assert vm.done.message == PrinterOutOfPaper.resident_message


def test_going_back_from_confirm_keeps_the_card_but_drops_the_choice(
        qtbot: QtBot, vm: ShellViewModel, kiosk: Kiosk) -> None:
    read_card(vm, kiosk, qtbot)
    vm.choice.choose(kiosk.items[0].code)
    vm.choice.chooseAgain()
    assert vm.step == "choose_item"
    assert vm.choice.chosen.rows() == []
    assert vm.choice.maskedName == "王**"


def test_idle_timeout_wipes_the_resident_and_returns_home(
        qtbot: QtBot, vm: ShellViewModel, kiosk: Kiosk) -> None:
    assert vm.idleTimeoutMs == 5000  # from Config.idle_timeout_s
    read_card(vm, kiosk, qtbot)
    vm.choice.choose(kiosk.items[0].code)
    assert vm.choice.maskedName == "王**"
    applicant = kiosk.session.applicant
    assert applicant is not None
    kiosk.save_draft({"step": "confirm", "chosen": [kiosk.items[0].code]})
    assert kiosk.store.load_draft("resident", applicant.id_number) is not None

    vm.idleTimeoutMs = 600
    for _ in range(5):  # 750 ms of touching outlasts the 600 ms timeout
        qtbot.wait(150)
        vm.touched()
    assert vm.step == "confirm"

    qtbot.waitUntil(lambda: vm.step == "home", timeout=3000)
    assert vm.choice.maskedName == ""
    assert vm.choice.maskedId == ""
    assert vm.choice.chosen.rows() == []
    assert kiosk.session.applicant is None
    assert kiosk.session.view == SessionView()
    assert kiosk.store.load_draft("resident", applicant.id_number) is None


def test_home_screen_stays_put_without_an_idle_timeout(
        qtbot: QtBot, vm: ShellViewModel) -> None:
    vm.idleTimeoutMs = 100
    qtbot.wait(300)
    assert vm.step == "home"


def test_presses_reach_buttons_and_restart_the_idle_clock(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk) -> None:
    window, vm = frontend.load(kiosk, live=True)
    with qtbot.waitExposed(window):
        window.show()

    # The 我要办事 tile, under the full-window touch catcher.
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(300, 400))
    qtbot.waitUntil(lambda: vm.step == "insert_card", timeout=2000)

    vm.idleTimeoutMs = 700
    for _ in range(4):  # 800 ms of presses on an empty part of the screen outlast 700 ms
        qtbot.wait(200)
        QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(900, 600))
    assert vm.step == "insert_card"

    # 返回首页 in the footer.
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(180, 730))
    qtbot.waitUntil(lambda: vm.step == "home", timeout=2000)
    assert frontend.qml_warnings == []


def test_a_whole_visit_by_touch_reaches_the_case_number(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk) -> None:
    window, vm = show_live(qtbot, frontend, kiosk)

    def tap(x: int, y: int) -> None:
        click(window, x, y)

    tap(300, 400)  # 我要办事
    qtbot.waitUntil(lambda: vm.step == "insert_card", timeout=2000)
    MockCardReader(kiosk.config.mock_dir).insert(resident_card())
    qtbot.waitUntil(lambda: vm.step == "choose_item", timeout=3000)
    tap(300, 240)  # the first item tile
    qtbot.waitUntil(lambda: vm.step == "confirm", timeout=2000)
    assert [i["code"] for i in vm.choice.chosen.rows()] == [kiosk.items[0].code]
    tap(1058, 540)  # 确认提交
    qtbot.waitUntil(lambda: vm.step == "done", timeout=2000)
    assert vm.done.caseNo != ""
    assert kiosk.session.case is not None
    assert vm.done.caseNo == kiosk.session.case.display_no
    assert frontend.qml_warnings == []


def test_items_beyond_the_first_page_are_reached_with_the_page_buttons(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk) -> None:
    window, vm = show_live(qtbot, frontend, kiosk)

    def tap(x: int, y: int) -> None:
        click(window, x, y)

    assert len(kiosk.items) > 6  # more than one page of three rows
    read_card(vm, kiosk, qtbot)
    tap(1068, 584)  # 下一页
    qtbot.wait(100)
    tap(300, 240)  # first tile of page 2
    qtbot.waitUntil(lambda: vm.step == "confirm", timeout=2000)
    assert [i["code"] for i in vm.choice.chosen.rows()] == [kiosk.items[6].code]
    assert frontend.qml_warnings == []
