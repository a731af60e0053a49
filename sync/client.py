"""HTTP client for the county platform.

Every failure is sorted into the kind the outbox acts on: *transient* (network, 5xx,
garbage that might be a proxy's error page, an answer of the wrong shape) → retry later;
*rejected* (the platform understood and refused this payload, 4xx) → count toward parking;
*auth* (the platform refused the terminal itself: not enrolled, clock skew, bad key) →
stop sending and tell the technician, without blaming any queued item. Nothing but a
well-formed answer of the expected schema counts as sent.
"""

from __future__ import annotations

import copy
import datetime as dt
import email.utils
import hashlib
import json
import re
import secrets
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode, urlsplit

import requests
import urllib3
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import BaseModel, ValidationError

from sync.protocol import (
    API_PREFIX,
    CHUNK_SIZE,
    IDEMPOTENCY_HEADER,
    INLINE_MAX_BYTES,
    INLINE_PATH,
    AuditAck,
    CaseStatus,
    EnrolmentOut,
    HeartbeatAck,
    HeartbeatIn,
    RatingAck,
    SignedDocument,
    StatusList,
    SubmissionAck,
    UploadState,
)
from sync.signing import (
    ANSWER_SIGNATURE_HEADER,
    AUTH_ADVICE,
    NONCE_HEADER,
    RequestSigner,
    SignatureInvalid,
    answer_message,
    enrolment_message,
    public_key_b64,
    sign,
    verify,
)

M = TypeVar("M", bound=BaseModel)


class PlatformError(Exception):
    """Base: the request did not produce an acknowledgement. ``code`` is a word for
    programs: the platform's error code, or the terminal's name for the cause."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


# Bounds on an answer (see PlatformClient._take_body): the biggest the contract has is a
# signed catalog, well under a megabyte for a county.
MAX_ANSWER_BYTES = 16 * 1024 * 1024
MIN_ANSWER_RATE = 4096  # bytes per second, averaged, once the grace is over

REDIRECTED = "redirected"  # PlatformUnavailable.code: a 3xx answer, never followed
CROSSED_ACK = "crossed_ack"  # PlatformUnavailable.code: an answer about another record
UNSIGNED_ANSWER = "unsigned_answer"  # PlatformUnavailable.code: no valid answer signature
PLATFORM_BUSY = "platform_busy"  # PlatformUnavailable.code: 503/429 with a Retry-After
BAD_ANSWER = "bad_answer"  # PlatformUnavailable.code: a 2xx answer that is not the contract's


class PlatformUnavailable(PlatformError):
    """Transient: retry with backoff. ``code`` names a cause the maintenance screen can
    explain better than "offline" (e.g. ``redirected``)."""

    def __init__(self, message: str, code: str = "",
                 retry_after_s: float | None = None) -> None:
        super().__init__(message, code)
        self.retry_after_s = retry_after_s  # the platform's Retry-After, when it gave one


class PlatformRejected(PlatformError):
    """Permanent for this payload: retrying the same bytes will not help."""


class InlineUnsupported(PlatformRejected):
    """The platform has no one-request submission endpoint (a contract 1.0 platform): send
    the attachments in chunks and the submission as JSON instead."""


class PlatformAuthFailed(PlatformError):
    """The platform refused this terminal's credentials; no queued item is at fault."""

    def __init__(self, code: str, detail: str) -> None:
        advice = AUTH_ADVICE.get(code, "check the terminal's enrolment")
        super().__init__(f"platform refused the terminal ({code}): {detail} — {advice}", code)


_LONG_NUMBER = re.compile(r"\d{6,}[0-9Xx]?")


def scrub(text: str, limit: int = 300) -> str:
    """A platform's error text, safe to log and to keep in the outbox row.

    Some platforms echo the offending input back (FastAPI's default 422 does), and that
    input may be an ID, bank card or phone number; runs of six or more digits are masked.
    """
    return _LONG_NUMBER.sub(lambda m: m.group()[:2] + "*" * (len(m.group()) - 2),
                            text[:limit])


# Where a payload holds what a resident or agent typed or the card gave.
_PERSONAL_KEYS = frozenset({"applicant", "agent", "form", "comment", "phone"})


def _personal_strings(value: Any, personal: bool = False) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_personal_strings(v, personal or k in _PERSONAL_KEYS)
                             for k, v in value.items()), set())
    if isinstance(value, list | tuple):
        return set().union(*(_personal_strings(v, personal) for v in value), set())
    if personal and isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        # A short ASCII value (an age, a count, "yes") names nobody and would maul status
        # codes and numbers around it; any two CJK characters may be a name.
        return {text} if len(text) >= (4 if text.isascii() else 2) else set()
    return set()


