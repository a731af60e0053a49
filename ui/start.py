"""`kiosk run`'s first frame: the home screen from the configuration alone.

Opening the terminal — the store, the devices, sync, the catalog and the view models of
thirty screens — takes most of a second on a village terminal's CPU, and until now the
screen stayed black for all of it after every boot and every restart by systemd. Here
the home screen (Start.qml: the same header, HomeScreen and footer as Main.qml) is drawn
first, with nothing imported but Qt, the configuration and the home screen's view model;
the terminal then opens behind it (ui/frontend.py ``QtFrontend.serve``) and its window
takes over. A touch on the first frame is kept, not dropped: the home view model here
acts through a ``PendingHost`` that notes the choice, and the terminal carries it out
once its window is up (``handover``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow

from kiosk.config import Config
from ui.vm.home import HomeViewModel

if TYPE_CHECKING:
    from kiosk.app import Kiosk

log = logging.getLogger(__name__)

START_QML = Path(__file__).resolve().parent / "qml" / "Start.qml"


class PendingHost:
    """The home screen's host while the terminal opens: remembers the last way in chosen
    (我要办事, 办事指南, 办件查询, 评价 …); there is no kiosk to act on yet."""

    def __init__(self) -> None:
        self.pending: tuple[str, tuple[object, ...]] | None = None

    @property
    def kiosk(self) -> Kiosk:
        raise RuntimeError("the terminal is still opening")

    def act(self, action: str, *args: object) -> None:
        self.pending = (action, args)


class StartWindow:
    """Start.qml in an engine of its own (the terminal's window gets a fresh one, with
    every type registered by then)."""

    def __init__(self, cfg: Config) -> None:
        self.host = PendingHost()
        self.home = HomeViewModel(self.host)
        self.warnings: list[str] = []
        self.engine = QQmlApplicationEngine()
        self.engine.setOutputWarningsToStandardError(False)
        self.engine.warnings.connect(self._on_warnings)
        self.engine.setInitialProperties({"home": self.home, "regionName": cfg.region_name,
                                          "terminalId": cfg.terminal_id})
        self.engine.load(QUrl.fromLocalFile(str(START_QML)))
        roots = self.engine.rootObjects()
        if not roots or not isinstance(roots[0], QQuickWindow):
            raise RuntimeError(f"{START_QML.name} did not load: "
                               + "; ".join(self.warnings[-5:]))
        self.window: QQuickWindow = roots[0]

    def _on_warnings(self, warnings: list[QQmlError]) -> None:
        for w in warnings:
            self.warnings.append(w.toString())
            log.warning("QML: %s", w.toString())

    def handover(self, shell: Any) -> tuple[str, tuple[object, ...]] | None:
        """Closes this window; the choice a resident made on it (if any) is carried out
        by ``shell`` (the terminal's ShellViewModel) and returned."""
        pending, self.host.pending = self.host.pending, None
        self.window.close()
        if pending is not None:
            shell.act(pending[0], *pending[1])
        return pending
