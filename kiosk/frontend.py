"""How the core finds a graphical front end without importing it.

The Qt front end (``ui/``) registers itself under the ``village_kiosk.frontends`` entry
point; the CLI looks it up by name. This keeps every import arrow pointing from ``ui``
to ``kiosk``, never back, and keeps Qt out of the core.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kiosk.app import Kiosk

GROUP = "village_kiosk.frontends"


class Frontend(Protocol):
    def run(self, kiosk: Kiosk) -> int:
        """Opens the touch window and runs until it is closed; returns an exit status."""
        ...

    def screenshot(self, kiosk: Kiosk, out: Path) -> Path:
        """Renders the screen for the kiosk's current session state to a PNG, offscreen."""
        ...

    def screenshots(self, kiosk: Kiosk, outdir: Path) -> list[Path]:
        """Renders every screen the front end has to PNGs in ``outdir``."""
        ...

    def audit(self, kiosk: Kiosk, outdir: Path, rules: str = "normal"
              ) -> tuple[list[Path], list[str], str]:
        """Renders every screen like ``screenshots`` and measures each against the 适老化
        rules (``normal`` or ``elder``): the PNGs, one line per violation, a summary."""
        ...


class FrontendMissing(RuntimeError):
    pass


def load_frontend(name: str = "qt") -> Frontend:
    for ep in entry_points(group=GROUP):
        if ep.name == name:
            factory = ep.load()
            frontend: Frontend = factory()
            return frontend
    raise FrontendMissing(f"no '{name}' front end installed (entry point group {GROUP}); "
                          "reinstall the project with `pip install -e .`")
