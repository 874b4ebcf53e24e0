"""Figures the narrative states about the standard tables: "全市共受理政府信息公开申请3119件",
"政府信息公开行政复议351件，其中结果维持72件…".

Which words name which rows and columns of which table is the rulebook's vocabulary; this
module finds the figures, and the rules compare them with the tables. Sentences are read
from paragraphs (``checker.facts.paragraphs``), so a figure broken over two printed lines
("行政复议 351\\n件") is read whole and still points at its line.

Precision first, because a false "the text contradicts the table" destroys trust. A figure
is read only when nothing leaves its meaning in doubt:

- its sentence has the words of its table (政府信息公开申请 for table 3) and names no year
  other than the reporting year (last year's figures are not this year's table);
- its stretch of the sentence (between commas, brackets…) holds that one number, in a unit
  of count (件, 条…), exact (not 3000余件, not a percentage), with no hedge (约, 比上年…);
- the words of exactly one figure stand in that stretch. Where the words of one figure lie
  inside those of another (顺延到下年度答复 holds 答复), the longer, more specific one is meant;
  labels joined by 、 share the figure after them (予以公开、部分公开1816件) and are not read.

A figure that names only columns (结果维持) takes its rows from the last figure of its table
named earlier in the sentence: 行政复议351件，其中结果维持72件 is read as 行政复议·结果维持.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from msgspec import Struct, field

from checker.facts.numbers import Number, find_numbers
from checker.facts.paragraphs import Paragraph
from checker.model import Text

__all__ = ["Figure", "FigureWords", "NarrativeWords", "TableWords", "find_figures", "terms"]

_BOUNDARIES = re.compile(r"[,、:;。!?()，：；！？（）]")
_SENTENCE_MARKS = re.compile("[。;!?；！？]")
_LABEL_MARK = "、"
_YEAR = re.compile(r"(?=[12])(?<!\d)((?:19|20)\d{2})\s*年")  # (?=[12]): as in numbers._ARABIC_RE


class FigureWords(Struct, frozen=True):
    """A figure a sentence may state: the words that name it and the table cells it sums.

    ``rows`` and ``columns`` are alternatives, each a sum of row (or group) ids written
    ``new + carried``; the stated figure must equal one of them. A figure with ``rows``
    is read in its table's default column unless a figure naming ``columns`` stands with it.
    """

    name: Text
    words: re.Pattern[str]
    rows: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


class TableWords(Struct, frozen=True):
    """The figures of one standard table and the words (``context``) a sentence must have
    to speak of that table; ``column`` is where a figure that names only rows is read."""

    table: int
    context: re.Pattern[str]
    column: str
    figures: list[FigureWords]


class NarrativeWords(Struct, frozen=True):
    """The whole vocabulary: counting units, hedge words, and each table's figures."""

    units: Sequence[str]
    hedges: Sequence[str]
    tables: Sequence[TableWords]


class Figure(Struct, frozen=True):
    """A figure stated in the narrative and the table cells that should hold it.

    ``number``, ``end`` (after its unit) and ``sentence`` are offsets into the paragraph's
    joined text; ``rows`` and ``columns`` are the alternatives, each a tuple of ids to add up.
    """

    paragraph: Paragraph
    number: Number
    unit: str
    end: int
    sentence: tuple[int, int]
    table: int
    name: Text
    rows: tuple[tuple[str, ...], ...]
    columns: tuple[tuple[str, ...], ...]


def terms(sum_of: str) -> tuple[str, ...]:
    """The ids of a sum written ``new + carried``."""
    return tuple(part.strip() for part in sum_of.split("+") if part.strip())


def find_figures(
    paragraphs: Sequence[Paragraph], words: NarrativeWords, year: int | None
) -> Iterator[Figure]:
    """Every figure about a table that the paragraphs state beyond doubt, in text order."""
    vocabulary = [_Spoken.of(table) for table in words.tables]
    for paragraph in paragraphs:
        numbers: list[Number] | None = None  # read once the paragraph speaks of a table
        starts: list[int] = []
        for start, end in _sentences(paragraph.text):
            tables = _tables_spoken_of(paragraph.text, start, end, vocabulary, year)
            if not tables:
                continue
            if numbers is None:
                numbers = [n for n in find_numbers(paragraph.text) if not _is_year(n)]
                starts = [number.start for number in numbers]
            inside = numbers[bisect_left(starts, start) : bisect_left(starts, end)]
            if inside:  # a sentence without a number states no figure
                yield from _in_sentence(paragraph, (start, end), inside, tables, words)


def _is_year(number: Number) -> bool:
    """Whether a number is a year (2013年主动公开…4970条): a date, not a second figure."""
    return number.unit == "年" and number.decimals == 0 and 1900 <= number.value <= 2100


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for mark in _SENTENCE_MARKS.finditer(text):
        yield start, mark.start()
        start = mark.end()
    if start < len(text):
        yield start, len(text)


class _Spoken(NamedTuple):
    """A table's figures split into those that name rows and those that name only
    columns, once per report rather than for every stretch of every sentence."""

    table: TableWords
    rows: list[FigureWords]
    columns: list[FigureWords]

    @classmethod
    def of(cls, table: TableWords) -> _Spoken:
        figures = table.figures
        return cls(table, [f for f in figures if f.rows], [f for f in figures if not f.rows])


