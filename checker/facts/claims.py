"""Numeric claims in the narrative: totals with their parts, and rates with their counts.

A report states arithmetic in sentences: "受理申请68126条，其中，公开67653条，部分公开427条，
不予公开46条" (a sum claim) or "收到来信1339件，办结1315件，办结率98.2%" (a rate claim). This module
finds such claims; the rules decide whether they are right, and later checks (text against
table) reuse the same claims. Claims are read from paragraphs (``checker.facts.paragraphs``),
so a sentence a PDF wraps over two printed lines ("行政复议 351\n件，其中…") is read whole,
and each claim still points at the line and column its figure came from.

Precision beats recall: a claim is read only when its shape leaves no doubt. A part list
that hedges (等, 占, 约…), mixes units, holds approximate or percentage figures, carries
commentary between its figures, or may go on past the end of the sentence is not read at
all, because a false "does not add up" costs more trust than a missed one.

Every scan is linear in the length of the paragraph: its text is cut once into clauses, each
clause's numbers are placed once, and a claim's search never passes a clause that could
start another claim. (A single ``Line`` may be read as a paragraph of its own.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache

from msgspec import Struct
from msgspec.structs import replace

from checker.facts.numbers import Number, find_numbers, precision, unit_at
from checker.facts.paragraphs import Paragraph, of_line
from checker.model import Line

__all__ = [
    "Clause",
    "RateClaim",
    "RateWords",
    "SumClaim",
    "SumWords",
    "clauses",
    "find_rates",
    "find_sums",
    "uncertainty",
    "unit",
]

# Text is folded (，；：！？ are ASCII already); the full-width forms are kept so that
# unfolded text is cut the same way.
_SENTENCE_MARKS = frozenset("。;!?；！？")
_SEPARATOR = re.compile(r"[,、:;。!?，：；！？]")
_TOTAL_MARKS = frozenset(",，")  # "68126条，其中…": the total ends its clause at a comma
_LABEL_MARK = frozenset("、")  # "县(市)区直属单位、乡镇政府10.3万条": a label shares a figure


class Clause(Struct, frozen=True):
    """A stretch of text between separators (，、：) inside one sentence (。；！？)."""

    start: int
    end: int  # offset of the separator that ends it (len(text) at the end of the text)
    mark: str  # that separator, "" at the end of the text
    sentence: int  # index of the sentence within the text
    numbers: tuple[Number, ...]

    def head(self, text: str, number: Number) -> str:
        """The words of the clause before ``number``."""
        return text[self.start : number.start].strip()

    def ends_with(self, text: str, number: Number) -> bool:
        """True if ``number`` and its measure word close the clause."""
        return not text[number.end + len(number.unit) : self.end].strip()


class SumWords(Struct, frozen=True):
    """The words that shape a sum claim; a rulebook supplies them."""

    markers: Sequence[str]  # introduce the parts right after the total: 其中
    hedges: Sequence[str]  # in the part list, show it need not partition the total: 等, 占, 约


class RateWords(Struct, frozen=True):
    """The words that shape a rate claim; a rulebook supplies them."""

    rates: Mapping[str, Sequence[str]]  # rate name -> its numerator words: 办结率 -> [办结]
    totals: Sequence[str]  # words before the denominator: 共, 收到, 受理, 接听
    not_totals: Sequence[str]  # a clause opening with these is a part, not a total: 其中
    connectors: Sequence[str]  # between a rate's name and its value: 为, 达
    window: int  # how many clauses before the rate its counts may stand


class SumClaim(Struct, frozen=True):
    """A total followed by the parts that make it up (合计数与分项数); the figures' offsets
    are into the paragraph's joined text."""

    paragraph: Paragraph
    total: Number
    parts: tuple[Number, ...]

    @property
    def anchor(self) -> Number:
        """The figure a finding points at: the total."""
        return self.total

    @property
    def line(self) -> Line:
        """The line the total stands on."""
        return self.paragraph.locate(self.total.start)[0]

    @property
    def start(self) -> int:
        return self.total.start

    @property
    def end(self) -> int:
        last = self.parts[-1]
        return last.end + len(last.unit)

    @property
    def parts_sum(self) -> Decimal:
        return sum((part.value for part in self.parts), Decimal(0))

    @property
    def difference(self) -> Decimal:
        """Parts minus total."""
        return self.parts_sum - self.total.value

    @property
    def tolerance(self) -> Decimal:
        """How far apart the figures may be through the rounding the text itself shows."""
        return uncertainty(self.total) + sum((uncertainty(p) for p in self.parts), Decimal(0))


