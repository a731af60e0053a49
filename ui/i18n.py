"""Screen language through Qt Linguist: qsTr in QML, QCoreApplication.translate in Python.

Chinese is the source language: every string is written in Chinese where it is shown, and
a terminal set to zh_CN needs no translation file at all. Other languages live in
``assets/i18n/village_kiosk_<lang>.ts`` (Qt Linguist's XML, reviewed like code, so a
translator can work in Linguist and a reviewer can read the diff). The binary ``.qm`` is
never committed: ``pyside6-lrelease`` compiles it at start into the terminal's cache when
the ``.ts`` is newer, so the file on disk can never lag the one in git.

    python -m ui.i18n update   # pyside6-lupdate over ui/ → both .ts files (keeps work)
    python -m ui.i18n check    # exit 1 if a string of the screens has no English yet

The words of the core (``kiosk/``, no Qt there) reach the screens inside the flow's
``Screen`` records. They take two ways into the same .ts files, context ``kiosk``:
sentences written in code are marked ``QT_TRANSLATE_NOOP("kiosk", "…")`` (``kiosk.i18n``,
a no-op lupdate recognises by name), those with a name, a number or a date in them built
by ``kiosk.i18n.arg`` from one marked template; words kept in tables (step titles, status,
self-service, rating and source words, the card and query notes, the devices' resident
messages) are read from the tables themselves by ``update``, so a new row cannot arrive
without a line in the .ts. ``translated(screen)`` gives the shell a copy of each record
with every such string in the visit's language — a template is found again in the
finished sentence and its values translated in turn — while catalog data (item names,
guides, questions) and what the resident typed pass through unchanged: the catalog carries
no English, so its content stays Chinese on an English screen. Fields the screens hand
back to the flow or compare (``_KEPT``) are never rewritten.

The language is the visit's: ``Language`` (a QML singleton) switches it from the home
screen, retranslates every engine live (``QQmlEngine.retranslate``) and tells listeners
(the spoken prompts); ``end_visit`` returns it to the terminal's configured one when the
visit ends (the shell calls it on arriving at 首页: 返回首页, the idle timeout, 完成).
Receipts stay Chinese (``kiosk.receipts.PLATFORM_RECEIPT_LANGUAGES``).
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import logging
import re
import shutil
import subprocess
import sys
import weakref
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import Property, QCoreApplication, QObject, QTranslator, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton, QQmlEngine

from kiosk.i18n import CONTEXT as CORE_CONTEXT
from kiosk.i18n import arg

log = logging.getLogger(__name__)

UI = Path(__file__).resolve().parent
TS_DIR = UI.parent / "assets" / "i18n"
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en_US")
PREFIX = "village_kiosk"
TABLES = "_kiosk_tables.py"  # written beside the .ts for lupdate, removed after

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

T = TypeVar("T")
HAN = re.compile(r"[\u4e00-\u9fff]")

_installed: QTranslator | None = None  # kept alive: Qt does not own an installed translator
_app: QCoreApplication | None = None
_cache: Path | None = None
_default = SOURCE_LANGUAGE  # the terminal's configured language (Config.language)
_current = SOURCE_LANGUAGE  # the visit's
# Every engine with a Language singleton, to retranslate; weakly, so an engine the front
# end drops is deleted as before (its singleton is its child and goes with it).
_engines: list[weakref.ref[QQmlEngine]] = []
_singletons: list[Language] = []  # owned by their engines; invalid once it is deleted
_listeners: list[Callable[[str], None]] = []


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


DRIVER_TEMPLATES = ("您的%1已于%2过期，请先换领新证",)
"""Sentences a driver builds (devices/ carries no marks): their templates, kept here and
checked against the driver's own output by tests/ui/test_i18n.py, so a reworded driver
sentence fails there instead of showing Chinese on an English screen."""


def core_sources() -> list[Path]:
    """The core's files with marked sentences (``QT_TRANSLATE_NOOP`` from kiosk.i18n)."""
    kiosk = UI.parent / "kiosk"
    return sorted(p for p in kiosk.rglob("*.py")
                  if "__pycache__" not in p.parts and p.name != "i18n.py"
                  and b"QT_TRANSLATE_NOOP(" in p.read_bytes())


