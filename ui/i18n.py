"""Screen language through Qt Linguist: qsTr in QML, QCoreApplication.translate in Python.

Chinese is the source language: every string is written in Chinese where it is shown, and
a terminal set to zh_CN needs no translation file at all. Other languages live in
``assets/i18n/village_kiosk_<lang>.ts`` (Qt Linguist's XML, reviewed like code, so a
translator can work in Linguist and a reviewer can read the diff). The binary ``.qm`` is
never committed: ``pyside6-lrelease`` compiles it at start into the terminal's cache when
the ``.ts`` is newer, so the file on disk can never lag the one in git.

    python -m ui.i18n update   # pyside6-lupdate over ui/ → both .ts files (keeps work)
    python -m ui.i18n check    # exit 1 if a string of the screens has no English yet
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

UI = Path(__file__).resolve().parent
TS_DIR = UI.parent / "assets" / "i18n"
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en_US")
PREFIX = "village_kiosk"

_installed: QTranslator | None = None  # kept alive: Qt does not own an installed translator


def ts_path(language: str) -> Path:
    return TS_DIR / f"{PREFIX}_{language}.ts"


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def sources() -> list[Path]:
    """Every file whose strings reach a screen: the QML module and the view models."""
    qml = sorted((UI / "qml").rglob("*.qml"))
    py = sorted(p for p in UI.rglob("*.py")
                if "__pycache__" not in p.parts and b"translate(" in p.read_bytes())
    return [*qml, *py]


def update() -> list[Path]:
    """Runs pyside6-lupdate over the sources into each language's .ts (translations kept,
    strings gone from the code dropped)."""
    tool = _tool("pyside6-lupdate")
    if tool is None:
        raise RuntimeError("pyside6-lupdate not found (is PySide6 installed here?)")
    TS_DIR.mkdir(parents=True, exist_ok=True)
    out = []
    for language in LANGUAGES:
        ts = ts_path(language)
        res = subprocess.run([tool, *map(str, sources()), "-source-language", SOURCE_LANGUAGE,
                              "-target-language", language, "-no-obsolete",
                              "-locations", "relative", "-ts", str(ts)],
                             capture_output=True, text=True, check=False)
        if res.returncode != 0:
            raise RuntimeError(f"lupdate failed for {ts.name}:\n{res.stdout}{res.stderr}")
        out.append(ts)
    return out


def untranslated(language: str) -> list[str]:
    """Source strings of ``language``'s .ts that have no finished translation."""
    root = ET.parse(ts_path(language)).getroot()
    missing = []
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        t = message.find("translation")
        if t is None or not (t.text or "").strip() or t.get("type") in ("unfinished",
                                                                        "vanished"):
            missing.append(source)
    return missing


def compile_qm(language: str, cache: Path) -> Path | None:
    """The .qm for ``language`` in ``cache``, compiled with pyside6-lrelease when missing
    or older than its .ts; None (and a log line) when it cannot be had."""
    ts = ts_path(language)
    if not ts.is_file():
        log.error("no translation file %s: the screens stay in Chinese", ts)
        return None
    qm = cache / f"{PREFIX}_{language}.qm"
    if qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    tool = _tool("pyside6-lrelease")
    if tool is None:
        log.error("pyside6-lrelease not found: the screens stay in Chinese")
        return None
    cache.mkdir(parents=True, exist_ok=True)
    res = subprocess.run([tool, str(ts), "-qm", str(qm)], capture_output=True, text=True,
                         check=False)
    if res.returncode != 0 or not qm.is_file():
        log.error("lrelease failed for %s: %s", ts.name, (res.stderr or res.stdout).strip())
        return None
    return qm


def install(app: QCoreApplication, language: str, cache: Path) -> bool:
    """Installs the translator for ``language`` (replacing an earlier one); True when the
    screens will show that language. The source language needs no translator."""
    global _installed
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if language == SOURCE_LANGUAGE:
        return True
    qm = compile_qm(language, cache)
    if qm is None:
        return False
    translator = QTranslator(app)
    if not translator.load(str(qm)):
        log.error("translation %s could not be loaded: the screens stay in Chinese", qm)
        return False
    app.installTranslator(translator)
    _installed = translator
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.i18n", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("update", "check"))
    args = parser.parse_args(argv)
    if args.command == "update":
        for ts in update():
            print(f"updated {ts.relative_to(UI.parent)}")
        return 0
    bad = 0
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        missing = untranslated(language)
        for source in missing:
            print(f"{language}: untranslated: {source}")
        bad += len(missing)
    print(f"{bad} untranslated strings")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
