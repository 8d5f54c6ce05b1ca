"""The labelled Turkish corpus holds the issue's targets: matching and extraction precision
≥ 0.97 and recall ≥ 0.95, every measured lint rule right, no finding at all in the correct
official statements. `python benchmarks/run.py turkish` prints the same figures."""

from __future__ import annotations

import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "benchmarks"))
import turkish_corpus  # noqa: E402


@pytest.fixture(scope="module")
def scores():
    items = turkish_corpus.load()
    assert len(items) >= 300
    return turkish_corpus.evaluate(items)


@pytest.mark.parametrize("name", ["matching", "extraction"])
def test_matching_and_extraction_meet_the_targets(scores, name):
    score = scores[name]
    assert score.precision >= 0.97 and score.recall >= 0.95, score.misses


def test_no_finding_in_a_correct_official_statement(scores):
    assert scores["correct statements: findings"].fp == 0, scores["correct statements: findings"].misses


@pytest.mark.parametrize("rule", turkish_corpus.LINT_RULES)
def test_each_lint_rule_on_the_corpus(scores, rule):
    score = scores[f"lint {rule}"]
    assert score.precision >= 0.9 and score.recall >= 0.9, score.misses


def test_every_corpus_line_is_well_formed():
    for n, line in enumerate(turkish_corpus.CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            assert len(line.split(" | ")) == 6, f"line {n}"
