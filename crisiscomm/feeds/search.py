"""Full-text search over a Turkish-folded copy of each mention (SQLite FTS5).

Queries are built by `crisiscomm.text.query` (suffixes and apostrophes read
as the keyword matcher reads them); the index holds `fold(title text author)`.

The index is filled with one INSERT … SELECT per ingest batch (no triggers:
they cut insert speed several times). Results come newest first by rowid,
which FTS5 answers in well under a millisecond even at a million rows
(`crisiscomm.mentions.search` runs the query).
"""

from __future__ import annotations

from crisiscomm.store import Store
from crisiscomm.text import fold, fts_query

__all__ = ["ensure_functions", "index_after", "fts_query"]


def ensure_functions(store: Store) -> None:
    """Register the SQL function `cc_fold` on this connection (cheap; idempotent)."""
    store.create_function("cc_fold", 1, fold)


def index_after(store: Store, after_id: int) -> None:
    """Index every mention with an id above `after_id` (call inside the batch's transaction)."""
    ensure_functions(store)
    store.execute(
        "INSERT INTO mentions_fts (rowid, body)"
        " SELECT id, cc_fold(title || ' ' || text || ' ' || author) FROM mentions WHERE id > ?",
        (after_id,),
    )
