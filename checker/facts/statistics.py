"""The 政府信息公开情况统计表 of the 2008–2018 reports, recognised from text lines.

Before the 2019 format many reports end with one statistics table (统计表): a header
``指标名称 计量单位 2013年度 历年累计``, then rows of a label, a unit and two values, this
year's and the cumulative one::

    主动公开信息数 条 72804 76424 其中:1、网站公开 条 72804 76424 2、政府公报公开 条 0 …

It reaches us space-separated (several rows on one line or a row per line), or with its cells
run together by a crawler (``主动公开文件数条206912106其中:1.政府网站公开数条…``). The
reader cuts the text at the units: a unit followed by digits ends a label and opens the row's
values, and the values run until the next label starts.

Precision first. A row's values are read only when their count is certain:

- cells separated by blanks: each token is one value, so a row with one token where the
  table's other rows have two has a blank cell;
- cells run together: a single digit is one value; a run that is no number on its own
  (``00``, ``01``: no count starts with 0) splits after its leading 0; any other run
  (``206912106``: 2069 12106? 20691 2106?) is *unread* — the row keeps no values.

A list marker glued after the values (``条002、网上申请数``) belongs to the next label when
it is the number the list expects (the previous marker + 1); otherwise the row is unread.
Only the rows the narrative names have an id (``ROWS``); every row is kept for the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from msgspec import Struct

from checker.clean import NOT_CJK
from checker.model import Cell, Line, Text
from checker.tables.runs import printable

__all__ = ["COLUMNS", "ROWS", "STATISTICS", "StatisticsRow", "StatisticsTable", "find_statistics"]

#: The number figures about the statistics table carry (the standard tables are 2, 3 and 4).
STATISTICS = 0

#: The two value columns: this year (``2013年度``) and cumulative (``历年累计``).
COLUMNS: tuple[str, ...] = ("year", "cumulative")

#: The rows the narrative may name, by the words of their printed label (list marker and
#: 其中 taken off, Chinese characters only). Labels vary by year and organ.
ROWS: Mapping[str, re.Pattern[str]] = {
    "proactive": re.compile(r"主动公开(?:政府)?(?:信息|文件)总?数"),
    "requests": re.compile(r"受理(?:政府信息)?依申请公开(?:信息)?总?数"),
    "replies": re.compile(r"对申请的?答复总?数"),
    "review": re.compile(r"行政复议数"),
    "litigation": re.compile(r"行政诉讼数"),
}

_HEADER = re.compile(
    r"指\s*标\s*名\s*称\s*计\s*量\s*单\s*位\s*((?:19|20)\d{2})\s*年\s*度?\s*历\s*年\s*累\s*计"
)
#: A unit of the 计量单位 column: it ends a label when digits follow it.
_UNIT = re.compile(r"(?:人次|万元|条|件|元|个|项|次)(?=\s*\d)")
_VALUES = re.compile(r"[\d \t\n]*")
_DIGITS = re.compile(r"\d+")
_LIST_MARKER = re.compile(r"^(?:其中:?)?\s*(\d{1,2})\s*[、.]")
_MARKS = "、."  # what follows a list marker's number (the text is folded: ． is .)
_LABEL_MAX = 40  # characters; a longer "label" is prose, and the table has ended
_PROSE = re.compile(r"[,;。!?]")
_MIN_ROWS = 3  # fewer rows is a sentence that happens to have a unit before a number


class StatisticsRow(Struct, frozen=True):
    """One row: its id (None for rows the rules do not name), its label and unit as printed,
    the line the label starts on, and its values in reading order.

    ``read`` is False when the values ran together and could not be split with certainty
    (``values`` is then empty); ``digits`` is where those digits are (line, start, end).
    """

    key: str | None
    label: str
    unit: str
    line: Line
    values: tuple[Cell, ...]
    read: bool = True
    digits: tuple[Line, int, int] | None = None

    def cell(self, column: str) -> Cell | None:
        """The cell of a column, when the row has a value for each column."""
        if len(self.values) != len(COLUMNS):
            return None
        return self.values[COLUMNS.index(column)]


class StatisticsTable(Struct, frozen=True):
    """The statistics table: its reporting year (from the header) and its rows in order."""

    year: int
    line: Line
    rows: tuple[StatisticsRow, ...]

    @property
    def number(self) -> int:
        return STATISTICS

    @property
    def name(self) -> Text:
        return Text("统计表", "the statistics table")

    @property
    def columns_in_full(self) -> int:
        """How many rows have a value in every column."""
        return sum(len(row.values) == len(COLUMNS) for row in self.rows)

    def row(self, key: str) -> StatisticsRow | None:
        return next((row for row in self.rows if row.key == key), None)

    def add_up(self, rows: Iterable[str], columns: Iterable[str]) -> Decimal | None:
        """The sum of these rows' cells in these columns; None when a row is absent or does
        not have a value in every column (a blank cell's column is not known)."""
        total = Decimal(0)
        for key in rows:
            found = self.row(key)
            for column in columns:
                cell = None if found is None else found.cell(column)
                if cell is None or cell.value is None:
                    return None
                total += cell.value
        return total

    def locate(self, row: str, column: str) -> tuple[Line, int, int | None]:
        """Where a cell is in the file: its line and columns (the table's line if absent)."""
        found = self.row(row)
        cell = None if found is None else found.cell(column)
        if cell is not None and cell.line is not None:
            return cell.line, cell.start, cell.end
        return (self.line, 0, None) if found is None else (found.line, 0, None)

    def row_label(self, key: str) -> str:
        found = self.row(key)
        return key if found is None else found.label

    def possible(self, rows: Iterable[str], columns: Iterable[str]) -> frozenset[Decimal] | None:
        """The one sum the table holds (cells here are read whole or not at all)."""
        total = self.add_up(rows, columns)
        return None if total is None else frozenset((total,))

    def recovered(self, keys: Iterable[str]) -> bool:
        """Never: no cell here is read from run-together digits by guessing."""
        return False

    def complete(self, keys: Iterable[str]) -> bool:
        """Always: a row is one cell per column here, and ``add_up`` tells a missing one."""
        return True


class _Stream:
    """The report's lines joined by line breaks, with each offset's line and column."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.text = "\n".join(line.text for line in lines)
        self.starts: list[int] = []
        offset = 0
        for line in lines:
            self.starts.append(offset)
            offset += len(line.text) + 1

    def at(self, offset: int) -> tuple[Line, int]:
        i = bisect_right(self.starts, offset) - 1
        return self.lines[i], offset - self.starts[i]

    def cell(self, value: str, start: int) -> Cell:
        line, column = self.at(start)
        return Cell(Decimal(value), line, column, column + len(value))


def find_statistics(lines: Sequence[Line]) -> StatisticsTable | None:
    """The statistics table in a report's cleaned lines, or None. Never raises."""
    stream = _Stream(lines)
    header = _HEADER.search(stream.text)
    if header is None:
        return None
    rows: list[StatisticsRow] = []
    pos = header.end()
    while (row := _read_row(stream, pos)) is not None:
        found, pos = row
        rows.append(found)
    if len(rows) < _MIN_ROWS:
        return None
    return StatisticsTable(int(header.group(1)), stream.at(header.start())[0], tuple(rows))


def _read_row(stream: _Stream, pos: int) -> tuple[StatisticsRow, int] | None:
    """The row whose label starts at ``pos`` and where the next label starts; None where
    the table has ended."""
    text = stream.text
    unit = _UNIT.search(text, pos)
    if unit is None:
        return None
    pos = _skip_blanks(text, pos, unit.start())
    # After a row left unread, its run of digits may have ended with this label's number.
    label = " ".join(text[pos : unit.start()].split()).lstrip(_MARKS + " ")
    if not _is_label(label):
        return None
    values = _VALUES.match(text, unit.end())
    assert values is not None  # the pattern matches the empty string
    start, end = unit.end(), values.end()
    tokens = [(m.start(), m.end()) for m in _DIGITS.finditer(text, start, end)]
    if end < len(text) and text[end] in _MARKS and tokens and tokens[-1][1] == end:
        # The digits before 、 end with the next label's list number (…条002、网上申请数):
        # the one after this label's (1 after a label without one).
        listed = _LIST_MARKER.match(label)
        expected = int(listed.group(1)) + 1 if listed else 1
        end = _before_marker(text, start, tokens, str(expected))
    line, _ = stream.at(pos)
    key = _key(label)
    cells = _cells(stream, start, end) if end >= 0 else None
    if cells is None:
        digits_start = tokens[0][0] if tokens else start
        digits_end = tokens[-1][1] if tokens else start
        at_line, column = stream.at(digits_start)
        digits = (at_line, column, min(column + digits_end - digits_start, len(at_line.text)))
        row = StatisticsRow(key, label, unit.group(), line, (), False, digits)
        return row, digits_end
    return StatisticsRow(key, label, unit.group(), line, cells), end


def _skip_blanks(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _is_label(label: str) -> bool:
    """Whether words before a unit are a row's label: short, Chinese, no sentence, no
    figures but a leading list number (1、网站公开)."""
    if not label or len(label) > _LABEL_MAX or _PROSE.search(label):
        return False
    words = _LIST_MARKER.sub("", label)
    return bool(NOT_CJK.sub("", words)) and not any(char.isdigit() for char in words)


def _before_marker(text: str, start: int, tokens: Sequence[tuple[int, int]], expected: str) -> int:
    """Where a row's values end when the next label's list number is glued after them:
    before the number the list expects, or -1 when it is not there (nothing is certain)."""
    last_start, last_end = tokens[-1]
    separate = last_start > start and text[last_start - 1].isspace()
    if separate:  # blanks between cells: the number is a token of its own
        return last_start if text[last_start:last_end] == expected else -1
    if text[last_start:last_end].endswith(expected) and last_end - len(expected) > last_start:
        return last_end - len(expected)
    return -1


def _key(label: str) -> str | None:
    words = NOT_CJK.sub("", re.sub(r"^其中", "", label))
    return next((key for key, pattern in ROWS.items() if pattern.fullmatch(words)), None)


def _cells(stream: _Stream, start: int, end: int) -> tuple[Cell, ...] | None:
    """The values between ``start`` and ``end``; None when their count is not certain."""
    tokens = [(m.group(), m.start()) for m in _DIGITS.finditer(stream.text, start, end)]
    if not tokens:
        return None
    separated = len(tokens) > 1 or tokens[0][1] > start  # a blank after the unit or a value
    if separated:
        if len(tokens) > len(COLUMNS) or not all(_is_count(token) for token, _ in tokens):
            return None
        return tuple(stream.cell(token, at) for token, at in tokens)
    run, at = tokens[0]
    if len(run) == 1:
        return (stream.cell(run, at),)
    if run[0] == "0" and _is_count(run[1:]):  # no count starts with 0: 0 | the rest
        return stream.cell("0", at), stream.cell(run[1:], at + 1)
    return None


def _is_count(token: str) -> bool:
    return token.isdigit() and printable(token)
