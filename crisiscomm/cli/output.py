"""The CLI's output gate: every write to stdout and stderr passes `printable`.

`main` wraps `sys.stdout` and `sys.stderr` in a `TerminalGate` for the whole
run, so no command, error message, usage text or traceback can bypass it:
`click.echo`, `print` and click's own messages all write through these
streams. A progress bar needs a carriage return and cursor show/hide: it
writes through `progress_stream()`, a gate that lets exactly those sequences
through and nothing else.
"""

from __future__ import annotations

import io
import re
import sys
import traceback
from typing import Any, TextIO

import click

from crisiscomm.printable import printable

# What click's progress bar writes around its line (and our "clear the line" before a message).
PROGRESS_SEQUENCES = ("\r", "\x1b[?25l", "\x1b[?25h", "\x1b[K")


class TerminalGate(io.TextIOBase):
    """A text stream that passes only printable text (and `allow`ed sequences) to `raw`."""

    def __init__(self, raw: TextIO, allow: tuple[str, ...] = ()) -> None:
        self.raw = raw
        self._allowed = re.compile("(" + "|".join(map(re.escape, allow)) + ")") if allow else None

    # click hands back a stream whose encoding and errors look right unchanged: the gate never
    # writes what the encoding cannot hold, so "strict" is what it behaves like.
    @property
    def encoding(self) -> str:
        return getattr(self.raw, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:
        return "strict"

    @property
    def buffer(self) -> _BinaryGate:
        return _BinaryGate(self)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def flush(self) -> None:
        self.raw.flush()

    def clean(self, text: str) -> str:
        if self._allowed is None:
            return printable(text)
        # split() keeps the allowed sequences at odd positions
        return "".join(part if i % 2 else printable(part) for i, part in enumerate(self._allowed.split(text)))

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        shown = self.clean(text)
        try:
            self.raw.write(shown)
        except UnicodeEncodeError:  # a terminal that cannot show Turkish letters still gets every line
            self.raw.write(shown.encode(self.encoding, "backslashreplace").decode(self.encoding))
        return len(text)


class _BinaryGate(io.RawIOBase):
    """`gate.buffer`: bytes written here are read as UTF-8 and pass the same gate."""

    def __init__(self, gate: TerminalGate) -> None:
        self._gate = gate

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._gate.write(bytes(data).decode("utf-8", "replace"))
        return len(data)

    def flush(self) -> None:
        self._gate.flush()


def _raw(stream: TextIO) -> TextIO:
    return stream.raw if isinstance(stream, TerminalGate) else stream


def install() -> tuple[TextIO, TextIO]:
    """Put gates on stdout and stderr (and on tracebacks); returns the streams to put back."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalGate(_raw(sys.stdout)), TerminalGate(_raw(sys.stderr))
    sys.excepthook = _gated_excepthook
    return saved


def _gated_excepthook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
    """A bug's traceback is still shown (it helps a report) but quotes no escape sequence."""
    TerminalGate(_raw(sys.stderr)).write("".join(traceback.format_exception(kind, exc, tb)))


def progress_stream() -> TerminalGate:
    """stderr for a progress bar: its carriage return and cursor sequences pass, nothing else."""
    return TerminalGate(_raw(sys.stderr), allow=PROGRESS_SEQUENCES)


def progress_bar(length: int, label: str) -> Any:
    """A click progress bar on stderr (callers show it only on a terminal)."""
    return click.progressbar(length=length, label=label, file=progress_stream())


def clear_progress_line() -> None:
    """Wipe the bar's line so that a message can be printed above it."""
    stream = progress_stream()
    stream.write("\r\x1b[K")
    stream.flush()
