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
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from msgspec import Struct
from msgspec.structs import replace

from checker.facts.numbers import Number, find_numbers, precision, unit_at
from checker.facts.paragraphs import Paragraph, of_line
from checker.model import Line

__all__ = [
    "Clause",
    "RateClaim",
    "RateWords",
    "ShareClaim",
    "ShareWords",
    "SumClaim",
    "SumWords",
    "clauses",
    "find_rates",
    "find_shares",
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
    # A list of categories ending with one of these (其他应主动公开的信息946条) is complete by
    # its own words; its total is the earlier figure whose label names what the residual is
    # the rest of (主动公开政府信息2543条).
    residuals: Sequence[str] = ()
    # Words at the head of a total's label that do not change what it counts (2014年, 全区).
    scopes: Sequence[str] = ()
    # Words that do not tell two labels apart (的, 应; 政府信息 is 信息 in these reports).
    fillers: Sequence[str] = ()
    reach: int = 40  # how many clauses before a residual list its total may stand


class RateWords(Struct, frozen=True):
    """The words that shape a rate claim; a rulebook supplies them."""

    rates: Mapping[str, Sequence[str]]  # rate name -> its numerator words: 办结率 -> [办结]
    totals: Sequence[str]  # words before the denominator: 共, 收到, 受理, 接听
    not_totals: Sequence[str]  # a clause opening with these is a part, not a total: 其中
    connectors: Sequence[str]  # between a rate's name and its value: 为, 达
    window: int  # how many clauses before the rate its counts may stand
    # Before the denominator, say it counts everything (共受理117件): a numerator larger than
    # it is then a contradiction to report, not a count over another base to leave alone.
    wholes: Sequence[str] = ()


class SumClaim(Struct, frozen=True):
    """A total followed by the parts that make it up (合计数与分项数); the figures' offsets
    are into the paragraph's joined text.

    A residual list (…，其他信息946条) names its total rather than follows it: ``listed`` is
    then the offset its first category starts at, and ``total_in`` the paragraph holding the
    total when that is an earlier one.
    """

    paragraph: Paragraph
    total: Number
    parts: tuple[Number, ...]
    listed: int = -1
    total_in: Paragraph | None = None

    @property
    def anchor(self) -> Number:
        """The figure a finding points at: the total, or the residual category of a list
        that names its total (the total may stand paragraphs away)."""
        return self.total if self.listed < 0 else self.parts[-1]

    @property
    def line(self) -> Line:
        """The line the anchor stands on."""
        return self.paragraph.locate(self.anchor.start)[0]

    @property
    def total_line(self) -> Line:
        """The line the total stands on."""
        return (self.total_in or self.paragraph).locate(self.total.start)[0]

    @property
    def start(self) -> int:
        return self.total.start if self.listed < 0 else self.listed

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


class ShareWords(Struct, frozen=True):
    """The words that shape a share claim; a rulebook supplies them."""

    shares: Sequence[str]  # the whole clause before the percent: 占, 占比
    markers: Sequence[str]  # open the parts right after their base: 其中
    fillers: Sequence[str]  # do not tell a topic from a figure's label: 的
    reach: int  # how many clauses before a topic its base may stand


class ShareClaim(Struct, frozen=True):
    """A base and the shares stated of it ("主动公开2026条…机构职能类161条，占7.9%；…"): each
    item a count with its percent; offsets are into the paragraph's joined text."""

    paragraph: Paragraph
    base: Number
    items: tuple[tuple[Number, Number], ...]  # (count, percent)

    @property
    def anchor(self) -> Number:
        """The figure a finding points at: the first count."""
        return self.items[0][0]

    @property
    def line(self) -> Line:
        return self.paragraph.locate(self.anchor.start)[0]

    @property
    def start(self) -> int:
        return self.items[0][0].start

    @property
    def end(self) -> int:
        return self.items[-1][1].end

    @staticmethod
    def computed(count: Number, base: Number) -> Decimal:
        """The share ``count`` is of ``base``, in percent."""
        return count.value * 100 / base.value


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


def find_sums(
    source: Line | Paragraph, words: SumWords, before: Sequence[Paragraph] = ()
) -> list[SumClaim]:
    """Every total-with-parts claim in the paragraph (or line) that clearly partitions its
    total: parts opened by a marker right after the total (…68126条，其中… or …2602条(其中…)),
    and category lists closed by a residual category (…，其他信息946条。) whose total is
    named earlier in the paragraph or in the ``before`` paragraphs (nearest last)."""
    paragraph = _paragraph(source)
    return [*_marked_sums(paragraph, words), *_residual_sums(paragraph, words, before)]


def _marked_sums(paragraph: Paragraph, words: SumWords) -> Iterator[SumClaim]:
    text = paragraph.text
    markers, stops = _words_re(tuple(words.markers)), _words_re((*words.markers, *words.hedges))
    if not markers.search(text):
        return  # nothing opens a list of parts: most lines, whose numbers are not even read
    cut = _cut(text)
    for i in range(len(cut)):
        opened = _opening(text, cut, i, markers)
        if opened is None or stops.search(text, cut[i].start, opened.total.start):
            continue  # a hedge by the total (约11件, 比上年增加…) makes it no plain total
        listed = _parts(text, cut, opened, stops)
        if listed is None:
            continue
        parts, last = listed
        if not _partition(opened.total, parts):
            continue
        if opened.closer or not _continues(text, cut, last, opened.total, markers):
            yield SumClaim(paragraph, opened.total, parts)


class _Opening(NamedTuple):
    """Where a list of parts opens: its total, the clause and offset its first part may
    start at, and the bracket that closes it ("" when the sentence does)."""

    total: Number
    first: int
    after_marker: int
    closer: str


_BRACKETS = {"(": ")", "（": "）"}


def _opening(text: str, cut: Sequence[Clause], i: int, markers: re.Pattern[str]) -> _Opening | None:
    """The list opened after a total in clause ``i``: "68126条，其中…", "2599条，(其中…" or,
    with the bracket in the total's own clause, "2602条(其中…"."""
    clause = cut[i]
    total = _total(text, clause)
    if total is not None and i + 1 < len(cut):
        at = _skip_space(text, cut[i + 1].start)
        closer = _BRACKETS.get(text[at : at + 1], "")
        opener = markers.match(text, at + len(closer))
        if opener is not None:
            return _Opening(total, i + 1, opener.end(), closer)
    for number in clause.numbers:
        at = _skip_space(text, number.end + len(number.unit))
        closer = _BRACKETS.get(text[at : at + 1], "")
        opener = markers.match(text, at + 1) if closer else None
        if opener is not None:
            return _Opening(number, i, opener.end(), closer)
    return None


def _residual_sums(
    paragraph: Paragraph, words: SumWords, before: Sequence[Paragraph]
) -> Iterator[SumClaim]:
    text = paragraph.text
    residuals = _words_re(tuple(words.residuals))
    if not residuals.search(text):
        return
    stops = _words_re((*words.hedges, *words.markers))
    cut = _cut(text)
    for j, clause in enumerate(cut):
        residual = _lone(text, clause)
        if residual is None or clause.mark not in _SENTENCE_MARKS | {""}:
            continue
        kind = residuals.match(text, _skip_space(text, clause.start))
        if kind is None:
            continue
        listed = _category_list(text, cut, j, words, stops)
        if listed is None:
            continue
        first, parts = listed
        named = _label(text[kind.end() : residual.start], words)
        found = _named_total(paragraph, cut, first, named, unit(residual), words, before)
        if found is None or not _partition(found[0], parts):
            continue
        total, where = found
        yield SumClaim(paragraph, total, parts, cut[first].start, where)


def _category_list(
    text: str, cut: Sequence[Clause], last: int, words: SumWords, stops: re.Pattern[str]
) -> tuple[int, tuple[Number, ...]] | None:
    """(index of its first clause, the figures) of the list of categories that clause
    ``last`` closes, when the list is a whole sentence after a colon (主要类别有：…) or a
    sentence opening with a marker (其中…): "A类5条，B、C类6条，其他7条"; at least three
    categories, no hedge and no second marker among them."""
    parts: list[Number] = []
    first = last
    for k in range(last, -1, -1):
        clause = cut[k]
        if k < last and clause.mark in _SENTENCE_MARKS | _COLONS:
            break
        figure = _lone(text, clause)
        if figure is not None and clause.head(text, figure):
            parts.append(figure)
        elif clause.numbers or clause.mark not in _LABEL_MARK or k == last:
            return None  # commentary, or a clause of two figures: not a plain list
        first = k
    if first == 0 or len(parts) < 3:
        return None  # the paragraph's opening words: nothing says this is a list
    boundary = cut[first - 1]
    colon = boundary.mark in _COLONS and not boundary.numbers
    if not (colon or _opens_with(text, cut[first], words.markers)):
        return None
    opener = _words_re(tuple(words.markers)).match(text, _skip_space(text, cut[first].start))
    if stops.search(text, opener.end() if opener else cut[first].start, cut[last].end):
        return None
    return first, tuple(reversed(parts))


_COLONS = frozenset(":：")


def _opens_with(text: str, clause: Clause, words: Sequence[str]) -> bool:
    return text[clause.start : clause.end].lstrip().startswith(tuple(w for w in words if w))


def _label(words_before: str, words: SumWords) -> str:
    """What a figure counts, from the words before it, without the words that do not change
    it: 2014年主动公开政府信息 -> 主动公开信息; 其中 and scopes at its head are dropped."""
    label = words_before.strip()
    heads = _words_re((*words.markers, *words.scopes))
    while True:
        year = _YEAR.match(label)
        label = label[year.end() :].lstrip() if year else label
        found = heads.match(label)
        if found is None or not found.end():
            break
        label = label[found.end() :].lstrip()
    return _strip_words(label, words.fillers)


_YEAR = re.compile(r"\d{4} ?年度?")  # used with match(): anchored where it is tried


def _named_total(
    paragraph: Paragraph,
    cut: Sequence[Clause],
    first: int,
    named: str,
    measure: str,
    words: SumWords,
    before: Sequence[Paragraph],
) -> tuple[Number, Paragraph | None] | None:
    """The nearest figure before clause ``first`` (in this paragraph, then the ``before``
    ones, within ``reach`` clauses) whose label is ``named``, with its paragraph when that
    is an earlier one."""
    if len(named) < 2:
        return None  # a bare 其他: no name to find its total by
    budget = words.reach
    places: list[tuple[Paragraph | None, str, Sequence[Clause], int]] = [
        (None, paragraph.text, cut, first)
    ]
    places += [(p, p.text, _cut(p.text), len(_cut(p.text))) for p in reversed(before)]
    for where, text, clauses_, end in places:
        for clause in reversed(clauses_[max(end - budget, 0) : end]):
            figure = _dated(text, clause)
            if (
                figure is not None
                and unit(figure) == measure
                and _label(clause.head(text, figure), words) == named
            ):
                return figure, where
        budget -= min(end, budget)
        if budget <= 0:
            break
    return None


def _dated(text: str, clause: Clause) -> Number | None:
    """The clause's figure closing it, after nothing but a year (2014年主动公开政府信息2543条)."""
    *before, last = clause.numbers or (None,)
    if last is None or not all(_YEAR.match(text, n.start) for n in before):
        return None
    return last if len(before) <= 1 and clause.ends_with(text, last) else None


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
    text: str, cut: Sequence[Clause], opened: _Opening, stops: re.Pattern[str]
) -> tuple[tuple[Number, ...], int] | None:
    """The figures from the opening marker to the end of the sentence (or to the closing
    bracket), and the index of the clause that ends the list, if the figures form a clean
    list.

    Each clause holds at most one figure, closing it. A clause without a figure is a label
    when a 、 joins it to the next (县(市)区直属单位、乡镇政府10.3万条) and otherwise ends the
    list: a figure after such commentary makes the list unreadable. A hedge word or a second
    marker anywhere in the list makes it unreadable too; the scan stops there, which keeps
    the search over a paragraph linear (no later claim can start before that marker). A
    bracketed list must close, right after a figure, before its sentence ends.
    """
    parts: list[Number] = []
    closed = False
    for index in range(opened.first, len(cut)):
        clause = cut[index]
        start = opened.after_marker if index == opened.first else clause.start
        end = text.find(opened.closer, start, clause.end) if opened.closer else -1
        final = end >= 0
        end = end if final else clause.end
        numbers = [n for n in clause.numbers if start <= n.start < end]
        if stops.search(text, start, end) or len(numbers) > 1:
            return None
        if numbers:
            part = numbers[0]
            if closed or text[part.end + len(part.unit) : end].strip():
                return None
            parts.append(part)
        elif text[start:end].strip() and clause.mark not in _LABEL_MARK:
            closed = True
        if final:
            return (tuple(parts), index) if numbers else None
        if clause.mark in _SENTENCE_MARKS or not clause.mark:
            return None if opened.closer else (tuple(parts), index)
    return None if opened.closer else (tuple(parts), len(cut) - 1)


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


