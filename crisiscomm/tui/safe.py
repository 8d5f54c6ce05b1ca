"""Untrusted text for dashboard widgets: never parsed as markup, never an escape sequence.

Titles, operator names and drill-scenario text come from outside (and from
databases written before they were cleaned where they enter). Textual and Rich
drop only a few control characters: an `ESC ]52;…` would rewrite the
clipboard on every repaint, and an OSC whose BEL they drop swallows the rest of
the screen. Everything shown from the database goes through here.
"""

from __future__ import annotations

from textual.content import Content

from crisiscomm.printable import one_line, printable


def safe_text(value: object) -> str:
    """Printable text (line breaks kept) for a Text, a toast or a format string."""
    return printable(str(value))


def safe_line(value: object) -> str:
    """A title or a name on one printable line."""
    return one_line(str(value))


def safe_content(value: object) -> Content:
    """A widget's content from untrusted text: printable and never markup."""
    return Content(printable(str(value)))
