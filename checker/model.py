"""The data that flows between the stages: lines, the report tree, findings, scorecards.

Every stage is a pure function from one of these to the next::

    ingest -> Source -> clean -> Document -> parse -> Report -> facts -> ReportFacts
           -> rules -> [Finding] -> score -> Scorecard -> render
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Literal

from msgspec import Struct, field

if TYPE_CHECKING:  # the table model lives with its recogniser, which imports this module
    from checker.facts.tables import Table

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")


class Text(Struct, frozen=True):
    """A message in Chinese with its English rendering (``--lang en``)."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, **values: object) -> Text:
        return Text(self.zh.format(**values), self.en.format(**values))

    @classmethod
    def both(cls, text: str) -> Text:
        """The same words in both languages (figures, dates, formulas)."""
        return cls(text, text)


class Line(Struct, frozen=True):
    """One line of the original file.

    ``raw`` is the text exactly as the file has it (findings quote it); ``text`` is the
    same line prepared for analysis: page chrome blanked out and full-width characters
    folded to ASCII. Both have the same length, so a column in ``text`` is a column in
    ``raw``.
    """

    number: int
    raw: str
    text: str

    def quote(self, start: int = 0, end: int | None = None) -> str:
        """The original words between two columns of the analysed text."""
        return self.raw[start:end].strip()


class Source(Struct, frozen=True):
    """What ingest read: the file's lines (1-based numbers) and how it was decoded
    (``encoding``; for PDF and Word, whose text is Unicode already, the format's name).

    For text, a line's number is its line in the file. For PDF, HTML and Word it is the
    line of the extracted text, and ``places`` says where that line is in the original
    (see ``locate``). ``origin`` maps the lines cut out of a flattened line back to it (see
    ``position``). ``dropped`` is what ingest itself set aside as chrome (a PDF's page
    numbers, a web page's navigation around the report); those lines are not in ``lines``.
    """

    path: str
    format: str
    encoding: str
    lines: tuple[Line, ...]
    places: Mapping[int, str] = field(default_factory=dict)
    dropped: tuple[Dropped, ...] = ()
    origin: Mapping[int, tuple[int, int]] = field(default_factory=dict)

    def locate(self, number: int) -> str | None:
        """Where line ``number`` is in the original file, when its number alone does not say:
        ``p.3 l.12`` (PDF page and line on the page), ``¶14`` or ``table 2 row 5`` (Word),
        ``html l.345`` (a web page's source line); None for plain text."""
        return self.places.get(number)

    def position(self, number: int, column: int = 0) -> tuple[int, int]:
        """The line of the file and the column in it of ``column`` of line ``number``: the
        same for most files; for a line cut out of a flattened one (``checker.segment``),
        the flattened line and the column the piece starts at, plus ``column``."""
        line, start = self.origin.get(number, (number, 0))
        return line, start + column


class Dropped(Struct, frozen=True):
    """Page chrome set aside by cleaning (breadcrumbs, font widgets, ICP footers…)."""

    line: int
    text: str
    reason: str


class Document(Struct, frozen=True):
    """Cleaned text: the lines that belong to the report, and what was set aside."""

    source: Source
    lines: tuple[Line, ...]
    dropped: tuple[Dropped, ...]


class Section(Struct):
    """A numbered part of the report (一、 / （一） / 1. / 一是) with its body and sub-parts."""

    level: int
    number: str
    title: str
    heading: Line
    body: list[Line] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and all its sub-sections, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def lines(self) -> Iterator[Line]:
        """Every line of the section, heading included, in file order."""
        yield self.heading
        yield from self.body
        for child in self.children:
            yield from child.lines()


class Signature(Struct):
    """The closing block: the organ's name and the date (落款)."""

    organ: Line | None = None
    date: Line | None = None


class Report(Struct):
    """The report's structure as the grammar understood it.

    ``kinds`` gives each line's kind by line number (the grammar's tokens: TITLE, H1, ROW,
    TEXT…); ``tables`` are the standard tables 2–4 recognised in the lines (表2–表4).
    """

    document: Document
    title: Line | None = None
    meta: list[Line] = field(default_factory=list)
    preamble: list[Line] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    kinds: dict[int, str] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)

    def all_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def lines(self) -> list[Line]:
        """All report lines (chrome excluded) in file order."""
        return list(self.document.lines)


