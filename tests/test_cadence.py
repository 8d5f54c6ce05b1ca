"""Update cadence: the promised next update, kept, late, renewed or missed; logged once; in the report."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import publish as publish_statement
from conftest import wait_until

from crisiscomm import audit, cadence, config, facts, incidents, timeline
from crisiscomm.clock import utc_now
from crisiscomm.review.metrics import IncidentMetrics
from crisiscomm.statements import workflow

TZ = dt.timezone(dt.timedelta(hours=3))


@pytest.mark.parametrize("value, made, due", [
    ("16.00", dt.datetime(2026, 11, 23, 15, 0, tzinfo=TZ), dt.datetime(2026, 11, 23, 16, 0, tzinfo=TZ)),
    ("saat 16:00'da", dt.datetime(2026, 11, 23, 17, 0, tzinfo=TZ), dt.datetime(2026, 11, 24, 16, 0, tzinfo=TZ)),
    ("09.30", dt.datetime(2026, 11, 23, 23, 50, tzinfo=TZ), dt.datetime(2026, 11, 24, 9, 30, tzinfo=TZ)),
    ("2026-11-23T18:15:00+03:00", dt.datetime(2026, 11, 23, 15, 0, tzinfo=TZ), dt.datetime(2026, 11, 23, 18, 15, tzinfo=TZ)),
    ("2026-11-23 18:15", dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC), dt.datetime(2026, 11, 23, 18, 15, tzinfo=TZ)),
    ("yarın sabah", dt.datetime(2026, 11, 23, 15, 0, tzinfo=TZ), None),
    ("25.70", dt.datetime(2026, 11, 23, 15, 0, tzinfo=TZ), None),
])
def test_promised_moment(value, made, due, monkeypatch):
    """Read in the institution's zone (Europe/Istanbul by default) on a machine running in UTC."""
    monkeypatch.setenv("TZ", "UTC")
    import time
    time.tzset()
    try:
        assert cadence.promised_moment(value, made) == due
    finally:
        monkeypatch.undo()
        time.tzset()


def local_in(seconds: float) -> str:
    """A moment `seconds` from now on the institution's clock (its zone, not the machine's)."""
    return (dt.datetime.now(config.current().tz) + dt.timedelta(seconds=seconds)).isoformat(timespec="seconds")


def hhmm(iso_value: str) -> str:
    return dt.datetime.fromisoformat(iso_value).strftime("%H.%M")


def publish(store, iid: int, promise_iso: str | None) -> int:
    """An approved statement promising the next update at `promise_iso`, published on the website."""
    text = "Bölgede deprem meydana gelmiştir. Ekiplerimiz bölgede çalışmalarını sürdürmektedir."
    if promise_iso:
        text += f" Bir sonraki bilgilendirme saat {hhmm(promise_iso)}'da yapılacaktır."
    sid = workflow.draft(store, iid, operator="ayse", body=text)["id"]
    workflow.submit(store, sid, operator="ayse")
    workflow.approve(store, sid, operator="mehmet", acknowledge_warnings=True)
    publish_statement(store, sid, "website", operator="ayse")
    return sid


def set_promise(store, iid: int, seconds: float) -> str:
    value = local_in(seconds)
    facts.set_fact(store, iid, "next_update", hhmm(value), operator="ayse")
    return value


@pytest.fixture
def incident(store):
    return incidents.open_incident(store, "Deprem", "natural-disaster", operator="ayse")


def test_announced_then_kept_by_the_next_update(store, incident):
    iid = incident.id
    first = set_promise(store, iid, 3600)
    publish(store, iid, first)  # announces the promise: it does not keep it
    [promise] = cadence.history(store, incident)
    assert promise["outcome"] == "pending" and promise["promised"] == hhmm(first)
    assert 3500 < promise["due_clock"] - promise["made_clock"] <= 3600
    second = set_promise(store, iid, 7200)
    publish(store, iid, second)  # the update: keeps the first promise, announces the second
    kept, announced = cadence.history(store, incident)
    assert kept["outcome"] == "met" and kept["late_s"] == 0.0
    assert announced["outcome"] == "pending"
    status = cadence.status(store, incident)
    assert status.promise.text == hhmm(second) and not status.overdue and 7000 < status.remaining <= 7200


def test_overdue_is_logged_once_and_then_met_late(store, incident):
    iid = incident.id
    facts.set_fact(store, iid, "next_update", local_in(-120), operator="ayse")  # an ISO time already past
    status = cadence.status(store, incident)
    assert status.overdue and status.remaining < -100
    [overdue] = cadence.check(store, incident, operator="sistem")
    assert overdue["kind"] == "update.overdue" and overdue["payload"]["source"] == "fact"
    assert cadence.check(store, incident, operator="sistem") == []  # once
    publish(store, iid, None)
    [met] = cadence.check(store, incident, operator="sistem")
    assert met["kind"] == "update.met" and met["payload"]["late_s"] >= 100
    assert cadence.check(store, incident, operator="sistem") == []
    assert audit.verify(store).ok
    block = IncidentMetrics(store, iid).all()["update_cadence"]
    assert (block["promised"], block["met_on_time"], block["met_late"], block["missed"]) == (1, 0, 1, 0)
    assert block["max_late_s"] >= 100


def test_renewed_and_missed_promises(store, incident):
    iid = incident.id
    set_promise(store, iid, 3600)
    set_promise(store, iid, 5400)  # moved before it fell due, nothing published: renewed
    facts.set_fact(store, iid, "next_update", local_in(-60), operator="ayse")  # then one already past due
    set_promise(store, iid, 1800)  # replaced after it fell due: missed
    outcomes = [p["outcome"] for p in cadence.history(store, incident)]
    assert outcomes == ["renewed", "renewed", "missed", "pending"]
    block = cadence.metrics(store, incident)
    assert (block["promised"], block["renewed"], block["missed"], block["pending"]) == (4, 2, 1, 1)


def test_no_promise_falls_back_to_the_playbook_interval(store, incident):
    assert cadence.status(store, incident).promise is None
    assert cadence.metrics(store, incident) == {"available": False, "reason": "no_update_promised"}
    publish(store, incident.id, None)
    promise = cadence.status(store, incident).promise
    assert promise.source == "playbook" and promise.due_clock - promise.made_clock == 3600  # update_every = "1h"


def test_a_drill_clock_counts_the_promise_faster(store):
    drill = incidents.open_incident(store, "Tatbikat", "natural-disaster", operator="ayse", exercise=True)
    drill = incidents.set_clock(store, drill.id, operator="ayse", speed=60)
    set_promise(store, drill.id, 600)  # ten minutes of the drill: ten seconds here
    status = cadence.status(store, drill, now=utc_now() + dt.timedelta(seconds=15))
    assert status.overdue


async def test_dashboard_header_counts_down_and_logs_the_overdue_update(store, db_path, incident):
    from crisiscomm.tui.app import DashboardApp
    from crisiscomm.tui.room_watch import CADENCE_EVERY_TICKS, RoomWatch

    iid = incident.id
    set_promise(store, iid, 1800)
    app = DashboardApp(db_path, operator="ayse", lang="en", poll=False)
    async with app.run_test(size=(160, 50)) as pilot:
        label = app.query_one("#header-update")
        await wait_until(pilot, lambda: str(label.render()))  # the promise is read in a worker
        # the promise is a time of day (hh.mm): up to a minute is cut, so 30 minutes show as 29m…, or
        # 28m5…s when the promise was set in the last seconds of a minute
        assert re.match(r"Update \d\d\.\d\d: (29 min( \d\d? s)?|28 min 5\d s)", str(label.render())), str(label.render())
        assert not label.has_class("-overdue")
        facts.set_fact(store, iid, "next_update", local_in(-90), operator="ayse")
        app.refresh_panes()
        await wait_until(pilot, lambda: label.has_class("-overdue"))
        assert label.has_class("-overdue") and "OVERDUE 1 min 3" in str(label.render())
        assert isinstance(app.room_watch, RoomWatch)
        for _ in range(CADENCE_EVERY_TICKS):
            app.room_watch.tick()
        for _ in range(50):
            await pilot.pause(0.1)
            kinds = [e["kind"] for e in timeline.events(store, iid)]
            if "update.overdue" in kinds:
                break
        assert kinds.count("update.overdue") == 1


def test_cli_shows_the_promise_and_records_it(cli, store, incident):
    facts.set_fact(store, incident.id, "next_update", local_in(-60), operator="ayse")
    shown = cli("cadence", str(incident.id))
    assert shown.exit_code == 0 and "logged update.overdue" in shown.output and "OVERDUE by 1 min" in shown.output
    again = cli("cadence", str(incident.id), "--json")
    import json

    data = json.loads(again.output)
    assert data["promise"]["overdue"] and data["logged"] == [] and data["promises"][0]["outcome"] == "overdue"
