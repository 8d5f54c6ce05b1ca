"""Where keys and tables sit in a TOML source.

`tomllib` returns values without line numbers, so validation messages find
their line here: the source is scanned once (skipping strings, comments and
multi-line values) and every table header and `key =` line is recorded under
its path, e.g. `("steps", 2, "depends_on")` for the `depends_on` key of the
third `[[steps]]` table.
"""

from __future__ import annotations

import re

Path = tuple  # of str keys and int array-of-tables indexes

_HEADER = re.compile(r"\s*(\[\[?)(.*?)(\]\]?)\s*(?:#.*)?$")
_KEY = re.compile(r"""\s*((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*)\s*=""")
_KEY_PART = re.compile(r"""\s*([A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')\s*(?:\.|$)""")


def split_key(text: str) -> list[str]:
    """`a."b c".d` -> ['a', 'b c', 'd']."""
    parts = []
    for match in _KEY_PART.finditer(text):
        part = match.group(1)
        if part[:1] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return parts


class _Scanner:
    """Tracks whether a line starts inside a multi-line string or a bracketed value."""

    def __init__(self) -> None:
        self.multiline: str | None = None  # '"""' or "'''"
        self.depth = 0

    def at_statement_start(self) -> bool:
        return self.multiline is None and self.depth == 0

    def feed(self, line: str, start: int = 0) -> None:
        i, n = start, len(line)
        while i < n:
            if self.multiline == '"""':
                if line[i] == "\\":
                    i += 2
                    continue
                if line.startswith('"""', i):
                    self.multiline = None
                    i += 3
                    continue
                i += 1
                continue
            if self.multiline == "'''":
                end = line.find("'''", i)
                if end < 0:
                    return
                self.multiline = None
                i = end + 3
                continue
            ch = line[i]
            if ch == "#":
                return
            if line.startswith('"""', i) or line.startswith("'''", i):
                self.multiline = line[i:i + 3]
                i += 3
                continue
            if ch == '"':
                i += 1
                while i < n and line[i] != '"':
                    i += 2 if line[i] == "\\" else 1
            elif ch == "'":
                end = line.find("'", i + 1)
                i = n if end < 0 else end
            elif ch in "[{":
                self.depth += 1
            elif ch in "]}":
                self.depth = max(0, self.depth - 1)
            i += 1


def key_lines(source: str) -> dict[Path, int]:
    """Map each table and key path to its (1-based) line."""
    lines: dict[Path, int] = {}
    array_counts: dict[Path, int] = {}
    table: Path = ()
    scanner = _Scanner()
    for number, line in enumerate(source.splitlines(), 1):
        if scanner.at_statement_start():
            header = _HEADER.match(line)
            if header and line.lstrip().startswith("["):
                is_array = header.group(1) == "[["
                table = _resolve(split_key(header.group(2)), array_counts, is_array)
                lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                path = table
                for part in split_key(key.group(1)):
                    path = path + (part,)
                    lines.setdefault(path, number)
                scanner.feed(line, key.end())
                continue
        scanner.feed(line)
    return lines


def _resolve(parts: list[str], array_counts: dict[Path, int], is_array: bool) -> Path:
    """A header's path; array-of-tables components get their current index."""
    path: Path = ()
    for i, part in enumerate(parts):
        path = path + (part,)
        last = i == len(parts) - 1
        if last and is_array:
            array_counts[path] = array_counts.get(path, 0) + 1
            return path + (array_counts[path] - 1,)
        if path in array_counts:
            path = path + (array_counts[path] - 1,)
    return path


def line_of(lines: dict[Path, int], path: Path) -> int:
    """The line of `path`, or of its nearest recorded parent (1 when none)."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return 1
