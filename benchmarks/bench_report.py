"""Report benchmark (SPEC §13): an incident with 100,000 events renders to HTML in ≤ 3 s.

The incident is built through the product's own functions: mentions through
`add_mentions` (when the feeds area is installed), triage, facts and channel
posts, then triage events up to the target count. Only `report.build` +
`report.render` (HTML) are timed; Markdown and JSON are measured alongside.

    python benchmarks/bench_report.py [--quick]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crisiscomm import facts, incidents, posts, timeline  # noqa: E402
from crisiscomm.review import report  # noqa: E402
from crisiscomm.review.metrics import capability  # noqa: E402
from crisiscomm.store import Store  # noqa: E402

TARGET_S = 3.0
EVENTS = 100_000
QUICK_EVENTS = 10_000


def build_incident(store: Store, events: int) -> int:
    """An incident with about `events` events; returns its id."""
    inc = incidents.open_incident(store, "Bench: deprem", "general", operator="bench", keywords=["deprem"])
    iid = inc.id
    add_mentions = capability("crisiscomm.mentions", "add_mentions")
    set_state = capability("crisiscomm.mentions", "set_state")
    mention_count = events // 5
    if add_mentions is not None:
        for start in range(0, mention_count, 5000):
            items = [{"title": f"Deprem haberi {i}", "text": f"Kızılay bölgede, ihbar 0532 123 45 {i % 100:02d}",
                      "link": f"https://news.example/{i}", "author": f"kisi{i % 300}", "guid": f"g{i}",
                      "published_at": None} for i in range(start, min(start + 5000, mention_count))]
            add_mentions(store, items, operator="bench", incident_id=iid)
        if set_state is not None:
            ids = [r["id"] for r in store.all("SELECT id FROM mentions ORDER BY id LIMIT 500")]
            set_state(store, ids, "flagged", operator="bench", incident_id=iid)
    for i in range(100):
        facts.set_fact(store, iid, f"fact{i % 20}", str(i), operator="bench")
    for i, channel in enumerate(posts.CHANNELS * 3):
        posts.add_post(store, iid, channel, f"Açıklama {i}: 12 yaralı, ekipler bölgede.", operator="bench")
    have = store.scalar("SELECT count(*) FROM events WHERE incident_id = ?", (iid,))
    with store.write():
        clock = incidents.incident_clock(store, iid)
        for n in range(events - have):
            timeline.append(store, "mention.triaged", {"ids": [n % max(mention_count, 1) + 1], "state": "seen", "count": 1},
                            operator=f"monitor{n % 7}", incident_id=iid, clock=clock + n * 0.1)
    return iid


def _time(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def run(quick: bool = False) -> list[dict]:
    events = QUICK_EVENTS if quick else EVENTS
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        try:
            build_s, iid = _time(lambda: build_incident(store, events))
            count = store.scalar("SELECT count(*) FROM events WHERE incident_id = ?", (iid,))
            rows = [{"figure": f"report: build an incident of {count:,} events", "value": build_s, "unit": "s"}]
            for fmt in ("html", "md", "json"):
                seconds, text = _time(lambda: report.render(
                    report.build(store, iid, full_timeline=fmt == "json"), fmt))
                row = {"figure": f"report {fmt} @ {count:,} events ({len(text.encode()) / 1e6:.1f} MB)",
                       "value": seconds, "unit": "s"}
                if fmt == "html":
                    row.update(target=f"≤ {TARGET_S:g}", ok=seconds <= TARGET_S)
                rows.append(row)
        finally:
            store.close()
    return rows


if __name__ == "__main__":
    for figure in run(quick="--quick" in sys.argv):
        print(figure)
