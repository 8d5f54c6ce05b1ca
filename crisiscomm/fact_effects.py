"""What follows a fact change: posts carrying the old value need a correction."""

from __future__ import annotations

from crisiscomm.store import Store


def after_fact_change(store: Store, incident_id: int, key: str, *, operator: str) -> list[str]:
    """Open (and close) corrections for `key`; returns lines to tell the operator."""
    from crisiscomm.corrections import after_fact_change as flag_corrections

    return flag_corrections(store, incident_id, key, operator=operator)
