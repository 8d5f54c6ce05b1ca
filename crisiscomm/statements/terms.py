"""A list of lint terms, compiled once, matched on untrusted text.

- `#tag` (with or without `$`): exactly that hashtag (`#reklam`, never `#reklamXYZ`);
- `word$`: the word with its Turkish suffixes (`sakat$` → sakatlar, sakatlara;
  not sakatat), letter for letter unless either side is plain ASCII;
- anything else: at the start of a word, on Turkish-folded text (`iddia edil`
  → iddia edildi, iddia edilen).
"""

from __future__ import annotations

import re

from crisiscomm.text import fold
from crisiscomm.text.fold import fold_with_positions
from crisiscomm.text.keywords import matcher


class TermSet:
    def __init__(self, terms: list[str]):
        cleaned = [t.strip() for t in terms if t.strip()]
        self.terms = tuple(dict.fromkeys(cleaned))
        prefix, tags, inflected = [], [], []
        for term in self.terms:
            if term.startswith("#"):
                tags.append(fold(term.rstrip("$")))
            elif term.endswith("$"):
                inflected.append(term.rstrip("$"))
            else:
                prefix.append(fold(term))
        parts = [(r"(?<!\w)" if t[:1].isalnum() else "") + re.escape(t) for t in sorted(set(prefix), key=len, reverse=True)]
        parts += [r"(?<![\w#])" + re.escape(t) + r"(?![\w])" for t in sorted(set(tags), key=len, reverse=True)]
        self.pattern = re.compile("|".join(parts)) if parts else None
        self.inflected = tuple(inflected)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) in `text` of every match, in order, without overlaps (longest first)."""
        found: list[tuple[int, int]] = []
        if self.pattern is not None:
            folded, positions = fold_with_positions(text)
            for m in self.pattern.finditer(folded):
                start, end = m.span()
                found.append((start, end) if positions is None else (positions[start], positions[end - 1] + 1))
        if self.inflected:
            found += [(s, e) for _k, s, e in matcher(self.inflected).find(text)]
        kept: list[tuple[int, int]] = []
        for span in sorted(set(found), key=lambda s: (s[0], -s[1])):
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept

    def search(self, text: str) -> bool:
        return bool(self.spans(text))
