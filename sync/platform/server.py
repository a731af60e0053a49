"""Reference county platform (FastAPI + its own SQLite).

It implements the terminal contract (``sync/openapi.json`` is generated from this app)
faithfully: every terminal request is signed with the key registered at enrolment, and
every write is idempotent, so a retry after a lost acknowledgement returns the first
answer and creates nothing. It can be told to misbehave (``Faults``) so the terminal's
retry paths are tested against a real server process rather than a mock.

The ``/api/v1/admin`` endpoints exist only on this reference implementation (tests and
the demo operator use them); they are left out of the contract document.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from argon2 import PasswordHasher
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, BeforeValidator, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from sync import signing
from sync.platform.admin import AdminContext, add_admin_routes
from sync.platform.answer_signing import AnswerSigner
from sync.platform.db import PlatformDB, Terminal, UploadConflict
from sync.platform.enrolment import EnrolmentRefused, Enrolments
from sync.platform.errors import ApiError
from sync.platform.faults import FaultMiddleware, Faults
from sync.platform.limits import JSON_MAX_BODY, MAX_JSON_DEPTH, BodyLimits
from sync.platform.staff import Staff
from sync.platform.updates import UpdateShelf
from sync.protocol import (
    API_PREFIX,
    CHUNK_SIZE,
    DOCUMENT_BODIES,
    INLINE_MAX_BODY,
    INLINE_MAX_BYTES,
    INLINE_MAX_FILES,
    INLINE_MAX_JSON,
    INLINE_PATH,
    MISSING_MAX,
    MISSING_NAME_MAX,
    MISSING_REASON_MAX,
    SHA256_HEX,
    UPLOAD_ID,
    AttachmentRef,
    AuditAck,
    AuditBatch,
    CaseStatus,
    DocumentKind,
    EnrolmentIn,
    EnrolmentOut,
    ErrorBody,
    HeartbeatAck,
    HeartbeatIn,
    RatingAck,
    RatingIn,
    SignedDocument,
    StatusList,
    SubmissionAck,
    SubmissionIn,
    UploadState,
    sniff_media_type,
)
from sync.updates import BUNDLE_CHUNK, BUNDLE_PATH, MAX_BUNDLE_BYTES, UPDATE_PATH, SignedUpdate

__all__ = ["Faults", "ThreadedPlatform", "create_app", "serve"]

# 1.1: POST /submissions/inline. 1.2: SubmissionAck.local_no. 1.3: signed answers.
# 1.4: Applicant.card_kind (every card kind the reader accepts) and bounds on every field.
# 1.5: CaseStatus.missing and correct_by: the platform's one complete 补正 list; and
#      SubmissionIn.subject: who a bundle item is about when not the applicant (a newborn).
# 1.6: GET /update (a signed update manifest) and GET /update/bundle/{sha256} (its wheel).
# 1.7: attachments are PNG or JPEG (AttachmentRef.media_type; 415 for any other bytes).
CONTRACT_VERSION = "1.7"


def _err(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"model": ErrorBody} for c in codes}


AUTH_ERRORS = _err(401, 422)
IdemKey = Annotated[str, Header(alias="Idempotency-Key", min_length=8, max_length=160,
                                description="stable per write; a retry reuses it")]


INLINE_DESCRIPTION = f"""\
Files a case **and** its small attachments in one request (`multipart/form-data`).

Parts:

- `submission`: exactly one text part holding the `SubmissionIn` JSON, as the body of
  `POST /submissions` (at most {INLINE_MAX_JSON} bytes).
- `attachment`: zero or more binary parts, each at most {INLINE_MAX_BYTES} bytes (one
  upload chunk), at most {INLINE_MAX_FILES} of them, each with `filename` set to the
  `upload_id` of the `attachments[]` entry it carries. Entries not carried inline must have
  been uploaded completely beforehand with `PUT /uploads/{{upload_id}}` (files bigger than
  one chunk keep the chunked upload, which can resume).

The platform checks every inline attachment against its entry's `size` and `sha256`,
writes each one durably, and only then records the case. Inline attachments are
afterwards indistinguishable from chunked uploads of the same `upload_id` (complete, with
that SHA-256).

The signature covers this request like any other: its body hash is the SHA-256 of the raw
request body exactly as sent, multipart boundaries and part headers included.

`Idempotency-Key` works exactly as for `POST /submissions`, and the two endpoints share
one key space: a retry answers 200 with the first acknowledgement and stores nothing. That
holds also when an earlier attempt was cut off after the platform had written the files
but before it recorded the case: the retry simply files it.

