"""Incidents, the hash-chained timeline, the fact sheet."""

from sqlite_utils import Migrations

from crisiscomm.schema._sql import run_script

migrations = Migrations("crisiscomm.core")


@migrations()
def m001_incidents_events_facts(db):
    run_script(db, 
        """
        CREATE TABLE incidents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            playbook TEXT NOT NULL,
            severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'monitoring', 'closed')),
            mode TEXT NOT NULL CHECK (mode IN ('actual', 'exercise')),
            started_at TEXT NOT NULL,
            closed_at TEXT,
            keywords TEXT NOT NULL DEFAULT '[]',
            created_by TEXT NOT NULL,
            -- incident clock: clock = base_seconds + (now - base_wall) * speed, frozen when paused
            clock_base_wall TEXT NOT NULL,
            clock_base_seconds REAL NOT NULL DEFAULT 0,
            clock_speed REAL NOT NULL DEFAULT 1,
            clock_paused INTEGER NOT NULL DEFAULT 0
        );
        -- the mode is fixed at creation
        CREATE TRIGGER incidents_mode_fixed BEFORE UPDATE OF mode ON incidents
        WHEN NEW.mode IS NOT OLD.mode
        BEGIN SELECT RAISE(ABORT, 'an incident''s mode cannot change'); END;

        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            incident_id INTEGER,
            wall_time TEXT NOT NULL,
            clock REAL,
            operator TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        );
        CREATE INDEX events_incident ON events(incident_id, id);
        CREATE INDEX events_kind ON events(kind);
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'timeline events cannot be changed'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'timeline events cannot be deleted'); END;

        CREATE TABLE facts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            incident_id INTEGER NOT NULL REFERENCES incidents(id),
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'unconfirmed')),
            source TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL,
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL,
            UNIQUE (incident_id, key, version)
        );
        """
    )
