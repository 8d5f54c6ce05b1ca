"""What happens right after an incident opens.

Areas add steps here (checklist from the playbook, scheduled posts to hold);
each returns lines worth telling the operator.
"""

from __future__ import annotations

from crisiscomm.store import Store


def prepare_incident(store: Store, incident_id: int, *, operator: str) -> list[str]:
    notes: list[str] = []
    from crisiscomm.checklist import prepare as prepare_checklist

    notes += prepare_checklist(store, incident_id, operator=operator)
    from crisiscomm.content_calendar import hold_for_incident

    notes += hold_for_incident(store, incident_id, operator=operator)
    return notes
