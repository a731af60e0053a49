"""The background download of signed updates against the reference platform on 127.0.0.1:
a good release is staged byte for byte; a forged signature, a garbage or oversized
manifest, a bundle that is not what was signed, a full disk are refused with their code
and nothing is staged; a download broken by the platform's faults resumes where it
stopped and still ends with the signed bytes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.config import Config
from kiosk.identity_keys import load_enrolment
from kiosk.update_apply import read_notice, updates_dir
from kiosk.updates import update_problem
from sync import signing
from sync.client import PlatformError
from sync.platform.db import PlatformDB
from sync.platform.server import ThreadedPlatform
from sync.platform.updates import PublishRefused, UpdateShelf
from sync.updates import (
    BUNDLE_CHUNK,
    FETCH_STATE,
    MAX_BUNDLE_BYTES,
    STAGED_BUNDLE,
    STAGED_MANIFEST,
    SignedUpdate,
    UpdateFetcher,
    UpdateManifest,
    read_json,
)
from tests.sync.conftest import client_for, set_faults
from tests.test_cli_files import INPUT_KINDS, assert_short_plain_error, make_input, run_cli


def make_wheel(out: Path, version: str, payload: bytes = b"") -> Path:
    """A village_kiosk wheel as far as the update path looks: METADATA and kiosk's
    version line (plus ``payload`` bytes, stored, to make it big)."""
    wheel = out / f"village_kiosk-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr(f"village_kiosk-{version}.dist-info/METADATA",
                   f"Metadata-Version: 2.1\nName: village-kiosk\nVersion: {version}\n")
        z.writestr("kiosk/__init__.py", f'"""kiosk"""\n\n__version__ = "{version}"\n')
        if payload:
            z.writestr("kiosk/payload.bin", payload, compress_type=zipfile.ZIP_STORED)
    return wheel


def fetcher(cfg: Config, running: str = "0.1.0", failed: frozenset[str] = frozenset(),
            reserve_bytes: int = 0) -> UpdateFetcher:
    enrolment = load_enrolment(cfg)
    assert enrolment is not None
    return UpdateFetcher(client_for(cfg, timeout_s=5), enrolment.platform_public_key,
                         updates_dir(cfg.data_dir), running, failed, reserve_bytes)


def staged_files(cfg: Config) -> set[str]:
    d = updates_dir(cfg.data_dir)
    return {p.name for p in d.iterdir() if p.name != FETCH_STATE} if d.exists() else set()


def test_a_newer_signed_release_is_staged_byte_for_byte(
        ecfg: Config, platform: ThreadedPlatform, tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path, "0.2.0", os.urandom(BUNDLE_CHUNK + 12345))  # two pieces
    shelf = platform.platform.updates
    assert shelf is not None
    shelf.publish(wheel, platform.platform.doc_key)
    outcome = fetcher(ecfg).check()
    assert (outcome.outcome, outcome.version) == ("staged", "0.2.0")
    d = updates_dir(ecfg.data_dir)
    assert (d / STAGED_BUNDLE).read_bytes() == wheel.read_bytes()
    doc = SignedUpdate.model_validate(read_json(d / STAGED_MANIFEST))
    assert UpdateManifest.model_validate_json(doc.body).sha256 == hashlib.sha256(
        wheel.read_bytes()).hexdigest()
    assert staged_files(ecfg) == {STAGED_BUNDLE, STAGED_MANIFEST}  # no partial left
    # the same release again: nothing fetched twice; the running one or older: nothing
    mtime = (d / STAGED_BUNDLE).stat().st_mtime_ns
    assert fetcher(ecfg).check().outcome == "waiting"
    assert (d / STAGED_BUNDLE).stat().st_mtime_ns == mtime
    assert fetcher(ecfg, running="0.2.0").check().outcome == "up_to_date"
    assert fetcher(ecfg, running="0.3.0").check().outcome == "up_to_date"
    assert fetcher(ecfg, failed=frozenset({"0.2.0"})).check().outcome == "skipped"


def test_nothing_published_is_nothing_to_do(ecfg: Config) -> None:
    assert fetcher(ecfg).check().outcome == "none"
    assert staged_files(ecfg) == set()


def forge(platform: ThreadedPlatform, body: str, key: Ed25519PrivateKey | None = None,
          seq: int = 7) -> None:
    shelf = platform.platform.updates
    assert shelf is not None
    sig = signing.sign(key or platform.platform.doc_key,
                       signing.document_message("update", seq, body))
    shelf.put_raw(SignedUpdate(kind="update", version=seq, body=body, signature=sig,
                               published_at="2026-12-04T00:00:00+00:00"))


def good_body(wheel: Path, **over: object) -> str:
    """The manifest of ``wheel`` as JSON, with ``over`` fields (possibly out of bounds)."""
    data = wheel.read_bytes()
    return json.dumps({"version": "0.2.0", "sha256": hashlib.sha256(data).hexdigest(),
                       "size": len(data), "filename": wheel.name, **over})


def test_a_forged_signature_is_refused_named_and_nothing_is_staged(
        ecfg: Config, platform: ThreadedPlatform, tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path, "0.2.0")
    shelf = platform.platform.updates
    assert shelf is not None
    shelf.publish(wheel, platform.platform.doc_key)  # the bundle is there to take...
    forge(platform, good_body(wheel), key=signing.new_private_key())  # ...signed by another
    outcome = fetcher(ecfg).check()
    assert (outcome.outcome, outcome.code) == ("refused", "bad_signature")
    assert staged_files(ecfg) == set()
    problem = update_problem(read_notice(ecfg.data_dir))
    assert problem is not None and problem.error and "签名核验不通过" in problem.headline


@pytest.mark.parametrize(("body", "code"), [
    ("not json at all", "bad_manifest"),
    ('{"version": "0.2.0"}', "bad_manifest"),
    ("[" * 4000, "bad_manifest"),
])
def test_a_garbage_manifest_validly_signed_is_refused(
        ecfg: Config, platform: ThreadedPlatform, body: str, code: str) -> None:
    forge(platform, body)
    outcome = fetcher(ecfg).check()
    assert (outcome.outcome, outcome.code) == ("refused", code)
    assert staged_files(ecfg) == set()


def test_an_oversized_bundle_is_refused_before_a_byte_is_fetched(
        ecfg: Config, platform: ThreadedPlatform, tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path, "0.2.0")
    forge(platform, good_body(wheel, size=MAX_BUNDLE_BYTES + 1))
    outcome = fetcher(ecfg).check()
    assert (outcome.outcome, outcome.code) == ("refused", "bad_manifest")
    assert staged_files(ecfg) == set()
    big = tmp_path / "big" / "village_kiosk-0.2.0-py3-none-any.whl"
    big.parent.mkdir()
    with big.open("wb") as f:
        f.truncate(MAX_BUNDLE_BYTES + 1)
    assert platform.platform.updates is not None
    with pytest.raises(PublishRefused, match="bytes"):
        platform.platform.updates.publish(big, platform.platform.doc_key)


def test_a_bundle_that_is_not_the_signed_one_is_refused_and_dropped(
        ecfg: Config, platform: ThreadedPlatform, tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path, "0.2.0", os.urandom(5000))
    shelf = platform.platform.updates
    assert shelf is not None
    doc = shelf.publish(wheel, platform.platform.doc_key)
    sha = UpdateManifest.model_validate_json(doc.body).sha256
    stored = shelf.bundle_path(sha)
    assert stored is not None
    data = bytearray(stored.read_bytes())
    data[-100] ^= 0xFF  # a mirror's bit rot, the same length
    stored.write_bytes(bytes(data))
    outcome = fetcher(ecfg).check()
    assert (outcome.outcome, outcome.code) == ("refused", "hash_mismatch")
    assert staged_files(ecfg) == set()


def test_a_full_disk_is_refused_with_nothing_written(
        ecfg: Config, platform: ThreadedPlatform, tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path, "0.2.0", os.urandom(5000))
    assert platform.platform.updates is not None
    platform.platform.updates.publish(wheel, platform.platform.doc_key)
    free = shutil.disk_usage(ecfg.data_dir).free
    outcome = fetcher(ecfg, reserve_bytes=free).check()  # the cases' reserve is all there is
    assert (outcome.outcome, outcome.code) == ("refused", "no_space")
    assert staged_files(ecfg) == set()
    problem = update_problem(read_notice(ecfg.data_dir))
    assert problem is not None and not problem.error and "存储空间不足" in problem.headline


def test_a_download_broken_by_faults_resumes_and_ends_with_the_signed_bytes(
        ecfg: Config, platform: ThreadedPlatform, tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path, "0.2.0", os.urandom(4 * BUNDLE_CHUNK))
    assert platform.platform.updates is not None
    platform.platform.updates.publish(wheel, platform.platform.doc_key)
    f = fetcher(ecfg)
    f.check()  # the manifest is fine; now break the link for the pieces
    resumed = 0
    # The chaos is random: a run may break only before the first piece and then go
    # through whole (about one in eight). Runs repeat until one broke half way; every run
    # must end with the signed bytes.
    for _run in range(12):
        for name in (STAGED_BUNDLE, STAGED_MANIFEST):
            (updates_dir(ecfg.data_dir) / name).unlink()
        set_faults(platform, chaos_rate=0.5, hang_s=0.2, slow_s=0.05)
        errors, partial_sizes = 0, []
        for _ in range(200):
            try:
                outcome = f.check()
            except PlatformError:
                errors += 1
                partial_sizes += [p.stat().st_size
                                  for p in updates_dir(ecfg.data_dir).glob("partial-*.whl")]
                continue
            if outcome.outcome == "staged":
                break
            assert outcome.outcome != "refused", outcome  # a broken answer is never a verdict
        set_faults(platform)
        assert outcome.outcome == "staged"
        assert all(s % BUNDLE_CHUNK == 0 for s in partial_sizes)  # only whole signed pieces
        assert (updates_dir(ecfg.data_dir) / STAGED_BUNDLE).read_bytes() == wheel.read_bytes()
        if errors and any(s > 0 for s in partial_sizes):
            resumed += 1  # broken half way, and the next try went on from there
            break
    assert resumed == 1


@pytest.mark.parametrize("kind", INPUT_KINDS)
def test_publish_refuses_every_kind_of_bad_file_in_one_line(kind: str, tmp_path: Path) -> None:
    """`kiosk platform update publish` meets the CLI's bad-input classes (tests/
    test_cli_files.py): one plain line, exit 2, nothing put on the shelf."""
    db = tmp_path / "platform.sqlite3"
    PlatformDB(db)
    samples: dict[str, object] = {"nested": (100_000, "["), "non-utf8": b"\x80abc",
                                  "garbage": b"PK\x03\x04" + bytes(range(200)),
                                  "wrong shape": "[]"}
    path = make_input(kind, tmp_path / "village_kiosk-0.2.0-py3-none-any.whl",
                      samples.get(kind))
    code, out, err = run_cli(["platform", "update", "publish", str(path), "--db", str(db)],
                             tmp_path / "data")
    assert_short_plain_error(code, out, err)
    assert UpdateShelf(db).latest() is None
    shelf = db.with_name("platform-updates")
    assert not shelf.exists() or list(shelf.iterdir()) == []


def test_publish_takes_a_real_wheel_and_refuses_a_wheel_of_something_else(
        tmp_path: Path) -> None:
    db = tmp_path / "platform.sqlite3"
    PlatformDB(db)
    wheel = make_wheel(tmp_path, "0.2.0")
    code, out, err = run_cli(["platform", "update", "publish", str(wheel), "--db", str(db)],
                             tmp_path / "data")
    assert code == 0 and out.startswith("published update #1:"), err
    latest = UpdateShelf(db).latest()
    assert latest is not None
    assert UpdateManifest.model_validate_json(latest.body).version == "0.2.0"
    other = tmp_path / "other" / "village_kiosk-0.3.0-py3-none-any.whl"
    other.parent.mkdir()
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("requests-2.0.dist-info/METADATA", "Name: requests\nVersion: 2.0\n")
    code, out, err = run_cli(["platform", "update", "publish", str(other), "--db", str(db)],
                             tmp_path / "data")
    assert_short_plain_error(code, out, err)
    assert "not a village-kiosk wheel" in err
    assert UpdateShelf(db).latest() == latest  # the published one stays
