"""Loading the catalog: JSON Schema first, then the cross-references a schema cannot see.

A malformed catalog is refused with the file, the JSON path inside it and the reason, so
whoever edited it (or the platform that signed it) can fix exactly that spot; the
terminal keeps serving the last catalog that loaded (``CatalogKeeper``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from kiosk.catalog.model import (
    Bundle,
    BundleItem,
    Catalog,
    Charge,
    Commitment,
    Condition,
    Fee,
    FieldDef,
    FormSpec,
    Item,
    ItemMaterial,
    MaterialDef,
    Necessity,
    Option,
    Question,
    SelfService,
    Stage,
    Step,
    SubjectMap,
    TimeLimit,
)
from kiosk.guide.rules import rule_problems
from kiosk.jsonfile import JsonFileError, read_json_file
from kiosk.resources import asset_dir
from sync.protocol import FORM_NUMBER_MAX, FORM_VALUE_MAX_CHARS

log = logging.getLogger(__name__)

ASSETS = asset_dir("catalog")  # importlib.resources: checkout and wheel alike
CATALOG_FILE = "catalog.json"
SCHEMA_FILE = "catalog.schema.json"
CATALOG_MAX_BYTES = 16 * 1024 * 1024  # the shipped one is 73 KB
CATALOG_MAX_DEPTH = 64  # the shipped one is 11 deep


@dataclass(frozen=True)
class Problem:
    file: str
    path: str  # JSONPath inside the file, e.g. $.items[3].materials[0].ref
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.reason}"


class CatalogError(ValueError):
    """The catalog was refused; ``problems`` lists every spot (the message shows the first)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


def default_dir() -> Path:
    return Path(os.environ.get("KIOSK_CATALOG_DIR", ASSETS))


def _schema(directory: Path) -> dict[str, Any]:
    """The schema beside the catalog if present, else the one shipped with this release."""
    for d in (directory, ASSETS):
        p = d / SCHEMA_FILE
        if p.is_file():
            result: dict[str, Any] = _read(p)
            return result
    raise FileNotFoundError(SCHEMA_FILE)


def load_catalog(directory: Path | None = None) -> Catalog:
    directory = directory or default_dir()
    path = directory / CATALOG_FILE
    return parse_catalog(_read(path), str(path), _schema(directory))


def _read(path: Path) -> Any:
    """The JSON of ``path`` within bounds (a folder, a FIFO, a 2 GB or a JSON-bomb
    catalog.json is one problem, never a hang); CatalogError otherwise."""
    try:
        return read_json_file(path, CATALOG_MAX_BYTES, CATALOG_MAX_DEPTH)
    except JsonFileError as exc:
        reason = "file not found" if str(exc) == "no such file" else str(exc)
        raise CatalogError([Problem(str(path), "$", reason)]) from None


def parse_catalog(data: Any, file: str, schema: Mapping[str, Any] | None = None) -> Catalog:
    """Validates and builds; raises CatalogError listing every problem found."""
    schema = schema if schema is not None else _schema(ASSETS)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise CatalogError([Problem(file, e.json_path, _reason(e)) for e in errors[:50]])
    problems = [Problem(file, p, r) for p, r in _reference_problems(data)]
    if problems:
        raise CatalogError(problems)
    return _build(data, file)


def _reason(e: jsonschema.ValidationError) -> str:
    bound = _missing_bound(e)
    if bound:
        return bound
    msg = str(e.message)
    if e.validator == "oneOf" and e.context:
        best = min(e.context, key=lambda c: len(c.message))
        msg = f"not a valid rule ({best.message})"
    return msg if len(msg) <= 300 else msg[:297] + "..."


def _missing_bound(e: jsonschema.ValidationError) -> str | None:
    """The words for a field schema without its bound: the schema's own message ("'maxLength'
    is a required property", "not valid under any of the given schemas") does not say why."""
    path = list(e.absolute_path)
    if len(path) != 3 or path[0] != "fields" or path[2] != "schema" \
            or e.validator not in ("required", "anyOf") or not isinstance(e.instance, dict):
        return None
    if e.instance.get("type") == "string":
        return (f"text field without a length bound: add schema.maxLength (1 to "
                f"{FORM_VALUE_MAX_CHARS}); every field is bounded so the form, the terminal and "
                "the platform refuse the same over-long answer")
    return (f"number field without a range: add schema.maximum and schema.minimum (or "
            f"exclusiveMinimum), within ±{FORM_NUMBER_MAX}; every field is bounded so the "
            "form, the terminal and the platform refuse the same value")


