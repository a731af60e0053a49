"""What one page of the form shows, and the check run when the resident presses 继续.

The screen is a thin renderer: every label, hint, bound, option, "来自身份证" mark and error
message is decided here, Qt-free, so the flow (kiosk/flow), the check-answers screen and
the tests all see the same words. Pages follow GOV.UK's question pages: a few related
questions per page (``page_size``; 长辈模式 can ask one per page), validation on 继续 and
not per keystroke, an error summary with the same words as the message beside each field,
and nothing the resident typed is ever cleared — ``check_page`` hands the raw text back.

Widgets edit text, so values on screen are strings; ``coerce`` turns them into the JSON
types the schema wants (an integer field gets an ``int``) before validation and submission.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.catalog.model import Catalog, FieldDef
from kiosk.forms.prefill import Prefill
from kiosk.forms.schema import FormDefinition, clean, validate
from kiosk.i18n import QT_TRANSLATE_NOOP, arg
from kiosk.identity import mask_id_number, mask_name, mask_phone

DEFAULT_PAGE_SIZE = 5
"""Five questions fit the 1280×800 screen beside the keyboard with the page scrolling."""


class Widget(StrEnum):
    """The ``ui:widget`` kinds the screen can draw; one QML file each (ui/qml/form/)."""

    TEXT = "text"
    TEXTAREA = "textarea"
    IDNUMBER = "idnumber"
    PHONE = "phone"
    NUMBER = "number"
    DATE = "date"
    RADIO = "radio"
    SELECT = "select"


class Keypad(StrEnum):
    """Which keyboard a field opens: the full Pinyin keyboard, or a large digit pad."""

    FULL = "full"
    DIGITS = "digits"
    DECIMAL = "decimal"  # digits and a decimal point
    ID = "id"  # digits and X (GB 11643 check character)
    NONE = "none"  # choices and dates are tapped, not typed


SOURCE_WORDS = {
    "card": "来自身份证",
    "ecert": "来自电子证照",
    "history": "来自您以前办理的事项",
}

# Natural lengths for widgets whose schema gives none: an ID number is 18 characters and
# a mobile number 11 digits, so the box refuses the 19th key instead of failing later.
_WIDGET_MAX_LENGTH = {Widget.IDNUMBER: 18, Widget.PHONE: 11}
_DIGIT_CHECKS = frozenset({"mobile", "bank_card", "region_code"})


@dataclass(frozen=True)
class FieldView:
    """One question as the screen shows it. ``value`` is text (what the widget edits)."""

    id: str
    label: str
    help: str
    widget: Widget
    value: str
    source: str  # "来自身份证" … or "" when the resident typed it
    required: bool
    max_length: int | None
    minimum: float | None
    maximum: float | None
    minimum_exclusive: bool
    options: tuple[str, ...]
    error: str  # the inline message, or ""
    keypad: Keypad
    hint: str  # the bounds in words, e.g. "请填写1到10之间的整数"
    personal: bool
    read_only: bool  # the card's own data: the card is the authority, not the keyboard
    offered: bool  # an earlier case could fill it, waiting for the resident's consent

    def __repr__(self) -> str:  # values may be personal: never in logs or tracebacks
        return f"FieldView(id={self.id!r}, widget={self.widget.value}, error={bool(self.error)})"


@dataclass(frozen=True)
class ErrorLink:
    """One line of the error summary: tapping it moves focus to ``field``."""

    field: str
    message: str


@dataclass(frozen=True)
class FormPage:
    index: int  # 0-based
    count: int
    title: str
    fields: tuple[FieldView, ...]
    summary: tuple[ErrorLink, ...] = ()

    @property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)

    @property
    def is_last(self) -> bool:
        return self.index == self.count - 1


@dataclass(frozen=True)
class PageCheck:
    """What 继续 found. ``values`` are typed and blanks dropped; ``entered`` is the raw
    text to show again so nothing typed is lost."""

    values: dict[str, Any]
    entered: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    summary: tuple[ErrorLink, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    def __repr__(self) -> str:
        return f"PageCheck(ok={self.ok}, errors={sorted(self.errors)})"


@dataclass(frozen=True)
class Answer:
    """One row of 核对信息: the question, the answer as typed, and a masked variant for
    anything shown where others may look (printouts, screenshots)."""

    field: str
    label: str
    text: str
    masked: str
    source: str
    page: int  # where 修改 goes back to


# -- building pages -----------------------------------------------------------------------


def widget_of(d: FieldDef) -> Widget:
    """The catalog's widget, except a choice with no options listed: it falls back to the
    box its type needs, so a question is never drawn with nothing to choose."""
    w = Widget(d.widget)
    if w in (Widget.RADIO, Widget.SELECT) and not d.schema.get("enum"):
        return Widget.NUMBER if d.schema.get("type") in ("integer", "number") else Widget.TEXT
    return w


def keypad_of(d: FieldDef) -> Keypad:
    w = widget_of(d)
    if w in (Widget.RADIO, Widget.SELECT):
        return Keypad.NONE
    if w is Widget.IDNUMBER:
        return Keypad.ID
    if w in (Widget.PHONE, Widget.DATE) or d.check in _DIGIT_CHECKS:
        return Keypad.DIGITS
    if w is Widget.NUMBER:
        return Keypad.DECIMAL if d.schema.get("type") == "number" else Keypad.DIGITS
    return Keypad.FULL


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def bounds_hint(d: FieldDef) -> str:
    s = d.schema
    lo, hi = _num(s.get("minimum")), _num(s.get("maximum"))
    xlo = _num(s.get("exclusiveMinimum"))
    kind = QT_TRANSLATE_NOOP("kiosk", "整数") if s.get("type") == "integer" else \
        QT_TRANSLATE_NOOP("kiosk", "数字")
    if s.get("enum") or s.get("type") not in ("integer", "number"):
        return ""
    if lo is not None and hi is not None:
        return arg(QT_TRANSLATE_NOOP("kiosk", "请填写%1到%2之间的%3"), _fmt(lo), _fmt(hi), kind)
    if xlo is not None and hi is not None:
        return arg(QT_TRANSLATE_NOOP("kiosk", "请填写大于%1、不超过%2的%3"), _fmt(xlo), _fmt(hi),
                   kind)
    if lo is not None:
        return arg(QT_TRANSLATE_NOOP("kiosk", "请填写不小于%1的%2"), _fmt(lo), kind)
    if hi is not None:
        return arg(QT_TRANSLATE_NOOP("kiosk", "请填写不大于%1的%2"), _fmt(hi), kind)
    return arg(QT_TRANSLATE_NOOP("kiosk", "请填写%1"), kind)


def as_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def field_view(catalog: Catalog, form: FormDefinition, f: str, values: Mapping[str, Any],
               prefill: Prefill | None = None, error: str = "",
               extra_required: Iterable[str] = ()) -> FieldView:
    d = catalog.fields[f]
    s = d.schema
    w = widget_of(d)
    text = as_text(values.get(f))
    source = ""
    if prefill is not None and f in prefill.values and as_text(prefill.values[f]) == text \
            and text:
        source = SOURCE_WORDS.get(prefill.sources.get(f, ""), "")
    max_len = s.get("maxLength")
    lo = _num(s.get("minimum"))
    xlo = _num(s.get("exclusiveMinimum"))
    return FieldView(
        id=f, label=d.label, help=d.help, widget=w, value=text, source=source,
        required=f in form.required or f in set(extra_required),
        max_length=int(max_len) if isinstance(max_len, int) else _WIDGET_MAX_LENGTH.get(w),
        minimum=lo if lo is not None else xlo, maximum=_num(s.get("maximum")),
        minimum_exclusive=lo is None and xlo is not None,
        options=tuple(as_text(o) for o in s.get("enum", ())) if w in (Widget.RADIO,
                                                                        Widget.SELECT) else (),
        error=error, keypad=keypad_of(d), hint=bounds_hint(d), personal=d.personal,
        read_only=source == SOURCE_WORDS["card"],
        offered=prefill is not None and f in prefill.offered and not text)


def page_fields(form: FormDefinition, page_size: int = DEFAULT_PAGE_SIZE
                ) -> list[tuple[str, ...]]:
    """The form's fields in order, cut into pages of ``page_size`` (at least one)."""
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    fs = form.fields
    return [tuple(fs[i:i + page_size]) for i in range(0, len(fs), page_size)] or [()]


