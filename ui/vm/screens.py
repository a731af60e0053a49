"""Which QML file shows a step that Main.qml does not build in itself.

Main.qml's ``screens`` map holds the shell's own screens (home, card, query result,
rating, maintenance …) as Components with their typed view models. The service screens
(H8, ``ui/vm/service_screens.SCREENS``) and the form (H6) are files that make their own
view model from the shell (``session: root.vm``); the shell hands their URL to the
StackView. A file that is not there yet gives an empty URL, and Main.qml falls back to its
own screen for that step, or to MissingScreen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

QML_DIR = Path(__file__).resolve().parent.parent / "qml"
FORM_SCREEN = QML_DIR / "form" / "FormScreen.qml"

# Steps whose screen file another helper is still writing: until the file exists the step
# shows MissingScreen (which says so in plain words), and the screenshot test accepts that
# for these steps only.
PENDING: dict[str, str] = {}  # step → who writes its file; empty: every step has one


def screen_file(step: str) -> Path | None:
    try:
        from ui.vm.service_screens import SCREENS
    except ImportError:  # the service screens are not installed in this tree
        SCREENS = {}
    from ui.vm.materials_screens import SCREENS as MATERIALS

    path = FORM_SCREEN if step == "form" else SCREENS.get(step) or MATERIALS.get(step)
    return path if path is not None and path.is_file() else None


def screen_url(step: str) -> QUrl:
    path = screen_file(step)
    return QUrl() if path is None else QUrl.fromLocalFile(str(path))
