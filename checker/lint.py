"""The whole pipeline for one report: ingest -> clean -> parse -> facts -> rules -> score."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from msgspec import Struct
from msgspec.structs import replace

from checker.clean import clean
from checker.evaluate import evaluate
from checker.facts.report import extract
from checker.ingest import read_source
from checker.model import Finding, Report, ReportFacts, Scorecard, Source, Text
from checker.parse import parse
from checker.resources import SHIPPED
from checker.rulebook import Rulebook, load, load_shipped
from checker.score import score


class Options(Struct, frozen=True):
    """How to grade: a rulebook file, or a forced profile, or (default) by reporting year."""

    rules: str | None = None
    profile: str | None = None


DEFAULT = Options()  #: grade by reporting year with the shipped rulebooks


def read_report(path: str) -> Report:
    """Ingest, clean and parse one file."""
    return parse(clean(read_source(path)))


def lint(path: str, options: Options = DEFAULT) -> Scorecard:
    """Grade one report file."""
    report = read_report(path)
    facts = extract(report)
    rulebook, reason = select_rulebook(facts, options, standard_tables=bool(report.tables))
    findings, checked = evaluate(report, facts, rulebook)
    categories, total, band, cap = score(findings, rulebook)
    return Scorecard(
        file=path,
        profile=rulebook.id,
        profile_reason=reason,
        facts=facts,
        categories=categories,
        total=total,
        band=band.name,
        band_en=band.en,
        cap=cap,
        findings=tuple(_located(findings, report.document.source)),
        checked=tuple(checked),
        dropped=report.document.dropped,
    )


def _located(findings: Iterable[Finding], source: Source) -> Iterator[Finding]:
    """Each finding with its place in a PDF, web page or Word original (``p.3 l.12``)."""
    for finding in findings:
        where = source.locate(finding.line) if finding.line else None
        yield replace(finding, where=where) if where else finding


def recognised_parts(report: Report, options: Options = DEFAULT) -> dict[int, str]:
    """Heading line -> the mandated part (by its canonical title) the heading was matched to."""
    from checker.facts.sections import cover

    rulebook, _ = select_rulebook(extract(report), options, standard_tables=bool(report.tables))
    coverage = cover(report, rulebook.sections)
    return {s.heading.number: c.spec.title.zh for c in coverage.values() for s in c.sections}


def select_rulebook(
    facts: ReportFacts, options: Options, standard_tables: bool = False
) -> tuple[Rulebook, Text]:
    """The rulebook that applies, and why: given file, forced profile, or reporting year.

    Without a reporting year, a report that has the standard tables (only the 2019 format
    has them) is graded under the newest rulebook, any other under the oldest.
    """
    if options.rules:
        return load(options.rules), Text(
            f"使用指定的规则文件 {options.rules}", f"rulebook given: {options.rules}"
        )
    if options.profile:
        return load_shipped(options.profile), Text(
            f"按指定的 {options.profile} 规则评分", f"profile {options.profile} forced"
        )
    books = [load_shipped(name) for name in SHIPPED]
    year = facts.reporting_year
    if year is None and standard_tables:
        return books[-1], Text(
            f"未能确定报告年度；报告使用 2019 年起的标准表格，按 {books[-1].id} 规则评分",
            f"reporting year unknown; the report has the standard tables of 2019 onward, "
            f"so it is graded under {books[-1].id}",
        )
    if year is None:
        return books[0], Text(
            f"未能确定报告年度，按 {books[0].id} 规则评分",
            f"reporting year unknown; graded under {books[0].id}",
        )
    book = next((b for b in books if b.covers(year)), None)
    if book is not None:
        return book, Text(
            f"报告年度 {year} 年适用 {book.id} 规则", f"reporting year {year} falls under {book.id}"
        )
    nearest = min(books, key=lambda b: min(abs(year - b.years[0]), abs(year - b.years[1])))
    return nearest, Text(
        f"报告年度 {year} 年不在任何规则的适用范围内，参照 {nearest.id} 规则评分",
        f"reporting year {year} is covered by no rulebook; graded under {nearest.id} for reference",
    )