class ReportFacts(Struct, frozen=True):
    """What the report says about itself (标题, 机关, 报告年度, 发布日期, 统计期限)."""

    title: str | None
    organ: str | None
    reporting_year: int | None
    year_line: int | None
    published_on: date | None
    dated_on: date | None
    date_line: int | None  # the line of ``report_date``
    period_stated: bool
    period_line: int | None = None  # the line stating the statistical period (统计期限)
    period_years: tuple[int, ...] = ()  # the years of the dates in that statement
    #: A statement of the period whose dates were left blank (统计期限自 年 月 日起…): its line
    #: and columns. Such a statement does not count as stating the period.
    period_blank: tuple[int, int, int] | None = None
    text_year: int | None = None  # the year the overview opens with ("2013年,…")
    text_year_line: int | None = None

    @property
    def report_date(self) -> date | None:
        """The later of the publication and signature dates: the report was public by then."""
        return max((d for d in (self.published_on, self.dated_on) if d), default=None)


class Target(Struct, frozen=True, omit_defaults=True):
    """What a finding is about, by the rulebook's and the tables' ids, for programs reading
    the JSON: a mandated part (``part: "fees"``) or a table's row and column
    (``table: 3, row: "total", column: "natural"``)."""

    part: str | None = None
    table: int | None = None
    row: str | None = None
    column: str | None = None


class Finding(Struct, frozen=True):
    """One problem found in a report, pointing at the original file."""

    rule: str
    level: Level
    category: str
    message: Text
    line: int | None = None
    column: int | None = None
    evidence: str | None = None
    article: Text | None = None
    fix: Text | None = None
    deduction: float = 0.0
    section: str | None = None
    where: str | None = None  # the place in a PDF/HTML/Word original (Source.locate)
    target: Target | None = None

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line or 0, self.column or 0, self.rule)


class Checked(Struct, frozen=True):
    """A claim a check verified and found right (shown with ``--verbose`` and in JSON)."""

    rule: str
    line: int
    evidence: str
    detail: Text  # how it was checked: "25 + 5 + 9 + 7 = 46"


class CategoryScore(Struct, frozen=True):
    id: str
    name: Text
    points: float
    score: float

    @property
    def deduction(self) -> float:
        return round(self.points - self.score, 2)


class Cap(Struct, frozen=True):
    """A ceiling on the total, with its reason (e.g. a statutory part is missing)."""

    limit: float
    reason: Text


class Configured(Struct, frozen=True, omit_defaults=True):
    """The configuration file a report was graded with and what it set for the report
    (``checker.config``): the rules not checked, the organ kind assumed, the gate."""

    file: str
    ignore: tuple[str, ...] = ()
    organ_kind: str | None = None
    min_score: float | None = None
    fail_on: str | None = None


class Known(Struct, frozen=True, omit_defaults=True):
    """A finding recorded in a baseline (``checker.baseline``): matched by its file, rule
    and fingerprint (of its evidence and section, not its line, which is kept for readers)."""

    rule: str
    fingerprint: str
    line: int | None = None
    evidence: str | None = None
    section: str | None = None


class Baselined(Struct, frozen=True):
    """What a baseline did to a scorecard: the known findings it set aside, its entries for
    the report that no longer match any finding (fixed), and the score it recorded."""

    file: str
    suppressed: tuple[Finding, ...] = ()
    fixed: tuple[Known, ...] = ()
    score: float | None = None


class Scorecard(Struct, frozen=True):
    """The graded result for one report."""

    file: str
    profile: str
    profile_reason: Text
    facts: ReportFacts
    categories: tuple[CategoryScore, ...]
    total: float
    band: str
    band_en: str
    cap: Cap | None
    findings: tuple[Finding, ...]
    checked: tuple[Checked, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    config: Configured | None = None  # the configuration file used, if any
    baseline: Baselined | None = None  # the baseline applied, if any
