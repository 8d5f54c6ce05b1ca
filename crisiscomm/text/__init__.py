"""Language tools for untrusted and Turkish text (no state, no I/O).

- `fold` / `tr_lower` (fold.py): Turkish casing and the plain-ASCII fold;
- `suffixes`: the Turkish suffix grammar that keyword matching, search and
  claim similarity share;
- `keywords`: watch keywords matched the way a Turkish reader expects;
- `query`: search input as a safe FTS5 query over the folded index;
- `numbers`: Turkish numbers, percentages and times of day; `tokens`: text cut
  into tokens for fact extraction;
- `grammar`: Turkish as the product writes it (the one place that produces
  suffixes): `14.30'da`, `Malatya'da`, `1.250'ye`, decimal commas, durations in
  `sa dk sn`, dates like `28 Kasım 2026 14.30 (TSİ)`;
- hygiene.py: controls, invisibles, HTML to text, field caps.
"""

from crisiscomm.text.fold import fold, has_turkish_letters, strip_invisible, tr_lower
from crisiscomm.text.hygiene import CAPS, cap, clean_field, html_to_text, strip_controls
from crisiscomm.text.keywords import keyword_spans, match_keywords
from crisiscomm.text.query import fts_query, search_tokens

__all__ = [
    "CAPS", "cap", "clean_field", "fold", "fts_query", "has_turkish_letters", "html_to_text", "keyword_spans",
    "match_keywords", "search_tokens", "strip_controls", "strip_invisible", "tr_lower",
]
