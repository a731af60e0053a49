"""The form on the real QML offscreen: widgets, the Pinyin keyboard, the digit pad, errors.

Everything is driven by taps on the window at an item's mapped position, like a finger:
the virtual keyboard's own keys, its candidate list, the digit pad, 继续 and the summary's
links.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ui.items import child_items
from ui.keyboard import prepare_keyboard

# Qt reads QT_IM_MODULE once, when the application is created: before any fixture runs.
prepare_keyboard()

import pytest  # noqa: E402
from PySide6.QtCore import QObject, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QAccessible, QFont, QFontDatabase, QGuiApplication  # noqa: E402
from PySide6.QtQml import QQmlComponent, QQmlEngine  # noqa: E402
from PySide6.QtQuick import QQuickItem, QQuickWindow  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

from kiosk.catalog.model import Catalog  # noqa: E402
from kiosk.fonts import cjk_font_path  # noqa: E402
from kiosk.forms.page import Widget, field_view  # noqa: E402
from kiosk.forms.prefill import prefill  # noqa: E402
from kiosk.forms.schema import FormDefinition, form_for, item_form  # noqa: E402
from tests.kiosk.svc import TODAY, catalog, elder  # noqa: E402
from ui.form_model import FormModel  # noqa: E402

FORM_DIR = Path(__file__).resolve().parents[2] / "ui" / "qml" / "form"
HOST_QML = f"""
import QtQuick
import "{FORM_DIR.as_uri()}"
Window {{
    width: 1280; height: 800; visible: true; color: "#EEF1F5"
    FormView {{ objectName: "hostedForm"; anchors.fill: parent }}
}}
""".encode()
ITEM = "LOCAL-MZ-0005"  # 临时救助: Chinese text, textarea, numbers, radio, select, ID


@dataclass
class Host:
    window: QQuickWindow
    view: QQuickItem
    qtbot: QtBot
    warnings: list[str]
    model: FormModel | None = None

    def show(self, model: FormModel) -> None:
        self.model = model
        self.view.setProperty("form", model)
        self.qtbot.waitUntil(lambda: bool(self.fields()))
        self.frame()

    def frame(self) -> None:
        """Until the scene has been laid out and drawn once (Column positions are set at
        polish time, not when the items are created)."""
        with self.qtbot.waitSignal(self.window.frameSwapped, timeout=5000):
            self.window.update()

    def items(self) -> Iterator[QQuickItem]:
        stack = [self.window.contentItem()]
        while stack:
            it = stack.pop()
            yield it
            stack.extend(child_items(it))

    def find(self, name: str) -> QQuickItem:
        found = [i for i in self.items() if i.objectName() == name]
        assert found, f"no item named {name}"
        return found[0]

    def fields(self) -> list[QQuickItem]:
        return [i for i in self.items() if i.objectName().startswith("field_")]

    def scroll_to_bottom_edge(self, item: QQuickItem) -> None:
        """What a resident's swipe does: bring ``item`` just inside the window's bottom."""
        flick = self.find("formFlick")
        _, y, _, h = self.scene_rect(item)
        if y + h > self.window.height():
            flick.setProperty("contentY", flick.property("contentY")
                              + y + h - self.window.height() + 8)

    def tap(self, item: QQuickItem) -> None:
        assert item.isVisible(), item.objectName()
        self.scroll_to_bottom_edge(item)
        p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        # A finger's tap lasts a frame or more; the keyboard's keys and candidate bar act on
        # release after they have drawn their pressed state.
        QTest.mousePress(self.window, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, p)
        self.frame()
        QTest.mouseRelease(self.window, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier, p)

    def panel(self) -> QQuickItem:
        return self.find("keyboardPanel")

    def keyboard_open(self) -> bool:
        return bool(self.panel().property("active"))

    def key(self, text: str) -> QQuickItem:
        """A key of the virtual keyboard by the character it types."""
        for it in _walk(self.panel()):
            mo = it.metaObject()
            if (mo.indexOfProperty("key") >= 0 and it.property("text") == text
                    and it.isVisible() and it.width() > 0):
                return it
        raise AssertionError(f"no key {text!r} on the keyboard")

    def candidate(self, word: str) -> QQuickItem | None:
        """The entry of the keyboard's candidate bar showing ``word``, if it is in sight
        (the bar's list keeps delegates outside the panel too)."""
        px, py, pw, ph = self.scene_rect(self.panel())
        for it in _walk(self.panel()):
            if (it.metaObject().className().startswith("SelectionListItem")
                    and it.isVisible() and it.width() > 0 and it.height() > 0):
                x, y, w, h = self.scene_rect(it)
                inside = px <= x and x + w <= px + pw and py <= y and y + h <= py + ph
                if inside and any(c.property("text") == word for c in _walk(it)):
                    return it
        return None

    def settled(self, find: Callable[[], QQuickItem | None]) -> QQuickItem | None:
        """``find()``'s item once it and the keyboard have stopped moving: the candidate
        bar appears with an animation that grows the keyboard, so a tap at a position read
        mid-way lands on a key instead of the word."""
        last: tuple[float, ...] | None = None
        still = 0
        for _ in range(200):
            self.qtbot.wait(25)  # polling interval: animations advance on the clock
            self.frame()
            it = find()
            now = (self.scene_rect(it) + self.scene_rect(self.panel())
                   if it is not None else None)
            still = still + 1 if it is not None and now == last else 0
            if still >= 3:
                return it
            last = now
        return None

    def scene_rect(self, item: QQuickItem) -> tuple[float, float, float, float]:
        p = item.mapToScene(QPointF(0, 0))
        return p.x(), p.y(), item.width(), item.height()

    def grab(self, out: Path) -> Path:
        image = self.window.grabWindow()
        assert not image.isNull()
        out.parent.mkdir(parents=True, exist_ok=True)
        assert image.save(str(out), "PNG")  # type: ignore[call-overload]
        return out


def _walk(root: QQuickItem) -> Iterator[QQuickItem]:
    stack = [root]
    while stack:
        it = stack.pop()
        yield it
        stack.extend(child_items(it))


def _cjk_font(app: QGuiApplication) -> None:
    """The terminal's CJK font, as ui/frontend.py loads it (Chinese, not boxes)."""
    families = QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFont(str(cjk_font_path())))
    assert families
    app.setFont(QFont(families[0]))


