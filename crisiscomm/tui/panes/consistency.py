"""ConsistencyPane (scaffold: replaced by its capability)."""

from crisiscomm.tui.panes.base import Pane


class ConsistencyPane(Pane):
    PANE_ID = "consistency"
    TITLE_KEY = "pane.consistency"
