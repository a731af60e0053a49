"""Typed terminal configuration.

A technician edits one TOML file; environment variables (``KIOSK_<KEY>``) override it so
tests, the demo and systemd units can change one value without rewriting the file. Every
value is checked at load time so a typo stops the terminal with a sentence naming the key,
rather than failing later in front of a resident.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.jsonfile import JsonFileError, read_text_file

APP_NAME = "village-kiosk"

DEVICE_KINDS = ("card_reader", "camera", "printer")
CONFIG_MAX_BYTES = 256 * 1024  # a few dozen keys; anything larger is not a config file


class ConfigError(ValueError):
    """A configuration value is missing or malformed; the message names the key."""


@dataclass(frozen=True)
class DeviceChoice:
    """Which driver serves each device kind, as a URI (``mock:`` or e.g. ``pcsc:Reader 0``)."""

    card_reader: str = "mock:"
    camera: str = "mock:"
    printer: str = "mock:"


@dataclass(frozen=True)
class Config:
    terminal_id: str = "VK-DEMO-0001"
    region_code: str = "420102001001"
    region_name: str = "示范街道示范社区"
    platform_url: str = "http://127.0.0.1:8765"
    # PEM bundle of the CA that signed the platform's certificate (https); empty: the
    # system store. Pinning it means a forged certificate from another CA is refused.
    platform_ca_bundle: str = ""
    # HTTP(S) proxy to reach the platform through, e.g. http://10.0.0.1:3128; empty: none.
    # Only this setting counts: the service's environment (HTTP_PROXY and friends) is
    # ignored, so what a terminal does is what its config file says.
    platform_proxy: str = ""
    # Requests in flight while a backlog drains. 3 keeps the link and the platform busy
    # while this terminal signs the next case, and matters most on a weak, lossy link,
    # where one TCP connection spends its time recovering from lost packets: over an
    # emulated village 4G link (benchmarks/bench_sync.py) one lane took 1.30x / 1.37x /
    # 1.51x the link's floor at 0 / 1 / 3 % loss, three 1.11x / 1.14x / 1.17x, four no
    # better; at 1 Mbit/s, 300 ms, 3 % loss 1.54x against 1.29x. Lanes do not change the
    # bytes sent (a metered link costs the same); 1 only leaves a shared link more room
    # for other traffic. Each lane may hold up to 256 KiB in flight.
    sync_lanes: int = 3
    retention_days: int = 7  # personal data kept this long after the platform acknowledged
    data_dir: Path = field(default_factory=lambda: Path(platformdirs.user_data_dir(APP_NAME)))
    idle_timeout_s: int = 90
    language: str = "zh_CN"
    # Spoken prompts (kiosk.prompts): "elder" — by themselves only in 长辈模式; "on" — every
    # visit; "off" — never (a terminal without speakers). Volume 0-100 of the sound output.
    speech: str = "elder"
    speech_volume: int = 80
    # Mock devices stand in for the card reader, camera and printer in tests and the demo.
    # A public terminal on them would take no real card and print nothing, so `kiosk run`
    # refuses any `mock:` device unless this says, in so many words, that it is meant.
    allow_mock_devices: bool = False
    devices: DeviceChoice = field(default_factory=DeviceChoice)

    @property
    def db_path(self) -> Path:
        return self.data_dir / "kiosk.sqlite3"

    @property
    def key_path(self) -> Path:
        # Beside, not inside, the database: copying the DB alone must not carry the key.
        return self.data_dir / "keys" / "data.key"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def receipts_dir(self) -> Path:
        """Receipt PDFs (masked data only), kept for reprints from 办件查询."""
        return self.data_dir / "receipts"

    @property
    def mock_dir(self) -> Path:
        return self.data_dir / "mock-devices"


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"


_TERMINAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$")
_REGION = re.compile(r"^\d{12}$")
_URL = re.compile(r"^https?://[^\s/]+(:\d+)?(/\S*)?$")
_LANGUAGES = ("zh_CN", "en_US")
_SPEECH_MODES = ("elder", "on", "off")  # as kiosk.prompts.SPEECH_MODES
_DEVICE_URI = re.compile(r"^[a-z][a-z0-9-]*:.*$")


def _expect(ok: bool, key: str, expected: str, value: object) -> None:
    if not ok:
        raise ConfigError(f"config key '{key}': expected {expected}, got {value!r}")


def _check(cfg: Config) -> Config:
    _expect(bool(_TERMINAL_ID.match(cfg.terminal_id)), "terminal_id",
            "3-64 letters, digits, '-' or '_'", cfg.terminal_id)
    _expect(bool(_REGION.match(cfg.region_code)), "region_code",
            "a 12-digit administrative region code (行政区划代码), e.g. 420102001001",
            cfg.region_code)
    _expect(bool(_URL.match(cfg.platform_url)), "platform_url",
            "an http:// or https:// URL", cfg.platform_url)
    _expect(not cfg.platform_ca_bundle or Path(cfg.platform_ca_bundle).is_file(),
            "platform_ca_bundle", "the path of an existing PEM CA bundle file",
            cfg.platform_ca_bundle)
    _expect(not cfg.platform_proxy or bool(_URL.match(cfg.platform_proxy)), "platform_proxy",
            "an http:// or https:// proxy URL, or empty", cfg.platform_proxy)
    _expect(1 <= cfg.sync_lanes <= 8, "sync_lanes", "a whole number between 1 and 8",
            cfg.sync_lanes)
    _expect(1 <= cfg.retention_days <= 365, "retention_days",
            "a whole number of days between 1 and 365", cfg.retention_days)
    _expect(5 <= cfg.idle_timeout_s <= 3600, "idle_timeout_s",
            "a whole number of seconds between 5 and 3600", cfg.idle_timeout_s)
    _expect(not cfg.data_dir.exists() or cfg.data_dir.is_dir(), "data_dir",
            "a folder (this path is a file or a device)", str(cfg.data_dir))
    _expect(cfg.language in _LANGUAGES, "language", f"one of {', '.join(_LANGUAGES)}",
            cfg.language)
    _expect(cfg.speech in _SPEECH_MODES, "speech", f"one of {', '.join(_SPEECH_MODES)}",
            cfg.speech)
    _expect(0 <= cfg.speech_volume <= 100, "speech_volume", "a whole number between 0 and 100",
            cfg.speech_volume)
    for kind in DEVICE_KINDS:
        uri = getattr(cfg.devices, kind)
        _expect(bool(_DEVICE_URI.match(uri)), f"devices.{kind}",
                "a driver URI such as 'mock:' or 'pcsc:READER NAME'", uri)
    return cfg


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def validate(cfg: Config) -> Config:
    """``cfg`` after the load-time checks, for a config changed after loading
    (``--data-dir``); ConfigError naming the key otherwise."""
    return _check(cfg)


def _coerce(key: str, raw: object, default: object) -> object:
    if isinstance(default, bool):
        if isinstance(raw, str):  # from the environment (KIOSK_ALLOW_MOCK_DEVICES=1)
            _expect(raw.strip().lower() in _TRUE + _FALSE, key, "true or false", raw)
            return raw.strip().lower() in _TRUE
        _expect(isinstance(raw, bool), key, "true or false", raw)
        return raw
    if isinstance(default, int):
        if isinstance(raw, str):
            _expect(raw.strip().lstrip("-").isdigit(), key, "a whole number", raw)
            return int(raw)
        _expect(isinstance(raw, int) and not isinstance(raw, bool), key, "a whole number", raw)
        return raw
    if isinstance(default, Path):
        _expect(isinstance(raw, str) and raw != "", key, "a directory path", raw)
        return Path(str(raw)).expanduser()
    _expect(isinstance(raw, str), key, "a string", raw)
    return raw


def _merge(base: Config, values: Mapping[str, Any], source: str) -> Config:
    known = {f.name: f for f in fields(Config)}
    changes: dict[str, Any] = {}
    for key, raw in values.items():
        if key == "devices":
            _expect(isinstance(raw, Mapping), "devices", "a [devices] table", raw)
            dev_changes: dict[str, Any] = {}
            for dkey, dval in raw.items():
                _expect(dkey in DEVICE_KINDS, f"devices.{dkey}",
                        f"one of {', '.join(DEVICE_KINDS)} (unknown key in {source})", dkey)
                dev_changes[dkey] = _coerce(f"devices.{dkey}", dval, "")
            changes["devices"] = replace(base.devices, **dev_changes)
            continue
        if key not in known:
            raise ConfigError(f"config key '{key}': unknown key in {source}; "
                              f"expected one of {', '.join(sorted(known))}")
        changes[key] = _coerce(key, raw, getattr(base, key))
    return replace(base, **changes)


def _env_values(env: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    devices: dict[str, str] = {}
    for f in fields(Config):
        if f.name == "devices":
            continue
        name = f"KIOSK_{f.name.upper()}"
        if name in env:
            out[f.name] = env[name]
    for kind in DEVICE_KINDS:
        name = f"KIOSK_DEVICE_{kind.upper()}"
        if name in env:
            devices[kind] = env[name]
    if devices:
        out["devices"] = devices
    return out


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Defaults, then the TOML file (if any), then ``KIOSK_*`` variables; validated."""
    env = os.environ if env is None else env
    if path is None:
        path = Path(env["KIOSK_CONFIG"]) if "KIOSK_CONFIG" in env else default_config_path()
    cfg = Config()
    if path.exists() or path.is_symlink():
        try:  # a directory, a FIFO, a huge file: one line, nothing read whole
            data = tomllib.loads(read_text_file(path, CONFIG_MAX_BYTES))
        except JsonFileError as exc:
            raise ConfigError(f"config file {path}: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path}: not valid TOML ({exc})") from None
        cfg = _merge(cfg, data, str(path))
    cfg = _merge(cfg, _env_values(env), "environment")
    return _check(cfg)


REAL_DEVICES_HINT = (
    "set [devices] in the config file (README, Configuration): card_reader = "
    "\"sam-serial:/dev/ttyUSB0\" (or sam-usb:0400:c35a, pcsc:NAME), camera = \"opencv:0\", "
    "printer = \"cups:QUEUE\" (or escpos-usb:VID:PID)")


def mock_devices(cfg: Config) -> list[str]:
    """The device keys (``devices.card_reader``...) that name a ``mock:`` driver."""
    return [f"devices.{kind}" for kind in DEVICE_KINDS
            if getattr(cfg.devices, kind).partition(":")[0] == "mock"]


def check_for_residents(cfg: Config) -> Config:
    """``cfg`` when it may serve residents: no mock device unless ``allow_mock_devices``.
    ConfigError (one line: which keys, how to set real ones) otherwise."""
    mocks = mock_devices(cfg)
    if mocks and not cfg.allow_mock_devices:
        raise ConfigError(
            f"{', '.join(mocks)}: mock devices (stand-ins for tests and the demo: no real "
            f"card is read, nothing is printed) — {REAL_DEVICES_HINT}; or, for a test "
            "terminal only, allow_mock_devices = true")
    return cfg
