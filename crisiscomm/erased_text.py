"""Finding an erased mention's text where it was copied, however the copy was written.

A person who copies a mention into a claim or a note may change how it is
written without changing what it says: another Unicode form (NFD `ş` from a
Mac, full-width letters), other case (`BARAJ` / `baraj`, Turkish `İ`/`I`/`ı`/`i`),
Turkish letters typed plainly (`catlak`), other whitespace (line breaks, two
spaces, a no-break space), invisible characters. A piece of the mention is
found under all of these: both sides are compared in a loose form (NFKC per
character cluster, Turkish-folded by `crisiscomm.text.fold.fold`, whitespace runs
as one space, invisibles gone) that keeps, for each of its characters, the span
of the original text it came from, so only the matching part is replaced.

Personal data is compared by value, not by spelling: a phone number, TC Kimlik
number, IBAN or e-mail address of the mention is redacted wherever
`crisiscomm.pii` finds the same one (`0532 111 22 33` = `0532-111-22-33` =
`+90 532 1112233`).
"""

from __future__ import annotations

import re
import unicodedata

from crisiscomm import pii
from crisiscomm.text.fold import fold

PERSONAL = (pii.TC_KIMLIK, pii.MOBILE, pii.EMAIL, pii.IBAN)
_JSON_ESCAPES = (("\\n", " "), ("\\r", " "), ("\\t", " "), ('\\"', '"'), ("\\\\", "\\"))
_NOT_DIGIT = re.compile(r"\D")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
_DIGIT_RUNS = re.compile(r"\d+")
_ALNUM_RUNS = re.compile(r"[0-9A-Za-z]+")


def personal_key(kind: str, value: str) -> str:
    """One spelling of a personal value: its digits (a mobile's last ten), an IBAN's letters and
    digits, an address case-folded."""
    if kind == pii.MOBILE:
        return _NOT_DIGIT.sub("", value)[-10:]
    if kind == pii.TC_KIMLIK:
        return _NOT_DIGIT.sub("", value)
    if kind == pii.IBAN:
        return _NOT_ALNUM.sub("", value).upper()
    return value.casefold()


def loose(text: str) -> str:
    """The loose form of `text` (see the module) at once, without positions: the quick look
    every event payload gets."""
    return " ".join(fold(unicodedata.normalize("NFKC", text)).split())


def loose_with_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The loose form, and for each of its characters the (start, end) in `text` it came from."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        if text[i].isspace():
            while j < n and text[j].isspace():
                j += 1
            key = " "
        else:
            while j < n and unicodedata.combining(text[j]):
                j += 1
            key = fold(unicodedata.normalize("NFKC", text[i:j]))
            if key.isspace():
                key = " "
        for ch in key:
            if ch == " " and out and out[-1] == " ":
                spans[-1] = (spans[-1][0], j)  # one space for a run, invisibles between included
                continue
            out.append(ch)
            spans.append((i, j))
        i = j
    return "".join(out), spans


class ErasedText:
    """The pieces of an erased mention and its personal values, to be found in copies and
    replaced by `mark`. Personal values go first, in the pieces too, so a sentence copied with
    its phone number written another way is still the same sentence."""

    def __init__(self, pieces: list[str], personal: list[tuple[str, str]], mark: str) -> None:
        self.mark = mark
        self.personal = {(kind, personal_key(kind, value)) for kind, value in personal if kind in PERSONAL}
        pieces = [self._without_personal(piece) for piece in pieces]
        self.pieces = sorted({p for p in (loose(piece).strip() for piece in pieces) if p and p != loose(mark)},
                             key=len, reverse=True)
        self._digits = {key for kind, key in self.personal if kind in (pii.MOBILE, pii.TC_KIMLIK)}
        self._emails = {key for kind, key in self.personal if kind == pii.EMAIL}
        self._ibans = {key for kind, key in self.personal if kind == pii.IBAN}

    def might_be_in(self, raw: str) -> bool:
        """A quick, generous look (also at JSON text) whether `redact` could change anything."""
        if not raw:
            return False
        for a, b in _JSON_ESCAPES:
            if a in raw:
                raw = raw.replace(a, b)
        folded = loose(raw)
        if any(piece in folded for piece in self.pieces):
            return True
        if self._digits:
            digits = "".join(_DIGIT_RUNS.findall(unicodedata.normalize("NFKC", raw)))
            if any(d in digits for d in self._digits):
                return True
        if self._emails and any(e in folded for e in self._emails):
            return True
        if self._ibans:
            letters = "".join(_ALNUM_RUNS.findall(raw)).upper()
            return any(i in letters for i in self._ibans)
        return False

    def redact(self, text: str) -> str:
        """`text` with every personal value and piece of the mention replaced by the mark."""
        text = self._without_personal(text)
        for piece in self.pieces:
            folded, spans = loose_with_spans(text)
            for start, end in reversed(_occurrences(folded, piece)):
                text = text[:spans[start][0]] + self.mark + text[spans[end - 1][1]:]
        return text

    def _without_personal(self, text: str) -> str:
        """Looked for in the loose form too: `0532  417 22 91`, full-width digits."""
        if not self.personal:
            return text
        folded, spans = loose_with_spans(text)
        hits = [(spans[start][0], spans[end - 1][1]) for kind, start, end, value in pii.find_personal_data(folded)
                if (kind, personal_key(kind, value)) in self.personal]
        for start, end in sorted(hits, reverse=True):
            text = text[:start] + self.mark + text[end:]
        return text


def _occurrences(folded: str, piece: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of `piece` in `folded`."""
    found, at = [], folded.find(piece)
    while at >= 0:
        found.append((at, at + len(piece)))
        at = folded.find(piece, at + len(piece))
    return found
