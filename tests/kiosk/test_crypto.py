import stat
from pathlib import Path

import pytest

from kiosk.crypto import DataKey, DecryptionError


def test_key_file_is_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "data.key"
    k1 = DataKey.load_or_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    blob = k1.encrypt(b"secret", "ctx")
    assert DataKey.load_or_create(path).decrypt(blob, "ctx") == b"secret"


def test_tampered_or_swapped_blob_fails_loudly(tmp_path: Path) -> None:
    key = DataKey.load_or_create(tmp_path / "k")
    blob = bytearray(key.encrypt(b"420102194411050021", "case:1:personal"))
    with pytest.raises(DecryptionError):
        key.decrypt(bytes(blob), "case:2:personal")
    blob[-1] ^= 1
    with pytest.raises(DecryptionError):
        key.decrypt(bytes(blob), "case:1:personal")
    with pytest.raises(DecryptionError):
        key.decrypt(b"\x01short", "case:1:personal")


def test_truncated_key_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "k"
    path.write_bytes(b"short")
    with pytest.raises(DecryptionError, match="restore it from backup"):
        DataKey.load_or_create(path)


def test_lookup_hash_is_keyed(tmp_path: Path) -> None:
    a = DataKey.load_or_create(tmp_path / "a")
    b = DataKey.load_or_create(tmp_path / "b")
    assert a.lookup_hash("x") == a.lookup_hash("x")
    assert a.lookup_hash("x") != b.lookup_hash("x")
