"""`python -m benchmarks [NAME ...] [--quick]`: runs every benchmark module (or the named ones).

A benchmark is a module ``benchmarks/bench_<name>.py`` with ``run(quick: bool) -> list[str]``
returning the lines to print. Each line states a ratio against a baseline measured in the
same run, so figures from different machines stay comparable.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks")
    p.add_argument("names", nargs="*", help="benchmark names (default: all)")
    p.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = p.parse_args()
    import benchmarks

    found = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules(benchmarks.__path__)
                   if m.name.startswith("bench_"))
    names = args.names or found
    unknown = set(names) - set(found)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; have: {', '.join(found)}")
        return 2
    for name in names:
        mod = importlib.import_module(f"benchmarks.bench_{name}")
        t0 = time.perf_counter()
        print(f"== {name}")
        for line in mod.run(args.quick):
            print(f"   {line}")
        print(f"   ({time.perf_counter() - t0:.1f} s)")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
