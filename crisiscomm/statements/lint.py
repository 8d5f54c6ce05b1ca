"""The guide linter for holding statements (SPEC §6).

`lint(text, channel=, facts=, exercise=)` returns findings, each naming its
rule and the guide principle behind it, severity `error` (blocks approval)
or `warning` (approval needs an acknowledgement). Rules:

- template.slot — a `{slot}` left unfilled;
- accuracy.number / .time / .phone / .not_on_sheet / .unconfirmed (with a fact
  sheet, see factcheck.py) and accuracy.speculation (always);
- transparency.what_happened / .being_done / .next_update(_time) — warnings;
- personal_data.tc_kimlik / .mobile / .email / .iban — errors (crisiscomm.pii);
- non_discrimination — the term list (severity per term);
- advertising.sponsor (error) / .brand (warning) — without a disclosure;
- channel.length (error), channel.sms_segments (warning: more than one
  part), channel.sms_too_long (error) — with a channel;
- exercise.mark — an exercise statement without `TATBİKAT / EXERCISE` on top.
"""

from __future__ import annotations

import re

from crisiscomm import pii
from crisiscomm.statements import channels
from crisiscomm.statements.factcheck import check_accuracy
from crisiscomm.statements.findings import ERROR, WARNING, Finding, errors, finding, warnings
from crisiscomm.statements.lint_config import LintConfig, default_config
from crisiscomm.statements.templates import unfilled_slots
from crisiscomm.text import fold

__all__ = ["Finding", "lint", "errors", "warnings", "summary"]

CLOCK_RE = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])[:.][0-5]\d(?!\d)")


def lint(
    text: str, *, channel: str | None = None, facts: dict | None = None, exercise: bool = False,
    config: LintConfig | None = None,
) -> list[Finding]:
    """Every finding for `text`; `facts` is the fact sheet ({key: row} or {key: value}), None to skip."""
    config = config or default_config()
    folded = fold(text)
    found: list[Finding] = []
    if exercise and not channels.has_exercise_mark(text):
        found.append(finding("exercise.mark", ERROR))
    for slot, start, end in unfilled_slots(text):
        found.append(finding("template.slot", ERROR, (start, end), slot=slot))
    personal = pii.find_personal_data(text)
    for kind, start, end, value in personal:
        found.append(finding(f"personal_data.{kind}", ERROR, (start, end), found=value))
    if facts is not None:
        found += check_accuracy(text, facts, config, [(s, e) for _k, s, e, _v in personal])
    found += _matches("accuracy.speculation", WARNING, config.speculation, text, folded)
    found += _transparency(folded, config)
    found += _discrimination(text, folded, config)
    found += _advertising(text, folded, config)
    if channel:
        found += _channel(text, channels.check_channel(channel))
    return found


def _snippet(text: str, folded: str, start: int, end: int) -> str:
    return text[start:end] if len(text) == len(folded) else folded[start:end]


def _matches(rule: str, severity: str, pattern: re.Pattern | None, text: str, folded: str) -> list[Finding]:
    if pattern is None:
        return []
    return [finding(rule, severity, m.span(), found=_snippet(text, folded, *m.span())) for m in pattern.finditer(folded)]


def _transparency(folded: str, config: LintConfig) -> list[Finding]:
    found = []
    if not (config.what_happened and config.what_happened.search(folded)):
        found.append(finding("transparency.what_happened", WARNING))
    if not (config.being_done and config.being_done.search(folded)):
        found.append(finding("transparency.being_done", WARNING))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n", folded) if s.strip()]
    announcing = [s for s in sentences if config.next_update and config.next_update.search(s)]
    if not announcing:
        found.append(finding("transparency.next_update", WARNING))
    elif not any(CLOCK_RE.search(s) or (config.when and config.when.search(s)) for s in announcing):
        found.append(finding("transparency.next_update_time", WARNING))
    return found


def _discrimination(text: str, folded: str, config: LintConfig) -> list[Finding]:
    found = []
    for term in config.terms:
        for m in term.pattern.finditer(folded):
            use = f" → {term.use}" if term.use else ""
            found.append(finding("non_discrimination", term.severity, m.span(),
                                 found=_snippet(text, folded, *m.span()), use=use))
    return found


def _advertising(text: str, folded: str, config: LintConfig) -> list[Finding]:
    if config.disclosures and config.disclosures.search(folded):
        return []
    return (_matches("advertising.sponsor", ERROR, config.sponsor_cues, text, folded)
            + _matches("advertising.brand", WARNING, config.brands, text, folded))


def _channel(text: str, channel: str) -> list[Finding]:
    m = channels.measure(channels.channel_text(text, channel), channel)
    if m.unit == "segments":
        if m.over:
            return [finding("channel.sms_too_long", ERROR, segments=m.segments, limit=channels.SMS_MAX_SEGMENTS)]
        if (m.segments or 0) > 1:
            forcing = f": {m.forcing}" if m.forcing else ""
            return [finding("channel.sms_segments", WARNING, segments=m.segments, encoding=m.encoding, forcing=forcing)]
        return []
    if m.over:
        return [finding("channel.length", ERROR, channel=channel, length=m.length, limit=m.limit)]
    return []


def summary(found: list[Finding]) -> str:
    return f"{len(errors(found))} error(s), {len(warnings(found))} warning(s)"
