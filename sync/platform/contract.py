"""The contract document: generated from the reference platform, checked in as
``sync/openapi.json``. Regenerate after changing the wire records or endpoints::

    .venv/bin/python -m sync.platform.contract

A test compares the two, so the document an integrator reads never drifts from the code.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

CONTRACT_PATH = Path(__file__).resolve().parent.parent / "openapi.json"


def generate() -> dict[str, Any]:
    from sync.platform.server import create_app

    with tempfile.TemporaryDirectory() as tmp:
        doc: dict[str, Any] = create_app(Path(tmp) / "platform.sqlite3").openapi()
    return doc


def render(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> int:
    CONTRACT_PATH.write_text(render(generate()), encoding="utf-8")
    print(CONTRACT_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
