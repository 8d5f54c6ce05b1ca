"""Turkish and English UI strings.

Each area registers its own table (`register({...})`) next to the code that
uses it, so strings live with their screens; `t(key)` looks them up in the
chosen language, falling back to English, then to the key itself.
"""

from __future__ import annotations

import locale
import os

LANGS = ("tr", "en")
_strings: dict[str, dict[str, str]] = {}
_lang = {"current": None}


def register(table: dict[str, dict[str, str]]) -> None:
    _strings.update(table)


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
    entry = _strings.get(key)
    text = key if entry is None else entry.get(lang) or entry.get("en") or key
    return text.format(**values) if values else text


register(
    {
        "exercise_banner": {"tr": "TATBİKAT / EXERCISE", "en": "TATBİKAT / EXERCISE"},
        "severity": {"tr": "Önem", "en": "Severity"},
        "mode.actual": {"tr": "gerçek", "en": "actual"},
        "mode.exercise": {"tr": "tatbikat", "en": "exercise"},
        "status.active": {"tr": "aktif", "en": "active"},
        "status.monitoring": {"tr": "izleniyor", "en": "monitoring"},
        "status.closed": {"tr": "kapalı", "en": "closed"},
    }
)
