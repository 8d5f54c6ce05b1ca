"""A drill inject that asks something of the team, as a card: who, the whole text, what is expected, by when.

A journalist's call or an account alert cut to one line of a toast is missed;
the card shows all of it and stays until the operator closes it. Cards (and
the score) never open under the operator's typing: they wait until no text
field has the keys (`DashboardApp.interrupt`).
"""

from __future__ import annotations

from rich.text import Text

from crisiscomm import i18n, incidents
from crisiscomm.clock import format_clock
from crisiscomm.drills.scenario import Inject
from crisiscomm.review import sentence_strings  # noqa: F401  (the inject type names)
from crisiscomm.tui.safe import safe_line, safe_text
from crisiscomm.tui.screens.dialog import TextView

i18n.register({
    "card.from": {"tr": "Kimden", "en": "From"},
    "card.expected": {"tr": "Beklenen eylem", "en": "Expected action"},
    "card.by": {"tr": "Hedef süre: {due} (olay saati)", "en": "Due by {due} (incident clock)"},
    "card.close": {"tr": "Enter / Esc: not aldım, kapat", "en": "Enter / Esc: noted, close"},
    "card.waiting": {"tr": "{what} bekliyor: yazmayı bitirip Esc'ye basınca açılacak",
                     "en": "{what} is waiting: it opens when you finish typing and press Esc"},
})


def card_text(inject: Inject) -> Text:
    fields = inject.fields
    what = i18n.t(f"sentence.inject.{inject.type}")
    out = Text(f"{incidents.EXERCISE_MARK} · {format_clock(inject.at)}\n", style="bold black on yellow")
    out.append(f"\n{what[:1].upper()}{what[1:]}\n", style="bold")
    sender = safe_line(" · ".join(str(x) for x in (fields.get("from"), fields.get("outlet"), fields.get("channel"),
                                                    fields.get("account"), fields.get("author")) if x))
    if sender:
        out.append(f"{i18n.t('card.from')}: ", style="dim")
        out.append(sender + "\n")
    out.append("\n" + safe_text(inject.content) + "\n")
    if inject.expect is not None:
        out.append(f"\n{i18n.t('card.expected')}: ", style="bold")
        out.append(safe_text(inject.expect.description or inject.expect.action) + "\n")
        out.append(i18n.t("card.by", due=format_clock(inject.due)) + "\n", style="bold red")
    out.append("\n" + i18n.t("card.close"), style="dim")
    return out


class InjectCard(TextView):
    DEFAULT_CSS = "InjectCard .dialog { width: 84; border: thick $warning; }"
    BODY_ID = "inject-card"

    def __init__(self, inject: Inject) -> None:
        super().__init__(card_text(inject))
        self.inject = inject
