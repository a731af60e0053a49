"""Fixtures for the device tests: a private pcscd with the vpcd virtual reader, a private
cupsd with a cups-pdf printer."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.devices.cups_stack import CupsStack
from tests.devices.pcsc_stack import PcscStack


@pytest.fixture(scope="session")
def pcsc_stack() -> Iterator[PcscStack]:
    """One private pcscd per test session (the PC/SC client library fixes its socket
    path on first use), stopped and cleaned up at the end."""
    stack = PcscStack().start()
    try:
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def cups_stack() -> Iterator[CupsStack]:
    """A private cupsd with the cups-pdf queue KioskPDF, selected with CUPS_SERVER."""
    stack = CupsStack().start()
    old = os.environ.get("CUPS_SERVER")
    os.environ["CUPS_SERVER"] = str(stack.socket)
    try:
        yield stack
    finally:
        if old is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = old
        stack.stop()
