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
