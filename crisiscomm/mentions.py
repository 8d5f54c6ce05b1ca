"""Mentions: storing sanitised feed items (deduped, indexed), scoping them to an
incident, paging them, and triage.

An incident's mentions are those with its `incident_id` (drill injects) and the
feed mentions (`incident_id` NULL) fetched while it was open; earlier ones on
request. A mention can count for several incidents, so its triage state is kept
per incident × mention (`triage`; no row: `new`). Every ingest batch with new
items and every triage change appends one timeline event, in the same transaction.
"""

from __future__ import annotations

import bisect
import hashlib
import threading
from collections.abc import Iterable
from typing import Any

from crisiscomm import timeline, tombstones
from crisiscomm.clock import utc_now_iso
from crisiscomm.errors import CrisisError, NotFound, Refused
from crisiscomm.i18n import t
from crisiscomm.feeds import search as fts
from crisiscomm.paging import Survey
from crisiscomm.feeds.links import norm_link
from crisiscomm.models import Incident
from crisiscomm.store import Store
from crisiscomm.text import clean_field, match_keywords

STATES = ("new", "seen", "flagged", "escalated", "answered", "ignored")
ORDERS = ("arrival", "published")  # newest first by when it reached us, or by when it was published
PUBLISHED = "coalesce(m.published_at, m.fetched_at)"
_CHUNK = 500
ANCHOR_STEP = 1000
# A more trusted source is never hidden behind a less trusted one with the same page.
TRUST_RANK = {"social": 0, "media": 1, "official": 2}
_RANK_SQL = "CASE f.trust WHEN 'official' THEN 2 WHEN 'media' THEN 1 ELSE 0 END"
POST_TYPES = ("reply", "boost", "quote", "forward")

MENTION_COLUMNS = (
    "m.id, m.feed_id, m.incident_id, m.title, m.text, m.link, m.author, m.published_at,"
    " m.fetched_at, m.claim_id, m.duplicate_of, m.handle, m.reach, m.shares, m.post_type, m.lang,"
    " f.name AS feed, f.trust AS trust, f.kind AS source"
)
FEED_JOIN = "LEFT JOIN feeds f ON f.id = m.feed_id"
MENTION_FROM = f"mentions m {FEED_JOIN}"
# the mention's state in the incident whose id is the query's first parameter
STATE_COLUMN = "coalesce((SELECT t.state FROM triage t WHERE t.incident_id = ? AND t.mention_id = m.id), 'new') AS state"


