"""Footer key labels in the chosen language.

A binding's description is an i18n key (or English text, which `t` returns
unchanged when no translation is registered).
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from crisiscomm.i18n import register, t


def translate_bindings(node: DOMNode) -> None:
    """Rewrite `node`'s binding descriptions through `t`; call once, after `__init__`."""
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [replace(b, description=t(b.description)) for b in bindings]


register(
    {
        "Quit": {"tr": "Çıkış", "en": "Quit"},
        "Next pane": {"tr": "Sonraki bölme", "en": "Next pane"},
        "Prev pane": {"tr": "Önceki bölme", "en": "Prev pane"},
        "Incidents": {"tr": "Olaylar", "en": "Incidents"},
        "Help": {"tr": "Yardım", "en": "Help"},
        "Notifications": {"tr": "Bildirimler", "en": "Notifications"},
        "Mentions": {"tr": "İçerikler", "en": "Mentions"},
        "Checklist": {"tr": "Adımlar", "en": "Checklist"},
        "Statements": {"tr": "Açıklamalar", "en": "Statements"},
        "Consistency": {"tr": "Tutarlılık", "en": "Consistency"},
        "Claims": {"tr": "İddialar", "en": "Claims"},
        "palette": {"tr": "Komut paleti", "en": "Command palette"},
        "Scroll Left": {"tr": "Sola kaydır", "en": "Scroll left"},
        "Scroll Right": {"tr": "Sağa kaydır", "en": "Scroll right"},
        "Page Left": {"tr": "Sayfa sola", "en": "Page left"},
        "Page Right": {"tr": "Sayfa sağa", "en": "Page right"},
        "Timeline": {"tr": "Zaman çizelgesi", "en": "Timeline"},
        "Drill ⏯": {"tr": "Tatbikat ⏯", "en": "Drill ⏯"},
        "Next inject": {"tr": "Sonraki senaryo girdisi", "en": "Next inject"},
        "Drill speed": {"tr": "Tatbikat hızı", "en": "Drill speed"},
        "Back": {"tr": "Geri", "en": "Back"},
        "Open incident": {"tr": "Olay aç", "en": "Open incident"},
        "Demo drill": {"tr": "Tanıtım tatbikatı", "en": "Demo drill"},
        "Cancel": {"tr": "Vazgeç", "en": "Cancel"},
    }
)
register(
    {
        "Close": {"tr": "Kapat", "en": "Close"},
        "Link": {"tr": "Bağla", "en": "Link"},
        "Save": {"tr": "Kaydet", "en": "Save"},
        "Copy": {"tr": "Kopyala", "en": "Copy"},
        "Draft correction": {"tr": "Düzeltme taslağı", "en": "Draft correction"},
        "Dismiss correction": {"tr": "Düzeltmeyi kapat", "en": "Dismiss correction"},
    }
)
