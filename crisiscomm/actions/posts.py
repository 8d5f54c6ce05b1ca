"""What a channel actually said; the corrections it answers or needs follow as reactions."""

from __future__ import annotations

from crisiscomm import posts
from crisiscomm.actions.session import Session, action
from crisiscomm.models import Post, from_row


@action()
def add_post(session: Session, incident_id: int, channel: str, text: str, *, url: str | None = None) -> Post:
    row = posts.add_post(session.store, incident_id, channel, text, operator=session.operator, url=url)
    return from_row(Post, row, simulated=bool(row.get("simulated")))
