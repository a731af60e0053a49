"""The touch window driven like a resident would: real Kiosk and flow, mock devices,
offscreen Qt. Buttons are pressed where they are drawn, found by objectName."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from devices.idcard import IdCard
from devices.idcard.mock import MockCardReader
from kiosk import prompts
from kiosk.app import Kiosk
from kiosk.catalog.categories import categories
from kiosk.config import Config
from kiosk.flow import Step
from kiosk.identity import gb11643_check_char
from kiosk.samples import sample_card, scripted_visit
from tests.ui.settle import wait_still
from ui.frontend import CAMERA_SAMPLES, OVERLAY_SAMPLES, QtFrontend
from ui.items import child_items
from ui.samples import sample_screens
from ui.vm import ShellViewModel
from ui.vm.lists import RowsModel
from ui.vm.screens import PENDING, screen_file

ID_NUMBER = "42010219800101001" + gb11643_check_char("42010219800101001")
WAIT_MS = 10_000


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
def frontend(qtbot: QtBot) -> Iterator[QtFrontend]:
    f = QtFrontend()
    yield f
    f.close()


def show_live(qtbot: QtBot, frontend: QtFrontend,
              kiosk: Kiosk) -> tuple[QQuickWindow, ShellViewModel]:
    """The window residents see, shown and driven by its live view model."""
    window, vm = frontend.load(kiosk, live=True)
    with qtbot.waitExposed(window):
        window.show()
    return window, vm


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
    item = find(window, name)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre)
    qtbot.wait(50)


def screen_texts(window: QQuickWindow) -> list[str]:
    return [str(i.property("text")) for i in visible_items(window)
            if i.property("text") is not None]


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
    assert len(names) >= 30 and len(set(names)) == len(names)
    for must in ("home", "insert_card", "insert_card_unreadable", "query_result", "rate",
                 "rate_poor", "rated", "maintenance", "maintenance_clock_skew"):
        assert must in names
    steps = {name: s.step.value for name, s in sample_screens(kiosk)}
    for overlay, over, _show in OVERLAY_SAMPLES:  # the shell's countdown, its 帮助
        steps[overlay] = steps[over]
        assert overlay in names
    for over, shots in CAMERA_SAMPLES.items():  # the camera screens with frames
        for _scene, picture, _ready in shots:
            steps[picture] = steps[over]
            assert picture in names  # the preview showed what the picture is named for
    digests: dict[str, str] = {}
    for p in paths:
        img = QImage(str(p))
        assert (img.width(), img.height()) == (1280, 800)
        colours, spread = grey_spread(p)
        assert colours > 20, p.name
        assert spread > 20, p.name
        if steps[p.stem] in PENDING and screen_file(steps[p.stem]) is None:
            continue  # one 'not ready yet' page for every state of a pending step
        digests[hashlib.sha256(img.constBits().tobytes()).hexdigest()] = p.stem
    drawn = [n for n in names if not (steps[n] in PENDING and screen_file(steps[n]) is None)]
    assert len(drawn) >= 30
    assert sorted(digests.values()) == sorted(drawn), "two states rendered the same picture"
    assert frontend.qml_warnings == []
    # The sample states were drawn from a sandbox: this terminal's visit never moved.
    assert kiosk.flow.visit.step is Step.HOME
    assert kiosk.session.applicant is None


def test_no_screen_falls_back_to_the_missing_page(
        frontend: QtFrontend, kiosk: Kiosk, tmp_path: Path) -> None:
    """Every sample step has a real screen: none renders the 'not ready' page, except a
    step listed as pending (its file not written yet), and then only while it is missing."""
    for name, screen in sample_screens(kiosk):
        window = frontend.show_screen(kiosk, screen)
        frontend.grab(tmp_path / f"{name}.png")
        missing = [i.objectName() for i in visible_items(window)
                   if i.objectName().startswith("missingScreen")]
        step = screen.step.value
        if step in PENDING and screen_file(step) is None:
            assert missing == [f"missingScreen:{step}"], name
        else:
            assert missing == [], name


def test_screenshot_follows_the_current_flow(frontend: QtFrontend, kiosk: Kiosk,
                                             tmp_path: Path) -> None:
    home = frontend.screenshot(kiosk, tmp_path / "a.png")
    kiosk.flow.start("service")
    waiting = frontend.screenshot(kiosk, tmp_path / "b.png")
    assert QImage(str(home)) != QImage(str(waiting))
    vm = frontend.view_model
    assert vm is not None and vm.step == "insert_card"


def test_a_card_on_the_reader_moves_from_the_card_screen_to_finding_a_service(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk) -> None:
    window, vm = show_live(qtbot, frontend, kiosk)
    tap(qtbot, window, "homeStart")
    qtbot.waitUntil(lambda: vm.step == "insert_card", timeout=WAIT_MS)
    assert find(window, "cardPrompt").property("text") == vm.card.prompt != ""
    assert not vm.card.problem
    qtbot.wait(700)  # a couple of polls with an empty reader change nothing
    assert vm.step == "insert_card"

    MockCardReader(kiosk.config.mock_dir).insert(resident_card())
    qtbot.waitUntil(lambda: vm.step == "find_service", timeout=WAIT_MS)
    assert vm.maskedName == "王**"
    assert "您好，王**" in screen_texts(window)
    assert "王建国" not in " ".join(screen_texts(window))


def test_a_torn_card_read_stays_on_the_card_screen_with_the_reason(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk) -> None:
    window, vm = show_live(qtbot, frontend, kiosk)
    tap(qtbot, window, "homeStart")
    MockCardReader(kiosk.config.mock_dir).insert_torn()
    qtbot.waitUntil(lambda: vm.card.problem, timeout=WAIT_MS)
    assert vm.step == "insert_card"
    assert find(window, "cardProblem").isVisible()
    assert vm.card.problemWords == "读卡失败，请取出身份证后重新放置"
    assert vm.card.problemNextStep != ""
    assert vm.maskedName == ""


def test_a_visit_done_screen_prints_the_receipt(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk) -> None:
    window, vm = show_live(qtbot, frontend, kiosk)
    code = kiosk.catalog.items[0].code
    # Card to receipt through the core flow (its last action prints the receipt).
    result = scripted_visit(kiosk.flow, code, sample_card())
    assert result.submitted
    vm.refresh()
    assert vm.step == "done"
    assert vm.done.printed  # scripted_visit ends by printing
    printed = list((kiosk.config.mock_dir / "printed").glob("*.pdf"))
    assert len(printed) == 1
    assert vm.done.caseNo != "" and vm.done.caseNo in " ".join(screen_texts(window))

    tap(qtbot, window, "homeButton")  # 返回首页 ends the visit like the idle timeout
    qtbot.waitUntil(lambda: vm.step == "home", timeout=WAIT_MS)
    assert kiosk.flow.visit.applicant is None


def test_idle_timeout_ends_the_visit_and_nothing_of_the_resident_stays(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk) -> None:
    window, vm = show_live(qtbot, frontend, kiosk)
    assert vm.idleTimeoutMs == 0  # HOME has no idle clock
    tap(qtbot, window, "homeStart")
    qtbot.waitUntil(lambda: vm.step == "insert_card", timeout=WAIT_MS)
    assert vm.idleTimeoutMs == 5000  # from Config.idle_timeout_s
    MockCardReader(kiosk.config.mock_dir).insert(resident_card())
    qtbot.waitUntil(lambda: vm.step == "find_service", timeout=WAIT_MS)
    MockCardReader(kiosk.config.mock_dir).remove()

    vm.idleTimeoutMs = 600
    for _ in range(5):  # 750 ms of touching outlasts the 600 ms timeout
        qtbot.wait(150)
        vm.touched()
    assert vm.step == "find_service"

    qtbot.waitUntil(lambda: vm.step == "home", timeout=WAIT_MS)
    assert vm.maskedName == ""
    assert kiosk.flow.visit.applicant is None and kiosk.session.applicant is None
    texts = " ".join(screen_texts(window))
    assert "王" not in texts
    assert vm.actions[-1] == ("idle_timeout", ())


def test_before_the_idle_end_a_countdown_asks_and_continue_keeps_the_visit(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk) -> None:
    """还需要更多时间吗？ takes the last part of the idle time (half of a short one): its
    继续 gives the whole time back; left alone, the visit ends as before."""
    window, vm = show_live(qtbot, frontend, kiosk)
    tap(qtbot, window, "homeBrowse")
    qtbot.waitUntil(lambda: vm.step == "find_service", timeout=WAIT_MS)
    assert vm.idleSecondsLeft == 0 and not find_all(window, "idleWarning")
    vm.idleTimeoutMs = 4000  # the countdown: the last 2 s
    qtbot.waitUntil(lambda: vm.idleSecondsLeft > 0, timeout=WAIT_MS)
    assert vm.step == "find_service" and vm.idleSecondsLeft == 2
    texts = screen_texts(window)
    assert "还需要更多时间吗？" in texts
    assert any(t.startswith("2 秒后将返回首页") for t in texts), texts
    qtbot.waitUntil(lambda: vm.idleSecondsLeft == 1, timeout=2000)  # counts down
    wait_still(qtbot, lambda: find(window, "idleContinue"))
    tap(qtbot, window, "idleContinue")
    assert vm.idleSecondsLeft == 0 and vm.step == "find_service"
    assert not find_all(window, "idleWarning")
    qtbot.wait(1500)  # past the first countdown's end: the time was given back
    assert vm.step == "find_service" and vm.idleSecondsLeft == 0
    qtbot.waitUntil(lambda: vm.idleSecondsLeft > 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: vm.step == "home", timeout=WAIT_MS)  # left alone: the end
    assert vm.idleSecondsLeft == 0 and vm.actions[-1] == ("idle_timeout", ())


def test_help_on_every_screen_says_what_the_step_is_for_and_goes_away(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk) -> None:
    window, vm = show_live(qtbot, frontend, kiosk)
    for_home = prompts.help_for(Step.HOME)
    tap(qtbot, window, "helpButton")
    assert vm.helpOpen and find(window, "helpText").property("text") == for_home
    assert not find_all(window, "homeStart")  # the page is hidden, not only covered
    tap(qtbot, window, "helpClose")
    assert not vm.helpOpen and not find_all(window, "helpPanel")
    tap(qtbot, window, "homeBrowse")
    qtbot.waitUntil(lambda: vm.step == "find_service", timeout=WAIT_MS)
    wait_still(qtbot, lambda: find(window, "helpButton"))
    tap(qtbot, window, "helpButton")
    assert find(window, "helpText").property("text") == prompts.help_for(Step.FIND_SERVICE)
    assert find(window, "homeButton")  # the footer's ways out stay
    assert ("再听一遍" in screen_texts(window)) == vm.speaker.available  # beside 帮助
    assert [i.property("text") for i in visible_items(window)
            if i.objectName() == "helpRead"] == (["读给我听"] if vm.speaker.available else [])
    vm.act("open_category", categories(kiosk.catalog)[0][0].id)  # a new step closes it
    qtbot.waitUntil(lambda: vm.step == "category", timeout=WAIT_MS)
    assert not vm.helpOpen and not find_all(window, "helpPanel")
    assert frontend.qml_warnings == []


def find_all(window: QQuickWindow, name: str) -> list[QQuickItem]:
    return [i for i in visible_items(window) if i.objectName() == name]


def test_home_screen_has_no_idle_timeout(qtbot: QtBot, frontend: QtFrontend,
                                         kiosk: Kiosk) -> None:
    _window, vm = show_live(qtbot, frontend, kiosk)
    vm.idleTimeoutMs = 100
    qtbot.wait(300)
    assert vm.step == "home"


def test_presses_reach_buttons_through_the_touch_catcher_and_back_goes_back(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk) -> None:
    window, vm = show_live(qtbot, frontend, kiosk)
    tap(qtbot, window, "homeBrowse")  # 查看办事指南 needs no card
    qtbot.waitUntil(lambda: vm.step == "find_service", timeout=WAIT_MS)
    assert vm.canGoHome
    vm.idleTimeoutMs = 700
    for _ in range(4):  # 800 ms of presses on an empty corner outlast 700 ms
        qtbot.wait(200)
        QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         window.contentItem().mapToScene(QPointF(1270, 790)).toPoint())
    assert vm.step == "find_service" and vm.idleSecondsLeft == 0  # not even the countdown
    vm.idleTimeoutMs = 60_000  # the rest of the test is not about the idle clock
    first_category = categories(kiosk.catalog)[0][0].id
    vm.act("open_category", first_category)
    qtbot.waitUntil(lambda: vm.step == "category", timeout=WAIT_MS)
    assert vm.canGoBack
    qtbot.wait(100)  # the footer lays out its new 返回 in the next frame, as a finger would
    tap(qtbot, window, "footerBack")
    qtbot.wait(300)
    assert vm.actions[-1] == ("back", ()), (vm.step, vm.actions)
    qtbot.waitUntil(lambda: vm.step == "find_service", timeout=WAIT_MS)
    tap(qtbot, window, "homeButton")
    qtbot.waitUntil(lambda: vm.step == "home", timeout=WAIT_MS)
    assert frontend.qml_warnings == []


def test_an_unknown_action_is_refused_and_a_stale_one_changes_nothing(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk) -> None:
    _window, vm = show_live(qtbot, frontend, kiosk)
    with pytest.raises(ValueError, match="not a flow action"):
        vm.act("host")
    vm.act("submit_rating", 5, [], "")  # no rating on screen: the flow refuses, we stay
    assert vm.step == "home"


def every_property(obj: QObject) -> Iterator[tuple[str, object]]:
    """Every Qt property of ``obj`` and of the view models and list models it holds."""
    mo = type(obj).staticMetaObject  # (an instance's metaObject() skips its own here)
    for i in range(QObject.staticMetaObject.propertyCount(), mo.propertyCount()):
        name = mo.property(i).name()
        value = getattr(obj, name)
        if isinstance(value, RowsModel):
            yield f"{name}.rows", value.rows()
        elif isinstance(value, QObject):
            for sub, v in every_property(value):
                yield f"{name}.{sub}", v
        else:
            yield name, value


@pytest.mark.parametrize("way_out", ["homeButton", "skipRating", "idle"])
def test_every_way_out_leaves_nothing_of_the_resident(
        qtbot: QtBot, frontend: QtFrontend, kiosk: Kiosk, way_out: str) -> None:
    """返回首页, 不评价 (退出) and the idle timeout end the visit the same way: no view model
    property and no visible text holds the name, the case number or the typed digits."""
    window, vm = show_live(qtbot, frontend, kiosk)
    card = sample_card()
    scripted_visit(kiosk.flow, kiosk.catalog.items[0].code, card)
    case_no = kiosk.flow.visit.cases[0].display_no
    vm.refresh()
    vm.act("rate")
    assert vm.step == "rate"
    seen = " ".join(screen_texts(window)) + repr(list(every_property(vm)))
    assert card.name[0] in seen and case_no in seen  # it was all there
    tap(qtbot, window, "level2")
    for digit in "139":
        tap(qtbot, window, f"key:{digit}")
    assert "139" in " ".join(screen_texts(window))

    if way_out == "idle":
        vm.idleTimeoutMs = 300
    else:
        qtbot.wait(100)
        tap(qtbot, window, "skipRating" if way_out == "skipRating" else "homeButton")
    qtbot.waitUntil(lambda: vm.step == "home", timeout=WAIT_MS)
    qtbot.wait(100)

    texts = " ".join(screen_texts(window))
    props = repr(list(every_property(vm)))
    for secret in (card.name, card.name[0], card.id_number[-4:], case_no, "139"):
        assert secret not in texts, secret
        assert secret not in props, secret
    assert kiosk.flow.visit.applicant is None and kiosk.flow.visit.cases == []
    assert kiosk.session.applicant is None
    assert kiosk.store.load_draft("resident", card.id_number) is None
