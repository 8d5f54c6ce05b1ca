"""MentionsPane (scaffold: replaced by its capability)."""

from crisiscomm.tui.panes.base import Pane


class MentionsPane(Pane):
    PANE_ID = "mentions"
    TITLE_KEY = "pane.mentions"
