"""Incident lifecycle and the incident clock."""

from __future__ import annotations

import datetime as dt
import json
import math

from crisiscomm import timeline
from crisiscomm.clock import MAX_CLOCK_SECONDS, clock_at, iso, utc_now
from crisiscomm.errors import CrisisError, NotFound
from crisiscomm.i18n import t
from crisiscomm.models import EXERCISE_MARK, Incident
from crisiscomm.printable import one_line
from crisiscomm.store import Store

STATUSES = ("active", "monitoring", "closed")
MODES = ("actual", "exercise")
# The incident clock stays finite: a drill plays at most 100,000× real time, and no clock reads
# beyond ten years (later datetime arithmetic, formatting and JSON all need finite numbers).
MAX_CLOCK_SPEED = 100_000.0
__all__ = ["EXERCISE_MARK", "Incident", "MAX_CLOCK_SECONDS", "clock_at"]


def _bounded(value: object, low: float, high: float, default: float) -> float:
    """A stored number read back in range: inf is the nearest bound; NULL (how SQLite keeps nan) the default."""
    if not isinstance(value, int | float) or math.isnan(value):
        return default
    return min(max(float(value), low), high)


def _incident(row: dict) -> Incident:
    # A database written before speeds were checked may hold an infinite clock: read it bounded.
    row["clock_speed"] = _bounded(row["clock_speed"], 1e-9, MAX_CLOCK_SPEED, 1.0)
    row["clock_base_seconds"] = _bounded(row["clock_base_seconds"], -MAX_CLOCK_SECONDS, MAX_CLOCK_SECONDS, 0.0)
    return Incident.from_row(row)


def open_incident(
    store: Store,
    title: str,
    playbook: str,
    *,
    operator: str,
    severity: int = 2,
    exercise: bool = False,
    keywords: list[str] | None = None,
    started_at: dt.datetime | None = None,
) -> Incident:
    """Insert the incident and its `incident.opened` event; `playbook` is an id the caller has checked."""
    title = one_line(title)  # stored printable: a title is shown on every screen and in every report
    keywords = [word for word in (one_line(k) for k in keywords or []) if word]
    if not title:
        raise CrisisError(t("error.incident.no_title"))
    if not 1 <= severity <= 4:
        raise CrisisError(t("error.incident.severity", severity=severity))
    start = iso(started_at or utc_now())
    mode = "exercise" if exercise else "actual"
    with store.write():
        cur = store.execute(
            "INSERT INTO incidents (title, playbook, severity, mode, started_at, keywords, created_by,"
            " clock_base_wall, clock_base_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (title, playbook, severity, mode, start, json.dumps(keywords or [], ensure_ascii=False), operator, start),
        )
        incident_id = cur.lastrowid
        timeline.append(
            store, "incident.opened",
            {"title": title, "playbook": playbook, "severity": severity, "mode": mode, "keywords": keywords or []},
            operator=operator, incident_id=incident_id, clock=0.0, wall_time=start,
        )
    return get(store, incident_id)


def get(store: Store, incident_id: int) -> Incident:
    row = store.one("SELECT * FROM incidents WHERE id = ?", (incident_id,))
    if row is None:
        raise NotFound(t("error.incident.not_found", id=incident_id))
    return _incident(row)


def list_incidents(store: Store, *, status: str | None = None) -> list[Incident]:
    if status:
        rows = store.all("SELECT * FROM incidents WHERE status = ? ORDER BY id", (status,))
    else:
        rows = store.all("SELECT * FROM incidents ORDER BY id")
    return [_incident(r) for r in rows]


def active_incidents(store: Store) -> list[Incident]:
    return [_incident(r) for r in store.all("SELECT * FROM incidents WHERE status != 'closed' ORDER BY id DESC")]


def current_incident(store: Store) -> Incident | None:
    """The newest incident that is not closed."""
    found = active_incidents(store)
    return found[0] if found else None


def set_status(store: Store, incident_id: int, status: str, *, operator: str) -> Incident:
    if status not in STATUSES:
        raise CrisisError(t("error.incident.status", states=", ".join(STATUSES)))
    with store.write():
        incident = get(store, incident_id)
        if incident.status == status:
            return incident
        if incident.is_closed:
            raise CrisisError(t("error.incident.closed", id=incident_id))
        closed_at = iso(utc_now()) if status == "closed" else None
        store.execute("UPDATE incidents SET status = ?, closed_at = ? WHERE id = ?", (status, closed_at, incident_id))
        timeline.append(
            store, f"incident.{status}", {"from": incident.status, "to": status},
            operator=operator, incident_id=incident_id,
        )
    return get(store, incident_id)


def close(store: Store, incident_id: int, *, operator: str) -> Incident:
    return set_status(store, incident_id, "closed", operator=operator)


def set_keywords(store: Store, incident_id: int, keywords: list[str], *, operator: str) -> Incident:
    clean = sorted({one_line(k) for k in keywords} - {""})
    with store.write():
        get(store, incident_id)
        store.execute("UPDATE incidents SET keywords = ? WHERE id = ?", (json.dumps(clean, ensure_ascii=False), incident_id))
        timeline.append(store, "incident.keywords", {"keywords": clean}, operator=operator, incident_id=incident_id)
    return get(store, incident_id)


def incident_clock(store: Store, incident_id: int, now: dt.datetime | None = None) -> float:
    return clock_at(get(store, incident_id), now)


def set_clock(
    store: Store, incident_id: int, *, operator: str, speed: float | None = None,
    paused: bool | None = None, seconds: float | None = None, now: dt.datetime | None = None,
) -> Incident:
    """Re-base the clock (speed change, pause, resume, skip) without a jump."""
    moment = now or utc_now()
    with store.write():
        incident = get(store, incident_id)
        current = clock_at(incident, moment)
        new_seconds = current if seconds is None else seconds
        new_speed = incident.clock_speed if speed is None else speed
        new_paused = int(incident.clock_paused) if paused is None else int(paused)
        if not (math.isfinite(new_speed) and 0 < new_speed <= MAX_CLOCK_SPEED):
            raise CrisisError(t("error.incident.clock_speed", max=f"{MAX_CLOCK_SPEED:,.0f}"))
        if not (math.isfinite(new_seconds) and abs(new_seconds) <= MAX_CLOCK_SECONDS):
            raise CrisisError(t("error.incident.clock_range"))
        store.execute(
            "UPDATE incidents SET clock_base_wall = ?, clock_base_seconds = ?, clock_speed = ?, clock_paused = ?"
            " WHERE id = ?",
            (iso(moment), new_seconds, new_speed, new_paused, incident_id),
        )
        timeline.append(
            store, "clock.changed",
            {"speed": new_speed, "paused": bool(new_paused), "seconds": round(new_seconds, 3)},
            operator=operator, incident_id=incident_id, clock=new_seconds, wall_time=iso(moment),
        )
    return get(store, incident_id)


def public_view(incident: Incident) -> dict:
    """The documented JSON fields (SPEC §11) and a few more."""
    return incident.public()