@pytest.fixture
def host(qtbot: QtBot, qapp: QGuiApplication) -> Iterator[Host]:
    _cjk_font(qapp)
    engine = QQmlEngine()
    warnings: list[str] = []
    engine.warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
    comp = QQmlComponent(engine)
    comp.setData(HOST_QML, QUrl.fromLocalFile(str(FORM_DIR / "Host.qml")))
    window = comp.create()
    assert isinstance(window, QQuickWindow), comp.errorString()
    view = window.findChild(QQuickItem, "hostedForm")
    assert view is not None
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.requestActivate()  # no window manager: nothing else gives it focus
    h = Host(window, view, qtbot, warnings)
    yield h
    window.close()
    window.deleteLater()
    assert [w for w in warnings if "form/" in w or "controls/" in w] == []


def _model(cat: Catalog, form: FormDefinition, page: int = 0, **kw: object) -> FormModel:
    pre = prefill(cat, form, elder())
    m = FormModel(cat, form, pre, today=TODAY, **kw)  # type: ignore[arg-type]
    if page:
        m.goToPage(page)
    return m


def _accessible_name(item: QObject) -> str:
    iface = QAccessible.queryAccessibleInterface(item)
    assert iface is not None
    return str(iface.text(QAccessible.Text.Name))


def _shot(tmp_path: Path, name: str) -> Path:
    """Where a test's picture goes: KIOSK_FORM_SHOTS to keep and look at, else tmp."""
    return Path(os.environ.get("KIOSK_FORM_SHOTS", str(tmp_path))) / name


def _input(host: Host, fid: str) -> QQuickItem:
    return host.find(f"input_{fid}")


