"""Where the shipped data is: ``assets`` (catalog, holidays, translations, fonts) found
through importlib.resources, so an installed wheel and a checkout read the same files.

The files are handed out as paths because their readers want paths (glob, reportlab's
font file, Qt's translator); a zipped install, where there are none, is refused in one
line instead of failing later in front of a resident.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


class AssetsMissing(RuntimeError):
    """The ``assets`` package is not installed as files."""


def asset_dir(*parts: str) -> Path:
    """The folder ``assets/<parts...>`` of the installed package (it may not exist yet:
    fonts are optional)."""
    root = files("assets")
    if not isinstance(root, Path):  # a zip import or another loader without files
        raise AssetsMissing(f"the assets package is not installed as files ({root!r}); "
                            "install village-kiosk from its wheel with pip")
    return root.joinpath(*parts)
