"""The Turkish language engine on the labelled corpus (tests/corpus/turkish.txt):
precision and recall per class — keyword matching, fact extraction, each lint
rule — the correct official statements' findings, and keyword matching
throughput for 50 keywords on one core (SPEC §13, issue 15)."""

from __future__ import annotations

import time

import turkish_corpus


def _throughput(texts: list[str], posts: int) -> tuple[float, float]:
    """Posts per second: warm (caches filled, as in a running app) and cold (every cache empty)."""
    from crisiscomm.text import keywords, match_keywords, suffixes

    for cache in (keywords.matcher, keywords.word_matches, suffixes.chain_ok, suffixes.stems_of):
        cache.cache_clear()
    started = time.perf_counter()
    for text in texts:
        match_keywords(text, turkish_corpus.KEYWORDS)
    cold = len(texts) / (time.perf_counter() - started)
    stream = [f"{texts[i % len(texts)]} #{i}" for i in range(posts)]
    started = time.perf_counter()
    for text in stream:
        match_keywords(text, turkish_corpus.KEYWORDS)
    return len(stream) / (time.perf_counter() - started), cold


def run(quick: bool = False) -> list[dict]:
    items = turkish_corpus.load()
    rows = [{"figure": "Turkish corpus: items", "value": len(items), "unit": "sentences", "target": ">= 300",
             "ok": len(items) >= 300}]
    scores = turkish_corpus.evaluate(items)
    for name in ("matching", "extraction"):
        score = scores[name]
        rows.append({"figure": f"{name}: precision", "value": score.precision, "unit": "ratio", "target": ">= 0.97",
                     "ok": score.precision >= 0.97})
        rows.append({"figure": f"{name}: recall", "value": score.recall, "unit": "ratio", "target": ">= 0.95",
                     "ok": score.recall >= 0.95})
    for name, score in scores.items():
        if name.startswith("lint "):
            rows.append({"figure": f"{name}: precision / recall (cases)",
                         "value": f"{score.precision:.2f} / {score.recall:.2f} ({score.tp + score.fn})", "unit": ""})
    correct = scores["correct statements: findings"]
    rows.append({"figure": "correct official statements: findings", "value": correct.fp, "unit": "findings",
                 "target": "0", "ok": correct.fp == 0})
    warm, cold = _throughput([i.text for i in items], 20_000 if quick else 100_000)
    rows.append({"figure": "keyword matching, 50 keywords, one core", "value": warm, "unit": "posts/s",
                 "target": ">= 20,000", "ok": warm >= 20_000})
    rows.append({"figure": "keyword matching, first sight of every word (cold caches)", "value": cold,
                 "unit": "posts/s"})
    return rows
