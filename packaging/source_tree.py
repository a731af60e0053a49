"""Copies the checkout's source (what git tracks or would track: not ignored) to a folder,
so a wheel is built from exactly the files of the checkout — never from a stale build/
folder setuptools left behind (it copies build/lib into every later wheel), and without
writing build/ or *.egg-info into the checkout.

    python packaging/source_tree.py DEST
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".mypy_cache",
        ".ruff_cache", "demo-output"}


def source_files(root: Path = ROOT) -> list[Path]:
    """Relative paths of the source files that exist now."""
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "-co",
                              "--exclude-standard"], capture_output=True, check=True).stdout
        names = [Path(n) for n in out.decode().split("\0") if n]
    except (OSError, subprocess.CalledProcessError):  # a tarball, not a git checkout
        names = [p.relative_to(root) for p in root.rglob("*")
                 if not SKIP & set(p.relative_to(root).parts)
                 and not p.name.endswith(".egg-info")]
    return [n for n in names if (root / n).is_file() and not SKIP & set(n.parts)]


def copy_tree(dest: Path, root: Path = ROOT) -> int:
    for rel in source_files(root):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, dest / rel)
    return len(source_files(root))


if __name__ == "__main__":
    print(f"copied {copy_tree(Path(sys.argv[1]))} files", file=sys.stderr)
