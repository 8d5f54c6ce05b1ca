"""Answering what the consistency tracker found: a correction draft for a channel, or a dismissal."""

from __future__ import annotations

from crisiscomm import corrections, i18n
from crisiscomm.actions.session import Session, action
from crisiscomm.models import Correction, Statement, from_row
from crisiscomm.posts import channel_name
from crisiscomm.statements import workflow


@action()
def draft_correction(session: Session, incident_id: int, channel: str) -> Statement:
    """The correction a channel needs, as a statement draft linked to the open corrections it answers."""
    channel = channel.strip().lower()
    body, short = corrections.correction_texts(session.store, incident_id, channel)
    view = workflow.draft(session.store, incident_id, operator=session.operator, body=body, short=short,
                          title=i18n.t("correction.title", channel=channel_name(channel)), language=i18n.get_lang())
    corrections.link_draft(session.store, incident_id, channel, view["id"], operator=session.operator)
    return Statement.from_view(view)


@action()
def dismiss(session: Session, incident_id: int, channel: str, fact: str, *, reason: str) -> Correction:
    row = corrections.dismiss(session.store, incident_id, channel, fact, operator=session.operator, reason=reason)
    return from_row(Correction, row)
