"""Synthetic Turkish feeds and a large mentions database for the benchmarks."""

from __future__ import annotations

import atexit
import datetime as dt
import html
import pathlib
import random
import shutil
import tempfile
import time

WORDS = (
    "deprem Malatya Kızılay çadır yaralı AFAD açıklama artçı sarsıntı Yeşilyurt Battalgazi hastane "
    "barınma battaniye gönüllü ekip arama kurtarma bina hasar İnönü üniversite toplanma alanı "
    "bilgi hattı baraj Karakaya DSİ elektrik su yol kapandı okul tatil vatandaş yardım bağış "
    "earthquake injured tents update hotline official rumour dam cracked statement next"
).split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def rss_feed(index: int, items: int, rng: random.Random) -> bytes:
    start = dt.datetime(2026, 11, 23, 1, 17, tzinfo=dt.timezone.utc)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>Bench feed {index}</title><link>https://bench{index}.example/</link><description>d</description>"
    ]
    for i in range(items):
        when = (start + dt.timedelta(minutes=i)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        body = f"<p>{sentence(rng, 25)}</p><p><a href=\"https://bench{index}.example/x/{i}\">{sentence(rng, 5)}</a> {sentence(rng, 12)}</p>"
        out.append(
            f"<item><title>{html.escape(sentence(rng, 9))}</title><link>https://bench{index}.example/n/{i}</link>"
            f"<guid>bench-{index}-{i}</guid><pubDate>{when}</pubDate>"
            f"<author>muhabir{i % 7}@bench{index}.example (Muhabir {i % 7})</author>"
            f"<description>{html.escape(body)}</description></item>"
        )
    out.append("</channel></rss>")
    return "".join(out).encode("utf-8")


def write_feeds(folder: pathlib.Path, feeds: int, items: int, seed: int = 23) -> list[pathlib.Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(feeds):
        p = folder / f"bench-{i:03d}.xml"
        p.write_bytes(rss_feed(i, items, rng))
        paths.append(p)
    return paths


_built: dict[int, tuple[pathlib.Path, int]] = {}
build_seconds: dict[int, float] = {}  # how long each shared database took to build
_shared_dir: list[pathlib.Path] = []


def mentions_db(folder: pathlib.Path, rows: int) -> tuple[pathlib.Path, int]:
    """A database with `rows` mentions and a full index, built fast (one transaction, executemany).

    Built once per run, in a folder that lives as long as the run (not `folder`, which the
    caller may delete), and shared by the modules that need it.
    """
    if rows in _built:
        return _built[rows]
    if not _shared_dir:
        _shared_dir.append(pathlib.Path(tempfile.mkdtemp(prefix="crisiscomm-bench-")))
        atexit.register(shutil.rmtree, _shared_dir[0], ignore_errors=True)
    folder = _shared_dir[0]
    build_started = time.perf_counter()
    from crisiscomm import incidents
    from crisiscomm.clock import iso
    from crisiscomm.feeds import search as fts
    from crisiscomm.store import Store

    path = folder / f"mentions-{rows}.db"
    rng = random.Random(7)
    store = Store(path)
    started = dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc)
    incident = incidents.open_incident(store, "Bench", "general", operator="bench", started_at=started,
                                       keywords=["deprem", "kizilay", "karakaya"])
    fts.ensure_functions(store)
    # Built in bulk, as a restored database would arrive: the rows are not sealed one by one into
    # the timeline (crisiscomm.seal), which these benchmarks do not measure and which would hold a
    # million row keys in this process (its memory is inherited by the children it spawns).
    for op in ("insert", "update", "delete"):
        store.execute(f'DROP TRIGGER IF EXISTS temp."record_mentions_{op}"')
    with store.write():
        store.execute("INSERT INTO feeds (name, url, added_at) VALUES ('bench', 'https://bench.example/rss', ?)", (iso(started),))
        batch = 50_000
        for first in range(0, rows, batch):
            data = []
            for i in range(first, min(rows, first + batch)):
                at = iso(started + dt.timedelta(seconds=i * 0.2))
                data.append((1, f"g{i}", f"https://bench.example/n/{i}", f"bench.example/n/{i}", f"user{i % 5000}",
                             sentence(rng, 8), sentence(rng, 20), at, at, f"h{i}"))
            store.conn.executemany(
                "INSERT INTO mentions (feed_id, guid, link, norm_link, author, title, text, published_at, fetched_at,"
                " content_hash) VALUES (?,?,?,?,?,?,?,?,?,?)", data,
            )
            fts.index_after(store, first)
    store.close()
    build_seconds[rows] = time.perf_counter() - build_started
    _built[rows] = (path, incident.id)
    return _built[rows]
