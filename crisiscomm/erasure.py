"""Erasing a mention that carries personal data, so that it stays erased.

In one transaction: the item's tombstones (crisiscomm.tombstones) are left so
no later poll stores it again; its text — the title, the body, the link, its
sentences, the phone numbers, e-mail addresses, TC Kimlik numbers and IBANs in
it, the author's name — is replaced by `REDACTED` wherever it was copied
(claims, evidence, checklist and correction notes, drill outcomes, every event
payload but the institution's own statements, posts and facts), however the
copy was written (Unicode form, case, Turkish letters, whitespace; personal
data by value: crisiscomm.erased_text); the row and its search-index entry are deleted with `secure_delete`
on, and the index merged. The `mention.erased` event records what was erased
(the mention, its feed, which rows and events were redacted, the digest each
redacted payload now has) without the erased text.

The chain still verifies: events hash their payload's digest (crisiscomm.timeline),
and `crisiscomm verify` accepts a payload that no longer matches it only when a
later `mention.erased` event names that event with the digest of what it now
holds (crisiscomm.audit). Then the WAL is checkpointed and truncated
(`truncate_wal`), so no earlier page image survives beside the database.
"""

from __future__ import annotations

import hashlib
import json
import re

from crisiscomm import pii, timeline, tombstones
from crisiscomm.erased_text import PERSONAL, ErasedText, loose
from crisiscomm.errors import CrisisError, NotFound
from crisiscomm.store import Store
from crisiscomm.error_strings import t

