"""Mention spikes: per wall minute for actual incidents, per incident-clock minute for drills."""

from __future__ import annotations

import dataclasses
import datetime as dt

from crisiscomm import incidents, timeline
from crisiscomm.clock import iso, utc_now
from crisiscomm.feeds import spikes
from crisiscomm.mentions import add_mentions

OP = "ayse"
NOW = dt.datetime(2026, 11, 23, 2, 30, 30, tzinfo=dt.timezone.utc)


def add_at(store, count: int, moment: dt.datetime, *, incident_id: int | None = None, tag: str = "") -> None:
    items = [{"title": f"post {tag}{moment:%H%M%S}-{n}", "text": "deprem", "guid": f"{tag}{moment.isoformat()}-{n}"}
             for n in range(count)]
    add_mentions(store, items, operator=OP, incident_id=incident_id, fetched_at=iso(moment))


def spike_events(store, incident_id: int) -> list[dict]:
    return [e for e in timeline.events(store, incident_id) if e["kind"] == "mentions.spike"]


def actual_incident(store) -> dict:
    return incidents.open_incident(store, "Deprem", "general", operator=OP, started_at=NOW - dt.timedelta(hours=2))


def test_a_burst_after_a_steady_baseline_is_logged_once_with_rate_and_baseline(store):
    incident = actual_incident(store)
    for minutes_ago in range(1, 21):
        add_at(store, 2, NOW - dt.timedelta(minutes=minutes_ago))
    add_at(store, 25, NOW - dt.timedelta(seconds=20))
    counts, spike = spikes.check_incident(store, incident, operator=OP, now=NOW)
    assert len(counts) == spikes.WINDOW_MINUTES and counts[-1] == 25 and counts[-2] == 2
    assert spike["count"] == 25 and spike["minute"] == "2026-11-23T02:30"
    assert 1.0 < spike["baseline"] < 2.0  # 20 minutes of 2 among the 29 before
    assert spike["threshold"] == spikes.MIN_SPIKE
    spikes.check_incident(store, incident, operator=OP, now=NOW + dt.timedelta(seconds=20))
    [event] = spike_events(store, incident.id)
    assert event["payload"] == spike and event["operator"] == OP


def test_a_steady_rate_is_no_spike(store):
    incident = actual_incident(store)
    for minutes_ago in range(0, 40):
        add_at(store, 12, NOW - dt.timedelta(minutes=minutes_ago, seconds=10))
    counts, spike = spikes.check_incident(store, incident, operator=OP, now=NOW)
    assert counts == [12] * spikes.WINDOW_MINUTES
    assert spike is None and spike_events(store, incident.id) == []


def test_a_past_spike_stays_logged_but_is_shown_for_about_a_minute(store):
    incident = actual_incident(store)
    add_at(store, 30, NOW - dt.timedelta(minutes=10))
    later = NOW + dt.timedelta(seconds=5)
    _, shown = spikes.check_incident(store, incident, operator=OP, now=later)
    assert shown is None
    [event] = spike_events(store, incident.id)
    assert event["payload"]["count"] == 30 and event["payload"]["minute"] == "2026-11-23T02:20"


def test_a_drill_counts_minutes_of_its_incident_clock(store):
    """At ×500 a clock minute lasts 0.12 s: the burst at T+4m is a spike at T+00:04, not in a wall minute."""
    t0 = utc_now()  # set_clock records its clock.changed event (which the clock map reads) at the real time
    incident = incidents.open_incident(store, "Tatbikat", "general", operator=OP, exercise=True, started_at=t0)
    incidents.set_clock(store, incident.id, operator=OP, speed=500, seconds=0.0, now=t0)
    incident = incidents.get(store, incident.id)

    def wall(clock_s: float) -> dt.datetime:
        return t0 + dt.timedelta(seconds=clock_s / 500)

    for minute in range(4):
        add_at(store, 1, wall(minute * 60 + 30), incident_id=incident.id, tag="base")
    add_at(store, 12, wall(4 * 60 + 30), incident_id=incident.id, tag="burst")
    counts, spike = spikes.check_incident(store, incident, operator=OP, now=wall(8 * 60 + 30))
    assert counts[-9:] == [1, 1, 1, 1, 12, 0, 0, 0, 0]
    assert spike["count"] == 12 and spike["minute"] == "T+00:04"
    [event] = spike_events(store, incident.id)
    assert event["clock"] == 240.0 and event["payload"]["minute"] == "T+00:04"
    # counted by wall minute, the same 16 mentions fall in at most two minutes: the burst is lost in them
    by_wall = spikes.per_minute(store, dataclasses.replace(incident, mode="actual"), now=wall(8 * 60 + 30))
    assert sum(by_wall[-2:]) == 16
