"""The append-only, hash-chained timeline.

Each event's hash covers its id, its fields and the previous event's hash, so a
changed, removed or reordered event breaks the chain. Removing events from the
end leaves a valid shorter chain; `verify(head=...)` catches that against a
head published earlier (in a report, say).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from crisiscomm.clock import clock_at, utc_now_iso
from crisiscomm.models import Incident
from crisiscomm.store import Store

GENESIS = "0" * 64


def canonical(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(
    event_id: int,
    incident_id: int | None,
    wall_time: str,
    clock: float | None,
    operator: str,
    kind: str,
    payload: str,
    prev_hash: str,
) -> str:
    body = canonical([event_id, incident_id, wall_time, clock, operator, kind, payload, prev_hash])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(
    store: Store,
    kind: str,
    payload: dict | None = None,
    *,
    operator: str,
    incident_id: int | None = None,
    clock: float | None = None,
    wall_time: str | None = None,
) -> dict:
    """Append one event inside the caller's transaction (or a new one).

    The store's reactor (set by the use-case layer's session) then runs the
    reactions registered for the event's kind, in the same transaction.
    """
    payload_text = canonical(payload or {})
    wall = wall_time or utc_now_iso()
    with store.write():
        if clock is None and incident_id is not None:
            row = store.one("SELECT * FROM incidents WHERE id = ?", (incident_id,))
            clock = clock_at(Incident.from_row(row)) if row else None
        if clock is not None:
            clock = round(float(clock), 3)
        last = store.one("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")
        prev = last["hash"] if last else GENESIS
        event_id = (last["id"] if last else 0) + 1
        digest = event_hash(event_id, incident_id, wall, clock, operator, kind, payload_text, prev)
        store.execute(
            "INSERT INTO events (id, incident_id, wall_time, clock, operator, kind, payload, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, incident_id, wall, clock, operator, kind, payload_text, prev, digest),
        )
        event = {
            "id": event_id,
            "incident_id": incident_id,
            "wall_time": wall,
            "clock": clock,
            "operator": operator,
            "kind": kind,
            "payload": payload or {},
            "hash": digest,
        }
        if store.reactor is not None:
            store.reactor(store, event)
    return event


@dataclass
class Verification:
    ok: bool
    count: int
    head: str
    broken_id: int | None = None
    problem: str = ""

    def describe(self) -> str:
        if self.ok:
            return f"chain holds: {self.count} events, head {self.head}"
        where = f"event {self.broken_id}: " if self.broken_id is not None else ""
        return f"chain broken at {where}{self.problem}"


def last_id(store: Store, incident_id: int | None = None) -> int:
    """The newest event's id (of one incident, when given; 0 before the first): cheap change detection."""
    if incident_id is None:
        return store.scalar("SELECT coalesce(max(id), 0) FROM events")
    return store.scalar("SELECT coalesce(max(id), 0) FROM events WHERE incident_id = ?", (incident_id,))


def head(store: Store) -> tuple[int, str]:
    row = store.one("SELECT count(*) AS n, (SELECT hash FROM events ORDER BY id DESC LIMIT 1) AS h FROM events")
    return row["n"], row["h"] or GENESIS


def verify(store: Store, head_hash: str | None = None) -> Verification:
    """Recompute the chain; with `head_hash`, also require that head to be in it."""
    prev = GENESIS
    expected_id = 1
    count = 0
    seen_head = head_hash is None or head_hash == GENESIS
    cur = store.rows(
        "SELECT id, incident_id, wall_time, clock, operator, kind, payload, prev_hash, hash FROM events ORDER BY id"
    )
    for row in cur:
        event_id = row["id"]
        if event_id != expected_id:
            return Verification(False, count, prev, expected_id, f"event {expected_id} is missing")
        if row["prev_hash"] != prev:
            return Verification(False, count, prev, event_id, "its prev_hash does not match the event before it")
        digest = event_hash(
            event_id, row["incident_id"], row["wall_time"], row["clock"], row["operator"],
            row["kind"], row["payload"], row["prev_hash"],
        )
        if digest != row["hash"]:
            return Verification(False, count, prev, event_id, "its content does not match its hash")
        prev = digest
        count += 1
        expected_id += 1
        if not seen_head and digest == head_hash:
            seen_head = True
    if not seen_head:
        return Verification(
            False, count, prev, None,
            f"head {head_hash} is not in the chain: events up to it were removed or it was never published here",
        )
    return Verification(True, count, prev)


def events(
    store: Store,
    incident_id: int | None = None,
    *,
    after_id: int = 0,
    limit: int = 500,
    newest_first: bool = False,
) -> list[dict]:
    where, params = ["id > ?"], [after_id]
    if incident_id is not None:
        where.append("incident_id = ?")
        params.append(incident_id)
    order = "DESC" if newest_first else "ASC"
    rows = store.all(
        f"SELECT * FROM events WHERE {' AND '.join(where)} ORDER BY id {order} LIMIT ?", (*params, limit)
    )
    for row in rows:
        row["payload"] = json.loads(row["payload"])
    return rows
