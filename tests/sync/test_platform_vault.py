"""The platform's data key and sealed storage, without a server: what a tampered value, a
value moved to another row, a wrong or missing key and an old plaintext database do."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from sync.platform.db import PlatformDB
from sync.platform.vault import KEY_ENV, SealBroken, Vault, VaultError, aad, load_vault
from sync.protocol import Applicant, ItemRef, RatingIn, SubmissionIn

NAME = "欧阳秀兰"
ID_NUMBER = "420102195203148617"
ADDRESS = "湖北省武汉市江岸区幸福路88号院7栋"
PHONE = "13987654321"
TID = "HB-JA-0007"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sub(local_no: str, id_number: str = ID_NUMBER, name: str = NAME) -> SubmissionIn:
    return SubmissionIn(terminal_id=TID, region_code="420102001001", local_no=local_no,
                        submitted_at="2026-12-04T02:00:00+00:00",
                        items=[ItemRef(code="HB-YL-0001", name="城乡居民基本养老保险参保登记")],
                        applicant=Applicant(name=name, id_number=id_number, address=ADDRESS,
                                            phone=PHONE))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "platform" / "platform.sqlite3"


def folder_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


# The vault alone -------------------------------------------------------------------------

def test_a_sealed_value_opens_only_where_it_was_sealed_and_only_intact() -> None:
    v = Vault(os.urandom(32))
    blob = v.seal(NAME.encode(), "submissions", "payload", "420102-1")
    assert NAME.encode() not in blob
    assert v.open(blob, "submissions", "payload", "420102-1") == NAME.encode()
    for i in range(len(blob)):  # every byte: version, nonce, ciphertext, tag
        bad = bytearray(blob)
        bad[i] ^= 0x01
        with pytest.raises(SealBroken):
            v.open(bytes(bad), "submissions", "payload", "420102-1")
    with pytest.raises(SealBroken, match="moved from another row"):
        v.open(blob, "submissions", "payload", "420102-2")  # another row
    with pytest.raises(SealBroken):
        v.open(blob, "ratings", "payload", "420102-1")  # another table
    with pytest.raises(SealBroken, match="not a sealed value"):
        v.open(blob[:20], "submissions", "payload", "420102-1")
    with pytest.raises(SealBroken, match="not a sealed value"):
        v.open(b'{"name": "x"}', "submissions", "payload", "420102-1")  # plaintext
    with pytest.raises(SealBroken, match="another key"):
        Vault(os.urandom(32)).open(blob, "submissions", "payload", "420102-1")


def test_associated_data_cannot_be_shifted_between_its_parts() -> None:
    assert aad("a", "bc") != aad("ab", "c")
    v = Vault(os.urandom(32))
    with pytest.raises(SealBroken):
        v.open(v.seal(b"x", "a", "bc"), "ab", "c")


def test_the_lookup_hash_is_keyed_and_ignores_case_and_spaces() -> None:
    key = os.urandom(32)
    v = Vault(key)
    assert v.lookup_hash(ID_NUMBER[:-1] + "x") == v.lookup_hash(f" {ID_NUMBER[:-1]}X ")
    assert v.lookup_hash(ID_NUMBER) != Vault(os.urandom(32)).lookup_hash(ID_NUMBER)
    assert v.lookup_hash(ID_NUMBER) != hashlib.sha256(ID_NUMBER.encode()).hexdigest()
    assert Vault(key).lookup_hash(ID_NUMBER) == v.lookup_hash(ID_NUMBER)


def test_a_key_file_is_made_once_0600_in_a_0700_folder(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    first = load_vault(keys, may_create=True, what="db", env={})
    assert mode(keys) == 0o700 and mode(keys / "data.key") == 0o600
    assert os.listdir(keys) == ["data.key"]
    assert len(base64.b64decode((keys / "data.key").read_text())) == 32
    again = load_vault(keys, may_create=False, what="db", env={})
    assert again.key_id == first.key_id


@pytest.mark.parametrize(("content", "says"), [
    ("not base64!!", "is not base64"),
    (base64.b64encode(os.urandom(16)).decode(), "decodes to 16 bytes"),
    (base64.b64encode(os.urandom(33)).decode(), "decodes to 33 bytes"),
    ("", "decodes to 0 bytes"),
])
def test_a_malformed_key_file_is_refused_in_plain_words(tmp_path: Path, content: str,
                                                        says: str) -> None:
    keyfile = tmp_path / "keys" / "data.key"
    keyfile.parent.mkdir()
    keyfile.write_text(content)
    keyfile.chmod(0o600)
    with pytest.raises(VaultError, match=f"the key file {keyfile} {says}"):
        load_vault(keyfile.parent, may_create=True, what="db", env={})


@pytest.mark.parametrize(("content", "says"), [
    ("not base64!!", "is not base64"),
    (base64.b64encode(os.urandom(16)).decode(), "decodes to 16 bytes"),
    ("AAAA", "decodes to 3 bytes"),
])
def test_a_malformed_key_in_the_environment_is_refused(tmp_path: Path, content: str,
                                                       says: str) -> None:
    with pytest.raises(VaultError, match=f"the environment variable {KEY_ENV} {says}"):
        load_vault(tmp_path / "keys", may_create=True, what="db", env={KEY_ENV: content})
    assert not (tmp_path / "keys").exists()  # and no key file made instead


def test_a_key_file_others_can_read_is_refused(tmp_path: Path) -> None:
    load_vault(tmp_path / "keys", may_create=True, what="db", env={})
    (tmp_path / "keys" / "data.key").chmod(0o644)
    with pytest.raises(VaultError, match=r"readable by other users \(mode 0644\): make it"):
        load_vault(tmp_path / "keys", may_create=False, what="db", env={})


# The platform database -------------------------------------------------------------------

def test_every_personal_column_is_sealed_and_opened_by_the_access_functions(
        db_path: Path) -> None:
    db = PlatformDB(db_path, env={})
    ack, _ = db.record("key-0001", sub("K-0001"))
    db.record("key-0002", sub("K-0002", id_number="42010219800101001X", name="王五"))
    db.record_rating(TID, "rate-0001", RatingIn(rating_id="r-00000001", level=1,
                                                comment=f"{NAME}等了很久", phone=PHONE,
                                                rated_at="2026-12-04T02:00:00+00:00"))
    rows = db.submissions()
    assert [r["payload"]["applicant"]["name"] for r in rows] == [NAME, "王五"]
    assert rows[0]["platform_no"] == ack.platform_no
    assert db.ratings()[0]["phone"] == PHONE
    found = db.submissions_of(ID_NUMBER)
    assert [r["local_no"] for r in found] == ["K-0001"]
    assert [r["local_no"] for r in db.submissions_of("42010219800101001x")] == ["K-0002"]
    raw = sqlite3.connect(db_path)
    for (payload,) in raw.execute("SELECT payload FROM submissions"):
        assert isinstance(payload, bytes) and NAME.encode() not in payload
    for (key,) in raw.execute("SELECT applicant_key FROM submissions"):
        assert ID_NUMBER not in key and len(key) == 64


def test_a_payload_moved_to_another_row_is_refused_not_shown(db_path: Path) -> None:
    db = PlatformDB(db_path, env={})
    a, _ = db.record("key-0001", sub("K-0001"))
    b, _ = db.record("key-0002", sub("K-0002", name="王五"))
    raw = sqlite3.connect(db_path, isolation_level=None)
    pa = raw.execute("SELECT payload FROM submissions WHERE platform_no=?",
                     (a.platform_no,)).fetchone()[0]
    raw.execute("UPDATE submissions SET payload=? WHERE platform_no=?", (pa, b.platform_no))
    with pytest.raises(SealBroken, match="submissions/payload failed its integrity check"):
        db.submissions()


def test_an_upload_file_altered_or_moved_to_another_upload_is_refused(
        db_path: Path) -> None:
    db = PlatformDB(db_path, env={})
    photo_a, photo_b = os.urandom(1000) + NAME.encode(), os.urandom(1000)
    for uid, data in (("a" * 32, photo_a), ("b" * 32, photo_b)):
        db.put_chunk(TID, uid, len(data), hashlib.sha256(data).hexdigest(), 0, data)
    assert db.upload_bytes(TID, "a" * 32) == photo_a
    file_a, file_b = db._upload_path(TID, "a" * 32), db._upload_path(TID, "b" * 32)
    assert NAME.encode() not in file_a.read_bytes()
    file_b.write_bytes(file_a.read_bytes())  # b's row, a's sealed bytes
    with pytest.raises(SealBroken):
        db.upload_bytes(TID, "b" * 32)
    altered = bytearray(file_a.read_bytes())
    altered[-1] ^= 1
    file_a.write_bytes(bytes(altered))
    with pytest.raises(SealBroken):
        db.upload_bytes(TID, "a" * 32)


def test_a_chunked_upload_is_sealed_chunk_by_chunk_and_reassembles(db_path: Path) -> None:
    db = PlatformDB(db_path, env={})
    data = os.urandom(700)
    digest = hashlib.sha256(data).hexdigest()
    uid = "c" * 32
    assert db.put_chunk(TID, uid, 700, digest, 0, data[:300]).received == 300
    assert db.put_chunk(TID, uid, 700, digest, 200, data[200:500]).received == 500  # overlap
    assert db.put_chunk(TID, uid, 700, digest, 0, data[:300]).received == 500  # a retry
    done = db.put_chunk(TID, uid, 700, digest, 500, data[500:])
    assert done.complete and db.upload_bytes(TID, uid) == data
    assert db.stored_sha256(TID, uid) == digest


def test_a_chunk_stored_before_a_crash_but_never_counted_is_overwritten(
        db_path: Path) -> None:
    """The file is fsynced before the row counting its bytes commits: a crash between the
    two leaves a record the platform does not count, which the retried chunk replaces."""
    db = PlatformDB(db_path, env={})
    data = os.urandom(600)
    digest = hashlib.sha256(data).hexdigest()
    uid = "d" * 32
    db.put_chunk(TID, uid, 600, digest, 0, data[:200])
    db.put_chunk(TID, uid, 600, digest, 200, data[200:400])
    with db._tx() as c:  # as if the second chunk's commit had been lost
        c.execute("UPDATE uploads SET received=200 WHERE upload_id=?", (uid,))
    assert db.upload_state(TID, uid).received == 200  # type: ignore[union-attr]
    db.put_chunk(TID, uid, 600, digest, 200, data[200:400])
    assert db.put_chunk(TID, uid, 600, digest, 400, data[400:]).complete
    assert db.upload_bytes(TID, uid) == data


def test_an_upload_whose_stored_prefix_was_lost_restarts_from_byte_zero(
        db_path: Path) -> None:
    from sync.platform.db import UploadConflict

    db = PlatformDB(db_path, env={})
    data = os.urandom(600)
    digest = hashlib.sha256(data).hexdigest()
    uid = "e" * 32
    db.put_chunk(TID, uid, 600, digest, 0, data[:300])
    path = db._upload_path(TID, uid)
    os.truncate(path, path.stat().st_size - 5)  # a torn tail the platform counted
    with pytest.raises(UploadConflict) as caught:
        db.put_chunk(TID, uid, 600, digest, 300, data[300:])
    assert caught.value.code == "hash_mismatch"
    assert db.upload_state(TID, uid).received == 0  # type: ignore[union-attr]
    assert db.put_chunk(TID, uid, 600, digest, 0, data).complete


def test_the_files_are_0600_and_the_folders_0700(db_path: Path) -> None:
    db = PlatformDB(db_path, env={})
    data = b"x" * 100
    db.put_chunk(TID, "f" * 32, 100, hashlib.sha256(data).hexdigest(), 0, data)
    db.record("key-0001", sub("K-0001"))
    folder = db_path.parent
    assert (folder / "platform.sqlite3-wal").exists() and (folder / "platform.sqlite3-shm"
                                                           ).exists()
    for p in [folder, *folder.rglob("*")]:
        assert mode(p) == (0o700 if p.is_dir() else 0o600), p


def test_a_missing_key_file_stops_the_platform_and_changes_nothing(db_path: Path) -> None:
    db = PlatformDB(db_path, env={})
    db.record("key-0001", sub("K-0001"))
    db._conn.close()
    keyfile = db_path.with_name("platform-keys") / "data.key"
    keyfile.unlink()
    before = folder_bytes(db_path.parent)
    with pytest.raises(VaultError, match=f"its key file {keyfile} is missing.*restore the "
                                         "key file from the backup"):
        PlatformDB(db_path, env={})
    assert not keyfile.exists()  # no new key made over the old data
    assert folder_bytes(db_path.parent) == before


def test_another_key_does_not_open_the_database_and_says_which_key_it_needs(
        db_path: Path) -> None:
    db = PlatformDB(db_path, env={})
    db.record("key-0001", sub("K-0001"))
    right = db.vault.key_id
    db._conn.close()
    other = base64.b64encode(os.urandom(32)).decode()
    with pytest.raises(VaultError, match=f"does not open .*sealed under key id {right}"):
        PlatformDB(db_path, env={KEY_ENV: other})
    with pytest.raises(VaultError, match="decodes to 31 bytes"):
        PlatformDB(db_path, env={KEY_ENV: base64.b64encode(os.urandom(31)).decode()})
    assert PlatformDB(db_path, env={}).submissions()[0]["local_no"] == "K-0001"


def test_a_key_from_the_environment_makes_no_key_file(db_path: Path) -> None:
    key = base64.b64encode(os.urandom(32)).decode()
    PlatformDB(db_path, env={KEY_ENV: key}).record("key-0001", sub("K-0001"))
    assert not db_path.with_name("platform-keys").exists()
    assert PlatformDB(db_path, env={KEY_ENV: key}).submissions()[0]["local_no"] == "K-0001"
    with pytest.raises(VaultError, match="is missing"):
        PlatformDB(db_path, env={})


# The plaintext form written before encryption at rest ------------------------------------

_LEGACY_SCHEMA = """
CREATE TABLE submissions (platform_no TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE,
    terminal_id TEXT NOT NULL, local_no TEXT NOT NULL, status TEXT NOT NULL,
    payload TEXT NOT NULL, received_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE terminals (terminal_id TEXT PRIMARY KEY, region_code TEXT NOT NULL,
    public_key TEXT NOT NULL, enrolled_at TEXT NOT NULL);
CREATE TABLE uploads (terminal_id TEXT NOT NULL, upload_id TEXT NOT NULL,
    size INTEGER NOT NULL, sha256 TEXT NOT NULL, received INTEGER NOT NULL,
    complete INTEGER NOT NULL, file TEXT NOT NULL, PRIMARY KEY (terminal_id, upload_id));
CREATE TABLE inline_blobs (terminal_id TEXT NOT NULL, upload_id TEXT NOT NULL,
    data BLOB NOT NULL, PRIMARY KEY (terminal_id, upload_id));
CREATE TABLE upload_chunks (terminal_id TEXT NOT NULL, upload_id TEXT NOT NULL,
    offset INTEGER NOT NULL, length INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE ratings (terminal_id TEXT NOT NULL, rating_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE, payload TEXT NOT NULL, received_at TEXT NOT NULL,
    PRIMARY KEY (terminal_id, rating_id));
CREATE TABLE audit_events (terminal_id TEXT NOT NULL, seq INTEGER NOT NULL,
    payload TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (terminal_id, seq));
CREATE TABLE heartbeats (terminal_id TEXT PRIMARY KEY, payload TEXT NOT NULL,
    received_at TEXT NOT NULL);
CREATE TABLE documents (kind TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (kind, version));
"""

PHOTO = b"JPEG" + NAME.encode() + os.urandom(3000)
INLINE = b"PNG" + ID_NUMBER.encode() + os.urandom(100)


def write_legacy(db_path: Path) -> None:
    """A platform folder as the build before encryption at rest left it: plaintext JSON
    rows, a plaintext upload file, a leftover file no row refers to, 0644 modes."""
    db_path.parent.mkdir(parents=True)
    c = sqlite3.connect(db_path, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.executescript(_LEGACY_SCHEMA)
    c.execute("INSERT INTO submissions VALUES (?,?,?,?,?,?,?,?)",
              ("420102202612040000001", "key-0001", TID, "K-0001", "accepted",
               sub("K-0001").model_dump_json(), "t", "t"))
    c.execute("INSERT INTO ratings VALUES (?,?,?,?,?)", (TID, "r-00000001", "rate-0001",
              json.dumps({"rating_id": "r-00000001", "phone": PHONE}), "t"))
    c.execute("INSERT INTO audit_events VALUES (?,?,?,?)", (TID, 1, json.dumps(
        {"seq": 1, "subject": ADDRESS}, ensure_ascii=False), "t"))
    c.execute("INSERT INTO heartbeats VALUES (?,?,?)", (TID, '{"queue_depth": 3}', "t"))
    c.execute("INSERT INTO inline_blobs VALUES (?,?,?)", (TID, "i" * 32, INLINE))
    c.execute("INSERT INTO uploads VALUES (?,?,?,?,1,1,'')", (TID, "i" * 32, len(INLINE),
              hashlib.sha256(INLINE).hexdigest()))
    name = hashlib.sha256(f"{TID}\0{'p' * 32}".encode()).hexdigest()
    uploads = db_path.with_name("platform-uploads")
    (uploads / name[:2]).mkdir(parents=True)
    (uploads / name[:2] / name).write_bytes(PHOTO)
    (uploads / name[:2] / ("0" * 64)).write_bytes(NAME.encode())  # a crash's leftover
    c.execute("INSERT INTO uploads VALUES (?,?,?,?,?,1,?)", (TID, "p" * 32, len(PHOTO),
              hashlib.sha256(PHOTO).hexdigest(), len(PHOTO), str(uploads / name[:2] / name)))
    c.close()
    for p in [db_path.parent, *db_path.parent.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)


def needles() -> list[bytes]:
    return [NAME.encode(), ID_NUMBER.encode(), ADDRESS.encode(), PHONE.encode(),
            json.dumps(NAME).encode(), NAME.encode("utf-16-le")]


def test_an_old_plaintext_database_is_sealed_in_place_on_first_start(db_path: Path) -> None:
    write_legacy(db_path)
    assert all(n in folder_bytes(db_path.parent) for n in needles()[:4])  # the fixture leaks
    db = PlatformDB(db_path, env={})
    assert db.submissions()[0]["payload"]["applicant"]["address"] == ADDRESS
    assert [r["local_no"] for r in db.submissions_of(ID_NUMBER)] == ["K-0001"]
    assert db.ratings()[0]["phone"] == PHONE
    assert db.audit_events()[0]["subject"] == ADDRESS
    assert db.heartbeats()[0]["queue_depth"] == 3
    assert db.upload_bytes(TID, "p" * 32) == PHOTO
    assert db.upload_bytes(TID, "i" * 32) == INLINE
    assert db.stored_sha256(TID, "p" * 32) == hashlib.sha256(PHOTO).hexdigest()
    keys = db_path.with_name("platform-keys")
    data = b"".join(p.read_bytes() for p in sorted(db_path.parent.rglob("*"))
                    if p.is_file() and keys not in p.parents)
    for needle in needles():
        assert needle not in data, needle
    for p in [db_path.parent / "platform-uploads", *db_path.parent.rglob("*")]:
        assert mode(p) == (0o700 if p.is_dir() else 0o600), p
    db._conn.close()
    assert PlatformDB(db_path, env={}).upload_bytes(TID, "p" * 32) == PHOTO  # opens again


def test_a_migration_stopped_after_its_commit_is_finished_before_serving(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_legacy(db_path)

    def crash(self: PlatformDB) -> None:
        raise KeyboardInterrupt  # the power cut, right after the commit

    with monkeypatch.context() as m:
        m.setattr(PlatformDB, "_finish_sealing", crash)
        with pytest.raises(KeyboardInterrupt):
            PlatformDB(db_path, env={})
    assert list(db_path.parent.rglob("*.sealing"))  # side files waiting
    db = PlatformDB(db_path, env={})
    assert not list(db_path.parent.rglob("*.sealing"))
    assert db.upload_bytes(TID, "p" * 32) == PHOTO
    assert db.submissions()[0]["payload"]["applicant"]["name"] == NAME


def test_platform_signing_key_is_born_0600_and_kept(tmp_path: Path) -> None:
    """The document-signing key never exists readable by others, not even for a moment
    (it is written to a 0600 temporary file and linked into place), and a second start
    keeps the first key rather than minting another."""
    from sync.platform.server import platform_signing_key

    db = tmp_path / "platform.db"
    first = platform_signing_key(db)
    pem = tmp_path / "platform-signing.pem"
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["platform-signing.pem"]
    again = platform_signing_key(db)
    assert again.public_key().public_bytes_raw() == first.public_key().public_bytes_raw()
