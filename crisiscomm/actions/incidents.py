"""Opening, closing and re-scoping incidents."""

from __future__ import annotations

import datetime as dt

from crisiscomm import incidents
from crisiscomm.actions.session import Session, action
from crisiscomm.models import Incident
from crisiscomm.playbooks import require_playbook


@action()
def open_incident(
    session: Session, title: str, playbook: str, *, severity: int = 2, exercise: bool = False,
    keywords: list[str] | tuple[str, ...] = (), started_at: dt.datetime | None = None,
) -> Incident:
    """A new incident; its checklist, keyword suggestions and calendar holds follow as reactions."""
    playbook_id = require_playbook(playbook).id
    opened = incidents.open_incident(
        session.store, title, playbook_id, operator=session.operator, severity=severity,
        exercise=exercise, keywords=list(keywords), started_at=started_at,
    )
    return incidents.get(session.store, opened.id)


@action()
def set_status(session: Session, incident_id: int, status: str) -> Incident:
    return incidents.set_status(session.store, incident_id, status, operator=session.operator)


@action()
def close(session: Session, incident_id: int) -> Incident:
    return incidents.close(session.store, incident_id, operator=session.operator)


@action()
def set_keywords(session: Session, incident_id: int, keywords: list[str]) -> Incident:
    return incidents.set_keywords(session.store, incident_id, keywords, operator=session.operator)
