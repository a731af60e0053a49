"""`kiosk doctor`: one line per environment check, each failure with its fix."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import REAL_DEVICES_HINT, Config, mock_devices
from kiosk.fonts import FontMissing, cjk_font_path
from kiosk.maintenance import LOW_DISK_MB
from kiosk.provision import platform_client


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def _qt_plugin() -> Check:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return Check("Qt platform plugin", False, "PySide6 not installed",
                     "run the README's set-up command (pip install -e .)")
    plugins = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms"
    wanted = os.environ.get("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else
                            "offscreen")
    lib = plugins / f"libq{wanted.split(':')[0]}.so"
    if not lib.exists():
        return Check("Qt platform plugin", False, f"{lib.name} missing in {plugins}",
                     "reinstall PySide6-Essentials")
    return Check("Qt platform plugin", True, f"{wanted} ({lib.name})")


def _font() -> Check:
    try:
        return Check("CJK font", True, str(cjk_font_path()))
    except FontMissing as exc:
        return Check("CJK font", False, str(exc), "apt-get install fonts-wqy-microhei")


def _daemon(name: str, binary: str, package: str) -> Check:
    if shutil.which(binary) is None and not Path(f"/usr/sbin/{binary}").exists():
        return Check(name, False, f"{binary} not installed", f"apt-get install {package}")
    try:
        running = subprocess.run(["pgrep", "-x", binary], capture_output=True,
                                 check=False).returncode == 0
    except FileNotFoundError:
        running = any(_proc_named(binary))
    if not running:
        return Check(name, False, f"{binary} installed but not running",
                     f"start it: systemctl start {binary} (or `{binary} -f` by hand)")
    return Check(name, True, f"{binary} running")


def _proc_named(binary: str) -> list[str]:
    found = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            if comm.read_text().strip() == binary:
                found.append(comm.parent.name)
        except OSError:
            continue
    return found


def _data_dir(cfg: Config) -> Check:
    try:
        cfg.data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cfg.data_dir):
            pass
    except OSError as exc:
        return Check("data dir writable", False, f"{cfg.data_dir}: {exc.strerror}",
                     "set data_dir in the config to a writable folder, or fix its owner")
    free = shutil.disk_usage(cfg.data_dir).free // (1024 * 1024)
    if free < LOW_DISK_MB:
        return Check("data dir writable", False, f"{cfg.data_dir}: only {free} MB free",
                     "free disk space: submissions are queued there while offline")
    return Check("data dir writable", True, f"{cfg.data_dir} ({free} MB free)")


def _devices(cfg: Config) -> Check:
    """Mock devices: the one check a public terminal must never pass by accident."""
    mocks = mock_devices(cfg)
    if not mocks:
        return Check("devices", True, ", ".join(
            f"{k}={getattr(cfg.devices, k)}" for k in ("card_reader", "camera", "printer")))
    if cfg.allow_mock_devices:
        return Check("devices", True, f"mock: {', '.join(mocks)} (allow_mock_devices = true: "
                     "a test or demo terminal)")
    return Check("devices", False, f"mock: {', '.join(mocks)}; `kiosk run` refuses them",
                 REAL_DEVICES_HINT)


def _platform(cfg: Config) -> Check:
    ok = platform_client(cfg, timeout_s=5).health()  # the proxy and CA the syncing uses
    if not ok:
        return Check("platform reachable", False, f"{cfg.platform_url} did not answer /health",
                     "check the network and platform_url; submissions queue meanwhile")
    return Check("platform reachable", True, cfg.platform_url)


def _speech(cfg: Config) -> Check:
    """Spoken prompts: the voice is there and every prompt renders into the cache."""
    from kiosk import prompts  # the flow tables it reads load only when doctor runs

    if cfg.speech == "off":
        return Check("spoken prompts", True, "off (config speech = off)")
    if not prompts.voice_installed():
        return Check("spoken prompts", False, f"espeak-ng voice {prompts.VOICES['zh_CN']} "
                     "missing; the terminal stays silent", "apt-get install espeak-ng")
    try:
        n = len(prompts.render_cache(prompts.cache_dir(cfg.data_dir)))
    except (prompts.PromptAudioError, OSError) as exc:
        return Check("spoken prompts", False, f"rendering failed: {exc}",
                     "check espeak-ng and that data_dir is writable")
    return Check("spoken prompts", True, f"{n} prompts cached in "
                 f"{prompts.cache_dir(cfg.data_dir)} (played through PulseAudio/PipeWire)")


def run_checks(cfg: Config) -> list[Check]:
    steps: list[Callable[[], Check]] = [
        _qt_plugin, _font,
        lambda: _daemon("pcscd (smart cards)", "pcscd", "pcscd"),
        lambda: _daemon("cupsd (printing)", "cupsd", "cups"),
        lambda: _devices(cfg), lambda: _data_dir(cfg), lambda: _speech(cfg),
        lambda: _platform(cfg),
    ]
    return [step() for step in steps]


def format_check(c: Check) -> str:
    line = f"[{'ok' if c.ok else 'FAIL'}] {c.name}: {c.detail}"
    return line if c.ok else f"{line} — fix: {c.fix}"
