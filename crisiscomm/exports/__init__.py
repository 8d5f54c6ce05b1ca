"""Standard formats for partners: CAP 1.2 alerts from statements, ClaimReview JSON-LD from claims.

Both read the database and never write it; files go out through
`crisiscomm.review.export.write_file` (no overwrite without force, no symlink followed).
"""

from __future__ import annotations

import datetime as dt

from crisiscomm import config
from crisiscomm.clock import parse_iso
from crisiscomm.store import Store


def local_seconds(moment: str | dt.datetime) -> str:
    """`YYYY-MM-DDThh:mm:ss±hh:mm` in the institution's time zone (`CRISISCOMM_TZ`, not the
    machine's): no fractions, no `Z` (CAP 1.2's form)."""
    value = parse_iso(moment) if isinstance(moment, str) else moment
    return value.astimezone(config.current().tz).replace(microsecond=0).isoformat()


def database_id(store: Store) -> str:
    """A stable name for this database: the first event's hash (copies and backups keep it)."""
    first = store.scalar("SELECT hash FROM events WHERE id = 1")
    return (first or "0" * 64)[:16]
