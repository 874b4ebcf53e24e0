"""Rule kinds over the standard tables 2–4 (2019 format onward): the identities printed on
the forms, blank totals, rows that could not be read, and the narrative against the tables.

The tables are recognised once, when the report is parsed (``checker.tables``); the
narrative's figures are read by ``checker.facts.figures``. Which identities hold and which
words name which cells is the rulebook's data.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import product
from typing import Literal, Protocol

from msgspec import Struct, field
from msgspec.structs import replace

from checker.facts.claims import uncertainty
from checker.facts.figures import Figure, NarrativeWords, TableWords, find_figures, terms
from checker.forms import TABLE3_GROUPS, TABLE3_ROWS, TOTAL, vocabulary
from checker.model import Line, Row, Table, Target, Text
from checker.rulebook import Rulebook
from checker.rules.base import Check, Context, Hit, kind

_RELATIONS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "=": operator.eq,
    "<=": operator.le,
    ">=": operator.ge,
}
_BLANK = "空"  # how evidence shows a blank cell
#: Said of figures cut from digits that ran together (640020470), in any language.
_RECOVERED = "（由连写的数字拆分得出 / recovered from run-together digits）"
_MAX_SHOWN = 4  # possible values of a run-together cell shown in a message
_QUOTE_MAX = 80  # characters of a sentence quoted as evidence
_CLAUSE_START = re.compile(r"[,、:;(]")  # the text is folded: ，、：；（ are ASCII


class Identity(Struct, frozen=True):
    """An equation (or a bound) that a standard table must satisfy.

    ``add: rows`` adds up rows (ids, or groups such as ``refused`` for every 不予公开 reason)
    and is checked in every column; ``add: columns`` adds up columns and is checked in every
    row. ``only`` limits it to some columns (or rows and groups). ``relation`` ``<=``/``>=``
    makes it a bound; ``variant`` limits it to one form of the table (2019 or 2021).
    """

    table: int
    name: Text
    add: Literal["rows", "columns"]
    left: list[str]
    right: list[str] = field(default_factory=list)
    relation: Literal["=", "<=", ">="] = "="
    variant: str | None = None
    only: list[str] = field(default_factory=list)

    def invalid(self) -> str | None:
        """Why the identity names something table ``table`` does not have, or None."""
        rows, columns = vocabulary(self.table)
        if not rows:
            return f"表{self.table} 不是标准表格 (no standard table {self.table}; use 2, 3 or 4)"
        summed, other = (rows, columns) if self.add == "rows" else (columns, rows)
        unknown = [t for t in (*self.left, *self.right) if t not in summed]
        unknown += [t for t in self.only if t not in other]
        if not self.left or unknown:
            return f"{self.name.zh}: 表{self.table} 没有 {unknown or 'left'} (unknown ids)"
        return None


class _Equation(Struct, frozen=True):
    """One identity in one column (or row): where it is, its two sides, and the row and
    column of its first term's cell (which findings point at)."""

    where: Text
    left: list[Decimal]
    right: list[Decimal]
    row: Row
    column: str


def _equations(table: Table, identity: Identity) -> Iterator[_Equation]:
    """The identity in every column (or row) where the table can tell both sides."""
    first = identity.left[0]
    if identity.add == "rows":
        group = table.group(first)
        for column in table.columns:
            if identity.only and column not in identity.only:
                continue
            left = [table.add_up([term], [column]) for term in identity.left]
            right = [table.add_up([term], [column]) for term in identity.right]
            label = table.column_label(column)
            where = Text(f"“{label}”列", f"column “{label}”")
            yield from _complete(where, left, right, group[:1], column)
        return
    for row in table.rows:
        if identity.only and not any(_in_group(row, key) for key in identity.only):
            continue
        left = [row.add_up([term]) for term in identity.left]
        right = [row.add_up([term]) for term in identity.right]
        where = Text(f"“{row.label}”行", f"row “{row.label}”")
        yield from _complete(where, left, right, (row,), first)


def _folded(equations: list[_Equation], identity: Identity) -> list[_Equation]:
    """The equations, with a failure of the 总计 column that is no more than the sum of the
    failures of the other columns (every row adds up) told with the first of them: one
    defect, one finding."""
    equation = next((e for e in equations if e.column == TOTAL), None)
    if identity.add != "rows" or equation is None or _holds(identity, equation):
        return equations
    failing = [e for e in equations if e.column != TOTAL and not _holds(identity, e)]
    if not failing or sum(map(_gap, failing), Decimal(0)) != _gap(equation):
        return equations
    first = failing[0]
    left, right = _side(equation.left), _side(equation.right)
    also = Text(
        f"{first.where.zh}（“总计”列因此也不符：{left}，而 {right}）",
        f"{first.where.en} (and so column “总计”: {left}, against {right})",
    )
    return [replace(e, where=also) if e is first else e for e in equations if e is not equation]


