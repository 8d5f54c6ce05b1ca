"""One mention in full: every field, the whole text, where it came from and when.

Opened with Enter on the mentions list. Text from feeds is shown as
`rich.text.Text` (never markup); control characters were stripped on arrival.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from crisiscomm import i18n
from crisiscomm.tui.safe import safe_line, safe_text
from crisiscomm.tui.screens.dialog import TextView
from crisiscomm.tui.when import world_age
from crisiscomm.world_time import World

i18n.register({
    "mview.feed": {"tr": "Kaynak", "en": "Source"},
    "mview.author": {"tr": "Yazan", "en": "Author"},
    "mview.state": {"tr": "Durum", "en": "State"},
    "mview.published": {"tr": "Yayım", "en": "Published"},
    "mview.arrived": {"tr": "Geliş", "en": "Arrived"},
    "mview.link": {"tr": "Bağlantı", "en": "Link"},
    "mview.keywords": {"tr": "Eşleşen kelimeler", "en": "Matched keywords"},
    "mview.claim": {"tr": "Bağlı iddia", "en": "Linked claim"},
})


def mention_text(row: dict, world: World | None = None) -> Text:
    """Every field; its times as ages in the incident's time (`world`: a drill's scenario time)."""
    from crisiscomm.tui.panes.mentions import feed_label

    world = world or World()
    out = Text()
    out.append(f"#{row['id']} ", style="bold")
    if row.get("title"):
        out.append(safe_text(row["title"]), style="bold")
    out.append("\n\n")
    fields = [
        ("mview.feed", feed_label(row)),
        ("mview.author", row.get("author") or ""),
        ("mview.state", i18n.t("mstate." + row.get("state", "new"))),
        ("mview.published", world_age(world, row.get("published_at"), recorded=False) if row.get("published_at") else ""),
        ("mview.arrived", world_age(world, row.get("fetched_at"))),
        ("mview.link", row.get("link") or ""),
        ("mview.keywords", ", ".join(row.get("keywords") or [])),
        ("mview.claim", f"#{row['claim_id']}" if row.get("claim_id") else ""),
    ]
    for key, value in fields:
        if value:
            out.append(f"{i18n.t(key)}: ", style="dim")
            out.append(f"{safe_line(value)}\n")
    out.append("\n")
    out.append(safe_text(row.get("text") or ""))
    return out


class MentionView(TextView):
    BINDINGS = [Binding("q", "close", "Close")]
    DEFAULT_CSS = "MentionView .dialog { width: 100; }"
    BODY_ID = "mention-view"

    def __init__(self, row: dict, world: World | None = None) -> None:
        super().__init__(mention_text(row, world))
        self.row = row