def find_shares(source: Line | Paragraph, words: ShareWords) -> list[ShareClaim]:
    """Every run of shares ("X条，占Y%") whose base the text makes plain: the figure before
    其中 that opens them, a frame "在…N条…中", or a topic ("主动公开的政府信息，") naming the
    one figure just before it with that label."""
    paragraph = _paragraph(source)
    text = paragraph.text
    if not any(word in text for word in words.shares if word):
        return []
    cut = _cut(text)
    claims: list[ShareClaim] = []
    for first, items in _share_runs(text, cut, words):
        base = _share_base(text, cut, first, words)
        if base is not None and all(_countable(count, base, True) for count, _ in items):
            claims.append(ShareClaim(paragraph, base, items))  # a count larger than its base too
    return claims


def _share_item(
    text: str, cut: Sequence[Clause], i: int, words: ShareWords
) -> tuple[Number, Number] | None:
    """(count, percent) when clause ``i`` is "占Y%" right after a clause closing with a
    count ("…2475条，占62.2%")."""
    pct = _lone(text, cut[i])
    if i == 0 or pct is None or not pct.percent or pct.approx:
        return None
    if cut[i].head(text, pct) not in words.shares or cut[i - 1].mark not in _TOTAL_MARKS:
        return None
    count = _lone(text, cut[i - 1])
    if count is None or not _plain(count) or not unit(count) or uncertainty(count):
        return None
    return count, pct


