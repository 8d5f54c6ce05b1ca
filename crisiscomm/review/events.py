"""Filtered, paged reads of an incident's timeline (newest or oldest first).

`EventQuery` is the `PageSource` of the timeline screen and the reader behind
`crisiscomm timeline`: it counts and fetches pages straight from SQLite, so
100,000 events cost one page at a time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from crisiscomm.paging import Survey
from crisiscomm.store import Store
from crisiscomm.text import fold

FOLD_FUNCTION = "cc_review_fold"
TEXT_CAP = 1000
SUMMARY_CAP = 200

# Payload keys that point at a related record, per record type.
RELATED_KEYS = {
    "mention": ("mention", "mention_id", "mentions", "mention_ids", "first_mention_id"),
    "statement": ("statement", "statement_id", "correction_statement_id"),
    "claim": ("claim", "claim_id"),
}


def _ensure_fold(store: Store) -> None:
    """Register the Turkish fold on this connection (once), for searching payloads."""
    if not getattr(store, "_review_fold", False):
        store.create_function(FOLD_FUNCTION, 1, lambda s: fold(s) if s is not None else None)
        store._review_fold = True


@dataclass(frozen=True)
class EventFilter:
    incident_id: int
    kind: str | None = None
    operator: str | None = None
    search: str | None = None
    newest_first: bool = True

    def where(self) -> tuple[str, list]:
        clauses, params = ["incident_id = ?"], [self.incident_id]
        if self.kind:
            # `statement` matches every `statement.*` kind; `statement.approved` only itself.
            clauses.append("(kind = ? OR kind LIKE ? ESCAPE '\\')")
            params += [self.kind, _like_prefix(self.kind) + ".%"]
        if self.operator:
            clauses.append("operator = ?")
            params.append(self.operator)
        if self.search and self.search.strip():
            clauses.append(f"instr({FOLD_FUNCTION}(kind || ' ' || operator || ' ' || payload), ?) > 0")
            params.append(fold(self.search.strip()))
        return " AND ".join(clauses), params


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def decode(row: dict) -> dict:
    try:
        row["payload"] = json.loads(row["payload"])
    except (TypeError, ValueError):
        row["payload"] = {"raw": row["payload"]}
    return row


class EventQuery:
    """count() and fetch(offset, limit) over the events that pass a filter.

    `store` is a Store or a callable returning the Store of the calling thread
    (the dashboard counts in a worker and fetches on the UI thread).
    """

    def __init__(self, store: Store | Callable[[], Store], flt: EventFilter):
        self._store = store
        self.filter = flt

    def _db(self) -> Store:
        store = self._store() if callable(self._store) else self._store
        if self.filter.search:
            _ensure_fold(store)
        return store

    def count(self) -> int:
        where, params = self.filter.where()
        return self._db().scalar(f"SELECT count(*) FROM events WHERE {where}", params) or 0

    def fetch(self, offset: int, limit: int, total: int | None = None) -> list[dict]:
        where, params = self.filter.where()
        order = "DESC" if self.filter.newest_first else "ASC"
        rows = self._db().all(
            f"SELECT id, incident_id, wall_time, clock, operator, kind, payload, hash FROM events"
            f" WHERE {where} ORDER BY id {order} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [decode(r) for r in rows]

    def survey(self, event_id: int | None, mark: int | None) -> Survey:
        """Count, find an event's row and count the events after `mark`, in one snapshot."""
        where, params = self.filter.where()
        store = self._db()
        with store.snapshot():
            total = store.scalar(f"SELECT count(*) FROM events WHERE {where}", params) or 0
            newest = store.scalar(f"SELECT max(id) FROM events WHERE {where}", params) or 0
            index = None
            if event_id is not None and store.scalar(f"SELECT 1 FROM events WHERE {where} AND id = ?", (*params, event_id)):
                before = "id > ?" if self.filter.newest_first else "id < ?"
                index = store.scalar(f"SELECT count(*) FROM events WHERE {where} AND {before}", (*params, event_id))
            newer = 0
            if mark is not None and newest > mark:
                newer = store.scalar(f"SELECT count(*) FROM events WHERE {where} AND id > ?", (*params, mark))
        return Survey(total, index, newer, newest)

    def iterate(self, page: int = 2000):
        """Every matching event, page by page (for exports)."""
        offset = 0
        while True:
            rows = self.fetch(offset, page)
            yield from rows
            if len(rows) < page:
                return
            offset += page


def kinds(store: Store, incident_id: int) -> list[tuple[str, int]]:
    """(kind, count) of an incident's events, most frequent first."""
    rows = store.all(
        "SELECT kind, count(*) AS n FROM events WHERE incident_id = ? GROUP BY kind ORDER BY n DESC, kind",
        (incident_id,),
    )
    return [(r["kind"], r["n"]) for r in rows]


def operators(store: Store, incident_id: int) -> list[str]:
    rows = store.all("SELECT DISTINCT operator FROM events WHERE incident_id = ? ORDER BY operator", (incident_id,))
    return [r["operator"] for r in rows]


def _ids(value) -> list[int]:
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        if isinstance(v, bool):
            continue
        if isinstance(v, int):
            out.append(v)
        elif isinstance(v, str) and v.isdigit():
            out.append(int(v))
    return out


def related(event: dict) -> list[tuple[str, int]]:
    """(record type, id) pairs an event's payload points at: mentions, statements, claims."""
    payload = event.get("payload") or {}
    found: list[tuple[str, int]] = []
    if not isinstance(payload, dict):
        return found
    kind = event.get("kind", "")
    for record, keys in RELATED_KEYS.items():
        for key in keys:
            for i in _ids(payload.get(key)):
                if (record, i) not in found:
                    found.append((record, i))
        # `mention.triaged {"id": 7}` style: a bare id belongs to the event's own area.
        area = kind.split(".", 1)[0].rstrip("s")
        if area == record:
            for i in _ids(payload.get("id")) + _ids(payload.get("ids")):
                if (record, i) not in found:
                    found.append((record, i))
    return found


def shorten(text, cap: int = TEXT_CAP) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= cap else text[: cap - 1] + "…"


def summary(payload, cap: int = SUMMARY_CAP) -> str:
    """An event's payload as `key=value, …` on one line."""
    if not isinstance(payload, dict):
        return shorten(json.dumps(payload, ensure_ascii=False), cap)
    parts = []
    for key, value in payload.items():
        if value in (None, "", [], {}):
            continue
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        parts.append(f"{key}={shown}")
    return shorten(" ".join(", ".join(parts).split()), cap)
