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

HOST_QML = b"""
import QtQuick
import QtQuick.Window
import "."

Window {
    id: host
    width: 1280
    height: 800
    color: Theme.background
    property QtObject session
    property url screen
    property alias item: loader.item

    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Theme.px(96)
        color: Theme.header
        Text {
            anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            text: qsTr("\xe6\x94\xbf\xe5\x8a\xa1\xe6\x9c\x8d\xe5\x8a\xa1\xe8\x87\xaa\xe5\x8a\xa9\xe7\xbb\x88\xe7\xab\xaf")
            color: Theme.onDark
            font.pixelSize: Theme.px(34)
            font.bold: true
        }
    }
    Loader {
        id: loader
        objectName: "screens"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: footer.top; margins: Theme.margin }
        Component.onCompleted: loader.setSource(host.screen, { "session": host.session })
    }
    Rectangle {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Theme.px(136)
        color: Theme.surface
        border.color: Theme.lineSoft
        border.width: 1
        HomeButton {
            anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
        }
    }
}
"""


def service_screen(step: str) -> Path | None:
    """The QML file for ``step``, or None when the step is not a service screen."""
    return SCREENS.get(step)
