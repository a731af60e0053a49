"""Encryption at rest for personal data.

One 256-bit data key lives outside the database, so a copied or stolen DB file (or
attachments folder) is useless without it. Where the terminal has a TPM, `kiosk seal-key`
seals the key with ``systemd-creds`` (``/etc/credstore.encrypted/village-kiosk-data-key``)
and the units hand it over decrypted in ``$CREDENTIALS_DIRECTORY`` (``LoadCredentialEncrypted=``):
a disk taken out of the terminal then holds no usable key at all. Without a TPM it stays a
0600 file of the service user (``data_dir/keys/data.key``). Either way the key file is
refused, with a sentence saying what is wrong, when it is not a plain 32-byte file that only
its owner (this user) can read: a key others could read or replace protects nothing.
AES-GCM gives integrity as
well as secrecy: a tampered or torn record fails loudly instead of decrypting to garbage.
A keyed hash (HMAC) of the ID number lets the terminal find a resident's earlier cases
without storing the number itself.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.config import ConfigError

_NONCE = 12
_VERSION = b"\x01"
KEY_BYTES = 32
# The credential's name: the file in $CREDENTIALS_DIRECTORY, and in the credential store
# (/etc/credstore.encrypted/) that LoadCredentialEncrypted=village-kiosk-data-key searches.
CREDENTIAL = "village-kiosk-data-key"
CREDSTORE = Path("/etc/credstore.encrypted")


class DecryptionError(Exception):
    """Ciphertext was tampered with, truncated, or made with another key."""


class KeyFileError(DecryptionError, ConfigError):
    """The data key's file is missing where it must be, or is not one to trust (wrong
    size, mode, owner or type); the message says which and what to do. A ConfigError too:
    like a wrong config value it is the technician's to fix, so the CLI says it in one
    line (exit 2) instead of a traceback."""


def read_key_file(path: Path, what: str = "key file", private: bool = True) -> bytes:
    """The 32 bytes of a key file, after checking it is one: a regular file (no symlink:
    it could point anywhere) and, if ``private``, owned by this user (root may read the
    kiosk user's) with no group or other permission bits. Checked on the open descriptor,
    so the file checked is the file read.

    A systemd credential is not ``private`` in that sense and need not be: systemd writes
    it root-owned into the unit's own non-swappable folder and grants the unit's user
    read access by an ACL (which shows as group bits), and no other user can reach it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise KeyFileError(f"{what} {path}: cannot be opened ({exc.strerror}); a symlink is "
                           "refused: the key must be a plain file") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise KeyFileError(f"{what} {path} is not a regular file")
        if private and st.st_uid != os.geteuid() and os.geteuid() != 0:
            raise KeyFileError(
                f"{what} {path} belongs to uid {st.st_uid}, not to this user (uid "
                f"{os.geteuid()}): another user could have replaced it; as root: chown "
                f"{os.geteuid()} {path}")
        if st.st_size != KEY_BYTES:
            raise KeyFileError(f"{what} {path} is {st.st_size} bytes, expected {KEY_BYTES}: "
                               "restore it from backup")
        mode = stat.S_IMODE(st.st_mode)
        if private and mode & 0o077:
            raise KeyFileError(
                f"{what} {path} has mode {mode:04o}: others may read the key that protects "
                f"every resident's data; chmod 600 {path} (and treat the key as exposed)")
        key = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(key) != KEY_BYTES:
        raise KeyFileError(f"{what} {path} changed while read: restore it from backup")
    return key


class DataKey:
    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("data key must be 32 bytes")
        self._aead = AESGCM(key)
        # A separate subkey for lookup hashes, so the HMAC never reuses the AES key.
        self._lookup = hashlib.sha256(b"village-kiosk lookup\x00" + key).digest()

    @classmethod
    def load_or_create(cls, path: Path, env: Mapping[str, str] | None = None,
                       credstore: Path = CREDSTORE) -> DataKey:
        """The terminal's data key: the credential systemd decrypted into
        ``$CREDENTIALS_DIRECTORY`` if the unit passed one; otherwise the key file at
        ``path``, created (0600, in a 0700 folder) on first start.

        A key sealed in ``credstore`` but not passed (a command run by hand, outside the
        units) is an error, never a reason to make a new key: a new key would leave every
        queued case unreadable."""
        env = os.environ if env is None else env
        creds = env.get("CREDENTIALS_DIRECTORY", "")
        if creds and (Path(creds) / CREDENTIAL).exists():
            return cls(read_key_file(Path(creds) / CREDENTIAL, "data key credential",
                                         private=False))
        sealed = credstore / CREDENTIAL
        if sealed.exists():
            raise KeyFileError(
                f"the data key is sealed with this terminal's TPM ({sealed}) and only the "
                "village-kiosk units receive it (LoadCredentialEncrypted="
                f"{CREDENTIAL}); run the command through one, e.g. sudo systemd-run --pipe "
                f"--wait -p User=kiosk -p LoadCredentialEncrypted={CREDENTIAL} "
                "-E KIOSK_CONFIG=/etc/village-kiosk/kiosk.toml /usr/bin/kiosk ...")
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.exists() or path.is_symlink():
            return cls(read_key_file(path))
        # Written whole under a temporary name, then linked into place: the screen and
        # sync units start together on a first boot, and a key file created first and
        # written after could be read empty by the other one. link() fails if the other
        # won; its key is then the one.
        key = AESGCM.generate_key(bit_length=256)
        fd, tmp = tempfile.mkstemp(prefix=".key-", dir=path.parent)  # 0600
        try:
            os.write(fd, key)
            os.fsync(fd)
            os.close(fd)
            fd = -1
            try:
                os.link(tmp, path)
            except FileExistsError:
                return cls(read_key_file(path))
            dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        finally:
            if fd >= 0:
                os.close(fd)
            os.unlink(tmp)
        return cls(key)

    def encrypt(self, plaintext: bytes, context: str) -> bytes:
        """``context`` (table/column/record id) is bound in, so blobs cannot be swapped."""
        nonce = os.urandom(_NONCE)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, context.encode())

    def decrypt(self, blob: bytes, context: str) -> bytes:
        if len(blob) < 1 + _NONCE + 16 or blob[:1] != _VERSION:
            raise DecryptionError(f"encrypted blob for {context} is malformed")
        nonce, body = blob[1 : 1 + _NONCE], blob[1 + _NONCE :]
        try:
            return self._aead.decrypt(nonce, body, context.encode())
        except InvalidTag as exc:
            raise DecryptionError(f"encrypted blob for {context} failed its integrity check") \
                from exc

    def encrypt_json(self, value: Any, context: str) -> bytes:
        return self.encrypt(json.dumps(value, ensure_ascii=False).encode(), context)

    def decrypt_json(self, blob: bytes, context: str) -> Any:
        return json.loads(self.decrypt(blob, context))

    def lookup_hash(self, value: str) -> str:
        return hmac.new(self._lookup, value.encode(), hashlib.sha256).hexdigest()
