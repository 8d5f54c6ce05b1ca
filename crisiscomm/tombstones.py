"""Tombstones of erased items: keyed hashes of feed + guid and of the link, never the text.

The key is random per database (`record_keys`, made by the first erasure), so a tombstone tells nothing
outside it (no look-up of a known link's hash elsewhere). Ingest drops an item
whose guid in that feed, or whose normalised link, has a tombstone: an erased
item is never stored again by a later poll, from that feed or another.
"""

from __future__ import annotations

import hashlib
import hmac

from crisiscomm.clock import utc_now_iso
from crisiscomm.store import Store


def _secret(store: Store) -> bytes:
    return store.scalar("SELECT secret FROM record_keys WHERE name = 'tombstone'")


def _secret_made(store: Store) -> bytes:
    """The key, made by the first erasure (inside its transaction, so its event seals it)."""
    store.execute("INSERT OR IGNORE INTO record_keys (name, secret) VALUES ('tombstone', randomblob(32))")
    return _secret(store)


def keys(secret: bytes, feed_id: int | None, guid: str, norm_link: str | None) -> list[tuple[str, str]]:
    """(key, kind) for an item: its guid in its feed, and its page when it has one."""
    found = [(hmac.new(secret, f"guid\0{feed_id or 0}\0{guid}".encode(), hashlib.sha256).hexdigest(), "guid")]
    if norm_link:
        found.append((hmac.new(secret, f"link\0{norm_link}".encode(), hashlib.sha256).hexdigest(), "link"))
    return found


def bury(store: Store, feed_id: int | None, guid: str, norm_link: str | None) -> int:
    """Leave the item's tombstones (inside the caller's transaction); how many are new."""
    now = utc_now_iso()
    before = store.scalar("SELECT count(*) FROM tombstones")
    store.executemany("INSERT OR IGNORE INTO tombstones (key, kind, erased_at) VALUES (?, ?, ?)",
                      [(key, kind, now) for key, kind in keys(_secret_made(store), feed_id, guid, norm_link)])
    return store.scalar("SELECT count(*) FROM tombstones") - before


def erased_guids(store: Store, feed_id: int | None, items: list[dict]) -> set[str]:
    """The guids of `items` (cleaned, with guid and norm_link) that were erased before."""
    if not items or store.scalar("SELECT 1 FROM tombstones LIMIT 1") is None:
        return set()
    secret = _secret(store)
    by_key: dict[str, str] = {}
    for item in items:
        for key, _kind in keys(secret, feed_id, item["guid"], item.get("norm_link")):
            by_key[key] = item["guid"]
    found: set[str] = set()
    listed = list(by_key)
    for start in range(0, len(listed), 500):
        chunk = listed[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(by_key[row[0]] for row in store.execute(f"SELECT key FROM tombstones WHERE key IN ({marks})", chunk))
    return found
