"""Schema migrations, one sqlite-utils `Migrations` set per area, applied in order.

Each area owns its module here; a change to a table is a new migration
function appended to that module, never an edit of an applied one.
"""

from crisiscomm.schema import (
    accounts,
    alerts,
    checklist,
    claims,
    core,
    drills,
    feeds,
    posts,
    record,
    statements,
    triage,
)

MIGRATION_SETS = [
    core.migrations,
    feeds.migrations,
    checklist.migrations,
    statements.migrations,
    posts.migrations,
    claims.migrations,
    accounts.migrations,
    drills.migrations,
    alerts.migrations,
    triage.migrations,
    record.migrations,  # last: it seals the rows every area's tables hold
]

