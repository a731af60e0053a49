"""How the core finds a graphical front end without importing it.

The Qt front end (``ui/``) registers itself under the ``village_kiosk.frontends`` entry
point; the CLI looks it up by name. This keeps every import arrow pointing from ``ui``
to ``kiosk``, never back, and keeps Qt out of the core.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from importlib.metadata import EntryPoint, PackageNotFoundError, distribution, entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

    from kiosk.app import Kiosk
    from kiosk.config import Config

GROUP = "village_kiosk.frontends"
DISTRIBUTION = "village-kiosk"


class Frontend(Protocol):
    def run(self, kiosk: Kiosk) -> int:
        """Opens the touch window and runs until it is closed; returns an exit status."""
        ...

    def serve(self, config: Config, open_kiosk: Callable[[], Kiosk]) -> int:
        """`kiosk run`: shows the home screen from ``config`` alone, then opens the
        terminal with ``open_kiosk()`` behind it; runs until closed. An error opening it
        is raised from here."""
        ...

    def screenshot(self, kiosk: Kiosk, out: Path) -> Path:
        """Renders the screen for the kiosk's current session state to a PNG, offscreen."""
        ...

    def screenshots(self, kiosk: Kiosk, outdir: Path, *, elder: bool = False,
                    high_contrast: bool = False) -> list[Path]:
        """Renders every screen the front end has to PNGs in ``outdir`` (in 长辈模式 and/or
        高对比度 when asked)."""
        ...

    def entry_codes(self, kiosk: Kiosk, item: str) -> list[str]:
        """The catalog codes ``kiosk demo --item`` means (``all``: every item and bundle)."""
        ...

    def demo_visit(self, kiosk: Kiosk, code: str, outdir: Path) -> DemoVisitResult:
        """The scripted visit for ``code`` through the real screens: a PNG per step in
        ``outdir`` and the receipt; the result says whether every step went through."""
        ...

    def audit(self, kiosk: Kiosk, outdir: Path, rules: str = "normal",
              high_contrast: bool = False) -> tuple[list[Path], list[str], str]:
        """Renders every screen like ``screenshots`` and measures each against the 适老化
        rules (``normal``, or ``elder`` on screens drawn in 长辈模式): the PNGs, one line per
        violation, a summary."""
        ...


class DemoVisitResult(Protocol):
    """What a front end reports for one demo visit (ui/demo.py's DemoVisit)."""

    @property
    def shots(self) -> tuple[Path, ...]: ...
    @property
    def submitted(self) -> bool: ...
    @property
    def receipt(self) -> Path | None: ...
    @property
    def error(self) -> str: ...
    @property
    def pressed(self) -> int: ...  # steps asked for by clicking their button
    @property
    def acted(self) -> int: ...  # steps sent as the screen's handler would (typing, toggles)
    @property
    def direct(self) -> int: ...  # flow actions the shell does not offer, run behind it


class FrontendMissing(RuntimeError):
    pass


def _candidates() -> list[EntryPoint]:
    """This distribution's own front ends first (reading one distribution's metadata is
    cheap; scanning every installed one costs `kiosk run` 20 ms before its first frame),
    then any other installed distribution's."""
    try:
        own = [ep for ep in distribution(DISTRIBUTION).entry_points if ep.group == GROUP]
    except PackageNotFoundError:
        own = []
    return own


def _installed() -> Iterator[EntryPoint]:
    yield from entry_points(group=GROUP)


def load_frontend(name: str = "qt") -> Frontend:
    for ep in itertools.chain(_candidates(), _installed()):
        if ep.name == name:
            factory = ep.load()
            frontend: Frontend = factory()
            return frontend
    raise FrontendMissing(f"no '{name}' front end installed (entry point group {GROUP}); "
                          "reinstall the project with `pip install -e .`")
