"""Signed update bundles: the wire records, the signature check, and the background download.

The platform signs an update's manifest exactly as it signs its catalog and config
documents (``sync.signing.document_message`` with the kind ``update``, by the platform
key the terminal pinned at enrolment), so there is one key and one scheme to trust. The
manifest names the bundle — a wheel of the application — by SHA-256 and size; the bundle
itself is fetched in 1 MiB pieces over signed requests (each answer signed too, contract
1.3), resumed from the bytes already on disk after a dropped 4G link, and kept in a
staging folder of the data dir. Nothing is unpacked here: the root-owned applier
(``kiosk update apply``) checks signature, size and hash again before it touches the
install, because the staging folder belongs to the less trusted ``kiosk`` user.

Every bad input ends in ``UpdateRefused`` (a code for the maintenance screen, a sentence
for the log) or a transient ``PlatformError`` (try again later); neither changes the
running version.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sync.signing import SignatureInvalid, document_message, load_public_key, verify

if TYPE_CHECKING:
    from sync.client import PlatformClient

UPDATE_KIND: Literal["update"] = "update"
UPDATE_PATH = "/update"
BUNDLE_PATH = "/update/bundle"
BUNDLE_CHUNK = 1024 * 1024  # one signed answer; a weak link finishes it in seconds
MAX_BUNDLE_BYTES = 64 * 1024 * 1024  # the wheel is < 1 MB today; room for fonts and sounds
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # what a bundle may unpack to (a zip bomb stops here)
MAX_BUNDLE_FILES = 5000
DISK_RESERVE_BYTES = 256 * 1024 * 1024  # never download into the space cases wait in
SHA256_HEX = r"^[0-9a-f]{64}$"
VERSION = r"^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$"  # ASCII digits only: \d would take １
WHEEL_NAME = r"^village_kiosk-[0-9.]+-py3-none-any\.whl$"

STAGED_MANIFEST = "staged.json"  # written last: the commit point of a download
STAGED_BUNDLE = "staged.whl"
FETCH_STATE = "fetch.json"


class UpdateManifest(BaseModel):
    """What the signed body says about one release."""

    model_config = ConfigDict(extra="forbid")

    version: str = Field(pattern=VERSION)
    sha256: str = Field(pattern=SHA256_HEX)
    size: int = Field(ge=1, le=MAX_BUNDLE_BYTES)
    filename: str = Field(pattern=WHEEL_NAME, max_length=80)
    notes: str = Field(default="", max_length=500)


class SignedUpdate(BaseModel):
    """The manifest as published: ``body`` is the exact JSON text that was signed, over
    ``VKDOC1\\nupdate\\n{version}\\n{body}`` like every other platform document."""

    kind: Literal["update"]
    version: int = Field(ge=1)  # the platform's publish sequence, not the release number
    body: str = Field(max_length=4096)
    signature: str = Field(max_length=200)
    published_at: str = Field(max_length=40)


def parse_version(text: str) -> tuple[int, ...]:
    """``"0.10.2"`` → ``(0, 10, 2)``; ValueError for anything else (no pre-releases: a
    terminal runs only what the county released)."""
    if not re.fullmatch(VERSION, text):
        raise ValueError(f"not a release version: {text[:40]!r}")
    parts = tuple(int(p) for p in text.split("."))
    while len(parts) > 1 and parts[-1] == 0:  # 1.0 == 1.0.0
        parts = parts[:-1]
    return parts


def is_newer(candidate: str, running: str) -> bool:
    """Only forward: an old bundle, validly signed long ago and replayed, is never applied."""
    return parse_version(candidate) > parse_version(running)


class UpdateRefused(Exception):
    """The platform's update was not taken; ``code`` names why for 维护信息."""

    def __init__(self, code: str, detail: str, version: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.version = version


BAD_SIGNATURE = "bad_signature"
BAD_MANIFEST = "bad_manifest"
HASH_MISMATCH = "hash_mismatch"
NO_SPACE = "no_space"
TOO_LARGE = "too_large"


def check_update(doc: SignedUpdate, platform_key_b64: str) -> UpdateManifest:
    """The manifest, once its signature verifies with the pinned platform key and its
    body is one; ``UpdateRefused`` otherwise."""
    try:
        verify(load_public_key(platform_key_b64),
               document_message(UPDATE_KIND, doc.version, doc.body), doc.signature)
    except SignatureInvalid as exc:
        raise UpdateRefused(BAD_SIGNATURE, f"update #{doc.version}: the signature does not "
                            "verify with the platform key from enrolment") from exc
    try:
        return UpdateManifest.model_validate_json(doc.body)
    except ValidationError as exc:
        raise UpdateRefused(BAD_MANIFEST, f"update #{doc.version}: the manifest does not "
                            f"match the contract ({exc.error_count()} errors)") from exc


def file_sha256(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while block := f.read(1024 * 1024):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def write_json_atomic(path: Path, data: object, mode: int = 0o600) -> None:
    """Written whole or not at all (temp file, fsync, rename): a power cut never leaves a
    half state file for the next start to misread."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_json(path: Path, limit: int = 64 * 1024) -> dict[str, object] | None:
    """A small state file as a dict; None when absent, too big, or not a JSON object."""
    try:
        with path.open("rb") as f:
            raw = f.read(limit + 1)
    except OSError:
        return None
    if len(raw) > limit:
        return None
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


@dataclass(frozen=True)
class FetchOutcome:
    """What the last look at the platform's update found (``fetch.json``)."""

    outcome: str  # none / up_to_date / skipped / staged (now) / waiting (staged before) / refused
    version: str = ""
    code: str = ""
    detail: str = ""
    at: str = ""


def record_outcome(updates_dir: Path, outcome: FetchOutcome) -> FetchOutcome:
    stamped = FetchOutcome(**{**asdict(outcome),
                              "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
    write_json_atomic(updates_dir / FETCH_STATE, asdict(stamped))
    return stamped


def staged_manifest(updates_dir: Path, platform_key_b64: str
                    ) -> tuple[SignedUpdate, UpdateManifest] | None:
    """The staged release, re-verified (signature, then size and hash of the bundle on
    disk); None when nothing is staged. ``UpdateRefused`` when what is staged is not
    what the platform signed — the staging folder is writable by the kiosk user."""
    raw = read_json(updates_dir / STAGED_MANIFEST)
    if raw is None:
        return None
    try:
        doc = SignedUpdate.model_validate(raw)
    except ValidationError as exc:
        raise UpdateRefused(BAD_MANIFEST, "the staged manifest is not one") from exc
    manifest = check_update(doc, platform_key_b64)
    bundle = updates_dir / STAGED_BUNDLE
    try:
        digest, size = file_sha256(bundle)
    except OSError as exc:
        raise UpdateRefused(HASH_MISMATCH, f"the staged bundle cannot be read ({exc})",
                            manifest.version) from exc
    if size != manifest.size or digest != manifest.sha256:
        raise UpdateRefused(HASH_MISMATCH, f"the staged bundle of {manifest.version} is not "
                            "the one the platform signed (size or SHA-256 differ)",
                            manifest.version)
    return doc, manifest


class UpdateFetcher:
    """The sync process's part: look for a newer signed release and stage it.

    ``failed`` are releases this terminal already rolled back: they are not fetched again
    (the county publishes a fixed one with a higher version)."""

    def __init__(self, client: PlatformClient, platform_key_b64: str, updates_dir: Path,
                 running_version: str, failed: frozenset[str] = frozenset(),
                 reserve_bytes: int = DISK_RESERVE_BYTES) -> None:
        self.client = client
        self.platform_key_b64 = platform_key_b64
        self.dir = updates_dir
        self.running = running_version
        self.failed = failed
        self.reserve = reserve_bytes

    def check(self) -> FetchOutcome:
        """One look: refusals are recorded for 维护信息 and returned, never raised; a
        transient platform error (offline, 5xx, a dropped download) propagates, leaving
        the partial download to resume next time."""
        from sync.client import PlatformRejected

        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            doc = self.client._read(UPDATE_PATH, SignedUpdate)
        except PlatformRejected as exc:
            if exc.code == "not_published":
                return FetchOutcome("none")
            raise
        try:
            manifest = check_update(doc, self.platform_key_b64)
            if not is_newer(manifest.version, self.running):
                return FetchOutcome("up_to_date", manifest.version)
            if manifest.version in self.failed:
                return FetchOutcome("skipped", manifest.version, "failed_before",
                                    "this release failed its health check here before")
            if self._already_staged(manifest):  # waiting for the applier's idle window
                return FetchOutcome("waiting", manifest.version)
            self._download(doc, manifest)
        except UpdateRefused as exc:
            self._forget_partials()
            return record_outcome(self.dir, FetchOutcome("refused", exc.version, exc.code,
                                                         exc.detail))
        return record_outcome(self.dir, FetchOutcome("staged", manifest.version))

    def _already_staged(self, manifest: UpdateManifest) -> bool:
        raw = read_json(self.dir / STAGED_MANIFEST)
        if raw is None:
            return False
        try:
            staged = UpdateManifest.model_validate_json(str(raw.get("body", "")))
        except ValidationError:
            return False
        bundle = self.dir / STAGED_BUNDLE
        return (staged.sha256 == manifest.sha256 and bundle.is_file()
                and bundle.stat().st_size == manifest.size)

    def _partial(self, manifest: UpdateManifest) -> Path:
        return self.dir / f"partial-{manifest.sha256[:16]}.whl"

    def _forget_partials(self, keep: Path | None = None) -> None:
        for p in self.dir.glob("partial-*.whl"):
            if p != keep:
                with contextlib.suppress(OSError):
                    p.unlink()

    def _download(self, doc: SignedUpdate, manifest: UpdateManifest) -> None:
        from sync.client import PlatformRejected, PlatformUnavailable

        part = self._partial(manifest)
        self._forget_partials(keep=part)  # an older release's leftovers
        have = part.stat().st_size if part.exists() else 0
        if have > manifest.size:
            part.unlink()
            have = 0
        free = shutil.disk_usage(self.dir).free
        if free - (manifest.size - have) < self.reserve:
            raise UpdateRefused(NO_SPACE, f"{manifest.size - have} bytes to fetch, "
                                f"{free} free: the data folder keeps {self.reserve} "
                                "bytes for cases", manifest.version)
        try:
            with part.open("ab") as f:
                while have < manifest.size:
                    try:
                        resp = self.client._request(
                            "GET", f"{BUNDLE_PATH}/{manifest.sha256}",
                            query=[("offset", str(have))])
                    except PlatformRejected as exc:
                        raise UpdateRefused(BAD_MANIFEST, str(exc), manifest.version) from exc
                    if resp.status_code != 200:
                        self.client._expect(resp, SignedUpdate, f"GET {BUNDLE_PATH}")
                        raise PlatformUnavailable(f"GET {BUNDLE_PATH}: HTTP "
                                                  f"{resp.status_code}")
                    piece = resp.content
                    if not piece or len(piece) > BUNDLE_CHUNK \
                            or have + len(piece) > manifest.size:
                        raise PlatformUnavailable(f"GET {BUNDLE_PATH}: a piece of "
                                                  f"{len(piece)} bytes at {have} does not "
                                                  f"fit a bundle of {manifest.size}")
                    f.write(piece)
                    have += len(piece)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:  # ENOSPC, EIO: drop what we have, the cases need the disk
            with contextlib.suppress(OSError):
                part.unlink()
            raise UpdateRefused(NO_SPACE, f"writing the bundle failed ({exc.strerror})",
                                manifest.version) from exc
        digest, size = file_sha256(part)
        if digest != manifest.sha256 or size != manifest.size:
            part.unlink()
            raise UpdateRefused(HASH_MISMATCH, f"the downloaded bundle of "
                                f"{manifest.version} does not match its signed SHA-256",
                                manifest.version)
        with contextlib.suppress(OSError):
            (self.dir / STAGED_MANIFEST).unlink()  # the old commit point goes first
        os.replace(part, self.dir / STAGED_BUNDLE)
        write_json_atomic(self.dir / STAGED_MANIFEST, doc.model_dump())

