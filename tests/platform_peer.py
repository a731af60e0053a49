"""How tests act as county staff on a reference platform: one admin account, its token.

The platform's ``/api/v1/admin`` routes need a signed-in staff member; tests create
``test-admin`` (管理员) before they start the platform (in-process, or with
``kiosk platform account add`` for a real process) and sign in once per platform URL.
"""

from __future__ import annotations

from typing import Any

import requests
from argon2 import PasswordHasher

STAFF_NAME = "test-admin"
STAFF_PASSWORD = "test-only password, not a secret"

# For in-process platforms whose tests are about something else: Argon2id still, with
# cheap parameters. Real processes (and the security tests) keep the library's defaults.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

_tokens: dict[str, str] = {}


def login(url: str, name: str = STAFF_NAME, password: str = STAFF_PASSWORD) -> str:
    """A fresh bearer token for ``name`` at the platform ``url``."""
    resp = requests.post(f"{url}/api/v1/admin/login",
                         json={"name": name, "password": password}, timeout=10)
    resp.raise_for_status()
    return str(resp.json()["token"])


def staff_headers(url: str) -> dict[str, str]:
    """``Authorization`` for the test admin at ``url`` (signed in on first use)."""
    if url not in _tokens:
        _tokens[url] = login(url)
    return {"Authorization": f"Bearer {_tokens[url]}"}


def forget(url: str) -> None:
    """Drops the token of a platform that stopped (its port may serve another one next)."""
    _tokens.pop(url, None)


def admin_call(url: str, method: str, path: str, body: Any = None) -> Any:
    """``method /api/v1/admin{path}`` as the test admin; the JSON answer (raises on 4xx/5xx)."""
    resp = requests.request(method, f"{url}/api/v1/admin{path}", json=body,
                            headers=staff_headers(url), timeout=30)
    if resp.status_code == 401:  # a token from an earlier platform on the same port
        forget(url)
        resp = requests.request(method, f"{url}/api/v1/admin{path}", json=body,
                                headers=staff_headers(url), timeout=30)
    resp.raise_for_status()
    return resp.json()
