"""The platform is reached through the configured proxy, and only through it: the service's
environment (HTTP_PROXY and friends) must not silently reroute a terminal."""

from __future__ import annotations

import http.server
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace

import pytest

from kiosk.config import Config
from kiosk.provision import platform_client
from sync.client import PlatformUnavailable
from sync.platform.server import ThreadedPlatform
from sync.protocol import HeartbeatIn


class _ForwardingProxy(http.server.ThreadingHTTPServer):
    """A minimal HTTP forward proxy that records the absolute URLs it was asked for."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        super().__init__(("127.0.0.1", 0), _ProxyHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    server: _ForwardingProxy

    def _forward(self) -> None:
        self.server.seen.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("proxy-connection", "connection", "host")}
        req = urllib.request.Request(self.path, data=body, method=self.command,
                                     headers=headers)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(req, timeout=10) as resp:
                status, data, answer = resp.status, resp.read(), resp.headers
        except urllib.error.HTTPError as exc:
            status, data, answer = exc.code, exc.read(), exc.headers
        self.send_response(status)
        for name, value in answer.items():  # end-to-end headers pass, as through squid
            if name.lower() not in ("connection", "keep-alive", "transfer-encoding",
                                    "content-length", "date", "server"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = _forward

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def proxy() -> Iterator[_ForwardingProxy]:
    server = _ForwardingProxy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _closed_port_url() -> str:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_requests_go_through_the_configured_proxy(ecfg: Config, platform: ThreadedPlatform,
                                                  proxy: _ForwardingProxy) -> None:
    client = platform_client(replace(ecfg, platform_proxy=proxy.url))
    assert client.health()
    client.heartbeat(_heartbeat(ecfg))  # a signed write, forwarded byte for byte
    assert proxy.seen[0] == f"{platform.url}/api/v1/health"
    assert any(p.endswith("/api/v1/heartbeats") for p in proxy.seen)


def test_a_dead_configured_proxy_is_an_outage_not_a_bypass(ecfg: Config) -> None:
    client = platform_client(replace(ecfg, platform_proxy=_closed_port_url()))
    assert not client.health()
    with pytest.raises(PlatformUnavailable):
        client.heartbeat(_heartbeat(ecfg))


def test_proxy_variables_in_the_environment_are_ignored(ecfg: Config,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dead = _closed_port_url()
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, dead)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    client = platform_client(ecfg)
    assert client.health()
    assert client.heartbeat(_heartbeat(ecfg)) is not None


def _heartbeat(cfg: Config) -> HeartbeatIn:
    return HeartbeatIn(at="2026-11-26T08:00:00+08:00", queue_depth=0, parked=0,
                       software="test")
