"""Holding statements: draft, revise, submit, approve or reject (two people), publish."""

from __future__ import annotations

from crisiscomm import posts
from crisiscomm.actions.session import Session, action
from crisiscomm.models import Statement
from crisiscomm.statements import workflow


@action()
def draft(session: Session, incident_id: int, *, body: str | None = None, template_id: str | None = None,
          title: str = "", language: str | None = None, short: str | None = None) -> Statement:
    view = workflow.draft(session.store, incident_id, operator=session.operator, body=body,
                          template_id=template_id, title=title, language=language, short=short)
    return Statement.from_view(view)


@action()
def revise(session: Session, statement_id: int, body: str, *, channel: str | None = None) -> Statement:
    """A new version of the body, or of one channel's own text (`channel`)."""
    return Statement.from_view(workflow.revise(session.store, statement_id, body, operator=session.operator,
                                               channel=channel))


@action()
def submit(session: Session, statement_id: int) -> Statement:
    return Statement.from_view(workflow.submit(session.store, statement_id, operator=session.operator))


@action()
def approve(session: Session, statement_id: int, *, acknowledge_warnings: bool = False) -> Statement:
    view = workflow.approve(session.store, statement_id, operator=session.operator,
                            acknowledge_warnings=acknowledge_warnings)
    return Statement.from_view(view)


@action()
def reject(session: Session, statement_id: int, *, reason: str) -> Statement:
    return Statement.from_view(workflow.reject(session.store, statement_id, operator=session.operator, reason=reason))


@action()
def publish(session: Session, statement_id: int, channel: str, *, url: str | None = None) -> Statement:
    """The approved version goes out on a channel: a post is recorded (simulated in a drill)."""
    item = workflow.publication(session.store, statement_id, channel, url=url)
    post = posts.add_post(session.store, item.incident_id, item.channel, item.text, operator=session.operator,
                          url=item.url, statement_id=statement_id, version_id=item.version["id"])
    view = workflow.mark_published(session.store, item, post["id"], operator=session.operator)
    return Statement.from_view(view, post=posts.get_post(session.store, post["id"]))
