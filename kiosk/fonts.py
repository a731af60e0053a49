"""Finding the CJK font that receipts embed (and the UI loads).

reportlab needs TrueType outlines (wqy-microhei); Noto CJK's CFF outlines do not work
there, so only fonts known to embed correctly are considered.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.resources import asset_dir

ASSETS_FONTS = asset_dir("fonts")
SYSTEM_CANDIDATES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)


class FontMissing(RuntimeError):
    pass


def cjk_font_path() -> Path:
    for p in sorted(ASSETS_FONTS.glob("*.tt[cf]")) + list(SYSTEM_CANDIDATES):
        if p.is_file():
            return p
    raise FontMissing("no CJK TrueType font found: install Debian's fonts-wqy-microhei "
                      f"or put a .ttf/.ttc in {ASSETS_FONTS}")
