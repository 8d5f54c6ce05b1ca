"""Line numbers for TOML validation errors.

`tomllib` returns plain dicts without positions, so a second, shallow pass over
the text maps each table (and each element of an array of tables) to the
lines of its keys. It understands what scenario files use: `[table]`,
`[[array]]`, `[array.sub]` (which belongs to the array's last element) and
`key = value` lines; a key inside an inline table points at its parent key.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def _unquote(key: str) -> str:
    return key[1:-1] if key[:1] in "\"'" else key


class TomlPositions:
    """`line(path)` finds where a table or key was written.

    A path is a tuple such as ("exercise", "playbook"), ("inject", 2),
    ("inject", 2, "expect", "deadline"): strings name tables and keys, an int
    picks an element of an array of tables (0-based).
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple, int] = {}
        counts: dict[str, int] = {}
        section: tuple = ()
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER.match(line)
            if header:
                section = self._section(header.group(1) == "[[", header.group(2), counts)
                self._lines.setdefault(section, number)
                continue
            key = _KEY.match(line)
            if key:
                parts = tuple(_unquote(p.strip()) for p in key.group(1).split("."))
                self._lines.setdefault(section + parts, number)
                for quote in ('"""', "'''"):
                    if line.count(quote) % 2 == 1:
                        in_multiline = quote

    @staticmethod
    def _section(is_array: bool, name: str, counts: dict[str, int]) -> tuple:
        parts = [_unquote(p.strip()) for p in name.split(".")]
        path: list = []
        for depth, part in enumerate(parts):
            path.append(part)
            dotted = ".".join(str(p) for p in path)
            last = depth == len(parts) - 1
            if is_array and last:
                counts[dotted] = counts.get(dotted, 0) + 1
                path.append(counts[dotted] - 1)
            elif dotted in counts:
                # a sub-table of an array of tables belongs to its newest element
                path.append(counts[dotted] - 1)
        return tuple(path)

    def line(self, path: tuple) -> int | None:
        """The line of `path`, or of its nearest written ancestor."""
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return None
