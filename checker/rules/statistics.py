"""Rule kinds over the 政府信息公开情况统计表 of the 2008–2018 reports: the narrative against
the table, a blank cell, and rows whose values ran together and could not be read.

The table is read by ``checker.facts.statistics``; the narrative's figures by
``checker.facts.figures``, and they are compared as the standard tables' are
(``checker.rules.tables.text_against``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import field

from checker.facts.figures import FigureWords, NarrativeWords, TableWords, terms
from checker.facts.statistics import COLUMNS, ROWS, STATISTICS, StatisticsRow
from checker.rulebook import Rulebook
from checker.rules.base import Check, Context, Hit, kind

_ANY = re.compile("")


@kind("text-statistics")
class TextStatistics(Check, frozen=True):
    """A figure the narrative states for the year (主动公开 … 条, 行政复议 … 件) differs from
    the statistics table's 本年度 value (正文与统计表数据不一致).

    Read as ``text-table`` reads the standard tables: ``figures`` name the rows (ids of
    ``checker.facts.statistics.ROWS``) by words in the same stretch of a sentence, ``units``
    and ``hedges`` are as there. A row with a blank cell or left unread is not compared.
    """

    units: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    figures: list[FigureWords] = field(default_factory=list)

    def invalid(self, rulebook: Rulebook) -> str | None:
        named = [t for f in self.figures for s in (*f.rows, *f.columns) for t in terms(s)]
        unknown = [t for t in named if t not in ROWS and t not in COLUMNS]
        return f"统计表没有 {unknown} (unknown row or column ids)" if unknown else None

    def reference(self) -> list[str]:
        lines = ["Figures (words in the same stretch of a sentence → the row compared):", ""]
        for f in self.figures:
            lines.append(f"- 统计表 {f.name.zh}: `{f.words.pattern}` → {' or '.join(f.rows)}")
        return [*lines, ""]

    def run(self, ctx: Context) -> Iterator[Hit]:
        table = ctx.statistics
        if table is None or table.year != ctx.facts.reporting_year:
            return
        # Every figure's own words say which row it is; the sentence needs no other words.
        words = TableWords(STATISTICS, _ANY, COLUMNS[0], self.figures)
        narrative = NarrativeWords(self.units, self.hedges, [words])
        from checker.rules.tables import text_against  # here: a 2008 rulebook has no tables

        yield from text_against(self.id, ctx, narrative, {STATISTICS: table})


@kind("statistics-blank-cell")
class StatisticsBlankCell(Check, frozen=True):
    """A row of the statistics table has one value where the table's rows have two
    (本年度 and 历年累计): a cell was left blank. Only where the count is certain — values
    separated by blanks, or a single digit — and at least ``others`` other rows have both."""

    others: int = 2

    def run(self, ctx: Context) -> Iterator[Hit]:
        table = ctx.statistics
        if table is None or table.columns_in_full < self.others:
            return
        for row in table.rows:
            if row.read and len(row.values) == 1 and row.values[0].line is not None:
                cell = row.values[0]
                values: dict[str, object] = {"row": row.label, "value": cell.value}
                yield Hit(cell.line, cell.start, cell.end, values=values, evidence=_shown(row))


@kind("statistics-unread")
class StatisticsUnread(Check, frozen=True):
    """Rows of the statistics table whose values ran together (主动公开文件数条206912106) and
    cannot be split with certainty: they are not read, so not checked. One hit per table,
    at the first such row, naming them all."""

    def run(self, ctx: Context) -> Iterator[Hit]:
        table = ctx.statistics
        unread = [row for row in table.rows if not row.read] if table else []
        if not unread or unread[0].digits is None:
            return
        line, start, end = unread[0].digits
        names = "、".join(f"“{row.label}”" for row in unread)
        values: dict[str, object] = {"count": len(unread), "rows": names}
        yield Hit(line, start, end, values=values, evidence=line.quote(start, end))


def _shown(row: StatisticsRow) -> str:
    """'2、政府公报公开 条 0'."""
    return " ".join([row.label, row.unit, *(str(cell.value) for cell in row.values)])