def _certain(table: Table, identity: Identity) -> bool:
    """Whether the groups an identity adds up were read whole (asked of one that fails only)."""
    return identity.add != "rows" or table.complete([*identity.left, *identity.right])


def _recovered(table: Table, identity: Identity, equation: _Equation) -> bool:
    """Whether some cells of an equation were cut from run-together digits (asked of one
    that fails only)."""
    if identity.add == "rows":
        return table.recovered([*identity.left, *identity.right])
    return equation.row.recovered


def _holds(identity: Identity, equation: _Equation) -> bool:
    left, right = sum(equation.left, Decimal(0)), sum(equation.right, Decimal(0))
    return _RELATIONS[identity.relation](left, right)


def _gap(equation: _Equation) -> Decimal:
    return sum(equation.left, Decimal(0)) - sum(equation.right, Decimal(0))


def _in_group(row: Row, key: str) -> bool:
    return row.key == key or row.key.startswith(key + ".")


def _complete(
    where: Text,
    left: Sequence[Decimal | None],
    right: Sequence[Decimal | None],
    rows: Sequence[Row],
    column: str,
) -> Iterator[_Equation]:
    """The equation when both sides are known (then the first term's row exists too)."""
    # `is None`, not `None in`: comparing a Decimal with None asks the numbers ABCs.
    known_left = [value for value in left if value is not None]
    known_right = [value for value in right if value is not None]
    if rows and len(known_left) == len(left) and len(known_right) == len(right):
        yield _Equation(where, known_left, known_right, rows[0], column)


def _side(values: Sequence[Decimal]) -> str:
    """'3001 + 34 = 3035', '3050', or '0' for an empty side."""
    if len(values) <= 1:
        return str(values[0]) if values else "0"
    return " + ".join(map(str, values)) + f" = {sum(values, Decimal(0))}"


@kind("table-identity")
class TableIdentity(Check, frozen=True):
    """An identity printed on a standard table's form does not hold (一 + 二 = 三(七) + 四).

    Each finding names the table, the column (or row) and both sides, and points at the
    cell of the identity's first term. Rows whose numbers could not be placed in columns,
    absent rows and a 总计 left blank are not checked (``table-unaligned`` and
    ``table-total-blank`` say so); an identity that holds is recorded as verified.
    """

    identities: list[Identity] = field(default_factory=list)

    def invalid(self, rulebook: Rulebook) -> str | None:
        return next((p for p in (i.invalid() for i in self.identities) if p), None)

    def reference(self) -> list[str]:
        lines = ["Identities:", ""]
        for i in self.identities:
            form = f" ({i.variant} form)" if i.variant else ""
            checked = "in every column" if i.add == "rows" else "in every row"
            only = f" of {', '.join(i.only)}" if i.only else ""
            lines.append(f"- 表{i.table}{form}: {i.name.zh} — {checked}{only}")
        return [*lines, ""]

    def run(self, ctx: Context) -> Iterator[Hit]:
        for table in ctx.tables:
            for identity in self.identities:
                if identity.table != table.number or identity.variant not in (None, table.variant):
                    continue
                for equation in _folded(list(_equations(table, identity)), identity):
                    yield from self._judge(ctx, table, identity, equation)

    def _judge(
        self, ctx: Context, table: Table, identity: Identity, equation: _Equation
    ) -> Iterator[Hit]:
        left, right = sum(equation.left, Decimal(0)), sum(equation.right, Decimal(0))
        values: dict[str, object] = {
            "table": table.number,
            "where": equation.where,
            "identity": identity.name,
            "left": _side(equation.left),
            "right": _side(equation.right),
        }
        line, start, end = equation.row.locate(equation.column)
        if not _RELATIONS[identity.relation](left, right):
            if _certain(table, identity):  # a group read in part is reported by table-partial
                recovered = _recovered(table, identity, equation)
                evidence = _row_text(equation.row) + (_RECOVERED if recovered else "")
                target = Target(table=table.number, row=equation.row.key, column=equation.column)
                yield Hit(line, start, end, values, evidence=evidence, target=target)
        elif any(equation.left) or any(equation.right):  # 0 = 0 verifies nothing
            sums = f"{values['left']} {identity.relation} {values['right']}"
            detail = Text(f"{identity.name.zh}：{sums}", f"{identity.name.en}: {sums}")
            ctx.verified(self.id, line, f"表{table.number}{equation.where.zh}", detail)


