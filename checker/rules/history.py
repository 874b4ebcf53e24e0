"""Rule kinds across years: THIS report against the same organ's report of the year before.

They read ``Context.previous`` and fire only when it is given (``xxgk lint --previous``,
``--history``, ``xxgk compare``); a report graded alone is graded exactly as before.
Figures are compared only where both were read with certainty (see ``checker.tables``:
placed in their columns, not cut from digits that ran together, their group read whole);
a comparison the tables cannot make with certainty is an ``unverified`` finding, never a
mismatch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Literal

from msgspec import Struct, field

from checker.facts.history import Sentence, repeated, sentences
from checker.forms import TOTAL
from checker.model import Line, Table, Target, Text
from checker.rulebook import Rulebook
from checker.rules.base import Check, Context, Hit, kind

_ZERO = Decimal(0)
#: What an ``unverified`` finding says was in the way, in any language.
_UNREAD = Text("未能确定地读出", "could not be read with certainty")
_DISAGREE = Text("由连写的数字拆分得出，无法确定", "cut from run-together digits, not certain")
_TOTAL_TOO = Text("（“总计”栏因此也不符）", " (and so the total)")
_QUOTE_SEPARATOR = " / "
_QUOTE_MAX = 40  # characters of each repeated sentence quoted


class YearCheck(Check, frozen=True):
    """A check across years: it needs the previous year's report and says nothing alone."""

    def run(self, ctx: Context) -> Iterator[Hit]:
        if ctx.previous is not None:
            yield from self.compare(ctx, ctx.previous)

    def compare(self, ctx: Context, last: Context) -> Iterator[Hit]:
        """Yield a Hit for each place THIS report (``ctx``) disagrees with LAST's."""
        raise NotImplementedError


class _Figure(Struct, frozen=True):
    """A table cell (or a sum of cells) of one year: its certain value, else the values it
    may hold (None: not read at all), and where it is."""

    certain: Decimal | None
    possible: frozenset[Decimal] | None
    at: tuple[Line, int, int | None]


def table_with(ctx: Context, number: int, row: str) -> Table | None:
    """The first standard table ``number`` of a report that has the row (a table broken
    over pages is read as two)."""
    return next((t for t in ctx.tables if t.number == number and t.row(row)), None)


def _figure(table: Table, row: str, column: str) -> _Figure | None:
    """The cell of ``row`` and ``column``; None when the table's form has no such cell."""
    if column not in table.columns or table.row(row) is None:
        return None
    sure = table.complete([row]) and not table.recovered([row])
    value = table.add_up([row], [column]) if table.get(row, column) is not None else None
    possible = table.possible([row], [column])
    return _Figure(value if sure else None, possible, table.locate(row, column))


class _Judged(Struct, frozen=True):
    """One comparison: THIS year's figure, what LAST year's gives for it, and the verdict."""

    column: str
    this: _Figure
    expected: Decimal | None
    verdict: Literal["agrees", "differs", "unverified"]
    why: Text | None = None


def _judge(
    column: str, this: _Figure, expected: Sequence[_Figure], signs: Sequence[int]
) -> _Judged:
    """THIS's figure against the sum of ``expected`` (each with its sign)."""
    if this.certain is not None and all(f.certain is not None for f in expected):
        want = sum((s * (f.certain or _ZERO) for f, s in zip(expected, signs, strict=True)), _ZERO)
        verdict: Literal["agrees", "differs"] = "agrees" if this.certain == want else "differs"
        return _Judged(column, this, want, verdict)
    sums: frozenset[Decimal] | None = frozenset((_ZERO,))
    for figure, sign in zip(expected, signs, strict=True):
        if sums is None or figure.possible is None:
            sums = None
            break
        sums = frozenset(a + sign * b for a in sums for b in figure.possible)
    if sums is None or this.possible is None:
        return _Judged(column, this, None, "unverified", _UNREAD)
    if sums & this.possible:
        return _Judged(column, this, None, "agrees")
    return _Judged(column, this, None, "unverified", _DISAGREE)


