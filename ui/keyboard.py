"""The on-screen keyboard: Qt Virtual Keyboard with Pinyin, set up before Qt starts.

Qt picks its input method once, when the QGuiApplication is created, from
``QT_IM_MODULE``; set later, the variable does nothing and the terminal has no way to type
Chinese. So ``prepare_keyboard()`` runs first, from ui/frontend.py's application factory.

The Pinyin engine keeps a user dictionary (the words a resident picked, learnt for the
next candidate list) under Qt's generic config location, ``$XDG_CONFIG_HOME`` or
``~/.config``, in ``qtvirtualkeyboard/pinyin``. A kiosk account often has a read-only or
missing home; then the engine silently learns nothing and logs a warning per visit. When
that folder cannot be written, the config location is moved under the kiosk's data_dir,
which the terminal writes anyway.

The keyboard is GPLv3 (or commercial) Qt: see the README's licence note.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from kiosk.config import APP_NAME
from ui.items import child_items

if TYPE_CHECKING:  # Qt is imported by the functions that need it: this module runs first
    from PySide6.QtQuick import QQuickItem, QQuickWindow

log = logging.getLogger(__name__)

IM_MODULE = "qtvirtualkeyboard"
DICTIONARY_SUBDIR = Path("qtvirtualkeyboard") / "pinyin"
FALLBACK_SUBDIR = "keyboard-config"
KEYBOARD_SAMPLE = "form_keyboard"
"""The sample screen (``kiosk screenshots``) drawn with the keyboard open on the form."""


@dataclass(frozen=True)
class KeyboardSetup:
    """What ``prepare_keyboard`` decided, for ``kiosk doctor`` and the set-up notes."""

    im_module: str
    config_home: Path  # where Qt's generic config location now points
    dictionary_dir: Path  # the Pinyin user dictionary's folder (writable)
    moved: bool  # True when the home's config folder was not writable


def default_config_home() -> Path:
    """Qt's QStandardPaths::GenericConfigLocation on Linux."""
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg)
    return Path(os.path.expanduser("~")) / ".config"


def writable_dir(folder: Path) -> bool:
    """True when ``folder`` exists (or can be made) and a file can really be written there.
    ``os.access`` alone is fooled by read-only mounts and root; a probe file is not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            return False
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-"):
            pass
    except OSError:
        return False
    return True


def prepare_keyboard(data_dir: Path | None = None) -> KeyboardSetup:
    """Selects the virtual keyboard and makes sure its dictionary folder is writable.

    Call before the QGuiApplication exists. An operator's explicit ``QT_IM_MODULE`` (for
    example a hardware keyboard during maintenance) is left alone.
    """
    os.environ.setdefault("QT_IM_MODULE", IM_MODULE)
    home = default_config_home()
    if writable_dir(home / DICTIONARY_SUBDIR):
        return KeyboardSetup(os.environ["QT_IM_MODULE"], home, home / DICTIONARY_SUBDIR, False)
    base = data_dir if data_dir is not None else Path(platformdirs.user_data_dir(APP_NAME))
    fallback = base / FALLBACK_SUBDIR
    if not writable_dir(fallback / DICTIONARY_SUBDIR):
        log.warning("no writable folder for the Pinyin user dictionary (tried the home's "
                    "config folder and the data folder); words will not be learnt")
        return KeyboardSetup(os.environ["QT_IM_MODULE"], home, home / DICTIONARY_SUBDIR, False)
    os.environ["XDG_CONFIG_HOME"] = str(fallback)
    log.info("home config folder not writable; keyboard dictionary kept in the data folder")
    return KeyboardSetup(os.environ["QT_IM_MODULE"], fallback, fallback / DICTIONARY_SUBDIR,
                         True)


def show_keyboard_sample(window: QQuickWindow, letters: str = "zhang",
                         timeout_ms: int = 5000) -> bool:
    """Opens the Pinyin keyboard on the first Chinese text box of the screen on view and
    composes ``letters`` (candidates 张 涨 长 … showing), for the screenshot of a form with
    the keyboard open. Returns False when the screen has no such box or the keyboard did
    not open (no QT_IM_MODULE at start-up)."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop, QPointF, QTimer

    items = _items(window.contentItem())
    boxes = [i for i in items if i.objectName().startswith("input_")
             and i.metaObject().indexOfProperty("preeditText") >= 0
             and i.isVisible() and not i.property("readOnly")]
    box = min(boxes, key=lambda i: i.mapToScene(QPointF(0, 0)).y(), default=None)
    panel = next((i for i in items if i.objectName() == "keyboardPanel"), None)
    # Hold no wrappers of the other items while events run: the keyboard deletes and
    # recreates its own (candidate delegates) and PySide must not outlive them.
    del items, boxes
    if box is None or panel is None:
        return False
    box.forceActiveFocus()
    deadline = QDeadlineTimer(timeout_ms)

    def spin_until(done: Callable[[], bool]) -> bool:
        while not done():
            if deadline.hasExpired():
                return False
            # A short event loop, not processEvents(flags, ms): that overload crashed
            # PySide 6.12 here (a refcount error) once the keyboard was composing.
            loop = QEventLoop()
            QTimer.singleShot(20, loop.quit)
            loop.exec()
        return True

    if not spin_until(lambda: bool(panel.property("active"))):
        return False
    panel.setProperty("sampleLetters", "")
    panel.setProperty("sampleLetters", letters)

    def above_panel() -> bool:  # FormView scrolls the line typed on above the keyboard
        cursor = box.property("cursorRectangle")
        bottom = box.mapToScene(QPointF(0, cursor.y() + cursor.height())).y()
        return bottom <= panel.mapToScene(QPointF(0, 0)).y()

    return spin_until(lambda: box.property("preeditText") == letters and above_panel())


def _items(root: QQuickItem) -> list[QQuickItem]:
    out, todo = [], [root]
    while todo:
        it = todo.pop()
        out.append(it)
        todo.extend(child_items(it))
    return out


def hide_keyboard_sample(window: QQuickWindow) -> None:
    """Undoes ``show_keyboard_sample``: the composition dropped, focus off the box, the
    keyboard closed, so the next sample screen is drawn without it."""
    from PySide6.QtGui import QGuiApplication

    im = QGuiApplication.inputMethod()
    im.reset()
    window.contentItem().forceActiveFocus()
    im.hide()
