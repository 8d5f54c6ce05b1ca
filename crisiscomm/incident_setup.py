"""What happens right after an incident opens.

Areas add steps here (checklist from the playbook, scheduled posts to hold);
each returns lines worth telling the operator.
"""

from __future__ import annotations

from crisiscomm.store import Store


def prepare_incident(store: Store, incident_id: int, *, operator: str) -> list[str]:
    notes: list[str] = []
    return notes
