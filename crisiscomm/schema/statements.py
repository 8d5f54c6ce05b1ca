"""Holding statements and their versions."""

from sqlite_utils import Migrations

from crisiscomm.schema._sql import run_script

migrations = Migrations("crisiscomm.statements")


@migrations()
def m001_statements(db):
    run_script(db, 
        """
        CREATE TABLE statements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            incident_id INTEGER NOT NULL REFERENCES incidents(id),
            title TEXT NOT NULL DEFAULT '',
            template_id TEXT,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX statements_incident ON statements(incident_id, id);
        CREATE TABLE statement_versions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            statement_id INTEGER NOT NULL REFERENCES statements(id),
            version INTEGER NOT NULL,
            body TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'tr',
            author TEXT NOT NULL,
            created_at TEXT NOT NULL,
            lint TEXT NOT NULL DEFAULT '[]',
            state TEXT NOT NULL DEFAULT 'draft'
                CHECK (state IN ('draft', 'in_review', 'approved', 'published', 'superseded', 'rejected')),
            submitted_at TEXT,
            approver TEXT,
            approved_at TEXT,
            published_at TEXT,
            reason TEXT,
            UNIQUE (statement_id, version)
        );
        """
    )


@migrations()
def m002_channel_texts(db):
    # A version's own text for a channel (the short form X, Bluesky and SMS need), as
    # JSON {channel: text}; a channel not in it gets the body. One approval covers all.
    run_script(db,
        """
        ALTER TABLE statement_versions ADD COLUMN channel_texts TEXT NOT NULL DEFAULT '{}';
        """
    )
