"""Reference county platform (FastAPI + its own SQLite).

It implements the terminal contract faithfully, including idempotency: a submission whose
Idempotency-Key was seen before returns the first answer and creates nothing. It can be
told to misbehave (``Faults``) so the terminal's retry paths are tested against a real
server process rather than a mock.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import sqlite3
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from sync.protocol import (
    API_PREFIX,
    CaseStatus,
    SubmissionAck,
    SubmissionIn,
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    platform_no TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    terminal_id TEXT NOT NULL,
    local_no TEXT NOT NULL,
    status TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


@dataclass
class Faults:
    """How the platform misbehaves; all off by default."""

    fail_rate: float = 0.0  # share of writes answered 503 before anything is stored
    garbage_rate: float = 0.0  # share of writes answered 200 with an HTML body, after storing
    delay_after_commit_s: float = 0.0  # stored, then slow to answer (lost-ack window)


class PlatformDB:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def record(self, key: str, sub: SubmissionIn) -> tuple[SubmissionAck, bool]:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._lock:
            row = self._conn.execute(
                "SELECT platform_no, received_at FROM submissions WHERE idempotency_key=?",
                (key,)).fetchone()
            if row is not None:
                return SubmissionAck(platform_no=row[0], received_at=row[1], duplicate=True), True
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute(
                    "INSERT INTO counters VALUES ('case', 1) "
                    "ON CONFLICT(name) DO UPDATE SET value = value + 1")
                seq = self._conn.execute(
                    "SELECT value FROM counters WHERE name='case'").fetchone()[0]
                # 办件编号: county (first 6 of the region code) + date + sequence.
                day = dt.date.today().strftime("%Y%m%d")
                platform_no = f"{sub.region_code[:6]}{day}{seq:06d}"
                self._conn.execute(
                    "INSERT INTO submissions VALUES (?,?,?,?,?,?,?,?)",
                    (platform_no, key, sub.terminal_id, sub.local_no, "accepted",
                     sub.model_dump_json(), now, now))
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return SubmissionAck(platform_no=platform_no, received_at=now), False

    def status(self, platform_no: str) -> CaseStatus | None:
        row = self._conn.execute(
            "SELECT platform_no, status, updated_at FROM submissions WHERE platform_no=?",
            (platform_no,)).fetchone()
        if row is None:
            return None
        return CaseStatus(platform_no=row[0], status=row[1], updated_at=row[2])

    def submissions(self) -> list[dict[str, Any]]:
        rows = self._conn.execute(
            "SELECT platform_no, idempotency_key, terminal_id, local_no, status, payload "
            "FROM submissions ORDER BY platform_no").fetchall()
        return [
            {"platform_no": r[0], "idempotency_key": r[1], "terminal_id": r[2],
             "local_no": r[3], "status": r[4], "payload": json.loads(r[5])}
            for r in rows
        ]


def create_app(db_path: Path, faults: Faults | None = None) -> FastAPI:
    app = FastAPI(title="village-kiosk reference county platform", version="1")
    db = PlatformDB(db_path)
    state = {"faults": faults or Faults()}
    rng = random.Random()

    @app.get(f"{API_PREFIX}/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post(f"{API_PREFIX}/submissions", response_model=SubmissionAck)
    async def submit(
        sub: SubmissionIn,
        idempotency_key: Annotated[str, Header(min_length=8, max_length=128)],
        x_terminal_id: Annotated[str, Header()],
    ) -> Response:
        f: Faults = state["faults"]
        if x_terminal_id != sub.terminal_id:
            raise HTTPException(400, "X-Terminal-Id does not match the submission")
        if f.fail_rate and rng.random() < f.fail_rate:
            return PlainTextResponse("service unavailable", status_code=503)
        ack, duplicate = await asyncio.to_thread(db.record, idempotency_key, sub)
        if f.delay_after_commit_s:
            await asyncio.sleep(f.delay_after_commit_s)
        if f.garbage_rate and rng.random() < f.garbage_rate:
            return PlainTextResponse("<html><body>502 Bad Gateway</body></html>",
                                     status_code=200, media_type="text/html")
        return JSONResponse(ack.model_dump(), status_code=200 if duplicate else 201)

    @app.get(f"{API_PREFIX}/submissions/{{platform_no}}/status", response_model=CaseStatus)
    def status(platform_no: str) -> CaseStatus:
        st = db.status(platform_no)
        if st is None:
            raise HTTPException(404, "no such case")
        return st

    # Test/operator endpoints: only the reference platform has these.
    @app.get(f"{API_PREFIX}/admin/submissions")
    def list_submissions() -> list[dict[str, Any]]:
        return db.submissions()

    @app.put(f"{API_PREFIX}/admin/faults")
    async def set_faults(request: Request) -> dict[str, Any]:
        body = await request.json()
        state["faults"] = Faults(**body)
        return asdict(state["faults"])

    return app


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8765,
          faults: Faults | None = None) -> None:
    import uvicorn

    uvicorn.run(create_app(db_path, faults), host=host, port=port, log_level="warning",
                timeout_graceful_shutdown=2)


class ThreadedPlatform:
    """The platform in a background thread of this process: the demo's embedded server."""

    def __init__(self, db_path: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        import socket

        import uvicorn

        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self.host, self.port = self._sock.getsockname()[:2]
        config = uvicorn.Config(create_app(db_path), log_level="warning",
                                timeout_graceful_shutdown=2)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run,
                                        kwargs={"sockets": [self._sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> ThreadedPlatform:
        self._thread.start()
        import time

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
