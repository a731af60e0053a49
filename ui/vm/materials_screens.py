"""Which QML file shows each materials step (issue 14); read by ui/vm/screens.py."""

from __future__ import annotations

from pathlib import Path

MATERIALS_DIR = Path(__file__).resolve().parent.parent / "qml" / "screens" / "materials"

SCREENS: dict[str, Path] = {
    "materials": MATERIALS_DIR / "MaterialsScreen.qml",
    "photo": MATERIALS_DIR / "CaptureScreen.qml",  # document camera or portrait
    "ecert_scan": MATERIALS_DIR / "ScanScreen.qml",
    "sign": MATERIALS_DIR / "SignatureScreen.qml",
}
