"""`crisiscomm verify`: the whole record checked offline.

1. The chain: every event's hash (its first form before schema 16, the second
   after, see crisiscomm.timeline), ids without gaps, each prev_hash the hash
   before it, and `--head` in it.
2. Redactions: an event whose payload no longer matches its payload_hash is
   accepted only when a later `mention.erased` event names it with the digest
   of the payload it now has (crisiscomm.erasure).
3. State: every row of every sealed table (crisiscomm.seal) has the digest the
   newest event that touched it recorded; a row no event recorded, and a
   recorded row that is gone, are named too; and each event that changed a
   row found it as the event before had recorded it (an edit outside
   crisiscomm that a later action changed again is named all the same).
4. Signatures: every signed approval verifies against the approver's public
   key in team.toml (crisiscomm.signing).

The first problem found is named; the others are counted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from crisiscomm import audit_strings, seal, signing  # noqa: F401  (audit_strings: its words)
from crisiscomm.i18n import t
from crisiscomm.store import Store
from crisiscomm.timeline import GENESIS, event_hash, event_hash_v2

COLUMNS = "id, incident_id, wall_time, clock, operator, kind, payload, prev_hash, hash, payload_hash, rows"


@dataclass
class Verification:
    ok: bool
    count: int
    head: str
    broken_id: int | None = None
    problem: str = ""
    rows: int = 0  # state rows compared with their events
    problems: int = 0  # how many were found in all
    signed: list[signing.Checked] = field(default_factory=list)
    redacted: int = 0

    def describe(self) -> str:
        if self.ok:
            signed = t("record.signed", count=len(self.signed)) if self.signed else ""
            redacted = t("record.redacted", count=self.redacted) if self.redacted else ""
            return t("record.holds", events=self.count, rows=self.rows, signed=signed, redacted=redacted,
                     head=self.head)
        where = t("record.at_event", id=self.broken_id) if self.broken_id is not None else ""
        more = t("record.more", count=self.problems - 1) if self.problems > 1 else ""
        return t("record.broken", where=where, problem=self.problem, more=more)


@dataclass
class _Pass:
    """What one scan of the timeline gathers for the later checks."""

    seals: dict[tuple[str, str], tuple[int, str | None]] = field(default_factory=dict)
    unmatched_payloads: dict[int, str] = field(default_factory=dict)  # event -> digest of its payload now
    unchecked_v1: set[int] = field(default_factory=set)  # first-form events whose hash fails
    redactions: dict[int, str] = field(default_factory=dict)
    approvals: list[dict] = field(default_factory=list)
    kinds: dict[int, str] = field(default_factory=dict)
    state: list[tuple[int | None, str]] = field(default_factory=list)  # rows changed outside between events


def verify(store: Store, head_hash: str | None = None) -> Verification:
    with store.snapshot():
        return _verify(store, head_hash)


def _verify(store: Store, head_hash: str | None) -> Verification:
    gathered = _Pass()
    prev, expected_id, count = GENESIS, 1, 0
    seen_head = head_hash is None or head_hash == GENESIS
    for row in store.rows(f"SELECT {COLUMNS} FROM events ORDER BY id"):
        (event_id, incident_id, wall, clock, operator, kind, payload, prev_hash, stored, payload_hash, rows) = row
        if event_id != expected_id:
            return Verification(False, count, prev, expected_id, t("record.missing", id=expected_id), problems=1)
        if prev_hash != prev:
            return Verification(False, count, prev, event_id, t("record.prev_hash"), problems=1)
        if payload_hash is None:
            if event_hash(event_id, incident_id, wall, clock, operator, kind, payload, prev_hash) != stored:
                gathered.unchecked_v1.add(event_id)
                gathered.unmatched_payloads[event_id] = _digest(payload)
        else:
            if event_hash_v2(event_id, incident_id, wall, clock, operator, kind, payload_hash, rows or "",
                             prev_hash) != stored:
                return Verification(False, count, prev, event_id, t("record.content"), problems=1)
            if _digest(payload) != payload_hash:
                gathered.unmatched_payloads[event_id] = _digest(payload)
        _gather(gathered, event_id, operator, kind, payload, rows)
        prev = stored
        count += 1
        expected_id += 1
        if not seen_head and stored == head_hash:
            seen_head = True
    if not seen_head:
        return Verification(False, count, prev, None, t("record.head_missing", head=head_hash),
                            problems=1)
    state, rows = _state_problems(store, gathered)
    checked, signature_problems = signing.check_approvals(store, gathered.approvals)
    problems = _payload_problems(gathered) + gathered.state + state + signature_problems
    if problems:
        event_id, text = min(problems, key=lambda p: (p[0] is None, p[0] or 0))
        return Verification(False, count, prev, event_id, text, rows=rows, problems=len(problems), signed=checked)
    redacted = sum(1 for event_id, now in gathered.unmatched_payloads.items() if gathered.redactions.get(event_id) == now)
    return Verification(True, count, prev, rows=rows, signed=checked, redacted=redacted)


def _digest(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _gather(gathered: _Pass, event_id: int, operator: str, kind: str, payload: str, rows: str | None) -> None:
    if rows:
        for table, entries in json.loads(rows).items():
            for key, digest in entries.items():
                if isinstance(digest, list):  # [now, before]: the row was as the event before left it
                    digest, before = digest
                    _check_before(gathered, event_id, kind, table, key, before)
                gathered.seals[(table, key)] = (event_id, digest)
    if kind == "mention.erased":
        for redacted in json.loads(payload).get("redacted_events", []):
            if isinstance(redacted, dict) and isinstance(redacted.get("id"), int) and redacted["id"] < event_id:
                gathered.redactions[redacted["id"]] = redacted.get("payload_sha256")
    elif kind == "statement.approved" and '"signature"' in payload:
        gathered.approvals.append({"event": event_id, "operator": operator, **json.loads(payload)})
    gathered.kinds[event_id] = kind


def _check_before(gathered: _Pass, event_id: int, kind: str, table: str, key: str, before: str) -> None:
    """A row an event changed must have been as the event that sealed it last left it."""
    recorded = gathered.seals.get((table, key))
    if recorded is None:
        gathered.state.append((event_id, t("record.row_added_then_changed", table=table, row=_shown(key),
                                           id=event_id, kind=kind)))
    elif recorded[1] != before:
        gathered.state.append((event_id, t("record.row_changed_between", table=table, row=_shown(key),
                                           first=recorded[0], first_kind=gathered.kinds.get(recorded[0]),
                                           id=event_id, kind=kind)))


def _payload_problems(gathered: _Pass) -> list[tuple[int | None, str]]:
    problems = []
    for event_id, now in gathered.unmatched_payloads.items():
        if gathered.redactions.get(event_id) == now:
            continue
        what = t("record.content") if event_id in gathered.unchecked_v1 else t("record.payload")
        problems.append((event_id, what))
    return problems


def _shown(key: str) -> str:
    values = json.loads(key)
    return str(values[0]) if len(values) == 1 else "(" + ", ".join(str(v) for v in values) + ")"


def _state_problems(store: Store, gathered: _Pass) -> tuple[list[tuple[int | None, str]], int]:
    """(problems, rows compared) of every sealed table against the digests the events recorded."""
    problems: list[tuple[int | None, str]] = []
    seals = gathered.seals
    compared = 0
    version = store.scalar("PRAGMA user_version")
    named = {table for table, _key in seals}
    for table in seal.SEALED:
        if version < seal.SEALED_SINCE.get(table, 0) and table not in named:
            continue  # an archive from before this table was sealed: nothing to compare its rows with
        reader = seal.TableReader(store.conn, table)
        for key, digest in reader.every_row(store.conn):
            compared += 1
            recorded = seals.pop((table, key), None)
            if recorded is None:
                problems.append((None, t("record.row_added", table=table, row=_shown(key))))
            elif recorded[1] != digest:
                event_id = recorded[0]
                problems.append((event_id, t("record.row_changed", table=table, row=_shown(key), id=event_id,
                                             kind=gathered.kinds.get(event_id))))
    for (table, key), (event_id, digest) in seals.items():
        if digest is not None:
            problems.append((event_id, t("record.row_deleted", table=table, row=_shown(key), id=event_id,
                                         kind=gathered.kinds.get(event_id))))
    return problems, compared
