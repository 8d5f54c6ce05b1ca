"""Turkish and English UI strings: one catalogue, one key scheme.

Each area registers its own table (`register({...})`) next to the code that
uses it, so strings live with their screens; `t(key)` looks them up in the
chosen language, falling back to English, then to the key itself.

Keys are `area.name` (lower case, dotted): `incident.opened`, `error.statement.own`;
a few words the whole UI shares are one word (`severity`). Binding descriptions are the one exception: Textual's own bindings carry English
descriptions, so the footer's table (tui/bindings.py) is keyed by that English text.

A text that counts something takes its forms by `count`: English needs "1
mention" and "2 mentions", Turkish keeps the noun singular after a number
("2 içerik"). Write `{"en": {"one": "…", "other": "…"}, "tr": "…"}` and call
`t(key, count=n)`. The same key registered twice with different texts is a
bug (one area would silently change another's words): `register` refuses it.
The words the product uses are fixed in docs/glossary.md; `FORBIDDEN_TR`
lists the Turkish calques it replaced, which no Turkish string may contain.
"""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Iterator

LANGS = ("tr", "en")
PLURAL_FORMS = ("one", "other")
KEY_SCHEME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")

Text = str | dict[str, str]
_strings: dict[str, dict[str, Text]] = {}
_lang = {"current": None}

# Calques and drifting terms the glossary replaced (docs/glossary.md, "Words we do not use"):
# a pattern (lower-cased Turkish text) → the word to use instead.
FORBIDDEN_TR: dict[str, str] = {
    r"oyun kitab": "eylem planı",
    r"bekleme açıklama": "ilk açıklama",
    r"olgu tablo": "bilgi föyü",
    r"bilgi notu": "bilgi föyü",
    r"bekleme yanıt": "ilk yanıt",
    r"\bson an(lar|ı|lara)?\b": "hedef süre",
    r"üste ilet": "yetkiliye ilet",
    r"üst kademeye ilet": "yetkiliye ilet",
    r"süzgeç": "filtre",
    r"bahsetme": "içerik",
    r"iki adımlı": "iki faktörlü kimlik doğrulama",
    r"\bönem\b": "seviye",
    r"\binject": "senaryo girdisi",
    r"\boperatör": "görevli",
}


def register(table: dict[str, dict[str, Text]]) -> None:
    """Add an area's strings; a key already registered with other words is refused."""
    for key, entry in table.items():
        known = _strings.get(key)
        if known is not None and known != entry:
            raise ValueError(f"i18n key {key!r} is registered twice with different texts")
        _strings[key] = entry


def keys() -> Iterator[str]:
    """Every registered key (the catalogue test walks them)."""
    return iter(list(_strings))


def entry(key: str) -> dict[str, Text] | None:
    """A key's texts per language, as registered."""
    return _strings.get(key)


def detect_lang() -> str:
    for var in ("CRISISCOMM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "tr" if value.lower().startswith("tr") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "tr" if loc.lower().startswith("tr") else "en"


def set_lang(lang: str | None) -> str:
    _lang["current"] = lang if lang in LANGS else detect_lang()
    return _lang["current"]


def get_lang() -> str:
    return _lang["current"] or set_lang(None)


def t(key: str, /, **values: object) -> str:
    return t_in(get_lang(), key, **values)


def t_in(lang: str, key: str, /, **values: object) -> str:
    """`t` in a given language, whatever the UI's (exports carry both languages)."""
    found = _strings.get(key)
    text = key if found is None else found.get(lang) or found.get("en") or key
    if isinstance(text, dict):
        text = text["one"] if values.get("count") == 1 else text["other"]
    return text.format(**values) if values else text


def word(prefix: str, value: object) -> str:
    """A stored state or id in the UI language (`word("status", "active")` → "aktif"); the value
    itself when the catalogue has no word for it (a state a newer version added)."""
    key = f"{prefix}.{value}"
    return t(key) if key in _strings else str(value)


register(
    {
        "exercise_banner": {"tr": "TATBİKAT / EXERCISE", "en": "TATBİKAT / EXERCISE"},
        "severity": {"tr": "Seviye", "en": "Severity"},
        "mode.actual": {"tr": "gerçek", "en": "actual"},
        "mode.exercise": {"tr": "tatbikat", "en": "exercise"},
        "status.active": {"tr": "aktif", "en": "active"},
        "status.monitoring": {"tr": "izleniyor", "en": "monitoring"},
        "status.closed": {"tr": "kapalı", "en": "closed"},
    }
)