def _share_runs(
    text: str, cut: Sequence[Clause], words: ShareWords
) -> Iterator[tuple[int, tuple[tuple[Number, Number], ...]]]:
    """Runs of adjacent share items, each with the index of its first count's clause (label
    clauses joined by 、 before a count belong to it). A run goes on over ；, and over 。 only
    into an item whose label ends like the last one's (…主动公开政府信息2475条，占62.2%。
    各乡镇主动公开政府信息1503条，占37.8%)."""
    run: list[tuple[Number, Number]] = []
    first, last = -1, -1
    for i in range(1, len(cut)):
        item = _share_item(text, cut, i, words)
        if item is None:
            continue
        start = i - 1
        while start > 0 and cut[start - 1].mark in _LABEL_MARK and not cut[start - 1].numbers:
            start -= 1
        if run and start == last + 1 and _continues_run(text, cut, last, start, i):
            run.append(item)
        else:
            if run:
                yield first, tuple(run)
            run, first = [item], start
        last = i
    if run:
        yield first, tuple(run)


def _continues_run(text: str, cut: Sequence[Clause], last: int, start: int, i: int) -> bool:
    if cut[last].mark not in "。.":
        return True
    before = cut[last - 1].head(text, cut[last - 1].numbers[0])
    after = cut[i - 1].head(text, cut[i - 1].numbers[0])
    return len(before) >= 4 and len(after) >= 4 and before[-4:] == after[-4:]


