"""The platform's data key: personal data sealed at rest, bound to where it is stored.

The platform's SQLite file and its uploads folder hold names, ID numbers, addresses,
phone numbers and photos of residents. A copy of that folder (a backup tape, a disk
swapped out, a misplaced ``scp``) must be worthless without the key, so the key never
lives in the database: it is a 0600 file in a 0700 keys folder beside it, or it comes
from the environment (``KIOSK_PLATFORM_DATA_KEY``, base64), which is how a KMS or secret
store hands it to a service.

AES-GCM is authenticated: a flipped bit, a truncated record or the wrong key is refused,
never decrypted into garbage. The associated data names the table, the column and the
row, so a ciphertext moved into another row (one resident's payload shown as another's)
fails its check like a tampered one. Lookups that need an ID number use an HMAC under a
separate subkey, so the equality test never needs the number itself in the database.

This module is the platform's own (``sync/`` must not import ``kiosk/``); it mirrors the
terminal's ``kiosk.crypto.DataKey`` in spirit.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_ENV = "KIOSK_PLATFORM_DATA_KEY"
KEY_FILE = "data.key"
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
_VERSION = b"\x01"
OVERHEAD = len(_VERSION) + NONCE_BYTES + TAG_BYTES  # bytes a sealed value adds
_AAD_PREFIX = b"village-kiosk platform at-rest 1"


class VaultError(Exception):
    """The data key is missing, malformed or does not open the data: the platform must not
    start (serving garbage, or sealing new rows under a second key, would be worse)."""


class SealBroken(VaultError):
    """One sealed value failed its check: tampered, truncated, moved, or another key."""


def _subkey(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"village-kiosk platform " + purpose).derive(master)


def aad(*parts: str) -> bytes:
    """Length-prefixed, so ("a", "bc") and ("ab", "c") bind to different data."""
    out = bytearray(_AAD_PREFIX)
    for p in parts:
        raw = p.encode()
        out += len(raw).to_bytes(4, "big") + raw
    return bytes(out)


class Vault:
    """Seals and opens values under one 256-bit master key (never used directly: HKDF
    derives the AES key, the lookup-HMAC key and a public key id from it)."""

    def __init__(self, master: bytes) -> None:
        if len(master) != KEY_BYTES:
            raise VaultError(f"the platform data key is {len(master)} bytes; it must be "
                             f"{KEY_BYTES} (base64 of 32 random bytes)")
        self._aead = AESGCM(_subkey(master, b"aes-256-gcm"))
        self._lookup = _subkey(master, b"lookup hmac-sha256")
        # Safe to print: names the key in error messages without revealing it.
        self.key_id = _subkey(master, b"key id")[:6].hex()

    def seal(self, plaintext: bytes | memoryview, *where: str) -> bytes:
        """``where`` (table, column, row key...) is bound in as associated data."""
        nonce = os.urandom(NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, bytes(plaintext), aad(*where))

    def open(self, blob: bytes | memoryview, *where: str) -> bytes:
        blob = bytes(blob)
        label = "/".join(where[:2])
        if len(blob) < OVERHEAD or blob[:1] != _VERSION:
            raise SealBroken(f"sealed {label} is not a sealed value (plaintext, truncated "
                             "or damaged)")
        try:
            return self._aead.decrypt(blob[1:1 + NONCE_BYTES], blob[1 + NONCE_BYTES:],
                                      aad(*where))
        except InvalidTag as exc:
            raise SealBroken(f"sealed {label} failed its integrity check: altered, moved "
                             "from another row, or sealed under another key") from exc

    def seal_json(self, text: str, *where: str) -> bytes:
        return self.seal(text.encode(), *where)

    def open_json(self, blob: bytes, *where: str) -> Any:
        return json.loads(self.open(blob, *where))

    def lookup_hash(self, value: str) -> str:
        """Keyed hash for equality lookups (an ID number): useless without the key."""
        return hmac.new(self._lookup, value.strip().upper().encode(),
                        hashlib.sha256).hexdigest()


def _decode_b64_key(text: str, source: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise VaultError(f"{source} is not base64: it must hold base64 of 32 random bytes "
                         "(e.g. `openssl rand -base64 32`)") from None
    if len(raw) != KEY_BYTES:
        raise VaultError(f"{source} decodes to {len(raw)} bytes; the platform data key must "
                         f"be {KEY_BYTES} bytes (base64 of 32 random bytes)")
    return raw


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def load_vault(keys_dir: Path, *, may_create: bool, what: str,
               env: Mapping[str, str] | None = None) -> Vault:
    """The data key from ``KIOSK_PLATFORM_DATA_KEY`` or ``keys_dir/data.key``.

    ``may_create``: no key file yet and nothing sealed under any key, so a first start
    makes one (0600 in a 0700 folder). Otherwise a missing key is an error naming the
    file: a new key would seal new rows where the old ones can never be read again.
    ``what`` names the database in messages.
    """
    env = os.environ if env is None else env
    if env.get(KEY_ENV):
        return Vault(_decode_b64_key(env[KEY_ENV], f"the environment variable {KEY_ENV}"))
    path = keys_dir / KEY_FILE
    if path.exists() or path.is_symlink():
        return Vault(_read_key_file(path))
    if not may_create:
        raise VaultError(f"{what} holds encrypted data, but its key file {path} is missing "
                         f"and {KEY_ENV} is not set: restore the key file from the backup "
                         "(mode 0600) or set the variable. The platform does not start "
                         "without it and will not make a new key over existing data.")
    return Vault(_create_key_file(path))


def _read_key_file(path: Path) -> bytes:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise VaultError(f"the key file {path} cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        raise VaultError(f"the key file {path} is not a regular file")
    if st.st_mode & 0o077:
        raise VaultError(f"the key file {path} is readable by other users (mode "
                         f"{stat.S_IMODE(st.st_mode):04o}): make it `chmod 600` and check "
                         "who copied it")
    if st.st_size > 1024:
        raise VaultError(f"the key file {path} is {st.st_size} bytes, not a data key")
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise VaultError(f"the key file {path} cannot be read as base64 text "
                         f"({type(exc).__name__})") from None
    return _decode_b64_key(text, f"the key file {path}")


def _create_key_file(path: Path) -> bytes:
    made = not path.parent.exists()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.parent.chmod(0o700)  # also when it existed: it is ours, and holds the key
    key = os.urandom(KEY_BYTES)
    tmp = path.with_name(f"{path.name}.new-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, base64.b64encode(key) + b"\n")
        os.fsync(fd)
        os.close(fd)
        fd = -1
        # A link, not a rename: whole or absent (a torn key file would lose the data),
        # and a second process starting at the same moment keeps the first one's key.
        try:
            os.link(tmp, path)
        except FileExistsError:
            return _read_key_file(path)
    finally:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)
    if made:
        _fsync_dir(path.parent.parent)
    return key
