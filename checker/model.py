"""The data that flows between the stages: lines, the report tree, findings, scorecards.

Every stage is a pure function from one of these to the next::

    ingest -> Source -> clean -> Document -> parse -> Report -> facts -> ReportFacts
           -> rules -> [Finding] -> score -> Scorecard -> render
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Literal

from msgspec import Struct, field

from checker.forms import SUB_ROWS, TOTAL, Variant, column_labels, columns

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")
ZERO = Decimal(0)


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


# ---------------------------------------------------------------------------------------
# The standard tables as a grid (表2–表4): read by ``checker.tables``, indexed by the
# facts and the rules. The forms they follow are in ``checker.forms``.

_MAX_SUMS = 4096  # the sums of a figure over run-together rows that are worth listing


class Cell(Struct, frozen=True):
    """One cell: its number (None when blank) and where that number sits in the file.

    ``start``/``end`` are columns of ``line`` (of both its ``text`` and its ``raw``). A
    cell the layout did not print at all (a trailing blank a tab-separated row left out)
    has no line.
    """

    value: Decimal | None
    line: Line | None = None
    start: int = 0
    end: int = 0
    recovered: bool = False  # cut from a run of digits whose separators were lost

    @property
    def blank(self) -> bool:
        return self.value is None

    @property
    def empty(self) -> bool:
        """Whether the cell was printed with nothing in it: an empty cell between the
        separators of a pipe or tab row. A mark such as ``-`` or ``/`` says "nothing here"
        on purpose, and a cell the layout did not print at all tells nothing."""
        if self.value is not None or self.line is None:
            return False
        return not self.line.text[self.start : self.end].strip()


class Row(Struct, frozen=True):
    """One row of a table: its canonical id, its label as printed, and its cells.

    ``cells`` maps column ids to cells when the numbers could be placed in columns; when
    they could not (a layout that drops blank cells and a row with fewer numbers than
    columns) ``cells`` is empty and ``values`` still holds the numbers in reading order.

    A row whose cells ran together (640020470) is cut into its cells when its own identity
    allows one cut only (its cells are then ``recovered``). When it allows several,
    ``readings`` are those cuts and ``cells`` holds only the columns they all agree on
    (often the 总计): the others are unknown.
    """

    key: str
    label: str
    line: Line
    cells: Mapping[str, Cell]
    values: tuple[Cell, ...] = ()
    readings: tuple[Mapping[str, Decimal], ...] = ()

    @property
    def aligned(self) -> bool:
        """Whether the numbers were placed in columns."""
        return bool(self.cells)

    @property
    def total_blank(self) -> bool:
        """Whether the row's 总计 is blank while its other cells hold numbers (not all 0)."""
        total = self.cells.get(TOTAL)
        others = (cell.value for key, cell in self.cells.items() if key != TOTAL)
        return total is not None and total.blank and any(others)

    @property
    def gaps(self) -> tuple[str, ...]:
        """The columns whose cell was left empty between two cells with figures
        (``| 53 |  | 0 |``): a figure skipped, not a blank meaning 0 in a row that leaves its
        zeros blank. Only an explicit layout (pipes, tabs) prints an empty cell, so only
        there can a gap be told."""
        cells = list(self.cells.items())
        triples = zip(cells, cells[1:], cells[2:], strict=False)
        return tuple(
            key
            for (_, before), (key, cell), (_, after) in triples
            if cell.empty and before.value is not None and after.value is not None
        )

    @property
    def recovered(self) -> bool:
        """Whether some of the row's cells were cut from digits that ran together."""
        return any(cell.recovered for cell in self.cells.values())

    @property
    def unknown(self) -> tuple[str, ...]:
        """The columns the readings of a run-together row disagree on."""
        if not self.readings:
            return ()
        return tuple(key for key in self.readings[0] if key not in self.cells)

    def possible(self, columns: Iterable[str]) -> frozenset[Decimal] | None:
        """Every sum of these columns the row may hold: one when its cells are known, one
        per reading when its cells ran together; None when it cannot tell (add_up)."""
        columns = tuple(columns)
        if not self.readings or all(column in self.cells for column in columns):
            known = self.add_up(columns)
            return None if known is None else frozenset((known,))
        if any(column not in self.readings[0] for column in columns):
            return None
        return frozenset(sum((r[c] for c in columns), ZERO) for r in self.readings)

    def value(self, column: str) -> Decimal:
        """The cell's number for arithmetic: a blank or missing cell counts as 0."""
        cell = self.cells.get(column)
        return ZERO if cell is None or cell.value is None else cell.value

    def add_up(self, columns: Iterable[str]) -> Decimal | None:
        """The sum of the row's cells in these columns, blanks as 0.

        None when the row cannot tell it: its numbers could not be placed in columns, it
        has no such column (table 2 rows differ), or the sum takes a 总计 left blank while
        the row has numbers (a blank total is not a 0).
        """
        cells, total = self.cells, ZERO
        for column in columns:
            cell = cells.get(column)
            if cell is None:
                return None
            if cell.value is not None:  # a blank adds 0
                total += cell.value
            elif column == TOTAL and self.total_blank:
                return None
        return total if cells else None

    def locate(self, column: str) -> tuple[Line, int, int | None]:
        """Where the cell is in the file: its line and columns, or the row's line when the
        layout did not print the cell."""
        cell = self.cells.get(column)
        if cell is not None and cell.line is not None:
            return cell.line, cell.start, cell.end
        return self.line, 0, None


