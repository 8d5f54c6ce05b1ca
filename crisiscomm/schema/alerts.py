"""Alert preferences: each operator switches each kind of alert on or off."""

from sqlite_utils import Migrations

from crisiscomm.schema._sql import run_script

migrations = Migrations("crisiscomm.alerts")


@migrations()
def m001_alert_settings(db):
    run_script(db,
        """
        CREATE TABLE alert_settings (
            operator TEXT NOT NULL,
            kind TEXT NOT NULL,
            enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
            changed_at TEXT NOT NULL,
            PRIMARY KEY (operator, kind)
        );
        """
    )
