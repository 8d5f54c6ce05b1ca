"""The number of schema migrations (crisiscomm/schema/), kept in `PRAGMA user_version`.

Opening an up-to-date database compares one integer instead of importing the
migrations (sqlite-utils costs the dashboard's start ~40 ms). Add 1 here with
every new migration; a test checks that the two agree.
"""

SCHEMA_VERSION = 18
