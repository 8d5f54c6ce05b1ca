"""The words that name fact-sheet keys in posts (crisiscomm/data/fact_synonyms.toml).

An override with the same layout may sit next to the database; its words are
added to the bundled ones, its kinds win, `replace = true` drops a key's
bundled words. A trailing `*` marks a stem that matches any word starting
with it. Words compare the Turkish way: letter for letter, folded to ASCII
only where either side is written in plain ASCII; a leading `=` keeps a word
from matching a text typed in ASCII (`=öldü` would read `oldu`, "became").

The table is keyed by canonical fact keys (`[facts.injured]`) whose `words`
are the phrases that name them in a text; `[ambiguous.NAME]` lists phrases
that may name several keys (`kayıp`: the dead or the missing). A key's `name`
(Turkish and English) and `aliases` say what people call it on screen and type
for it (crisiscomm/fact_names.py); a key with neither `kind` nor `words` only
has a name (its kind is read from its value).
"""

from __future__ import annotations

import copy
import functools
import pathlib
import tomllib
from dataclasses import dataclass, field
from typing import NamedTuple

from crisiscomm import files
from crisiscomm.errors import CrisisError
from crisiscomm.text import fold, tr_lower
from crisiscomm.file_strings import t

BUNDLED = pathlib.Path(__file__).parent / "data" / "fact_synonyms.toml"
OVERRIDE_NAME = "fact_synonyms.toml"
KINDS = ("count", "phone", "time", "date", "url", "hashtag", "percent")
WORD_LISTS = ("fillers", "links", "conjunctions", "changes", "deltas")


class Word(NamedTuple):
    """A word of a text: Turkish lower case, folded, typed in ASCII?"""

    low: str
    folded: str
    ascii: bool


@dataclass(frozen=True)
class Pattern:
    """A word of a phrase: `yaralı*` (a stem), `=öldü*` (never read from ASCII), `sayısı`."""

    low: str
    folded: str
    prefix: bool = False
    strict: bool = False

    @classmethod
    def parse(cls, text: str) -> Pattern:
        strict, core = text.startswith("="), text.lstrip("=")
        prefix, core = core.endswith("*"), core.rstrip("*")
        return cls(tr_lower(core), fold(core), prefix, strict)

    def matches(self, word: Word) -> bool:
        if word.ascii or (not self.strict and self.low.isascii()):
            if word.ascii and self.strict and self.low != self.folded:
                return False
            mine, theirs = self.folded, word.folded
        else:
            mine, theirs = self.low, word.low
        return theirs.startswith(mine) if self.prefix else theirs == mine


@dataclass(frozen=True)
class Phrase:
    key: str
    words: tuple[Pattern, ...]


def _patterns(phrase: str) -> tuple[Pattern, ...]:
    return tuple(Pattern.parse(w) for w in phrase.replace("_", " ").split())


