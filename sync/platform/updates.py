"""The platform's update shelf: the one published release, signed, and its bundle.

A county publishes a wheel of the terminal application with ``kiosk platform update
publish WHEEL --db FILE`` on the platform host (like ``account add``: the staff port takes
no 60 MB bodies). The manifest (version, SHA-256, size, file name) is signed with the
platform's document key (``FILE-signing.pem``, the key terminals pinned at enrolment),
so the terminal trusts an update exactly as far as it trusts a catalog. Files live
beside the database in ``FILE-updates/`` (0700; bundles 0600); ``latest.json`` is
replaced atomically, so a terminal reading during a publish sees the old release or the
new one, never half of either.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import hashlib
import os
import re
import tempfile
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from sync import signing
from sync.updates import (
    BUNDLE_CHUNK,
    MAX_BUNDLE_BYTES,
    UPDATE_KIND,
    SignedUpdate,
    UpdateManifest,
    parse_version,
    read_json,
    write_json_atomic,
)


class PublishRefused(Exception):
    """The file is not a bundle the terminals could take; nothing was published."""


def wheel_version(path: Path, shown: str = "") -> str:
    """The ``Version:`` of a village-kiosk wheel's METADATA (PublishRefused if none);
    ``shown``: the name to use in messages (default the file's)."""
    shown = shown or path.name
    try:
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist()
                     if re.fullmatch(r"village_kiosk-[^/]+\.dist-info/METADATA", n)]
            if len(names) != 1:
                raise PublishRefused(f"{shown}: not a village-kiosk wheel (no single "
                                     "village_kiosk-*.dist-info/METADATA)")
            info = z.getinfo(names[0])
            if info.file_size > 1024 * 1024:
                raise PublishRefused(f"{shown}: METADATA of {info.file_size} bytes")
            meta = email.parser.BytesHeaderParser().parsebytes(z.read(info))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise PublishRefused(f"{shown}: not a readable wheel "
                             f"({type(exc).__name__})") from exc
    version = str(meta.get("Version", ""))
    try:
        parse_version(version)
    except ValueError as exc:
        raise PublishRefused(f"{shown}: version {version[:40]!r} is not a release "
                             "version (digits and dots)") from exc
    return version


class UpdateShelf:
    def __init__(self, db_path: Path) -> None:
        self.dir = db_path.with_name(db_path.stem + "-updates")

    def latest(self) -> SignedUpdate | None:
        raw = read_json(self.dir / "latest.json")
        if raw is None:
            return None
        try:
            return SignedUpdate.model_validate(raw)
        except ValidationError:
            return None

    def bundle_path(self, sha256: str) -> Path | None:
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            return None
        path = self.dir / f"{sha256}.whl"
        return path if path.is_file() else None

    def piece(self, sha256: str, offset: int) -> bytes | None:
        """Up to one chunk of a published bundle from ``offset``; None for an unknown
        bundle, b"" at or past its end."""
        path = self.bundle_path(sha256)
        if path is None:
            return None
        with path.open("rb") as f:
            f.seek(offset)
            return f.read(BUNDLE_CHUNK)

    def publish(self, wheel: Path, key: Ed25519PrivateKey, notes: str = "") -> SignedUpdate:
        """Copies ``wheel`` onto the shelf and signs its manifest as the next update.

        Size, hash and version are all taken from the copy, so a file that changes while
        it is read is published as the bytes that were copied, never as a mix."""
        if not wheel.is_file():
            raise PublishRefused(f"{wheel}: not a file")
        self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.dir, prefix=".bundle-")
        tmp = Path(tmp_name)
        h = hashlib.sha256()
        size = 0
        try:
            try:
                with os.fdopen(fd, "wb") as out, wheel.open("rb") as src:
                    while block := src.read(1024 * 1024):
                        size += len(block)
                        if size > MAX_BUNDLE_BYTES:
                            raise PublishRefused(f"{wheel.name}: over {MAX_BUNDLE_BYTES} "
                                                 "bytes; a bundle holds at most that")
                        h.update(block)
                        out.write(block)
                    out.flush()
                    os.fsync(out.fileno())
            except OSError as exc:
                raise PublishRefused(f"{wheel}: cannot be read ({exc.strerror})") from exc
            if size == 0:
                raise PublishRefused(f"{wheel.name}: empty")
            version = wheel_version(tmp, wheel.name)
            digest = h.hexdigest()
            try:
                manifest = UpdateManifest(version=version, sha256=digest, size=size,
                                          filename=wheel.name, notes=notes)
            except ValidationError as exc:
                raise PublishRefused(f"{wheel.name}: {exc.error_count()} problems with the "
                                     "manifest (file name village_kiosk-V-py3-none-any.whl?)"
                                     ) from exc
            os.replace(tmp, self.dir / f"{digest}.whl")
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        latest = self.latest()
        seq = (latest.version if latest else 0) + 1
        body = manifest.model_dump_json()
        doc = SignedUpdate(kind=UPDATE_KIND, version=seq, body=body,
                           signature=signing.sign(key, signing.document_message(
                               UPDATE_KIND, seq, body)),
                           published_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        write_json_atomic(self.dir / "latest.json", doc.model_dump())
        return doc

    def put_raw(self, doc: SignedUpdate) -> None:
        """Stores a manifest as given (a forged signature, in tests of the terminal)."""
        self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_json_atomic(self.dir / "latest.json", doc.model_dump())

