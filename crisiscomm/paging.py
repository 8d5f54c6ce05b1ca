"""What a paged list needs from its source besides pages: one consistent look at it."""

from __future__ import annotations

from typing import NamedTuple


class Survey(NamedTuple):
    """A list's size, where one item sits in it, and what arrived after a mark, seen at one moment."""

    total: int
    index: int | None = None  # the item's row (0 = top); None when it is not in the list
    newer: int = 0  # rows that arrived after the mark
    newest: int = 0  # id of the newest arrival in the list (the next mark)
