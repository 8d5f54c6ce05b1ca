"""What the wall screen shows, read in one snapshot (UI-free; the wall never writes).

The wall is for a room, not an operator: the incident and its clock, the
promised next update, the next deadlines and who owns them, the mention rate
with spikes, open contradictions, claims still being verified and the fact
sheet. `read` gathers it; the Textual wall (crisiscomm/tui/wall/) shows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from crisiscomm import cadence, incidents
from crisiscomm.clock import utc_now
from crisiscomm.errors import CrisisError
from crisiscomm.models import Incident
from crisiscomm.store import Store
from crisiscomm.world_time import World

DEADLINES = 6
CLAIMS = 6
CONTRADICTIONS = 6
OPEN_CLAIM_STATES = ("unverified", "verifying")


@dataclass(frozen=True)
class Wall:
    incident: Incident | None
    promise: cadence.Status | None = None
    deadlines: list[dict] = field(default_factory=list)
    rate: list[int] = field(default_factory=list)  # mentions per minute, oldest first
    spike: dict | None = None  # the newest logged spike, with its explanation when known
    contradictions: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    world: World = field(default_factory=World)  # the incident's time (a drill's scenario time)

    @property
    def exercise(self) -> bool:
        return bool(self.incident) and self.incident.is_exercise


def _deadlines(store: Store, incident: Incident, now: dt.datetime) -> list[dict]:
    from crisiscomm.checklist import OPEN_STATES, items_for

    try:
        items = items_for(store, incident, now=now)
    except CrisisError:
        return []
    open_items = sorted((i for i in items if i["state"] in OPEN_STATES), key=lambda i: i["due_clock"])
    return [{"title": i["title"], "owner": i["owner_title"], "due_clock": i["due_clock"],
             "state": i["state"]} for i in open_items[:DEADLINES]]


def _contradictions(store: Store, incident_id: int) -> list[dict]:
    from crisiscomm.consistency import BAD_STATES, matrix

    cells = [c for c in matrix(store, incident_id)["cells"] if c["state"] in BAD_STATES]
    return [{"channel": c["channel"], "fact": c["fact"], "fact_name": c["fact_name"], "value": c["value"], "expected": c["expected"],
             "state": c["state"]} for c in cells[:CONTRADICTIONS]]


def _claims(store: Store, incident_id: int) -> list[dict]:
    from crisiscomm.claims import list_claims

    views = [v for v in list_claims(store, incident_id, order="spread") if v["status"] in OPEN_CLAIM_STATES]
    return [{"id": v["id"], "text": v["text"], "status": v["status"], "per_hour": v["spread_per_hour"],
             "mentions": len(v["mentions"])} for v in views[:CLAIMS]]


def _last_spike(store: Store, incident_id: int) -> dict | None:
    import json

    row = store.one("SELECT clock, wall_time, payload FROM events WHERE incident_id = ? AND kind = 'mentions.spike'"
                    " ORDER BY id DESC LIMIT 1", (incident_id,))
    if row is None:
        return None
    return {**json.loads(row["payload"]), "clock": row["clock"], "wall_time": row["wall_time"]}


def read(store: Store, incident_id: int | None = None, *, now: dt.datetime | None = None) -> Wall:
    """The wall for an incident (default: the newest open one)."""
    from crisiscomm import facts
    from crisiscomm.feeds.spikes import per_minute

    now = now or utc_now()
    with store.snapshot():
        incident = incidents.get(store, incident_id) if incident_id else incidents.current_incident(store)
        if incident is None:
            return Wall(None)
        return Wall(
            incident=incident,
            promise=cadence.status(store, incident, now=now),
            deadlines=_deadlines(store, incident, now),
            rate=per_minute(store, incident, now=now),
            spike=_last_spike(store, incident.id),
            contradictions=_contradictions(store, incident.id),
            claims=_claims(store, incident.id),
            facts=[facts.public_view(f) for f in facts.current(store, incident.id).values()],
            world=World.load(store, incident),
        )
