"""Metrics on a constructed incident whose answers are known by hand.

The incident starts at T0 and its clock is paused at T+2h (so "now" is fixed);
rows are written with chosen times straight into the areas' tables, the way
each area records them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from crisiscomm import incidents, timeline
from crisiscomm.clock import iso
from crisiscomm.review.clockmap import ClockMap
from crisiscomm.review.metrics import IncidentMetrics, across_incidents

T0 = dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.timezone.utc)
NOW_S = 7200.0


def at(seconds: float) -> str:
    return iso(T0 + dt.timedelta(seconds=seconds))


def add_statement(store, incident_id: int, *, submitted=None, approved=None, published=None, state="approved", version=1) -> int:
    cur = store.execute("INSERT INTO statements (incident_id, title, created_by, created_at) VALUES (?, 'Açıklama', 'ali', ?)",
                        (incident_id, at(0)))
    sid = cur.lastrowid
    store.execute(
        "INSERT INTO statement_versions (statement_id, version, body, author, created_at, state, submitted_at, approver,"
        " approved_at, published_at) VALUES (?, ?, 'Metin', 'ali', ?, ?, ?, ?, ?, ?)",
        (sid, version, at(0), state, submitted and at(submitted), "ayse" if approved else None,
         approved and at(approved), published and at(published)),
    )
    return sid


def add_mention(store, incident_id: int, n: int, arrived: float, state: str = "new", text: str = "metin") -> int:
    cur = store.execute(
        "INSERT INTO mentions (incident_id, guid, link, author, title, text, fetched_at, content_hash)"
        " VALUES (?, ?, ?, 'yazar', ?, ?, ?, ?)",
        (incident_id, f"g{incident_id}-{n}", f"https://news.example/{n}", f"Başlık {n}", text, at(arrived), f"h{incident_id}-{n}"),
    )
    if state != "new":  # triage is kept per incident
        store.execute("INSERT INTO triage (incident_id, mention_id, state, operator, at) VALUES (?, ?, ?, 'ali', ?)",
                      (incident_id, cur.lastrowid, state, at(arrived)))
    return cur.lastrowid


def open_at_t0(store, title="Deprem", *, exercise=False) -> int:
    inc = incidents.open_incident(store, title, "general", operator="ali", started_at=T0, exercise=exercise)
    return inc.id


def pause_at(store, incident_id: int, seconds: float = NOW_S) -> None:
    incidents.set_clock(store, incident_id, operator="ali", paused=True, seconds=seconds)


@pytest.fixture
def known(store):
    """Incident 1 with statements, checklist, mentions, a spike, corrections and claims at chosen times."""
    iid = open_at_t0(store)
    with store.write():
        add_statement(store, iid, submitted=600, approved=1500, published=1800, state="published")
        add_statement(store, iid, submitted=2400, state="in_review")
        correction = add_statement(store, iid, submitted=3000, approved=4200, published=4800, state="published")
        for step, state, clock in (("convene", "done", 500.0), ("monitor", "done", 900.0), ("hold-scheduled", "skipped", 100.0)):
            store.execute("INSERT OR REPLACE INTO checklist (incident_id, step_id, state, operator, updated_at, clock) VALUES (?, ?, ?, 'ali', ?, ?)",
                          (iid, step, state, at(clock), clock))
        for n, arrived in enumerate((300, 600, 4200, 4300, 4400)):
            add_mention(store, iid, n, arrived, state="flagged" if n == 0 else "new")
        timeline.append(store, "mentions.spike", {"count": 12, "baseline": 1.5}, operator="ali", incident_id=iid, clock=4300)
        timeline.append(store, "consistency.correction_needed", {"post": 1, "channel": "x", "key": "injured", "old": "12", "new": "15"},
                        operator="ali", incident_id=iid, clock=3000)
        timeline.append(store, "consistency.correction_needed", {"post": 2, "channel": "website", "key": "injured", "old": "12", "new": "15"},
                        operator="ali", incident_id=iid, clock=5000)
        timeline.append(store, "consistency.correction_resolved", {"post": 1, "key": "injured"}, operator="ali", incident_id=iid, clock=3600)
        store.execute("INSERT INTO claims (incident_id, text, status, created_by, created_at, first_seen_at, verdict_at,"
                      " correction_statement_id) VALUES (?, 'Baraj yıkıldı', 'false', 'ali', ?, ?, ?, ?)",
                      (iid, at(1200), at(1200), at(3000), correction))
        store.execute("INSERT INTO claims (incident_id, text, status, created_by, created_at, first_seen_at)"
                      " VALUES (?, 'Su kesilecek', 'verifying', 'ali', ?, ?)", (iid, at(2000), at(2000)))
    pause_at(store, iid)
    return IncidentMetrics(store, iid)


def test_time_to_first_holding_statement(known):
    first = known.first_statement()
    assert first["available"]
    assert first["approved_after_s"] == 1500
    assert first["published_after_s"] == 1800
    assert first["statements"] == 3


def test_approval_latency_counts_waiting_versions_until_now(known):
    lat = known.approval_latency()
    assert lat["approved"] == 2
    assert lat["median_s"] == (900 + 1200) / 2
    assert lat["max_s"] == 1200
    waiting = [v for v in lat["versions"] if v["waiting_s"] is not None]
    assert [v["waiting_s"] for v in waiting] == [NOW_S - 2400]


def test_checklist_deadlines_met_late_missed_by_how_much(known):
    c = known.checklist()
    assert c["available"]
    steps = {s["step_id"]: s for s in c["steps"]}
    assert steps["convene"]["outcome"] == "met" and steps["convene"]["margin_s"] == steps["convene"]["due_s"] - 500
    assert steps["monitor"]["outcome"] == "late" and steps["monitor"]["late_by_s"] == 900 - steps["monitor"]["due_s"]
    assert steps["hold-scheduled"]["outcome"] == "skipped"
    untouched = [s for s in c["steps"] if s["step_id"] not in ("convene", "monitor", "hold-scheduled")]
    for s in untouched:
        if s["due_s"] < NOW_S:
            assert s["outcome"] == "missed" and s["late_by_s"] == NOW_S - s["due_s"], s
        else:
            assert s["outcome"] == "pending" and s["late_by_s"] is None, s
    missed = [s for s in untouched if s["due_s"] < NOW_S]
    assert c["met"] == 1 and c["late"] == 1 and c["missed"] == len(missed) and c["skipped"] == 1
    assert c["deadlines_missed"] == 1 + len(missed)
    assert c["total_late_s"] == pytest.approx((900 - steps["monitor"]["due_s"]) + sum(NOW_S - s["due_s"] for s in missed))


def test_mentions_per_hour_peak_and_spikes(known):
    m = known.mentions()
    assert m["total"] == 5
    assert m["per_hour"] == [{"hour": 0, "count": 2}, {"hour": 1, "count": 3}]
    assert m["peak"] == {"hour": 1, "count": 3}
    assert m["average_per_hour"] == 2.5
    assert [(s["clock_s"], s["details"]["count"]) for s in m["spikes"]] == [(4300, 12)]
    assert sum(m["series"]["counts"]) == 5


def test_consistency_corrections_and_how_long_each_stayed_open(known):
    k = known.consistency()
    assert k["total"] == 2 and k["resolved"] == 1 and k["open"] == 1
    first, second = k["corrections"]
    assert (first["channel"], first["fact"], first["old_value"], first["new_value"]) == ("x", "injured", "12", "15")
    assert first["outcome"] == "resolved" and first["open_for_s"] == 600
    assert second["outcome"] == "open" and second["open_for_s"] == NOW_S - 5000


def test_claims_time_to_verdict_and_to_correction(known):
    c = known.claims()
    first, second = c["claims"]
    assert first["to_verdict_s"] == 3000 - 1200
    assert first["to_correction_s"] == 4800 - 1200  # its correction statement was published at T+4800
    assert second["to_verdict_s"] is None and second["to_correction_s"] is None
    assert c["awaiting_verdict"] == 1 and c["by_status"] == {"false": 1, "verifying": 1}


def test_sections_without_data_say_not_available(store):
    iid = open_at_t0(store)
    m = IncidentMetrics(store, iid)
    assert m.first_statement() == {"available": False, "reason": "no_statements"}
    assert m.approval_latency() == {"available": False, "reason": "no_submissions"}
    assert m.mentions()["total"] == 0
    assert m.consistency()["total"] == 0


def test_exercises_are_excluded_from_cross_incident_figures(store, known):
    drill = open_at_t0(store, "Tatbikat", exercise=True)
    other = open_at_t0(store, "Sel")
    with store.write():
        add_statement(store, drill, submitted=10, approved=60, published=70, state="published")
        add_statement(store, other, submitted=2000, approved=3000, state="approved")
    figures = across_incidents(store)
    assert figures["incidents"] == 2 and figures["exercises_excluded"] == 1
    assert figures["median_first_approved_s"] == (1500 + 3000) / 2
    assert figures["median_first_published_s"] == 1800
    assert figures["median_approval_latency_s"] == 1000  # 900, 1200 and 1000: the drill's 50 s is not counted


def test_clock_map_follows_drill_speed_and_pauses():
    cmap = ClockMap([(T0, 0.0, 1.0, False), (T0 + dt.timedelta(minutes=10), 600.0, 10.0, False),
                     (T0 + dt.timedelta(minutes=20), 6600.0, 1.0, True)])
    assert cmap.at(at(300)) == 300
    assert cmap.at(at(900)) == 600 + 300 * 10
    assert cmap.at(at(1800)) == 6600  # paused
    assert cmap.at(at(-60)) == -60
    assert cmap.at(None) is None and cmap.at("not a time") is None


def test_metrics_of_a_sped_up_drill_count_on_the_drill_clock(store):
    iid = open_at_t0(store, "Hızlı tatbikat", exercise=True)
    # The drill ran at 10x from T0+60s wall (clock 60): a statement approved 60 s of wall later is 600 s of drill.
    with store.write():
        store.execute("UPDATE incidents SET clock_base_wall = ?, clock_base_seconds = 60, clock_speed = 10 WHERE id = ?", (at(60), iid))
        add_statement(store, iid, submitted=90, approved=120, state="approved")
    first = IncidentMetrics(store, iid).first_statement()
    assert first["approved_after_s"] == 60 + 60 * 10


def test_metrics_cli_json_and_text(cli, known):
    import json

    result = cli("metrics", str(known.id), "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["first_statement"]["approved_after_s"] == 1500
    text = cli("metrics", str(known.id))
    # sentences, durations in words: no field name, no key=value
    assert "First holding statement: " in text.output and "First approved: 25 min after the start" in text.output
    assert "approved_after_s" not in text.output and "=" not in text.output
    across = json.loads(cli("metrics", "--json").output)
    assert across["incidents"] == 1
    missing = cli("metrics", "99")
    assert missing.exit_code == 1 and "error: no incident 99" in missing.output


def test_a_step_starts_only_at_an_explicit_start_event(known):
    """`started_s` is the step's `checklist.started`: a step ticked done at once has none (the chart draws it from T+0)."""
    with known.store.write():
        timeline.append(known.store, "checklist.started", {"step_id": "monitor"}, operator="ali", incident_id=known.id, clock=700)
        timeline.append(known.store, "checklist.done", {"step_id": "convene"}, operator="ali", incident_id=known.id, clock=500)
        timeline.append(known.store, "checklist.note", {"step_id": "facts", "note": "AFAD aranıyor"}, operator="ali",
                        incident_id=known.id, clock=800)
    steps = {s["step_id"]: s for s in known.checklist()["steps"]}
    assert steps["monitor"]["started_s"] == 700
    assert steps["convene"]["started_s"] is None
    assert steps["facts"]["started_s"] is None