@kind("table-total-blank")
class TableTotalBlank(Check, frozen=True):
    """A row of a table with numbers leaves its 总计 blank (blank is 0 elsewhere, but a
    total left out is not a total of 0)."""

    def run(self, ctx: Context) -> Iterator[Hit]:
        return _blank_cells(ctx, lambda row: (TOTAL,) if row.total_blank else ())


@kind("table-blank-cell")
class TableBlankCell(Check, frozen=True):
    """A cell of a row is left empty between two cells with figures (``| 53 |  | 0 |``): a
    figure was skipped. Only pipe and tab rows print an empty cell; where a layout drops
    blank cells nothing can be told (``table-unaligned``), and marks such as ``-`` are a
    deliberate "nothing here". The 总计 column is ``table-total-blank``'s."""

    def run(self, ctx: Context) -> Iterator[Hit]:
        return _blank_cells(ctx, lambda row: row.gaps)


def _blank_cells(ctx: Context, columns: Callable[[Row], Iterable[str]]) -> Iterator[Hit]:
    """A hit at each blank cell that ``columns`` picks in a row of a standard table."""
    for table in ctx.tables:
        for row in table.rows:
            for column in columns(row):
                line, start, end = row.locate(column)
                values: dict[str, object] = {
                    "table": table.number, "row": row.label, "column": table.column_label(column),
                }  # fmt: skip
                target = Target(table=table.number, row=row.key, column=column)
                yield Hit(line, start, end, values, evidence=_row_text(row), target=target)


@kind("table-partial")
class TablePartial(Check, frozen=True):
    """A group of table 3 (不予公开, 无法提供…) was read in part: some of its sub-rows were
    not found where the form has them, so no sum over the group is asserted."""

    def run(self, ctx: Context) -> Iterator[Hit]:
        for table in ctx.tables:
            for group, label in TABLE3_GROUPS.items():
                missing = table.missing(group)
                rows = table.group(group)
                if missing and rows:  # a group not read at all is asserted nowhere
                    row = rows[0]
                    values: dict[str, object] = {
                        "table": table.number,
                        "group": label,
                        "missing": "、".join(dict(TABLE3_ROWS)[key] for key in missing),
                    }
                    yield _at_row(row, values, Target(table=table.number, row=group))


@kind("table-unaligned")
class TableUnaligned(Check, frozen=True):
    """A row's numbers could not be placed in the table's columns: the layout dropped blank
    cells and the row has fewer numbers than columns. The row is not checked at all."""

    def run(self, ctx: Context) -> Iterator[Hit]:
        for table in ctx.tables:
            for row in table.rows:
                if not row.aligned:
                    values: dict[str, object] = {
                        "table": table.number, "row": row.label, "count": len(row.values),
                    }  # fmt: skip
                    yield _at_row(row, values, Target(table=table.number, row=row.key))


@kind("table-run-together")
class TableRunTogether(Check, frozen=True):
    """A row's cells ran together (640020470) and more than one way of cutting its digits
    fits the row: the cells the ways disagree on are unknown, and nothing that uses them
    is asserted (a figure of the text is wrong only if no way gives it)."""

    def run(self, ctx: Context) -> Iterator[Hit]:
        for table in ctx.tables:
            for row in table.rows:
                if row.readings:
                    unknown = "、".join(table.column_label(key) for key in row.unknown)
                    values: dict[str, object] = {
                        "table": table.number,
                        "row": row.label,
                        "count": len(row.readings),
                        "unknown": unknown,
                    }
                    yield _at_row(row, values, Target(table=table.number, row=row.key))


def _at_row(row: Row, values: dict[str, object], target: Target) -> Hit:
    """A hit on a whole row, at its label: a row cut out of a flattened line shares its line
    with the rows around it, and the label says which one is meant."""
    start = max(row.line.raw.find(row.label), 0)
    return Hit(row.line, start, values=values, evidence=_row_text(row), target=target)


def _row_text(row: Row) -> str:
    """'一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 空'."""
    cells = row.cells.values() if row.aligned and not row.readings else row.values
    shown = (_BLANK if cell.value is None else str(cell.value) for cell in cells)
    return f"{row.label} {' '.join(shown)}"


