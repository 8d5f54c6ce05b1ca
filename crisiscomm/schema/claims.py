"""Claims register: rumours, their evidence and the mentions that spread them."""

from sqlite_utils import Migrations

from crisiscomm.schema._sql import run_script

migrations = Migrations("crisiscomm.claims")


@migrations()
def m001_claims(db):
    run_script(db, 
        """
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            incident_id INTEGER NOT NULL REFERENCES incidents(id),
            text TEXT NOT NULL,
            first_mention_id INTEGER,
            status TEXT NOT NULL DEFAULT 'unverified'
                CHECK (status IN ('unverified', 'verifying', 'true', 'false', 'misleading', 'inconclusive')),
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            verdict_at TEXT,
            correction_statement_id INTEGER,
            corrected_at TEXT
        );
        CREATE TABLE claim_evidence (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            claim_id INTEGER NOT NULL REFERENCES claims(id),
            status TEXT NOT NULL,
            source TEXT NOT NULL,
            note TEXT NOT NULL,
            operator TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TABLE claim_mentions (
            claim_id INTEGER NOT NULL REFERENCES claims(id),
            mention_id INTEGER NOT NULL,
            linked_at TEXT NOT NULL,
            operator TEXT NOT NULL,
            PRIMARY KEY (claim_id, mention_id)
        );
        """
    )
