"""What follows a fact change: posts carrying the old value need a correction."""

from __future__ import annotations

from crisiscomm.store import Store


def after_fact_change(store: Store, incident_id: int, key: str, *, operator: str) -> list[str]:
    """Open (and close) corrections for `key`; returns lines to tell the operator."""
    from crisiscomm.corrections import after_fact_change as flag_corrections

    return flag_corrections(store, incident_id, key, operator=operator)


def set_fact_with_effects(store: Store, incident_id: int, key: str, value: str, *, operator: str,
                          status: str = "confirmed", source: str = "") -> tuple[dict, list[str]]:
    """Set a fact and flag the posts it makes stale, in one transaction; returns (fact, notes)."""
    from crisiscomm.facts import set_fact

    with store.write():
        row = set_fact(store, incident_id, key, value, operator=operator, status=status, source=source)
        return row, after_fact_change(store, incident_id, row["key"], operator=operator)