def redact_echo(text: str, payload: dict[str, Any]) -> str:
    """``text`` with every personal value of ``payload`` that it repeats masked (张三 → 张*).

    ``scrub`` catches long numbers only; a platform that echoes the request back in its
    error would put a name or an address into the outbox row, the maintenance screen and
    the log. What was sent is known, so whatever of it comes back is masked, longest first
    so a name inside an echoed address is masked with it."""
    for value in sorted(_personal_strings(payload), key=len, reverse=True):
        if value in text:
            text = text.replace(value, value[0] + "*" * (len(value) - 1))
    return text


def _origin(location: str) -> str:
    """Scheme, host and port of a redirect target, whatever a portal put there; the rest
    (a portal's query string may carry the SIM's number) is dropped."""
    try:
        loc = urlsplit(location)
        port = f":{loc.port}" if loc.port else ""
    except ValueError:
        return "an unreadable address"
    if not loc.hostname:
        return "nowhere named"
    return scrub(f"{loc.scheme or 'http'}://{loc.hostname}{port}", 120)


def retry_after_s(value: str, now: float) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), None when
    absent or unreadable; never negative."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - now)


def _error_code(resp: requests.Response) -> tuple[str, str]:
    try:
        body = resp.json()
    except ValueError:
        return "", scrub(resp.text, 200)
    if isinstance(body, dict):
        return scrub(str(body.get("error", "")), 64), scrub(str(body.get("detail", "")))
    return "", ""


A = TypeVar("A", bound=BaseModel)


def _for_this(ack: A, field: str, sent: dict[str, Any], what: str) -> A:
    """``ack`` when it is about what was sent. A well-formed answer about another record (a
    platform bug, a key reused by mistake, answers crossed by a middlebox) must not mark
    this one sent: the record would be lost with another's number. None: a platform that
    does not say (contract 1.1 acks carry no local_no)."""
    answered = getattr(ack, field)
    if answered is not None and answered != sent.get(field):
        raise PlatformUnavailable(f"{what}: the answer is about another record ({field} "
                                  "differs); not taken as an acknowledgement", CROSSED_ACK)
    return ack