def paginate(catalog: Catalog, form: FormDefinition, values: Mapping[str, Any] | None = None,
             prefill: Prefill | None = None, errors: Mapping[str, str] | None = None,
             page_size: int = DEFAULT_PAGE_SIZE, extra_required: Iterable[str] = (),
             title: str = QT_TRANSLATE_NOOP("kiosk", "填写申请表")) -> list[FormPage]:
    """Every page of the form. ``values`` default to the prefill; pass the raw text from
    ``PageCheck.entered`` after an error so the resident sees exactly what was typed."""
    vals: Mapping[str, Any] = values if values is not None else (
        prefill.values if prefill is not None else {})
    errs = errors or {}
    extra = tuple(extra_required)
    groups = page_fields(form, page_size)
    pages = []
    for i, ids in enumerate(groups):
        views = tuple(field_view(catalog, form, f, vals, prefill, errs.get(f, ""), extra)
                      for f in ids)
        heading = title if len(groups) == 1 else arg(
            QT_TRANSLATE_NOOP("kiosk", "%1（第%2页，共%3页）"), title, i + 1, len(groups))
        pages.append(FormPage(i, len(groups), heading, views,
                              tuple(ErrorLink(v.id, v.error) for v in views if v.error)))
    return pages


def page_of(form: FormDefinition, f: str, page_size: int = DEFAULT_PAGE_SIZE) -> int:
    """The page a field is on (修改 on check-answers goes back there)."""
    for i, ids in enumerate(page_fields(form, page_size)):
        if f in ids:
            return i
    raise KeyError(f)


