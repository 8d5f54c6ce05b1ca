"""Checklist state: one row per incident x playbook step."""

from sqlite_utils import Migrations

from crisiscomm.schema._sql import run_script

migrations = Migrations("crisiscomm.checklist")


@migrations()
def m001_checklist(db):
    run_script(db, 
        """
        CREATE TABLE checklist (
            incident_id INTEGER NOT NULL REFERENCES incidents(id),
            step_id TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'todo' CHECK (state IN ('todo', 'doing', 'done', 'skipped')),
            operator TEXT,
            updated_at TEXT,
            clock REAL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (incident_id, step_id)
        );
        """
    )


@migrations()
def m002_checklist_playbooks(db):
    # The playbook an incident runs, frozen when its checklist is created: editing
    # or removing the file later never moves that incident's deadlines.
    run_script(db,
        """
        CREATE TABLE checklist_playbooks (
            incident_id INTEGER PRIMARY KEY REFERENCES incidents(id),
            playbook_id TEXT NOT NULL,
            source TEXT NOT NULL,
            definition TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """
    )
