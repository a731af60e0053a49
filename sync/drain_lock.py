"""One drain at a time per terminal, across processes.

The kiosk service's worker and a technician's ``kiosk sync --once`` open the same outbox.
Both would be correct together (idempotency keys make the platform file each case once),
but every picture would cross a metered 4G link twice. An advisory ``flock`` on a file
beside the database lets only one drain run; the kernel drops it when its holder dies, so
a SIGKILLed drainer never leaves the queue locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path


class DrainLock:
    def __init__(self, path: Path) -> None:
        self.path = path

    @contextlib.contextmanager
    def hold(self, wait_s: float = 0.0) -> Iterator[bool]:
        """Yields True while this drain holds the lock, False when another held it for
        all of ``wait_s``. Each call opens the file anew, so two threads of one process
        exclude each other as two processes do."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + wait_s
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        yield False
                        return
                    time.sleep(0.05)
            try:
                yield True
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
