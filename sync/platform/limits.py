"""Request bounds enforced before a body is read: size per route and JSON nesting depth.

A pure ASGI middleware, outermost in the app: a body longer than its route's limit is
answered 413 from its Content-Length alone, or, when it streams in, as soon as the limit
is passed; either way the rest is never read (the answer says ``Connection: close``, and
the server drops the connection instead of draining it). So a 50 MB body to an
unauthenticated endpoint costs the platform the bytes up to the limit, not 50 MB of
memory per request. JSON bodies are scanned for nesting depth as they arrive, so a
deeply nested document is refused before any parser recurses into it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from sync.protocol import API_PREFIX, CHUNK_SIZE, INLINE_MAX_BODY, INLINE_MAX_JSON, INLINE_PATH

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

JSON_MAX_BODY = 64 * 1024  # enrolments, heartbeats, ratings, logins, admin requests
AUDIT_MAX_BODY = INLINE_MAX_JSON  # up to 200 events a batch, each with its detail
DOCUMENT_MAX_BODY = 4 * 1024 * 1024  # a published catalog (today ~75 KB)
TEST_SINK_MAX_BODY = 16 * 1024 * 1024  # test mode's benchmark baselines (sink, store)
MAX_JSON_DEPTH = 32  # the contract's deepest record nests 6 levels

# (method, path regex, limit, binary): first match wins; anything else takes JSON of at
# most JSON_MAX_BODY. Binary bodies (upload chunks, multipart, the benchmark's blobs) are
# not scanned for nesting, whatever their content type says.
_P = re.escape(API_PREFIX)
ROUTE_LIMITS: tuple[tuple[str, re.Pattern[str], int, bool], ...] = (
    ("PUT", re.compile(rf"^{_P}/uploads/[^/]+$"), CHUNK_SIZE, True),
    ("POST", re.compile(rf"^{_P}{re.escape(INLINE_PATH)}$"), INLINE_MAX_BODY, True),
    ("POST", re.compile(rf"^{_P}/submissions$"), INLINE_MAX_JSON, False),
    ("POST", re.compile(rf"^{_P}/audit-events$"), AUDIT_MAX_BODY, False),
    ("POST", re.compile(rf"^{_P}/admin/documents/[^/]+(/raw)?$"), DOCUMENT_MAX_BODY, False),
    ("POST", re.compile(rf"^{_P}/admin/(sink|store)$"), TEST_SINK_MAX_BODY, True),
)


def body_limit(method: str, path: str) -> tuple[int, bool]:
    """The route's byte limit, and whether its body is binary (not scanned as JSON)."""
    for m, pattern, limit, binary in ROUTE_LIMITS:
        if m == method and pattern.match(path):
            return limit, binary
    return JSON_MAX_BODY, False


_JSON_TOKENS = re.compile(rb'[\[\]{}"\\]')


@dataclass
class DepthScanner:
    """Follows JSON nesting across the pieces of a streamed body, without parsing it:
    brackets count only outside strings, and an escaped quote does not end a string."""

    limit: int
    depth: int = 0
    in_string: bool = False
    escaped_at: int = -1  # absolute offset of the byte a backslash escapes
    offset: int = 0

    def feed(self, data: bytes) -> bool:
        """False as soon as the nesting passes ``limit``."""
        for m in _JSON_TOKENS.finditer(data):
            at = self.offset + m.start()
            if at == self.escaped_at:
                continue
            ch = m.group()
            if self.in_string:
                if ch == b"\\":
                    self.escaped_at = at + 1
                elif ch == b'"':
                    self.in_string = False
            elif ch == b'"':
                self.in_string = True
            elif ch in (b"[", b"{"):
                self.depth += 1
                if self.depth > self.limit:
                    return False
            elif ch in (b"]", b"}"):
                self.depth -= 1
        self.offset += len(data)
        return True


class _Refused(Exception):
    """Raised to the app from ``receive`` once the body broke a bound."""


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            ctype = value.split(b";", 1)[0].strip().lower()
            return bool(ctype == b"application/json" or ctype.endswith(b"+json"))
    return True  # FastAPI parses a body without a content type as JSON


async def answer(send: Send, status: int, code: str, detail: str) -> None:
    body = json.dumps({"error": code, "detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimits:
    def __init__(self, app: ASGIApp, max_depth: int = MAX_JSON_DEPTH) -> None:
        self.app = app
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, binary = body_limit(scope["method"], scope["path"])
        declared = [v for k, v in scope.get("headers", []) if k == b"content-length"]
        if declared:
            text = declared[0].decode("latin-1").strip()
            if len(declared) > 1 or not (text.isascii() and text.isdigit()):
                await answer(send, 400, "bad_content_length",
                             "Content-Length must be one decimal number")
                return
            if int(text) > limit:
                await answer(send, 413, "body_too_large", f"this endpoint takes at most "
                             f"{limit} bytes; the request declares {int(text)}")
                return
        scanner = DepthScanner(self.max_depth) if not binary and _is_json(scope) else None
        refusal: tuple[int, str, str] | None = None
        started = False
        received = 0

        async def bounded_receive() -> Message:
            nonlocal refusal, received
            if refusal is not None:
                raise _Refused(refusal[1])
            message = await receive()
            if message["type"] == "http.request":
                chunk = message.get("body", b"")
                received += len(chunk)
                if received > limit:
                    refusal = (413, "body_too_large",
                               f"this endpoint takes at most {limit} bytes")
                elif scanner is not None and not scanner.feed(chunk):
                    refusal = (400, "json_too_deep",
                               f"JSON nesting deeper than {self.max_depth} levels")
                if refusal is not None:
                    raise _Refused(refusal[1])
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refusal is not None:  # whatever the app made of the cut body: our answer
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await answer(send, *refusal)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, bounded_receive, guarded_send)
        except _Refused:
            if not started and refusal is not None:
                await answer(send, *refusal)
        except Exception:
            if refusal is None:
                raise
            if not started:
                await answer(send, *refusal)
