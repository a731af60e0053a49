"""Fault injection for the reference platform: an ASGI middleware, off by default.

Faults act at the HTTP layer the terminal actually sees — a 5xx before anything is
stored, or a broken answer *after* the platform committed (the lost-acknowledgement
cases that exactly-once delivery must survive): garbage HTML, truncated JSON, a JSON body
of the wrong shape, a 200 whose body is an error, a well-formed answer meant for an earlier
request to the same address (crossed answers), a connection dropped mid-answer, an answer
slower than the client's timeout, or merely slow.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, fields
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

BEFORE = ("unavailable", "html_error")
AFTER = ("garbage", "truncated", "wrong_schema", "error_body", "stale", "reset", "hang",
         "slow")
MIXED = BEFORE + AFTER


@dataclass
class Faults:
    """How the platform misbehaves; all off by default."""

    fail_rate: float = 0.0  # share of requests answered 503 before anything is stored
    garbage_rate: float = 0.0  # share answered 200 with an HTML body, after storing
    stale_rate: float = 0.0  # share answered, after storing, with the address's last answer
    delay_after_commit_s: float = 0.0  # stored, then slow to answer (lost-ack window)
    chaos_rate: float = 0.0  # share hit by one fault drawn evenly from MIXED
    hang_s: float = 30.0  # how long a "hang" fault holds the answer (beyond client timeouts)
    slow_s: float = 0.3  # how long a "slow" fault delays a good answer

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> Faults:
        known = {f.name for f in fields(cls)}
        unknown = set(body) - known
        if unknown:
            raise ValueError(f"unknown fault settings {sorted(unknown)}; known: {sorted(known)}")
        return cls(**{k: float(v) for k, v in body.items()})


_OFF = Faults()


class _Reset(Exception):
    """Raised after a partial answer: the server drops the connection mid-response."""


class _QuietResets(logging.Filter):
    """A deliberate reset is not a server bug: keep it out of uvicorn's error log."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, _Reset)


class FaultMiddleware:
    """Applies ``state.faults`` to the terminal API; admin, health and the contract are exempt."""

    def __init__(self, app: ASGIApp, get: Callable[[], Faults], prefix: str,
                 rng: random.Random | None = None) -> None:
        self.app = app
        self.get = get
        self.prefix = prefix
        self.rng = rng or random.Random()
        # The last good answer per method and path, for "stale" (another record's ack).
        self._last: dict[tuple[str, str], tuple[int, list[tuple[bytes, bytes]], bytes]] = {}
        uvicorn_log = logging.getLogger("uvicorn.error")
        if not any(isinstance(f, _QuietResets) for f in uvicorn_log.filters):
            uvicorn_log.addFilter(_QuietResets())

    def _exempt(self, path: str) -> bool:
        return (not path.startswith(self.prefix) or path.startswith(self.prefix + "/admin")
                or path == self.prefix + "/health")

    def _pick(self, f: Faults) -> str | None:
        r = self.rng.random
        if f.fail_rate and r() < f.fail_rate:
            return "unavailable"
        if f.chaos_rate and r() < f.chaos_rate:
            return self.rng.choice(MIXED)
        if f.garbage_rate and r() < f.garbage_rate:
            return "garbage"
        if f.stale_rate and r() < f.stale_rate:
            return "stale"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._exempt(scope["path"]):
            await self.app(scope, receive, send)
            return
        f = self.get()
        if f == _OFF:  # the usual case: no capture, no re-send
            await self.app(scope, receive, send)
            return
        fault = self._pick(f)
        if fault in BEFORE:
            if fault == "unavailable":
                await _answer(send, 503, b"service unavailable", "text/plain")
            else:
                await _answer(send, 502, b"<html><body><h1>502 Bad Gateway</h1></body></html>",
                              "text/html")
            return
        status = 500
        body = b""
        headers: list[tuple[bytes, bytes]] = []

        async def capture(message: Message) -> None:
            nonlocal status, body, headers
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                body += message.get("body", b"")

        await self.app(scope, receive, capture)
        if f.delay_after_commit_s:
            await asyncio.sleep(f.delay_after_commit_s)
        where = (scope["method"], scope["path"])
        earlier = self._last.get(where)
        if 200 <= status < 300:
            self._last[where] = (status, headers, body)
        if fault is None:
            await _raw(send, status, headers, body)
        elif fault == "stale":  # the first request to an address has nothing to cross with
            await _raw(send, *(earlier or (status, headers, body)))
        elif fault == "garbage":
            await _answer(send, 200, b"<html><body>502 Bad Gateway</body></html>", "text/html")
        elif fault == "truncated":
            await _answer(send, 200, body[: max(1, len(body) // 2)], "application/json")
        elif fault == "wrong_schema":
            await _answer(send, 200, b'{"ok": true, "items": []}', "application/json")
        elif fault == "error_body":
            await _answer(send, 200, json.dumps({"error": "internal", "detail": "db busy"})
                          .encode(), "application/json")
        elif fault == "reset":
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body) + 64).encode())]})
            await send({"type": "http.response.body", "body": body[: len(body) // 2],
                        "more_body": True})
            raise _Reset("fault injection: connection dropped mid-answer")
        elif fault == "hang":
            await asyncio.sleep(f.hang_s)
            await _raw(send, status, headers, body)
        else:  # slow
            await asyncio.sleep(f.slow_s)
            await _raw(send, status, headers, body)


async def _answer(send: Send, status: int, body: bytes, ctype: str) -> None:
    await _raw(send, status, [(b"content-type", ctype.encode())], body)


async def _raw(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