def _share_base(text: str, cut: Sequence[Clause], first: int, words: ShareWords) -> Number | None:
    """The base of the run of shares starting at clause ``first``, when the text makes it
    plain; None otherwise."""
    if first == 0:
        return None
    opener = _words_re(tuple(words.markers))
    before = cut[first - 1]
    # "2543条。其中，A 1687条，占66%" or "81件，其中：A 42件，占51.85%" (其中 a clause of its own)
    if opener.fullmatch(text[before.start : before.end].strip()) and first >= 2:
        return _dated(text, cut[first - 2])
    # "81件，其中A 42件，占51.85%"
    if opener.match(text, _skip_space(text, cut[first].start)):
        return _dated(text, before) if before.mark in _TOTAL_MARKS | _SENTENCE_MARKS else None
    words_before = text[before.start : before.end].strip()
    # "在…主动公开的2026条政府信息中，A 161条，占7.9%"
    if words_before.startswith("在") and words_before.endswith("中"):
        inside = before.numbers
        return inside[0] if len(inside) == 1 and _plain(inside[0]) else None
    # "主动公开的政府信息，A 2475条，占62.2%" after "其中主动公开政府信息2026条"
    starts_sentence = first < 2 or cut[first - 2].mark in _SENTENCE_MARKS
    if before.numbers or before.mark not in _TOTAL_MARKS or not starts_sentence:
        return None
    topic = _strip_words(words_before, words.fillers)
    named = [
        figure
        for clause in cut[max(first - 1 - words.reach, 0) : first - 1]
        if (figure := _lone(text, clause)) is not None
        and _strip_words(_unmarked(clause.head(text, figure), opener), words.fillers) == topic
    ]
    return named[0] if len(named) == 1 and len(topic) >= 2 else None


