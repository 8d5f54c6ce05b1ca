"""The number of schema migrations (crisiscomm/schema/), kept in `PRAGMA user_version`.

Opening an up-to-date database compares one integer instead of importing the
migrations (sqlite-utils costs the dashboard's start ~40 ms). Add 1 here with
every new migration; a test checks that the two agree.
"""

SCHEMA_VERSION = 18

# The oldest schema a read-only database (an archived copy) is read in as it is: the migrations
# after it change no table or column a reader uses (18 only began sealing `feeds` and
# `record_keys`, see crisiscomm.seal.SEALED_SINCE). Raise it when a migration changes tables.
READ_AS_IS_FROM = 17
