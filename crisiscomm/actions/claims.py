"""The claims register: rumours, the mentions that spread them, verdicts with evidence, corrections."""

from __future__ import annotations

from crisiscomm import claims, i18n
from crisiscomm.actions.session import Session, action
from crisiscomm.models import Claim, Statement, from_row
from crisiscomm.statements import workflow


@action()
def add(session: Session, incident_id: int, text: str, *, mention_id: int | None = None) -> Claim:
    return from_row(Claim, claims.add_claim(session.store, incident_id, text, operator=session.operator,
                                            mention_id=mention_id))


@action()
def link(session: Session, claim_id: int, mention_ids: list[int]) -> tuple[int, ...]:
    """Returns the mentions newly linked."""
    return tuple(claims.link_mentions(session.store, claim_id, mention_ids, operator=session.operator))


@action()
def set_status(session: Session, claim_id: int, status: str, *, source: str, note: str) -> Claim:
    return from_row(Claim, claims.set_status(session.store, claim_id, status, operator=session.operator,
                                             source=source, note=note))


@action()
def correct(session: Session, claim_id: int) -> Statement:
    """Draft the correction statement of a false or misleading claim."""
    start = claims.correction_draft(session.store, claim_id)
    view = workflow.draft(session.store, start["incident_id"], operator=session.operator, body=start["body"],
                          short=start["short"], title=start["title"], language=i18n.get_lang())
    claims.record_correction(session.store, claim_id, view["id"], operator=session.operator)
    return Statement.from_view(view)
