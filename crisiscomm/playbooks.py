"""Playbooks (scaffold: replaced by the playbooks capability)."""

BUNDLED_IDS = ("general", "natural-disaster", "disinformation", "account-compromise", "data-breach", "service-outage")


def available_playbooks() -> list[tuple[str, str]]:
    return [(pid, pid) for pid in BUNDLED_IDS]


def require_playbook(playbook_id: str) -> None:
    from crisiscomm.errors import CrisisError

    if playbook_id not in BUNDLED_IDS:
        raise CrisisError(f"unknown playbook '{playbook_id}'")