Refusals: 415 `unsupported_media_type` (not multipart/form-data) or
`unsupported_attachment_type` (1.7: an inline part that is not a PNG or a JPEG, or not the
`media_type` its entry declares); 400
`malformed_multipart`; 422 `invalid_request` (a missing, repeated or unexpected part, an
`attachment` without a filename or matching no entry, invalid submission JSON); 413
`attachment_too_large` (an inline part over {INLINE_MAX_BYTES} bytes: upload that file in
chunks and name it by upload id instead) or `body_too_large` (the whole body over
{INLINE_MAX_BODY} bytes); 409 `hash_mismatch` (an inline part differs from its entry's
size or SHA-256), `attachment_missing` (an entry neither inline nor uploaded), or
`upload_mismatch` (the upload id exists with another size or SHA-256); 403
`terminal_mismatch`.
"""

INLINE_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {"multipart/form-data": {
        "schema": {
            "type": "object",
            "required": ["submission"],
            "additionalProperties": False,
            "properties": {
                "submission": {"$ref": "#/components/schemas/SubmissionIn",
                               "description": "the case, as JSON text (see `encoding`)"},
                "attachment": {"type": "array", "maxItems": INLINE_MAX_FILES,
                               "items": {"type": "string", "format": "binary",
                                         "maxLength": INLINE_MAX_BYTES},
                               "description": "one part per inline attachment; its "
                                              "filename is the entry's upload_id"},
            },
        },
        "encoding": {"submission": {"contentType": "application/json"},
                     "attachment": {"contentType": "application/octet-stream"}},
    }},
}


async def _parse_form(request: Request) -> FormData:
    """The multipart body (already read for the signature), parsed within the limits."""
    try:
        return await request.form(max_files=INLINE_MAX_FILES, max_fields=1,
                                  max_part_size=INLINE_MAX_JSON)
    except StarletteHTTPException as exc:
        raise ApiError(400, "malformed_multipart", str(exc.detail)) from exc
    except Exception as exc:  # the parser's own errors on garbage: the client's fault
        raise ApiError(400, "malformed_multipart",
                       f"the multipart body cannot be parsed ({type(exc).__name__})") from exc


def _inline_parts(form: FormData, terminal_id: str
                  ) -> tuple[SubmissionIn, list[tuple[UploadFile, AttachmentRef]]]:
    """The submission and each inline part paired with its entry; 4xx on anything else."""
    texts = form.getlist("submission")
    if len(texts) != 1 or not isinstance(texts[0], str):
        raise ApiError(422, "invalid_request",
                       "exactly one text part named `submission` is required")
    try:
        sub = SubmissionIn.model_validate_json(texts[0])
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                          for e in exc.errors()[:10])
        raise ApiError(422, "invalid_request", f"submission: {where}") from exc
    if sub.terminal_id != terminal_id:
        raise ApiError(403, "terminal_mismatch",
                       "terminal_id in the body differs from the signing terminal")
    if set(form.keys()) - {"submission", "attachment"}:
        raise ApiError(422, "invalid_request",
                       "only `submission` and `attachment` parts are allowed")
    refs = {a.upload_id: a for a in sub.attachments}
    if len(refs) != len(sub.attachments):
        raise ApiError(422, "invalid_request", "two attachments share one upload_id")
    files: list[tuple[UploadFile, AttachmentRef]] = []
    seen: set[str] = set()
    for part in form.getlist("attachment"):
        if not isinstance(part, UploadFile) or not part.filename:
            raise ApiError(422, "invalid_request", "every `attachment` part needs a "
                           "filename: the upload_id of its entry in `attachments`")
        ref = refs.get(part.filename)
        if ref is None or part.filename in seen:
            raise ApiError(422, "invalid_request", "an `attachment` part matches no entry "
                           "of `attachments`, or repeats one")
        if part.size is not None and part.size > INLINE_MAX_BYTES:
            raise ApiError(413, "attachment_too_large", f"attachment {ref.name!r} is "
                           f"{part.size} bytes; inline attachments may be at most "
                           f"{INLINE_MAX_BYTES}: upload it in chunks (PUT /uploads) and "
                           "name it by upload_id")
        seen.add(part.filename)
        files.append((part, ref))
    return sub, files


KEY_RECHECK_S = 10.0

# Parsing a key is cheap but paid on every request; terminals are few and keys immutable.
_public_key = functools.lru_cache(maxsize=4096)(signing.load_public_key)


@dataclass(frozen=True)
class Authed:
    terminal: Terminal
    body: bytes
    body_sha256: str  # computed here for the signature; reused to check one-chunk uploads


async def authenticate(
    request: Request,
    x_terminal_id: Annotated[str, Header(alias=signing.TERMINAL_HEADER)] = "",
    x_timestamp: Annotated[str, Header(alias=signing.TIMESTAMP_HEADER)] = "",
    x_nonce: Annotated[str, Header(alias=signing.NONCE_HEADER)] = "",
    x_signature: Annotated[str, Header(alias=signing.SIGNATURE_HEADER)] = "",
) -> Authed:
    """Checks the signature, the clock and the nonce; hands the endpoint the raw body."""
    if not (x_terminal_id and x_timestamp and x_nonce and x_signature):
        raise ApiError(401, signing.AuthFailure.MISSING_HEADERS,
                       "every request must carry X-Terminal-Id, X-Timestamp, X-Nonce and "
                       "X-Signature")
    db: PlatformDB = request.app.state.db
    # The terminal comes from memory; the database (read in the thread pool, as its lock
    # may be held across a commit's fsync) only for one this process has not seen yet,
    # or not looked up for KEY_RECHECK_S: a key replaced through another process on the
    # same database then stops working here too within that time.
    checked: dict[str, float] = request.app.state.key_checked
    cached = db.known_terminal(x_terminal_id)
    if cached is not None and time.monotonic() - checked.get(x_terminal_id, 0.0) > \
            KEY_RECHECK_S:
        cached = None
    terminal = cached or await run_in_threadpool(db.terminal, x_terminal_id)
    if cached is None and terminal is not None:
        checked[x_terminal_id] = time.monotonic()
    if terminal is None:
        raise ApiError(401, signing.AuthFailure.UNKNOWN_TERMINAL,
                       f"terminal {x_terminal_id!r} is not enrolled")
    try:
        body = await request.body()
    except ClientDisconnect as exc:
        raise ApiError(400, "client_disconnected", "the request body did not arrive") from exc
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    now = time.time()
    digest = signing.body_digest(body)

    def check(t: Terminal) -> int:
        return signing.check_request(_public_key(t.public_key), request.method, path, body,
                                     x_timestamp, x_nonce, x_signature, now, digest=digest)

    try:
        try:
            ts = check(terminal)
        except signing.SignatureInvalid as exc:
            # Re-enrolled with a new key by another platform process: look again, once.
            fresh = await run_in_threadpool(db.terminal, x_terminal_id) if cached else None
            if exc.code != signing.AuthFailure.BAD_SIGNATURE or fresh is None or fresh == cached:
                raise
            terminal = fresh
            ts = check(terminal)
    except signing.SignatureInvalid as exc:
        raise ApiError(401, exc.code, exc.detail) from exc
    # On the event loop: the nonce database is synchronous=NORMAL (no fsync per commit)
    # and only this thread writes it, so the insert costs tens of microseconds, less than
    # the hand-off to a worker thread would.
    if not db.use_nonce(terminal.terminal_id, x_nonce, ts,
                        int(now) - 2 * signing.SKEW_WINDOW_S):
        raise ApiError(401, signing.AuthFailure.REPLAYED_NONCE,
                       "this nonce was already used; every request needs a fresh one")
    return Authed(terminal, body, digest)


Auth = Annotated[Authed, Depends(authenticate)]


def _decimal_text(value: object) -> object:
    """A query or header integer as the contract spells it: ASCII digits only (pydantic's
    lax int would also take ``+0.0``, ``5.000``, ``1_000`` and `` 7 ``)."""
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        raise ValueError("must be a whole number in decimal digits")
    return value


def query_once(*names: str) -> Any:
    """A route dependency refusing a repeated single-valued query parameter.

    FastAPI reads ``?offset=abc&offset=0`` as ``offset=0`` (the last value wins, the
    others are never validated); the contract says one integer, so it is a 422 like any
    other invalid parameter.
    """

    def check(request: Request) -> None:
        for name in names:
            if len(request.query_params.getlist(name)) > 1:
                raise ApiError(422, "invalid_request",
                               f"query parameter `{name}` must be given at most once")

    return Depends(check)


def platform_signing_key(db_path: Path) -> Ed25519PrivateKey:
    """The key that signs published documents; made on first start, kept beside the DB."""
    path = db_path.with_name(db_path.stem + "-signing.pem")
    if path.exists():
        return signing.load_private_key_pem(path.read_bytes())
    key = signing.new_private_key()
    # Written 0600 (mkstemp) and put in place by a link: a write-then-chmod left the private
    # key readable by everyone for a moment, and a second process starting at the same time
    # must never read a half-written key; it keeps the first one.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".signing-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(signing.private_key_pem(key))
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return signing.load_private_key_pem(path.read_bytes())
    finally:
        os.unlink(tmp)
    return key


def sign_document(key: Ed25519PrivateKey, kind: str, version: int, body: BaseModel
                  ) -> SignedDocument:
    text = body.model_dump_json()
    return SignedDocument(kind=kind,  # type: ignore[arg-type]
                          version=version, body=text,
                          signature=signing.sign(key, signing.document_message(kind, version,
                                                                                text)),
                          published_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


@dataclass
class Platform:
    """One platform database and what acts on it, shared by the terminal and the staff
    listeners when they are served apart."""

    db: PlatformDB
    doc_key: Ed25519PrivateKey
    staff: Staff
    enrolments: Enrolments
    faults: list[Faults]  # one element, replaced by PUT /admin/faults in test mode
    test_mode: bool
    updates: UpdateShelf | None = None  # the published release (kiosk platform update)

    def publish(self, kind: str, body: BaseModel) -> SignedDocument:
        latest = self.db.latest_document(kind)
        doc = sign_document(self.doc_key, kind, (latest.version if latest else 0) + 1, body)
        self.db.put_document(doc)
        return doc

    def admin_context(self) -> AdminContext:
        return AdminContext(self.db, self.staff, self.enrolments, self.publish, self.faults,
                            self.test_mode)


def open_platform(db_path: Path, faults: Faults | None = None,
                  enrol_codes: tuple[tuple[str, str], ...] = (),
                  test_mode: bool = False,
                  password_hasher: PasswordHasher | None = None) -> Platform:
    """``enrol_codes``: (code, terminal id) pairs accepted from the start (the CLI's
    ``--enrol-code CODE --enrol-terminal ID``). Faults need ``test_mode``: a platform
    that serves counties never misbehaves on purpose. ``password_hasher``: argon2-cffi's
    recommended parameters unless given (in-process test fixtures pass cheap ones: half
    a second per hash on a loaded test machine adds up over a suite)."""
    if faults is not None and faults != Faults() and not test_mode:
        raise ValueError("fault injection exists only in test mode")
    db = PlatformDB(db_path)
    enrolments = Enrolments(db)
    for code, terminal_id in enrol_codes:
        enrolments.issue(terminal_id, None, "platform serve --enrol-code", code=code)
    doc_key = platform_signing_key(db_path)
    if db.latest_document("config") is None:
        db.put_document(sign_document(doc_key, "config", 1, DOCUMENT_BODIES["config"]()))
    return Platform(db, doc_key, Staff(db, hasher=password_hasher), enrolments,
                    [faults or Faults()], test_mode, UpdateShelf(db_path))


def _install_common(app: FastAPI) -> None:
    """Error answers as ``ErrorBody`` (never a traceback) and the request bounds."""

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(ErrorBody(error=exc.code, detail=exc.detail).model_dump(),
                            status_code=exc.status, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(ErrorBody(error=f"http_{exc.status_code}",
                                      detail=str(exc.detail)).model_dump(),
                            status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        # Field paths and rules only: never echo the input, it may be personal data.
        where = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                          for e in exc.errors()[:10])
        return JSONResponse(ErrorBody(error="invalid_request", detail=where).model_dump(),
                            status_code=422)

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONResponse:
        # The traceback goes to the server's log; the caller learns only that it failed.
        return JSONResponse(ErrorBody(error="internal_error",
                                      detail="the platform failed; try again later"
                                      ).model_dump(), status_code=500)

    # Added last: outermost, so no body is read past its route's limit.
    app.add_middleware(BodyLimits)


def admin_app(platform: Platform) -> FastAPI:
    """The staff listener: only ``/api/v1/admin`` and ``/health``."""
    app = FastAPI(title="village-kiosk county platform administration",
                  openapi_url=None, docs_url=None, redoc_url=None)
    app.state.db = platform.db
    app.state.platform = platform

    @app.get(f"{API_PREFIX}/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    add_admin_routes(app, platform.admin_context())
    _install_common(app)
    return app


def create_app(db_path: Path, faults: Faults | None = None,
               enrol_codes: tuple[tuple[str, str], ...] = (), *, test_mode: bool = False,
               with_admin: bool = True) -> FastAPI:
    """The terminal API over a platform database (with the staff routes beside it unless
    ``with_admin`` is False: then serve ``admin_app`` on a listener of its own)."""
    return terminal_app(open_platform(db_path, faults, enrol_codes, test_mode),
                        with_admin=with_admin)


def terminal_app(platform: Platform, with_admin: bool = True) -> FastAPI:
    app = FastAPI(
        title="village-kiosk county platform contract", version=CONTRACT_VERSION,
        description=(
            "What a 政务服务自助终端 exchanges with the county platform.\n\n"
            "**Signing.** Every terminal request except `/health` and `/enrolments` carries "
            "`X-Terminal-Id`, `X-Timestamp` (Unix seconds), `X-Nonce` (8-64 chars, single use) "
            "and `X-Signature`: base64 Ed25519 over the UTF-8 text "
            "`VK1\\n{METHOD}\\n{path?query}\\n{sha256 hex of body}\\n{timestamp}\\n{nonce}`, "
            "with the key registered at enrolment. Refusals are 401 with `error` one of "
            "`missing_signature_headers`, `unknown_terminal`, `bad_signature`, `clock_skew` "
            f"(beyond ±{signing.SKEW_WINDOW_S} s), `replayed_nonce`.\n\n"
            "**Idempotency.** Every write carries `Idempotency-Key`; a retry with the same key "
            "returns the first answer and creates nothing.\n\n"
            "**Attachments** go up first, in chunks (`PUT /uploads/{id}?offset=`); the "
            "platform checks the SHA-256 when the last byte arrives. A submission then names "
            "them by upload id. Attachments of at most one chunk "
            f"({INLINE_MAX_BYTES} bytes) may instead travel inside the submission: "
            f"`POST {INLINE_PATH}` (multipart/form-data) files the case and stores them in "
            "one request. The signature's body hash is always the SHA-256 of the raw "
            "request body exactly as sent, multipart boundaries included.\n\n"
            "**Documents** (catalog, config, holidays) are signed with the platform key "
            "returned at enrolment: base64 Ed25519 over `VKDOC1\\n{kind}\\n{version}\\n{body}`."
            "\n\n**Answers** to signed requests (1.3; `answers_signed` at enrolment) carry "
            "`X-Answer-Signature`: base64 Ed25519, by the same key, over "
            "`VKANSWER1\\n{terminal_id}\\n{request X-Nonce}\\n{status}\\n{hex SHA-256 of "
            "the body}`. A terminal enrolled so takes a 2xx answer without a valid one as no "
            "answer.\n\n**补正** (1.5): a case whose status is `needs_correction` "
            "carries `missing`, the one complete list of what it still lacks (一次性告知, "
            "行政许可法 art. 32: each a catalog `material_id` or a `name`, a `reason`, how "
            f"many `originals` and `copies`; at most {MISSING_MAX} entries, names of at most "
            f"{MISSING_NAME_MAX} and reasons of at most {MISSING_REASON_MAX} characters), "
            "and `correct_by`, the last day to bring them, when one is set. A terminal "
            "takes a status answer over these bounds as no answer. **Subject** (1.5): a "
            "submission may carry `subject`, the person the case is about when that is not "
            "the applicant (the newborn of 新生儿出生一件事: the parent applies, the child is "
            "insured); bounded like the applicant, its ID number may be empty (a newborn has "
            "none yet). A platform before 1.5 refuses the unknown key, so such a case waits "
            "in the terminal's queue until the platform is updated."
            "\n\n**Updates** (1.6): `GET /update` is the one published release, a "
            "`SignedUpdate` signed like a document with the kind `update`; its body is an "
            "`UpdateManifest` (release `version`, the wheel's `sha256`, `size` at most "
            f"{MAX_BUNDLE_BYTES} bytes, `filename`). The wheel comes in pieces of at most "
            f"{BUNDLE_CHUNK} bytes: `GET /update/bundle/{{sha256}}?offset=N` (416 "
            "`offset_past_end` past its size). A terminal takes only a release newer than "
            "the one it runs, after checking signature, size and SHA-256."
            "\n\n**Attachment types** (1.7): an attachment is `image/png` (a bitonal "
            "document page, a 告知承诺 signature) or `image/jpeg` (a grey or colour page, the "
            "电子证件照), and its `AttachmentRef.media_type` says which. The platform judges "
            "the bytes themselves (PNG's signature, JPEG's SOI marker): the first chunk of an "
            "upload and every inline part of anything else is refused with 415 "
            "`unsupported_attachment_type`, an inline part that is not its declared type "
            "too; any other `media_type` value is 422 `invalid_request`. A platform before "
            "1.7 refuses the unknown key, so such a case waits in the terminal's queue "
            "until the platform is updated."
            "\n\n**What terminals do with answers**: they never follow a redirect "
            "(a 3xx is no answer); a 5xx, 408, 425 or 429 is retried with jittered "
            "exponential backoff, and its `Retry-After` (seconds or an HTTP date, at most "
            "15 minutes) holds back every queued item; an answer over 16 MiB, or one "
            "arriving slower than 4 KB/s after twice the request timeout, is abandoned."
            "\n\n**Bounds.** A body longer than its endpoint takes is refused with 413 "
            "`body_too_large` before it is read (from `Content-Length`, or as soon as a "
            f"streamed body passes the limit): {JSON_MAX_BODY} bytes for JSON requests, "
            f"{INLINE_MAX_JSON} for `POST /submissions` and `/audit-events`, "
            f"{CHUNK_SIZE} (one chunk) for `PUT /uploads/{{id}}`, {INLINE_MAX_BODY} for "
            f"`POST {INLINE_PATH}`. JSON nested deeper than {MAX_JSON_DEPTH} levels is "
            "refused with 400 `json_too_deep`."),
        responses=_err(400, 500))
    db = platform.db
    doc_key = platform.doc_key
    app.state.db = db
    app.state.platform = platform
    app.state.key_checked = {}
    # Added first, so it sits inside the faults: what they garble on the wire no longer
    # matches its signature.
    app.add_middleware(AnswerSigner, key=doc_key, prefix=API_PREFIX)
    if platform.test_mode:
        app.add_middleware(FaultMiddleware, get=lambda: platform.faults[0], prefix=API_PREFIX)

    @app.get(f"{API_PREFIX}/health", tags=["terminal"])
    def health() -> dict[str, str]:
        """Unsigned liveness probe (the terminal's online indicator and `kiosk doctor`)."""
        return {"status": "ok"}

    @app.post(f"{API_PREFIX}/enrolments", response_model=EnrolmentOut, tags=["enrolment"],
              responses=_err(403, 409, 413, 422))
    def enrol(body: EnrolmentIn, _key: IdemKey) -> EnrolmentOut:
        """Registers a terminal's public key with a one-time code issued by the county.

        A code enrols the one terminal id (and region) it was issued for, once, before it
        expires; a retry after a lost answer (same code, id and key) answers as the first.
        Refusals: 403 `bad_proof`, `unknown_code`, `code_expired`, `wrong_terminal`,
        `wrong_region`; 409 `code_used`, `already_enrolled` (an enrolled terminal keeps its
        key until the county starts a key replacement for it; the old key then works until
        this enrolment completes).
        """
        try:
            pub = signing.load_public_key(body.public_key)
            signing.verify(pub, signing.enrolment_message(body.terminal_id, body.region_code,
                                                          body.code, body.public_key),
                           body.proof)
        except signing.SignatureInvalid as exc:
            raise ApiError(403, "bad_proof", "proof is not a signature of the enrolment "
                           "message by the key being registered") from exc
        try:
            done = platform.enrolments.enrol(body.code, body.terminal_id, body.region_code,
                                             body.public_key)
        except EnrolmentRefused as exc:
            raise ApiError(exc.status, exc.code, exc.detail) from exc
        if done.replaced_key:  # the staff-started replacement is complete: the old key ends
            platform.staff.record(f"terminal:{body.terminal_id}", "-", "key_replaced",
                                  body.terminal_id, "ok")
        return EnrolmentOut(terminal_id=body.terminal_id, region_code=body.region_code,
                            platform_public_key=signing.public_key_b64(doc_key),
                            answers_signed=True,
                            enrolled_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))

    @app.put(f"{API_PREFIX}/uploads/{{upload_id}}", response_model=UploadState,
             tags=["attachments"], responses=_err(401, 409, 413, 415, 422),
             dependencies=[query_once("offset")],
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/octet-stream": {"schema": {"type": "string",
                                                         "format": "binary"}}}}})
    def put_chunk(
        auth: Auth, _key: IdemKey,
        upload_id: Annotated[str, PathParam(pattern=UPLOAD_ID)],
        upload_length: Annotated[int, Header(alias="Upload-Length", ge=0,
                                             le=64 * 1024 * 1024),
                                 BeforeValidator(_decimal_text)],
        upload_sha256: Annotated[str, Header(alias="Upload-SHA256", pattern=SHA256_HEX)],
        offset: Annotated[int, Query(ge=0, le=64 * 1024 * 1024),
                          BeforeValidator(_decimal_text)] = 0,
    ) -> UploadState:
        """Stores one chunk at ``offset``; a chunk the platform already holds is a no-op.

        A chunk past the stored length is refused with 409 ``offset_mismatch`` (GET the
        upload for the byte to resume from). When the last byte arrives the platform checks
        the SHA-256 (409 ``hash_mismatch`` and a restart from byte 0 when it differs).
        The first chunk must begin a PNG or a JPEG (415 ``unsupported_attachment_type``).
        """
        if offset == 0 and upload_length > 0 and sniff_media_type(auth.body) is None:
            raise ApiError(415, "unsupported_attachment_type",
                           "an attachment must be image/png or image/jpeg")
        try:
            return db.put_chunk(auth.terminal.terminal_id, upload_id, upload_length,
                                upload_sha256, offset, auth.body, body_sha256=auth.body_sha256)
        except UploadConflict as exc:
            raise ApiError(409, exc.code, exc.detail) from exc

    @app.get(f"{API_PREFIX}/uploads/{{upload_id}}", response_model=UploadState,
             tags=["attachments"], responses=_err(401, 404))
    def upload_state(auth: Auth, upload_id: str) -> UploadState:
        """Where an interrupted upload stands: resume from ``received``."""
        st = db.upload_state(auth.terminal.terminal_id, upload_id)
        if st is None:
            raise ApiError(404, "unknown_upload", "no upload with this id: start at byte 0")
        return st

    @app.post(f"{API_PREFIX}/submissions", response_model=SubmissionAck, status_code=201,
              tags=["cases"], responses={200: {"model": SubmissionAck,
                                               "description": "duplicate: the first answer"},
                                         **_err(401, 403, 409, 413, 422)})
    def submit(auth: Auth, sub: SubmissionIn, idempotency_key: IdemKey) -> Response:
        """Files a case; its attachments must have been uploaded completely beforehand."""
        if auth.terminal.terminal_id != sub.terminal_id:
            raise ApiError(403, "terminal_mismatch",
                           "terminal_id in the body differs from the signing terminal")
        for att in sub.attachments:
            st = db.upload_state(sub.terminal_id, att.upload_id)
            if st is None or not st.complete or st.sha256 != att.sha256:
                raise ApiError(409, "attachment_missing",
                               f"attachment {att.name!r} is not uploaded completely with "
                               "this SHA-256")
        ack, duplicate = db.record(idempotency_key, sub)
        return JSONResponse(ack.model_dump(), status_code=200 if duplicate else 201)

    @app.post(f"{API_PREFIX}{INLINE_PATH}", response_model=SubmissionAck, status_code=201,
              tags=["cases"], max_body_size=INLINE_MAX_BODY,
              responses={200: {"model": SubmissionAck,
                               "description": "duplicate: the first answer"},
                         **_err(401, 403, 409, 413, 415, 422)},
              description=INLINE_DESCRIPTION,
              openapi_extra={"requestBody": INLINE_REQUEST_BODY})
    async def submit_inline(request: Request, auth: Auth,
                            idempotency_key: IdemKey) -> Response:
        """One round trip instead of one per attachment plus one for the case: on a
        4G link each saved round trip is a saved radio wake-up (see INLINE_DESCRIPTION)."""
        ctype = request.headers.get("content-type", "")
        if ctype.split(";", 1)[0].strip().lower() != "multipart/form-data":
            raise ApiError(415, "unsupported_media_type",
                           "send multipart/form-data with a `submission` part")
        form = await _parse_form(request)
        parts: list[tuple[bytes, AttachmentRef]] = []
        try:
            sub, files = _inline_parts(form, auth.terminal.terminal_id)
            for part, ref in files:
                parts.append((await part.read(), ref))
        finally:
            await form.close()

        def check_and_record() -> tuple[SubmissionAck, bool]:
            # In the worker thread: hashlib lets go of the GIL for big inputs, so hashing a
            # picture here overlaps with the event loop serving the other terminals.
            blobs: dict[str, bytes] = {}
            for data, ref in parts:
                if len(data) != ref.size or hashlib.sha256(data).hexdigest() != ref.sha256:
                    raise ApiError(409, "hash_mismatch", f"attachment {ref.name!r} does not "
                                   "match its size and SHA-256; nothing was stored")
                seen = sniff_media_type(data)
                if seen is None or (ref.media_type is not None and seen != ref.media_type):
                    raise ApiError(415, "unsupported_attachment_type",
                                   f"attachment {ref.name!r} is not "
                                   f"{ref.media_type or 'image/png or image/jpeg'}; "
                                   "nothing was stored")
                blobs[ref.upload_id] = data
            return db.record_inline(idempotency_key, sub, blobs)

        try:
            ack, duplicate = await run_in_threadpool(check_and_record)
        except UploadConflict as exc:
            raise ApiError(409, exc.code, exc.detail) from exc
        return JSONResponse(ack.model_dump(), status_code=200 if duplicate else 201)

    @app.get(f"{API_PREFIX}/submissions/{{platform_no}}/status", response_model=CaseStatus,
             tags=["cases"], responses=_err(401, 404))
    def status(auth: Auth, platform_no: str) -> CaseStatus:
        st = db.status(platform_no, auth.terminal.terminal_id)
        if st is None:
            raise ApiError(404, "unknown_case", "no case with this number from this terminal")
        return st

    @app.get(f"{API_PREFIX}/statuses", response_model=StatusList, tags=["cases"],
             responses=_err(401, 422))
    def statuses(auth: Auth, platform_no: Annotated[list[str], Query(max_length=200)]
                 ) -> StatusList:
        """Statuses of many cases at once, for the status screen; unknown numbers are left
        out."""
        found = (db.status(n, auth.terminal.terminal_id) for n in platform_no)
        return StatusList(statuses=[s for s in found if s is not None])

    @app.post(f"{API_PREFIX}/ratings", response_model=RatingAck, status_code=201,
              tags=["ratings"], responses=_err(401, 413, 422))
    def rate(auth: Auth, rating: RatingIn, idempotency_key: IdemKey) -> RatingAck:
        """好差评: one per ``rating_id``; a retry answers ``duplicate: true``."""
        return db.record_rating(auth.terminal.terminal_id, idempotency_key, rating)

    @app.post(f"{API_PREFIX}/audit-events", response_model=AuditAck, tags=["audit"],
              responses=_err(401, 413, 422))
    def audit(auth: Auth, batch: AuditBatch, _key: IdemKey) -> AuditAck:
        """Appends the terminal's audit log; events are deduplicated by their ``seq``."""
        stored, dup = db.record_audit(auth.terminal.terminal_id, batch.events)
        return AuditAck(stored=stored, duplicates=dup, last_seq=max(e.seq for e in batch.events))

    @app.post(f"{API_PREFIX}/heartbeats", response_model=HeartbeatAck, tags=["terminal"],
              responses=_err(401, 413, 422))
    def heartbeat(auth: Auth, hb: HeartbeatIn, _key: IdemKey) -> HeartbeatAck:
        """Queue depth and versions, so the county sees a terminal that stopped sending."""
        db.record_heartbeat(auth.terminal.terminal_id, hb)
        return HeartbeatAck(server_time=dt.datetime.now(dt.UTC).isoformat(
            timespec="milliseconds"))

    def document(kind: DocumentKind) -> SignedDocument:
        doc = db.latest_document(kind)
        if doc is None:
            raise ApiError(404, "not_published", f"no {kind} has been published yet")
        return doc

    @app.get(f"{API_PREFIX}/catalog", response_model=SignedDocument, tags=["documents"],
             responses=_err(401, 404))
    def catalog(auth: Auth) -> SignedDocument:
        """The service catalog (事项目录), signed; body is ``CatalogBody`` JSON."""
        return document("catalog")

    @app.get(f"{API_PREFIX}/config", response_model=SignedDocument, tags=["documents"],
             responses=_err(401, 404))
    def remote_config(auth: Auth) -> SignedDocument:
        """Remotely managed settings, signed; body is ``RemoteConfigBody`` JSON."""
        return document("config")

    @app.get(f"{API_PREFIX}/holidays", response_model=SignedDocument, tags=["documents"],
             responses=_err(401, 404))
    def holidays(auth: Auth) -> SignedDocument:
        """The holiday calendar (法定节假日 and 调休), signed; body is ``HolidayBody`` JSON."""
        return document("holidays")

    shelf = platform.updates

    @app.get(f"{API_PREFIX}{UPDATE_PATH}", response_model=SignedUpdate, tags=["updates"],
             responses=_err(401, 404))
    def update(auth: Auth) -> SignedUpdate:
        """The published release's manifest, signed; body is ``UpdateManifest`` JSON."""
        doc = shelf.latest() if shelf is not None else None
        if doc is None:
            raise ApiError(404, "not_published", "no update has been published")
        return doc

    @app.get(f"{API_PREFIX}{BUNDLE_PATH}/{{sha256}}", tags=["updates"],
             responses={200: {"content": {"application/octet-stream": {
                 "schema": {"type": "string", "format": "binary"}}}},
                 **_err(401, 404, 416, 422)},
             dependencies=[query_once("offset")], response_class=Response)
    def bundle(auth: Auth, sha256: Annotated[str, PathParam(pattern=SHA256_HEX)],
               offset: Annotated[int, Query(ge=0, le=MAX_BUNDLE_BYTES),
                                 BeforeValidator(_decimal_text)] = 0) -> Response:
        """Up to one piece of a published bundle from ``offset`` (resume after a drop)."""
        piece = shelf.piece(sha256, offset) if shelf is not None else None
        if piece is None:
            raise ApiError(404, "unknown_bundle", "no published bundle has this SHA-256")
        if not piece:
            raise ApiError(416, "offset_past_end", "offset is at or past the bundle's end")
        return Response(piece, media_type="application/octet-stream")

    if with_admin:
        add_admin_routes(app, platform.admin_context())
    _install_common(app)
    return app


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8765,
          faults: Faults | None = None, enrol_codes: tuple[tuple[str, str], ...] = (),
          ssl_certfile: str | None = None, ssl_keyfile: str | None = None, *,
          test_mode: bool = False, admin_port: int | None = None,
          admin_host: str = "127.0.0.1") -> None:
    """Serves the terminal API on ``host:port``; with ``admin_port`` the staff routes go
    to a listener of their own (and are absent from the terminal port), so a county can
    put the terminal port on the network and keep administration on an internal one."""
    import asyncio

    import uvicorn

    platform = open_platform(db_path, faults, enrol_codes, test_mode)
    tls: dict[str, Any] = {"ssl_certfile": ssl_certfile, "ssl_keyfile": ssl_keyfile}
    common: dict[str, Any] = {"log_level": "warning", "timeout_graceful_shutdown": 2}
    if admin_port is None:
        uvicorn.run(terminal_app(platform), host=host, port=port, **common, **tls)
        return
    servers: list[uvicorn.Server] = []

    class Together(uvicorn.Server):
        """A signal stops both listeners (each would otherwise catch it for itself)."""

        def handle_exit(self, sig: int, frame: Any) -> None:
            for s in servers:
                s.should_exit = True

    servers += [Together(uvicorn.Config(terminal_app(platform, with_admin=False), host=host,
                                        port=port, **common, **tls)),
                Together(uvicorn.Config(admin_app(platform), host=admin_host,
                                        port=admin_port, **common, **tls))]

    async def both() -> None:
        await asyncio.gather(*(s.serve() for s in servers))

    asyncio.run(both())


