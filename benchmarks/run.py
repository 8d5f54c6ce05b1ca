"""Run every benchmarks/bench_*.py module's `run(quick=...)` and print one table.

    python benchmarks/run.py [--quick] [NAME ...]

Each module's `run(quick: bool) -> list[dict]` returns rows with `figure`,
`value`, `unit`, and optionally `target` (a readable limit) and `ok` (bool)
(or tuples in that order).
Add a module named bench_<something>.py with such a `run` and it is picked up.
Benchmarks are not tests: they print measurements taken in this run.
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import sys
import time
import traceback

HERE = pathlib.Path(__file__).resolve().parent


def load(path: pathlib.Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def as_row(row) -> dict:
    """A dict row, or a tuple (figure, value[, unit[, target[, ok]]])."""
    if isinstance(row, dict):
        return row
    keys = ("figure", "value", "unit", "target", "ok")
    return dict(zip(keys, row))


def format_value(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a quick look, not the SPEC figures)")
    parser.add_argument("names", nargs="*", help="only these modules (e.g. feeds for bench_feeds.py)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    modules = sorted(HERE.glob("bench_*.py"))
    if args.names:
        modules = [m for m in modules if m.stem.removeprefix("bench_") in args.names or m.stem in args.names]
    rows: list[tuple[str, dict]] = []
    failed = False
    for path in modules:
        started = time.perf_counter()
        print(f"running {path.stem} …", file=sys.stderr, flush=True)
        try:
            for row in load(path).run(quick=args.quick):
                rows.append((path.stem, as_row(row)))
        except Exception:
            failed = True
            traceback.print_exc()
            rows.append((path.stem, {"figure": "FAILED (see the traceback above)", "value": "", "unit": ""}))
        print(f"  {path.stem}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    headers = ("module", "figure", "value", "unit", "target", "ok")
    table = [
        (mod, r["figure"], format_value(r["value"]), r.get("unit", ""), r.get("target", ""),
         "" if "ok" not in r else ("yes" if r["ok"] else "NO"))
        for mod, r in rows
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *table)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*headers))
    print(line.format(*("-" * w for w in widths)))
    for row in table:
        print(line.format(*row))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
