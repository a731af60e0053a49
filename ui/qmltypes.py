"""Type information about the Python view models, for ``pyside6-qmllint``, and the lint run.

QML files reach the Python types (registered with ``@QmlElement`` under the module name
``VillageKiosk``) only at run time, so a linter reading the files alone sees every view model
property as unknown. Qt's own tools close the gap: ``pyside6-metaobjectdump`` reads the
Python classes' Property/Signal/Slot declarations into moc-style JSON, and
``pyside6-qmltyperegistrar`` turns that into ``ui/qml/villagekiosk.qmltypes``, which the
module's ``qmldir`` names with ``typeinfo``. The file is generated (not committed) so it can
never disagree with the Python it describes.

    python -m ui.qmltypes          # regenerate the qmltypes
    python -m ui.qmltypes --lint   # regenerate, then lint every QML file (exit 1 on warnings)
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import PySide6

UI = Path(__file__).resolve().parent
QML_DIR = UI / "qml"
QMLTYPES = QML_DIR / "villagekiosk.qmltypes"
MODULE = "VillageKiosk"
_METATYPES = Path(PySide6.__file__).resolve().parent / "Qt" / "metatypes"
_FOREIGN = ("qt6core", "qt6gui", "qt6qml", "qt6quick")
_REGISTERS = re.compile(rb"^QML_IMPORT_NAME\s*=", re.MULTILINE)


class ToolFailed(RuntimeError):
    """A Qt tool exited non-zero; the message carries its own output."""


def _tool(name: str) -> str:
    """A PySide6 tool from the same environment as this interpreter, else from PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise ToolFailed(f"{name} not found (is PySide6 installed in this environment?)")
    return found


def _run(cmd: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)


def registering_sources(root: Path = UI) -> list[Path]:
    """Every Python file under ui/ that registers QML types (sets QML_IMPORT_NAME), plus
    every view model module: a registered class's Python base (ui/vm/part.py's Part) must
    be described too, or qmltyperegistrar cannot place it and drops its members."""
    return sorted(p for p in root.rglob("*.py")
                  if "__pycache__" not in p.parts
                  and (_REGISTERS.search(p.read_bytes()) or p.parent == root / "vm"))


def foreign_types() -> list[Path]:
    out = []
    for prefix in _FOREIGN:
        found = sorted(_METATYPES.glob(f"{prefix}_*metatypes.json"))
        if found:
            out.append(found[0])
    return out


def _dump(sources: list[Path], tmp: Path) -> list[dict[str, Any]]:
    """metaobjectdump's JSON, one entry per file."""
    meta = tmp / "dump.json"
    dump = _run([_tool("pyside6-metaobjectdump"), "-o", str(meta), *map(str, sources)])
    if dump.returncode != 0 or not meta.exists():
        raise ToolFailed(f"metaobjectdump failed:\n{dump.stdout}{dump.stderr}")
    entries: list[dict[str, Any]] = json.loads(meta.read_text(encoding="utf-8"))
    return entries


