"""What follows a fact change (posts carrying the old value need a correction)."""

from __future__ import annotations

from crisiscomm.store import Store


def after_fact_change(store: Store, incident_id: int, key: str, *, operator: str) -> list[str]:
    notes: list[str] = []
    return notes
