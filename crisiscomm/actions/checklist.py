"""Moving checklist steps and noting on them."""

from __future__ import annotations

from crisiscomm import checklist
from crisiscomm.actions.session import Session, action
from crisiscomm.models import ChecklistStep, from_row


@action()
def set_step(session: Session, incident_id: int, step_id: str, state: str, *, note: str = "") -> ChecklistStep:
    item = checklist.set_step(session.store, incident_id, step_id, state, operator=session.operator, note=note)
    return from_row(ChecklistStep, item)


@action()
def add_note(session: Session, incident_id: int, step_id: str, note: str) -> ChecklistStep:
    return from_row(ChecklistStep, checklist.add_note(session.store, incident_id, step_id, note,
                                                      operator=session.operator))
