"""The base of the dashboard's modal dialogs: footer keys in the UI language."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from crisiscomm.tui.bindings import translate_bindings

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)
