"""Ed25519 request and document signatures: pure functions shared by terminal and platform.

A request signature covers method, path (with query), the SHA-256 of the body, a
timestamp and a nonce, so a captured request cannot be replayed, re-targeted at another
endpoint, or given another body. The platform remembers nonces for the skew window and
refuses timestamps outside it; together that makes every signed request single-use.

Documents the platform publishes (catalog, config, holiday calendar) are signed with the
platform's own key, pinned on the terminal at enrolment, so a proxy or a compromised
mirror cannot push a service list or a setting to a village terminal.

Answers to signed requests are signed with that key too (contract 1.3), over the
request's nonce, the status and the body's SHA-256: an acknowledgement forged on a plain
http line, or one meant for another request, would otherwise mark a case sent that the
platform never filed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

TERMINAL_HEADER = "X-Terminal-Id"
TIMESTAMP_HEADER = "X-Timestamp"
NONCE_HEADER = "X-Nonce"
SIGNATURE_HEADER = "X-Signature"
ANSWER_SIGNATURE_HEADER = "X-Answer-Signature"
SKEW_WINDOW_S = 300  # a terminal's clock may drift this far from the platform's


class AuthFailure(StrEnum):
    """Why the platform refused a request's credentials; sent as the error code."""

    MISSING_HEADERS = "missing_signature_headers"
    UNKNOWN_TERMINAL = "unknown_terminal"
    BAD_SIGNATURE = "bad_signature"
    CLOCK_SKEW = "clock_skew"
    REPLAYED_NONCE = "replayed_nonce"


# What a technician reads on the maintenance screen for each code.
AUTH_ADVICE: Mapping[str, str] = {
    AuthFailure.MISSING_HEADERS: "the request was not signed: run `kiosk provision`",
    AuthFailure.UNKNOWN_TERMINAL: "the platform does not know this terminal id: run "
                                  "`kiosk provision` with a new one-time code",
    AuthFailure.BAD_SIGNATURE: "the platform holds another key for this terminal: "
                               "re-provision, or check terminal_id in the config",
    AuthFailure.CLOCK_SKEW: "the terminal clock differs from the platform's by more than "
                            f"{SKEW_WINDOW_S} s: fix NTP / the system time",
    AuthFailure.REPLAYED_NONCE: "the platform saw this request's nonce before: check for "
                                "a proxy replaying traffic",
}


class SignatureInvalid(Exception):
    """A signature or key does not verify; ``code`` says which check failed."""

    def __init__(self, code: AuthFailure, detail: str) -> None:
        super().__init__(f"{code.value}: {detail}")
        self.code = code
        self.detail = detail


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def canonical_request(method: str, path: str, body: bytes, timestamp: int, nonce: str,
                      digest: str | None = None) -> bytes:
    """The exact bytes signed; newline-separated so no field can bleed into the next.

    ``digest`` is ``body_digest(body)`` when the caller has already computed it.
    """
    return "\n".join(["VK1", method.upper(), path, digest or body_digest(body),
                      str(timestamp), nonce]).encode()


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def load_public_key(b64: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(b64, validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise SignatureInvalid(AuthFailure.BAD_SIGNATURE,
                               "public key is not 32 bytes of base64") from exc


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def load_private_key_pem(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("key file does not hold an Ed25519 private key")
    return key


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message)).decode()


def verify(pub: Ed25519PublicKey, message: bytes, signature_b64: str) -> None:
    try:
        pub.verify(base64.b64decode(signature_b64, validate=True), message)
    except (InvalidSignature, binascii.Error, ValueError) as exc:
        raise SignatureInvalid(AuthFailure.BAD_SIGNATURE,
                               "signature does not match the request") from exc


@dataclass(frozen=True)
class RequestSigner:
    """What the terminal holds to sign its requests."""

    terminal_id: str
    key: Ed25519PrivateKey

    def headers(self, method: str, path: str, body: bytes, now: float) -> dict[str, str]:
        ts = int(now)
        nonce = secrets.token_urlsafe(18)
        sig = sign(self.key, canonical_request(method, path, body, ts, nonce))
        return {TERMINAL_HEADER: self.terminal_id, TIMESTAMP_HEADER: str(ts),
                NONCE_HEADER: nonce, SIGNATURE_HEADER: sig}


def check_request(pub: Ed25519PublicKey, method: str, path: str, body: bytes,
                  timestamp: str, nonce: str, signature: str, now: float,
                  window_s: int = SKEW_WINDOW_S, digest: str | None = None) -> int:
    """Verifies skew and signature (not replay: that needs the platform's nonce memory).

    Returns the timestamp so the caller can keep the nonce until it leaves the window.
    ``digest``, when given, must be ``body_digest(body)`` computed by the verifier itself
    (never a value the client sent).
    """
    try:
        ts = int(timestamp)
    except ValueError as exc:
        raise SignatureInvalid(AuthFailure.MISSING_HEADERS,
                               f"{TIMESTAMP_HEADER} must be whole Unix seconds") from exc
    if abs(now - ts) > window_s:
        raise SignatureInvalid(AuthFailure.CLOCK_SKEW,
                               f"timestamp is {int(ts - now):+d} s from platform time; "
                               f"allowed ±{window_s} s")
    if not 8 <= len(nonce) <= 64:
        raise SignatureInvalid(AuthFailure.MISSING_HEADERS, f"{NONCE_HEADER} must be 8-64 chars")
    verify(pub, canonical_request(method, path, body, ts, nonce, digest), signature)
    return ts


def answer_message(terminal_id: str, nonce: str, status: int, body: bytes) -> bytes:
    """What the platform signs in an answer: bound to the one request (its nonce is
    single-use) and to exactly these bytes."""
    return "\n".join(["VKANSWER1", terminal_id, nonce, str(status),
                      hashlib.sha256(body).hexdigest()]).encode()


def document_message(kind: str, version: int, body_json: str) -> bytes:
    return "\n".join(["VKDOC1", kind, str(version), body_json]).encode()


def enrolment_message(terminal_id: str, region_code: str, code: str, public_key: str) -> bytes:
    """Proof that the enrolling party holds the private key it registers."""
    return "\n".join(["VKENROL1", terminal_id, region_code, code, public_key]).encode()