@kind("text-table")
class TextTable(Check, frozen=True):
    """A figure the narrative states about requests, outcomes, reconsideration or litigation
    differs from the table (正文与表格数据不一致).

    ``tables`` give each table's vocabulary (see ``checker.facts.figures``): the words a
    sentence must have to speak of it, and the words that name each figure with the cells it
    adds up (alternatives: 受理 may count 一 alone or 一 + 二). The figure may differ from
    the cells only by the rounding its own digits show (1.2万件).
    """

    units: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    tables: list[TableWords] = field(default_factory=list)

    def invalid(self, rulebook: Rulebook) -> str | None:
        for table in self.tables:
            rows, columns = vocabulary(table.table)
            named = [([table.column], columns)]
            named += [(f.rows, rows) for f in table.figures]
            named += [(f.columns, columns) for f in table.figures]
            unknown = [t for sums, known in named for s in sums for t in terms(s) if t not in known]
            if not rows or unknown:
                return f"表{table.table} 没有 {unknown} (unknown table, row or column ids)"
        return None

    def reference(self) -> list[str]:
        lines = ["Figures (words in the same stretch of a sentence → the cells compared):", ""]
        for table in self.tables:
            for f in table.figures:
                rows = " or ".join(f.rows) or "the rows named before it"
                cells = f"{rows}; {' or '.join(f.columns or [table.column])}"
                lines.append(f"- 表{table.table} {f.name.zh}: `{f.words.pattern}` → {cells}")
        return [*lines, ""]

    def run(self, ctx: Context) -> Iterator[Hit]:
        tables: dict[int, Counts] = {}
        for table in ctx.tables:
            tables.setdefault(table.number, table)  # the first of each number is the form
        words = NarrativeWords(self.units, self.hedges, self.tables)
        yield from text_against(self.id, ctx, words, tables)


class Counts(Protocol):
    """A table the narrative's figures are compared with: a standard table, or the
    统计表 of the 2008–2018 reports (``checker.facts.statistics``)."""

    @property
    def number(self) -> int: ...

    @property
    def name(self) -> Text: ...

    def possible(
        self, rows: Iterable[str], columns: Iterable[str]
    ) -> frozenset[Decimal] | None: ...

    def recovered(self, rows: Iterable[str]) -> bool: ...

    def locate(self, row: str, column: str) -> tuple[Line, int, int | None]: ...

    def row_label(self, key: str) -> str: ...

    def complete(self, keys: Iterable[str]) -> bool: ...


def text_against(
    rule: str, ctx: Context, words: NarrativeWords, tables: Mapping[int, Counts]
) -> Iterator[Hit]:
    """A hit at each figure of the narrative that differs from its table's cells; a figure
    that agrees is recorded as verified under ``rule``."""
    judged = [
        (figure, found, cells, _agreeing(figure, cells))
        for figure in find_figures(ctx.paragraphs, words, ctx.facts.reporting_year)
        if (found := tables.get(figure.table)) is not None and (cells := _cells(found, figure))
    ]
    # When the text gives two figures for the same cells and one agrees with the table,
    # the other counts something else (全市 against 本级), not the table wrongly.
    agreed = {key for figure, _, _, yes in judged if yes is not None for key in _keys(figure)}
    for figure, table, cells, agreeing in judged:
        if agreeing is not None or not agreed.intersection(_keys(figure)):
            yield from _judge(rule, ctx, table, figure, cells, agreeing)


def _judge(
    rule: str,
    ctx: Context,
    table: Counts,
    figure: Figure,
    cells: list[_Cells],
    agreeing: Decimal | None,
) -> Iterator[Hit]:
    line, start, end = _number_span(figure)
    sentence = _sentence(figure)
    if agreeing is not None:
        detail = Text(
            f"{table.name.zh} {figure.name.zh} = {agreeing}",
            f"{table.name.en} {figure.name.en} = {agreeing}",
        )
        ctx.verified(rule, line, sentence, detail)
        return
    if not all(table.complete(rows) for _, rows, _ in cells):
        return  # the table cannot refute the text: table-partial says what it lacks
    _, rows, columns = cells[0]
    values: dict[str, object] = {
        "name": figure.name,
        "stated": figure.number.raw + figure.unit,
        "table": table.number,
        "row": table.row_label(rows[0]),
        "expected": " / ".join(_shown(sums) for sums, _, _ in cells),
        "cell_line": ctx.file_line(table.locate(rows[0], columns[0])[0].number),
    }
    recovered = any(table.recovered(rows_) for _, rows_, _ in cells)
    evidence = sentence + (_RECOVERED if recovered else "")
    target = Target(table=table.number, row="+".join(rows), column="+".join(columns))
    yield Hit(line, start, end, values, evidence=evidence, target=target)


