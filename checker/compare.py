"""Two years of one organ side by side (``xxgk compare LAST THIS``).

The figures of both reports' tables with the change, the findings across years that
``xxgk lint THIS --previous LAST`` adds, and how much of THIS year's text repeats LAST
year's, part by part, with the passages. A figure is shown only as read: one its table
could not read with certainty is marked so, and its change is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from msgspec import Struct

from checker.facts.history import Sentence, repeated, sentences
from checker.lint import DEFAULT, Options, Reading, read, refuse_pair, scorecard
from checker.model import Finding, Text
from checker.rules.base import Context
from checker.rules.history import CopiedText, YearCheck, table_with

#: Statistics table rows (2008–2018) are read from the ``statistics`` table, whose number is 0.
_STATISTICS = 0
_PASSAGES = 3  # repeated passages shown per part


class FigureSpec(Struct, frozen=True):
    """A figure compared across years: the cells of a table (``table`` 2–4, or 0 for the
    统计表 of 2008–2018) it adds up."""

    id: str
    name: Text
    table: int
    rows: tuple[str, ...]
    column: str


#: The figures compared: id, name, table, rows (a sum written a+b), column.
_FIGURES = (
    ("new", "本年新收申请", "requests received", 3, "new", "total"),
    ("granted", "予以公开", "granted", 3, "granted", "total"),
    ("refused", "不予公开", "refused", 3, "refused", "total"),
    ("carry-over", "结转下年度", "carried into next year", 3, "carry-over", "total"),
    ("reviews", "行政复议", "reconsiderations", 4, "review", "total"),
    ("suits", "行政诉讼", "suits", 4, "suit-direct+suit-after-review", "total"),
    ("rules-issued", "规章 本年制发", "rules issued", 2, "rules", "issued"),
    ("rules-in-force", "规章 现行有效", "rules in force", 2, "rules", "in-force"),
    (
        "normative-issued",
        "规范性文件 本年制发",
        "normative documents issued",
        2,
        "normative",
        "issued",
    ),
    (
        "normative-in-force",
        "规范性文件 现行有效",
        "normative documents in force",
        2,
        "normative",
        "in-force",
    ),
    ("fees", "收费金额（万元）", "fees (10,000 yuan)", 2, "fees", "amount"),
    ("proactive", "主动公开信息数", "information disclosed", _STATISTICS, "proactive", "year"),
    ("requests", "受理依申请公开数", "requests received", _STATISTICS, "requests", "year"),
    ("replies", "对申请的答复数", "requests answered", _STATISTICS, "replies", "year"),
    ("reviews", "行政复议数", "reconsiderations", _STATISTICS, "review", "year"),
    ("suits", "行政诉讼数", "suits", _STATISTICS, "litigation", "year"),
)
FIGURES = tuple(
    FigureSpec(key, Text(zh, en), table, tuple(rows.split("+")), column)
    for key, zh, en, table, rows, column in _FIGURES
)


class Value(Struct, frozen=True):
    """A figure as one report's table gives it; ``certain`` when read with certainty."""

    value: Decimal | None
    certain: bool


class Figure(Struct, frozen=True):
    """One figure in both years, and the change when both were read with certainty."""

    id: str
    name: Text
    last: Value
    this: Value

    @property
    def change(self) -> Decimal | None:
        if not (self.last.certain and self.this.certain):
            return None
        if self.last.value is None or self.this.value is None:
            return None
        return self.this.value - self.last.value


class Passage(Struct, frozen=True):
    """A sentence of THIS year's report found word for word in LAST year's."""

    line: int
    text: str


class PartShare(Struct, frozen=True):
    """How much of one part of THIS year's text repeats LAST year's."""

    part: str | None  # the part's heading; None for the front matter
    sentences: int
    repeated: int
    passages: tuple[Passage, ...]

    @property
    def share(self) -> float:
        return self.repeated / self.sentences if self.sentences else 0.0


class Side(Struct, frozen=True):
    """One report of the two: its file, organ and reporting year."""

    file: str
    organ: str | None
    year: int | None


