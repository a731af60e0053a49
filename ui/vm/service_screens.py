"""Which QML file shows which step of the resident flow (the service screens' part of
Main.qml's ``screens`` map), and a stand-alone host that renders one of them.

The host is a 1280×800 window with the shell's header and footer heights, so a screen is
measured (by eye and by H7's audit) in the room it really gets.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtQuick import QQuickItem

QML_DIR = Path(__file__).resolve().parent.parent / "qml"
SERVICE_DIR = QML_DIR / "screens" / "service"

SCREENS: dict[str, Path] = {
    "find_service": SERVICE_DIR / "FindServiceScreen.qml",
    "category": SERVICE_DIR / "ServiceListScreen.qml",
    "search": SERVICE_DIR / "ServiceListScreen.qml",
    "guide": SERVICE_DIR / "GuideScreen.qml",
    "question": SERVICE_DIR / "QuestionScreen.qml",
    "checklist": SERVICE_DIR / "ChecklistScreen.qml",
    "check_answers": SERVICE_DIR / "CheckAnswersScreen.qml",
    "done": SERVICE_DIR / "ServiceDoneScreen.qml",
    "print_problem": SERVICE_DIR / "PrintProblemScreen.qml",
    "correction": SERVICE_DIR / "CorrectionScreen.qml",
    "problem": SERVICE_DIR / "ProblemScreen.qml",
    "query_number": QML_DIR / "screens" / "query" / "ByNumberScreen.qml",
}

HOST_QML = SERVICE_DIR / "PreviewHost.qml"


def service_screen(step: str) -> Path | None:
    """The QML file for ``step``, or None when the step is not a service screen."""
    return SCREENS.get(step)


class ServiceStage:
    """The service screens in a 1280×800 window that follows the flow's step, as the
    shell's StackView does: a new step replaces the screen (so its view model goes with
    it); a new record for the same step only updates the screen on view. Steps that are
    not service screens show MissingScreen with the step in its objectName.

    Used by the screens' tests and for looking at them; the terminal uses Main.qml.
    """

    def __init__(self, session: Any) -> None:
        from PySide6.QtQml import QQmlApplicationEngine
        from PySide6.QtQuick import QQuickWindow

        self.session = session
        self.warnings: list[str] = []
        self.engine = QQmlApplicationEngine()
        self.engine.setOutputWarningsToStandardError(False)
        self.engine.warnings.connect(
            lambda ws: self.warnings.extend(w.toString() for w in ws))
        self._step = self._current_step()
        self.engine.setInitialProperties({"session": session,
                                          "screenUrl": self._url(self._step)})
        self.engine.load(QUrl.fromLocalFile(str(HOST_QML)))
        roots = self.engine.rootObjects()
        if not roots or not isinstance(roots[0], QQuickWindow):
            raise RuntimeError("PreviewHost.qml did not load: " + "; ".join(self.warnings))
        self.window: QQuickWindow = roots[0]
        self.window.back.connect(lambda: self.session.act("back"))  # type: ignore[attr-defined]
        self._show_back()
        session.screenChanged.connect(self._follow)

    def _show_back(self) -> None:
        screen = self.session.current_screen()
        self.window.setProperty("backVisible", bool(getattr(screen, "back", False)))

    def _current_step(self) -> str:
        screen = self.session.current_screen()
        return str(getattr(getattr(screen, "step", None), "value", ""))

    @staticmethod
    def _url(step: str) -> QUrl:
        path = SCREENS.get(step, QML_DIR / "screens" / "MissingScreen.qml")
        return QUrl.fromLocalFile(str(path))

    def _follow(self) -> None:
        self._show_back()
        step = self._current_step()
        if step != self._step:
            self._step = step
            # After the touch that caused it has returned: replacing the screen at once
            # would delete the button whose click handler is still running.
            QTimer.singleShot(0, lambda: self._replace(step))

    def _replace(self, step: str) -> None:
        if step != self._step:
            return
        self.window.setProperty("screenUrl", self._url(step))
        screen = self.screen()
        if screen is not None and step not in SCREENS:
            screen.setProperty("step", step)

    @property
    def step(self) -> str:
        return self._step

    def screen(self) -> QQuickItem | None:
        item = self.window.property("item")
        return item if isinstance(item, QQuickItem) else None

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self.session.screenChanged.disconnect(self._follow)
        self.window.close()
        self.engine.deleteLater()