class Table(Struct, frozen=True, dict=True):
    """A recognised standard table (表2, 表3 or 表4) and the form it follows.

    Table 4's rows are its three blocks (``review``, ``suit-direct``,
    ``suit-after-review``), each with the five outcome columns. ``line`` is the line of
    the first row (for table 4, of its 行政复议 header). ``lost`` are the rows of the form
    whose labels stand in the table's text but that could not be read as rows (a label
    broken around its numbers): the table was read in part.
    """

    number: Literal[2, 3, 4]
    variant: Variant
    rows: tuple[Row, ...]
    line: Line
    lost: frozenset[str] = frozenset()

    @property
    def columns(self) -> tuple[str, ...]:
        """The column ids of the table's form, in printed order."""
        return columns(self.number, self.variant)

    def row(self, key: str) -> Row | None:
        """The row with this canonical id, if the table has it."""
        return self._rows.get(key)

    @cached_property
    def _rows(self) -> dict[str, Row]:
        rows: dict[str, Row] = {}
        for row in self.rows:
            rows.setdefault(row.key, row)  # the first, as a search in order finds
        return rows

    def get(self, row: str, column: str) -> Cell | None:
        """The cell itself (None when the row or the cell is absent)."""
        found = self.row(row)
        return None if found is None else found.cells.get(column)

    def cell(self, row: str, column: str) -> Decimal:
        """The number in a cell for arithmetic: blank or absent counts as 0."""
        found = self.row(row)
        return ZERO if found is None else found.value(column)

    def group(self, prefix: str) -> tuple[Row, ...]:
        """The row ``prefix`` and its sub-rows ``prefix.*`` (e.g. all 不予公开 reasons)."""
        return self._groups.get(prefix, ())

    @cached_property
    def _groups(self) -> dict[str, tuple[Row, ...]]:
        # Each row under its id and the ids of the groups it is in (refused.secret under
        # refused.secret and refused): the rules ask for the same groups again and again.
        groups: dict[str, list[Row]] = {}
        for row in self.rows:
            parts = row.key.split(".")
            for end in range(1, len(parts) + 1):
                groups.setdefault(".".join(parts[:end]), []).append(row)
        return {key: tuple(rows) for key, rows in groups.items()}

    def add_up(self, rows: Iterable[str], columns: Iterable[str]) -> Decimal | None:
        """The sum of the cells in these rows (or row groups) and columns, blanks as 0;
        None when a row or group is absent or one of its rows cannot tell (Row.add_up)."""
        found = self._rows_of(rows)
        if found is None:
            return None
        columns = tuple(columns)
        total = ZERO
        for row in found:
            value = row.add_up(columns)
            if value is None:  # `is`: comparing a Decimal with None asks the numbers ABCs
                return None
            total += value
        return total

    def possible(self, rows: Iterable[str], columns: Iterable[str]) -> frozenset[Decimal] | None:
        """Every sum of these cells the table may hold, given the readings of its rows whose
        cells ran together (add_up when there are none); None when it cannot tell or the
        sums are too many to list."""
        found = self._rows_of(rows)
        if found is None:
            return None
        columns = tuple(columns)
        sums = frozenset((ZERO,))
        for row in found:
            values = row.possible(columns)
            if values is None or len(sums) * len(values) > _MAX_SUMS:
                return None
            sums = frozenset(a + b for a in sums for b in values)
        return sums

    def _rows_of(self, keys: Iterable[str]) -> list[Row] | None:
        """The rows of these rows or row groups, in order; None when one is absent."""
        found: list[Row] = []
        for key in keys:
            group = self.group(key)
            if not group:
                return None
            found += group
        return found

    def missing(self, key: str) -> tuple[str, ...]:
        """The sub-rows of a group of table 3 (or the row itself) that stand in the text
        but were not read: the group's sum is not certain without them."""
        return tuple(sub for sub in (key, *SUB_ROWS.get(key, ())) if sub in self.lost)

    def recovered(self, keys: Iterable[str]) -> bool:
        """Whether a row among ``keys`` (or their groups) was read from run-together digits."""
        return any(row.recovered or row.readings for key in keys for row in self.group(key))

    def complete(self, keys: Iterable[str]) -> bool:
        """Whether every group among ``keys`` was read whole, so that its sum is certain."""
        return not any(self.missing(key) for key in keys)

    def locate(self, row: str, column: str) -> tuple[Line, int, int | None]:
        """Where the cell of a row (the first of a group) and a column is in the file."""
        found = self.group(row)
        return found[0].locate(column) if found else (self.line, 0, None)

    @property
    def name(self) -> Text:
        """表3 / table 3, as findings name the table."""
        return Text(f"表{self.number}", f"table {self.number}")

    def row_label(self, key: str) -> str:
        """The printed label of a row (the first of a group), or the id when absent."""
        found = self.group(key)
        return found[0].label if found else key

    def column_label(self, column: str) -> str:
        """The printed header of a column of this table's form (the id if it has none)."""
        return column_labels(self.number, self.variant).get(column, column)

    @property
    def span(self) -> tuple[int, int]:
        """The numbers of the first and the last line that the table's rows and cells are on."""
        numbers = [self.line.number]
        for row in self.rows:
            numbers.append(row.line.number)
            numbers += [cell.line.number for cell in row.cells.values() if cell.line is not None]
            numbers += [cell.line.number for cell in row.values if cell.line is not None]
        return min(numbers), max(numbers)

    def describe(self) -> list[str]:
        """Human-readable lines: the table, its columns, then each row with its numbers."""
        head = (
            f"表{self.number} ({self.variant}) L{self.line.number}: "
            f"{len(self.rows)} rows; columns {' '.join(self.columns)}"
        )
        return [head, *(_describe_row(row, self.columns) for row in self.rows)]


def _describe_row(row: Row, columns: Sequence[str]) -> str:
    """``L92 new  一、本年新收…: 3001 53 …``; cells are named where the row has columns of
    its own (table 2), and ``-`` is a blank cell."""

    def shown(cell: Cell) -> str:
        return "-" if cell.value is None else str(cell.value)

    if row.readings:
        cells = [shown(row.cells[key]) if key in row.cells else "?" for key in row.readings[0]]
        numbers = " ".join(cells) + f"  (run together: {len(row.readings)} readings)"
    elif not row.aligned:
        numbers = " ".join(map(shown, row.values)) + "  (unaligned)"
    elif tuple(row.cells) == tuple(columns):
        numbers = " ".join(map(shown, row.cells.values()))
    else:
        numbers = " ".join(f"{key}={shown(cell)}" for key, cell in row.cells.items())
    if row.recovered and not row.readings:
        numbers += "  (recovered from run-together digits)"
    return f"  L{row.line.number} {row.key}  {row.label}: {numbers}"


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
