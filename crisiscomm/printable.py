"""Text fit for a terminal: no escape or control sequence from any source survives.

Every string that reaches a terminal passes here: the CLI's output streams are
wrapped in a gate that calls `printable` on every write, the dashboard shows
untrusted text through `tui.safe`, drill logs and markdown reports clean their
fields. Titles, names and file contents are also cleaned where they enter
(`one_line`, `printable`), so that nothing raw is ever stored.

Whole sequences are removed (`ESC [31m`, `ESC ]52;c;… BEL`, their 8-bit C1
forms), then every remaining C0/C1 control but tab and newline, and the bidi
overrides that reorder what a reader sees. A carriage return becomes a line
break: it could otherwise overwrite what was printed before it on the line.
Lone surrogates (bytes that were not UTF-8) become U+FFFD, so printing never
raises.
"""

from __future__ import annotations

import re

_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, screen clears
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC/DCS/SOS/PM/APC
    r"|\x1b[ -/]*[0-~]"  # any other escape sequence
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` without escape sequences or controls; tab and newline kept."""
    if text.isprintable() or not _UNSAFE.search(text):  # the common case: one scan, nothing to remove
        return text
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def without_sequences(text: str) -> str:
    """`text` without whole escape sequences (what a terminal would obey), nothing else removed."""
    return _SEQUENCE.sub("", text)


def one_line(text: str) -> str:
    """A title or a name: printable, on one line, spaces collapsed."""
    return " ".join(printable(text).split())


# What `json.dumps(..., ensure_ascii=False)` leaves raw inside strings that a terminal acts on.
_JSON_RAW = re.compile("[\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_printable(text: str) -> str:
    """JSON text (from `json.dumps`) with those characters as `\\uXXXX` escapes: the same data, safe to print."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