def _tables_spoken_of(
    text: str, start: int, end: int, vocabulary: Sequence[_Spoken], year: int | None
) -> list[_Spoken]:
    """The tables whose words the sentence has, unless it names a year other than ``year``
    (last year's figures are not this year's table)."""
    tables = [t for t in vocabulary if t.table.context.search(text, start, end)]
    if tables and {int(m.group(1)) for m in _YEAR.finditer(text, start, end)} - {year}:
        return []
    return tables


def _in_sentence(
    paragraph: Paragraph,
    sentence: tuple[int, int],
    numbers: Sequence[Number],
    tables: Sequence[_Spoken],
    words: NarrativeWords,
) -> Iterator[Figure]:
    """The figures of one sentence about ``tables`` (``numbers`` are the numbers in it)."""
    text, (start, end) = paragraph.text, sentence
    scope: dict[int, FigureWords] = {}  # the last figure with rows named, per table
    for lo, hi, found in _segments(text, start, end, numbers):
        named = _named(text, lo, hi, tables)
        if named is None or _hedged(text, lo, hi, words.hedges):
            continue
        table, rows_figure, columns_figure = named
        if rows_figure is not None:
            scope[table.table] = rows_figure
        rows_figure = rows_figure or (scope.get(table.table) if columns_figure else None)
        unit = _unit(text, found[0], words.units) if len(found) == 1 else None
        if rows_figure is None or unit is None:
            continue
        counted = (found[0], unit)
        yield _figure(paragraph, counted, sentence, table, rows_figure, columns_figure)


def _segments(
    text: str, start: int, end: int, numbers: Sequence[Number]
) -> Iterator[tuple[int, int, list[Number]]]:
    """The stretches of a sentence between boundaries, with the numbers in each.

    A comma inside a number (1,339) is no boundary; a 、 after a stretch without a number
    joins label to label (予以公开、部分公开1816件), so it is no boundary either.
    """
    lo, index, found = start, 0, []
    for match in _BOUNDARIES.finditer(text, start, end):
        pos = match.start()
        while index < len(numbers) and numbers[index].end <= pos:
            found.append(numbers[index])
            index += 1
        if index < len(numbers) and numbers[index].start < pos:
            continue
        if match.group() == _LABEL_MARK and not found:
            continue
        yield lo, pos, found
        lo, found = match.end(), []
    yield lo, end, found + list(numbers[index:])


_Named = tuple[TableWords, FigureWords | None, FigureWords | None]


def _named(text: str, lo: int, hi: int, tables: Sequence[_Spoken]) -> _Named | None:
    """The table a stretch speaks of, with the figure naming its rows and the one naming its
    columns; None when it names no figure, figures of two tables, or figures in doubt."""
    named: list[_Named] = []
    for table, row_figures, column_figures in tables:
        rows, rows_doubt = _one(text, lo, hi, row_figures)
        columns, columns_doubt = _one(text, lo, hi, column_figures)
        if rows_doubt or columns_doubt:
            return None
        if rows is not None or columns is not None:
            named.append((table, rows, columns))
    return named[0] if len(named) == 1 else None


def _one(
    text: str, lo: int, hi: int, figures: Sequence[FigureWords]
) -> tuple[FigureWords | None, bool]:
    """The figure whose words are in the stretch, and whether that is in doubt: the words
    of several are, and none of them holds the words of all the others (the longer phrase
    顺延到下年度答复 is meant, not the 答复 inside it)."""
    spans = [(m.span(), f) for f in figures if (m := f.words.search(text, lo, hi))]
    if len(spans) < 2:  # most stretches: no figure's words, or one figure's
        return (spans[0][1] if spans else None), False
    kept = [
        figure
        for span, figure in spans
        if not any(o != span and o[0] <= span[0] and span[1] <= o[1] for o, _ in spans)
    ]
    if len(kept) > 1:
        return None, True
    return (kept[0] if kept else None), False


def _hedged(text: str, lo: int, hi: int, hedges: Sequence[str]) -> bool:
    stretch = text[lo:hi]
    return any(hedge in stretch for hedge in hedges if hedge)


def _unit(text: str, number: Number, units: Sequence[str]) -> str | None:
    """The unit of count after an exact number, also across the space PDF text puts between
    them ("3119 件"); None when the number is no exact count."""
    if number.approx or number.percent:
        return None
    if number.unit:
        return number.unit if number.unit in units else None
    rest = text[number.end :].lstrip(" ")
    for unit in sorted(units, key=len, reverse=True):
        if unit and rest.startswith(unit) and len(text) - len(rest) - number.end <= 1:
            return unit
    return None


def _figure(
    paragraph: Paragraph,
    counted: tuple[Number, str],
    sentence: tuple[int, int],
    table: TableWords,
    rows_figure: FigureWords,
    columns_figure: FigureWords | None,
) -> Figure:
    number, unit = counted
    end = paragraph.text.index(unit, number.end) + len(unit)
    columns = (columns_figure or rows_figure).columns or [table.column]
    name = rows_figure.name
    if columns_figure is not None:
        name = Text(f"{name.zh}·{columns_figure.name.zh}", f"{name.en}, {columns_figure.name.en}")
    return Figure(
        paragraph=paragraph,
        number=number,
        unit=unit,
        end=end,
        sentence=sentence,
        table=table.table,
        name=name,
        rows=tuple(terms(rows) for rows in rows_figure.rows),
        columns=tuple(terms(column) for column in columns),
    )
