"""The append-only, hash-chained timeline.

Each event's hash covers its id, its fields and the previous event's hash, so a
changed, removed or reordered event breaks the chain. Removing events from the
end leaves a valid shorter chain; `verify(head=...)` catches that against a
head published earlier (in a report, say).

Events written since the record migration (schema 16) hash `payload_hash`
(the SHA-256 of the payload) instead of the payload, so an erasure can redact
a payload and the chain still holds, and `rows`: the digests of the state rows
the event changed (crisiscomm.seal). Older events keep their first form and
verify as before. The full check (chain, state rows, redactions, signatures)
is crisiscomm.audit.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

from crisiscomm import seal
from crisiscomm.clock import clock_at, utc_now_iso
from crisiscomm.models import Incident
from crisiscomm.store import Store

GENESIS = "0" * 64


canonical = seal.canonical


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


def payload_digest(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def event_hash_v2(
    event_id: int, incident_id: int | None, wall_time: str, clock: float | None, operator: str, kind: str,
    payload_hash: str, rows: str, prev_hash: str,
) -> str:
    """The hash of an event written since schema 16: its payload by digest, its sealed rows in full."""
    body = canonical(["v2", event_id, incident_id, wall_time, clock, operator, kind, payload_hash, rows, prev_hash])
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
        sealed = seal.take_pending(store.conn)
        rows = canonical(sealed) if sealed else ""
        payload_hash = payload_digest(payload_text)
        digest = event_hash_v2(event_id, incident_id, wall, clock, operator, kind, payload_hash, rows, prev)
        store.execute(
            "INSERT INTO events (id, incident_id, wall_time, clock, operator, kind, payload, prev_hash, hash,"
            " payload_hash, rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, incident_id, wall, clock, operator, kind, payload_text, prev, digest, payload_hash, rows),
        )
        store.last_actor = (operator, incident_id)
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


def last_id(store: Store, incident_id: int | None = None) -> int:
    """The newest event's id (of one incident, when given; 0 before the first): cheap change detection."""
    if incident_id is None:
        return store.scalar("SELECT coalesce(max(id), 0) FROM events")
    return store.scalar("SELECT coalesce(max(id), 0) FROM events WHERE incident_id = ?", (incident_id,))


def head(store: Store) -> tuple[int, str]:
    row = store.one("SELECT count(*) AS n, (SELECT hash FROM events ORDER BY id DESC LIMIT 1) AS h FROM events")
    return row["n"], row["h"] or GENESIS


def seal_leftovers(store: Store) -> None:
    """Before a write commits: state rows changed after its last event are sealed by one more event."""
    try:
        pending = store.scalar("SELECT count(*) FROM record_pending")
    except sqlite3.OperationalError:  # a database not yet migrated to schema 16
        return
    if pending:
        operator, incident_id = getattr(store, "last_actor", None) or ("crisiscomm", None)
        append(store, "record.sealed", {"rows": pending}, operator=operator, incident_id=incident_id)


Store.before_commit.append(seal_leftovers)


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