@dataclass
class Vocabulary:
    kinds: dict[str, str]
    phrases: list[Phrase]
    fillers: tuple[Pattern, ...] = ()
    links: tuple[Pattern, ...] = ()
    conjunctions: tuple[Pattern, ...] = ()
    changes: tuple[Pattern, ...] = ()
    deltas: tuple[Pattern, ...] = ()
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)  # `?name` → the keys it may name
    _starting: dict[Word, list[Phrase]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.phrases.sort(key=lambda p: (-len(p.words), -len(p.words[-1].low)))

    def _candidates(self, word: Word) -> list[Phrase]:
        """Phrases whose first word matches `word`, longest first (cached per word)."""
        found = self._starting.get(word)
        if found is None:
            found = self._starting[word] = [p for p in self.phrases if p.words[0].matches(word)]
        return found

    def is_filler(self, word: Word) -> bool:
        return any(p.matches(word) for p in self.fillers)

    def is_link(self, word: Word) -> bool:
        return any(p.matches(word) for p in self.links)

    def is_conjunction(self, word: Word) -> bool:
        return any(p.matches(word) for p in self.conjunctions)

    def is_change(self, word: Word) -> bool:
        """`artarak`, `iken`: the number after it is the one that holds now."""
        return any(p.matches(word) for p in self.changes)

    def is_delta(self, word: Word) -> bool:
        """`arttı`, `daha`: the number before it is a change, not the count."""
        return any(p.matches(word) for p in self.deltas)

    def phrase_at(self, words: list[Word | None], index: int, kinds: tuple[str, ...] | None = None) -> Phrase | None:
        """The longest phrase whose words start at `words[index]` (None = not a word)."""
        if index >= len(words) or words[index] is None:
            return None
        for phrase in self._candidates(words[index]):
            if kinds is not None and self.kinds.get(phrase.key) not in kinds:
                continue
            end = index + len(phrase.words)
            if end > len(words):
                continue
            if all(w is not None and p.matches(w) for p, w in zip(phrase.words, words[index:end])):
                return phrase
        return None

    def with_keys(self, kinds: dict[str, str]) -> Vocabulary:
        """This vocabulary plus fact keys that it does not know (each key names itself)."""
        merged = dict(self.kinds)
        phrases = list(self.phrases)
        for key, kind in kinds.items():
            if key not in merged:
                merged[key] = kind
            words = _patterns(key)
            if words and Phrase(key, words) not in phrases:
                phrases.append(Phrase(key, words))
        return Vocabulary(merged, phrases, self.fillers, self.links, self.conjunctions, self.changes, self.deltas,
                          self.ambiguous)


@functools.lru_cache(maxsize=1)
def _bundled() -> dict:
    return tomllib.loads(BUNDLED.read_text("utf-8"))


def _read_override(path: pathlib.Path) -> dict:
    try:
        return files.load_toml(path)
    except files.FileRefused as exc:
        raise CrisisError(t("file.synonyms.unreadable", exc=exc)) from exc


def _check(table: dict, origin: str) -> None:
    words = table.get("words", {})
    if not isinstance(words, dict):
        raise CrisisError(t("file.synonyms.words", origin=origin))
    for name in WORD_LISTS:
        if not all(isinstance(w, str) for w in words.get(name, [])):
            raise CrisisError(t("file.synonyms.words_list", origin=origin, name=name))
    for name, entry in table.get("ambiguous", {}).items() if isinstance(table.get("ambiguous", {}), dict) else ():
        if not isinstance(entry, dict) or not all(isinstance(k, str) for k in entry.get("keys", [None])):
            raise CrisisError(t("file.synonyms.ambiguous", origin=origin, name=name))
    facts = table.get("facts", {})
    if not isinstance(facts, dict):
        raise CrisisError(t("file.synonyms.facts", origin=origin))
    for key, entry in facts.items():
        if not isinstance(entry, dict):
            raise CrisisError(t("file.synonyms.fact_table", origin=origin, key=key))
        if "kind" in entry and entry["kind"] not in KINDS:
            raise CrisisError(t("file.synonyms.kind", origin=origin, key=key, kinds=', '.join(KINDS)))
        for name in ("words", "aliases"):
            if not isinstance(entry.get(name, []), list) or not all(isinstance(w, str) for w in entry.get(name, [])):
                raise CrisisError(t("file.synonyms.list", origin=origin, key=key, name=name))
        for name in ("name", "phrase"):
            texts = entry.get(name, {})
            if not isinstance(texts, dict) or not all(isinstance(n, str) and n.strip() for n in texts.values()):
                raise CrisisError(t("file.synonyms.names", origin=origin, key=key, name=name))


def _merge(base: dict, extra: dict) -> dict:
    merged = copy.deepcopy(base)
    for name in WORD_LISTS:
        merged.setdefault("words", {}).setdefault(name, []).extend(extra.get("words", {}).get(name, []))
    for name, entry in extra.get("ambiguous", {}).items():
        merged.setdefault("ambiguous", {})[name] = entry
    for key, entry in extra.get("facts", {}).items():
        target = merged.setdefault("facts", {}).setdefault(key, {"words": []})
        if entry.get("replace"):
            target["words"] = []
        target["words"] = list(target.get("words", [])) + list(entry.get("words", []))
        target["aliases"] = list(target.get("aliases", [])) + list(entry.get("aliases", []))
        target["name"] = {**target.get("name", {}), **entry.get("name", {})}
        target["phrase"] = {**target.get("phrase", {}), **entry.get("phrase", {})}
        if "kind" in entry:
            target["kind"] = entry["kind"]
    return merged


def _build(table: dict) -> Vocabulary:
    kinds: dict[str, str] = {}
    phrases: list[Phrase] = []
    ambiguous: dict[str, tuple[str, ...]] = {}
    entries = [(key, entry, [key]) for key, entry in table.get("facts", {}).items()
               if "kind" in entry or entry.get("words")]  # the others only have names
    entries += [(f"?{name}", entry, []) for name, entry in table.get("ambiguous", {}).items()]
    for key, entry, names in entries:
        kinds[key] = entry.get("kind", "count")
        if key.startswith("?"):
            ambiguous[key] = tuple(entry.get("keys", []))
        for text in [*names, *entry.get("words", [])]:
            words = _patterns(text)
            if words and Phrase(key, words) not in phrases:
                phrases.append(Phrase(key, words))
    lists = {name: tuple(Pattern.parse(w) for w in table.get("words", {}).get(name, [])) for name in WORD_LISTS}
    return Vocabulary(kinds, phrases, **lists, ambiguous=ambiguous)


@functools.lru_cache(maxsize=8)
def merged_table(override: str | None, stamp: float | None) -> dict:
    """The bundled table merged with the override file (its path and mtime, see `override_of`); read only."""
    table = _bundled()
    _check(table, str(BUNDLED))
    if override is not None:
        extra = _read_override(pathlib.Path(override))
        _check(extra, override)
        table = _merge(table, extra)
    return table


@functools.lru_cache(maxsize=8)
def _load(override: str | None, stamp: float | None) -> Vocabulary:
    return _build(merged_table(override, stamp))


def override_of(folder: pathlib.Path | None) -> tuple[str | None, float | None]:
    """The room's `fact_synonyms.toml` (path, mtime), or (None, None) without one."""
    if folder is not None:
        path = pathlib.Path(folder) / OVERRIDE_NAME
        if path.is_file():
            return str(path), path.stat().st_mtime
    return None, None


def load_vocabulary(folder: pathlib.Path | None = None) -> Vocabulary:
    """The bundled vocabulary, merged with `folder/fact_synonyms.toml` when there is one."""
    return _load(*override_of(folder))
