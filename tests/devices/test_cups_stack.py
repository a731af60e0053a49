"""The tests' private cupsd says why it did not start: exit code and its own log."""

from __future__ import annotations

import pytest

from tests.devices.cups_stack import CupsStack, CupsStackError

pytestmark = pytest.mark.integration


def test_a_cupsd_that_cannot_start_names_its_exit_code_and_log() -> None:
    stack = CupsStack()
    # A directive with no value: what the stack itself once wrote (cupsd 2.4 exits 1 on
    # "Printcap" alone), leaving the tests with "did not start" and nothing more.
    stack.extra_files_conf = "Printcap\n"
    with pytest.raises(CupsStackError) as err:
        stack.start(timeout=20)
    msg = str(err.value)
    assert msg.startswith("private cupsd did not start: exited with code 1")
    assert "error_log:" in msg and "Missing value for Printcap" in msg  # cupsd's own log
    assert not stack.dir.exists()  # cleaned up all the same
