"""Playbooks (scaffold: replaced by the playbooks capability)."""

BUNDLED_IDS = ("general", "natural-disaster", "disinformation", "account-compromise", "data-breach", "service-outage")


def available_playbooks() -> list[tuple[str, str]]:
    return [(pid, pid) for pid in BUNDLED_IDS]