class RateClaim(Struct, frozen=True):
    """A stated rate with the counts it is computed from (办结率 = 办结数 / 收到数); the
    figures' offsets are into the paragraph's joined text."""

    paragraph: Paragraph
    name: str  # the rate's name as written, with any qualifier: 办结率
    rate: Number
    numerator: Number
    denominator: Number

    @property
    def anchor(self) -> Number:
        """The figure a finding points at: the rate."""
        return self.rate

    @property
    def line(self) -> Line:
        """The line the rate stands on."""
        return self.paragraph.locate(self.rate.start)[0]

    @property
    def start(self) -> int:
        return self.denominator.start

    @property
    def end(self) -> int:
        return self.rate.end

    @property
    def computed(self) -> Decimal:
        """The rate the counts give, in percent."""
        return self.numerator.value * 100 / self.denominator.value


def uncertainty(n: Number) -> Decimal:
    """How far the true value may lie from the written one.

    A count written in full digits (68126条) is exact; a rounded figure (14.2万, 1.5) may be
    off by half a unit of its last digit.
    """
    return Decimal(0) if n.scale == 1 and n.decimals == 0 else precision(n)


def clauses(text: str) -> list[Clause]:
    """``text`` cut into clauses, each with the numbers it holds, in order."""
    return list(_cut(text))


@lru_cache(maxsize=256)
def _cut(text: str) -> tuple[Clause, ...]:
    # Sums and rates read the same paragraphs of a report: remembering the clauses of its
    # last few hundred (those with a total or a rate, which are few) cuts each one once.
    numbers = [_spaced_unit(text, number) for number in find_numbers(text)]
    found: list[Clause] = []
    start, sentence, first, index = 0, 0, 0, 0
    for match in _SEPARATOR.finditer(text):
        pos = match.start()
        while index < len(numbers) and numbers[index].end <= pos:
            index += 1
        if index < len(numbers) and numbers[index].start <= pos:
            continue  # the comma of 1,339 belongs to its number
        # No number straddles a cut, so the clause holds the numbers since the last cut.
        found.append(Clause(start, pos, match.group(), sentence, tuple(numbers[first:index])))
        sentence += match.group() in _SENTENCE_MARKS
        start, first = match.end(), index
    found.append(Clause(start, len(text), "", sentence, tuple(numbers[first:])))
    return tuple(found)


def _spaced_unit(text: str, number: Number) -> Number:
    """The number with the measure word PDF text puts one space after it ("72 件"): its
    ``unit`` is then " 件", so that it still ends where the measure word does."""
    if number.unit or text[number.end : number.end + 1] != " ":
        return number
    word = unit_at(text, number.end + 1)
    return replace(number, unit=" " + word) if word else number


def unit(n: Number) -> str:
    """The number's measure word, without the space PDF text may put before it."""
    return n.unit.lstrip()


@lru_cache(maxsize=64)
def _words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    # An alternation of literal words: no nesting, so the search is linear. No words (or
    # only empty ones) must match nothing, not everywhere.
    listed = sorted((w for w in words if w), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, listed)) if listed else "(?!)")


def _paragraph(source: Line | Paragraph) -> Paragraph:
    return of_line(source) if isinstance(source, Line) else source


