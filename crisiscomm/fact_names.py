"""What people call a fact: canonical keys, their Turkish and English names, and the aliases typed for them.

`injured` is the key the templates (`{injured}`), the tracker and `--json` use;
people see its name (`Yaralı sayısı` / `Number of injured`) and may type any
alias (`yaralı`, `Yaralı sayısı`, `yarali_sayisi`, `injured`) — all the same fact.
Names and aliases live in crisiscomm/data/fact_synonyms.toml beside the words
that find the fact in posts; the `fact_synonyms.toml` next to the database adds
its own (crisiscomm/vocabulary.py merges them). A key nobody named is shown as
typed, with spaces for underscores.
"""

from __future__ import annotations

import functools
import pathlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from crisiscomm import config, i18n
from crisiscomm.text import fold, tr_lower
from crisiscomm.vocabulary import merged_table, override_of


def normal_name(text: str) -> str:
    """A typed name compared the Turkish way: small letters, `_`/`-` as spaces, one space between words."""
    return " ".join(re.sub(r"[_\-]+", " ", tr_lower(text)).split())


@dataclass(frozen=True)
class FactNames:
    names: dict[str, dict[str, str]]  # key → {lang: name}
    aliases: dict[str, str]  # normal name → key
    folded: dict[str, str]  # ASCII-folded normal name → key (for names typed without Turkish letters)
    phrases: dict[str, dict[str, str]]  # key → {lang: sentence with {value}}
    ambiguous: dict[str, tuple[str, ...]]  # normal name → the keys it may mean (`kayıp`: dead or missing)

    def key_for(self, typed: str, existing: Iterable[str] = ()) -> str:
        """The canonical key `typed` names: an alias or name, else a key already on the sheet
        written another way (`Çadır Sayısı` for `çadır sayısı`), else `typed` itself, tidied."""
        tidy = " ".join(typed.split())
        normal = normal_name(tidy)
        if normal in self.aliases:
            return self.aliases[normal]
        for key in existing:
            if normal_name(key) == normal:
                return key
        if normal.isascii() and fold(normal) in self.folded:
            return self.folded[fold(normal)]
        return tidy

    def name(self, key: str, lang: str | None = None) -> str:
        """The name shown for `key` in `lang` (the UI's by default)."""
        names = self.names.get(key)
        if names:
            return names.get(lang or i18n.get_lang()) or names.get("en") or next(iter(names.values()))
        return key.replace("_", " ")

    def meanings(self, typed: str) -> tuple[str, ...]:
        """The keys a name that is no fact's own may mean (`kayıp` → dead, missing); () otherwise."""
        normal = normal_name(typed)
        return () if normal in self.aliases else self.ambiguous.get(normal, ())

    def phrase(self, key: str, lang: str) -> str | None:
        """The sentence that states the fact in `lang` (`{value} kişi yaralanmıştır`), if it has one."""
        return self.phrases.get(key, {}).get(lang)

    def known(self, key: str) -> bool:
        return key in self.names


def _build(table: dict) -> FactNames:
    names: dict[str, dict[str, str]] = {}
    phrases: dict[str, dict[str, str]] = {}
    aliases: dict[str, str] = {}
    for key, entry in table.get("facts", {}).items():
        if entry.get("name"):
            names[key] = {lang: " ".join(n.split()) for lang, n in entry["name"].items()}
        if entry.get("phrase"):
            phrases[key] = dict(entry["phrase"])
        for typed in [key, *entry.get("name", {}).values(), *entry.get("aliases", [])]:
            aliases.setdefault(normal_name(typed), key)
    ambiguous = {normal_name(word): tuple(entry.get("keys", []))
                 for entry in table.get("ambiguous", {}).values() for word in entry.get("words", [])
                 if not word.endswith("*")}
    folded: dict[str, str] = {}
    for alias, key in aliases.items():
        folded.setdefault(fold(alias), key)
    return FactNames(names, aliases, folded, phrases, ambiguous)


@functools.lru_cache(maxsize=8)
def _names(override: str | None, stamp: float | None) -> FactNames:
    return _build(merged_table(override, stamp))


def fact_names(folder: pathlib.Path | None = None) -> FactNames:
    """The names of the room whose folder is `folder` (the configured one by default)."""
    return _names(*override_of(folder if folder is not None else config.current().folder))


def display_name(key: str, lang: str | None = None) -> str:
    """`injured` → `Yaralı sayısı` (Turkish UI) or `Number of injured`; an unnamed key as typed."""
    return fact_names().name(key, lang)


def canonical_key(typed: str, existing: Iterable[str] = ()) -> str:
    return fact_names().key_for(typed, existing)
