"""Mentions per minute and spikes against a rolling baseline.

An actual incident counts wall-clock minutes. An exercise counts minutes of
its incident clock (each mention's arrival mapped through the clock history),
so that a burst at T+4m of a drill running at ×500 is a spike at T+4m.

A minute is a spike when its count reaches the larger of an absolute floor,
a multiple of the baseline mean, and the mean plus three standard deviations
(the baseline is the minutes before it). Every minute of the window is
checked, so a spike is found even when a fast drill clock ran past it between
two checks; each is logged once to the timeline as `mentions.spike`, at the
incident clock of its minute.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from crisiscomm import timeline
from crisiscomm.clock import format_clock, iso, parse_iso, utc_now
from crisiscomm.models import Incident
from crisiscomm.review.clockmap import ClockMap
from crisiscomm.store import Store

WINDOW_MINUTES = 30
MIN_SPIKE = 10
FACTOR = 3.0
# A spike stays on the dashboard for about a minute of wall time, whatever the drill's speed.
SHOWN_WALL_S = 60.0
MAX_EXPLAINED = 5000  # mentions read to explain one spike (and as many for its baseline)


@dataclass(frozen=True)
class Minutes:
    """Mention counts per minute, oldest first; the last one is the current minute."""

    counts: list[int]
    current: int  # the current minute: of the incident clock (exercise) or since the epoch (actual)
    exercise: bool
    clock_map: ClockMap

    def number(self, index: int) -> int:
        return self.current - len(self.counts) + 1 + index

    def label(self, minute: int) -> str:
        """`T+00:04` on a drill's clock, `2026-11-23T01:19` (UTC) otherwise."""
        if self.exercise:
            return format_clock(minute * 60)[:-3]
        return iso(_wall(minute))[:16]

    def clock_of(self, minute: int) -> float | None:
        """The incident clock at the start of a minute."""
        return float(minute * 60) if self.exercise else self.clock_map.at(_wall(minute))


