"""The distributions a terminal needs at run time, read from an installed environment.

``build-deb.sh`` copies exactly these from an environment where the pinned set is
installed (the checkout's .venv, made by setup.sh from constraints.txt), so the package is
built offline, with the versions the tests ran against, and without the developer tools
(pytest, mypy, ruff...) or the county platform's extra.

    python packaging/runtime_closure.py village-kiosk        # names, one a line
    python packaging/runtime_closure.py village-kiosk --copy SITE_PACKAGES
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from pathlib import Path

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _applies(requirement: str) -> bool:
    """A requirement without extras markers that applies on this Python and platform."""
    if ";" not in requirement:
        return True
    from packaging.markers import Marker  # pip's vendored copy is not importable; packaging is

    marker = Marker(requirement.split(";", 1)[1])
    return marker.evaluate({"extra": ""})


def closure(root: str) -> list[Distribution]:
    seen: dict[str, Distribution] = {}
    todo = [root]
    while todo:
        name = _norm(todo.pop())
        if name in seen:
            continue
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            raise SystemExit(f"error: {name} is required but not installed in "
                             f"{sys.prefix}; run setup.sh first") from None
        seen[name] = dist
        for req in dist.requires or []:
            if _applies(req):
                m = _NAME.match(req)
                if m:
                    todo.append(m.group(1))
    return [d for n, d in sorted(seen.items()) if n != _norm(root)]


def copy(dists: list[Distribution], site: Path) -> int:
    """Copies each distribution's recorded files that live in site-packages; returns the
    byte count. Scripts (``../../../bin``) are left out: the terminal runs ``kiosk`` only."""
    total = 0
    for dist in dists:
        base = Path(str(dist.locate_file("")))
        for f in dist.files or []:
            if f.parts and f.parts[0] == "..":
                continue
            if "__pycache__" in f.parts:
                continue
            src = base / f
            if not src.is_file():
                continue
            dst = site / f
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            total += src.stat().st_size
    return total


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--copy", metavar="SITE_PACKAGES")
    args = ap.parse_args()
    dists = closure(args.root)
    if args.copy:
        n = copy(dists, Path(args.copy))
        print(f"copied {len(dists)} distributions, {n // (1024 * 1024)} MiB")
    else:
        for d in dists:
            print(f"{d.metadata['Name']}=={d.version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
