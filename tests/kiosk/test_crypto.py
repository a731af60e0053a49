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


def _race(args: tuple[str, int]) -> str:
    folder, _ = args
    try:
        return DataKey.load_or_create(Path(folder) / "data.key", env={}).lookup_hash("same?")
    except Exception as exc:  # reported to the parent, which fails the test with it
        return f"error: {type(exc).__name__}: {exc}"


def test_screen_and_sync_starting_together_get_one_whole_key(tmp_path: Path) -> None:
    """A first boot starts the screen and the sync unit at once: every process gets the
    same key and none reads a half-written file (it is linked into place whole)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(6) as pool:
        for round_ in range(15):
            folder = tmp_path / f"r{round_}"
            keys = pool.map(_race, [(str(folder), i) for i in range(12)])
            assert len(set(keys)) == 1 and not keys[0].startswith("error"), keys
            assert (folder / "data.key").stat().st_mode & 0o777 == 0o600
            assert sorted(p.name for p in folder.iterdir()) == ["data.key"]  # no leftovers
