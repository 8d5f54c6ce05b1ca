"""ClaimsPane (scaffold: replaced by its capability)."""

from crisiscomm.tui.panes.base import Pane


class ClaimsPane(Pane):
    PANE_ID = "claims"
    TITLE_KEY = "pane.claims"