def _unmarked(label: str, opener: re.Pattern[str]) -> str:
    found = opener.match(label)
    return label[found.end() :].strip() if found else label


def _strip_words(label: str, fillers: Sequence[str]) -> str:
    for filler in fillers:
        label = label.replace(filler, "")
    return label


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
    found = _denominator(text, earlier, words)
    if found is None:
        return None
    denominator, clause = found
    whole = _words_re(tuple(words.wholes)).search(text, clause.start, denominator.start)
    if not _countable(numerator, denominator, whole is not None):
        return None
    return RateClaim(paragraph, qualifier + name, rate, numerator, denominator)


def _lone(text: str, clause: Clause) -> Number | None:
    """The clause's only figure, if it closes the clause."""
    if len(clause.numbers) == 1 and clause.ends_with(text, clause.numbers[0]):
        return clause.numbers[0]
    return None


def _denominator(
    text: str, earlier: list[Clause], words: RateWords
) -> tuple[Number, Clause] | None:
    """The figure after a total word (共, 收到…), closing its clause, with that clause, when
    exactly one of the ``earlier`` clauses has a total word: with two, which is meant cannot
    be told.

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
    if len(after) == 1 and clause.ends_with(text, after[0]):
        return after[0], clause
    return None


def _countable(numerator: Number, denominator: Number, whole: bool) -> bool:
    """Exact counts in one unit over a whole that is not zero; the part no larger than the
    whole unless the text says the whole is everything (共受理117件，办结171件), where a larger
    part cannot be read as counted over another base (cases carried over)."""
    if unit(numerator) != unit(denominator) or denominator.value <= 0:
        return False
    exact = all(_plain(n) and unit(n) and uncertainty(n) == 0 for n in (numerator, denominator))
    return exact and numerator.value >= 0 and (whole or numerator.value <= denominator.value)
