"""Triage state per incident × mention: a mention that counts for two incidents is triaged in each."""

from sqlite_utils import Migrations

from crisiscomm.schema._sql import run_script

migrations = Migrations("crisiscomm.triage")


@migrations()
def m001_triage(db):
    # A mention without a row here is `new` in that incident. The state once kept on the
    # mention itself is carried over to every incident the mention counted for.
    run_script(db,
        """
        CREATE TABLE triage (
            incident_id INTEGER NOT NULL REFERENCES incidents(id),
            mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
            state TEXT NOT NULL
                CHECK (state IN ('new', 'seen', 'flagged', 'escalated', 'answered', 'ignored')),
            operator TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (incident_id, mention_id)
        ) WITHOUT ROWID;
        CREATE INDEX triage_state ON triage(incident_id, state, mention_id);
        CREATE INDEX triage_mention ON triage(mention_id);
        INSERT INTO triage (incident_id, mention_id, state, operator, at)
            SELECT i.id, m.id, m.state, 'migration', m.fetched_at
            FROM mentions m JOIN incidents i
              ON i.id = m.incident_id
              OR (m.incident_id IS NULL AND m.fetched_at >= i.started_at
                  AND (i.closed_at IS NULL OR m.fetched_at <= i.closed_at))
            WHERE m.state != 'new';
        """
    )
