"""One form definition drives validation, the screen and the receipt.

The JSON Schema and the UI schema are derived from the catalog's field library and the
item's field list, so a bundle's form (several items) is the same construction over the
union of their fields — a shared field is one key, asked once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jsonschema

from kiosk.catalog.model import Catalog, Item
from kiosk.forms.validators import CHECKS
from kiosk.i18n import QT_TRANSLATE_NOOP, arg

_IDENT = re.compile(r"[a-z][a-z0-9_]{0,39}")  # a catalog field id


@dataclass(frozen=True)
class FormDefinition:
    fields: tuple[str, ...]
    required: tuple[str, ...]
    json_schema: Mapping[str, Any]
    ui_schema: Mapping[str, Any]
    labels: Mapping[str, str]


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str  # Chinese, for the resident; never contains the value typed

    def __str__(self) -> str:
        return self.message


def form_for(catalog: Catalog, fields: Sequence[str], required: Iterable[str]) -> FormDefinition:
    req = tuple(f for f in fields if f in set(required))
    props = {f: dict(catalog.fields[f].schema) for f in fields}
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
              "properties": props, "required": list(req), "additionalProperties": False}
    ui: dict[str, Any] = {"ui:order": list(fields)}
    for f in fields:
        d = catalog.fields[f]
        entry: dict[str, Any] = {"ui:label": d.label, "ui:widget": d.widget}
        if d.help:
            entry["ui:help"] = d.help
        if d.prefill:
            entry["ui:prefill"] = d.prefill
        enum = d.schema.get("enum")
        if enum:
            entry["ui:options"] = list(enum)
        ui[f] = entry
    return FormDefinition(tuple(fields), req, schema, ui,
                          {f: catalog.fields[f].label for f in fields})


def item_form(catalog: Catalog, item: Item) -> FormDefinition:
    return form_for(catalog, item.form.fields, item.form.required)


def union_form(catalog: Catalog, items: Sequence[Item]) -> FormDefinition:
    """Fields in first-appearance order, each once; required if any item requires it."""
    fields: list[str] = []
    required: set[str] = set()
    for it in items:
        fields += [f for f in it.form.fields if f not in fields]
        required |= set(it.form.required)
    return form_for(catalog, fields, required)


def clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Blank answers are no answers: an empty text box must not fail a format check."""
    out: dict[str, Any] = {}
    for k, v in values.items():
        if isinstance(v, str):
            v = v.strip()
            if not v:
                continue
        if v is None:
            continue
        out[k] = v
    return out


def validate(catalog: Catalog, form: FormDefinition, values: Mapping[str, Any],
             extra_required: Iterable[str] = (), today: dt.date | None = None
             ) -> list[FieldProblem]:
    """Every problem, one per field, in form order, each in words for the resident."""
    # Catalog fields outside this form (e.g. prefilled for a bundle item the answers did
    # not select) are not this form's business; unknown names are still refused.
    vals = {k: v for k, v in clean(values).items() if k in form.fields or k not in catalog.fields}
    schema = dict(form.json_schema)
    schema["required"] = sorted(set(form.required) | (set(extra_required) & set(form.fields)))
    found: dict[str, str] = {}
    for err in jsonschema.Draft202012Validator(schema).iter_errors(vals):
        field, message = _explain(catalog, form, err)
        found.setdefault(field, message)
    for f in form.fields:
        d = catalog.fields[f]
        if f in vals and f not in found and d.check:
            v = vals[f]
            problem = CHECKS[d.check](str(v), today) if isinstance(v, str) else \
                QT_TRANSLATE_NOOP("kiosk", "格式不对，请重新填写")
            if problem:
                found[f] = arg(QT_TRANSLATE_NOOP("kiosk", "「%1」%2"), d.label, problem)
    order = {f: i for i, f in enumerate(form.fields)}
    return [FieldProblem(f, m) for f, m in sorted(found.items(),
                                                   key=lambda kv: order.get(kv[0], 1 << 30))]


def _explain(catalog: Catalog, form: FormDefinition,
             err: jsonschema.ValidationError) -> tuple[str, str]:
    if err.validator == "required":
        missing = str(err.message).split("'")[1]
        return missing, arg(QT_TRANSLATE_NOOP("kiosk", "「%1」必须填写"),
                            form.labels.get(missing, missing))
    if err.validator == "additionalProperties":
        # Names only a catalog could have; any other key is counted, never repeated (a
        # hand-made file's key may be a megabyte long, or personal data).
        unknown = sorted(set(err.instance) - set(form.fields))
        named = [k for k in unknown if _IDENT.fullmatch(k)]
        extra, others = "、".join(named), len(unknown) - len(named)
        if others:
            extra += ("，另有" if extra else "") + f"{others}项无法识别的内容"
        return "_form", f"表单中有本事项不需要的内容：{extra}"
    field = str(err.absolute_path[0]) if err.absolute_path else "_form"
    label = form.labels.get(field, field)
    s = err.schema if isinstance(err.schema, dict) else {}
    words = {
        "type": QT_TRANSLATE_NOOP("kiosk", "格式不对，请填写数字")
        if s.get("type") in ("integer", "number")
        else QT_TRANSLATE_NOOP("kiosk", "格式不对，请填写文字"),
        "enum": "请从选项中选择：" + "、".join(map(str, s.get("enum", []))),
        "minLength": arg(QT_TRANSLATE_NOOP("kiosk", "至少要填%1个字"), s.get("minLength")),
        "maxLength": arg(QT_TRANSLATE_NOOP("kiosk", "最多只能填%1个字"), s.get("maxLength")),
        "minimum": arg(QT_TRANSLATE_NOOP("kiosk", "不能小于%1"), s.get("minimum")),
        "maximum": arg(QT_TRANSLATE_NOOP("kiosk", "不能大于%1"), s.get("maximum")),
        "exclusiveMinimum": arg(QT_TRANSLATE_NOOP("kiosk", "必须大于%1"),
                                s.get("exclusiveMinimum")),
        "pattern": QT_TRANSLATE_NOOP("kiosk", "格式不正确，请对照证件核对"),
    }
    return field, arg(QT_TRANSLATE_NOOP("kiosk", "「%1」%2"), label,
                      words.get(str(err.validator), QT_TRANSLATE_NOOP("kiosk", "填写有误，请核对")))
