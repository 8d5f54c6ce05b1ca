"""Mentions per minute and spikes against a rolling baseline.

A minute is a spike when its count reaches the larger of an absolute floor,
a multiple of the baseline mean, and the mean plus three standard deviations
(the baseline is the minutes before it). Each spike is logged once to the
timeline as `mentions.spike`.
"""

from __future__ import annotations

import datetime as dt
import statistics

from crisiscomm import timeline
from crisiscomm.clock import iso, utc_now
from crisiscomm.store import Store

WINDOW_MINUTES = 30
MIN_SPIKE = 10
FACTOR = 3.0


def _minute(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.timezone.utc).replace(second=0, microsecond=0)


def per_minute(store: Store, incident: dict, *, minutes: int = WINDOW_MINUTES, now: dt.datetime | None = None) -> list[int]:
    """Counts of the incident's mentions for each of the last `minutes` minutes (the last is the current one)."""
    from crisiscomm.mentions import scope_sql

    end = _minute(now or utc_now())
    start = end - dt.timedelta(minutes=minutes - 1)
    where, params = scope_sql(incident)
    rows = store.all(
        f"SELECT substr(m.fetched_at, 1, 16) AS minute, count(*) AS n FROM mentions m"
        f" WHERE m.fetched_at >= ? AND {where} GROUP BY minute",
        [iso(start), *params],
    )
    by_minute = {r["minute"]: r["n"] for r in rows}
    keys = [iso(start + dt.timedelta(minutes=i))[:16] for i in range(minutes)]
    return [by_minute.get(k, 0) for k in keys]


def detect(counts: list[int]) -> dict | None:
    """The last minute as a spike against the minutes before it, or None."""
    if not counts:
        return None
    current, baseline = counts[-1], counts[:-1]
    mean = statistics.fmean(baseline) if baseline else 0.0
    spread = statistics.pstdev(baseline) if len(baseline) > 1 else 0.0
    threshold = max(MIN_SPIKE, mean * FACTOR, mean + 3 * spread)
    if current < threshold:
        return None
    return {"count": current, "baseline": round(mean, 2), "threshold": round(threshold, 2)}


def check_incident(store: Store, incident: dict, *, operator: str, now: dt.datetime | None = None) -> tuple[list[int], dict | None]:
    """Per-minute counts and the current spike, logging it once per minute."""
    moment = now or utc_now()
    counts = per_minute(store, incident, now=moment)
    spike = detect(counts)
    if spike is None:
        return counts, None
    spike["minute"] = iso(_minute(moment))[:16]
    with store.write():
        logged = store.scalar(
            "SELECT 1 FROM events WHERE kind = 'mentions.spike' AND incident_id = ?"
            " AND json_extract(payload, '$.minute') = ?",
            (incident["id"], spike["minute"]),
        )
        if not logged:
            timeline.append(store, "mentions.spike", spike, operator=operator, incident_id=incident["id"])
    return counts, spike


def check_active(store: Store, *, operator: str) -> list[dict]:
    """Check every open incident; the spikes found now."""
    from crisiscomm.incidents import active_incidents

    found = []
    for incident in active_incidents(store):
        _, spike = check_incident(store, incident, operator=operator)
        if spike:
            found.append({"incident_id": incident["id"], **spike})
    return found