def find_sums(source: Line | Paragraph, words: SumWords) -> list[SumClaim]:
    """Every total-with-parts claim in the paragraph (or line) that clearly partitions its
    total."""
    paragraph = _paragraph(source)
    text = paragraph.text
    markers, stops = _words_re(tuple(words.markers)), _words_re((*words.markers, *words.hedges))
    if not markers.search(text):
        return []  # nothing opens a list of parts: most lines, whose numbers are not even read
    cut = _cut(text)
    claims: list[SumClaim] = []
    for i in range(len(cut) - 1):
        total = _total(text, cut[i])
        opener = markers.match(text, _skip_space(text, cut[i + 1].start))
        if total is None or opener is None or stops.search(text, cut[i].start, cut[i].end):
            continue  # a hedge by the total (约11件, 比上年增加…) makes it no plain total
        listed = _parts(text, cut, i + 1, opener.end(), stops)
        if listed is None:
            continue
        parts, last = listed
        if _partition(total, parts) and not _continues(text, cut, last, total, markers):
            claims.append(SumClaim(paragraph, total, parts))
    return claims


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _total(text: str, clause: Clause) -> Number | None:
    """The figure closing a clause that ends at a comma (the total before 其中)."""
    if clause.mark not in _TOTAL_MARKS or not clause.numbers:
        return None
    total = clause.numbers[-1]
    return total if clause.ends_with(text, total) else None


def _parts(
    text: str, cut: Sequence[Clause], first: int, after_marker: int, stops: re.Pattern[str]
) -> tuple[tuple[Number, ...], int] | None:
    """The figures from ``after_marker`` to the end of the sentence, and the index of the
    clause that ends the sentence, if the figures form a clean list.

    Each clause holds at most one figure, closing it. A clause without a figure is a label
    when a 、 joins it to the next (县(市)区直属单位、乡镇政府10.3万条) and otherwise ends the
    list: a figure after such commentary makes the list unreadable. A hedge word or a second
    marker anywhere in the list makes it unreadable too; the scan stops there, which keeps
    the search over a paragraph linear (no later claim can start before that marker).
    """
    parts: list[Number] = []
    closed = False
    for index in range(first, len(cut)):
        clause = cut[index]
        start = after_marker if index == first else clause.start
        if stops.search(text, start, clause.end) or len(clause.numbers) > 1:
            return None
        if clause.numbers:
            part = clause.numbers[0]
            if closed or not clause.ends_with(text, part):
                return None
            parts.append(part)
        elif text[start : clause.end].strip() and clause.mark not in _LABEL_MARK:
            closed = True
        if clause.mark in _SENTENCE_MARKS or not clause.mark:
            return tuple(parts), index
    return tuple(parts), len(cut) - 1


def _partition(total: Number, parts: tuple[Number, ...]) -> bool:
    """Whether the parts can be meant to add up to the total.

    One part is a subset ("其中X条"), not a partition; a part in another unit, approximate,
    a percentage, or larger than the total is not a share of it.
    """
    if len(parts) < 2 or not _plain(total) or not unit(total):
        return False
    return all(_plain(p) and unit(p) == unit(total) and p.value <= total.value for p in parts)


def _plain(n: Number) -> bool:
    return not n.approx and not n.percent


def _continues(
    text: str, cut: Sequence[Clause], last: int, total: Number, markers: re.Pattern[str]
) -> bool:
    """Whether the list may go on past its sentence end: the next clause of the paragraph has a
    figure in the total's unit, so the parts read may not be all of them — unless that figure
    is the total of a list of its own (…尚未审结37件；行政诉讼46件，其中…)."""
    if last + 1 >= len(cut) or not any(unit(n) == unit(total) for n in cut[last + 1].numbers):
        return False
    return not _opens_list(text, cut, last + 1, markers)


def _opens_list(text: str, cut: Sequence[Clause], i: int, markers: re.Pattern[str]) -> bool:
    """Whether clause ``i`` closes with a total and the next clause opens its parts (其中)."""
    return (
        i + 1 < len(cut)
        and _total(text, cut[i]) is not None
        and markers.match(text, _skip_space(text, cut[i + 1].start)) is not None
    )