class Comparison(Struct, frozen=True):
    """Everything ``xxgk compare`` shows."""

    last: Side
    this: Side
    figures: tuple[Figure, ...]
    findings: tuple[Finding, ...]
    parts: tuple[PartShare, ...]

    @property
    def text(self) -> PartShare:
        """The share over the whole text."""
        total = sum(part.sentences for part in self.parts)
        copied = sum(part.repeated for part in self.parts)
        passages = tuple(p for part in self.parts for p in part.passages)[:_PASSAGES]
        return PartShare(None, total, copied, passages)


def compare_reports(last_path: str, this_path: str, options: Options = DEFAULT,
            force: bool = False) -> Comparison:  # fmt: skip
    """Compare THIS year's report with LAST year's. Unless ``force``, reports of two organs
    or of years that do not follow each other are an InputError."""
    last, this = read(last_path, options), read(this_path, options)
    if not force:
        refuse_pair(last, this, hint="; --force compares them anyway")
    card = scorecard(this, last)
    across = {c.id for c in this.rulebook.checks if isinstance(c, YearCheck)}
    this_ctx, last_ctx = this.context(), last.context()
    return Comparison(
        last=_side(last),
        this=_side(this),
        figures=tuple(_figures(last_ctx, this_ctx)),
        findings=tuple(f for f in card.findings if f.rule in across),
        parts=tuple(_parts(this_ctx, last_ctx)),
    )


def _side(reading: Reading) -> Side:
    return Side(reading.path, reading.facts.organ, reading.facts.reporting_year)


def _figures(last: Context, this: Context) -> list[Figure]:
    """The figures either report's tables give (the standard tables' or the 统计表's)."""
    found = []
    for spec in FIGURES:
        before, now = _value(last, spec), _value(this, spec)
        if before.value is not None or now.value is not None:
            found.append(Figure(spec.id, spec.name, before, now))
    return found


def _value(ctx: Context, spec: FigureSpec) -> Value:
    if spec.table == _STATISTICS:
        table = ctx.statistics
        if table is None:
            return Value(None, False)
        sums = table.possible(spec.rows, (spec.column,))
        certain = table.complete(spec.rows) and not table.recovered(spec.rows)
    else:
        standard = table_with(ctx, spec.table, spec.rows[0])
        if standard is None or spec.column not in standard.columns:
            return Value(None, False)
        sums = standard.possible(spec.rows, (spec.column,))
        certain = standard.complete(spec.rows) and not standard.recovered(spec.rows)
    if sums is None or len(sums) != 1:
        return Value(None, False)
    return Value(next(iter(sums)), certain)


def _parts(this: Context, last: Context) -> list[PartShare]:
    """THIS year's sentences of substance per first-level part, and those LAST's has."""
    check = next((c for c in this.rulebook.checks if isinstance(c, CopiedText) and not c.part),
                 None)  # fmt: skip
    boilerplate, min_chars = (check.boilerplate, check.min_chars) if check else ([], 12)
    mine = sentences(this.report, boilerplate, min_chars)
    copied = {id(s) for s in repeated(mine, sentences(last.report, boilerplate, min_chars))}
    titles = {
        line.number: part.heading.text.strip()[:30]
        for part in this.report.sections
        for line in part.lines()
    }
    grouped: dict[str | None, list[Sentence]] = {}
    for sentence in mine:
        grouped.setdefault(titles.get(sentence.line.number), []).append(sentence)
    return [_share(this, title, group, copied) for title, group in grouped.items()]


def _share(
    ctx: Context, title: str | None, group: Sequence[Sentence], copied: set[int]
) -> PartShare:
    same = [s for s in group if id(s) in copied]
    passages = tuple(Passage(_file_line(ctx, s), s.quote()) for s in same[:_PASSAGES])
    return PartShare(title, len(group), len(same), passages)


def _file_line(ctx: Context, sentence: Sentence) -> int:
    return ctx.file_line(sentence.line.number)
