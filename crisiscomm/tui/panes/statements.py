"""StatementsPane (scaffold: replaced by its capability)."""

from crisiscomm.tui.panes.base import Pane


class StatementsPane(Pane):
    PANE_ID = "statements"
    TITLE_KEY = "pane.statements"