class PlatformClient:
    def __init__(self, base_url: str, terminal_id: str, timeout_s: float = 15.0,
                 session: requests.Session | None = None, signer: RequestSigner | None = None,
                 ca_bundle: str | None = None, clock: Callable[[], float] = time.time,
                 chunk_size: int = CHUNK_SIZE, proxy: str | None = None,
                 answer_key: Ed25519PublicKey | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.terminal_id = terminal_id
        self.timeout_s = timeout_s
        self.proxy = proxy
        self.session = session or self._new_session()
        # Pinned: only the county's CA is trusted, not the system store. Passed on every
        # request because requests lets REQUESTS_CA_BUNDLE override a session's setting.
        self.verify: str | bool = ca_bundle or True
        self.signer = signer
        self.clock = clock
        self.chunk_size = chunk_size
        # The platform's key when it signs its answers (enrolled with a 1.3 platform):
        # then a 2xx answer to a signed request counts only with a valid signature.
        self.answer_key = answer_key
        # Cleared the first time the platform answers that it lacks POST /submissions/inline.
        self.inline = True

    def fork(self) -> PlatformClient:
        """A client for another thread: the same platform, identity and settings, with its
        own connection pool, because a ``requests.Session`` must not be shared between
        threads. (Anything mounted on or patched into this client's session is not
        carried over.)"""
        twin = copy.copy(self)
        twin.session = twin._new_session()
        return twin

    def _new_session(self) -> requests.Session:
        """A session that takes nothing from the environment: the proxy is the configured
        one or none, credentials never come from ~/.netrc, and the CA is pinned per request
        anyway. (Reading the environment also costs requests a scan of every variable on
        every request, a fifth of a millisecond here.)"""
        session = requests.Session()
        session.trust_env = False
        if self.proxy:
            session.proxies = {"http": self.proxy, "https": self.proxy}
        return session

    # Transport ------------------------------------------------------------------------

    def _request(self, method: str, path: str, *, body: bytes = b"",
                 query: Sequence[tuple[str, str]] = (), headers: dict[str, str] | None = None,
                 signed: bool = True, ctype: str = "application/json") -> requests.Response:
        target = f"{API_PREFIX}{path}" + (f"?{urlencode(query)}" if query else "")
        hdrs = dict(headers or {})
        if body or method in ("POST", "PUT"):
            hdrs["Content-Type"] = ctype
        if signed:
            if self.signer is None:
                raise PlatformAuthFailed("missing_signature_headers",
                                         "this terminal has no key yet")
            hdrs.update(self.signer.headers(method, target, body, self.clock()))
        what = f"{method} {path}"
        try:
            resp = self.session.request(method, self.base_url + target, data=body or None,
                                        headers=hdrs, timeout=self.timeout_s,
                                        verify=self.verify, allow_redirects=False,
                                        stream=True)
            self._take_body(resp, what)
            if signed and self.answer_key is not None and 200 <= resp.status_code < 300:
                self._check_answer(resp, hdrs[NONCE_HEADER], what)
        except requests.exceptions.SSLError as exc:
            raise PlatformUnavailable(f"{what}: TLS verification failed (check "
                                      "platform_ca_bundle)") from exc
        except requests.RequestException as exc:
            raise PlatformUnavailable(f"{what}: {type(exc).__name__}") from exc
        except OSError as exc:  # e.g. the pinned CA file vanished or became unreadable
            hint = " (check platform_ca_bundle)" if "certificate" in str(exc).lower() else ""
            raise PlatformUnavailable(f"{what}: {type(exc).__name__}: {exc}{hint}") from exc
        if 300 <= resp.status_code < 400:
            # Never followed: a 307/308 would re-send a resident's data to wherever it
            # points, and on a village 4G line that is usually a captive portal.
            # Scheme and host only (a portal's query string may carry the SIM's number);
            # enough to see "http://county → https://county" and fix platform_url.
            raise PlatformUnavailable(
                f"{what}: HTTP {resp.status_code} redirect to "
                f"{_origin(resp.headers.get('Location', ''))} (captive portal of "
                "a SIM out of credit or wanting a web login, or a wrong platform URL); "
                "nothing was sent there", REDIRECTED)
        if resp.status_code >= 500 or resp.status_code in (408, 425, 429):
            wait = retry_after_s(resp.headers.get("Retry-After", ""), self.clock())
            raise PlatformUnavailable(
                f"{what}: HTTP {resp.status_code}"
                + (f" (the platform asks to retry after {wait:.0f} s)" if wait else ""),
                PLATFORM_BUSY if wait else "", retry_after_s=wait)
        if resp.status_code == 401:
            code, detail = _error_code(resp)
            raise PlatformAuthFailed(code or "unauthorised", detail)
        return resp

    def _take_body(self, resp: requests.Response, what: str) -> None:
        """Reads the answer within bounds. ``timeout`` bounds each socket read, not the
        whole answer: an endpoint dripping a byte every few seconds (a broken proxy, a
        captive portal's endless page) would hold the drain for ever, and an endless or
        huge body (after decompression) would fill the terminal's memory. Past a grace of
        twice the timeout the body must keep coming at MIN_ANSWER_RATE on average."""
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_ANSWER_BYTES:
            resp.close()
            raise PlatformUnavailable(f"{what}: answer of {int(declared)} bytes is over "
                                      f"{MAX_ANSWER_BYTES} bytes; not read")
        start = time.monotonic()
        parts: list[bytes] = []
        got = 0
        try:
            while chunk := resp.raw.read1(64 * 1024, decode_content=True):
                # read1: what one socket read brought, so a drip cannot hold us inside
                # one call.
                got += len(chunk)
                if got > MAX_ANSWER_BYTES:
                    raise PlatformUnavailable(f"{what}: answer is over {MAX_ANSWER_BYTES} "
                                              "bytes; not read")
                if time.monotonic() - start > 2 * self.timeout_s + got / MIN_ANSWER_RATE:
                    raise PlatformUnavailable(f"{what}: answer trickles in too slowly "
                                              f"({got} bytes so far); not read")
                parts.append(chunk)
        except urllib3.exceptions.HTTPError as exc:  # timeouts, resets, bad chunking
            resp.close()
            raise PlatformUnavailable(f"{what}: {type(exc).__name__} reading the answer"
                                      ) from exc
        except BaseException:
            resp.close()  # the connection is in an unknown state: never reuse it
            raise
        resp._content = b"".join(parts)
        resp.raw.release_conn()  # back to the pool for the next request (keep-alive)

    def _check_answer(self, resp: requests.Response, nonce: str, what: str) -> None:
        assert self.answer_key is not None
        try:
            verify(self.answer_key, answer_message(self.terminal_id, nonce, resp.status_code,
                                                   resp.content),
                   resp.headers.get(ANSWER_SIGNATURE_HEADER, ""))
        except SignatureInvalid as exc:
            raise PlatformUnavailable(
                f"{what}: the answer is not signed by the platform's key (tampered with on "
                "the way, meant for another request, or the platform was re-keyed); not "
                "taken as an answer", UNSIGNED_ANSWER) from exc

    def _expect(self, resp: requests.Response, model: type[M], what: str) -> M:
        if 400 <= resp.status_code < 500:
            code, detail = _error_code(resp)
            raise PlatformRejected(f"{what}: HTTP {resp.status_code} {code}: {detail}", code)
        if resp.status_code not in (200, 201):
            raise PlatformUnavailable(f"{what}: unexpected HTTP {resp.status_code}")
        try:
            data = resp.json()
        except ValueError as exc:
            raise PlatformUnavailable(f"{what}: answer is not JSON", BAD_ANSWER) from exc
        if isinstance(data, dict) and "error" in data:
            raise PlatformUnavailable(f"{what}: HTTP {resp.status_code} with an error body")
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            # Where and which rule, never the value: an answer may echo personal data.
            first = exc.errors(include_input=False, include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise PlatformUnavailable(f"{what}: answer does not match the contract "
                                      f"({exc.error_count()} errors; {where}: "
                                      f"{scrub(first['msg'], 120)})", BAD_ANSWER) from exc

    def _write(self, path: str, payload: dict[str, Any], key: str, model: type[M]) -> M:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        resp = self._request("POST", path, body=body, headers={IDEMPOTENCY_HEADER: key})
        return self._expect(resp, model, f"POST {path}")

    def _read(self, path: str, model: type[M], query: Sequence[tuple[str, str]] = ()) -> M:
        return self._expect(self._request("GET", path, query=query), model, f"GET {path}")

    # Enrolment ------------------------------------------------------------------------

    def enrol(self, code: str, region_code: str, key: Any) -> EnrolmentOut:
        """Registers ``key`` (an Ed25519 private key; only its public half leaves)."""
        pub = public_key_b64(key)
        proof = sign(key, enrolment_message(self.terminal_id, region_code, code, pub))
        body = json.dumps({"terminal_id": self.terminal_id, "region_code": region_code,
                           "public_key": pub, "code": code, "proof": proof}).encode()
        resp = self._request("POST", "/enrolments", body=body, signed=False,
                             headers={IDEMPOTENCY_HEADER: f"enrol-{uuid.uuid4()}"})
        return self._expect(resp, EnrolmentOut, "POST /enrolments")

    # Attachments ----------------------------------------------------------------------

    def upload_state(self, upload_id: str) -> UploadState | None:
        resp = self._request("GET", f"/uploads/{upload_id}")
        if resp.status_code == 404:
            return None
        return self._expect(resp, UploadState, "GET /uploads")

    def put_chunk(self, upload_id: str, data: bytes, offset: int, size: int,
                  sha256: str) -> UploadState:
        headers = {IDEMPOTENCY_HEADER: f"{upload_id}@{offset}", "Upload-Length": str(size),
                   "Upload-SHA256": sha256}
        resp = self._request("PUT", f"/uploads/{upload_id}", body=data,
                             query=[("offset", str(offset))], headers=headers,
                             ctype="application/octet-stream")
        code = _error_code(resp)[0] if resp.status_code == 409 else ""
        if code == "offset_mismatch":
            state = self.upload_state(upload_id)
            if state is None:
                raise PlatformUnavailable("upload vanished on the platform; restarting")
            return state
        if code == "hash_mismatch":
            raise PlatformUnavailable("platform found a SHA-256 mismatch (corrupted in "
                                      "transit); the upload restarts")
        return self._expect(resp, UploadState, "PUT /uploads")

    def upload(self, upload_id: str, data: bytes, resume: bool = True,
               on_chunk: Callable[[UploadState], None] | None = None,
               sha256: str | None = None) -> UploadState:
        """Sends ``data`` in chunks; with ``resume`` it first asks where a previous attempt
        stopped and continues from the last acknowledged byte.

        ``sha256`` may be passed when the caller has just checked ``data`` against it (the
        outbox reads attachments through such a check), saving a second pass over the
        bytes; the platform verifies it either way.
        """
        sha = sha256 or hashlib.sha256(data).hexdigest()
        state = self.upload_state(upload_id) if resume else None
        offset = 0 if state is None else state.received
        if state is not None and state.complete:
            return state
        while True:
            chunk = data[offset:offset + self.chunk_size]
            state = self.put_chunk(upload_id, chunk, offset, len(data), sha)
            if on_chunk is not None:
                on_chunk(state)
            if state.complete:
                return state
            if state.received <= offset and chunk:
                raise PlatformUnavailable("upload made no progress; retry later")
            offset = state.received

    def fits_inline(self, size: int) -> bool:
        """Whether an attachment may ride inside its submission: at most one chunk, so it
        would have had no resume point to lose."""
        return self.inline and size <= min(self.chunk_size, INLINE_MAX_BYTES)

    # Writes ---------------------------------------------------------------------------

    def submit(self, payload: dict[str, Any], idempotency_key: str) -> SubmissionAck:
        ack = self._write("/submissions", payload, idempotency_key, SubmissionAck)
        return _for_this(ack, "local_no", payload, "POST /submissions")

    def submit_inline(self, payload: dict[str, Any], files: Sequence[tuple[str, bytes]],
                      idempotency_key: str) -> SubmissionAck:
        """Files a case with its small attachments in one multipart request.

        ``files`` pairs each inline attachment's upload id (as named in
        ``payload["attachments"]``) with its bytes. The body is built here, byte for byte,
        so the signature covers exactly what goes on the wire. Raises ``InlineUnsupported``
        when the platform lacks the endpoint.
        """
        doc = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        body, ctype = encode_multipart(doc, files)
        resp = self._request("POST", INLINE_PATH, body=body, ctype=ctype,
                             headers={IDEMPOTENCY_HEADER: idempotency_key})
        if resp.status_code in (404, 405):
            self.inline = False
            raise InlineUnsupported(f"POST {INLINE_PATH}: HTTP {resp.status_code}; "
                                    "falling back to chunked uploads", "inline_unsupported")
        if resp.status_code == 409 and _error_code(resp)[0] == "hash_mismatch":
            raise PlatformUnavailable("platform found a SHA-256 mismatch in an inline "
                                      "attachment (corrupted in transit); retry later")
        ack = self._expect(resp, SubmissionAck, f"POST {INLINE_PATH}")
        return _for_this(ack, "local_no", payload, f"POST {INLINE_PATH}")

    def rate(self, payload: dict[str, Any], idempotency_key: str) -> RatingAck:
        ack = self._write("/ratings", payload, idempotency_key, RatingAck)
        return _for_this(ack, "rating_id", payload, "POST /ratings")

    def audit(self, events: list[dict[str, Any]], idempotency_key: str) -> AuditAck:
        ack = self._write("/audit-events", {"events": events}, idempotency_key, AuditAck)
        last = {"last_seq": max((e.get("seq", 0) for e in events), default=0)}
        return _for_this(ack, "last_seq", last, "POST /audit-events")

    def heartbeat(self, hb: HeartbeatIn) -> HeartbeatAck:
        return self._write("/heartbeats", hb.model_dump(), f"hb-{uuid.uuid4()}", HeartbeatAck)

    # Reads ----------------------------------------------------------------------------

    def status(self, platform_no: str) -> CaseStatus:
        return self._read(f"/submissions/{platform_no}/status", CaseStatus)

    def statuses(self, platform_nos: Sequence[str]) -> list[CaseStatus]:
        return self._read("/statuses", StatusList,
                          [("platform_no", n) for n in platform_nos]).statuses

    def document(self, kind: str) -> SignedDocument:
        return self._read(f"/{kind}", SignedDocument)

    def health(self) -> bool:
        try:
            resp = self._request("GET", "/health", signed=False)
            self._expect(resp, _Health, "GET /health")
        except PlatformError:
            return False
        return True


def encode_multipart(submission: bytes, files: Sequence[tuple[str, bytes]]
                     ) -> tuple[bytes, str]:
    """The ``multipart/form-data`` body of an inline submission and its content type.

    Parts: ``submission`` (the JSON), then one ``attachment`` per file with the upload id
    as its filename (upload ids are ``[A-Za-z0-9._-]``, safe inside the quotes). The
    boundary is random and checked against every part, as RFC 2046 requires.
    """
    while True:
        boundary = secrets.token_hex(16).encode()
        if boundary not in submission and not any(boundary in data for _, data in files):
            break
    dash = b"--" + boundary
    out = [dash, b'\r\nContent-Disposition: form-data; name="submission"\r\n'
                 b"Content-Type: application/json\r\n\r\n", submission, b"\r\n"]
    for upload_id, data in files:
        out += [dash, b'\r\nContent-Disposition: form-data; name="attachment"; filename="',
                upload_id.encode("ascii"), b'"\r\nContent-Type: application/octet-stream'
                b"\r\n\r\n", data, b"\r\n"]
    out += [dash, b"--\r\n"]
    return b"".join(out), f"multipart/form-data; boundary={boundary.decode()}"


class _Health(BaseModel):
    status: str
