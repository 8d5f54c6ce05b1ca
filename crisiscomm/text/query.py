"""Search input as a safe FTS5 query over the Turkish-folded index.

Each word of the query is required. A word is read the way the keyword
matcher reads text: an apostrophe ends a name (`Malatya'daki` → malatya);
otherwise every stem the word can be read as (`barajlardaki` → baraj,
`hesabımız` → hesap, `kaybı` → kayıp) is searched as a prefix, and a stem
shorter than four letters as its inflected forms (`su` → su, suyu, sular …;
never `suriye`). Every term is quoted, so no input can break the syntax.
"""

from __future__ import annotations

import functools
import re

from crisiscomm.text.fold import fold
from crisiscomm.text.suffixes import inflections, stem_candidates

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
MIN_PREFIX = 4


def search_tokens(query: str) -> list[str]:
    """The folded words of a query; a name keeps its apostrophe (`malatya'`), its suffix dropped."""
    return [token.split("'", 1)[0] + ("'" if "'" in token else "") for token in _TOKEN.findall(fold(query))]


@functools.lru_cache(maxsize=1024)
def word_terms(word: str) -> tuple[str, ...]:
    """FTS5 terms, any of which finds `word` (folded): quoted prefixes or quoted exact forms."""
    if word.endswith("'"):  # a name with its suffix cut off at the apostrophe
        return (f'"{word[:-1]}"*',)
    if word.isdigit() or len(word) < 2:
        return (f'"{word}"*',)
    candidates = stem_candidates(word)
    prefixes = sorted({c for c in candidates if len(c) >= MIN_PREFIX}, key=len)
    kept: list[str] = []
    for prefix in prefixes:  # a shorter prefix already finds every longer one
        if not any(prefix.startswith(k) for k in kept):
            kept.append(prefix)
    terms = [f'"{p}"*' for p in kept]
    exact: dict[str, None] = {}
    for short in (c for c in candidates if len(c) < MIN_PREFIX):
        for form in inflections(short):
            if not any(form.startswith(k) for k in kept):
                exact.setdefault(form, None)
    terms += [f'"{form}"' for form in exact]
    return tuple(terms)


def fts_query(query: str) -> str | None:
    """Every word of `query` required, each as the alternatives of `word_terms`."""
    parts = []
    for word in dict.fromkeys(search_tokens(query)):
        terms = word_terms(word)
        parts.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
    return " AND ".join(parts) if parts else None
