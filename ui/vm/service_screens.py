"""Which QML file shows which step of the resident flow (the service screens' part of
Main.qml's ``screens`` map), and a stand-alone host that renders one of them.

The host is a 1280×800 window with the shell's header and footer heights, so a screen is
measured (by eye and by H7's audit) in the room it really gets.
"""

from __future__ import annotations

from pathlib import Path

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
