"""ChecklistPane (scaffold: replaced by its capability)."""

from crisiscomm.tui.panes.base import Pane


class ChecklistPane(Pane):
    PANE_ID = "checklist"
    TITLE_KEY = "pane.checklist"
