"""Restoring a backup into a database (crisiscomm.backup checks and copies it)."""

from __future__ import annotations

import os
import pathlib

from crisiscomm import backup as backups
from crisiscomm import timeline
from crisiscomm.actions import roles as role_matrix
from crisiscomm.actions.session import Done, Session, action


def restore(backup_path: str | os.PathLike, db_path: str | os.PathLike, *, operator: str,
            force: bool = False) -> Done[backups.Copy]:
    """The `restore` user action: the operator's role is checked before anything is touched; the
    verified backup is written into `db_path` (SQLite's backup API, which cannot run inside a
    transaction on the database it writes), then `database.restored` is appended to the restored
    timeline in one transaction of a session on it."""
    role_matrix.require(operator, "backup.restore")
    copy = backups.restore(backup_path, db_path, force=force)
    with Session.open(db_path, operator=operator) as session:
        return _recorded(session, pathlib.Path(backup_path).name, copy)


@action("backup.restore")
def _recorded(session: Session, backup_name: str, copy: backups.Copy) -> backups.Copy:
    timeline.append(session.store, "database.restored",
                    {"backup": backup_name, "events": copy.events, "head": copy.head}, operator=session.operator)
    return copy
