"""ID card read: time from a card placed on the reader to the parsed record, through the
sam-serial driver (pyserial, session, frame parser, text-block parser) and the SAM
simulator on a pty at real UART pace (115200 8N1), against the bare frame exchange — the
same four frames written and their answers read back with raw pyserial, nothing parsed —
on the same simulator in the same run.

Two module profiles: ``wire`` (the module answers at once: only the bytes' time on the
line, the driver's overhead at its most visible) and ``realistic`` (per-command module and
card times, a full read about 0.6 s).
"""

from __future__ import annotations

import statistics
import time

import serial

from devices.idcard.frames import Command, build_command
from devices.idcard.reader import CardRead, NoCard
from devices.idcard.uri import open_reader
from tests.devices.idcard.simulator import (
    INSTANT,
    REALISTIC,
    PtySimulator,
    SamModule,
    SimCard,
    Timing,
)
from tests.devices.idcard.simulator import sample_card as _sample_card

# Request and the size of its answer: find 9F (15), select 90 (19), read (1295), no
# appended address 91 (11).
EXCHANGE = ((Command.FIND_CARD, 15), (Command.SELECT_CARD, 19), (Command.READ_BASE, 1295),
            (Command.READ_APPENDED, 11))


def _driver_reads(sim: PtySimulator, module: SamModule, card: SimCard, n: int) -> list[float]:
    reader = open_reader(f"sam-serial:{sim.path}?baud=115200")
    times = []
    try:
        assert reader.status() == NoCard()  # connected, SAM checked, idle
        for _ in range(n):
            module.insert(card)
            t0 = time.perf_counter()
            status = reader.status()
            times.append(time.perf_counter() - t0)
            assert isinstance(status, CardRead), status
            module.remove()
            assert reader.status() == NoCard()
    finally:
        reader.close()
    return times


def _bare_reads(sim: PtySimulator, module: SamModule, card: SimCard, n: int) -> list[float]:
    frames = [(build_command(c), size) for c, size in EXCHANGE]
    times = []
    with serial.Serial(sim.path, 115200, timeout=5) as port:
        for _ in range(n):
            module.insert(card)
            t0 = time.perf_counter()
            for frame, size in frames:
                port.write(frame)
                got = port.read(size)
                assert len(got) == size
            times.append(time.perf_counter() - t0)
            module.remove()
    return times


def _measure(timing: Timing, n: int) -> tuple[float, float]:
    card = SimCard.of(_sample_card())
    module = SamModule(None, timing=timing)
    with PtySimulator(module, pace=True) as sim:
        bare = statistics.median(_bare_reads(sim, module, card, n))
        driver = statistics.median(_driver_reads(sim, module, card, n))
    return driver, bare


def run(quick: bool) -> list[str]:
    n = 5 if quick else 20
    lines = []
    for name, timing in (("wire", INSTANT), ("realistic", REALISTIC)):
        driver, bare = _measure(timing, n)
        lines.append(f"card read ({name}): card present → parsed record {driver * 1000:.1f} ms"
                     f" median; bare frame exchange {bare * 1000:.1f} ms; ratio"
                     f" {driver / bare:.2f}x (goal <= 1.2x)")
    return lines
