"""Who may do what: the one role matrix (README, "Roles"), checked before every action.

Without team.toml every operator holds every role (SPEC §3); the two-person
rule holds all the same. With team.toml, a name not in it may only read, and a
member may do what one of their roles allows here. A member bound to an OS
account (`account = "…"`) may act only from that account.
"""

from __future__ import annotations

from crisiscomm import operators
from crisiscomm.errors import Refused
from crisiscomm.error_strings import t
from crisiscomm.i18n import word

MEMBERS = ("monitor", "editor", "approver")  # any member of the team
EDITORS = ("editor", "approver")
APPROVERS = ("approver",)

# action (module.function in crisiscomm.actions) -> roles that may do it.
MATRIX: dict[str, tuple[str, ...]] = {
    # incidents
    "incidents.open_incident": EDITORS,
    "incidents.set_status": EDITORS,
    "incidents.close": EDITORS,
    "incidents.set_keywords": EDITORS,
    # the fact sheet and what channels said
    "facts.set_fact": EDITORS,
    "posts.add_post": EDITORS,
    "consistency.draft_correction": EDITORS,
    "consistency.dismiss": EDITORS,
    # holding statements
    "statements.draft": EDITORS,
    "statements.revise": EDITORS,
    "statements.submit": EDITORS,
    "statements.approve": APPROVERS,
    "statements.reject": APPROVERS,
    "statements.publish": EDITORS,
    # claims
    "claims.add": MEMBERS,
    "claims.link": MEMBERS,
    "claims.set_status": EDITORS,
    "claims.correct": EDITORS,
    # mentions
    "mentions.triage": MEMBERS,
    "mentions.report": MEMBERS,
    "mentions.erase": APPROVERS,
    # checklist
    "checklist.set_step": MEMBERS,
    "checklist.add_note": MEMBERS,
    # sources
    "feeds.add_feed": EDITORS,
    "feeds.feed_for_source": MEMBERS,
    "feeds.poll": MEMBERS,
    "feeds.import_rows": MEMBERS,
    # readiness: accounts and the content calendar
    "accounts.add_account": EDITORS,
    "accounts.review_account": EDITORS,
    "accounts.plan_post": EDITORS,
    "accounts.hold_post": EDITORS,
    "accounts.release_post": EDITORS,
    "accounts.cancel_post": EDITORS,
    # drills (any member's dashboard plays what is due; editors run the exercise)
    "drills.start": EDITORS,
    "drills.start_demo": EDITORS,
    "drills.tick": MEMBERS,
    "drills.pause": EDITORS,
    "drills.resume": EDITORS,
    "drills.toggle_pause": EDITORS,
    "drills.step_speed": EDITORS,
    "drills.set_speed": EDITORS,
    "drills.skip": EDITORS,
    "drills.finish": EDITORS,
    # the room
    "cadence.check": MEMBERS,
    "alerts.set_enabled": MEMBERS,
    "backup.restore": APPROVERS,
}


def roles_for(action: str) -> tuple[str, ...]:
    try:
        return MATRIX[action]
    except KeyError:
        raise KeyError(f"action {action!r} is not in the role matrix (crisiscomm/actions/roles.py)") from None


def require(operator: str, action: str) -> None:
    """Refuse unless `operator` may do `action` (everyone may, without team.toml)."""
    team, member = operators.member_for(operator)
    if team is None:
        return
    what = word("action", action)  # its words (a newer action without them: its id)
    if member is None:
        raise Refused(t("error.role.not_in_team", operator=operator, path=team.path, what=what))
    if member.account is not None and member.account != operators.os_account():
        raise Refused(t("error.role.os_account", name=member.name, account=member.account, path=team.path, what=what,
                        running=operators.os_account()))
    roles = roles_for(action)
    if not member.roles & set(roles):
        raise Refused(t("error.role.missing", name=member.name, what=what, roles=t("error.role.or").join(roles)))
