"""The out-of-order screen (village-kiosk-out-of-order.service): shown after the terminal
crashed five times in five minutes. Qt and this file only — none of the terminal's code,
which is what just failed — so residents see a notice and the hotline, never a desktop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine


def main() -> int:
    app = QGuiApplication(sys.argv)
    engine = QQmlApplicationEngine()
    engine.load(str(Path(__file__).with_name("OutOfOrder.qml")))
    if not engine.rootObjects():
        return 1
    window = engine.rootObjects()[0]
    window.setGeometry(app.primaryScreen().geometry())  # all of cage's one output
    window.showFullScreen()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
