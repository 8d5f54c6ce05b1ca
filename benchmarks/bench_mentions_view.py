"""Search and the mention list at 1,000,000 mentions (SPEC §13).

The database is built fast (executemany in one transaction, the index filled
with one INSERT … SELECT per 50,000 rows) in a temporary folder.
"""

from __future__ import annotations

import pathlib
import statistics
import tempfile
import time

from _synthetic import build_seconds, mentions_db


def _median_ms(fn, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(quick: bool = False) -> list[dict]:
    from crisiscomm import incidents, mentions
    from crisiscomm.mentions import search
    from crisiscomm.store import Store
    from crisiscomm.tui.panes.mentions import render_mention

    rows = 100_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory() as tmpdir:
        path, incident_id = mentions_db(pathlib.Path(tmpdir), rows)
        build = build_seconds[rows]  # perhaps by an earlier module of this run: the database is shared
        store = Store(path)
        incident = incidents.get(store, incident_id)
        everything = mentions.MentionQuery(incident)
        searched = mentions.MentionQuery(incident, query="kizilay")

        total = everything.count(store)

        def page(query, offset=0):
            for row in query.fetch(store, offset, 100, total=total if query is everything else None):
                render_mention(row, 120)

        figures = {
            "search common word, first page (50)": _median_ms(lambda: search(store, "deprem", limit=50)),
            "search two words, first page (50)": _median_ms(lambda: search(store, "kizilay cadir", limit=50)),
            # Turkish queries: suffixes read to stems; a short stem searched as its inflected forms
            "search with suffixes, first page (50)": _median_ms(lambda: search(store, "Kızılay'ın çadırlarına", limit=50)),
            "search a short word (su: its forms), first page (50)": _median_ms(lambda: search(store, "su", limit=50)),
            "mention list page (100 rows fetched + rendered)": _median_ms(lambda: page(everything)),
            "mention list page 100 rows down (scrolling)": _median_ms(lambda: page(everything, 100)),
            "mention list page, search box 'kizilay'": _median_ms(lambda: page(searched)),
            "mention list last page (End key)": _median_ms(lambda: page(everything, rows - 100)),
            "mention list page at the middle (worst case)": _median_ms(lambda: page(everything, rows // 2), 5),
            # a fresh query each time: the first count, before any bookmark is kept
            "mention count (worker thread)": _median_ms(lambda: mentions.MentionQuery(incident).count(store), 3),
        }
        store.close()
    out = [{"figure": f"build {rows:,} mentions with index", "value": build, "unit": "s"}]
    for name, ms in figures.items():
        row = {"figure": f"{name} @ {rows:,}", "value": ms, "unit": "ms"}
        if name.startswith("search"):
            row.update(target="≤ 20", ok=ms <= 20)
        elif name.startswith("mention list page") and "middle" not in name:
            row.update(target="≤ 16", ok=ms <= 16)
        out.append(row)
    return out
