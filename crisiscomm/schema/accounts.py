"""Account register and content calendar (between incidents, for readiness)."""

from sqlite_utils import Migrations

from crisiscomm.schema._sql import run_script

migrations = Migrations("crisiscomm.accounts")


@migrations()
def m001_accounts_calendar(db):
    run_script(db,
        """
        CREATE TABLE accounts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            handle TEXT NOT NULL,
            owners TEXT NOT NULL DEFAULT '[]',
            twofa INTEGER NOT NULL DEFAULT 0,
            last_review TEXT,
            added_by TEXT NOT NULL,
            added_at TEXT NOT NULL,
            UNIQUE (channel, handle)
        );
        CREATE TABLE calendar (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            planned_at TEXT NOT NULL,
            text TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
            -- the incident whose opening put this post on hold (NULL when held by hand)
            held_for_incident INTEGER REFERENCES incidents(id),
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX calendar_planned ON calendar(planned_at);
        """
    )