REDACTED = "█████"
MIN_FRAGMENT = 8  # shorter pieces (a first name, a word) would be redacted everywhere they occur
MIN_NAME = 6
# Free text a person may have copied a mention into: (table, key column, text columns).
COPIES = (
    ("claims", "id", ("text",)),
    ("claim_evidence", "id", ("source", "note")),
    ("checklist", "rowid", ("note",)),
    ("corrections", "id", ("reason",)),
    ("drill_injects", "rowid", ("outcome",)),
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
# The institution's own words (what it stated, posted and knew) are never rewritten: a mention that
# quotes a statement must not blank the statement out of the timeline; their tables are not redacted either.
OWN_WORDS = ("statement.", "post.", "fact.")


def fragments(mention: dict) -> list[str]:
    """The pieces of the mention that must not survive anywhere, longest first."""
    title, text = mention.get("title") or "", mention.get("text") or ""
    found = {piece.strip() for piece in (title, text, mention.get("link") or "") if len(piece.strip()) >= MIN_FRAGMENT}
    found |= {m.group().strip() for m in _SENTENCE.finditer(f"{title}\n{text}") if len(m.group().strip()) >= 20}
    found |= {value for kind, _s, _e, value in pii.find_personal_data(f"{title}\n{text}") if kind in PERSONAL}
    found |= {name.strip() for name in (mention.get("author"), mention.get("handle"))
              if name and len(name.strip()) >= MIN_NAME}
    return sorted(found, key=len, reverse=True)


def erased_text(mention: dict) -> ErasedText:
    """What of the mention must be found in copies: its pieces, and its personal data by value."""
    personal = pii.find_personal_data(loose(f"{mention.get('title') or ''}\n{mention.get('text') or ''}"))
    return ErasedText(fragments(mention), [(kind, value) for kind, _s, _e, value in personal if kind in PERSONAL],
                      REDACTED)


def _redact_value(value, erased: ErasedText):
    if isinstance(value, str):
        return erased.redact(value) if erased.might_be_in(value) else value
    if isinstance(value, list):
        return [_redact_value(v, erased) for v in value]
    if isinstance(value, dict):
        return {k: _redact_value(v, erased) for k, v in value.items()}
    return value


def _redact_rows(store: Store, erased: ErasedText) -> dict[str, list]:
    """Every copy table's text looked at (they are small); the rows changed, by table."""
    redacted: dict[str, list] = {}
    for table, key, columns in COPIES:
        for column in columns:
            rows = store.all(f'SELECT {key} AS k, "{column}" AS v FROM "{table}" WHERE "{column}" <> \'\'')
            for row in rows:
                if not (isinstance(row["v"], str) and erased.might_be_in(row["v"])):
                    continue
                clean = erased.redact(row["v"])
                if clean == row["v"]:
                    continue
                store.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE {key} = ?', (clean, row["k"]))
                if row["k"] not in redacted.setdefault(table, []):
                    redacted[table].append(row["k"])
    return {table: keys for table, keys in redacted.items() if keys}


def _first_event(store: Store, mention_id: int) -> int:
    """The event that stored the mention (the first whose sealed rows name it; an earlier one when
    another table's row has the same key): nothing before it can hold a copy. 0 when none does."""
    found = store.scalar("SELECT min(id) FROM events WHERE instr(rows, '\"mentions\":{') AND instr(rows, ?)",
                         (json.dumps(f"[{mention_id}]") + ":",))
    return found or 0


def _redact_events(store: Store, erased: ErasedText, since: int) -> list[dict]:
    """Rewrite every event payload from `since` on holding a piece; [{id, payload_sha256}] of those
    rewritten. Each payload gets a quick look (crisiscomm.erased_text); only a likely one is decoded."""
    found = [(row["id"], row["payload"]) for row in store.rows("SELECT id, kind, payload FROM events WHERE id >= ?",
                                                                (since,))
             if not row["kind"].startswith(OWN_WORDS) and erased.might_be_in(row["payload"])]
    redacted = []
    for event_id, payload in found:
        clean = timeline.canonical(_redact_value(json.loads(payload), erased))
        if clean == payload:
            continue
        store.execute("INSERT OR IGNORE INTO redaction_permits (event_id) VALUES (?)", (event_id,))
        store.execute("UPDATE events SET payload = ? WHERE id = ?", (clean, event_id))
        store.execute("DELETE FROM redaction_permits WHERE event_id = ?", (event_id,))
        redacted.append({"id": event_id, "payload_sha256": hashlib.sha256(clean.encode("utf-8")).hexdigest()})
    return redacted


def erase_mention(store: Store, mention_id: int, *, operator: str, reason: str) -> dict:
    """Erase the mention and every copy of its text (inside the caller's transaction; then `truncate_wal`).
    Returns the `mention.erased` payload."""
    reason = reason.strip()
    if not reason:
        raise CrisisError(t("error.erase.reason"))
    with store.write():
        row = store.one("SELECT * FROM mentions WHERE id = ?", (mention_id,))
        if row is None:
            raise NotFound(t("error.mention.not_found", ids=mention_id))
        buried = tombstones.bury(store, row["feed_id"], row["guid"], row["norm_link"])
        erased = erased_text(row)
        since = _first_event(store, mention_id)
        store.execute("DELETE FROM mentions_fts WHERE rowid = ?", (mention_id,))
        store.execute("UPDATE claims SET first_mention_id = NULL WHERE first_mention_id = ?", (mention_id,))
        store.execute("DELETE FROM mentions WHERE id = ?", (mention_id,))
        # Merge the index: deleted FTS5 rows otherwise linger in older segments.
        store.execute("INSERT INTO mentions_fts(mentions_fts) VALUES ('optimize')")
        redacted_rows = _redact_rows(store, erased)
        payload = {
            "mention": mention_id, "reason": reason,
            "feed": store.scalar("SELECT name FROM feeds WHERE id = ?", (row["feed_id"],)) if row["feed_id"] else None,
            "tombstones": buried, "redacted_rows": redacted_rows,
            "redacted_events": _redact_events(store, erased, since),
        }
        timeline.append(store, "mention.erased", payload, operator=operator, incident_id=row["incident_id"])
    return payload


def truncate_wal(store: Store) -> bool:
    """Checkpoint and truncate the WAL, so no earlier page image survives; False while another reader holds it."""
    busy, _, _ = store.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy
