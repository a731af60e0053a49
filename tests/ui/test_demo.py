"""`kiosk demo --headless --item all`: every item and bundle of the shipped catalog through
the real QML window offscreen, against the embedded platform, as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.catalog import load_catalog
from kiosk.catalog.model import SelfService

KIOSK = Path(sys.executable).parent / "kiosk"


def run_demo(out: Path, item: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK_CONFIG", None)
    return subprocess.run([str(KIOSK), "demo", "--headless", "--item", item, "--out", str(out)],
                          capture_output=True, text=True, env=env, timeout=900, check=False)


@pytest.mark.integration
def test_every_item_and_bundle_goes_through_the_real_screens(tmp_path: Path) -> None:
    catalog = load_catalog()
    codes = [i.code for i in catalog.items] + [b.code for b in catalog.bundles]
    counter = {i.code for i in catalog.items if i.self_service is SelfService.COUNTER}

    res = run_demo(tmp_path, "all")

    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert f"{len(codes)} visit(s) went through" in res.stdout
    # The buttons on the screens are really pressed (by objectName, with a mouse click):
    # at least 我要办事, the entry, 开始办理/确认提交 and 打印回执 for a submitted entry.
    pressed = {line.split(":")[0].strip(): int(line.split(" buttons pressed")[0].split()[-1])
               for line in res.stdout.splitlines() if " buttons pressed" in line}
    assert set(pressed) == set(codes)
    assert all(pressed[c] >= (2 if c in counter else 4) for c in codes), pressed
    for code in codes:
        folder = tmp_path / "visits" / code
        shots = sorted(folder.glob("*.png"))
        steps = {p.name.split("-")[1] for p in shots}
        assert {"home", "insert_card", "find_service", "guide"} <= steps, code
        receipts = list(folder.glob("receipt-*.pdf"))
        if code in counter:
            assert "checklist" in steps and receipts == [], code
        else:
            assert {"check_answers", "done"} <= steps, code
            assert len(receipts) == 1 and receipts[0].read_bytes()[:5] == b"%PDF-", code


@pytest.mark.integration
def test_an_unknown_code_fails_the_demo(tmp_path: Path) -> None:
    res = run_demo(tmp_path, "LOCAL-XX-9999")
    assert res.returncode == 1
    assert "LOCAL-XX-9999" in res.stdout and "FAILED" in res.stdout
