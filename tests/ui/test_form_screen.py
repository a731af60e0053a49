"""The FORM step on the real flow: FormScreen.qml follows Kiosk.flow through a session.

The card is read by the mock reader's record, the flow builds the pages
(kiosk/forms/page.py), and the screen's 继续 is the flow's continue_form — nothing stubbed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ui.keyboard import prepare_keyboard

prepare_keyboard()  # before any QGuiApplication: Qt reads QT_IM_MODULE once

import pytest  # noqa: E402
from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQml import QQmlComponent, QQmlEngine  # noqa: E402
from PySide6.QtQuick import QQuickItem, QQuickWindow  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

from devices.idcard import CardRead  # noqa: E402
from kiosk.app import Kiosk  # noqa: E402
from kiosk.config import Config  # noqa: E402
from kiosk.flow import Step  # noqa: E402
from kiosk.flow.views import FormView as FlowFormView  # noqa: E402
from kiosk.flow.views import QuestionView  # noqa: E402
from kiosk.samples import sample_card, scripted_visit  # noqa: E402
from tests.conftest import free_port  # noqa: E402
from tests.ui.test_form_view import Host, _cjk_font, _digits, _input, _shot  # noqa: E402
from ui import form_model  # noqa: E402
from ui.keyboard import show_keyboard_sample  # noqa: E402
from ui.vm.service_base import FlowBridge  # noqa: E402

REGISTERED = (form_model,)  # FormModel is a QML type of the VillageKiosk module
QML_DIR = Path(__file__).resolve().parents[2] / "ui" / "qml"
HOST_QML = f"""
import QtQuick
import "{(QML_DIR / "form").as_uri()}"
Window {{
    id: root
    required property QtObject session
    width: 1280; height: 800; visible: true; color: "#EEF1F5"
    FormScreen {{ objectName: "hostedScreen"; anchors.fill: parent; session: root.session }}
}}
""".encode()
ITEM = "LOCAL-MZ-0005"
CARD = sample_card(dt.date(1950, 3, 12))


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    cfg = Config(data_dir=tmp_path / "data", platform_url=f"http://127.0.0.1:{free_port()}")
    k = Kiosk.open(cfg)
    yield k
    k.close()


def _page(kiosk: Kiosk) -> FlowFormView:
    view = kiosk.flow.screen().view
    assert isinstance(view, FlowFormView), view
    return view


def _to_form(kiosk: Kiosk) -> None:
    f = kiosk.flow
    f.start("service")
    f.on_card(CardRead(CARD))
    f.open_entry(ITEM)
    s = f.apply()
    for _ in range(20):
        if s.step is Step.QUESTION:
            v = s.view
            assert isinstance(v, QuestionView)
            s = f.answer(str(v.number_min or 1) if v.kind == "number" else v.options[0].value)
        elif s.step is Step.CHECKLIST:
            s = f.apply()
        else:
            break
    assert s.step is Step.FORM, s.step


@pytest.fixture
def earlier_case(kiosk: Kiosk) -> str:
    """The same resident filed 养老保险资格认证 on this terminal before: the phone number
    given then is what consent would reuse."""
    scripted_visit(kiosk.flow, "LOCAL-RS-0002", CARD)
    kiosk.flow.end("test")
    case = kiosk.store.cases_for(CARD.id_number)[-1]
    return str(case.form["phone"])


@pytest.fixture
def screen(qtbot: QtBot, qapp: QGuiApplication, kiosk: Kiosk) -> Iterator[Host]:
    _cjk_font(qapp)
    _to_form(kiosk)
    bridge = FlowBridge(kiosk.flow)
    engine = QQmlEngine()
    warnings: list[str] = []
    engine.warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
    comp = QQmlComponent(engine)
    comp.setData(HOST_QML, QUrl.fromLocalFile(str(QML_DIR / "form" / "ScreenHost.qml")))
    window = comp.createWithInitialProperties({"session": bridge})
    assert isinstance(window, QQuickWindow), comp.errorString()
    view = window.findChild(QQuickItem, "hostedScreen")
    assert view is not None
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.requestActivate()
    h = Host(window, view, qtbot, warnings)
    qtbot.waitUntil(lambda: bool(h.fields()))
    h.frame()
    h.bridge = bridge  # type: ignore[attr-defined]
    yield h
    window.close()
    window.deleteLater()
    assert [w for w in warnings if "form/" in w or "controls/" in w] == []


def test_the_flows_form_page_shows_the_card_masked_and_asks_only_the_rest(
        screen: Host, kiosk: Kiosk, tmp_path: Path) -> None:
    view = _page(kiosk)
    asked = [f.id for f in view.fields]
    shown = [f.objectName().removeprefix("field_") for f in screen.fields()]
    assert sorted(shown) == sorted(asked) and "name" not in asked
    card = screen.find("formFromCard")
    assert card.isVisible()
    from_card = view.from_card
    assert from_card and all("*" in f.value for f in from_card if f.id == "id_number")
    screen.grab(_shot(tmp_path, "form_screen_flow.png"))


def test_continue_goes_through_the_flow_errors_then_the_next_page(screen: Host,
                                                                   kiosk: Kiosk) -> None:
    screen.tap(screen.find("formContinue"))  # 手机号码 (required) is empty
    screen.qtbot.waitUntil(screen.find("errorSummary").isVisible)
    assert kiosk.flow.screen().step is Step.FORM
    assert screen.find("error_phone").property("text") == "「手机号码」必须填写"
    on_page = [f.id for f in _page(kiosk).fields]
    screen.tap(_input(screen, "phone"))
    _digits(screen, "13800138000")
    if "hardship_kind" in on_page:
        screen.tap(screen.find("option_hardship_kind_0"))
    if "hardship_reason" in on_page:
        # Chinese typed on the Pinyin keyboard is test_form_view's; here the words arrive
        # through the same TextArea the keyboard writes into.
        _input(screen, "hardship_reason").setProperty("text", "家里房子失火了")
    screen.tap(screen.find("formContinue"))
    screen.qtbot.waitUntil(lambda: _page(kiosk).page == 2)
    sent = [args[0] for a, args in screen.bridge.actions  # type: ignore[attr-defined]
            if a == "continue_form"]
    assert sent[-1]["phone"] == "13800138000" and set(sent[-1]) == set(on_page)
    page2 = sorted(f.id for f in _page(kiosk).fields)
    screen.qtbot.waitUntil(lambda: sorted(f.objectName().removeprefix("field_")
                                          for f in screen.fields()) == page2)
    assert not screen.find("formFromCard").isVisible(), "the card's block is page 1's"


def test_the_keyboard_sample_opens_pinyin_on_the_first_chinese_box(screen: Host,
                                                                    tmp_path: Path) -> None:
    """``kiosk screenshots``' form-with-keyboard picture: the first Chinese text box of the
    page gets the keyboard, 'zhang' is composing, the candidates are up and the line being
    typed is above the keyboard."""
    assert show_keyboard_sample(screen.window, "zhang")
    assert screen.keyboard_open()
    assert screen.settled(lambda: screen.candidate("张")) is not None
    focused = screen.window.activeFocusItem()
    assert focused is not None and focused.property("preeditText") == "zhang"
    screen.grab(_shot(tmp_path, "form_keyboard_flow.png"))


def test_earlier_answers_fill_in_only_after_the_resident_agrees(
        earlier_case: str, screen: Host) -> None:  # earlier_case runs before screen
    offer = screen.find("formHistoryOffer")
    assert offer.isVisible()
    phone = _input(screen, "phone")
    assert phone.property("text") == "", "nothing reused before consent"
    screen.tap(screen.find("formUseHistory"))
    screen.qtbot.waitUntil(lambda: _input(screen, "phone").property("text") == earlier_case)
    assert not screen.find("formHistoryOffer").isVisible()
    assert screen.find("source_phone").isVisible()
