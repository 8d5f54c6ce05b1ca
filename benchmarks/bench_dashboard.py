"""The dashboard at 1,000,000 mentions (SPEC §13): first frame, memory, key presses during ingest.

- First frame: `DashboardApp` on a database with 1,000,000 mentions and an active
  incident, against a minimal Textual app (Header, one Static, Footer), both in
  fresh subprocesses timed from process start to the first refresh after mount
  (each app exits from `on_mount` via `call_after_refresh`). Target: ≤ 3×.
  Both start from compiled bytecode, as an installed package does (pip compiles
  it): one untimed start of each writes it to a private cache first. Without
  that, a machine with PYTHONDONTWRITEBYTECODE (this one) times the compiler
  on every start, for our 160 modules but not for site-packages.
- Memory: the dashboard child's peak RSS (`resource.getrusage`), read after it
  has sat a moment past its first frame so the panes' workers have run. Target: < 250 MB.
- Key press: the dashboard under `run_test()` while its own feed-poll worker
  ingests many feeds; each sample is the time from the key reaching the driver
  (as `pilot.press` sends it) to the key's action running. Target: ≤ 50 ms.

    python benchmarks/run.py [--quick] dashboard
    python benchmarks/bench_dashboard.py [--quick]
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
FRAME_RATIO_TARGET = 3.0
RSS_TARGET_MB = 250
KEY_TARGET_MS = 50
SETTLE_S = 2.0
SAMPLE_GAP_S = 0.05  # the dashboard runs this long past its first frame before its RSS is read


def dashboard_css():
    """The dashboard's CSS_PATH made absolute (Textual reads a relative one beside the subclass's file)."""
    import inspect

    from crisiscomm.tui.app import DashboardApp

    here = pathlib.Path(inspect.getfile(DashboardApp)).parent
    paths = DashboardApp.CSS_PATH
    if paths is None:
        return None
    return [here / p for p in paths] if isinstance(paths, (list, tuple)) else here / paths


# -- child processes: one app each, started fresh --------------------------------------------
def _child(kind: str, db_path: str, out_path: str, settle: float) -> None:
    """Run one app headless; write the wall time of its first frame and its peak RSS."""
    import resource

    from textual.app import App
    from textual.widgets import Footer, Header, Static

    result: dict = {}

    def first_frame(app) -> None:
        result["frame_at"] = time.time()
        if settle:
            app.set_timer(settle, app.exit)
        else:
            app.exit()

    if kind == "minimal":
        class Minimal(App):
            def compose(self):
                yield Header()
                yield Static("crisiscomm")
                yield Footer()

            def on_mount(self) -> None:
                self.call_after_refresh(first_frame, self)

        app = Minimal()
    else:
        from crisiscomm.tui.app import DashboardApp

        class Probe(DashboardApp):
            CSS_PATH = dashboard_css()
            # Textual runs every class's on_mount: the dashboard's own runs too.

            def on_mount(self) -> None:
                self.call_after_refresh(first_frame, self)

        app = Probe(db_path, operator="bench", lang="tr")
    app.run(headless=True, size=(160, 50))
    result["max_rss_mb"] = peak_rss_mb()
    pathlib.Path(out_path).write_text(json.dumps(result))


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM belongs to the process image, whereas
    ru_maxrss keeps the parent's peak across fork and exec (a big parent would be counted)."""
    with contextlib.suppress(OSError):
        for line in pathlib.Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _spawn(kind: str, db_path: pathlib.Path, out: pathlib.Path, settle: float = 0.0) -> dict:
    """Start the child and return its figures, with `first_frame_s` counted from just before the spawn."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
           "PYTHONPYCACHEPREFIX": str(out.parent / "bytecode")}  # compiled once, as an install has it
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    subprocess.run([sys.executable, __file__, "--child", kind, str(db_path), str(out), str(settle)],
                   check=True, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, timeout=120)
    data = json.loads(out.read_text())
    data["first_frame_s"] = data["frame_at"] - started
    return data


def _first_frames(db_path: pathlib.Path, tmp: pathlib.Path, repeat: int) -> tuple[list[float], list[float], list[float]]:
    minimal, dashboard, rss = [], [], []
    for kind in ("minimal", "dashboard"):  # untimed: writes the bytecode every timed start reads
        _spawn(kind, db_path, tmp / f"{kind}-warm.json")
    for i in range(repeat):  # alternated, so both see the same machine load
        minimal.append(_spawn("minimal", db_path, tmp / f"minimal-{i}.json")["first_frame_s"])
        run = _spawn("dashboard", db_path, tmp / f"dashboard-{i}.json", settle=SETTLE_S)
        dashboard.append(run["first_frame_s"])
        rss.append(run["max_rss_mb"])
    return minimal, dashboard, rss


# -- key presses while the dashboard ingests ---------------------------------------------------
def send_key(app, key: str) -> None:
    """What `pilot.press` does first: hand the key to the driver as the terminal would.

    `pilot.press` then waits until the whole process is idle, which never happens while
    the ingest thread works (it took ~1.3 s a press): it would only time the ingest.
    """
    from textual import events

    event = events.Key(key, None)
    event.set_sender(app)
    app._driver.send_message(event)


async def _key_latency(db_path: pathlib.Path, feed_paths: list[pathlib.Path], samples: int) -> tuple[list[float], float]:
    from textual.binding import Binding

    from crisiscomm.feeds import registry
    from crisiscomm.store import Store
    from crisiscomm.tui.app import DashboardApp

    store = Store(db_path)
    for path in feed_paths:
        registry.add_feed(store, str(path), operator="bench")
    store.close()

    handled: list[float] = []

    class Probe(DashboardApp):
        CSS_PATH = dashboard_css()
        BINDINGS = [Binding("ctrl+b", "probe", "probe", show=False)]

        def action_probe(self) -> None:
            handled.append(time.perf_counter())

    app = Probe(db_path, operator="bench", lang="tr")
    latencies: list[float] = []
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        app.feeds.poll_now()  # the dashboard's own background poll of every feed (its feed service)
        await pilot.pause(0.05)
        ingest_started = time.perf_counter()
        # Only presses made while the poll worker runs count.
        while app.feeds.busy and len(latencies) < samples:
            count = len(handled)
            pressed = time.perf_counter()
            send_key(app, "ctrl+b")
            while len(handled) == count:
                await asyncio.sleep(0.001)
            latencies.append((handled[-1] - pressed) * 1000)
            await asyncio.sleep(SAMPLE_GAP_S)
        while app.feeds.busy:  # let the ingest finish before the app closes
            await pilot.pause(0.1)
        ingest_s = time.perf_counter() - ingest_started
    return latencies, ingest_s


def run(quick: bool = False) -> list[dict]:
    from _synthetic import mentions_db, write_feeds

    rows = 100_000 if quick else 1_000_000
    repeat = 2 if quick else 3
    feeds, items = (40, 100) if quick else (100, 200)
    samples = 10 if quick else 40
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = pathlib.Path(tmpdir)
        db_path, _incident = mentions_db(tmp, rows)
        minimal, dashboard, rss = _first_frames(db_path, tmp, repeat)
        feed_paths = write_feeds(tmp / "feeds", feeds, items)
        latencies, ingest_s = asyncio.run(_key_latency(db_path, feed_paths, samples))
    if not latencies:
        raise RuntimeError("the ingest finished before a key press could be sampled; use more feeds")

    m, d = statistics.median(minimal), statistics.median(dashboard)
    ratio = d / m
    key_median, key_max = statistics.median(latencies), max(latencies)
    at = f"@ {rows:,} mentions"
    return [
        {"figure": "first frame, minimal Textual app (median)", "value": m * 1000, "unit": "ms"},
        {"figure": f"first frame, dashboard {at} (median)", "value": d * 1000, "unit": "ms"},
        {"figure": "first frame ratio dashboard / minimal", "value": ratio, "unit": "×",
         "target": f"≤ {FRAME_RATIO_TARGET:g}", "ok": ratio <= FRAME_RATIO_TARGET},
        {"figure": f"dashboard peak RSS {at} (max of runs)", "value": max(rss), "unit": "MB",
         "target": f"< {RSS_TARGET_MB}", "ok": max(rss) < RSS_TARGET_MB},
        {"figure": f"key press during ingest of {feeds} feeds × {items} items, median of {len(latencies)}",
         "value": key_median, "unit": "ms", "target": f"≤ {KEY_TARGET_MS}", "ok": key_median <= KEY_TARGET_MS},
        {"figure": "key press during ingest, max", "value": key_max, "unit": "ms",
         "target": f"≤ {KEY_TARGET_MS}", "ok": key_max <= KEY_TARGET_MS},
        {"figure": "background ingest (poll of every feed) while sampling", "value": ingest_s, "unit": "s"},
    ]


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]))
    else:
        sys.path.insert(0, str(HERE))
        for row in run(quick="--quick" in sys.argv):
            print(row)