def _open_chinese_field(host: Host, fid: str) -> QQuickItem:
    field = _input(host, fid)
    host.tap(field)
    host.qtbot.waitUntil(lambda: bool(field.property("activeFocus")) and host.keyboard_open())
    return field


def _digits(host: Host, keys: Iterable[str]) -> None:
    """Taps the digit pad's keys by their words (a string is one key per character)."""
    for d in keys:
        key = host.settled(lambda: host.find(f"digitKey_{d}"))  # noqa: B023 - used at once
        assert key is not None
        host.tap(key)


def _type_pinyin(host: Host, letters: str) -> None:
    for ch in letters:
        key = host.settled(lambda: host.key(ch))  # noqa: B023 - used at once
        assert key is not None
        host.tap(key)


# -- tests ----------------------------------------------------------------------------------


def test_every_widget_kind_draws_with_its_label_as_accessible_name(host: Host) -> None:
    cat = catalog()
    form = form_for(cat, list(cat.fields), [])
    host.show(_model(cat, form, page_size=len(cat.fields)))
    frames = host.fields()
    assert len(frames) == len(cat.fields)
    seen = set()
    for fid, d in cat.fields.items():
        v = field_view(cat, form, fid, {})
        seen.add(v.widget)
        inp = _input(host, fid)
        assert _accessible_name(inp) == d.label, fid
        assert inp.height() >= 60 and inp.width() >= 60, fid
        if v.widget in (Widget.TEXT,) and v.max_length is not None:
            assert inp.property("maximumLength") == v.max_length, fid
        if v.widget in (Widget.IDNUMBER, Widget.PHONE, Widget.NUMBER, Widget.TEXTAREA):
            assert inp.property("limit") == (v.max_length if v.max_length is not None else -1)
        if v.widget in (Widget.RADIO, Widget.SELECT):
            opts = [host.find(f"option_{fid}_{i}") for i in range(len(v.options))]
            assert [_accessible_name(o) for o in opts] == list(v.options)
            assert all(o.height() >= 60 for o in opts)
    assert seen == set(Widget)


def test_zhang_typed_on_the_pinyin_keyboard_chooses_张(host: Host) -> None:
    cat = catalog()
    host.show(_model(cat, item_form(cat, cat.item(ITEM)), page=1))
    field = _open_chinese_field(host, "bank_name")
    _type_pinyin(host, "zhang")
    host.qtbot.waitUntil(lambda: field.property("preeditText") == "zhang")
    chosen = host.settled(lambda: host.candidate("张"))
    assert chosen is not None
    # The kiosk's candidate bar: finger-sized words named by what they say.
    assert chosen.width() >= 60 and chosen.height() >= 60
    assert _accessible_name(chosen) == "张"
    host.tap(chosen)
    host.qtbot.waitUntil(lambda: field.property("text") == "张")
    assert host.model is not None and host.model.entered["bank_name"] == "张"


def test_the_focused_field_stays_above_the_keyboard(host: Host, tmp_path: Path) -> None:
    cat = catalog()
    host.show(_model(cat, item_form(cat, cat.item(ITEM)), page=1))
    frame = host.find("field_bank_name")  # the last question: below the keyboard's top
    _, fy, _, fh = host.scene_rect(frame)
    assert fy + fh > 800 - 300, "the question must start out where the keyboard will be"
    field = _open_chinese_field(host, "bank_name")
    _type_pinyin(host, "zhang")
    panel = host.panel()

    def above() -> bool:
        _, y, _, h = host.scene_rect(field)
        _, py, _, _ = host.scene_rect(panel)
        return y >= 0 and y + h <= py

    host.qtbot.waitUntil(above)
    _, ly, _, _ = host.scene_rect(host.find("label_bank_name"))
    assert ly >= 0, "the question's label scrolls into view with the box"
    assert host.grab(_shot(tmp_path, "form_keyboard_zh.png")).stat().st_size > 10_000


