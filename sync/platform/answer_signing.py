"""Signs the platform's answers to signed terminal requests (contract 1.3).

An ASGI middleware inside the fault injector: a fault that garbles or swaps an answer on
the wire therefore breaks its signature, as a tampering middlebox would. Only answers to
requests carrying a terminal id and a nonce are signed (enrolment and the admin API have
no nonce to bind to); they are small JSON bodies, buffered whole.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.signing import (
    ANSWER_SIGNATURE_HEADER,
    NONCE_HEADER,
    TERMINAL_HEADER,
    answer_message,
    sign,
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_TERMINAL = TERMINAL_HEADER.lower().encode()
_NONCE = NONCE_HEADER.lower().encode()
_SIGNATURE = ANSWER_SIGNATURE_HEADER.lower().encode()


class AnswerSigner:
    def __init__(self, app: ASGIApp, key: Ed25519PrivateKey, prefix: str) -> None:
        self.app = app
        self.key = key
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        terminal, nonce = headers.get(_TERMINAL), headers.get(_NONCE)
        if not terminal or not nonce:
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        parts: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            parts.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            assert start is not None
            body = b"".join(parts)
            signature = sign(self.key, answer_message(
                terminal.decode("latin-1"), nonce.decode("latin-1"), int(start["status"]),
                body))
            out = [(k, v) for k, v in start.get("headers", [])
                   if k.lower() not in (_SIGNATURE, b"content-length")]
            out += [(_SIGNATURE, signature.encode()),
                    (b"content-length", str(len(body)).encode())]
            await send({**start, "headers": out})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)
