"""Channel posts: what each channel actually said, who posted it, when, and from which statement version.

Posts of an exercise incident are simulated (never really posted, never in
actual-incident figures) and carry the exercise stamp as their first line.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from crisiscomm import i18n, timeline
from crisiscomm.clock import utc_now_iso
from crisiscomm.errors import CrisisError, NotFound, Refused
from crisiscomm.i18n import t
from crisiscomm.incidents import EXERCISE_MARK, clock_at
from crisiscomm.incidents import get as get_incident
from crisiscomm.store import Store
from crisiscomm.text import strip_controls

CHANNELS = (
    "x", "bluesky", "mastodon", "facebook", "instagram", "linkedin",
    "website", "press", "sms", "email", "phone",
)
MAX_TEXT = 100_000
# What people call each channel (the brand's own spelling; the institution's web site, press release …).
i18n.register({f"channel.name.{channel}": names for channel, names in {
    "x": {"tr": "X", "en": "X"}, "bluesky": {"tr": "Bluesky", "en": "Bluesky"},
    "mastodon": {"tr": "Mastodon", "en": "Mastodon"}, "facebook": {"tr": "Facebook", "en": "Facebook"},
    "instagram": {"tr": "Instagram", "en": "Instagram"}, "linkedin": {"tr": "LinkedIn", "en": "LinkedIn"},
    "website": {"tr": "web sitesi", "en": "website"}, "press": {"tr": "basın bülteni", "en": "press release"},
    "sms": {"tr": "SMS", "en": "SMS"}, "email": {"tr": "e-posta", "en": "e-mail"},
    "phone": {"tr": "telefon metni", "en": "phone script"},
}.items()})
_SELECT = (
    "SELECT p.*, v.version AS statement_version, v.state AS version_state FROM posts p"
    " LEFT JOIN statement_versions v ON v.id = p.version_id"
)


def channel_name(channel: str, lang: str | None = None) -> str:
    """`x` → `X`, `website` → `web sitesi` (in `lang`, the UI's by default)."""
    key = f"channel.name.{channel}"
    name = i18n.t_in(lang or i18n.get_lang(), key)
    return channel if name == key else name


def _check_url(url: str | None) -> str | None:
    if url is None or not url.strip():
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise CrisisError(t("error.post.url", url=url[:80]))
    return url


def add_post(
    store: Store, incident_id: int, channel: str, text: str, *, operator: str,
    url: str | None = None, statement_id: int | None = None, version_id: int | None = None,
) -> dict:
    """Record what was posted on a channel (the corrections it answers or needs follow as reactions)."""
    channel = channel.strip().lower()
    if channel not in CHANNELS:
        raise CrisisError(t("error.post.channel", channel=channel, channels=", ".join(CHANNELS)))
    text = strip_controls(text).strip()
    if not text:
        raise CrisisError(t("error.post.no_text"))
    if len(text) > MAX_TEXT:
        raise CrisisError(t("error.post.too_long", limit=f"{MAX_TEXT:,}"))
    url = _check_url(url)
    with store.write():
        incident = get_incident(store, incident_id)
        simulated = incident.is_exercise
        if simulated and url:
            # A link would claim the post is live somewhere; a drill never posts.
            raise Refused(t("error.post.exercise_url", id=incident_id))
        if simulated and EXERCISE_MARK not in text:
            text = f"{EXERCISE_MARK}\n{text}"
        clock = clock_at(incident)
        cur = store.execute(
            "INSERT INTO posts (incident_id, channel, text, url, statement_id, version_id, operator, posted_at, clock,"
            " simulated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (incident_id, channel, text, url, statement_id, version_id, operator, utc_now_iso(), clock, int(simulated)),
        )
        post_id = cur.lastrowid
        timeline.append(
            store, "post.added",
            {"post": post_id, "channel": channel, "text": text, "url": url,
             "statement": statement_id, "version": version_id, "simulated": simulated},
            operator=operator, incident_id=incident_id, clock=clock,
        )
    return get_post(store, post_id)


def get_post(store: Store, post_id: int) -> dict:
    row = store.one(f"{_SELECT} WHERE p.id = ?", (post_id,))
    if row is None:
        raise NotFound(t("error.post.not_found", id=post_id))
    return row


def list_posts(store: Store, incident_id: int, *, channel: str | None = None) -> list[dict]:
    if channel:
        return store.all(f"{_SELECT} WHERE p.incident_id = ? AND p.channel = ? ORDER BY p.id", (incident_id, channel))
    return store.all(f"{_SELECT} WHERE p.incident_id = ? ORDER BY p.id", (incident_id,))


def latest_per_channel(store: Store, incident_id: int) -> dict[str, dict]:
    """Only the latest post of a channel counts: it is what the channel says now."""
    rows = store.all(
        f"{_SELECT} JOIN (SELECT channel, max(id) AS id FROM posts WHERE incident_id = ?"
        " GROUP BY channel) m ON p.id = m.id",
        (incident_id,),
    )
    rows.sort(key=lambda r: CHANNELS.index(r["channel"]) if r["channel"] in CHANNELS else len(CHANNELS))
    return {r["channel"]: r for r in rows}


def public_view(post: dict) -> dict:
    """The documented JSON fields of a post."""
    return {
        "id": post["id"], "incident_id": post["incident_id"], "channel": post["channel"], "text": post["text"],
        "url": post["url"], "operator": post["operator"], "posted_at": post["posted_at"], "clock": post["clock"],
        "statement_id": post["statement_id"], "version_id": post["version_id"],
        "statement_version": post.get("statement_version"), "simulated": bool(post.get("simulated")),
    }
