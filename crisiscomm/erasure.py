"""Erasing a mention that carries personal data, leaving no copy in the database files.

The row and its search-index entry are deleted with `secure_delete` on (freed
pages are zeroed), the search index is merged so that no old segment still
holds the words, and the WAL is checkpointed and truncated so that no earlier
page image survives beside the database. The timeline records that a mention
was erased and why, never what it said.
"""

from __future__ import annotations

from crisiscomm import timeline
from crisiscomm.errors import CrisisError, NotFound
from crisiscomm.store import Store


def erase_mention(store: Store, mention_id: int, *, operator: str, reason: str) -> None:
    """Delete the mention and its index entry (inside the caller's transaction; then `truncate_wal`)."""
    reason = reason.strip()
    if not reason:
        raise CrisisError("erasing a mention needs a reason (e.g. a KVKK request)")
    with store.write():
        row = store.one("SELECT id, incident_id, feed_id, claim_id FROM mentions WHERE id = ?", (mention_id,))
        if row is None:
            raise NotFound(f"no mention {mention_id}")
        store.execute("DELETE FROM mentions_fts WHERE rowid = ?", (mention_id,))
        store.execute("UPDATE claims SET first_mention_id = NULL WHERE first_mention_id = ?", (mention_id,))
        store.execute("DELETE FROM mentions WHERE id = ?", (mention_id,))
        # Merge the index: deleted FTS5 rows otherwise linger in older segments.
        store.execute("INSERT INTO mentions_fts(mentions_fts) VALUES ('optimize')")
        timeline.append(
            store, "mention.erased", {"mention": mention_id, "reason": reason},
            operator=operator, incident_id=row["incident_id"],
        )


def truncate_wal(store: Store) -> bool:
    """Checkpoint and truncate the WAL, so no earlier page image survives; False while another reader holds it."""
    busy, _, _ = store.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy
