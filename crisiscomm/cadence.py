"""Update cadence: every public statement promises the next update, and the room keeps it.

The promise is the fact `next_update` (`16.00`, `16:00`, `saat 16.00'da`, or
an ISO date-time): the next time of day after the fact was set, in the
machine's time zone. Without it, the playbook's `update_every` counted from
the last publication is the promise. Deadlines are kept on the incident
clock (a drill's clock may run faster): the promise is the wall-time gap
from when it was made, laid onto the clock at that moment.

A promise is met by a publication after it was made; `check` logs, once per
promise, `update.overdue` when its time passes unmet and `update.met` (with
how late, if at all) when a publication meets it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from crisiscomm import incidents, timeline
from crisiscomm.clock import parse_iso, utc_now
from crisiscomm.review.clockmap import ClockMap
from crisiscomm.store import Store

PROMISE_FACT = "next_update"
_TIME_OF_DAY = re.compile(r"(?<!\d)([01]?\d|2[0-3])[.:]([0-5]\d)(?!\d)")


@dataclass(frozen=True)
class Promise:
    due_clock: float  # incident clock seconds when the update is due
    made_clock: float  # when the promise was made
    source: str  # "fact" or "playbook"
    text: str  # what the room promised (`16.00`), or the playbook's interval
    key: str  # identifies the promise in the timeline (one overdue/met event each)

    def remaining(self, clock: float) -> float:
        return self.due_clock - clock


def promised_moment(value: str, made_at: dt.datetime) -> dt.datetime | None:
    """When a `next_update` value falls: an ISO date-time, or the next such time of day after `made_at`."""
    value = value.strip()
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is not None and ("T" in value or " " in value.strip()):
        return moment if moment.tzinfo else moment.astimezone()
    match = _TIME_OF_DAY.search(value)
    if match is None:
        return None
    local = made_at.astimezone()
    due = local.replace(hour=int(match.group(1)), minute=int(match.group(2)), second=0, microsecond=0)
    return due if due > local else due + dt.timedelta(days=1)


def _latest_event(store: Store, incident_id: int, kind: str, where: str = "", params: tuple = ()) -> dict | None:
    return store.one(f"SELECT id, wall_time, clock, payload FROM events WHERE incident_id = ? AND kind = ?{where}"
                     " ORDER BY id DESC LIMIT 1", (incident_id, kind, *params))


def current_promise(store: Store, incident: dict) -> Promise | None:
    """The promise in force for an incident, or None."""
    fact = _latest_event(store, incident["id"], "fact.set", " AND json_extract(payload, '$.key') = ?", (PROMISE_FACT,))
    if fact is not None:
        value = json.loads(fact["payload"]).get("value", "")
        made_at = parse_iso(fact["wall_time"])
        due = promised_moment(value, made_at)
        if due is not None:
            made_clock = fact["clock"] if fact["clock"] is not None else ClockMap.load(store, incident).at(made_at) or 0.0
            return Promise(made_clock + (due - made_at).total_seconds(), made_clock, "fact", value, f"fact:{fact['id']}")
    published = _latest_event(store, incident["id"], "statement.published")
    every = _update_every(store, incident)
    if published is None or not every or published["clock"] is None:
        return None
    return Promise(published["clock"] + every, published["clock"], "playbook", f"{every // 60}m",
                   f"publish:{published['id']}")


def _update_every(store: Store, incident: dict) -> int | None:
    from crisiscomm.checklist import incident_playbook
    from crisiscomm.errors import CrisisError

    try:
        return incident_playbook(store, incident).update_every
    except CrisisError:
        return None


@dataclass(frozen=True)
class Status:
    promise: Promise | None
    clock: float
    met_clock: float | None  # the publication that met the promise

    @property
    def overdue(self) -> bool:
        return self.promise is not None and self.met_clock is None and self.clock > self.promise.due_clock

    @property
    def remaining(self) -> float | None:
        return None if self.promise is None else self.promise.remaining(self.clock)


def status(store: Store, incident: dict, *, now: dt.datetime | None = None) -> Status:
    clock = incidents.clock_at(incident, now or utc_now())
    promise = current_promise(store, incident)
    met = None
    if promise is not None and promise.source == "fact":
        met = store.scalar(
            "SELECT min(clock) FROM events WHERE incident_id = ? AND kind = 'statement.published' AND clock >= ?",
            (incident["id"], promise.made_clock))
    return Status(promise, clock, met)


def check(store: Store, incident: dict, *, operator: str, now: dt.datetime | None = None) -> list[dict]:
    """Log `update.overdue` / `update.met` once per promise; returns the events appended."""
    found = status(store, incident, now=now)
    promise = found.promise
    if promise is None or incident.get("status") == "closed":
        return []
    appended = []
    with store.write():
        logged = {r["kind"] for r in store.all(
            "SELECT kind FROM events WHERE incident_id = ? AND kind IN ('update.overdue', 'update.met')"
            " AND json_extract(payload, '$.promise') = ?", (incident["id"], promise.key))}
        base = {"promise": promise.key, "promised": promise.text, "source": promise.source,
                "due_clock": round(promise.due_clock, 3)}
        if found.overdue and "update.overdue" not in logged:
            appended.append(timeline.append(store, "update.overdue", base, operator=operator,
                                            incident_id=incident["id"], clock=promise.due_clock))
        if found.met_clock is not None and "update.met" not in logged:
            late = max(0.0, found.met_clock - promise.due_clock)
            appended.append(timeline.append(store, "update.met", {**base, "late_s": round(late, 3)},
                                            operator=operator, incident_id=incident["id"], clock=found.met_clock))
    return appended
