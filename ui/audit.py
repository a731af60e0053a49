"""适老化 by measurement: walks a rendered screen's item tree and measures it against rules.

Looking at screenshots does not tell whether a grey label really reaches 4.5:1 on the photo
behind it, or whether two buttons are 6 px apart. This module measures what the resident
sees: sizes in scene pixels after every transform, font sizes as rendered, and contrast
from the grabbed frame — the pixels of each text against the pixels drawn behind it (a
second frame is grabbed with the texts hidden), never from declared colours.

Rules are data (``RuleSet``) so 长辈模式 is a second rule set, not a second auditor, and
limits scale with the window against the 1280×800 reference screen.

What counts: items that are visible, not fully transparent, not wholly clipped away or
off the window, and not wholly covered by what is drawn above them. Actionable items are
Qt Quick Controls (buttons, text fields, combo boxes …), items whose ``Accessible.role`` is
an actionable role, and the owners of enabled ``MouseArea``s and ``TapHandler``s; a
MouseArea inside an actionable item is part of it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QAccessible, QColor, QFont, QImage
from PySide6.QtQml import QQmlEngine, QQmlExpression, qmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

from ui.items import child_items

if TYPE_CHECKING:
    from kiosk.app import Kiosk

REFERENCE_SIZE = (1280, 800)


@dataclass(frozen=True)
class RuleSet:
    """The limits of one display mode at the reference screen size (issue 15's table)."""

    name: str
    min_target_px: float = 60.0
    min_target_gap_px: float = 8.0
    min_text_px: float = 24.0
    min_contrast: float = 4.5
    large_text_px: float = 32.0  # text this large (or larger) may use ``min_contrast_large``
    min_contrast_large: float = 3.0
    min_line_spacing: float = 1.3
    reference: tuple[int, int] = REFERENCE_SIZE

    def scale(self, width: float, height: float) -> float:
        """Limits in px grow and shrink with the screen, by its tighter dimension."""
        return min(width / self.reference[0], height / self.reference[1])


NORMAL = RuleSet("normal")
ELDER = RuleSet("长辈模式", min_target_px=80.0, min_text_px=32.0, min_contrast=7.0,
                min_contrast_large=7.0)
RULE_SETS = {"normal": NORMAL, "elder": ELDER}

# Rule identifiers, as printed.
TARGET_SIZE = "target-size"
TARGET_GAP = "target-gap"
TEXT_SIZE = "text-size"
CONTRAST = "contrast"
LINE_SPACING = "line-spacing"
ACCESSIBLE_NAME = "accessible-name"
GESTURE = "gesture"
POPUP = "popup"


@dataclass(frozen=True)
class Violation:
    screen: str
    item: str
    rule: str
    measured: str
    limit: str

    def line(self) -> str:
        return f"{self.screen}: {self.item}: {self.rule}: {self.measured} (limit {self.limit})"


# What makes an item actionable --------------------------------------------------------

_CONTROL_CLASSES = ("QQuickAbstractButton", "QQuickTextField", "QQuickTextArea",
                    "QQuickComboBox", "QQuickSpinBox", "QQuickSlider", "QQuickRangeSlider",
                    "QQuickDial", "QQuickTumbler")
_EDIT_CLASSES = ("QQuickTextInput", "QQuickTextEdit")
_TEXT_CLASSES = ("QQuickText", "QQuickTextInput", "QQuickTextEdit")
_R = QAccessible.Role
_ACTIONABLE_ROLES = frozenset({_R.Button, _R.CheckBox, _R.RadioButton, _R.EditableText,
                               _R.ComboBox, _R.SpinBox, _R.Slider, _R.Link, _R.PageTab,
                               _R.MenuItem, _R.ButtonMenu, _R.ButtonDropDown})
# Roles whose accessible name must equal the visible text.
_LABELLED_ROLES = frozenset({_R.Button, _R.CheckBox, _R.RadioButton, _R.PageTab, _R.Link,
                             _R.MenuItem, _R.ButtonMenu, _R.ButtonDropDown})
# (MultiPointTouchArea is not listed: Qt Virtual Keyboard takes its taps through one.)
_GESTURE_CLASSES = ("QQuickPinchArea", "QQuickPinchHandler", "QQuickDragHandler")


@dataclass
class _Target:
    item: QQuickItem          # whose geometry is the touch area
    owner: QQuickItem         # whose name and text describe it
    rect: QRectF              # scene rect of the whole item
    visible: QRectF           # the part not clipped away
    role: QAccessible.Role | None
    name: str
    children: list[_Target] = field(default_factory=list)


@dataclass
class _Text:
    item: QQuickItem
    text: str
    px: float                 # font size as rendered, scene px
    content: QRectF           # scene rect of the glyphs' box, clipped
    line_ratio: float | None  # line pitch / font size for multi-line text
    has_children: bool        # its own visible child items (a Label's background …)
    disabled: bool
    clipped: bool             # part of the glyph box is clipped away or off the window


def _class_name(obj: QObject) -> str:
    name = obj.metaObject().className()
    name = re.sub(r"_QMLTYPE_\d+$|_QML_\d+$", "", name)
    return name[len("QQuick"):] if name.startswith("QQuick") else name


def _accessible(item: QQuickItem) -> tuple[QAccessible.Role | None, str]:
    iface = QAccessible.queryAccessibleInterface(item)
    if iface is None or not iface.isValid():
        return None, ""
    return iface.role(), iface.text(QAccessible.Text.Name).strip()


def _string_property(obj: QObject, name: str) -> str:
    value = obj.property(name)
    return value.strip() if isinstance(value, str) else ""


def _font_px(item: QQuickItem) -> float:
    font = item.property("font")
    if not isinstance(font, QFont):
        return 0.0
    if font.pixelSize() > 0:
        return float(font.pixelSize())
    # Qt Quick turns points into pixels at the screen's logical DPI.
    screen = item.window().screen() if item.window() is not None else None
    dpi = screen.logicalDotsPerInchY() if screen is not None else 96.0
    return font.pointSizeF() * dpi / 72.0


def _scene_scale(item: QQuickItem) -> float:
    """How many scene px one of the item's own px is (the item's and its parents' scale)."""
    r = item.mapRectToScene(QRectF(0, 0, 100, 100))
    return math.sqrt(max(r.width() * r.height(), 0.0)) / 100.0


def _enum_properties(item: QQuickItem, names: Sequence[str]) -> list[int]:
    """Enum properties of private Qt Quick classes (QQuickText::HAlignment …), which
    PySide6 cannot convert, read as numbers through a QML expression on the item."""
    ctx = QQmlEngine.contextForObject(item)
    engine = qmlEngine(item)
    if ctx is None and engine is not None:
        ctx = engine.rootContext()
    if ctx is None:
        return [0] * len(names)
    expr = QQmlExpression(ctx, item, "String([" + ", ".join(
        f"(typeof ({n}) === 'undefined' ? 0 : Number({n}))" for n in names) + "])")
    value, _undefined = expr.evaluate()
    if expr.hasError() or not isinstance(value, str):
        return [0] * len(names)
    return [int(float(v)) if v not in ("", "NaN") else 0 for v in value.split(",")]


def _content_rect(item: QQuickItem) -> QRectF:
    """The box the glyphs occupy inside a text item, from its alignment and padding."""
    w, h = item.width(), item.height()
    cw = float(item.property("contentWidth") or 0.0)
    ch = float(item.property("contentHeight") or 0.0)
    if cw <= 0 or ch <= 0:
        return QRectF(0, 0, w, h)

    def pad(name: str) -> float:
        v = item.property(name)
        return float(v) if isinstance(v, (int, float)) else 0.0

    lp, rp, tp, bp = (pad(n) for n in ("leftPadding", "rightPadding", "topPadding",
                                       "bottomPadding"))
    ha, va = _enum_properties(item, ("effectiveHorizontalAlignment", "verticalAlignment"))
    free_w, free_h = w - lp - rp - cw, h - tp - bp - ch
    right, hcenter = Qt.AlignmentFlag.AlignRight.value, Qt.AlignmentFlag.AlignHCenter.value
    bottom, vcenter = Qt.AlignmentFlag.AlignBottom.value, Qt.AlignmentFlag.AlignVCenter.value
    x = lp + (free_w if ha & right else free_w / 2 if ha & hcenter else 0.0)
    y = tp + (free_h if va & bottom else free_h / 2 if va & vcenter else 0.0)
    return QRectF(x, y, cw, ch)


def _line_ratio(item: QQuickItem, px: float, scale: float) -> float | None:
    lines = item.property("lineCount")
    if not isinstance(lines, int) or lines < 2 or px <= 0:
        return None
    ch = float(item.property("contentHeight") or 0.0)
    return (ch / lines) * scale / px


# Walking the tree ---------------------------------------------------------------------


@dataclass
class _Scan:
    targets: list[_Target] = field(default_factory=list)
    texts: list[_Text] = field(default_factory=list)
    screen_level: list[tuple[str, str, str]] = field(default_factory=list)  # item, rule, what


def _is_actionable(item: QQuickItem, role: QAccessible.Role | None) -> bool:
    if any(item.inherits(c) for c in _CONTROL_CLASSES):
        return True
    if any(item.inherits(c) for c in _EDIT_CLASSES):
        return not bool(item.property("readOnly"))
    return role in _ACTIONABLE_ROLES


def _takes_taps(item: QQuickItem) -> bool:
    """An enabled MouseArea that accepts a button, or an item with an enabled TapHandler."""
    if item.inherits("QQuickMouseArea"):
        # MouseArea.enabled shadows Item.enabled: it says whether the area takes presses.
        (buttons,) = _enum_properties(item, ("acceptedButtons",))
        return item.isEnabled() and bool(item.property("enabled")) and buttons != 0
    return any(c.inherits("QQuickTapHandler") and bool(c.property("enabled"))
               for c in item.children())


def _observes_touches(item: QQuickItem, window: QRectF) -> bool:
    """A MouseArea over the whole window only watches presses (the idle timer's "still
    there" signal, which hands every press on): nobody aims at it."""
    r = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
    covered = r.intersected(window)
    return (item.inherits("QQuickMouseArea")
            and covered.width() * covered.height() >= 0.9 * window.width() * window.height())


def _gesture(item: QQuickItem) -> str:
    """A gesture other than tap and vertical scroll this item offers, or ''."""
    for obj in [item, *item.children()]:
        if (any(obj.inherits(c) for c in _GESTURE_CLASSES)
                and (obj is item or bool(obj.property("enabled")))):
            return _class_name(obj)
    if item.inherits("QQuickMouseArea"):
        (dragging,) = _enum_properties(item, ("drag.target ? 1 : 0",))
        if dragging:
            return "MouseArea drag"
    if item.inherits("QQuickSwipeView") and bool(item.property("interactive")):
        return "SwipeView swipe"
    if item.inherits("QQuickFlickable") and bool(item.property("interactive")):
        cw = float(item.property("contentWidth") or 0.0)
        (d,) = _enum_properties(item, ("flickableDirection",))
        # AutoFlickDirection (0) flicks horizontally when the content is wider.
        if cw > item.width() + 1 and d in (0, 1, 3):
            return "horizontal flick"
    return ""


def _scan(window: QQuickWindow) -> _Scan:
    scan = _Scan()
    bounds = QRectF(0, 0, window.width(), window.height())

    def walk(item: QQuickItem, clip: QRectF, opacity: float, inside: _Target | None,
             disabled: bool) -> None:
        if not item.isVisible():
            return
        opacity *= item.opacity()
        if opacity < 0.01:
            return
        rect = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
        shown = rect.intersected(clip)
        child_clip = shown if item.clip() else clip
        disabled = disabled or not item.isEnabled()
        if item.inherits("QQuickPopupItem"):
            popup = item.parent()  # the Popup itself, which is a QObject, not an item
            popup_name = popup.objectName() if popup is not None else ""
            scan.screen_level.append((popup_name or _label(item), POPUP, "a pop-up is open"))
        gesture = _gesture(item)
        if gesture:
            scan.screen_level.append((_label(item), GESTURE, gesture))
        target = inside
        has_area = shown.width() > 0 and shown.height() > 0
        role, name = _accessible(item)
        if has_area and _is_actionable(item, role):
            target = _Target(item, item, rect, shown, role, name)
            (inside.children if inside is not None else scan.targets).append(target)
        elif (has_area and inside is None and _takes_taps(item)
              and not _observes_touches(item, bounds)):
            owner = item.parentItem() if item.inherits("QQuickMouseArea") else item
            if owner is None or owner is window.contentItem():
                owner = item
            if not name:
                role, name = _accessible(owner) if owner is not item else (role, name)
            target = _Target(item, owner, rect, shown, role, name)
            scan.targets.append(target)
        if has_area and any(item.inherits(c) for c in _TEXT_CLASSES):
            text = _visible_string(item)
            if text:
                scale = _scene_scale(item)
                px = _font_px(item) * scale
                whole = item.mapRectToScene(_content_rect(item))
                content = whole.intersected(clip)
                kids = any(c.isVisible() and c.opacity() > 0.01 for c in child_items(item))
                if content.width() > 0 and content.height() > 0:
                    scan.texts.append(_Text(item, text, px, content,
                                            _line_ratio(item, _font_px(item), scale), kids,
                                            disabled, content != whole))
        for child in child_items(item):
            walk(child, child_clip, opacity, target, disabled)

    root = window.contentItem()
    for child in child_items(root):
        walk(child, bounds, 1.0, None, False)
    scan.targets = _without_backdrops(scan.targets)
    return scan


def _without_backdrops(targets: list[_Target]) -> list[_Target]:
    """A bare tap area (a MouseArea without an actionable role: none, or its owner's
    Pane) lying under other targets it contains is a backdrop that swallows presses
    between them (a keyboard panel's, a modal's), not something to aim at: the targets on
    it are what a resident touches."""
    def is_backdrop(t: _Target) -> bool:
        return (t.role not in _ACTIONABLE_ROLES and t.item.inherits("QQuickMouseArea")
                and any(o is not t and t.visible.contains(o.visible) for o in targets))

    return [t for t in targets if not is_backdrop(t)]


def _visible_string(item: QQuickItem) -> str:
    text = item.property("displayText") if item.inherits("QQuickTextInput") else None
    if not isinstance(text, str):
        text = item.property("text")
    if not isinstance(text, str):
        return ""
    if item.inherits("QQuickText") and _TAG.search(text):
        text = _TAG.sub("", text)  # rich or styled text: tags are not glyphs
    return text.strip()


_TAG = re.compile(r"<[^>]+>")


def _label(item: QQuickItem, owner: QQuickItem | None = None) -> str:
    """How a violation names an item: objectName, accessible name, or type and text."""
    for obj in (item, owner):
        if obj is not None and obj.objectName():
            return obj.objectName()
    for obj in (item, owner):
        if obj is not None:
            _role, name = _accessible(obj)
            if name:
                return f"{_class_name(obj)} “{name}”"
    base = owner if owner is not None else item
    texts = _descendant_texts(base)
    shown = f" “{_one_line(texts[0])[:24]}”" if texts else ""
    r = base.mapRectToScene(QRectF(0, 0, base.width(), base.height()))
    return f"{_class_name(base)}{shown} at ({r.x():.0f},{r.y():.0f})"


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ⏎ ", text)


def _descendant_texts(item: QQuickItem) -> list[str]:
    found: list[str] = []

    def walk(it: QQuickItem) -> None:
        if not it.isVisible() or it.opacity() < 0.01:
            return
        if any(it.inherits(c) for c in _TEXT_CLASSES):
            s = _visible_string(it)
            if s:
                found.append(s)
        for c in child_items(it):
            walk(c)

    walk(item)
    return found


# Pixels -------------------------------------------------------------------------------


def _linear_luminance(image: QImage) -> NDArray[np.float64]:
    """WCAG relative luminance of every pixel, as an H×W array."""
    img = image.convertToFormat(QImage.Format.Format_RGBX8888)
    h, w, stride = img.height(), img.width(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=h * stride)
    rgb = buf.reshape(h, stride)[:, : w * 4].reshape(h, w, 4)[..., :3].astype(np.float64) / 255
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    out: NDArray[np.float64] = lin @ np.array([0.2126, 0.7152, 0.0722])
    return out


def _rgb(image: QImage) -> NDArray[np.int16]:
    img = image.convertToFormat(QImage.Format.Format_RGBX8888)
    h, w, stride = img.height(), img.width(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=h * stride)
    out: NDArray[np.int16] = buf.reshape(h, stride)[:, : w * 4].reshape(h, w, 4)[..., :3] \
        .astype(np.int16)
    return out


def _ratio(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.float64]:
    hi, lo = np.maximum(a, b), np.minimum(a, b)
    out: NDArray[np.float64] = (hi + 0.05) / (lo + 0.05)
    return out


# A pixel counts as part of a glyph when the text changed it by more than this (0–255).
_GLYPH_DELTA = 12
# The glyphs' contrast is read at this percentile of their pixels: strokes' cores, not the
# anti-aliased rims, yet not a single stray pixel either.
_CORE_PERCENTILE = 90.0


@dataclass(frozen=True)
class _Frames:
    lum: NDArray[np.float64]
    rgb: NDArray[np.int16]
    bg_lum: NDArray[np.float64]
    bg_rgb: NDArray[np.int16]
    dpr: float

    def region(self, rect: QRectF) -> tuple[slice, slice] | None:
        h, w = self.lum.shape
        x0 = max(0, math.floor(rect.left() * self.dpr))
        y0 = max(0, math.floor(rect.top() * self.dpr))
        x1 = min(w, math.ceil(rect.right() * self.dpr))
        y1 = min(h, math.ceil(rect.bottom() * self.dpr))
        if x1 <= x0 or y1 <= y0:
            return None
        return slice(y0, y1), slice(x0, x1)


def _measured_contrast(frames: _Frames, text: _Text) -> float | None:
    """The contrast of the text's glyph pixels against what is drawn behind them.

    Texts without child items were hidden in the background frame, so each glyph pixel is
    compared with the very pixel behind it. A text that owns visible children (a Label's
    background, a TextField's frame) cannot be hidden alone; there the background is the
    region's most common colour and the glyphs are the pixels far from it.
    """
    where = frames.region(text.content)
    if where is None:
        return None
    fg = frames.lum[where]
    if not text.has_children:
        delta = np.abs(frames.rgb[where] - frames.bg_rgb[where]).max(axis=-1)
        glyph = delta > _GLYPH_DELTA
        if not glyph.any():
            # No ink shows. A sliver of a scrolled text, or a text covered by something
            # drawn above it (its colour is far from what is there), is not seen: not
            # measured. Otherwise it is drawn in the colour of what is behind it: 1:1.
            if text.clipped or _covered_text(text, frames.rgb[where]):
                return None
            return 1.0
        return float(np.percentile(_ratio(fg[glyph], frames.bg_lum[where][glyph]),
                                   _CORE_PERCENTILE))
    rgb = frames.rgb[where].reshape(-1, 3)
    bins = (rgb // 16).astype(np.int32)
    keys = bins[:, 0] * 256 + bins[:, 1] * 16 + bins[:, 2]
    values, counts = np.unique(keys, return_counts=True)
    mode = values[np.argmax(counts)]
    bg = fg.reshape(-1)[keys == mode].mean()
    far = np.abs(rgb - rgb[keys == mode].mean(axis=0)).max(axis=-1) > _GLYPH_DELTA
    if not far.any():
        return 1.0
    return float(np.percentile(_ratio(fg.reshape(-1)[far], np.full(far.sum(), bg)),
                               _CORE_PERCENTILE))


def _covered_text(text: _Text, region: NDArray[np.int16]) -> bool:
    """The declared colour only explains missing ink here; it never stands in for the
    measured contrast."""
    color = text.item.property("color")
    if not isinstance(color, QColor) or color.alpha() == 0:
        return False
    there = np.median(region.reshape(-1, 3), axis=0)
    declared = np.array([color.red(), color.green(), color.blue()])
    return bool(np.abs(declared - there).max() > 3 * _GLYPH_DELTA)


def _background_frame(window: QQuickWindow, texts: Sequence[_Text]) -> QImage:
    """The same screen with the childless texts hidden: what lies behind every glyph.

    ``setOpacity`` is the C++ setter, so no QML Behavior animates it and no binding is
    lost; the old values are put back before returning.
    """
    hidden = [(t.item, t.item.opacity()) for t in texts if not t.has_children]
    try:
        for item, _ in hidden:
            item.setOpacity(0.0)
        return window.grabWindow()
    finally:
        for item, opacity in hidden:
            item.setOpacity(opacity)


# The rules ----------------------------------------------------------------------------


def _gap(a: QRectF, b: QRectF) -> float:
    dx = max(0.0, b.left() - a.right(), a.left() - b.right())
    dy = max(0.0, b.top() - a.bottom(), a.top() - b.bottom())
    return math.hypot(dx, dy)


def _flatten(targets: list[_Target]) -> Iterator[_Target]:
    for t in targets:
        yield t
        yield from _flatten(t.children)


def _expected_name(t: _Target) -> str | None:
    """The visible text a button's name must equal, or None when any name will do."""
    if t.role is not None and t.role not in _LABELLED_ROLES:
        return None
    own = _string_property(t.owner, "text")
    if own:
        return own
    texts = _descendant_texts(t.owner)
    return texts[0] if texts else None


def _target_rules(screen: str, rules: RuleSet, scale: float,
                  targets: list[_Target]) -> Iterator[Violation]:
    side, gap_limit = rules.min_target_px * scale, rules.min_target_gap_px * scale
    for t in _flatten(targets):
        label = _label(t.item, t.owner)
        w, h = t.rect.width(), t.rect.height()
        if w + 0.5 < side or h + 0.5 < side:
            yield Violation(screen, label, TARGET_SIZE, f"{w:.0f}×{h:.0f} px",
                            f"{side:.0f}×{side:.0f} px")
        if not t.name:
            expected = _expected_name(t)
            yield Violation(screen, label, ACCESSIBLE_NAME, "no Accessible.name",
                            "a name" if expected is None
                            else f"“{expected}”" if t.role is not None
                            else f"a name (its text: “{_one_line(expected)[:24]}”)")
        else:
            expected = _expected_name(t)
            if expected is not None and _squash(t.name) != _squash(expected):
                yield Violation(screen, label, ACCESSIBLE_NAME, f"“{t.name}”",
                                f"the visible text “{expected}”")
    # Spacing between neighbours; an item and the targets nested in it are one control.
    for siblings in _sibling_groups(targets):
        for i, a in enumerate(siblings):
            for b in siblings[i + 1:]:
                d = _gap(a.visible, b.visible)
                if d + 0.5 < gap_limit:
                    yield Violation(screen, f"{_label(a.item, a.owner)} ↔ "
                                            f"{_label(b.item, b.owner)}",
                                    TARGET_GAP, f"{d:.0f} px", f"{gap_limit:.0f} px")


def _sibling_groups(targets: list[_Target]) -> Iterator[list[_Target]]:
    yield targets
    for t in targets:
        if t.children:
            yield from _sibling_groups(t.children)


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _text_rules(screen: str, rules: RuleSet, scale: float, texts: list[_Text],
                frames: _Frames) -> Iterator[Violation]:
    min_px, large_px = rules.min_text_px * scale, rules.large_text_px * scale
    for t in texts:
        label = _text_label(t)
        if t.px + 0.05 < min_px:
            yield Violation(screen, label, TEXT_SIZE, f"{t.px:.1f} px", f"{min_px:.0f} px")
        if t.line_ratio is not None and t.line_ratio + 0.005 < rules.min_line_spacing:
            yield Violation(screen, label, LINE_SPACING, f"{t.line_ratio:.2f}",
                            f"{rules.min_line_spacing:.2f}")
        if t.disabled:
            continue  # WCAG 1.4.3 exempts inactive controls; their size still counts
        measured = _measured_contrast(frames, t)
        if measured is None:
            continue
        limit = rules.min_contrast_large if t.px + 0.05 >= large_px else rules.min_contrast
        if measured + 0.005 < limit:
            what = f"{measured:.2f}:1" + (" (no ink shows: drawn in the colour behind it)"
                                          if measured == 1.0 else "")
            yield Violation(screen, label, CONTRAST, what, f"{limit:g}:1")


def _text_label(t: _Text) -> str:
    r = t.content
    shown = f"“{_one_line(t.text)[:24]}” at ({r.x():.0f},{r.y():.0f})"
    return f"{t.item.objectName() or _class_name(t.item)} {shown}"


def audit(window: QQuickWindow, frame: QImage | None = None, screen: str = "",
          rules: RuleSet = NORMAL) -> list[Violation]:
    """Every violation of ``rules`` on the screen ``window`` shows now.

    ``frame`` is the window as grabbed (it is grabbed here when not given); a second frame
    with the texts hidden is grabbed to see what lies behind them. Accessibility must be
    active for Qt Quick Controls to expose their names (``activate_accessibility``).
    """
    activate_accessibility()
    if frame is None:
        frame = window.grabWindow()
    scan = _scan(window)
    background = _background_frame(window, scan.texts)
    if background.size() != frame.size():
        raise ValueError(f"the frame is {frame.width()}×{frame.height()} but the window "
                         f"renders {background.width()}×{background.height()}")
    frames = _Frames(_linear_luminance(frame), _rgb(frame), _linear_luminance(background),
                     _rgb(background), frame.width() / max(1, window.width()))
    scale = rules.scale(window.width(), window.height())
    found = [Violation(screen, item, rule, what, "tap and vertical scroll only"
                       if rule == GESTURE else "none")
             for item, rule, what in scan.screen_level]
    # A target wholly covered by an item drawn above it (the keyboard over the footer) is
    # not seen: like an invisible one it is not counted, nor are the texts on it.
    covered = _covered(window, frames, scan.targets)
    found += _target_rules(screen, rules, scale, _uncovered(scan.targets, covered))
    hidden_owners = [t.owner for t in covered]
    found += _text_rules(screen, rules, scale,
                         [t for t in scan.texts
                          if not any(_within(t.item, o) for o in hidden_owners)], frames)
    return found


def _covered(window: QQuickWindow, frames: _Frames, targets: list[_Target]) -> list[_Target]:
    """Targets that are 'visible' yet show nothing: hiding one changes no pixel of its
    place, because something drawn above it covers it (a keyboard over the footer). One
    grab per target."""
    found: list[_Target] = []
    for t in _flatten(targets):
        where = frames.region(t.visible)
        if where is None:
            continue
        shown = t.owner if t.owner is not t.item else t.item  # a MouseArea draws nothing
        opacity = shown.opacity()
        try:
            shown.setOpacity(0.0)
            without = _rgb(window.grabWindow())
        finally:
            shown.setOpacity(opacity)
        if without.shape != frames.rgb.shape:
            continue
        if not (np.abs(frames.rgb[where] - without[where]).max(axis=-1) > _GLYPH_DELTA).any():
            found.append(t)
    return found


def _uncovered(targets: list[_Target], covered: list[_Target]) -> list[_Target]:
    return [replace(t, children=_uncovered(t.children, covered))
            for t in targets if not any(t is c for c in covered)]


def _within(item: QQuickItem, ancestor: QQuickItem) -> bool:
    node: QQuickItem | None = item
    while node is not None:
        if node is ancestor:
            return True
        node = node.parentItem()
    return False


def activate_accessibility() -> None:
    """Turns Qt's accessibility on in this process, as a screen reader would.

    Qt Quick Controls set their accessible names (a Button's is its text) only while
    accessibility is active; without it every control would look nameless.
    """
    if not QAccessible.isActive():
        QAccessible.setActive(True)


# `kiosk screenshots OUTDIR --audit` ---------------------------------------------------


class _Screenshots(Protocol):
    def screenshots(self, kiosk: Kiosk, outdir: Path,
                    on_screen: Callable[[str, QQuickWindow], None] | None = None,
                    elder: bool = False, high_contrast: bool = False) -> list[Path]: ...


@dataclass
class ScreenAuditor:
    """The per-screen callback of the screenshot loop: audits each screen as it is shown."""

    rules: RuleSet = NORMAL
    violations: list[Violation] = field(default_factory=list)
    screens: list[str] = field(default_factory=list)

    def __call__(self, name: str, window: QQuickWindow) -> None:
        screen = name if self.rules is NORMAL else f"{name} [{self.rules.name}]"
        self.screens.append(screen)
        self.violations += audit(window, None, screen, self.rules)

    def summary(self) -> str:
        bad = len({v.screen for v in self.violations})
        return (f"适老化 audit ({self.rules.name} rules, reference "
                f"{self.rules.reference[0]}×{self.rules.reference[1]}): "
                f"{len(self.violations)} violation(s) on {bad} of {len(self.screens)} screens")


def audit_screenshots(frontend: _Screenshots, kiosk: Kiosk, outdir: Path,
                      rules: RuleSet = NORMAL, elder: bool = False,
                      high_contrast: bool = False) -> tuple[list[Path], ScreenAuditor]:
    """Renders every screen to ``outdir`` (in 长辈模式/高对比度 when asked) and audits each
    one while it is on view."""
    activate_accessibility()  # before the window exists, so controls name themselves
    auditor = ScreenAuditor(rules)
    paths = frontend.screenshots(kiosk, outdir, on_screen=auditor, elder=elder,
                                 high_contrast=high_contrast)
    return paths, auditor
