"""A small content calendar: posts planned per channel, held when a crisis starts.

Crisis practice: when an incident opens, routine posts scheduled for the next
48 hours are stopped and reviewed, so that a cheerful campaign post does not
go out in the middle of a disaster. `hold_for_incident` puts them on hold
(an exercise only lists them: a drill must not stop real posts).
"""

from __future__ import annotations

import datetime as dt

from crisiscomm import config, i18n, timeline
from crisiscomm.clock import iso, local_text, parse_iso, utc_now_iso
from crisiscomm.errors import CrisisError, NotFound, Refused
from crisiscomm.incidents import get as get_incident
from crisiscomm.posts import channel_name
from crisiscomm.store import Store
from crisiscomm.text import strip_controls

HOLD_WINDOW = dt.timedelta(hours=48)
MAX_TEXT = 5000

i18n.register(
    {
        "calendar.held": {
            "tr": "{count} planlı paylaşım ilk 48 saat içinde: gözden geçirilene kadar bekletiliyor.",
            "en": {"one": "{count} scheduled post falls in the first 48 hours: on hold until reviewed.",
                   "other": "{count} scheduled posts fall in the first 48 hours: on hold until reviewed."},
        },
        "calendar.listed_exercise": {
            "tr": "{count} planlı paylaşım ilk 48 saat içinde (tatbikat: bekletilmedi, yalnızca listelendi).",
            "en": {"one": "{count} scheduled post falls in the first 48 hours (exercise: listed, not held).",
                   "other": "{count} scheduled posts fall in the first 48 hours (exercise: listed, not held)."},
        },
        "calendar.item": {"tr": "  #{id} {channel} {when}: {text}", "en": "  #{id} {channel} {when}: {text}"},
    }
)


def parse_when(text: str) -> dt.datetime:
    """ISO 8601; a time without an offset is the institution's (`CRISISCOMM_TZ`), not the machine's."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise CrisisError(i18n.t("error.calendar.time", text=text)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=config.current().tz)


def get_planned(store: Store, post_id: int) -> dict:
    row = store.one("SELECT * FROM calendar WHERE id = ?", (post_id,))
    if row is None:
        raise NotFound(i18n.t("error.calendar.not_found", id=post_id))
    return row


def list_planned(store: Store, *, status: str | None = None) -> list[dict]:
    if status:
        return store.all("SELECT * FROM calendar WHERE status = ? ORDER BY planned_at, id", (status,))
    return store.all("SELECT * FROM calendar ORDER BY planned_at, id")


def add_planned(store: Store, channel: str, when: dt.datetime | str, text: str, *, operator: str) -> dict:
    channel = strip_controls(channel or "").strip().lower()
    text = strip_controls(text or "").strip()[:MAX_TEXT]
    if not channel or not text:
        raise CrisisError(i18n.t("error.calendar.fields"))
    moment = parse_when(when) if isinstance(when, str) else when
    with store.write():
        cur = store.execute(
            "INSERT INTO calendar (channel, planned_at, text, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
            (channel, iso(moment), text, operator, utc_now_iso()),
        )
        timeline.append(
            store, "calendar.added", {"post": cur.lastrowid, "channel": channel, "planned_at": iso(moment), "text": text},
            operator=operator,
        )
    return get_planned(store, cur.lastrowid)


def _move(store: Store, post_id: int, status: str, allowed_from: tuple[str, ...], kind: str, *, operator: str) -> dict:
    with store.write():
        post = get_planned(store, post_id)
        if post["status"] not in allowed_from:
            raise Refused(i18n.t("error.calendar.move", id=post_id, status=post["status"], target=status))
        store.execute(
            "UPDATE calendar SET status = ?, held_for_incident = NULL WHERE id = ?", (status, post_id),
        )
        timeline.append(store, kind, {"posts": [post_id]}, operator=operator, incident_id=post["held_for_incident"])
    return get_planned(store, post_id)


def hold(store: Store, post_id: int, *, operator: str) -> dict:
    return _move(store, post_id, "held", ("planned",), "calendar.held", operator=operator)


def release(store: Store, post_id: int, *, operator: str) -> dict:
    return _move(store, post_id, "planned", ("held",), "calendar.released", operator=operator)


def cancel(store: Store, post_id: int, *, operator: str) -> dict:
    return _move(store, post_id, "cancelled", ("planned", "held"), "calendar.cancelled", operator=operator)


def due_in_window(store: Store, start: dt.datetime, end: dt.datetime) -> list[dict]:
    return store.all(
        "SELECT * FROM calendar WHERE status = 'planned' AND planned_at >= ? AND planned_at < ? ORDER BY planned_at, id",
        (iso(start), iso(end)),
    )


def hold_for_incident(store: Store, incident_id: int, *, operator: str) -> list[str]:
    """Hold (list, in an exercise) the posts planned in the incident's first 48 hours; returns notes."""
    with store.write():
        incident = get_incident(store, incident_id)
        start = parse_iso(incident.started_at)
        posts = due_in_window(store, start, start + HOLD_WINDOW)
        if not posts:
            return []
        ids = [p["id"] for p in posts]
        exercise = incident.is_exercise
        if not exercise:
            store.execute(
                f"UPDATE calendar SET status = 'held', held_for_incident = ? WHERE id IN ({','.join('?' * len(ids))})",
                (incident_id, *ids),
            )
        timeline.append(
            store, "calendar.listed" if exercise else "calendar.held",
            {"posts": ids, "reason": "incident opened", "window_hours": HOLD_WINDOW.total_seconds() / 3600},
            operator=operator, incident_id=incident_id,
        )
    head = i18n.t("calendar.listed_exercise" if exercise else "calendar.held", count=len(posts))
    return [head] + [
        i18n.t("calendar.item", id=p["id"], channel=channel_name(p["channel"]), when=local_text(p["planned_at"]),
               text=p["text"][:60])
        for p in posts
    ]
