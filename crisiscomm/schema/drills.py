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
            -- one drill per incident, and that incident is always an exercise
            incident_id INTEGER NOT NULL UNIQUE REFERENCES incidents(id),
            scenario TEXT NOT NULL,
            scenario_path TEXT NOT NULL,
            -- the validated scenario, so a drill plays on even if its file changes
            scenario_json TEXT NOT NULL,
            speed REAL NOT NULL DEFAULT 1,
            operator TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            -- JSON (crisiscomm.drills.scoring.summarise), set when the drill finishes
            score TEXT
        );
        CREATE TRIGGER drills_exercise_only BEFORE INSERT ON drills
        WHEN (SELECT mode FROM incidents WHERE id = NEW.incident_id) IS NOT 'exercise'
        BEGIN SELECT RAISE(ABORT, 'a drill runs only on an exercise incident'); END;

        CREATE TABLE drill_injects (
            drill_id INTEGER NOT NULL REFERENCES drills(id),
            inject_id TEXT NOT NULL,
            offset_s REAL NOT NULL,
            type TEXT NOT NULL,
            -- a contingency fires only if this inject's expectation is unmet by offset_s
            contingency_of TEXT,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fired', 'dropped')),
            fired_at TEXT,
            fired_clock REAL,
            -- JSON: what the inject created (mention ids, claim id, fact key)
            outcome TEXT,
            PRIMARY KEY (drill_id, inject_id)
        );
        """
    )