class ThreadedPlatform:
    """The platform in a background thread of this process: the demo's embedded server
    (terminal and staff routes on one port)."""

    def __init__(self, db_path: Path, host: str = "127.0.0.1", port: int = 0,
                 ssl_certfile: str | None = None, ssl_keyfile: str | None = None,
                 test_mode: bool = False,
                 password_hasher: PasswordHasher | None = None) -> None:
        import socket

        import uvicorn

        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self.host, self.port = self._sock.getsockname()[:2]
        self.scheme = "https" if ssl_certfile else "http"
        self.platform = open_platform(db_path, test_mode=test_mode,
                                      password_hasher=password_hasher)
        self.app = terminal_app(self.platform)
        config = uvicorn.Config(self.app, log_level="warning", timeout_graceful_shutdown=2,
                                ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run,
                                        kwargs={"sockets": [self._sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def add_account(self, name: str, role: str, password: str) -> None:
        """A staff account, as `kiosk platform account add` makes one."""
        self.platform.staff.add(name, role, password)

    def issue_code(self, terminal_id: str, region_code: str | None = None) -> str:
        """A one-time code for ``terminal_id``, as the county's technician would get from
        ``POST /admin/enrolment-codes`` (issued here directly, by this process's owner)."""
        return self.platform.enrolments.issue(terminal_id, region_code, "local").code

    def __enter__(self) -> ThreadedPlatform:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("embedded platform did not start within 10 s")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()