class _Reporting(YearCheck, frozen=True):
    """A comparison of figures that reports either the certain mismatches (an instance with
    ``reports: mismatch``) or the comparisons that could not be made (``unverified``)."""

    reports: Literal["mismatch", "unverified"] = "mismatch"

    def _hits(
        self,
        ctx: Context,
        judged: Sequence[_Judged],
        values: dict[str, object],
        table: Table,
        row: str,
    ) -> Iterator[Hit]:
        wanted = "differs" if self.reports == "mismatch" else "unverified"
        hits = [j for j in judged if j.verdict == wanted]
        others = [j for j in hits if j.column != TOTAL]
        total = next((j for j in hits if j.column == TOTAL), None)
        folded = wanted == "differs" and total is not None and bool(others)
        if folded and total is not None and _gap(others) == _gap([total]):
            hits.remove(total)  # off by the columns' errors only: one defect, one finding
        else:
            folded = False
        columns = {j.column: table.column_label(j.column) for j in hits}
        if wanted == "unverified":  # one row, one note: the columns it could not compare
            hits, columns = hits[:1], {j.column: "、".join(columns.values()) for j in hits[:1]}
        for j in hits:
            line, start, end = j.this.at
            extra: dict[str, object] = {
                "column": columns[j.column],
                "this": _shown(j.this.certain),
                "expected": _shown(j.expected),
                "why": j.why or Text.both(""),
                "also": _TOTAL_TOO if folded and j is others[0] else Text.both(""),
            }
            target = Target(table=table.number, row=row, column=j.column)
            yield Hit(line, start, end, {**values, **extra}, target=target)
        agreed = [j for j in judged if j.verdict == "agrees" and j.this.certain is not None]
        if agreed and self.reports == "mismatch":
            sums = "; ".join(f"{table.column_label(j.column)} {j.this.certain}" for j in agreed)
            detail = Text(f"与上年报告一致：{sums}", f"as last year's report gives: {sums}")
            ctx.verified(self.id, agreed[0].this.at[0], str(values["row"]), detail)


def _shown(value: Decimal | None) -> str:
    return "?" if value is None else str(value)


def _gap(judged: Sequence[_Judged]) -> Decimal:
    return sum(((j.this.certain or _ZERO) - (j.expected or _ZERO) for j in judged), _ZERO)


@kind("carryover")
class Carryover(_Reporting, frozen=True):
    """The requests LAST year carried into this one (table 3 四、结转下年度继续办理) are not
    THIS year's requests carried over from last year (二、上年结转), per applicant column
    and in total."""

    table: int = 3
    last_row: str = "carry-over"
    this_row: str = "carried"

    def compare(self, ctx: Context, last: Context) -> Iterator[Hit]:
        this_table = table_with(ctx, self.table, self.this_row)
        last_table = table_with(last, self.table, self.last_row)
        if this_table is None or last_table is None:
            return
        judged = []
        for column in this_table.columns:
            this = _figure(this_table, self.this_row, column)
            before = _figure(last_table, self.last_row, column)
            if this is not None and before is not None:
                judged.append(_judge(column, this, [before], [1]))
        values: dict[str, object] = {
            "table": self.table,
            "row": this_table.row_label(self.this_row),
            "last_row": last_table.row_label(self.last_row),
            "last_line": last.file_line(last_table.locate(self.last_row, TOTAL)[0].number),
        }
        yield from self._hits(ctx, judged, values, this_table, self.this_row)


