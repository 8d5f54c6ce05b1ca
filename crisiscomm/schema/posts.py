"""Channel posts (what each channel actually said) and the corrections they need."""

from sqlite_utils import Migrations

from crisiscomm.schema._sql import run_script

migrations = Migrations("crisiscomm.posts")


@migrations()
def m001_posts(db):
    run_script(db,
        """
        CREATE TABLE posts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            incident_id INTEGER NOT NULL REFERENCES incidents(id),
            channel TEXT NOT NULL,
            text TEXT NOT NULL,
            url TEXT,
            statement_id INTEGER,
            version_id INTEGER,
            operator TEXT NOT NULL,
            posted_at TEXT NOT NULL,
            clock REAL
        );
        CREATE INDEX posts_incident_channel ON posts(incident_id, channel, id);
        """
    )


@migrations()
def m002_simulated_and_corrections(db):
    run_script(db,
        """
        -- posts of an exercise incident were never really posted
        ALTER TABLE posts ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0;

        -- a channel whose post carries an old fact value, until a new post agrees or someone dismisses it
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            incident_id INTEGER NOT NULL REFERENCES incidents(id),
            channel TEXT NOT NULL,
            fact TEXT NOT NULL,
            post_id INTEGER NOT NULL REFERENCES posts(id),
            value TEXT NOT NULL,
            expected TEXT NOT NULL,
            fact_version INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'dismissed')),
            opened_by TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            closed_by TEXT,
            closed_at TEXT,
            resolution_post_id INTEGER REFERENCES posts(id),
            reason TEXT
        );
        CREATE UNIQUE INDEX corrections_one_open ON corrections(incident_id, channel, fact) WHERE state = 'open';
        CREATE INDEX corrections_incident ON corrections(incident_id, state);
        """
    )


@migrations()
def m003_correction_drafts(db):
    # the statement drafted to answer an open correction (`consistency draft`)
    run_script(db, "ALTER TABLE corrections ADD COLUMN draft_statement_id INTEGER REFERENCES statements(id);")
