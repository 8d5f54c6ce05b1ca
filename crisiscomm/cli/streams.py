"""`ingest --stream SECONDS`: hold the streaming sources open for a while (see feeds/stream.py)."""

from __future__ import annotations

import time

from crisiscomm.cli import show_progress
from crisiscomm.cli.output import progress_bar
from crisiscomm.feeds.ingest import FeedResult
from crisiscomm.feeds.stream import StreamSource
from crisiscomm.store import Store


def read_streams(store: Store, feeds: list[dict], seconds: float, *, operator: str, quiet: bool) -> list[FeedResult]:
    """Read every streaming source for `seconds` (Ctrl-C ends early; what was read is kept)."""
    streams = [StreamSource(store, feed, operator=operator).start() for feed in feeds]
    started = time.monotonic()
    try:
        if show_progress() and not quiet:
            with progress_bar(int(seconds * 10), "stream") as bar:
                while (done := time.monotonic() - started) < seconds:
                    time.sleep(0.1)
                    bar.update(min(int(done * 10), int(seconds * 10)) - bar.pos)
        else:
            time.sleep(seconds)
    except KeyboardInterrupt:
        pass
    results = []
    for stream in streams:
        stats = stream.stop()
        status = "error" if stats.error and not stats.received else "ok"
        note = f"read {stats.received}, kept {stats.stored}" + (f", dropped under load {stats.shed}" if stats.shed else "")
        results.append(FeedResult(
            stream.feed["name"], status, new=stats.stored, duplicates=stats.matched - stats.stored,
            seconds=time.monotonic() - started, error=stats.error if status == "error" else "",
            note=note,
        ))
    return results
