"""The promised next update: recording when it is overdue and when it was met."""

from __future__ import annotations

from crisiscomm import cadence, incidents
from crisiscomm.actions.session import Session, action


@action()
def check(session: Session, incident_id: int) -> list[dict]:
    """Record `update.overdue` / `update.met` once per promise (any operator's dashboard may notice)."""
    return cadence.check(session.store, incidents.get(session.store, incident_id), operator=session.operator)
