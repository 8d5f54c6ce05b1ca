"""Feeds: ingest overhead over bare feedparser.parse, and re-poll cost (SPEC §13).

Feeds are served over loopback HTTP by a keep-alive file server in its own
process (_feed_server.py: ETag and Last-Modified, 304 when unchanged; Mastodon's
tag timeline API with min_id; Telegram previews without validators, so the body
hash decides). Ratios are taken in one run on the same bytes.
"""

from __future__ import annotations

import pathlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import feedparser

from _social import write_social
from _synthetic import write_feeds


def _serve(folder: pathlib.Path):
    """The feed server in its own process, so serving costs this process nothing."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, str(pathlib.Path(__file__).with_name("_feed_server.py")), str(port), str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, f"http://127.0.0.1:{port}"


def _bare(paths, **flags) -> float:
    bodies = [p.read_bytes() for p in paths]
    started = time.perf_counter()
    for body in bodies:
        feedparser.parse(body, **flags)
    return time.perf_counter() - started


def _ingest_once(tmp: pathlib.Path, base: str, paths, label: str, social=((), ())) -> tuple[float, float]:
    from crisiscomm.feeds import budget, registry
    from crisiscomm.feeds.ingest import poll_feeds
    from crisiscomm.store import Store

    budget.reset()
    store = Store(tmp / f"{label}.db")
    feeds = [registry.add_feed(store, f"{base}/{p.name}", operator="bench") for p in paths]
    tags, channels = social
    feeds += [registry.add_feed(store, f"{base}/tags/{t}", operator="bench", kind="mastodon") for t in tags]
    feeds += [registry.add_feed(store, f"{base}/s/{c}", operator="bench", kind="telegram") for c in channels]
    started = time.perf_counter()
    results = poll_feeds(store, feeds, operator="bench")
    first = time.perf_counter() - started
    assert all(r.status == "ok" for r in results), [r.error for r in results if r.error]
    feeds = registry.list_feeds(store)
    budget.reset()  # budgets pace requests to one service (all of these share one loopback host); this measures work
    started = time.perf_counter()
    again = poll_feeds(store, feeds, operator="bench")
    repoll = time.perf_counter() - started
    assert all(r.status == "unchanged" for r in again)
    store.close()
    return first, repoll


def run(quick: bool = False) -> list[dict]:
    from crisiscomm.feeds import ingest, parse_worker

    n_feeds, n_items = (10, 100) if quick else (50, 200)
    n_social = 5 if quick else 20  # Mastodon tags (40 statuses each) and Telegram channels (20 posts each)
    rounds = 1 if quick else 3
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = pathlib.Path(tmpdir)
        paths = write_feeds(tmp / "www", n_feeds, n_items)
        social = write_social(tmp / "www", n_social, n_social)
        srv, base = _serve(tmp / "www")
        try:
            parse_worker.pool().warm()
            bare_default, bare_flags, firsts, repolls = [], [], [], []
            for r in range(rounds):
                bare_default.append(_bare(paths))
                bare_flags.append(_bare(paths, sanitize_html=False, resolve_relative_uris=False))
                first, repoll = _ingest_once(tmp, base, paths, f"run{r}")
                firsts.append(first)
                repolls.append(repoll)
            social_first, social_repoll = zip(*[_ingest_once(tmp, base, [], f"social{r}", social) for r in range(rounds)])
            all_first, all_repoll = zip(*[_ingest_once(tmp, base, paths, f"all{r}", social) for r in range(rounds)])
            # the same pipeline with one fetch thread and one parser process (no parallelism)
            saved_pool, saved_threads = parse_worker._pool, ingest.FETCH_THREADS
            parse_worker._pool, ingest.FETCH_THREADS = parse_worker.ParserPool(1), 1
            try:
                parse_worker._pool.warm()
                serial, _ = _ingest_once(tmp, base, paths, "serial")
            finally:
                parse_worker._pool.close()
                parse_worker._pool, ingest.FETCH_THREADS = saved_pool, saved_threads
        finally:
            srv.terminate()
            srv.wait()
    first, repoll = statistics.median(firsts), statistics.median(repolls)
    s_first, s_repoll = statistics.median(social_first), statistics.median(social_repoll)
    a_first, a_repoll = statistics.median(all_first), statistics.median(all_repoll)
    bd, bf = statistics.median(bare_default), statistics.median(bare_flags)
    items = n_feeds * n_items
    return [
        {"figure": f"bare feedparser.parse, {n_feeds} feeds × {n_items} items", "value": bd, "unit": "s"},
        {"figure": "bare feedparser.parse without sanitiser/URI resolver", "value": bf, "unit": "s"},
        {"figure": "ingest over HTTP (fetch+parse+sanitise+dedupe+store+index)", "value": first, "unit": "s"},
        {"figure": "ingest throughput", "value": items / first, "unit": "items/s"},
        {"figure": "ingest / bare feedparser.parse (SPEC §13)", "value": first / bd, "unit": "ratio",
         "target": "≤ 1.25", "ok": first / bd <= 1.25},
        {"figure": "ingest / feedparser.parse with the same flags", "value": first / bf, "unit": "ratio"},
        {"figure": "ingest, one fetch thread + one parser process / bare", "value": serial / bd, "unit": "ratio"},
        {"figure": "re-poll unchanged feeds (304)", "value": repoll, "unit": "s"},
        {"figure": "re-poll / first poll (SPEC §13)", "value": repoll / first, "unit": "ratio",
         "target": "≤ 0.02", "ok": repoll / first <= 0.02},
        {"figure": f"first poll, {n_social} Mastodon tags + {n_social} Telegram channels", "value": s_first, "unit": "s"},
        {"figure": "re-poll / first poll, Mastodon (min_id) + Telegram (body hash)", "value": s_repoll / s_first,
         "unit": "ratio", "target": "≤ 0.02", "ok": s_repoll / s_first <= 0.02},
        {"figure": "re-poll / first poll, every kind together", "value": a_repoll / a_first, "unit": "ratio",
         "target": "≤ 0.02", "ok": a_repoll / a_first <= 0.02},
    ]