def bases_first(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The files ordered so a class's Python base comes before it: qmltyperegistrar
    silently drops a class whose base it has not met yet (ui/vm/choice.py's classes came
    out missing while sorted before ui/vm/part.py)."""
    home = {c["className"]: i for i, e in enumerate(entries) for c in e.get("classes", [])}
    needs = {i: {home[b["name"]] for c in e.get("classes", [])
                 for b in c.get("superClasses", []) if home.get(b["name"], i) != i}
             for i, e in enumerate(entries)}
    done: list[int] = []
    while len(done) < len(entries):
        ready = [i for i in range(len(entries)) if i not in done and needs[i] <= set(done)]
        if not ready:
            raise ToolFailed("view model classes inherit from each other in a cycle")
        done.extend(ready)
    ordered = [entries[i] for i in done]
    _mark_objects(ordered)
    return ordered


def _module_of(input_file: str) -> str:
    rel = Path(input_file).resolve().relative_to(UI.parent)
    return ".".join(rel.with_suffix("").parts)


def complete_from_runtime(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Adds what metaobjectdump cannot see but the class has: metaobjectdump reads the
    source and understands only literal ``Property(type, getter_name, …)`` calls and
    decorators, so a property made by a helper (``bool_property("printed", …)``, as the
    service view models do) is missing from its JSON and qmllint then reports it as
    unknown. PySide6 builds the real QMetaObject when the class is created, so each
    class is imported and its own properties, signals and slots are read from there."""
    import importlib

    from PySide6.QtCore import QMetaMethod

    for entry in entries:
        try:
            module = importlib.import_module(_module_of(entry["inputFile"]))
        except Exception:  # a module that does not import: its screen cannot load either
            continue
        for c in entry.get("classes", []):
            cls = getattr(module, c["className"], None)
            mo = getattr(cls, "staticMetaObject", None)
            if mo is None:
                continue
            props = c.setdefault("properties", [])
            have = {p["name"] for p in props}
            for i in range(mo.propertyOffset(), mo.propertyCount()):
                mp = mo.property(i)
                if mp.name() in have:
                    continue
                prop: dict[str, Any] = {"name": mp.name(), "type": mp.typeName() or "QVariant",
                                        "read": mp.name(), "index": len(props)}
                if mp.hasNotifySignal():
                    prop["notify"] = bytes(mp.notifySignal().name().data()).decode()
                if mp.isConstant():
                    prop["constant"] = True
                if mp.isWritable():
                    prop["write"] = "set_" + mp.name()
                props.append(prop)
            for i in range(mo.methodOffset(), mo.methodCount()):
                mm = mo.method(i)
                kind = {QMetaMethod.MethodType.Signal: "signals",
                        QMetaMethod.MethodType.Slot: "slots"}.get(mm.methodType())
                if kind is None:
                    continue
                name = bytes(mm.name().data()).decode()
                methods = c.setdefault(kind, [])
                if any(m["name"] == name for m in methods):
                    continue
                methods.append({"access": "public", "name": name,
                                "arguments": [{"name": f"a{n + 1}",
                                               "type": bytes(t.data()).decode()}
                                              for n, t in enumerate(mm.parameterTypes())],
                                "returnType": mm.typeName() or "void"})
    return entries


def _mark_objects(entries: list[dict[str, Any]]) -> None:
    """metaobjectdump decides a class is a QObject only if it has already met its base in
    the same run, and qmltyperegistrar skips a class not marked so ("neither an object nor
    a gadget"); a class whose base is a marked class is a QObject too."""
    objects = {c["className"] for e in entries for c in e.get("classes", []) if c.get("object")}
    for e in entries:
        for c in e.get("classes", []):
            if any(b["name"] in objects for b in c.get("superClasses", [])):
                c["object"] = True
                objects.add(c["className"])


def generate(out: Path = QMLTYPES) -> Path:
    """Writes the qmltypes for every registering source; returns its path."""
    sources = registering_sources()
    if not sources:
        raise ToolFailed("no Python file under ui/ registers QML types")
    with tempfile.TemporaryDirectory(prefix="vk-qmltypes-") as tmpdir:
        tmp = Path(tmpdir)
        meta = tmp / "villagekiosk_metatypes.json"
        entries = complete_from_runtime(bases_first(_dump(sources, tmp)))
        meta.write_text(json.dumps(entries), encoding="utf-8")
        reg = _run([_tool("pyside6-qmltyperegistrar"), "--generate-qmltypes", str(out),
                    "-o", str(tmp / "registrations.cpp"), "--import-name", MODULE,
                    "--major-version", "1", "--minor-version", "0",
                    "--foreign-types=" + ",".join(map(str, foreign_types())), str(meta)])
        if reg.returncode != 0 or not out.exists():
            raise ToolFailed(f"qmltyperegistrar failed:\n{reg.stdout}{reg.stderr}")
    return out


def qml_files(root: Path = QML_DIR) -> list[Path]:
    return sorted(p for p in root.rglob("*.qml"))


@dataclass(frozen=True)
class LintWarning:
    file: Path
    line: int
    column: int
    id: str
    message: str

    def __str__(self) -> str:
        rel = self.file.relative_to(QML_DIR) if self.file.is_relative_to(QML_DIR) else self.file
        return f"{rel}:{self.line}:{self.column}: {self.message} [{self.id}]"


def lint(files: list[Path] | None = None) -> list[LintWarning]:
    """qmllint's warnings over ``files`` (default: the whole module), info lines left out.

    Absolute paths: given a path relative to the module's directory, qmllint 6.12 reads
    Theme.qml as a type outside the qmldir ("not declared as singleton")."""
    targets = files if files is not None else qml_files()
    res = _run([_tool("pyside6-qmllint"), "--json", "-", *(str(p.resolve()) for p in targets)])
    try:
        report = json.loads(res.stdout)
    except json.JSONDecodeError as exc:
        raise ToolFailed(f"qmllint gave no report:\n{res.stdout}{res.stderr}") from exc
    return [LintWarning(Path(f["filename"]), w.get("line", 0), w.get("column", 0),
                        w.get("id", ""), w.get("message", ""))
            for f in report.get("files", []) for w in f.get("warnings", [])
            if w.get("type") in ("warning", "critical", "error")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.qmltypes", description=__doc__)
    parser.add_argument("--lint", action="store_true", help="lint every QML file after")
    args = parser.parse_args(argv)
    try:
        path = generate()
        print(f"wrote {path.relative_to(UI.parent)}")
        if not args.lint:
            return 0
        warnings = lint()
    except ToolFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    for w in warnings:
        print(w)
    print(f"qmllint: {len(qml_files())} files, {len(warnings)} warnings")
    return 1 if warnings else 0


if __name__ == "__main__":
    sys.exit(main())
