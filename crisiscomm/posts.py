"""Channel posts: what each channel actually said, and when."""

from __future__ import annotations

from crisiscomm import timeline
from crisiscomm.clock import utc_now_iso
from crisiscomm.errors import CrisisError
from crisiscomm.incidents import clock_at, get as get_incident
from crisiscomm.store import Store

CHANNELS = (
    "x", "bluesky", "mastodon", "facebook", "instagram", "linkedin",
    "website", "press", "sms", "email", "phone",
)


def add_post(
    store: Store, incident_id: int, channel: str, text: str, *, operator: str,
    url: str | None = None, statement_id: int | None = None, version_id: int | None = None,
) -> dict:
    channel = channel.strip().lower()
    if channel not in CHANNELS:
        raise CrisisError(f"unknown channel '{channel}'; channels are {', '.join(CHANNELS)}")
    if not text.strip():
        raise CrisisError("a post needs its text")
    with store.write():
        incident = get_incident(store, incident_id)
        clock = clock_at(incident)
        cur = store.execute(
            "INSERT INTO posts (incident_id, channel, text, url, statement_id, version_id, operator, posted_at, clock)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (incident_id, channel, text, url, statement_id, version_id, operator, utc_now_iso(), clock),
        )
        post_id = cur.lastrowid
        timeline.append(
            store, "post.added",
            {"post": post_id, "channel": channel, "text": text, "url": url,
             "statement": statement_id, "version": version_id},
            operator=operator, incident_id=incident_id, clock=clock,
        )
    return get_post(store, post_id)


def get_post(store: Store, post_id: int) -> dict:
    row = store.one("SELECT * FROM posts WHERE id = ?", (post_id,))
    if row is None:
        raise CrisisError(f"no post {post_id}")
    return row


def list_posts(store: Store, incident_id: int) -> list[dict]:
    return store.all("SELECT * FROM posts WHERE incident_id = ? ORDER BY id", (incident_id,))


def latest_per_channel(store: Store, incident_id: int) -> dict[str, dict]:
    rows = store.all(
        "SELECT p.* FROM posts p JOIN (SELECT channel, max(id) AS id FROM posts WHERE incident_id = ?"
        " GROUP BY channel) m ON p.id = m.id ORDER BY p.channel",
        (incident_id,),
    )
    return {r["channel"]: r for r in rows}
