"""The nesting scanner of the platform's body limits, on bodies split anywhere."""

from __future__ import annotations

import json

import pytest

from sync.platform.limits import DepthScanner, body_limit
from sync.protocol import CHUNK_SIZE, INLINE_MAX_BODY


def depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


TRICKY = [
    {"a": "[[[{{{", "b": ["\\\"[", {"c": "\\\\"}], "d": '"}]'},
    [[[[["x"]]]], {"k": [[], {}]}],
    {"esc": "\\\\\\\"[[[", "deep": [[[[[[[[1]]]]]]]]},
]


@pytest.mark.parametrize("doc", TRICKY)
def test_the_scanner_follows_nesting_across_any_split(doc: object) -> None:
    body = json.dumps(doc).encode()
    want = depth(doc)
    for limit in (want - 1, want):
        for cut in range(len(body) + 1):
            s = DepthScanner(limit)
            ok = s.feed(body[:cut]) and s.feed(body[cut:])
            assert ok == (want <= limit), (limit, cut)


def test_limits_per_route() -> None:
    assert body_limit("PUT", "/api/v1/uploads/abc12345") == (CHUNK_SIZE, True)
    assert body_limit("POST", "/api/v1/submissions/inline") == (INLINE_MAX_BODY, True)
    assert body_limit("POST", "/api/v1/heartbeats") == (64 * 1024, False)
    assert body_limit("GET", "/api/v1/uploads/abc12345") == (64 * 1024, False)
