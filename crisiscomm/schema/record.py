"""The record: state rows sealed into the timeline, erasure tombstones, redaction of event payloads.

See crisiscomm.seal (state digests in events) and crisiscomm.erasure (tombstones,
redaction); the README's "Where data lives" states the design.
"""

from sqlite_utils import Migrations

from crisiscomm.schema._sql import run_script

migrations = Migrations("crisiscomm.record")


@migrations()
def m001_sealed_state_tombstones_redaction(db):
    run_script(db,
        """
        -- events from here on: the hash covers payload_hash (so a payload can be redacted
        -- without breaking the chain) and rows (digests of the state rows the event changed)
        ALTER TABLE events ADD COLUMN payload_hash TEXT;
        ALTER TABLE events ADD COLUMN rows TEXT;
        -- the columns each sealed table had when its triggers were made
        CREATE TABLE record_tables (tbl TEXT PRIMARY KEY, signature TEXT NOT NULL);
        -- an erased item, as keyed hashes of its feed and guid and of its link: never stored again
        CREATE TABLE tombstones (
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('guid', 'link')),
            erased_at TEXT NOT NULL
        );
        -- the per-database key of those hashes (random; a tombstone means nothing elsewhere)
        CREATE TABLE record_keys (name TEXT PRIMARY KEY, secret BLOB NOT NULL);
        INSERT INTO record_keys (name, secret) VALUES ('tombstone', randomblob(32));
        -- an event whose payload an erasure may rewrite, only inside that erasure's transaction
        CREATE TABLE redaction_permits (event_id INTEGER PRIMARY KEY);
        DROP TRIGGER events_no_update;
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        WHEN NEW.id IS NOT OLD.id OR NEW.incident_id IS NOT OLD.incident_id OR NEW.wall_time IS NOT OLD.wall_time
          OR NEW.clock IS NOT OLD.clock OR NEW.operator IS NOT OLD.operator OR NEW.kind IS NOT OLD.kind
          OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash OR NEW.rows IS NOT OLD.rows
          OR NEW.payload_hash IS NOT OLD.payload_hash
          OR NOT EXISTS (SELECT 1 FROM redaction_permits WHERE event_id = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'timeline events cannot be changed'); END;
        """
    )


@migrations()
def m002_seal_sources_and_tombstone_key(db):
    """Sealing begins for `feeds` (what each source is, not its poll health) and `record_keys`:
    `seal.after_migration`, run at the end of every migration, seals the rows of each sealed
    table that `record_tables` does not know yet.

    The tombstone key is made by the first erasure from now on (crisiscomm.tombstones), inside
    its transaction, so a new database starts with no row to seal; one no tombstone uses goes."""
    db.execute("DELETE FROM record_keys WHERE name = 'tombstone' AND NOT EXISTS (SELECT 1 FROM tombstones)")