def test_digit_pad_fills_a_phone_number_and_respects_its_length(host: Host,
                                                                tmp_path: Path) -> None:
    cat = catalog()
    host.show(_model(cat, item_form(cat, cat.item(ITEM))))
    phone = _input(host, "phone")
    host.tap(phone)
    pad = host.find("digitPad")
    host.qtbot.waitUntil(pad.isVisible)
    assert not host.keyboard_open()
    _digits(host, "138001380009")  # one digit too many
    assert phone.property("text") == "13800138000"
    assert host.model is not None and host.model.entered["phone"] == "13800138000"
    keys = [i for i in _walk(pad) if i.objectName().startswith("digitKey_")]
    assert len(keys) == 11 and all(k.width() >= 80 and k.height() >= 80 for k in keys)
    _digits(host, ["删除"])
    assert phone.property("text") == "1380013800"
    x, _, _, _ = host.scene_rect(pad)
    px, _, pw, _ = host.scene_rect(phone)
    assert px + pw <= x, "the pad sits beside the box, never over it"
    host.grab(_shot(tmp_path, "form_digit_pad.png"))


def test_id_numbers_get_an_x_key(host: Host) -> None:
    cat = catalog()
    host.show(_model(cat, item_form(cat, cat.item(ITEM)), page=2))
    box = _input(host, "proxy_id_number")
    host.tap(box)
    host.qtbot.waitUntil(host.find("digitPad").isVisible)
    _digits(host, "42010219400312002X")
    assert box.property("text") == "42010219400312002X"


def test_continue_with_an_empty_required_field_shows_summary_and_keeps_values(
        host: Host, tmp_path: Path) -> None:
    cat = catalog()
    host.show(_model(cat, item_form(cat, cat.item(ITEM)), page=1))
    size = _input(host, "household_size")
    host.tap(size)
    _digits(host, "3")
    host.tap(host.find(f"option_hardship_kind_{0}"))
    host.tap(host.find("formContinue"))  # 困难情况说明 (required) left empty
    summary = host.find("errorSummary")
    host.qtbot.waitUntil(summary.isVisible)
    link = host.find("errorLink_hardship_reason")
    inline = host.find("error_hardship_reason")
    assert inline.property("text") == "「困难情况说明」必须填写"
    assert _accessible_name(link) == inline.property("text")
    assert host.model is not None and host.model.page.index == 1  # stayed on the page
    assert _input(host, "household_size").property("text") == "3"
    assert bool(host.find(f"option_hardship_kind_{0}").property("checked"))
    host.frame()
    host.grab(_shot(tmp_path, "form_error_summary.png"))
    host.tap(link)
    reason = _input(host, "hardship_reason")
    host.qtbot.waitUntil(lambda: bool(reason.property("activeFocus")))


def test_a_page_without_problems_goes_on_and_back_keeps_answers(host: Host) -> None:
    cat = catalog()
    host.show(_model(cat, item_form(cat, cat.item(ITEM))))
    host.tap(_input(host, "phone"))
    _digits(host, "13800138000")
    host.tap(host.find("formContinue"))
    assert host.model is not None
    host.qtbot.waitUntil(lambda: host.model is not None and host.model.page.index == 1)
    host.tap(host.find("formBack"))
    host.qtbot.waitUntil(lambda: host.model is not None and host.model.page.index == 0)
    assert _input(host, "phone").property("text") == "13800138000"
    assert QGuiApplication.inputMethod() is not None


def test_a_textarea_keeps_to_its_schema_max_length(host: Host) -> None:
    cat = catalog()
    host.show(_model(cat, item_form(cat, cat.item(ITEM)), page=1))
    limit = cat.fields["hardship_reason"].schema["maxLength"]
    area = _input(host, "hardship_reason")
    area.setProperty("text", "家" * (limit + 20))  # what a paste or a long dictation gives
    assert len(area.property("text")) == limit
    assert host.model is not None and len(host.model.entered["hardship_reason"]) == limit


def test_the_space_bar_still_types_a_space(host: Host) -> None:
    cat = catalog()
    host.show(_model(cat, item_form(cat, cat.item(ITEM)), page=1))
    field = _open_chinese_field(host, "bank_name")
    space = host.settled(lambda: host.key(" "))
    assert space is not None
    host.tap(space)
    host.qtbot.waitUntil(lambda: field.property("text") == " ")
