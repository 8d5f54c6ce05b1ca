"""Claims register: rumours, their evidence and the mentions that spread them.

The time of correction is not stored: it is read from the correction
statement's state (its first publication), see `crisiscomm.claims.correction_times`.
"""

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
            correction_started_at TEXT
        );
        CREATE INDEX claims_incident ON claims(incident_id, id);
        CREATE TABLE claim_evidence (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            claim_id INTEGER NOT NULL REFERENCES claims(id),
            status TEXT NOT NULL,
            previous_status TEXT NOT NULL,
            source TEXT NOT NULL CHECK (length(trim(source)) > 0),
            note TEXT NOT NULL CHECK (length(trim(note)) > 0),
            operator TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX claim_evidence_claim ON claim_evidence(claim_id, id);
        CREATE TABLE claim_mentions (
            claim_id INTEGER NOT NULL REFERENCES claims(id),
            mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
            linked_at TEXT NOT NULL,
            operator TEXT NOT NULL,
            PRIMARY KEY (claim_id, mention_id)
        );
        CREATE INDEX claim_mentions_mention ON claim_mentions(mention_id);
        """
    )
