"""The use-case layer: one function per user action.

Each action takes a `Session` (the operator, their connection, the process's
configuration), runs in one immediate transaction after a role check, and
returns a `Done` with its typed result, the events it appended and the lines
worth telling the operator. What an event sets off is wired once, by kind, in
`reactions`. The command line, the dashboard and the drills call these
functions; none of them writes to the database any other way.

    from crisiscomm import actions
    with actions.Session.open(db_path, operator="ayse") as session:
        done = actions.facts.set_fact(session, 1, "injured", "120")
        done.value.version, done.notes
"""

from crisiscomm.actions import (
    accounts,
    alerts,
    backup,
    cadence,
    checklist,
    claims,
    consistency,
    drills,
    facts,
    feeds,
    incidents,
    mentions,
    posts,
    statements,
)
from crisiscomm.actions.session import Done, Session, action

__all__ = [
    "Done", "Session", "action", "accounts", "alerts", "backup", "cadence", "checklist", "claims", "consistency", "drills", "facts", "feeds",
    "incidents", "mentions", "posts", "statements",
]