#: A figure's alternative: the sums the table may hold (several when its cells ran
#: together and more than one reading fits), and the rows and columns added up.
_Cells = tuple[frozenset[Decimal], tuple[str, ...], tuple[str, ...]]


def _cells(table: Counts, figure: Figure) -> list[_Cells]:
    """The figure's alternatives the table can tell: (sums, rows, columns) each."""
    return [
        (sums, rows, columns)
        for rows, columns in product(figure.rows, figure.columns)
        if (sums := table.possible(rows, columns))
    ]


def _agreeing(figure: Figure, cells: Sequence[_Cells]) -> Decimal | None:
    """The table's sum the figure states, within the rounding its own digits show; under
    any reading of cells that ran together, since only a figure no reading gives is wrong."""
    number = figure.number
    sums = (value for values, _, _ in cells for value in sorted(values))
    found = (value for value in sums if abs(value - number.value) <= uncertainty(number))
    return next(found, None)


def _shown(sums: frozenset[Decimal]) -> str:
    """'74', or '0|70|470|2470|…' for the sums the readings of run-together cells allow."""
    values = [str(value) for value in sorted(sums)]
    more = "|…" if len(values) > _MAX_SHOWN else ""
    return "|".join(values[:_MAX_SHOWN]) + more


def _keys(figure: Figure) -> set[tuple[int, tuple[str, ...], tuple[str, ...]]]:
    """The cells a figure may mean, each alternative on its own (收到 and 受理 share 新收)."""
    return {(figure.table, rows, columns) for rows, columns in product(figure.rows, figure.columns)}


def _number_span(figure: Figure) -> tuple[Line, int, int]:
    """The figure's line and columns there (a number and unit broken over lines end with
    their first line)."""
    line, start = figure.paragraph.locate(figure.number.start)
    return line, start, min(start + figure.end - figure.number.start, len(line.text))


def _sentence(figure: Figure) -> str:
    """The sentence holding the figure; a long one from the earliest clause that lets the
    quote of _QUOTE_MAX characters reach the figure."""
    start, end = figure.sentence
    paragraph = figure.paragraph
    if end - start <= _QUOTE_MAX:
        return paragraph.quote(start, end)
    clauses = _CLAUSE_START.finditer(paragraph.text, start, figure.number.start)
    cuts = [start, *(match.end() for match in clauses)]
    lo = next((cut for cut in cuts if figure.end - cut <= _QUOTE_MAX), figure.number.start)
    hi = min(end, lo + _QUOTE_MAX)
    return ("…" if lo > start else "") + paragraph.quote(lo, hi) + ("…" if hi < end else "")


@kind("text-claims-none")
class TextClaimsNone(Check, frozen=True):
    """The narrative says that nothing is left (所有申请均已办理完成) while the table counts
    some (四、结转下年度继续办理 1): the cells of ``rows`` × ``columns`` of table ``table``,
    when read whole, add up to more than 0."""

    words: list[re.Pattern[str]] = field(default_factory=list)
    table: int = 3
    rows: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)

    def invalid(self, rulebook: Rulebook) -> str | None:
        rows, columns = vocabulary(self.table)
        unknown = [k for k in self.rows if k not in rows] + [
            k for k in self.columns if k not in columns
        ]
        return f"表{self.table} 没有 {unknown} (unknown row or column ids)" if unknown else None

    def run(self, ctx: Context) -> Iterator[Hit]:
        tables = (t for t in ctx.tables if t.number == self.table and t.group(self.rows[0]))
        table = next(tables, None)
        if table is None or not table.complete(self.rows):
            return
        count = table.add_up(self.rows, self.columns)
        if not count:
            return
        values: dict[str, object] = {
            "table": table.number, "row": table.row_label(self.rows[0]), "count": count,
        }  # fmt: skip
        target = Target(table=table.number, row="+".join(self.rows))
        for paragraph in ctx.paragraphs:
            for pattern in self.words:
                for match in pattern.finditer(paragraph.text):
                    line, start = paragraph.locate(match.start())
                    end = min(start + match.end() - match.start(), len(line.text))
                    yield Hit(line, start, end, values, target=target)