def table_words() -> list[str]:
    """The core's words kept in tables and constants, not in sentences of code: each
    step's title, the case, material, self-service and rating words, the card and query
    notes, the devices' resident messages. Read from the tables, so a new row needs
    English."""
    from kiosk import session, status
    from kiosk.cases import STATUS_WORDS as CASE_WORDS
    from kiosk.catalog.model import SELF_SERVICE_WORDS
    from kiosk.flow.steps import FLOW
    from kiosk.forms.page import SOURCE_WORDS as FIELD_SOURCES
    from kiosk.guide.checklist import SOURCE_WORDS as MATERIAL_SOURCES
    from kiosk.materials import STATUS_WORDS as MATERIAL_WORDS
    from kiosk.ratings import GOOD_REASONS, LEVEL_WORDS, POOR_REASONS

    words = [spec.title for spec in FLOW.values()]
    for table in (CASE_WORDS, MATERIAL_WORDS, SELF_SERVICE_WORDS, LEVEL_WORDS, FIELD_SOURCES,
                  MATERIAL_SOURCES):
        words += table.values()
    words += (session.INSERT_CARD_PROMPT, session.QUERY_EMPTY, session.QUERY_OFFLINE,
              session.RATING_THANKS, status.OFFLINE_NOTE, status.BAD_ANSWER_NOTE,
              status.OWED_WORDS, *GOOD_REASONS, *POOR_REASONS)
    words += _device_messages()
    words += DRIVER_TEMPLATES
    from devices.idcard.codes import KIND_NAME

    words += ("身份证", *KIND_NAME.values())  # the card nouns those templates name
    return list(dict.fromkeys(w for w in words if w))


def _device_messages() -> list[str]:
    """Each device error's ``resident_message`` (a class attribute: what the card reader,
    camera or printer says to a resident), read from the driver modules' classes."""
    import importlib
    import inspect

    out = []
    for name in ("devices.idcard.errors", "devices.idcard.reader", "devices.camera.camera",
                 "devices.printer.printer"):
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            message = getattr(cls, "resident_message", None)
            if cls.__module__ == name and isinstance(message, str):
                out.append(message)
    return out


def _tables_source(words: Iterable[str]) -> str:
    lines = ["# Written by `python -m ui.i18n update` for pyside6-lupdate, then removed.",
             "from PySide6.QtCore import QCoreApplication", ""]
    lines += [f"QCoreApplication.translate({CORE_CONTEXT!r}, {w!r})" for w in words]
    return "\n".join(lines) + "\n"


def update() -> list[Path]:
    """Runs pyside6-lupdate over the sources into each language's .ts (translations kept,
    strings gone from the code dropped)."""
    tool = _tool("pyside6-lupdate")
    if tool is None:
        raise RuntimeError("pyside6-lupdate not found (is PySide6 installed here?)")
    TS_DIR.mkdir(parents=True, exist_ok=True)
    tables = TS_DIR / TABLES
    tables.write_text(_tables_source(table_words()), encoding="utf-8")
    out = []
    try:
        for language in LANGUAGES:
            ts = ts_path(language)
            res = subprocess.run([tool, *map(str, [*sources(), *core_sources(), tables]),
                                  "-source-language", SOURCE_LANGUAGE,
                                  "-target-language", language, "-no-obsolete",
                                  "-locations", "relative", "-ts", str(ts)],
                                 capture_output=True, text=True, check=False)
            if res.returncode != 0:
                raise RuntimeError(f"lupdate failed for {ts.name}:\n{res.stdout}{res.stderr}")
            out.append(ts)
    finally:
        tables.unlink(missing_ok=True)
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
    """The terminal's language (``Config.language``) at start: installs its translator and
    makes it the language every visit starts in and returns to."""
    global _app, _cache, _default
    _app, _cache, _default = app, cache, language
    return choose(language)


def choose(language: str) -> bool:
    """The visit's language now: the translator for ``language`` installed (replacing an
    earlier one), every QML engine retranslated, listeners told. False (and the source
    language on screen) when its translation cannot be had."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r}: expected one of {', '.join(LANGUAGES)}")
    ok = _install(language)
    _current = language if ok else SOURCE_LANGUAGE
    _templates[:] = core_templates(_current) if _current != SOURCE_LANGUAGE else []
    for engine in _alive(_engines):
        engine.retranslate()
    _singletons[:] = [o for o in _singletons if shiboken6.isValid(o)]
    for singleton in _singletons:
        singleton.languageChanged.emit()
    for listener in list(_listeners):
        try:
            listener(_current)
        except RuntimeError as exc:  # its Qt object was deleted without unsubscribing
            log.warning("language listener dropped: %s", exc)
            _listeners.remove(listener)
    return ok


def _alive(refs: list[weakref.ref[T]]) -> list[T]:
    """The objects still there (dropping the references to those that are gone)."""
    objects = [o for o in (r() for r in refs) if o is not None and shiboken6.isValid(o)]
    refs[:] = [weakref.ref(o) for o in objects]
    return objects


def end_visit() -> None:
    """The visit is over: back to the terminal's language (a no-op when already there)."""
    if _current != _default:
        choose(_default)


def current() -> str:
    return _current


