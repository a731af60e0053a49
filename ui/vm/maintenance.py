"""维护信息: the technician's read-only page; no personal data, nothing to change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow import Screen
from kiosk.flow.views import MaintenanceScreen
from kiosk.maintenance import REQUEUE_HINT, MaintenanceView
from ui.vm.lists import RowsModel
from ui.vm.part import Host, Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


def maintenance_dict(m: MaintenanceView | None) -> dict[str, Any]:
    """维护信息 for QML, every key always present so no binding ever reads undefined."""
    if m is None:
        return {"terminalId": "", "region": "", "platformUrl": "", "enrolled": False,
                "enrolment": "", "link": "", "lastContact": "", "pending": 0, "parked": 0,
                "auditBacklog": 0, "catalogVersion": "", "freeSpace": "", "clock": "",
                "severity": "ok", "headline": "", "action": "", "detail": "",
                "refreshedAt": "", "requeueHint": REQUEUE_HINT,
                "camera": "", "cameraTrouble": False, "software": ""}
    d = m.diagnosis
    return {"terminalId": m.terminal_id, "region": f"{m.region_code}\n{m.region_name}",
            "platformUrl": m.platform_url, "enrolled": m.enrolled, "enrolment": m.enrolment,
            "link": m.link, "lastContact": m.last_contact, "pending": m.pending,
            "parked": m.parked, "auditBacklog": m.audit_backlog,
            "catalogVersion": m.catalog_version, "freeSpace": m.free_space, "clock": m.clock,
            "severity": d.severity.value,
            "headline": d.headline, "action": d.action, "detail": d.detail,
            "refreshedAt": m.refreshed_at, "requeueHint": REQUEUE_HINT,
            "camera": m.camera, "cameraTrouble": m.camera_trouble, "software": m.software}


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class MaintenanceViewModel(Part):  # type: ignore[operator]
    infoChanged = Signal()

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self._info = maintenance_dict(None)
        self._parked = RowsModel(("outboxId", "kind", "attempts", "error"), self)

    def update(self, screen: Screen) -> None:
        m = screen.view.maintenance if isinstance(screen.view, MaintenanceScreen) else None
        self._set("_info", maintenance_dict(m), self.infoChanged)
        self._parked.set_rows([] if m is None else [
            {"outboxId": p.outbox_id, "kind": p.kind, "attempts": p.attempts, "error": p.last_error}
            for p in m.parked_items])

    @Property(dict, notify=infoChanged)
    def info(self) -> dict[str, Any]:
        """The facts and the diagnosis; keys as in ``maintenance_dict``."""
        return self._info

    @Property(RowsModel, constant=True)
    def parkedItems(self) -> RowsModel:
        return self._parked

    @Slot()
    def refresh(self) -> None:
        """刷新: re-reads the figures (the store, the outbox, the clock)."""
        self.act("reload")
