"""Drill runs and the injects they played."""

from sqlite_utils import Migrations

from crisiscomm.schema._sql import run_script

migrations = Migrations("crisiscomm.drills")


@migrations()
def m001_drills(db):
    run_script(db, 
        """
        CREATE TABLE drills (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            incident_id INTEGER NOT NULL REFERENCES incidents(id),
            scenario TEXT NOT NULL,
            scenario_path TEXT NOT NULL,
            speed REAL NOT NULL DEFAULT 1,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            score TEXT
        );
        CREATE TABLE drill_injects (
            drill_id INTEGER NOT NULL REFERENCES drills(id),
            inject_id TEXT NOT NULL,
            offset_s REAL NOT NULL,
            fired_at TEXT,
            fired_clock REAL,
            PRIMARY KEY (drill_id, inject_id)
        );
        """
    )
