"""The terminal's Ed25519 identity and its enrolment record, beside the data key.

The private key never leaves this 0700 folder; the platform knows only the public half.
The enrolment record pins the platform's document-signing key, so catalog and config
updates are checked against the key the county gave at enrolment, not one a download
brings along.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.config import Config
from sync.signing import RequestSigner, load_private_key_pem, private_key_pem


@dataclass(frozen=True)
class Enrolment:
    terminal_id: str
    region_code: str
    platform_url: str
    platform_public_key: str
    enrolled_at: str
    # The platform signs its answers (contract 1.3); absent from older enrolment files.
    answers_signed: bool = False


def keys_dir(cfg: Config) -> Path:
    return cfg.data_dir / "keys"


def terminal_key_path(cfg: Config) -> Path:
    return keys_dir(cfg) / "terminal-ed25519.pem"


def enrolment_path(cfg: Config) -> Path:
    return keys_dir(cfg) / "enrolment.json"


def write_private(path: Path, data: bytes) -> None:
    """Atomic, 0600 from the first byte: a crash leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def save_identity(cfg: Config, key: Ed25519PrivateKey, enrolment: Enrolment) -> None:
    write_private(terminal_key_path(cfg), private_key_pem(key))
    write_private(enrolment_path(cfg), json.dumps(asdict(enrolment), indent=2).encode())


def load_enrolment(cfg: Config) -> Enrolment | None:
    try:
        data = json.loads(enrolment_path(cfg).read_text(encoding="utf-8"))
        return Enrolment(**data)
    except FileNotFoundError:
        return None
    except (ValueError, TypeError) as exc:
        raise IdentityError(f"{enrolment_path(cfg)} is damaged ({type(exc).__name__}): run "
                            "`kiosk provision` again") from exc


def load_signer(cfg: Config) -> RequestSigner | None:
    """None until the terminal is provisioned (or when it was provisioned under another
    terminal id than the config now names)."""
    enrolment = load_enrolment(cfg)
    if enrolment is None or enrolment.terminal_id != cfg.terminal_id:
        return None
    try:
        key = load_private_key_pem(terminal_key_path(cfg).read_bytes())
    except FileNotFoundError as exc:
        raise IdentityError(f"{terminal_key_path(cfg)} is missing but the terminal is "
                            "enrolled: run `kiosk provision` again") from exc
    return RequestSigner(cfg.terminal_id, key)


class IdentityError(Exception):
    """The key or enrolment files are unusable; the message says what to run."""
