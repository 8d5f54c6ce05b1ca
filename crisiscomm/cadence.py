"""Update cadence: every public statement promises the next update, and the room keeps it.

The promise is the fact `next_update` (`16.00`, `16:00`, `saat 16.00'da`, or
an ISO date-time): the next such time of day after the fact was set, in the
institution's time zone (`CRISISCOMM_TZ`, not the machine's). In an exercise
whose scenario sets `starts_at`, "after the fact was set" is the scenario's time then (crisiscomm.world_time) in the
scenario's own zone, so the drill's "06.30" set at its 05.05 is due 85 minutes
of drill clock later, never days overdue by the real date. Deadlines are kept
on the incident clock (a drill's clock may run faster): the promise is the gap
from when it was made, laid onto the clock at that moment. Without a
`next_update`, the playbook's `update_every` counted from the last publication
is the promise.

A publication that repeats the promised time is the one announcing it; the
promise is met by the first later publication that does not (the update
itself, which carries the next promise). `check` logs, once per promise,
`update.overdue` when its time passes unmet and `update.met` (with how late)
when it is met; `metrics` is the report's account of every promise.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from crisiscomm import config, i18n, incidents, timeline, world_time
from crisiscomm.clock import format_offset, local_text, parse_iso, utc_now
from crisiscomm.models import Incident
from crisiscomm.review.clockmap import ClockMap
from crisiscomm.store import Store

PROMISE_FACT = "next_update"
_TIME_OF_DAY = re.compile(r"(?<!\d)([01]?\d|2[0-3])[.:]([0-5]\d)(?!\d)")
OUTCOMES = ("met", "renewed", "missed", "overdue", "pending")

i18n.register({
    "cadence.outcome.met": {"tr": "tutuldu", "en": "kept"},
    "cadence.outcome.renewed": {"tr": "ertelendi", "en": "moved"},
    "cadence.outcome.missed": {"tr": "tutulmadı", "en": "missed"},
    "cadence.outcome.overdue": {"tr": "gecikti", "en": "overdue"},
    "cadence.outcome.pending": {"tr": "bekliyor", "en": "pending"},
    "cadence.every": {"tr": "her {duration}", "en": "every {duration}"},
})


def promise_label(promised: str, source: str | None) -> str:
    """A promise as people read it: the time of day given (`06.30`), or the playbook's interval in
    words (`her 30 dk`; the record keeps `30m`)."""
    interval = re.fullmatch(r"(\d+)m", (promised or "").strip()) if source == "playbook" else None
    if interval is None:
        moment = _iso_moment(promised or "")
        return local_text(moment) if moment is not None else promised or ""
    return i18n.t("cadence.every", duration=format_offset(int(interval.group(1)) * 60))


@dataclass(frozen=True)
class Promise:
    due_clock: float  # incident clock seconds when the update is due
    made_clock: float  # when the promise was made
    source: str  # "fact" or "playbook"
    text: str  # what the room promised (`16.00`), or the playbook's interval
    key: str  # identifies the promise in the timeline (one overdue/met event each)

    def remaining(self, clock: float) -> float:
        return self.due_clock - clock

    @property
    def label(self) -> str:
        return promise_label(self.text, self.source)


def _iso_moment(value: str) -> dt.datetime | None:
    """A `next_update` written as an ISO date-time (`2026-11-28T16:00`), else None."""
    value = value.strip()
    if "T" not in value and not re.match(r"^\d{4}-\d\d-\d\d ", value):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def promised_moment(value: str, made_at: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime | None:
    """When a `next_update` value falls: an ISO date-time, or the next such time of day after `made_at`,
    read in `zone` (None: the institution's time zone, `CRISISCOMM_TZ`, whatever the machine's)."""
    zone = zone or config.current().tz
    value = value.strip()
    moment = _iso_moment(value)
    if moment is not None:
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    match = _TIME_OF_DAY.search(value)
    if match is None:
        return None
    local = made_at.astimezone(zone)
    due = local.replace(hour=int(match.group(1)), minute=int(match.group(2)), second=0, microsecond=0)
    return due if due > local else due + dt.timedelta(days=1)


def _times_of_day(text: str) -> set[tuple[int, int]]:
    return {(int(h), int(m)) for h, m in _TIME_OF_DAY.findall(text or "")}


def _announces(body: str, promise: dict) -> bool:
    """Does a published text repeat the promise (so it announces it rather than keeps it)?"""
    promised = _times_of_day(promise["promised"])
    return bool(promised) and promised <= _times_of_day(body)


def _promise_rows(store: Store, incident_id: int) -> list[dict]:
    return store.all(
        "SELECT e.id, e.kind, e.wall_time, e.clock, e.payload, v.body FROM events e"
        " LEFT JOIN statement_versions v ON e.kind = 'statement.published'"
        "  AND v.statement_id = json_extract(e.payload, '$.statement') AND v.version = json_extract(e.payload, '$.version')"
        " WHERE e.incident_id = ? AND ((e.kind = 'fact.set' AND json_extract(e.payload, '$.key') = ?)"
        "  OR e.kind = 'statement.published') ORDER BY e.id", (incident_id, PROMISE_FACT))


def history(store: Store, incident: Incident, *, now: dt.datetime | None = None) -> list[dict]:
    """Every `next_update` promise and what became of it, oldest first.

    Outcome: `met` (`late_s`: how late), `renewed` (replaced by a new promise
    before it fell due, and no update came), `missed` (it fell due unmet and a
    later promise replaced it), `overdue` (the last one, unmet and past due) or
    `pending`. A promise replaced by a newer one is still kept by the next update:
    the update at 16.00 that announces 17.00 keeps the promise of 16.00.
    """
    clock_map = None
    start = world_time.scenario_start(store, incident)  # a scenario's promises fall in its own time
    promises: list[dict] = []
    for row in _promise_rows(store, incident.id):
        clock = row["clock"]
        if clock is None:
            clock_map = clock_map or ClockMap.load(store, incident)
            clock = clock_map.at(row["wall_time"]) or 0.0
        if row["kind"] == "statement.published":
            for promise in promises:
                if promise["outcome"] is None and not _announces(row["body"] or "", promise):
                    promise.update(outcome="met", met_clock=round(clock, 3),
                                   late_s=round(max(0.0, clock - promise["due_clock"]), 3))
            continue
        value = json.loads(row["payload"]).get("value", "")
        made_at = parse_iso(row["wall_time"]) if start is None else start + dt.timedelta(seconds=clock)
        due = promised_moment(value, made_at, start.tzinfo if start else None)
        if due is not None:
            promises.append({"key": f"fact:{row['id']}", "promised": value, "made_clock": round(clock, 3),
                             "due_clock": round(clock + (due - made_at).total_seconds(), 3), "outcome": None,
                             "met_clock": None, "late_s": None})
    current = incidents.clock_at(incident, now or utc_now())
    for promise, successor in zip(promises, promises[1:] + [None]):
        if promise["outcome"] is not None:
            continue
        if successor is not None:
            promise["outcome"] = "renewed" if successor["made_clock"] <= promise["due_clock"] else "missed"
        else:
            promise["outcome"] = "overdue" if current > promise["due_clock"] else "pending"
    return promises


def _playbook_promise(store: Store, incident: Incident) -> Promise | None:
    from crisiscomm.checklist import incident_playbook
    from crisiscomm.errors import CrisisError

    published = store.one("SELECT id, clock FROM events WHERE incident_id = ? AND kind = 'statement.published'"
                          " AND clock IS NOT NULL ORDER BY id DESC LIMIT 1", (incident.id,))
    if published is None:
        return None
    try:
        every = incident_playbook(store, incident).update_every
    except CrisisError:
        return None
    if not every:
        return None
    return Promise(published["clock"] + every, published["clock"], "playbook", f"{every // 60}m",
                   f"publish:{published['id']}")


@dataclass(frozen=True)
class Status:
    promise: Promise | None
    clock: float
    met_clock: float | None  # the publication that kept the promise

    @property
    def overdue(self) -> bool:
        return self.promise is not None and self.met_clock is None and self.clock > self.promise.due_clock

    @property
    def remaining(self) -> float | None:
        return None if self.promise is None else self.promise.remaining(self.clock)


def status(store: Store, incident: Incident, *, now: dt.datetime | None = None) -> Status:
    """The promise in force and where it stands now."""
    now = now or utc_now()
    clock = incidents.clock_at(incident, now)
    promises = history(store, incident, now=now)
    if promises:
        last = promises[-1]
        promise = Promise(last["due_clock"], last["made_clock"], "fact", last["promised"], last["key"])
        return Status(promise, clock, last["met_clock"])
    return Status(_playbook_promise(store, incident), clock, None)


def check(store: Store, incident: Incident, *, operator: str, now: dt.datetime | None = None) -> list[dict]:
    """Log `update.overdue` / `update.met` once per promise; returns the events appended."""
    if incident.is_closed:
        return []
    appended = []
    with store.write():
        found = status(store, incident, now=now)
        promise = found.promise
        if promise is None:
            return []
        logged = {r["kind"] for r in store.all(
            "SELECT kind FROM events WHERE incident_id = ? AND kind IN ('update.overdue', 'update.met')"
            " AND json_extract(payload, '$.promise') = ?", (incident.id, promise.key))}
        base = {"promise": promise.key, "promised": promise.text, "source": promise.source,
                "due_clock": round(promise.due_clock, 3)}
        if found.overdue and "update.overdue" not in logged:
            appended.append(timeline.append(store, "update.overdue", base, operator=operator,
                                            incident_id=incident.id, clock=promise.due_clock))
        if found.met_clock is not None and "update.met" not in logged:
            late = max(0.0, found.met_clock - promise.due_clock)
            appended.append(timeline.append(store, "update.met", {**base, "late_s": round(late, 3)},
                                            operator=operator, incident_id=incident.id, clock=found.met_clock))
    return appended


def metrics(store: Store, incident: Incident, *, now: dt.datetime | None = None) -> dict:
    """The report's `update_cadence` block: how the room kept its promises of the next update."""
    items = history(store, incident, now=now)
    if not items:
        return {"available": False, "reason": "no_update_promised"}
    late = [p["late_s"] for p in items if p["outcome"] == "met" and p["late_s"]]
    count = {outcome: sum(p["outcome"] == outcome for p in items) for outcome in OUTCOMES}
    return {
        "available": True,
        "promised": len(items),
        "met_on_time": count["met"] - len(late),
        "met_late": len(late),
        "renewed": count["renewed"],
        "missed": count["missed"] + count["overdue"],
        "pending": count["pending"],
        "max_late_s": max(late) if late else None,
        "promises": items,
    }