def _bound_problems(fid: str, schema: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Bounds the contract cannot carry, or that contradict each other. A catalog shipped
    with a laxer schema beside it still may not promise more than the platform accepts."""
    out: list[tuple[str, str]] = []
    p = f"$.fields.{fid}.schema"
    longest, shortest = schema.get("maxLength"), schema.get("minLength", 0)
    if isinstance(longest, int):
        if longest > FORM_VALUE_MAX_CHARS:
            out.append((f"{p}.maxLength", f"{longest} is more than the contract's "
                                          f"{FORM_VALUE_MAX_CHARS} characters per form value"))
        if isinstance(shortest, int) and shortest > longest:
            out.append((f"{p}.minLength", f"{shortest} is more than maxLength {longest}"))
        enum = schema.get("enum")
        too_long = [v for v in (enum if isinstance(enum, list) else [])
                    if isinstance(v, str) and len(v) > longest]
        if too_long:
            out.append((f"{p}.enum", f"option {too_long[0]!r} is longer than maxLength "
                                     f"{longest}"))
    top = schema.get("maximum")
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    for key, v in (("maximum", top), ("minimum", low)):
        if isinstance(v, int | float) and abs(v) > FORM_NUMBER_MAX:
            out.append((f"{p}.{key}", f"{v} is beyond the contract's ±{FORM_NUMBER_MAX}"))
    if isinstance(top, int | float) and isinstance(low, int | float) and low > top:
        out.append((f"{p}.maximum", f"{top} is below the minimum {low}"))
    return out


def _reference_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    fields, materials, questions = data["fields"], data["materials"], data["questions"]
    for fid, f in fields.items():
        try:
            jsonschema.Draft202012Validator.check_schema(f["schema"])
        except jsonschema.SchemaError as exc:
            out.append((f"$.fields.{fid}.schema", f"not a valid JSON Schema: {exc.message}"))
        out += _bound_problems(fid, f["schema"])
        prefill = f.get("prefill", "")
        if prefill.startswith("ecert:"):
            mat = prefill.split(":")[1]
            if mat not in materials or not materials[mat].get("ecert"):
                out.append((f"$.fields.{fid}.prefill",
                            f"'{mat}' is not a material with an e-certificate (ecert: true)"))
    for qid, q in questions.items():
        if "show_if" in q:
            out += rule_problems(q["show_if"], questions, None, f"$.questions.{qid}.show_if")
    seen: dict[str, str] = {}
    for i, item in enumerate(data["items"]):
        p = f"$.items[{i}]"
        if item["code"] in seen:
            out.append((f"{p}.code",
                        f"duplicate code {item['code']} (also at {seen[item['code']]})"))
        seen[item["code"]] = p
        asked = set(item.get("questions", []))
        out += [(f"{p}.questions[{j}]", f"unknown question '{q}'")
                for j, q in enumerate(item.get("questions", [])) if q not in questions]
        refs = [m["ref"] for m in item["materials"]]
        promised = item["time_limit"]["promised"]
        for j, m in enumerate(item["materials"]):
            mp = f"{p}.materials[{j}]"
            if m["ref"] not in materials:
                out.append((f"{mp}.ref", f"unknown material '{m['ref']}'"))
            if refs.count(m["ref"]) > 1 and refs.index(m["ref"]) != j:
                out.append((f"{mp}.ref", f"material '{m['ref']}' listed twice"))
            if "when" in m:
                out += rule_problems(m["when"], questions, asked, f"{mp}.when")
            if m.get("deferrable") and promised is not None and m["defer_days"] > promised:
                out.append((f"{mp}.defer_days",
                            f"容缺 deadline {m['defer_days']} exceeds the promised time limit "
                            f"{promised}; a deferred material must be due within it"))
            if "ecert" in m["source"] and m["ref"] in materials \
                    and not materials[m["ref"]].get("ecert"):
                out.append((f"{mp}.source", f"material '{m['ref']}' has no e-certificate"))
        for j, c in enumerate(item["conditions"]):
            if "when" in c:
                out += rule_problems(c["when"], questions, asked, f"{p}.conditions[{j}].when")
        for j, c in enumerate(item.get("commitment_options", [])):
            out += [(f"{p}.commitment_options[{j}].replaces",
                     f"'{r}' is not a material of this item")
                    for r in c["replaces"] if r not in refs]
        form = item["form"]
        out += [(f"{p}.form.fields[{j}]", f"unknown field '{f}'")
                for j, f in enumerate(form["fields"]) if f not in fields]
        out += [(f"{p}.form.required[{j}]", f"'{f}' is required but not in form.fields")
                for j, f in enumerate(form["required"]) if f not in form["fields"]]
        if "subject" in item:
            out += [(f"{p}.subject.fields.{key}", f"'{fid}' is not a field of this item's form")
                    for key, fid in item["subject"]["fields"].items()
                    if fid not in form["fields"]]
    for i, b in enumerate(data["bundles"]):
        p = f"$.bundles[{i}]"
        if b["code"] in seen:
            out.append((f"{p}.code", f"duplicate code {b['code']} (also at {seen[b['code']]})"))
        seen[b["code"]] = p
        asked = set(b.get("questions", []))
        out += [(f"{p}.questions[{j}]", f"unknown question '{q}'")
                for j, q in enumerate(b.get("questions", [])) if q not in questions]
        codes = [bi["code"] for bi in b["items"]]
        for j, bi in enumerate(b["items"]):
            bp = f"{p}.items[{j}]"
            if not any(it["code"] == bi["code"] for it in data["items"]):
                out.append((f"{bp}.code", f"unknown item {bi['code']}"))
            if codes.count(bi["code"]) > 1 and codes.index(bi["code"]) != j:
                out.append((f"{bp}.code", f"item {bi['code']} listed twice"))
            if "when" in bi:
                out += rule_problems(bi["when"], questions, asked, f"{bp}.when")
            for key in ("produces", "consumes"):
                out += [(f"{bp}.{key}[{k}]", f"unknown material '{m}'")
                        for k, m in enumerate(bi.get(key, [])) if m not in materials]
            if "subject" in bi:
                out += _subject_problems(bi["subject"], b["items"], data["items"],
                                         f"{bp}.subject")
    return out


def _subject_problems(subject: Mapping[str, Any], bundle_items: list[Any],
                      items: list[Any], p: str) -> list[tuple[str, str]]:
    """A subject field must be one the bundle's form asks (the union of its items' forms):
    otherwise the split case would name a person nobody was asked about."""
    asked = {f for bi in bundle_items for it in items if it["code"] == bi["code"]
             for f in it["form"]["fields"]}
    return [(f"{p}.fields.{key}", f"'{fid}' is not a field this bundle asks (none of its "
                                  "items' forms lists it)")
            for key, fid in subject["fields"].items() if fid not in asked]


def _build(data: Mapping[str, Any], file: str) -> Catalog:
    fields = {k: FieldDef(id=k, label=v["label"], schema=v["schema"], widget=v["widget"],
                          help=v.get("help", ""), check=v.get("check"), prefill=v.get("prefill"),
                          personal=v.get("personal", False)) for k, v in data["fields"].items()}
    materials = {k: MaterialDef(id=k, name=v["name"], medium=tuple(v["medium"]),
                                ecert=v.get("ecert", False), photo_spec=v.get("photo_spec", ""),
                                sample=v.get("sample", ""), note=v.get("note", ""))
                 for k, v in data["materials"].items()}
    questions = {k: Question(id=k, text=v["text"], kind=v["kind"],
                             options=tuple(Option(o["value"], o["label"])
                                           for o in v.get("options", [])),
                             min=v.get("min"), max=v.get("max"), help=v.get("help", ""),
                             show_if=v.get("show_if")) for k, v in data["questions"].items()}
    return Catalog(version=data["catalog_version"], published=data["published"],
                   region_scope=data["region_scope"], code_scheme=data["code_scheme"],
                   fields=fields, materials=materials, questions=questions,
                   items=tuple(_item(i) for i in data["items"]),
                   bundles=tuple(_bundle(b) for b in data["bundles"]), source_file=file)


def _item(d: Mapping[str, Any]) -> Item:
    tl = d["time_limit"]
    ext = tl.get("extension") or {}
    return Item(
        code=d["code"], name=d["name"], task_type=d["task_type"], department=d["department"],
        accepting_body=d["accepting_body"], deciding_body=d["deciding_body"],
        levels=tuple(d["levels"]), legal_basis=tuple(d["legal_basis"]),
        conditions=tuple(Condition(c["text"], c.get("when")) for c in d["conditions"]),
        materials=tuple(ItemMaterial(
            ref=m["ref"], necessity=Necessity(m["necessity"]), originals=m["originals"],
            copies=m["copies"], source=tuple(m["source"]), when=m.get("when"),
            check_points=m.get("check_points", ""), copy_retained=m.get("copy_retained", False),
            deferrable=m.get("deferrable", False), defer_days=m.get("defer_days"),
            note=m.get("note", "")) for m in d["materials"]),
        steps=tuple(Step(s["actor"], s["text"], s.get("publicity_days")) for s in d["steps"]),
        time_limit=TimeLimit(promised=tl["promised"], unit=tl["unit"],
                             statutory=tl.get("statutory"), excludes=tuple(tl.get("excludes", [])),
                             extension_to=ext.get("to"), extension_when=ext.get("when", ""),
                             stages=tuple(Stage(s["actor"], s["days"])
                                          for s in tl.get("stages", [])),
                             note=tl.get("note", "")),
        fee=Fee(free=d["fee"]["free"], text=d["fee"].get("text", ""),
                charges=tuple(Charge(c["name"], c["when"], c.get("amount", ""))
                              for c in d["fee"].get("charges", []))),
        self_service=SelfService(d["self_service"]), plain_summary=d["plain_summary"],
        hotlines=tuple(d["hotlines"]),
        form=FormSpec(tuple(d["form"]["fields"]), tuple(d["form"]["required"])),
        sources=tuple(d["sources"]), basic_code=d["basic_code"],
        implementation_code=d.get("implementation_code"), aliases=tuple(d.get("aliases", [])),
        keywords=tuple(d.get("keywords", [])), tongban=d.get("tongban", ""),
        commitment_options=tuple(Commitment(c["id"], c["title"], c["text"], tuple(c["replaces"]))
                                 for c in d.get("commitment_options", [])),
        questions=tuple(d.get("questions", [])), reminders=tuple(d.get("reminders", [])),
        subject=_subject(d.get("subject")))


def _bundle(d: Mapping[str, Any]) -> Bundle:
    return Bundle(code=d["code"], name=d["name"], plain_summary=d["plain_summary"],
                  items=tuple(BundleItem(b["code"], b.get("when"), tuple(b.get("produces", [])),
                                         tuple(b.get("consumes", [])), _subject(b.get("subject")))
                              for b in d["items"]),
                  sources=tuple(d["sources"]), aliases=tuple(d.get("aliases", [])),
                  keywords=tuple(d.get("keywords", [])), questions=tuple(d.get("questions", [])))


def _subject(d: Mapping[str, Any] | None) -> SubjectMap | None:
    return None if d is None else SubjectMap(d["label"], dict(d["fields"]))


class CatalogKeeper:
    """Serves the newest catalog that loaded; a bad update leaves the terminal on the last
    good one (kept in memory and, when ``cache_dir`` is given, on disk across restarts)."""

    def __init__(self, directory: Path | None = None, cache_dir: Path | None = None) -> None:
        self.directory = directory or default_dir()
        self.cache_dir = cache_dir
        self.current: Catalog | None = None
        self.last_error: CatalogError | None = None
        self.platform_version = 0  # the signed catalog version last tried (sync installs it)

    def reload(self) -> Catalog:
        try:
            cat = load_catalog(self.directory)
        except CatalogError as exc:
            self.last_error = exc
            log.error("catalog refused, keeping the last good one: %s", exc)
            if self.current is None:
                self.current = self._cached()
            if self.current is None:
                raise
            return self.current
        self.current, self.last_error = cat, None
        self._remember()
        return cat

    def get(self) -> Catalog:
        return self.current if self.current is not None else self.reload()

    def _cached(self) -> Catalog | None:
        if self.cache_dir is None or not (self.cache_dir / CATALOG_FILE).is_file():
            return None
        try:
            return load_catalog(self.cache_dir)
        except CatalogError:
            return None

    def _remember(self) -> None:
        if self.cache_dir is None:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        src = self.directory / CATALOG_FILE
        tmp = self.cache_dir / (CATALOG_FILE + ".tmp")
        tmp.write_bytes(src.read_bytes())
        os.replace(tmp, self.cache_dir / CATALOG_FILE)
