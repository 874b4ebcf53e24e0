"""The whole pipeline for one report: ingest -> clean -> parse -> facts -> rules -> score."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from msgspec import Struct
from msgspec.structs import replace

from checker.clean import clean
from checker.config import Config, for_report
from checker.evaluate import evaluate
from checker.facts.report import extract
from checker.ingest import read_source
from checker.model import Finding, Report, ReportFacts, Scorecard, Source, Text
from checker.parse import parse
from checker.resources import SHIPPED
from checker.rulebook import Rulebook, load, load_shipped, shipped_years
from checker.rules.base import Context
from checker.score import score
from checker.segment import segment


class Options(Struct, frozen=True):
    """How to grade: a rulebook file, or a forced profile, or (default) by reporting year;
    and which configuration file applies (``checker.config``): the one named (``config``),
    the one found beside each report (``discover``, the command line's default) or none.
    A rulebook or profile given here wins over the configuration's."""

    rules: str | None = None
    profile: str | None = None
    config: str | None = None
    discover: bool = False


DEFAULT = Options()  #: grade by reporting year with the shipped rulebooks


def read_report(path: str) -> Report:
    """Ingest, segment, clean and parse one file."""
    return parse(clean(segment(read_source(path))))


class Reading(Struct, frozen=True):
    """A parsed report with its facts, the rulebook that applies and why."""

    path: str
    report: Report
    facts: ReportFacts
    rulebook: Rulebook
    reason: Text
    config: Config | None = None  # the configuration file that applies (checker.config)

    def context(self) -> Context:
        """What the checks read about this report (``Context.previous`` for a report of
        the year before)."""
        return Context(self.report, self.facts, self.rulebook)


def read(path: str, options: Options = DEFAULT) -> Reading:
    """Read one report file and choose its rulebook."""
    report = read_report(path)
    facts = extract(report)
    config = for_report(path, options.config, options.discover)
    if config and not (options.rules or options.profile):
        options = replace(options, rules=config.rules, profile=config.profile)
    rulebook, reason = select_rulebook(facts, options, standard_tables=bool(report.tables))
    ignored = set(config.ignored(path)) if config else set()
    if ignored:
        kept = tuple(check for check in rulebook.checks if getattr(check, "id", "") not in ignored)
        rulebook = replace(rulebook, checks=kept)
    return Reading(path, report, facts, rulebook, reason, config)


def lint(path: str, options: Options = DEFAULT, previous: str | None = None) -> Scorecard:
    """Grade one report file; with ``previous``, also against the same organ's report of
    the year before (the checks across years). Reports of two organs are an InputError."""
    this = read(path, options)
    if previous is None:
        return scorecard(this)
    last = read(previous, options)
    refuse_pair(last, this, years=False)
    return scorecard(this, last)


def scorecard(this: Reading, last: Reading | None = None) -> Scorecard:
    """The scorecard of a report read (against the report of the year before, if given)."""
    path, report, facts, rulebook, config = (
        this.path, this.report, this.facts, this.rulebook, this.config
    )
    previous = last.context() if last else None
    organ_kind = config.organ_kind if config else None
    findings, checked = evaluate(report, facts, rulebook, organ_kind, previous)
    categories, total, band, cap = score(findings, rulebook)
    card = Scorecard(
        file=path,
        profile=rulebook.id,
        profile_reason=this.reason,
        facts=facts,
        categories=categories,
        total=total,
        band=band.name,
        band_en=band.en,
        cap=cap,
        findings=tuple(_located(findings, report.document.source)),
        checked=tuple(checked),
        dropped=report.document.dropped,
        config=config.record(path) if config else None,
    )
    return _in_file(card, report.document.source) if report.document.source.origin else card


def refuse_pair(last: Reading, this: Reading, years: bool = True, hint: str = "") -> None:
    """Raise an InputError unless the two reports are of the same organ and (with
    ``years``) of consecutive years; ``hint`` ends the message (how to go on anyway). An
    organ that a report does not name cannot be told apart."""
    from checker.errors import InputError
    from checker.facts.history import organ_key, same_organ

    keys = organ_key(last.facts), organ_key(this.facts)
    if all(keys) and not same_organ(*keys):
        raise InputError(
            f"{this.path}: 与 {last.path} 不是同一机关的报告 ({this.facts.organ or keys[1]} ≠ "
            f"{last.facts.organ or keys[0]}: not the same organ{hint})"
        )
    first, second = last.facts.reporting_year, this.facts.reporting_year
    if years and first is not None and second is not None and second != first + 1:
        raise InputError(
            f"{this.path}: {second} 年报告不是 {last.path} ({first} 年) 的下一年 "
            f"(not consecutive years{hint})"
        )


def _located(findings: Iterable[Finding], source: Source) -> Iterator[Finding]:
    """Each finding with its place in a PDF, web page or Word original (``p.3 l.12``)."""
    for finding in findings:
        where = source.locate(finding.line) if finding.line else None
        yield replace(finding, where=where) if where else finding


def _in_file(card: Scorecard, source: Source) -> Scorecard:
    """The scorecard with the lines of a segmented file (``checker.segment``) given as the
    file's own lines and columns: a piece of a flattened line points into that line."""

    def line(number: int | None) -> int | None:
        return None if number is None else source.position(number)[0]

    def finding(item: Finding) -> Finding:
        if item.line is None:
            return item
        number, column = source.position(item.line, (item.column or 1) - 1)
        return replace(item, line=number, column=column + 1)

    facts = card.facts
    return replace(
        card,
        facts=replace(
            facts,
            year_line=line(facts.year_line),
            date_line=line(facts.date_line),
            period_line=line(facts.period_line),
            text_year_line=line(facts.text_year_line),
        ),
        findings=tuple(finding(item) for item in card.findings),
        checked=tuple(replace(c, line=source.position(c.line)[0]) for c in card.checked),
        dropped=tuple(replace(d, line=source.position(d.line)[0]) for d in card.dropped),
    )


class TextLine(Struct, frozen=True):
    """One line of the report as a reader is shown it (the annotated page): its place in
    the file, its words with every personal datum masked, and why it was set aside as page
    chrome, if it was. A line cut out of a flattened one (``checker.segment``) is a line of
    its own that starts at ``column`` of the file's line ``line``."""

    line: int
    column: int
    text: str
    where: str | None = None  # the place in a PDF/HTML/Word original (Source.locate)
    chrome: str | None = None


def report_text(
    path: str, options: Options = DEFAULT, profile: str | None = None
) -> list[TextLine]:
    """The report's lines as it would be shown to a reader, personal data masked as the
    rulebook's personal-data check masks it in findings (the rulebook of ``options``, else
    the shipped ``profile`` the report was graded under, else the newest)."""
    from checker.facts.personal import redact
    from checker.rules.privacy import personal_data

    report = read_report(path)
    if options.rules:
        rulebook = load(options.rules)
    else:
        rulebook = load_shipped(profile if profile in SHIPPED else SHIPPED[-1])
    document = report.document
    personal = personal_data(rulebook, document.lines)
    chrome = {item.line: item.reason for item in document.dropped}
    kept = {line.number for line in document.lines}
    shown = []
    for line in document.source.lines:
        number, column = document.source.position(line.number)
        shown.append(
            TextLine(
                line=number,
                column=column + 1,
                text=redact(line.raw, personal) if personal else line.raw,
                where=document.source.locate(line.number),
                chrome=None if line.number in kept else chrome.get(line.number),
            )
        )
    return shown


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
    years = shipped_years()
    year = facts.reporting_year
    newest, oldest = SHIPPED[-1], SHIPPED[0]
    if year is None and standard_tables:
        return load_shipped(newest), Text(
            f"未能确定报告年度；报告使用 2019 年起的标准表格，按 {newest} 规则评分",
            f"reporting year unknown; the report has the standard tables of 2019 onward, "
            f"so it is graded under {newest}",
        )
    if year is None:
        return load_shipped(oldest), Text(
            f"未能确定报告年度，按 {oldest} 规则评分",
            f"reporting year unknown; graded under {oldest}",
        )
    name = next((n for n, (first, last) in years.items() if first <= year <= last), None)
    if name is not None:
        return load_shipped(name), Text(
            f"报告年度 {year} 年适用 {name} 规则", f"reporting year {year} falls under {name}"
        )
    nearest = min(years, key=lambda n: min(abs(year - years[n][0]), abs(year - years[n][1])))
    return load_shipped(nearest), Text(
        f"报告年度 {year} 年不在任何规则的适用范围内，参照 {nearest} 规则评分",
        f"reporting year {year} is covered by no rulebook; graded under {nearest} for reference",
    )
