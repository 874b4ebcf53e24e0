"""Rules stage: run every check of the rulebook over a report and collect the findings."""

from __future__ import annotations

from collections.abc import Iterable

from msgspec.structs import replace

from checker.clean import clause_span
from checker.facts.personal import PersonalDatum, redact
from checker.model import Checked, Finding, Line, Report, ReportFacts, Text
from checker.rulebook import Rulebook
from checker.rules import Check, Context, Hit

#: Evidence longer than this is shortened around the words that matter.
EVIDENCE_MAX = 80
#: A match shorter than this is quoted with the rest of its clause, so it reads as words.
EVIDENCE_MIN = 12
_CLAUSE_ENDS = "。;,!?"  # the analysed text is folded: ；，！？ are ASCII


def evaluate(
    report: Report,
    facts: ReportFacts,
    rulebook: Rulebook,
    organ_kind: str | None = None,
    previous: Context | None = None,
) -> tuple[list[Finding], list[Checked]]:
    """All findings for one report in file order, and the claims verified as right;
    ``previous`` is the context of the same organ's report of the year before, for the
    checks across years.

    ``organ_kind`` is the kind of organ assumed when its name does not tell (configured).
    A halting check that fires ends the run."""
    ctx = Context(report, facts, rulebook, assumed_organ=organ_kind, previous=previous)
    parts = _parts_by_line(report)
    findings: list[Finding] = []
    for check in rulebook.checks:
        assert isinstance(check, Check)
        hits = list(check.run(ctx))
        findings.extend(_findings(check, hits, parts))
        if hits and check.halt:
            break
    checked = ctx.checked
    if ctx.personal:
        findings = [_redacted(finding, ctx.personal) for finding in findings]
        checked = [replace(c, evidence=redact(c.evidence, ctx.personal)) for c in checked]
    return sorted(findings, key=Finding.sort_key), checked


def _findings(check: Check, hits: Iterable[Hit], parts: dict[int, str]) -> Iterable[Finding]:
    budget = check.max_points
    for hit in hits:
        deduction = check.points if hit.deduction is None else hit.deduction
        if budget is not None:
            deduction = min(deduction, budget)
            budget -= deduction
        evidence = hit.evidence or (excerpt(hit.line, hit.start, hit.end) if hit.line else None)
        match = hit.line.quote(hit.start, hit.end) if hit.line else ""
        values = {"evidence": evidence or "", "match": match, **hit.values}
        yield Finding(
            rule=check.id,
            level=check.level,
            category=check.category,
            message=fill(check.message, values),
            line=hit.line.number if hit.line else None,
            column=hit.start + 1 if hit.line else None,
            evidence=evidence,
            article=hit.article or check.article,
            fix=fill(check.fix, values) if check.fix else None,
            deduction=round(deduction, 2),
            section=parts.get(hit.line.number) if hit.line else None,
            target=hit.target,
        )


def _redacted(finding: Finding, data: list[PersonalDatum]) -> Finding:
    """The finding with every personal datum in its words masked (no output re-leaks it)."""

    def clean(text: Text | None) -> Text | None:
        return Text(redact(text.zh, data), redact(text.en, data)) if text else None

    return replace(
        finding,
        message=clean(finding.message) or finding.message,
        evidence=redact(finding.evidence, data) if finding.evidence else None,
        fix=clean(finding.fix),
    )


def fill(template: Text, values: dict[str, object]) -> Text:
    """A message with its placeholders filled, each value in the message's own language."""

    def pick(lang: str) -> dict[str, object]:
        return {k: v.get(lang) if isinstance(v, Text) else v for k, v in values.items()}

    return Text(template.zh.format(**pick("zh")), template.en.format(**pick("en")))


def excerpt(line: Line, start: int, end: int | None) -> str:
    """The original words between two columns, shortened to EVIDENCE_MAX characters."""
    end = len(line.raw) if end is None else end
    if end - start < EVIDENCE_MIN:
        start, end = clause_span(line.text, start, end, _CLAUSE_ENDS)
    if end - start <= EVIDENCE_MAX:
        return line.quote(start, end)
    return line.quote(start, start + EVIDENCE_MAX - 1) + "…"


def _parts_by_line(report: Report) -> dict[int, str]:
    """Each line's enclosing first-level part, as its heading reads (一、概述)."""
    return {
        line.number: part.heading.text.strip()[:30]
        for part in report.sections
        for line in part.lines()
    }
