"""Checklist (scaffold: replaced by the playbooks capability)."""


def next_deadline(store, incident):
    return None
