"""Encryption at rest for personal data.

One 256-bit data key lives in a 0600 file outside the database, so a copied or stolen DB
file (or attachments folder) is useless without the key file. AES-GCM gives integrity as
well as secrecy: a tampered or torn record fails loudly instead of decrypting to garbage.
A keyed hash (HMAC) of the ID number lets the terminal find a resident's earlier cases
without storing the number itself.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE = 12
_VERSION = b"\x01"


class DecryptionError(Exception):
    """Ciphertext was tampered with, truncated, or made with another key."""


class DataKey:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("data key must be 32 bytes")
        self._aead = AESGCM(key)
        # A separate subkey for lookup hashes, so the HMAC never reuses the AES key.
        self._lookup = hashlib.sha256(b"village-kiosk lookup\x00" + key).digest()

    @classmethod
    def load_or_create(cls, path: Path) -> DataKey:
        """Reads the key file, creating it (0600, in a 0700 folder) on first start."""
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = path.read_bytes()
            if len(key) != 32:
                raise DecryptionError(
                    f"key file {path} is {len(key)} bytes, expected 32: restore it from backup"
                ) from None
            return cls(key)
        key = AESGCM.generate_key(bit_length=256)
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
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