def on_change(listener: Callable[[str], None]) -> Callable[[], None]:
    """Calls ``listener(language)`` after every switch; returns what unsubscribes it."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


_PLACEHOLDER = re.compile(r"%([1-9])")
_templates: list[tuple[re.Pattern[str], str]] = []  # the core's sentences with %1 …


def core_templates(language: str) -> list[tuple[re.Pattern[str], str]]:
    """The core's marked sentences with placeholders (``kiosk.i18n.arg``), each as a
    pattern that finds it again in a finished sentence; the longest fixed text first, so
    the most specific template wins."""
    path = ts_path(language)
    if not path.is_file():
        return []
    out = []
    for c in ET.parse(path).getroot().iter("context"):
        if c.findtext("name") != CORE_CONTEXT:
            continue
        for m in c.iter("message"):
            source = m.findtext("source") or ""
            if not _PLACEHOLDER.search(source) or not _PLACEHOLDER.sub("", source):
                continue
            parts = _PLACEHOLDER.split(source)  # text, n, text, n, …, text
            pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<a{p}>.+?)"
                              for i, p in enumerate(parts))
            try:
                out.append((re.compile(f"^{pattern}$", re.DOTALL), source))
            except re.error:  # the same placeholder twice: not a pattern, no template
                continue
    out.sort(key=lambda t: -len(_PLACEHOLDER.sub("", t[1])))
    return out


def _loose(template: str) -> bool:
    """A template whose fixed text is punctuation or one character ("%1：%2", "%1日")
    matches much of the catalog's data; it counts only when a value in it is the core's."""
    fixed = _PLACEHOLDER.sub("", template)
    return len(fixed) < 2 or not HAN.search(fixed)


def translate_core(text: str) -> str:
    """One of the core's strings in the visit's language (unchanged when it has none):
    a marked sentence as it is, or one built from a marked template with its values —
    which are translated in turn (a status word inside a sentence), or kept (a name)."""
    if _current == SOURCE_LANGUAGE or not text or not HAN.search(text):
        return text
    done = QCoreApplication.translate(CORE_CONTEXT, text)
    if done != text:
        return done
    for sep, english_sep in (("；", "; "), ("、", ", ")):
        if sep in text:  # words of the core joined: all of them known, or none is changed
            parts = text.split(sep)
            words = [translate_core(p) for p in parts]
            if all(w != p or not HAN.search(p) for p, w in zip(parts, words, strict=True)):
                return english_sep.join(words)
    for pattern, source in _templates:
        m = pattern.match(text)
        if m is None:
            continue
        english = QCoreApplication.translate(CORE_CONTEXT, source)
        if english == source:
            return text
        found = {int(k[1:]): v for k, v in m.groupdict().items()}
        values = {n: translate_core(v) for n, v in found.items()}
        if _loose(source) and all(values[n] == v for n, v in found.items() if HAN.search(v)):
            continue  # "%1：%2" alone proves nothing: catalog text has colons too
        return arg(english, *(values.get(n, f"%{n}") for n in range(1, max(values) + 1)))
    return text


# Fields whose Chinese is handed back to the flow or compared by a screen as it came, or is
# what the resident typed: never rewritten. (Ids are ASCII and have no entry anyway.)
_KEPT = frozenset({"value", "query", "typed", "reasons", "necessity"})
# …except where the field is only shown: 核对信息's answers (是, 否, 1940年**月**日) and a
# read-only field's value (the card's, masked: 1940年**月**日).
_SHOWN = frozenset({("AnswerRow", "value")})


def _rewritable(record: object, name: str) -> bool:
    if name not in _KEPT:
        return True
    return ((type(record).__name__, name) in _SHOWN
            or (name == "value" and getattr(record, "read_only", False) is True))


def translated(record: T) -> T:
    """A copy of the flow's ``record`` (a Screen and the records inside it) with each of
    the core's strings in the visit's language; the record itself when nothing changes.
    Catalog data and what the resident typed have no entry and so pass through."""
    if _current == SOURCE_LANGUAGE:
        return record
    return _walk(record)


def _walk(value: T) -> T:
    if isinstance(value, enum.Enum):
        return value
    if isinstance(value, str):
        return translate_core(value)  # type: ignore[return-value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        items = tuple(_walk(v) for v in value)
        return value if items == value else items  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if not f.init or not _rewritable(value, f.name):
                continue
            old = getattr(value, f.name)
            new = _walk(old)
            if new is not old and new != old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


@QmlElement
@QmlSingleton
class Language(QObject):
    """The visit's screen language for QML: ``Language.current``, ``Language.choose(…)``.
    One per engine (``create``); all of them read the module's one visit language."""

    languageChanged = Signal()

    @staticmethod
    def create(engine: QQmlEngine) -> Language:
        singleton = Language(engine)  # the engine's child: gone with it
        _engines.append(weakref.ref(engine))
        _singletons.append(singleton)
        return singleton

    @Property(str, notify=languageChanged)
    def current(self) -> str:
        return _current

    @Property(bool, notify=languageChanged)
    def english(self) -> bool:
        return _current == "en_US"

    @Slot(str, result=bool)
    def choose(self, language: str) -> bool:
        return choose(language)


def _install(language: str) -> bool:
    """Installs the translator for ``language`` (replacing an earlier one); True when the
    screens will show that language. The source language needs no translator."""
    global _installed
    app = _app or QCoreApplication.instance()
    if app is None:
        return language == SOURCE_LANGUAGE
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if language == SOURCE_LANGUAGE:
        return True
    if _cache is None:
        log.error("no translation cache set (install was not called): screens stay Chinese")
        return False
    qm = compile_qm(language, _cache)
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