@kind("stock")
class Stock(_Reporting, frozen=True):
    """The documents in force at the end of THIS year (table 2 现行有效件数) are not LAST
    year's in force plus THIS year's issued less THIS year's repealed, for each of ``rows``
    (规章, 行政规范性文件). Only between two tables of the form that has those columns."""

    table: int = 2
    rows: list[str] = field(default_factory=lambda: ["rules", "normative"])
    stock: str = "in-force"
    added: str = "issued"
    removed: str = "repealed"

    def compare(self, ctx: Context, last: Context) -> Iterator[Hit]:
        for row in self.rows:
            this_table = table_with(ctx, self.table, row)
            last_table = table_with(last, self.table, row)
            if this_table is None or last_table is None:
                continue
            figures = [
                _figure(this_table, row, self.stock),
                _figure(last_table, row, self.stock),
                _figure(this_table, row, self.added),
                _figure(this_table, row, self.removed),
            ]
            this, before, added, removed = figures
            if this is None or before is None or added is None or removed is None:
                continue
            judged = [_judge(self.stock, this, [before, added, removed], [1, 1, -1])]
            values: dict[str, object] = {
                "table": self.table,
                "row": this_table.row_label(row),
                "last": _shown(before.certain),
                "added": _shown(added.certain),
                "removed": _shown(removed.certain),
                "last_line": last.file_line(before.at[0].number),
            }
            yield from self._hits(ctx, judged, values, this_table, row)


@kind("year-sequence")
class YearSequence(YearCheck, frozen=True):
    """THIS report's reporting year is not the year after LAST's."""

    def compare(self, ctx: Context, last: Context) -> Iterator[Hit]:
        this_year, last_year = ctx.facts.reporting_year, last.facts.reporting_year
        if this_year is None or last_year is None or this_year == last_year + 1:
            return
        line = ctx.line_at(ctx.facts.year_line)
        values: dict[str, object] = {"year": this_year, "last_year": last_year}
        yield Hit(line, values=values)


@kind("copied-text")
class CopiedText(YearCheck, frozen=True):
    """More than ``share`` of THIS year's sentences of substance (in ``part``, a mandated
    part's id, or in the whole report) repeat LAST year's word for word.

    A sentence of substance has at least ``min_chars`` Chinese characters and is neither a
    section title, nor the statement of the period, nor one that ``boilerplate`` matches
    (the formula every report opens with). The finding points at the first repeated
    sentence and quotes the first ``quotes`` of them.
    """

    share: float = 0.3
    min_chars: int = 12
    part: str | None = None
    quotes: int = 2
    boilerplate: list[re.Pattern[str]] = field(default_factory=list)

    def invalid(self, rulebook: Rulebook) -> str | None:
        if self.part is not None and self.part not in {s.id for s in rulebook.sections}:
            return f"part: 没有此部分 {self.part!r} (no such section)"
        if not 0 < self.share <= 1:
            return "share 应在 0 与 1 之间 (share must be in (0, 1])"
        return None

    def of(self, ctx: Context) -> list[Sentence]:
        """The sentences of substance of a report (of ``part`` only, when given)."""
        found = sentences(ctx.report, self.boilerplate, self.min_chars)
        if self.part is None:
            return found
        coverage = ctx.coverage.get(self.part)
        numbers = {line.number for line in coverage.lines()} if coverage else set()
        return [sentence for sentence in found if sentence.line.number in numbers]

    def compare(self, ctx: Context, last: Context) -> Iterator[Hit]:
        this = self.of(ctx)
        copied = repeated(this, sentences(last.report, self.boilerplate, self.min_chars))
        if not this or len(copied) <= self.share * len(this):
            return
        line, start, end = copied[0].locate()
        quoted = _QUOTE_SEPARATOR.join(_short(s.quote()) for s in copied[: self.quotes])
        values: dict[str, object] = {
            "share": f"{len(copied) / len(this):.0%}",
            "count": len(copied),
            "total": len(this),
            "limit": f"{self.share:.0%}",
        }
        yield Hit(line, start, end, values, evidence=quoted, target=_part(self.part))


def _short(quote: str) -> str:
    return quote if len(quote) <= _QUOTE_MAX else quote[: _QUOTE_MAX - 1] + "…"


def _part(part: str | None) -> Target | None:
    return Target(part=part) if part else None