def find_rates(source: Line | Paragraph, words: RateWords) -> list[RateClaim]:
    """Every stated rate in the paragraph (or line) whose numerator and denominator stand
    before it."""
    paragraph = _paragraph(source)
    text = paragraph.text
    if not any(name in text for name in words.rates):
        return []  # no rate named: most lines, whose numbers are not even read
    cut = _cut(text)
    claims: list[RateClaim] = []
    for i, clause in enumerate(cut):
        if len(clause.numbers) != 1 or not clause.numbers[0].percent:
            continue
        rate = clause.numbers[0]
        named = _rate_name(clause.head(text, rate), words)
        if rate.approx or named is None or not clause.ends_with(text, rate):
            continue
        claim = _counts(paragraph, cut, i, rate, named, words)
        if claim is not None:
            claims.append(claim)
    return claims


def _rate_name(head: str, words: RateWords) -> tuple[str, str] | None:
    """(rate name, qualifier) when the clause reads "[qualifier]NAME[connector]N%".

    The qualifier (按时 in 按时办结率) must recur before the numerator, so an on-time rate
    is never computed from all cases closed.
    """
    for name in sorted(words.rates, key=len, reverse=True):
        for connector in ("", *words.connectors):
            if head.endswith(name + connector):
                return name, head[: len(head) - len(name + connector)].strip()
    return None


def _counts(
    paragraph: Paragraph,
    cut: Sequence[Clause],
    at: int,
    rate: Number,
    named: tuple[str, str],
    words: RateWords,
) -> RateClaim | None:
    """The claim with its numerator (the nearest clause "[qualifier]VERB N") and denominator
    (the one earlier clause with a total word), both within ``window`` clauses of the rate and
    in its sentence."""
    name, qualifier = named
    text = paragraph.text
    heads = {qualifier + verb for verb in words.rates[name]}
    reach = [
        j
        for j in range(at - 1, max(at - words.window, 0) - 1, -1)
        if cut[j].sentence == cut[at].sentence
    ]
    numerator = next(
        (n for j in reach if (n := _lone(text, cut[j])) and cut[j].head(text, n) in heads), None
    )
    if numerator is None:
        return None
    earlier = [cut[j] for j in reach if cut[j].end <= numerator.start]
    denominator = _denominator(text, earlier, words)
    if denominator is None or not _countable(numerator, denominator):
        return None
    return RateClaim(paragraph, qualifier + name, rate, numerator, denominator)


def _lone(text: str, clause: Clause) -> Number | None:
    """The clause's only figure, if it closes the clause."""
    if len(clause.numbers) == 1 and clause.ends_with(text, clause.numbers[0]):
        return clause.numbers[0]
    return None


def _denominator(text: str, earlier: list[Clause], words: RateWords) -> Number | None:
    """The figure after a total word (共, 收到…), closing its clause, when exactly one of
    the ``earlier`` clauses has a total word: with two, which is meant cannot be told.

    A part (a clause opening with 其中) met on the way back ends the search: the numerator
    may count that part rather than the whole.
    """
    totals = _words_re(tuple(words.totals))
    found: list[tuple[Clause, int]] = []
    for clause in earlier:
        if text[clause.start : clause.end].lstrip().startswith(tuple(words.not_totals)):
            break
        word = totals.search(text, clause.start, clause.end)
        if word is not None:
            found.append((clause, word.end()))
    if len(found) != 1:
        return None
    clause, after_word = found[0]
    after = [n for n in clause.numbers if n.start >= after_word]
    return after[0] if len(after) == 1 and clause.ends_with(text, after[0]) else None


def _countable(numerator: Number, denominator: Number) -> bool:
    """Exact counts in one unit, the part no larger than a whole that is not zero."""
    if unit(numerator) != unit(denominator) or denominator.value <= 0:
        return False
    exact = all(_plain(n) and unit(n) and uncertainty(n) == 0 for n in (numerator, denominator))
    return exact and 0 <= numerator.value <= denominator.value
