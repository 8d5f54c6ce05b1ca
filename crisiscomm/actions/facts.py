"""The fact sheet; corrections for channels carrying an old value follow as reactions."""

from __future__ import annotations

from crisiscomm import facts
from crisiscomm.actions.session import Session, action
from crisiscomm.models import Fact, from_row


@action()
def set_fact(session: Session, incident_id: int, key: str, value: str, *,
             status: str = "confirmed", source: str = "") -> Fact:
    row = facts.set_fact(session.store, incident_id, key, value, operator=session.operator,
                         status=status, source=source)
    return from_row(Fact, row)
