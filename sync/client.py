"""HTTP client for the county platform.

Every failure is sorted into one of two kinds the outbox acts on: *transient* (network,
5xx, garbage that might be a proxy's error page) → retry later; *rejected* (the platform
understood and refused, 4xx) → park for a technician. Nothing but a well-formed ack
counts as sent.
"""

from __future__ import annotations

from typing import Any

import requests
from pydantic import ValidationError

from sync.protocol import (
    API_PREFIX,
    IDEMPOTENCY_HEADER,
    TERMINAL_HEADER,
    CaseStatus,
    SubmissionAck,
)


class PlatformError(Exception):
    """Base: the request did not produce an acknowledgement."""


class PlatformUnavailable(PlatformError):
    """Transient: retry with backoff."""


class PlatformRejected(PlatformError):
    """Permanent for this payload: retrying the same bytes will not help."""


class PlatformClient:
    def __init__(self, base_url: str, terminal_id: str, timeout_s: float = 15.0,
                 session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.terminal_id = terminal_id
        self.timeout_s = timeout_s
        self.session = session or requests.Session()

    def _post(self, path: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        url = f"{self.base_url}{API_PREFIX}{path}"
        headers = {IDEMPOTENCY_HEADER: key, TERMINAL_HEADER: self.terminal_id}
        try:
            resp = self.session.post(url, json=body, headers=headers, timeout=self.timeout_s)
        except requests.RequestException as exc:
            raise PlatformUnavailable(f"POST {path}: {type(exc).__name__}") from exc
        return self._json(resp, f"POST {path}")

    def _get(self, path: str) -> dict[str, Any]:
        url = f"{self.base_url}{API_PREFIX}{path}"
        try:
            resp = self.session.get(url, headers={TERMINAL_HEADER: self.terminal_id},
                                    timeout=self.timeout_s)
        except requests.RequestException as exc:
            raise PlatformUnavailable(f"GET {path}: {type(exc).__name__}") from exc
        return self._json(resp, f"GET {path}")

    @staticmethod
    def _json(resp: requests.Response, what: str) -> dict[str, Any]:
        if resp.status_code >= 500 or resp.status_code in (408, 425, 429):
            raise PlatformUnavailable(f"{what}: HTTP {resp.status_code}")
        if 400 <= resp.status_code < 500:
            raise PlatformRejected(f"{what}: HTTP {resp.status_code}: {resp.text[:200]}")
        try:
            data = resp.json()
        except ValueError as exc:
            raise PlatformUnavailable(f"{what}: answer is not JSON") from exc
        if not isinstance(data, dict):
            raise PlatformUnavailable(f"{what}: answer is not a JSON object")
        return data

    def submit(self, payload: dict[str, Any], idempotency_key: str) -> SubmissionAck:
        data = self._post("/submissions", payload, idempotency_key)
        try:
            return SubmissionAck.model_validate(data)
        except ValidationError as exc:
            raise PlatformUnavailable(f"submission ack malformed: {exc.error_count()} errors") \
                from exc

    def status(self, platform_no: str) -> CaseStatus:
        data = self._get(f"/submissions/{platform_no}/status")
        try:
            return CaseStatus.model_validate(data)
        except ValidationError as exc:
            raise PlatformUnavailable("status answer malformed") from exc

    def health(self) -> bool:
        try:
            self._get("/health")
        except PlatformError:
            return False
        return True