def _wall(minute: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(minute * 60, dt.timezone.utc)


def _epoch_minute(moment: dt.datetime) -> int:
    return int(moment.timestamp() // 60)


def count_minutes(store: Store, incident: Incident, *, minutes: int = WINDOW_MINUTES,
                  now: dt.datetime | None = None) -> Minutes:
    """The incident's mention counts for each of the last `minutes` minutes."""
    from crisiscomm.mentions import scope_sql

    moment = now or utc_now()
    clock_map = ClockMap.load(store, incident)
    where, params = scope_sql(incident)
    exercise = incident.is_exercise
    if exercise:
        # a drill's mentions are few and arrive in batches: one row per arrival time
        current = int(clock_map.at(moment) // 60)
        rows = store.all(f"SELECT m.fetched_at AS at, count(*) AS n FROM mentions m WHERE {where} GROUP BY at", params)
        by_minute = [(int(c // 60), r["n"]) for r in rows if (c := clock_map.at(r["at"])) is not None]
    else:
        current = _epoch_minute(moment)
        rows = store.all(
            f"SELECT substr(m.fetched_at, 1, 16) AS at, count(*) AS n FROM mentions m"
            f" WHERE m.fetched_at >= ? AND {where} GROUP BY at",
            [iso(_wall(current - minutes + 1)), *params],
        )
        by_minute = [(_epoch_minute(parse_iso(r["at"])), r["n"]) for r in rows]
    first = current - minutes + 1
    counts = [0] * minutes
    for minute, n in by_minute:
        if first <= minute <= current:
            counts[minute - first] += n
    return Minutes(counts, current, exercise, clock_map)


def per_minute(store: Store, incident: Incident, *, minutes: int = WINDOW_MINUTES, now: dt.datetime | None = None) -> list[int]:
    """Counts of the incident's mentions for each of the last `minutes` minutes (the last is the current one)."""
    return count_minutes(store, incident, minutes=minutes, now=now).counts


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


def scan(store: Store, incident: Incident, *, now: dt.datetime | None = None) -> tuple[list[int], list[tuple[int, dict]], dict | None, Minutes]:
    """Per-minute counts of the window, every spike in it (minute, spike), the one to show now; reads only."""
    # twice the window, so that each minute of the window is judged against a full baseline
    span = count_minutes(store, incident, minutes=2 * WINDOW_MINUTES - 1, now=now)
    found: list[tuple[int, dict]] = []
    for index in range(WINDOW_MINUTES - 1, len(span.counts)):
        spike = detect(span.counts[index - WINDOW_MINUTES + 1:index + 1])
        if spike is not None:
            minute = span.number(index)
            found.append((minute, {**spike, "minute": span.label(minute)}))
    speed = float(incident.clock_speed or 1.0) if span.exercise else 1.0
    shown = next((s for m, s in reversed(found) if (span.current - m) * 60 / speed <= SHOWN_WALL_S), None)
    return span.counts[-WINDOW_MINUTES:], found, shown, span


def check_incident(store: Store, incident: Incident, *, operator: str, now: dt.datetime | None = None) -> tuple[list[int], dict | None]:
    """`scan`, and log every spike of the window once."""
    counts, found, shown, span = scan(store, incident, now=now)
    if found:
        with store.write():
            for minute, spike in found:
                logged = store.scalar(
                    "SELECT 1 FROM events WHERE kind = 'mentions.spike' AND incident_id = ?"
                    " AND json_extract(payload, '$.minute') = ?",
                    (incident.id, spike["minute"]),
                )
                if not logged:
                    spike["drivers"] = explain_minute(store, incident, span, minute)
                    timeline.append(store, "mentions.spike", spike, operator=operator, incident_id=incident.id,
                                    clock=span.clock_of(minute))
    return counts, shown


def _rows_between(store: Store, incident: dict, span: Minutes, first: int, last: int) -> list[dict]:
    """The incident's mentions that arrived in minutes first..last (inclusive), at most MAX_EXPLAINED."""
    from crisiscomm.mentions import FEED_JOIN, MENTION_COLUMNS, scope_sql

    where, params = scope_sql(incident)
    if not span.exercise:
        return store.all(
            f"SELECT {MENTION_COLUMNS} FROM mentions m {FEED_JOIN} WHERE {where} AND m.fetched_at >= ?"
            f" AND m.fetched_at < ? ORDER BY m.id DESC LIMIT {MAX_EXPLAINED}",
            [*params, iso(_wall(first)), iso(_wall(last + 1))])
    rows = store.all(f"SELECT {MENTION_COLUMNS} FROM mentions m {FEED_JOIN} WHERE {where} ORDER BY m.id DESC", params)
    chosen = [r for r in rows if (c := span.clock_map.at(r["fetched_at"])) is not None and first <= c // 60 <= last]
    return chosen[:MAX_EXPLAINED]


def explain_minute(store: Store, incident: dict, span: Minutes, minute: int) -> dict:
    """What drove the spike of one minute (crisiscomm.feeds.spike_drivers), against the window before it."""
    from crisiscomm.feeds import spike_drivers
    from crisiscomm.mentions import scope_sql

    spike = _rows_between(store, incident, span, minute, minute)
    baseline = _rows_between(store, incident, span, minute - WINDOW_MINUTES + 1, minute - 1)
    if span.exercise:  # mentions before the minute on the drill's clock: arrived before its wall time
        starts = [r["fetched_at"] for r in spike]
        minute_start = parse_iso(min(starts)) if starts else utc_now()
    else:
        minute_start = _wall(minute)
    return spike_drivers.explain(store, spike, baseline, scope=scope_sql(incident), minute_start=minute_start,
                                 actual=not span.exercise)


def check_active(store: Store, *, operator: str) -> list[dict]:
    """Check every open incident; the spikes shown now."""
    from crisiscomm.incidents import active_incidents

    found = []
    for incident in active_incidents(store):
        _, spike = check_incident(store, incident, operator=operator)
        if spike:
            found.append({"incident_id": incident.id, **spike})
    return found
