"""The terminal as a wheel installs it: built from this checkout, installed into a fresh
venv that cannot see the checkout, run from a folder that is not the checkout.

The fresh venv has no pip and reaches the network for nothing: the wheel goes in with the
checkout's pip (``--python``, ``--no-deps``, ``--no-index``) and the dependencies come from
the checkout's .venv through a ``.pth`` line naming its site-packages. A directory named by
a ``.pth`` line runs none of its own ``.pth`` files, so the checkout's editable-install
hook never loads there: ``kiosk`` can only come from the wheel.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def source_files() -> list[Path]:
    """packaging/source_tree.py's list (loaded by path: ``packaging`` on sys.path is the
    PyPI library of that name, not the top-level folder)."""
    spec = importlib.util.spec_from_file_location(
        "source_tree", ROOT / "packaging" / "source_tree.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files: list[Path] = module.source_files(ROOT)
    return files


@dataclass(frozen=True)
class InstalledTerminal:
    venv: Path
    wheel: Path

    @property
    def kiosk(self) -> Path:
        return self.venv / "bin" / "kiosk"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def run(self, *args: str, cwd: Path, env: dict[str, str],
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.kiosk), *args], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=timeout, check=False)


def build_wheel(outdir: Path) -> Path:
    """``pip wheel`` of the project alone (its build backend from the build isolation),
    from a copy of the checkout's source files (packaging/source_tree.py)."""
    src = outdir.parent / "src"
    subprocess.run([sys.executable, str(ROOT / "packaging" / "source_tree.py"), str(src)],
                   check=True, capture_output=True, timeout=300)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(outdir), str(src)], check=True, capture_output=True, timeout=600)
    (wheel,) = outdir.glob("village_kiosk-*.whl")
    return wheel


def install_wheel(wheel: Path, venv: Path) -> InstalledTerminal:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True,
                   capture_output=True, timeout=300)
    site = Path(subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path("
         "'purelib'))"], check=True, capture_output=True, text=True).stdout.strip())
    (site / "checkout_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n",
                                                     encoding="utf-8")
    return InstalledTerminal(venv, wheel)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment less anything that could point Python back at the checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME") and not k.startswith("KIOSK_")}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env