def _chunks(values: list, size: int = _CHUNK) -> Iterable[list]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _clean_item(item: dict) -> dict | None:
    """Sanitise one raw item; None when nothing readable is left."""
    html_input = not item.get("plain", False)
    title = clean_field(item.get("title"), "title", html_input=html_input)
    text = clean_field(item.get("text"), "text", html_input=html_input)
    if not title and not text:
        return None
    link = clean_field(item.get("link"), "link")
    if link and norm_link(link) is None:
        link = ""  # javascript:, data:, file:, malformed … are never kept as links
    content_hash = hashlib.sha1(f"{title}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
    guid = clean_field(item.get("guid"), "guid") or link or content_hash
    post_type = item.get("post_type")
    return {
        "guid": guid,
        "link": link or None,
        "norm_link": norm_link(link),
        "author": clean_field(item.get("author"), "author"),
        "title": title,
        "text": text,
        "published_at": item.get("published_at") or None,
        "content_hash": content_hash,
        "handle": clean_field(item.get("handle"), "author") or None,
        "reach": _count(item.get("reach")),
        "shares": _count(item.get("shares")),
        "post_type": post_type if post_type in POST_TYPES else None,
        "lang": clean_field(item.get("lang"), "author")[:16] or None,
    }


def _count(value: object) -> int | None:
    """A follower or share count from outside: a non-negative int, else nothing."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value < 0:
        return None
    return int(min(value, 10**12))


def add_mentions(
    store: Store,
    items: Iterable[dict],
    *,
    operator: str,
    feed_id: int | None = None,
    incident_id: int | None = None,
    fetched_at: str | None = None,
    keep_linked: bool = False,
    event: str = "mentions.ingested",
) -> tuple[int, int]:
    """Store new items in one transaction (the caller's, when one is open); returns (new, duplicates).

    Items are dicts with title, text, link, author, guid, published_at and optionally
    handle, reach, shares, post_type, lang (raw: sanitised here; `plain=True` marks text
    already converted from HTML). Dedupe: per feed (and incident scope) by guid → link →
    content hash, and across feeds by normalised link — except that an item is stored,
    linked to the earlier one (`duplicate_of`), when its feed is official or more trusted
    than every earlier item with that page, or when `keep_linked` (a person's report).
    """
    cleaned: dict[str, dict] = {}
    duplicates = 0
    for raw in items:
        item = _clean_item(raw)
        if item is None:
            continue
        if item["guid"] in cleaned:
            duplicates += 1
        else:
            cleaned[item["guid"]] = item
    if not cleaned:
        return 0, duplicates
    fetched = fetched_at or utc_now_iso()
    scope = incident_id or 0
    fts.ensure_functions(store)
    with store.write():
        for guid in tombstones.erased_guids(store, feed_id, list(cleaned.values())):
            cleaned.pop(guid)  # erased once: never stored again
            duplicates += 1
        for chunk in _chunks(list(cleaned)):
            marks = ",".join("?" * len(chunk))
            for row in store.execute(
                f"SELECT guid FROM mentions WHERE ifnull(feed_id, 0) = ? AND ifnull(incident_id, 0) = ? AND guid IN ({marks})",
                (feed_id or 0, scope, *chunk),
            ):
                cleaned.pop(row[0], None)
                duplicates += 1
        if not cleaned:
            return 0, duplicates
        fresh, hidden = _cross_feed(store, list(cleaned.values()), feed_id, scope, keep_linked)
        duplicates += hidden
        if not fresh:
            return 0, duplicates
        # oldest first, so that newer items get higher ids (lists are newest-first by id)
        fresh.sort(key=lambda i: i["published_at"] or "")
        before = store.scalar("SELECT coalesce(max(id), 0) FROM mentions")
        store.executemany(
            "INSERT INTO mentions (feed_id, incident_id, guid, link, norm_link, author, title, text,"
            " published_at, fetched_at, content_hash, duplicate_of, handle, reach, shares, post_type, lang)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (feed_id, incident_id, i["guid"], i["link"], i["norm_link"], i["author"], i["title"],
                 i["text"], i["published_at"], fetched, i["content_hash"], i.get("duplicate_of"),
                 i["handle"], i["reach"], i["shares"], i["post_type"], i["lang"])
                for i in fresh
            ],
        )
        _link_within_batch(store, before)
        fts.index_after(store, before)
        last = store.scalar("SELECT max(id) FROM mentions")
        feed_name = store.scalar("SELECT name FROM feeds WHERE id = ?", (feed_id,)) if feed_id else None
        timeline.append(
            store, event,
            {"feed": feed_name, "feed_id": feed_id, "new": len(fresh), "duplicates": duplicates,
             "first_id": before + 1, "last_id": last},
            operator=operator, incident_id=incident_id,
        )
    return len(fresh), duplicates


def _cross_feed(store: Store, items: list[dict], feed_id: int | None, scope: int,
                keep_linked: bool) -> tuple[list[dict], int]:
    """Items to store (those sharing an earlier page get `duplicate_of`) and how many were hidden."""
    trust = store.scalar("SELECT trust FROM feeds WHERE id = ?", (feed_id,)) if feed_id else None
    rank = TRUST_RANK.get(trust or "social", 0)
    always = keep_linked or trust == "official"
    earlier: dict[str, tuple[int, int]] = {}  # norm_link -> (first id, best trust rank)
    links = sorted({i["norm_link"] for i in items if i["norm_link"]})
    for chunk in _chunks(links):
        marks = ",".join("?" * len(chunk))
        for link, first, best in store.execute(
            f"SELECT m.norm_link, min(m.id), max({_RANK_SQL}) FROM mentions m {FEED_JOIN}"
            f" WHERE m.norm_link IN ({marks}) AND ifnull(m.incident_id, 0) = ? GROUP BY m.norm_link",
            (*chunk, scope),
        ):
            earlier[link] = (first, best)
    fresh, hidden = [], 0
    batch: set[str] = set()
    for item in items:
        link = item["norm_link"]
        if link in earlier:
            first, best = earlier[link]
            if not (always or rank > best):
                hidden += 1
                continue
            item["duplicate_of"] = first
        elif link in batch and not always:
            hidden += 1  # the same page twice in one batch of one feed
            continue
        elif link in batch:
            item["duplicate_of"] = -1  # resolved to the batch's first row after the insert
        if link:
            batch.add(link)
        fresh.append(item)
    return fresh, hidden


def _link_within_batch(store: Store, before: int) -> None:
    """Point rows that repeat a page of their own batch at the batch's first row with it."""
    store.execute(
        "UPDATE mentions SET duplicate_of = (SELECT min(o.id) FROM mentions o WHERE o.id > ?"
        " AND o.norm_link = mentions.norm_link) WHERE id > ? AND duplicate_of = -1",
        (before, before),
    )


# -- scoping and reading ----------------------------------------------------------

def scope_sql(incident: Incident, *, include_earlier: bool = False) -> tuple[str, list[Any]]:
    """WHERE clause (alias m) selecting an incident's mentions."""
    # Unary + keeps SQLite from answering the OR through two indexes and then
    # sorting every match: pages walk the rowid (newest first) and stop at LIMIT.
    if incident.is_exercise:
        # A drill sees only its injects: nobody triages real posts inside an exercise.
        return "+m.incident_id = ?", [incident.id]
    end = incident.closed_at or "9999"
    if include_earlier:
        return "(+m.incident_id = ? OR (+m.incident_id IS NULL AND +m.fetched_at <= ?))", [incident.id, end]
    return (
        "(+m.incident_id = ? OR (+m.incident_id IS NULL AND +m.fetched_at >= ? AND +m.fetched_at <= ?))",
        [incident.id, incident.started_at, end],
    )


class MentionQuery:
    """An incident's mentions, newest first, filtered by state and search words; paged.

    Without a state or search filter, rows only ever join the scope at the top
    (new ids) and never leave it, so a row's position counted from the oldest
    end never changes. `count` then keeps the id of every ANCHOR_STEP-th row
    from that end (keyset anchors, extended incrementally), and a page at any
    depth is read from its anchor: a page costs the same at row 10 and at row
    500,000, and counting again reads only the new rows.
    """

    def __init__(self, incident: Incident, *, state: str | None = None, query: str = "", include_earlier: bool = False,
                 order: str = "arrival"):
        if state is not None and state not in STATES:
            raise CrisisError(t("error.mention.state", states=", ".join(STATES)))
        if order not in ORDERS:
            raise CrisisError(t("error.mention.order", orders=", ".join(ORDERS)))
        self.order = order
        self.incident = incident
        self.keywords = list(incident.keywords or [])
        where, params = scope_sql(incident, include_earlier=include_earlier)
        clauses, self.params = [where], params
        if state == "new":
            clauses.append("m.id NOT IN (SELECT mention_id FROM triage WHERE incident_id = ? AND state != 'new')")
            self.params.append(incident.id)
        elif state:
            clauses.append("m.id IN (SELECT mention_id FROM triage WHERE incident_id = ? AND state = ?)")
            self.params += [incident.id, state]
        self.match = fts.fts_query(query) if query.strip() else None
        self.empty = bool(query.strip()) and self.match is None
        self.where = " AND ".join(clauses)
        self.keyset = not state and not query.strip() and order == "arrival"
        self._anchors: list[int] = []  # id of the row at position k * ANCHOR_STEP from the oldest
        self._counted = 0  # rows counted from the oldest so far
        self._last_id = 0  # id of the newest counted row
        # a count may still run in a worker thread when the next one starts: they must not interleave
        self._count_lock = threading.Lock()

    def _sql(self, columns: str) -> tuple[str, list[Any]]:
        if self.match:
            return (
                f"SELECT {columns} FROM mentions_fts JOIN mentions m ON m.id = mentions_fts.rowid {FEED_JOIN}"
                f" WHERE mentions_fts MATCH ? AND {self.where}",
                [self.match, *self.params],
            )
        return f"SELECT {columns} FROM {MENTION_FROM} WHERE {self.where}", list(self.params)

    def _order(self, direction: str) -> str:
        if self.order == "published":
            return f"{PUBLISHED} {direction}, m.id {direction}"
        return f"{'mentions_fts.rowid' if self.match else 'm.id'} {direction}"

    def count(self, store: Store) -> int:
        if self.empty:
            return 0
        # one snapshot: rows committed between the anchor walk and the tail count would
        # otherwise be counted without an anchor
        with self._count_lock, store.snapshot():
            return self._count(store)

    def _count(self, store: Store) -> int:
        if self.keyset:
            return self._extend_anchors(store)
        sql, params = self._sql("count(*)")
        return store.scalar(sql, params)

    def survey(self, store: Store, mention_id: int | None, mark: int | None) -> Survey:
        """Count, find `mention_id`'s row and count the arrivals after `mark` (an id), in one snapshot."""
        if self.empty:
            return Survey(0, None, 0, mark or 0)
        with self._count_lock, store.snapshot():
            total = self._count(store)
            index = self._position(store, mention_id, total) if mention_id is not None else None
            sql, params = self._sql("max(m.id)")
            newest = store.scalar(sql, params) or 0
            newer = 0
            if mark is not None and newest > mark:
                sql, params = self._sql("count(*)")
                newer = store.scalar(f"{sql} AND m.id > ?", [*params, mark])
        return Survey(total, index, newer, newest)

    def present(self, store: Store, mention_ids: Iterable[int]) -> set[int]:
        """Which of these mentions are in the list."""
        ids, found = sorted(set(mention_ids)), set()
        for chunk in _chunks(ids):
            sql, params = self._sql("m.id")
            found.update(r["id"] for r in store.all(f"{sql} AND m.id IN ({','.join('?' * len(chunk))})", [*params, *chunk]))
        return found

    def _position(self, store: Store, mention_id: int, total: int) -> int | None:
        sql, params = self._sql(f"{PUBLISHED} AS p")
        row = store.one(f"{sql} AND m.id = ?", [*params, mention_id])
        if row is None:
            return None
        sql, params = self._sql("count(*)")
        if self.keyset and self._anchors:  # from the nearest anchor below it: a page's cost at any depth
            step = bisect.bisect_right(self._anchors, mention_id) - 1
            below = store.scalar(f"{sql} AND m.id >= ? AND m.id < ?", [*params, self._anchors[step], mention_id])
            return total - 1 - (step * ANCHOR_STEP + below)
        if self.order == "published":
            before = f"({PUBLISHED} > ? OR ({PUBLISHED} = ? AND m.id > ?))"
            return store.scalar(f"{sql} AND {before}", [*params, row["p"], row["p"], mention_id])
        return store.scalar(f"{sql} AND m.id > ?", [*params, mention_id])

    def _extend_anchors(self, store: Store) -> int:
        """Count the rows above the newest counted one, noting every ANCHOR_STEP-th id."""
        sql, params = self._sql("m.id")
        while True:
            skip = len(self._anchors) * ANCHOR_STEP - self._counted
            anchor = store.scalar(f"{sql} AND m.id > ? ORDER BY m.id LIMIT 1 OFFSET ?", [*params, self._last_id, skip])
            if anchor is None:
                break
            self._anchors.append(anchor)
            self._counted += skip + 1
            self._last_id = anchor
        tail = store.one(f"SELECT count(*) AS n, max(id) AS last FROM ({sql} AND m.id > ?)", [*params, self._last_id])
        if tail["n"]:
            self._counted += tail["n"]
            self._last_id = tail["last"]
        return self._counted

    def fetch(self, store: Store, offset: int = 0, limit: int | None = 100, *, total: int | None = None) -> list[dict]:
        """Rows newest first. With `total` (from `count`), pages are read from a keyset
        anchor (unfiltered) or, in the older half, from the oldest end, so that jumping
        into a million rows costs a page, not a scan."""
        if self.empty:
            return []
        sql, params = self._sql(f"{MENTION_COLUMNS}, {STATE_COLUMN}")
        params = [self.incident.id, *params]
        if (total is not None and limit is not None and self.keyset and total <= self._counted
                and (total - 1) // ANCHOR_STEP < len(self._anchors)):
            rows = self._fetch_anchored(store, sql, params, offset, limit, total)
        elif total is not None and limit is not None and offset > total // 2:
            skip = max(0, total - offset - limit)
            take = min(limit, total - offset)
            rows = store.all(f"{sql} ORDER BY {self._order('ASC')} LIMIT ? OFFSET ?", [*params, max(0, take), skip])
            rows.reverse()
        else:
            rows = store.all(f"{sql} ORDER BY {self._order('DESC')} LIMIT ? OFFSET ?",
                             [*params, -1 if limit is None else limit, offset])
        for row in rows:
            row["keywords"] = match_keywords(f"{row['title']}\n{row['text']}", self.keywords)
        return rows

    def _fetch_anchored(self, store: Store, sql: str, params: list, offset: int, limit: int, total: int) -> list[dict]:
        newest = total - 1 - offset  # the page's rows, as positions from the oldest: oldest..newest
        if newest < 0:
            return []
        oldest = max(0, newest - limit + 1)
        step = oldest // ANCHOR_STEP
        rows = store.all(
            f"{sql} AND m.id >= ? ORDER BY m.id ASC LIMIT ? OFFSET ?",
            [*params, self._anchors[step], newest - oldest + 1, oldest - step * ANCHOR_STEP],
        )
        rows.reverse()
        return rows


def incident_mentions(
    store: Store,
    incident_id: int,
    *,
    state: str | None = None,
    limit: int | None = None,
    include_earlier: bool = False,
    query: str = "",
    offset: int = 0,
) -> list[dict]:
    from crisiscomm.incidents import get

    q = MentionQuery(get(store, incident_id), state=state, query=query, include_earlier=include_earlier)
    return q.fetch(store, offset, limit)


def search(store: Store, query: str, *, limit: int = 50, offset: int = 0) -> list[dict]:
    """Every mention matching every word of `query` (Turkish-folded), newest first."""
    match = fts.fts_query(query)
    if match is None:
        return []
    return store.all(
        f"SELECT {MENTION_COLUMNS} FROM (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?"
        f" ORDER BY rowid DESC LIMIT ? OFFSET ?) AS hits JOIN mentions m ON m.id = hits.rowid {FEED_JOIN}"
        " ORDER BY m.id DESC",
        (match, limit, offset),
    )


def get_mention(store: Store, mention_id: int, incident_id: int | None = None) -> dict:
    """A mention with its triage state in `incident_id` (`new` without one)."""
    row = store.one(f"SELECT {MENTION_COLUMNS}, {STATE_COLUMN} FROM {MENTION_FROM} WHERE m.id = ?",
                    (incident_id or 0, mention_id))
    if row is None:
        raise NotFound(t("error.mention.not_found", ids=mention_id))
    return row


def incidents_of(store: Store, mention: dict) -> list[int]:
    """The incidents a mention counts for."""
    if mention.get("incident_id"):
        return [mention["incident_id"]]
    rows = store.all(
        "SELECT id FROM incidents WHERE mode = 'actual' AND started_at <= ? AND (closed_at IS NULL OR closed_at >= ?)"
        " ORDER BY id",
        (mention["fetched_at"], mention["fetched_at"]),
    )
    return [r["id"] for r in rows]


def triage_incident(store: Store, mention_ids: list[int], incident_id: int | None) -> int:
    """The incident a triage acts in: the one named, else the only active one the mentions count for."""
    found: dict[int, dict] = {}
    for chunk in _chunks(mention_ids):
        marks = ",".join("?" * len(chunk))
        for row in store.all(f"SELECT id, incident_id, fetched_at FROM mentions WHERE id IN ({marks})", chunk):
            found[row["id"]] = row
    missing = [i for i in mention_ids if i not in found]
    if missing:
        raise NotFound(t("error.mention.not_found", ids=", ".join(map(str, missing[:10]))))
    if incident_id is not None:
        from crisiscomm.incidents import get

        incident = get(store, incident_id)
        # feed mentions may be triaged in any actual incident (earlier ones on request); injects only in theirs
        outside = [m for m, row in found.items()
                   if (row["incident_id"] or None) not in (None, incident_id) or (not row["incident_id"] and incident.is_exercise)]
        if outside:
            raise Refused(t("error.mention.other_incident", id=outside[0], incident=incident_id))
        return incident_id
    # mentions of one batch share fetched_at: few distinct lookups even for thousands
    counted = {key: set(incidents_of(store, {"incident_id": key[0], "fetched_at": key[1]}))
               for key in {(row["incident_id"], row["fetched_at"]) for row in found.values()}}
    open_ids = {r["id"] for r in store.all("SELECT id FROM incidents WHERE status != 'closed'")}
    candidates = set.union(*counted.values()) & open_ids
    if len(candidates) == 1:
        return candidates.pop()
    if not candidates:
        raise Refused(t("error.mention.no_incident"))
    listed = ", ".join(map(str, sorted(candidates)))
    raise Refused(t("error.mention.several", listed=listed))


def set_state(
    store: Store,
    mention_ids: Iterable[int],
    state: str,
    *,
    operator: str,
    incident_id: int | None = None,
) -> tuple[int, list[int]]:
    """Triage one or many mentions within one incident; returns (incident, changed ids). One event per call."""
    if state not in STATES:
        raise CrisisError(t("error.mention.state", states=", ".join(STATES)))
    ids = sorted({int(i) for i in mention_ids})
    if not ids:
        raise CrisisError(t("error.mention.none_given"))
    with store.write():
        incident_id = triage_incident(store, ids, incident_id)
        before: dict[int, str] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in store.all(
                f"SELECT mention_id, state FROM triage WHERE incident_id = ? AND mention_id IN ({marks})",
                (incident_id, *chunk),
            ):
                before[row["mention_id"]] = row["state"]
        changed = [i for i in ids if before.get(i, "new") != state]
        if not changed:
            return incident_id, []
        now = utc_now_iso()
        store.executemany(
            "INSERT INTO triage (incident_id, mention_id, state, operator, at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (incident_id, mention_id) DO UPDATE SET state = excluded.state,"
            " operator = excluded.operator, at = excluded.at",
            [(incident_id, i, state, operator, now) for i in changed],
        )
        timeline.append(
            store, "mention.triaged",
            {"ids": changed, "state": state, "count": len(changed),
             "from": sorted({before.get(i, "new") for i in changed})},
            operator=operator, incident_id=incident_id,
        )
    return incident_id, changed


def public_view(row: dict) -> dict:
    """The documented JSON fields (SPEC §11) and a few more."""
    view = {key: row.get(key) for key in (
        "id", "feed", "title", "text", "link", "author", "published_at", "state",
        "fetched_at", "feed_id", "incident_id", "claim_id", "source", "handle", "reach", "shares",
        "post_type", "lang", "duplicate_of",
    )}
    view["keywords"] = row.get("keywords", [])
    return view