# -- 继续 -----------------------------------------------------------------------------------


def coerce(catalog: Catalog, form: FormDefinition, entered: Mapping[str, Any]
           ) -> dict[str, Any]:
    """Text from the widgets → the schema's JSON types; blanks are no answer. Text that
    is not a number stays text, so validation says "请填写数字" instead of guessing."""
    out: dict[str, Any] = {}
    for k, v in clean(entered).items():
        d = catalog.fields.get(k)
        t = d.schema.get("type") if d is not None else None
        if isinstance(v, str) and t in ("integer", "number"):
            txt = v.replace(",", "").replace("，", "")
            try:
                num = float(txt)
            except ValueError:
                out[k] = v
                continue
            if not math.isfinite(num):
                out[k] = v
            elif num.is_integer() and "." not in txt and "e" not in txt.lower():
                out[k] = int(txt)
            elif t == "number":
                out[k] = num
            else:
                out[k] = v  # "2.5" children: not an integer, say so
        else:
            out[k] = v
    return out


def check_page(catalog: Catalog, form: FormDefinition, fields: Sequence[str] | FormPage,
               entered: Mapping[str, Any], extra_required: Iterable[str] = (),
               today: dt.date | None = None) -> PageCheck:
    """Validates the fields of one page (all of ``form.fields`` for the whole form) as the
    submission would: jsonschema plus the catalog's named checks. Messages are the plain
    Chinese of kiosk.forms.schema.validate, which never repeats a value."""
    ids = fields.field_ids if isinstance(fields, FormPage) else tuple(fields)
    raw = {k: as_text(v) for k, v in entered.items() if k in form.fields}
    values = coerce(catalog, form, raw)
    problems = validate(catalog, form, values, extra_required=extra_required, today=today)
    errors = {p.field: p.message for p in problems if p.field in ids}
    summary = tuple(ErrorLink(f, errors[f]) for f in ids if f in errors)
    return PageCheck(values, raw, {f: errors[f] for f in ids if f in errors}, summary)


def check_form(catalog: Catalog, form: FormDefinition, entered: Mapping[str, Any],
               extra_required: Iterable[str] = (), today: dt.date | None = None) -> PageCheck:
    return check_page(catalog, form, form.fields, entered, extra_required, today)


# -- 核对信息 -------------------------------------------------------------------------------


def _masked(widget: Widget, d: FieldDef, text: str) -> str:
    if not d.personal or not text:
        return text
    if widget is Widget.IDNUMBER:
        return mask_id_number(text)
    if widget is Widget.PHONE:
        return mask_phone(text)
    if "name" in d.id:
        return mask_name(text)
    return text[:2] + "*" * max(0, len(text) - 2) if len(text) > 2 else "*" * len(text)


def answers(catalog: Catalog, form: FormDefinition, values: Mapping[str, Any],
            prefill: Prefill | None = None, page_size: int = DEFAULT_PAGE_SIZE
            ) -> list[Answer]:
    """The answered questions in form order, for the check-answers page (修改 → ``page``)."""
    out = []
    groups = page_fields(form, page_size)
    for i, ids in enumerate(groups):
        for f in ids:
            text = as_text(values.get(f))
            if not text:
                continue
            v = field_view(catalog, form, f, values, prefill)
            out.append(Answer(f, v.label, text, _masked(v.widget, catalog.fields[f], text),
                              v.source, i))
    return out
