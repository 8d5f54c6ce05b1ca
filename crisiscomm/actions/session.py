"""A session (who acts, on which database) and the `action` decorator: one immediate
transaction per user action, a role check, and a `Done` that says what happened.

Every event appended while an action runs — by the action or by a reaction to
it — passes through the session's reactor: it is recorded in the action's
`Done.events` and the reactions registered for its kind run right there, in
the same transaction (crisiscomm/actions/reactions.py).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from crisiscomm import config as config_module
from crisiscomm.actions import roles as role_matrix
from crisiscomm.actions.reactions import react
from crisiscomm.models import EventRef
from crisiscomm.store import Store

T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """What an action returns: its typed result, the events it appended, lines to tell the operator."""

    value: T
    events: tuple[EventRef, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(e.kind for e in self.events)


@dataclass
class _Recording:
    events: list[EventRef] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Session:
    """One operator working on one database through one connection (one thread at a time)."""

    def __init__(self, store: Store, operator: str, *, config: config_module.Config | None = None) -> None:
        self.store = store
        self.operator = operator
        self.config = config or config_module.current()
        self._local = threading.local()  # the action running on each thread
        store.reactor = self._react

    @classmethod
    def open(cls, db_path: str | os.PathLike, *, operator: str) -> Session:
        """A session on its own connection (a worker thread's, say)."""
        return cls(Store(db_path), operator)

    @property
    def db_path(self):
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def require(self, action_name: str) -> None:
        """Refuse unless the operator may do the action `module.function` (crisiscomm/actions/roles.py)."""
        role_matrix.require(self.operator, action_name)

    @property
    def _recording(self) -> _Recording | None:
        return getattr(self._local, "recording", None)

    @_recording.setter
    def _recording(self, recording: _Recording | None) -> None:
        self._local.recording = recording

    def _react(self, store: Store, event: dict) -> None:
        recording = self._recording
        if recording is not None:
            recording.events.append(EventRef(event["id"], event["kind"], event["incident_id"]))
        notes = react(store, event)
        if recording is not None:
            recording.notes.extend(notes)


def action(name: str | None = None) -> Callable[[Callable[..., T]], Callable[..., Done[T]]]:
    """Make `fn(session, …)` a user action: role check, one immediate transaction, a `Done`.

    Its roles are the matrix's entry for `module.function` (or `name`), in
    crisiscomm/actions/roles.py. An action called from inside another joins its
    transaction; its events and notes are reported by the outer one.
    """

    def wrap(fn: Callable[..., T]) -> Callable[..., Done[T]]:
        key = name or f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
        roles = role_matrix.roles_for(key)

        @functools.wraps(fn)
        def run(session: Session, *args: Any, **kwargs: Any) -> Done[T]:
            if session._recording is not None:
                return Done(fn(session, *args, **kwargs))
            session.require(key)
            recording = _Recording()
            with session.store.write():
                session._recording = recording
                try:
                    value = fn(session, *args, **kwargs)
                finally:
                    session._recording = None
            return Done(value, tuple(recording.events), tuple(recording.notes))

        run.roles = roles  # type: ignore[attr-defined]
        run.action_name = key  # type: ignore[attr-defined]
        return run

    return wrap
