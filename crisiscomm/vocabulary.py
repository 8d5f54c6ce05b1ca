"""The words that name fact-sheet keys in posts (crisiscomm/data/fact_synonyms.toml).

An override with the same layout may sit next to the database; its words are
added to the bundled ones, its kinds win, `replace = true` drops a key's
bundled words. Every word is Turkish-folded once here; a trailing `*` marks a
stem that matches any word starting with it.
"""

from __future__ import annotations

import copy
import functools
import pathlib
import tomllib
from dataclasses import dataclass, field

from crisiscomm.errors import CrisisError
from crisiscomm.text import fold

BUNDLED = pathlib.Path(__file__).parent / "data" / "fact_synonyms.toml"
OVERRIDE_NAME = "fact_synonyms.toml"
KINDS = ("count", "phone", "time", "date", "url", "hashtag")
WORD_LISTS = ("fillers", "links", "conjunctions")


@dataclass(frozen=True)
class Phrase:
    key: str
    words: tuple[str, ...]


def word_matches(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


def _fold_words(phrase: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in phrase.replace("_", " ").split())


@dataclass
class Vocabulary:
    kinds: dict[str, str]
    phrases: list[Phrase]
    fillers: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    conjunctions: tuple[str, ...] = ()
    _starting: dict[str, list[Phrase]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.phrases.sort(key=lambda p: (-len(p.words), -len(p.words[-1])))

    def _candidates(self, word: str) -> list[Phrase]:
        """Phrases whose first word matches `word`, longest first (cached per word)."""
        found = self._starting.get(word)
        if found is None:
            found = self._starting[word] = [p for p in self.phrases if word_matches(p.words[0], word)]
        return found

    def is_filler(self, word: str) -> bool:
        return any(word_matches(p, word) for p in self.fillers)

    def is_link(self, word: str) -> bool:
        return any(word_matches(p, word) for p in self.links)

    def is_conjunction(self, word: str) -> bool:
        return any(word_matches(p, word) for p in self.conjunctions)

    def phrase_at(self, words: list[str | None], index: int, kinds: tuple[str, ...] | None = None) -> Phrase | None:
        """The longest phrase whose words start at `words[index]` (None = not a word)."""
        if index >= len(words) or words[index] is None:
            return None
        for phrase in self._candidates(words[index]):
            if kinds is not None and self.kinds.get(phrase.key) not in kinds:
                continue
            end = index + len(phrase.words)
            if end > len(words):
                continue
            if all(w is not None and word_matches(p, w) for p, w in zip(phrase.words, words[index:end])):
                return phrase
        return None

    def with_keys(self, kinds: dict[str, str]) -> Vocabulary:
        """This vocabulary plus fact keys that it does not know (each key names itself)."""
        merged = dict(self.kinds)
        phrases = list(self.phrases)
        for key, kind in kinds.items():
            if key not in merged:
                merged[key] = kind
            words = _fold_words(key)
            if words and Phrase(key, words) not in phrases:
                phrases.append(Phrase(key, words))
        return Vocabulary(merged, phrases, self.fillers, self.links, self.conjunctions)


@functools.lru_cache(maxsize=1)
def _bundled() -> dict:
    return tomllib.loads(BUNDLED.read_text("utf-8"))


def _read_override(path: pathlib.Path) -> dict:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CrisisError(f"{path}: cannot read the fact synonyms ({exc})") from exc


def _check(table: dict, origin: str) -> None:
    words = table.get("words", {})
    if not isinstance(words, dict):
        raise CrisisError(f"{origin}: [words] must be a table")
    for name in WORD_LISTS:
        if not all(isinstance(w, str) for w in words.get(name, [])):
            raise CrisisError(f"{origin}: words.{name} must be a list of strings")
    facts = table.get("facts", {})
    if not isinstance(facts, dict):
        raise CrisisError(f"{origin}: [facts] must hold one table per fact key")
    for key, entry in facts.items():
        if not isinstance(entry, dict):
            raise CrisisError(f"{origin}: facts.{key} must be a table")
        if "kind" in entry and entry["kind"] not in KINDS:
            raise CrisisError(f"{origin}: facts.{key}.kind must be one of {', '.join(KINDS)}")
        if not isinstance(entry.get("words", []), list) or not all(isinstance(w, str) for w in entry.get("words", [])):
            raise CrisisError(f"{origin}: facts.{key}.words must be a list of strings")


def _merge(base: dict, extra: dict) -> dict:
    merged = copy.deepcopy(base)
    for name in WORD_LISTS:
        merged.setdefault("words", {}).setdefault(name, []).extend(extra.get("words", {}).get(name, []))
    for key, entry in extra.get("facts", {}).items():
        target = merged.setdefault("facts", {}).setdefault(key, {"words": []})
        if entry.get("replace"):
            target["words"] = []
        target["words"] = list(target.get("words", [])) + list(entry.get("words", []))
        if "kind" in entry:
            target["kind"] = entry["kind"]
    return merged


def _build(table: dict) -> Vocabulary:
    kinds: dict[str, str] = {}
    phrases: list[Phrase] = []
    for key, entry in table.get("facts", {}).items():
        kinds[key] = entry.get("kind", "count")
        for text in [key, *entry.get("words", [])]:
            words = _fold_words(text)
            if words and Phrase(key, words) not in phrases:
                phrases.append(Phrase(key, words))
    lists = {name: tuple(fold(w) for w in table.get("words", {}).get(name, [])) for name in WORD_LISTS}
    return Vocabulary(kinds, phrases, **lists)


@functools.lru_cache(maxsize=8)
def _load(override: str | None, stamp: float | None) -> Vocabulary:
    table = _bundled()
    _check(table, str(BUNDLED))
    if override is not None:
        extra = _read_override(pathlib.Path(override))
        _check(extra, override)
        table = _merge(table, extra)
    return _build(table)


def load_vocabulary(folder: pathlib.Path | None = None) -> Vocabulary:
    """The bundled vocabulary, merged with `folder/fact_synonyms.toml` when there is one."""
    if folder is not None:
        path = pathlib.Path(folder) / OVERRIDE_NAME
        if path.is_file():
            return _load(str(path), path.stat().st_mtime)
    return _load(None, None)
