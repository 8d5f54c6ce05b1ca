"""The guide linter for holding statements (SPEC §6).

`lint(text, channel=, facts=, exercise=)` returns findings, each naming its
rule and the guide principle behind it, severity `error` (blocks approval)
or `warning` (approval needs an acknowledgement). Rules:

- template.slot — a `{slot}` left unfilled;
- accuracy.number / .time / .phone / .not_on_sheet / .unconfirmed / .ambiguous
  (with a fact sheet, see factcheck.py); accuracy.speculation (.estimate,
  .modal) and accuracy.hearsay (.evidential) always (hearsay.py);
- transparency.what_happened / .being_done / .next_update(_time) — warnings;
- personal_data.tc_kimlik / .mobile / .email / .iban / .plate / .health —
  errors (crisiscomm.pii), except the institution's own (lint.toml allow-list);
- non_discrimination — the term list, inflected forms too (severity per term);
- advertising.sponsor (error) / .brand (warning) — without a disclosure; a
  partnership (`iş birliğiyle`) only when the partner is a company;
- channel.length (error), channel.sms_segments (warning: more than one
  part), channel.sms_too_long (error) — with a channel;
- exercise.mark — an exercise statement without `TATBİKAT / EXERCISE` on top.

Every rule (or family) can be switched off or given another severity in the
team's lint.toml (`[rules]`, see lint_config.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from crisiscomm import pii
from crisiscomm.fact_names import display_name
from crisiscomm.statements import channels
from crisiscomm.statements.factcheck import check_accuracy
from crisiscomm.statements.findings import ERROR, WARNING, Finding, counts, errors, finding, warnings
from crisiscomm.statements.hearsay import denies, evidential_spans, modal_figure_spans, sentence_of
from crisiscomm.statements.lint_config import LintConfig, TermSet, default_config
from crisiscomm.statements.templates import unfilled_slots

__all__ = ["Finding", "lint", "errors", "warnings", "summary"]

CLOCK_RE = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])[:.][0-5]\d(?!\d)")


def lint(
    text: str, *, channel: str | None = None, facts: dict | None = None, exercise: bool = False,
    config: LintConfig | None = None,
) -> list[Finding]:
    """Every finding for `text`; `facts` is the fact sheet ({key: row} or {key: value}), None to skip."""
    config = config or default_config()
    found: list[Finding] = []
    if exercise and not channels.has_exercise_mark(text):
        found.append(finding("exercise.mark", ERROR))
    for slot, start, end in unfilled_slots(text):
        found.append(finding("template.slot", ERROR, (start, end), slot=display_name(slot), key=slot))
    personal = pii.find_personal_data(text, config.allow)
    for kind, start, end, value in personal:
        found.append(finding(f"personal_data.{kind}", ERROR, (start, end), found=value))
    hedged: list[tuple[int, int]] = []
    if facts is not None:
        accuracy, hedged = check_accuracy(text, facts, config, [(s, e) for _k, s, e, _v in personal])
        found += accuracy
    found += _speculation(text, config, hedged)
    found += _transparency(text, config)
    found += _discrimination(text, config)
    found += _advertising(text, config)
    if channel:
        found += _channel(text, channels.check_channel(channel))
    return _configured(found, config)


def _configured(found: list[Finding], config: LintConfig) -> list[Finding]:
    """Rules switched off or given another severity by the team's lint.toml."""
    if not config.rules:
        return found
    kept = []
    for f in found:
        setting = config.setting(f.rule)
        if setting == "off":
            continue
        kept.append(f if setting in (None, f.severity) else replace(f, severity=setting))
    return kept


def _matches(rule: str, severity: str, terms: TermSet, text: str) -> list[Finding]:
    return [finding(rule, severity, span, found=text[span[0]:span[1]]) for span in terms.spans(text)]


def _speculation(text: str, config: LintConfig, hedged: list[tuple[int, int]]) -> list[Finding]:
    """Guesses and hearsay; a sentence that answers a rumour may quote it, and an estimate that
    marks an unconfirmed figure (`hedged`: its sentences) says what it should."""
    def denied(span: tuple[int, int]) -> bool:
        s, e = sentence_of(text, span[0])
        return denies(config, text[s:e])

    def marks_unconfirmed(span: tuple[int, int]) -> bool:
        return any(s <= span[0] < e for s, e in hedged)

    found = [f for f in _matches("accuracy.hearsay", WARNING, config.hearsay, text) if not denied((f.start, f.end))]
    found += [finding("accuracy.hearsay.evidential", WARNING, span, found=text[span[0]:span[1]])
              for span in evidential_spans(text) if not denied(span)]
    found += [f for f in _matches("accuracy.speculation", WARNING, config.speculation, text)
              if not denied((f.start, f.end))]
    found += [f for f in _matches("accuracy.speculation.estimate", WARNING, config.estimates, text)
              if not marks_unconfirmed((f.start, f.end))]
    found += [finding("accuracy.speculation.modal", WARNING, span, found=text[span[0]:span[1]])
              for span in modal_figure_spans(text, config) if not marks_unconfirmed(span)]
    return found


def _transparency(text: str, config: LintConfig) -> list[Finding]:
    found = []
    if not config.what_happened.search(text):
        found.append(finding("transparency.what_happened", WARNING))
    if not config.being_done.search(text):
        found.append(finding("transparency.being_done", WARNING))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]
    announcing = [s for s in sentences if config.next_update.search(s)]
    if not announcing:
        found.append(finding("transparency.next_update", WARNING))
    elif not any(CLOCK_RE.search(s) or config.when.search(s) for s in announcing):
        found.append(finding("transparency.next_update_time", WARNING))
    return found


def _discrimination(text: str, config: LintConfig) -> list[Finding]:
    found = []
    for term in config.terms:
        for span in term.pattern.spans(text):
            use = f" → {term.use}" if term.use else ""
            found.append(finding("non_discrimination", term.severity, span, found=text[span[0]:span[1]], use=use))
    return found


def _advertising(text: str, config: LintConfig) -> list[Finding]:
    """Sponsorship, promotion codes and brands need a disclosure; a partnership only when the
    partner is a company (public bodies cooperating are not advertising)."""
    if config.disclosures.search(text):
        return []
    found = _matches("advertising.sponsor", ERROR, config.sponsor_cues, text)
    for start, end in config.partnership_cues.spans(text):
        s, _e = sentence_of(text, start)
        partner = text[max(s, start - 120):start]
        if config.company_markers.search(partner) or config.brands.search(partner):
            found.append(finding("advertising.sponsor", ERROR, (start, end), found=text[start:end]))
    return found + _matches("advertising.brand", WARNING, config.brands, text)


def _channel(text: str, channel: str) -> list[Finding]:
    m = channels.measure(channels.channel_text(text, channel), channel)
    if m.unit == "segments":
        if m.over:
            return [finding("channel.sms_too_long", ERROR, segments=m.segments, limit=channels.SMS_MAX_SEGMENTS)]
        if (m.segments or 0) > 1:
            forcing = f", {m.forcing}" if m.forcing and m.plain_encoding == "UCS-2" else ""
            return [finding("channel.sms_segments", WARNING, segments=m.segments, encoding=m.encoding,
                            plain=m.plain_segments, plain_encoding=m.plain_encoding, forcing=forcing)]
        return []
    if m.over:
        return [finding("channel.length", ERROR, channel=channel, length=m.length, limit=m.limit)]
    return []


def summary(found: list[Finding]) -> str:
    """"1 error, 2 warnings" in the UI language ("bulgu yok" when there is none)."""
    return counts(found)
