"""The table reader: the standard tables 2, 3 and 4 of the 2019+ report format
(``checker.forms``), read from a report's cleaned lines into the grid of ``checker.model``
(``Table``, ``Row``, ``Cell``). Parsing reads them once, like the outline; the facts and the
rules only index the grid.

The tables reach us in several layouts:

- markdown pipe tables and tab-separated rows, where every cell is explicit (a blank cell is
  an empty string between separators);
- space-separated rows, a label followed by its numbers;
- PDF text, where a label is broken over lines (rotated labels into single characters), a
  row's numbers may sit on the line after its label, page numbers such as ``- 4 -`` fall
  inside the table and the header of table 4 is scattered before one line of 15 numbers.

Rather than parse a layout, the recogniser reads every line as a stream of *words* and
*values* and cuts it into chunks: the words since the previous values (the row's label)
and the values that follow them. Rows are then found by the words of their printed label,
in the form's fixed order, so broken labels, group labels glued in front (三、本年度办理结果,
（三）不予公开) and spacing or width variants do not matter.

A table never crosses a sentence end (a full stop in the words), so only the chunks of a
sentence that may hold one are kept: most of a report's numbers are in prose.

Where a layout drops blank cells (space-separated text, PDF) a row with fewer numbers than
columns cannot be placed: it is kept, unaligned, with its numbers in reading order, so a
rule can say the row could not be checked rather than check it wrongly. The one exception
is the whole 总计 column left blank, which real reports do and which can be told apart.

Everything here runs in linear time and never raises: text that is not a table gives no
table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from operator import add

from msgspec import Struct, field
from msgspec.structs import replace

from checker.clean import NOT_CJK, is_cjk, is_folded_page_number
from checker.forms import (
    TABLE2_COLUMNS,
    TABLE2_ROWS,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE4_COLUMNS,
    Variant,
)
from checker.model import ZERO, Cell, Line, Row, Table
from checker.tables import runs

__all__ = ["find_tables"]

# ---------------------------------------------------------------------------------------
# Reading lines into chunks: the words of a label, then the values after it.

_NUMBER_PATTERN = r"[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER = re.compile(_NUMBER_PATTERN)
_MAX_NUMBER = 24  # characters; longer digit runs are identifiers, not quantities
#: Cells that stand for "nothing here" and keep their column.
_BLANK_MARKS = frozenset({"-", "--", "—", "——", "–", "/"})
_BLANK_MARK = "|".join(map(re.escape, sorted(_BLANK_MARKS)))
#: A token that is a value: a number (not too long to be a quantity) or a blank mark.
_VALUE_TOKEN = rf"(?:(?=\S{{1,{_MAX_NUMBER}}}+(?!\S)){_NUMBER_PATTERN}|{_BLANK_MARK})(?!\S)"
#: A token (a run of non-spaces), or ``values``: a run of value tokens (a row's cells),
#: or ``words``: a token without any digit (most tokens of prose) but a list marker's
#: (1.属于国家秘密, where ``_glued_numbers`` finds no cell either).
_TOKEN = re.compile(
    rf"(?P<values>{_VALUE_TOKEN}(?:\s+{_VALUE_TOKEN})*)|(?P<words>(?:\d\.)?[^\s\d]+)(?!\S)|\S+"
)
_VALUE_CHARS = re.compile(r"[0-9\-—–/]")  # what every value token has
#: A line without any of these is words only: no value, no page number, no cell separator.
_NOT_WORDS = re.compile(r"[\d\-—–/|\t]")
_SENTENCE_END = "。"


def _is_number(token: str) -> bool:
    return len(token) <= _MAX_NUMBER and _NUMBER.fullmatch(token) is not None


def _to_decimal(token: str) -> Decimal:
    return Decimal(token.replace(",", "").replace("−", "-"))


class _Word(Struct, frozen=True):
    line: Line
    start: int
    end: int
    text: str  # line.text[start:end]

    @property
    def raw(self) -> str:
        return self.line.raw[self.start : self.end]


class _Chunk(Struct, eq=False, dict=True):
    """A label (the words since the last values) and the values that follow it."""

    words: list[_Word]
    values: list[Cell]
    explicit: bool = False  # some values came from pipe/tab cells, where blanks are kept
    #: The recovered cells by row width and identity, kept: a chunk is tried as a row
    #: again each time a table is looked for from an earlier chunk.
    readings: dict[tuple[int, _Holds], _Recovered] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Every chunk is asked for both at every start a table is looked for from.
        self.label = _Label(self.words)
        self.has_number = any(cell.value is not None for cell in self.values)


#: Words (or values) from ``start`` to ``end`` of a line, one per token (``split``) or one
#: in all.
_Span = tuple[Line, int, int, bool]
#: A chunk not made yet: its words, its values and whether some values were explicit.
_Parts = tuple[list[_Span], list[_Span], bool]


class _Builder:
    """Collects words and values into chunks; ``None`` marks a sentence end (prose).

    Tables never cross a sentence end, so a sentence's chunks are kept only when they may
    hold one (``_may_hold_table``): most sentences with numbers in them are prose, and their
    chunks are never made, labelled and scored, nor their numbers read.
    """

    def __init__(self) -> None:
        self.chunks: list[_Chunk | None] = []
        #: The chunks of the sentence being read: their words, values and ``explicit``.
        self.sentence: list[_Parts] = []
        #: The words of the chunk being read (most words are prose, followed by no value,
        #: and never become a label), its values (made into cells with the chunk) and
        #: whether some were explicit.
        self.spans: list[_Span] = []
        self.cells: list[_Span] = []
        self.explicit = False

    def word(self, line: Line, start: int, end: int) -> None:
        """One word, from ``start`` to ``end`` of a line."""
        self.words(line, start, end, split=False)

    def words(self, line: Line, start: int, end: int, split: bool = True) -> None:
        """Words from ``start`` to ``end`` of a line, one per token (``split``) or one in all.
        A full stop in them ends the sentence: only the words after it go on."""
        stop = line.text.rfind(_SENTENCE_END, start, end)
        if stop >= 0:
            self.prose()
            start = stop + 1
            if start == end or (split and line.text[start:end].isspace()):
                return
        if self.cells:
            self.close()
        self.spans.append((line, start, end, split))

    def value(self, line: Line, start: int, end: int, explicit: bool) -> None:
        """One value from ``start`` to ``end`` of a line (see ``_cell``)."""
        self.values(line, start, end, explicit, split=False)

    def values(self, line: Line, start: int, end: int, explicit: bool, split: bool = True) -> None:
        """Values from ``start`` to ``end`` of a line, one per token (``split``) or one in all."""
        self.cells.append((line, start, end, split))
        self.explicit |= explicit

    def close(self) -> None:
        if self.cells:
            self.sentence.append((self.spans, self.cells, self.explicit))
        self.spans, self.cells, self.explicit = [], [], False

    def prose(self) -> None:
        # Words before a full stop are a sentence, not a label: they end any table.
        self.close()
        if self.sentence and _may_hold_table(self.sentence):
            if self.chunks:
                self.chunks.append(None)
            self.chunks += [
                _Chunk(_words(words), _cells(cells), explicit)
                for words, cells, explicit in self.sentence
            ]
        self.sentence = []

    def finish(self) -> list[_Chunk | None]:
        self.prose()
        return self.chunks


def _words(spans: Iterable[_Span]) -> list[_Word]:
    words = []
    for line, start, end, split in spans:
        if split:
            tokens = _WORD.finditer(line.text, start, end)
            words += [_Word(line, *token.span(), token.group()) for token in tokens]
        else:
            words.append(_Word(line, start, end, line.text[start:end]))
    return words


def _cells(spans: Iterable[_Span]) -> list[Cell]:
    cells = []
    for line, start, end, split in spans:
        if not split:
            cells.append(Cell(_value(line.text[start:end].strip()), line, start, end))
            continue
        for token in line.text[start:end].split():  # a run of value tokens
            start = line.text.index(token, start)
            cells.append(Cell(_value(token), line, start, start + len(token)))
            start += len(token)
    return cells


@lru_cache(maxsize=1024)  # a table's figures repeat (0, 1, 2…), in a report and across
def _value(token: str) -> Decimal | None:
    """The number of a value token; None for a blank mark or an empty pipe/tab cell."""
    return None if not token or token in _BLANK_MARKS else _to_decimal(token)


_UNTESTED = 12  # chunks in a sentence beyond which it is kept without a test


def _may_hold_table(sentence: Sequence[_Parts]) -> bool:
    """Whether a sentence's chunks may hold a table: a table 4's head (行政复议), or as many
    chunks as a table 2 or 3 needs and as many rows of its form whose words are in them.
    A chunk's label is a run of the sentence's words, so its bigrams are the sentence's.

    A sentence of many chunks is kept untested: the test would cost about what labelling
    its chunks does, and such a sentence is mostly a table."""
    if len(sentence) > _UNTESTED:
        return True
    text = "".join(
        line.text[start:end] for spans, _, _ in sentence for line, start, end, _ in spans
    )
    cjk = NOT_CJK.sub("", text)
    if "行政复议" in cjk:
        return True
    if len(sentence) < _MIN_ROWS or not cjk:
        return False
    grams = _bigrams(cjk) | frozenset(cjk)  # a one-character label is its own bigram
    return any(sum(map(bool, rows.best_of(grams))) >= _MIN_ROWS for rows in (_T2_ROWS, _T3_ROWS))


def _chunks(lines: Sequence[Line]) -> list[_Chunk | None]:
    builder = _Builder()
    for line in lines:
        if _NOT_WORDS.search(line.text) is None:  # most lines of prose: words only
            _read_words(builder, line, 0, len(line.text))
        elif not _ignored(line.text):
            cells = _explicit_cells(line.text)
            if cells is None:
                _read_tokens(builder, line, 0, len(line.text), explicit=False)
            else:
                _read_explicit(builder, line, cells)
    return builder.finish()


def _ignored(text: str) -> bool:
    """Page numbers (- 4 -, 第4页) and markdown separator rows (|---|:--|) among cleaned
    (folded) lines."""
    if is_folded_page_number(text):
        return True
    stripped = text.strip()
    return "|" in stripped and "-" in stripped and not stripped.strip("|-: \t")


def _explicit_cells(text: str) -> list[tuple[int, int]] | None:
    """The cell spans of a pipe or tab row, or None for a line of space-separated words."""
    stripped = text.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        separator = "|"
    elif "\t" in stripped:
        separator = "\t"
    else:
        return None
    cells, start = [], 0
    for part in text.split(separator):  # the text between two separators
        cells.append((start, start + len(part)))
        start += len(part) + 1
    if separator == "|":  # what lies outside the outer pipes is not a cell
        cells = cells[1:-1]
    return cells


def _read_words(builder: _Builder, line: Line, start: int, end: int) -> None:
    """A span of words only: one word for it; _Label drops the spaces inside."""
    start, end = _strip_span(line.text, start, end)
    if start < end:
        builder.word(line, start, end)


def _read_tokens(builder: _Builder, line: Line, start: int, end: int, explicit: bool) -> None:
    if not _VALUE_CHARS.search(line.text, start, end):
        _read_words(builder, line, start, end)
        return
    if not explicit and not _MAY_BE_VALUE.search(line.text, start, end):
        builder.words(line, start, end)  # prose with numbers (2024年, 15件): no value
        return
    for match in _TOKEN.finditer(line.text, start, end):
        kind = match.lastgroup
        if kind == "values":
            builder.values(line, *match.span(), explicit)
        elif explicit or kind == "words":  # a cell of its own keeps its words whole: 数据1
            builder.word(line, *match.span())
        else:
            _read_glued(builder, line, match.start(), match.group())


def _read_glued(builder: _Builder, line: Line, at: int, token: str) -> None:
    """A token of words with numbers glued to them: 行政许可447228, or a table's cells run
    together with their labels (予以公开6000017(二)部分公开…) by a crawler."""
    words = 0
    for start, end in _glued_numbers(token):
        if start > words:
            builder.word(line, at + words, at + start)
        builder.value(line, at + start, at + end, explicit=False)
        words = end
    if words < len(token):
        builder.word(line, at + words, at + len(token))


#: What follows a number in prose (2020年, 82条, 4个): a number before them is no cell.
_UNITS = "年月日时分秒号件条个项份次人元万亿%‰宗起例篇期批家所座台位名户岁季轮场届类种页张套倍"
#: A number that may be a cell glued to a label (not one before a unit, so 2602条 stays
#: prose), and what may follow it besides the token's end: a bracket, a signed cell (35-15),
#: a label's character or a list marker's point (00000002.其他…). Only a whole run matches:
#: a shorter one is followed by a digit or by a decimal part.
_GLUED_NUMBER = rf"[+\-−]?\d+(?:\.\d+)?(?![{_UNITS}])"
_GLUED_NEXT = r"[(（+\-−\u4e00-\u9fff]|\.[\u4e00-\u9fff]"
_GLUED = re.compile(rf"{_GLUED_NUMBER}(?=\Z|{_GLUED_NEXT})")
#: Besides a Chinese character, what a label glued to its first cell may end with.
_LABEL_END = ")）”」》"

#: Where a line of space-separated tokens may give a value: a token that is a number or a
#: blank mark, or a number that ``_glued_numbers`` may find (``_GLUED`` at a token's start
#: or after a label's character). A line without one is words only.
_MAY_BE_VALUE = re.compile(
    rf"(?=[-+−\d—–/])(?:(?<!\S)(?:{_NUMBER_PATTERN}|{_BLANK_MARK})(?!\S)"
    rf"|(?:(?<!\S)|(?<=[\u4e00-\u9fff{_LABEL_END}])){_GLUED_NUMBER}(?=(?!\S)|{_GLUED_NEXT}))"
)
_WORD = re.compile(r"\S+")


def _glued_numbers(token: str) -> list[tuple[int, int]]:
    """The spans of the numbers in a token that are cells glued to labels (see ``_GLUED``):
    after a label's character (a Chinese one or a bracket) or a cell. A list marker glued to
    a run (00000002.其他…) is the next label's: its digit is left to the words."""
    spans: list[tuple[int, int]] = []
    for match in _GLUED.finditer(token):
        start, end = match.span()
        if token.startswith(".", end):
            end -= 1  # 2.其他法律…: the run ends before the marker's digit
        if end <= start or not token[start:end].lstrip("+-−"):
            continue
        before = token[start - 1] if start else ""
        after = token[end] if end < len(token) else ""
        glued_after_label = start >= 2 and (is_cjk(before) or before in _LABEL_END)
        after_cell = bool(spans) and spans[-1][1] == start
        if not (start == 0 or glued_after_label or after_cell):
            continue
        if start == 0 and after in "+-−" and after:
            continue  # 2020-12-31 is a date, not two cells
        spans.append((start, end))
    return spans


def _read_explicit(builder: _Builder, line: Line, cells: list[tuple[int, int]]) -> None:
    spans = [_strip_span(line.text, start, end) for start, end in cells]
    kinds = [_cell_kind(line.text[start:end]) for start, end in spans]
    counted = _counted_blanks(kinds)
    for cell, (start, end), kind, count in zip(cells, spans, kinds, counted, strict=True):
        if kind == "value" and _VALUE_CHARS.search(line.text, start, end):
            builder.value(line, start, end, explicit=True)  # (other digits than 0-9 are words)
        elif kind != "blank":
            _read_tokens(builder, line, start, end, explicit=True)
        elif count:  # a blank cell spans the whole gap between its separators
            builder.value(line, *cell, explicit=True)
    if builder.cells:  # a row ends with its line: the next one is a new row
        builder.close()


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    stripped = span.lstrip()
    start += len(span) - len(stripped)
    return start, start + len(stripped.rstrip())


def _cell_kind(content: str) -> str:
    if not content:
        return "blank"
    if _is_number(content) or content in _BLANK_MARKS:
        return "value"
    return "words"


_MAX_LABEL_CELLS = 3  # 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密


def _counted_blanks(kinds: list[str]) -> list[bool]:
    """Which empty cells are blank values rather than leftovers of merged cells.

    Empty cells before a row's last label cell are what merged label cells leave behind.
    In a row without numbers, empty cells are values only when the row is one label (at
    most three cells: group and item) followed by empty cells; otherwise it is a header
    row, whose gaps are spanned headings (行政复议 over five columns).
    """
    words = [i for i, kind in enumerate(kinds) if kind == "words"]
    last_word = words[-1] if words else -1
    counted = [kind == "blank" and i > last_word for i, kind in enumerate(kinds)]
    if "value" in kinds or not words:
        return counted
    contiguous = words == list(range(words[0], last_word + 1))
    if contiguous and len(words) <= _MAX_LABEL_CELLS:
        return counted
    return [False] * len(kinds)


# ---------------------------------------------------------------------------------------
# Matching labels by their words: character bigrams of the Chinese text, so spacing,
# line breaks, punctuation and list markers do not matter.

_TAIL = 60  # a row's own label is at the end of its chunk's words
_THRESHOLD = 0.7  # share of a label's bigrams that must be present
_MARKER = re.compile(
    r"(?<!第)(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、])"
)
_PARENTHESES = re.compile(r"[（(][^）)]*[）)]")  # only ever run on the constants above


def _bigrams(text: str) -> frozenset[str]:
    if len(text) == 1:
        return frozenset((text,))
    return frozenset(map(add, text, text[1:]))  # each character with the next


#: The bigrams of a label's tail, kept from one report to the next (as the scores of the
#: tails, ``_Vocabulary.scores``): most labels scored are the rows of the forms, printed
#: alike in every report.
_tail = lru_cache(maxsize=1024)(_bigrams)


def _keyword(label: str) -> str:
    """The words of a printed label that identify it: its Chinese characters, without the
    list marker and the parenthetical note (部分公开 for （二）部分公开（区分处理的…）)."""
    return NOT_CJK.sub("", _PARENTHESES.sub("", label))


class _Label:
    """A chunk's words, joined and reduced to their Chinese characters for matching."""

    def __init__(self, words: Sequence[_Word]) -> None:
        # Spaces inside a label are layout (社 会 公 益), so the label is read without them.
        self.words = words
        self.text = "".join("".join(word.text for word in words).split())
        self.cjk = NOT_CJK.sub("", self.text)
        self.tail = _tail(self.cjk[-_TAIL:])

    def raw(self) -> str:
        """``text`` in the original spelling: the fold keeps every space where it was."""
        return "".join("".join(word.raw.split()) for word in self.words)

    def position(self, at: int) -> int:
        """Where character ``at`` of ``cjk`` is in ``text``: past the runs of other
        characters before it (a few list markers and digits)."""
        for run in NOT_CJK.finditer(self.text):
            if run.start() > at:
                break
            at += run.end() - run.start()
        return at

    @property
    def grams(self) -> frozenset[str]:
        """The bigrams of the whole label (``tail`` unless the label is longer)."""
        return self.tail if len(self.cjk) <= _TAIL else _bigrams(self.cjk)

    def has(self, grams: frozenset[str]) -> bool:
        """Whether the whole label has most of a keyword's bigrams (for header words)."""
        return len(grams & self.grams) >= _THRESHOLD * len(grams)

    def line_at(self, offset: int) -> Line:
        """The line of the word that holds character ``offset`` of ``text``."""
        for word in self.words:
            offset -= len("".join(word.text.split()))
            if offset < 0:
                return word.line
        return self.words[-1].line


class _RowSpec(Struct, frozen=True):
    """A row to look for: its id and the keywords of its printed labels."""

    key: str
    keywords: tuple[str, ...]

    @classmethod
    def of(cls, key: str, labels: Iterable[str | None]) -> _RowSpec:
        keywords = (_keyword(label) for label in labels if label)
        return cls(key, tuple(dict.fromkeys(keyword for keyword in keywords if keyword)))


class _Vocabulary:
    """The rows of one table in the form's order, indexed by bigram so that scoring a
    chunk against every row is one pass over the chunk's tail."""

    def __init__(self, specs: Sequence[_RowSpec]) -> None:
        self.specs = tuple(specs)
        #: Each keyword of each row as (row index, how many of its bigrams a label needs).
        self.keywords: list[tuple[int, int]] = []
        self.postings: dict[str, list[int]] = {}  # bigram -> the keywords (indices) with it
        for i, spec in enumerate(self.specs):
            for keyword in spec.keywords:
                grams = _bigrams(keyword)
                for gram in grams:
                    self.postings.setdefault(gram, []).append(len(self.keywords))
                self.keywords.append((i, math.ceil(_THRESHOLD * len(grams))))
        self.grams = frozenset(self.postings)
        self.tail_scores = lru_cache(maxsize=1024)(self.best_of)  # see _tail

    def scores(self, label: _Label) -> tuple[int, ...]:
        """Per row: how many bigrams of its best keyword the label's tail has (0: too few)."""
        return self.tail_scores(label.tail)

    def best_of(self, grams: frozenset[str]) -> tuple[int, ...]:
        """Per row: how many of ``grams`` its best keyword has (0: too few)."""
        shared = grams & self.grams  # most of a label's bigrams are no row's
        best = [0] * len(self.specs)
        if shared:
            hits: dict[int, int] = {}
            for gram in shared:
                for keyword in self.postings[gram]:
                    hits[keyword] = hits.get(keyword, 0) + 1
            for keyword, found in hits.items():
                i, needed = self.keywords[keyword]
                if found >= needed and found > best[i]:
                    best[i] = found
        return tuple(best)

    def best(self, first: int, chunk: _Chunk) -> int | None:
        """The index (from ``first`` on) of the row the chunk matches best; ties go to the
        earlier row (2.其他法律行政法规禁止公开 is refused.law, not other.other)."""
        scores = self.scores(chunk.label)
        best = max(scores[first:], default=0)
        return scores.index(best, first) if best else None


_T3_ROWS = _Vocabulary([_RowSpec.of(key, (label,)) for key, label in TABLE3_ROWS])
_T2_ROWS = _Vocabulary([_RowSpec.of(key, labels) for key, *labels in TABLE2_ROWS])


_MAX_MISSES = 4  # chunks in a row that match no row before a table is taken to have ended


def _read_rows(
    chunks: Sequence[_Chunk | None], start: int, rows: _Vocabulary
) -> tuple[list[tuple[_RowSpec, _Chunk]], int]:
    """The rows found from ``start`` on, in the form's order, and where reading stopped.

    The first chunk must be a row with a number in it; reading stops at prose, after a
    few chunks that are no row, or when the form has no rows left.
    """
    matched: list[tuple[_RowSpec, _Chunk]] = []
    first = chunks[start]
    if first is None or not first.has_number or rows.best(0, first) is None:
        return matched, start + 1
    end, next_spec, misses, i = start + 1, 0, 0, start
    while i < len(chunks) and next_spec < len(rows.specs) and misses < _MAX_MISSES:
        chunk = chunks[i]
        if chunk is None:
            break
        found = rows.best(next_spec, chunk)
        if found is None:
            misses += 1
        else:
            matched.append((rows.specs[found], chunk))
            next_spec, misses, end = found + 1, 0, i + 1
        i += 1
    return matched, end


def _row_label(spec: _RowSpec, label: _Label) -> tuple[str, Line]:
    """The row's own label as printed, without the group labels or header words before it.

    Only chunks with words match a row, so the label always has a line.
    """
    start = _label_start(spec, label)
    return label.raw()[start:], label.line_at(start)


def _label_start(spec: _RowSpec, label: _Label) -> int:
    for keyword in sorted(spec.keywords, key=len, reverse=True):
        at = label.cjk.rfind(keyword)
        if at >= 0:
            start = label.position(at)
            before = _MARKER.finditer(label.text, max(0, start - 6), start)
            return next((m.start() for m in before if m.end() == start), start)
    # A fuzzy match: the row starts at the last list marker, or with the tail that matched.
    tail_start = label.position(len(label.cjk) - _TAIL) if len(label.cjk) > _TAIL else 0
    markers = [m.start() for m in _MARKER.finditer(label.text, tail_start)]
    return markers[-1] if markers else tail_start


# ---------------------------------------------------------------------------------------
# Placing values in columns


def _fit(chunk: _Chunk, width: int, total_blank: bool) -> list[Cell] | None:
    """The chunk's values as exactly ``width`` cells, or None when they cannot be placed."""
    values = list(chunk.values)
    if chunk.explicit:
        # Leading empty cells are merged label cells; trailing ones may be left out.
        while len(values) > width and values[0].blank:
            values.pop(0)
        while len(values) > width and values[-1].blank:
            values.pop()
        if len(values) > width:
            return None
        return values + [Cell(None)] * (width - len(values))
    if len(values) == width:
        return values
    if total_blank and len(values) == width - 1:
        return [*values, Cell(None)]
    return None


def _total_left_blank(chunks: Iterable[_Chunk], width: int) -> bool:
    """Whether a space-separated table left its whole 总计 column blank.

    Every row then has one number too few. Were an inner column blank instead, the last
    number of each row would be its total, the sum of the others.
    """
    rows = [chunk.values for chunk in chunks if not chunk.explicit and chunk.values]
    if len(rows) < 2 or any(len(values) != width - 1 for values in rows):
        return False
    numbers = [[cell.value or ZERO for cell in values] for values in rows]
    telling = [row for row in numbers if any(row[:-1])]
    return not telling or not all(row[-1] == sum(row[:-1], ZERO) for row in telling)


#: A row's own identity, over its cells in printed order: whether a reading may be it.
_Holds = Callable[[Sequence[Decimal]], bool]
#: A row's recovered cells and, when several readings hold, the readings (by cell index).
_Recovered = tuple[dict[int, Cell], tuple[Mapping[int, Decimal], ...]]


def _adds_up(values: Sequence[Decimal]) -> bool:
    """Table 3's rows: the 总计 is the sum of the six applicant columns."""
    return values[-1] == sum(values[:-1], ZERO)


def _any(values: Sequence[Decimal]) -> bool:
    """Table 2's rows have no identity of their own."""
    return True


def _make_row(
    key: str,
    label: str,
    line: Line,
    chunk: _Chunk,
    columns: Sequence[str],
    total_blank: bool,
    holds: _Holds,
) -> Row:
    cells = _fit(chunk, len(columns), total_blank)
    if cells is not None:
        placed = dict(zip(columns, cells, strict=True))
        return Row(key, label, line, placed, tuple(chunk.values))
    placed, readings = _recover(chunk, columns, holds)
    return Row(key, label, line, placed, tuple(chunk.values), readings)


def _ran_together(chunk: _Chunk, tokens: Sequence[str]) -> bool:
    """Whether the row shows that its separators were lost, not its blank cells (a PDF's
    ``447 7 454``): its first number is glued to its label, a number is printed with a
    leading zero (00, 000121), or all its cells are one token."""
    first, last = chunk.values[0], chunk.words[-1] if chunk.words else None
    glued = last is not None and last.line == first.line and last.end == first.start
    zeros = any(len(token) > 1 and token.startswith("0") for token in tokens)
    return glued or zeros or len(tokens) == 1


def _recover(
    chunk: _Chunk, columns: Sequence[str], holds: _Holds
) -> tuple[dict[str, Cell], tuple[Mapping[str, Decimal], ...]]:
    """The cells of a row whose numbers ran together (640020470 for seven cells): the
    cells of its one reading that ``holds``, or those all its readings agree on with the
    readings themselves. Nothing when no reading holds (the row stays unaligned)."""
    key = (len(columns), holds)
    if key not in chunk.readings:
        chunk.readings[key] = _recovered(chunk, len(columns), holds)
    cells, readings = chunk.readings[key]
    placed = {columns[i]: cell for i, cell in cells.items()}
    return placed, tuple({columns[i]: v for i, v in reading.items()} for reading in readings)


def _recovered(chunk: _Chunk, width: int, holds: _Holds) -> _Recovered:
    """``_recover`` by cell index rather than column id."""
    values = chunk.values
    if chunk.explicit or not values or len(values) >= width:
        return {}, ()
    if any(cell.value is None for cell in values):  # a mark (-) keeps its cell: no run
        return {}, ()
    tokens = [cell.line.text[cell.start : cell.end] if cell.line else "" for cell in values]
    if not all(tokens) or not _ran_together(chunk, tokens):
        return {}, ()
    found = runs.readings(tokens, width, holds) or []
    cells: dict[int, Cell] = {}
    for i in range(width):
        if len({reading[i][0] for reading in found}) == 1:
            value, token, start, end = found[0][i]
            source = values[token]
            span = (source.start + start, source.start + end)
            cells[i] = Cell(value, source.line, *span, recovered=True)
    if len(found) < 2:
        return cells, ()
    return cells, tuple({i: piece[0] for i, piece in enumerate(reading)} for reading in found)


# ---------------------------------------------------------------------------------------
# The three tables

_MIN_ROWS = 3  # fewer matched rows is a sentence that happens to use a row's words
_T3_IDS = tuple(key for key, _ in TABLE3_COLUMNS)


def _table3(chunks: Sequence[_Chunk | None], start: int) -> tuple[Table, int] | None:
    matched, end = _read_rows(chunks, start, _T3_ROWS)
    if len(matched) < _MIN_ROWS:
        return None
    variant: Variant = "2021" if any(s.key.startswith("other.") for s, _ in matched) else "2019"
    total_blank = _total_left_blank((chunk for _, chunk in matched), len(_T3_IDS))
    rows = []
    for spec, chunk in matched:
        if variant == "2021" and spec.key == "other" and not chunk.has_number:
            continue  # the group label （六）其他处理 printed as a row of its own
        label, line = _row_label(spec, chunk.label)
        rows.append(_make_row(spec.key, label, line, chunk, _T3_IDS, total_blank, _adds_up))
    if not any(row.aligned for row in rows):
        return None
    return Table(3, variant, tuple(rows), rows[0].line), end


#: The bigrams of each form's table-2 column headers, which tell the forms apart.
_T2_HEADERS: Mapping[Variant, tuple[frozenset[str], ...]] = {
    variant: tuple(
        _bigrams(_keyword(label))
        for label in dict.fromkeys(label for columns in rows.values() for _, label in columns)
    )
    for variant, rows in TABLE2_COLUMNS.items()
}


def _table2(chunks: Sequence[_Chunk | None], start: int) -> tuple[Table, int] | None:
    matched, end = _read_rows(chunks, start, _T2_ROWS)
    if len(matched) < _MIN_ROWS:
        return None
    variant = _table2_variant(matched)
    if variant is None:
        return None
    rows = []
    for spec, chunk in matched:
        label, line = _row_label(spec, chunk.label)
        columns = [key for key, _ in TABLE2_COLUMNS[variant].get(spec.key, ())]
        rows.append(_make_row(spec.key, label, line, chunk, columns, False, _any))
    if not any(row.aligned for row in rows):
        return None
    return Table(2, variant, tuple(rows), rows[0].line), end


def _table2_variant(matched: Sequence[tuple[_RowSpec, _Chunk]]) -> Variant | None:
    """The form by its column headers; None when there are none (a sentence, not a table).

    Without a header word but under a 第二十条 heading, the form whose column counts fit
    more rows wins (行政许可 has three numbers in 2019, one in 2021).
    """
    labels = [chunk.label for _, chunk in matched]
    hits = {
        variant: sum(label.has(grams) for label in labels for grams in headers)
        for variant, headers in _T2_HEADERS.items()
    }
    if hits["2019"] != hits["2021"]:
        return "2019" if hits["2019"] > hits["2021"] else "2021"
    if not any("第二十条" in label.cjk for label in labels):
        return None
    fits = {
        variant: sum(len(chunk.values) == len(rows.get(spec.key, ())) for spec, chunk in matched)
        for variant, rows in TABLE2_COLUMNS.items()
    }
    return "2019" if fits["2019"] > fits["2021"] else "2021"


_T4_WIDTH = len(TABLE4_BLOCKS) * len(TABLE4_COLUMNS)
_T4_IDS = tuple(key for key, _ in TABLE4_COLUMNS)
_T4_WORDS = ("行政诉讼", "起诉", "维持", "纠正", "审结", "其他结果")
_T4_MAX_HEADER = 40  # characters of a header chunk between a block's numbers


def _table4(chunks: Sequence[_Chunk | None], start: int) -> tuple[Table, int] | None:
    anchor = chunks[start]
    if anchor is None or not _is_table4_head(anchor.label):
        return None
    parts, end = _table4_parts(chunks, anchor, start + 1)
    cells = _table4_cells(parts)
    if cells is None:
        return None
    line = _table4_line(anchor)
    rows = []
    for i, (key, label) in enumerate(TABLE4_BLOCKS):
        block = cells[i * len(_T4_IDS) : (i + 1) * len(_T4_IDS)]
        row_line = next((cell.line for cell in block if cell.line), line)
        rows.append(Row(key, label, row_line, dict(zip(_T4_IDS, block, strict=True)), tuple(block)))
    return Table(4, "2019", tuple(rows), line), end


def _is_table4_head(label: _Label) -> bool:
    return "行政复议" in label.cjk and any(word in label.cjk for word in _T4_WORDS)


def _table4_parts(
    chunks: Sequence[_Chunk | None], anchor: _Chunk, i: int
) -> tuple[list[_Chunk], int]:
    """The anchor chunk and the chunks from ``i`` on that continue it: short header words
    between blocks (行政复议 … 未经复议直接起诉 …), never a sentence (no commas)."""
    parts, count = [anchor], len(anchor.values)
    while count < _T4_WIDTH and i < len(chunks):
        chunk = chunks[i]
        if chunk is None or not _is_table4_continuation(chunk.label):
            break
        parts.append(chunk)
        count += len(chunk.values)
        i += 1
    return parts, i


def _is_table4_continuation(label: _Label) -> bool:
    if len(label.cjk) > _T4_MAX_HEADER or any(mark in label.text for mark in ",;:"):
        return False
    return not label.cjk or any(word in label.cjk for word in (*_T4_WORDS, "复议"))


def _table4_cells(parts: Sequence[_Chunk]) -> list[Cell] | None:
    """The 15 cells, three blocks of five; a whole blank 总计 column is read as such."""
    values = [cell for chunk in parts for cell in chunk.values]
    merged = _Chunk([], values, any(chunk.explicit for chunk in parts))
    if not merged.has_number:
        return None
    cells = _fit(merged, _T4_WIDTH, total_blank=False)
    if cells is not None:
        return cells
    if not merged.explicit and len(merged.values) == _T4_WIDTH - len(TABLE4_BLOCKS):
        # 12 numbers: each block printed four outcomes and left its 总计 blank.
        per_block = len(_T4_IDS) - 1
        blocks = [merged.values[i : i + per_block] for i in range(0, len(merged.values), per_block)]
        return [cell for block in blocks for cell in (*block, Cell(None))]
    return None


def _table4_line(anchor: _Chunk) -> Line:
    for word in reversed(anchor.words):
        if "行政复议" in NOT_CJK.sub("", word.text):
            return word.line
    first = anchor.values[0].line if anchor.values else None
    return first or anchor.words[-1].line


# ---------------------------------------------------------------------------------------
# Public entry point

#: A table reader: given the chunks and a start, the table that starts there and the index
#: of the chunk after it, or None.
_Reader = Callable[[Sequence["_Chunk | None"], int], "tuple[Table, int] | None"]


def find_tables(lines: Sequence[Line]) -> list[Table]:
    """The standard tables 2, 3 and 4 found in a report's cleaned lines, in file order.

    Recognises markdown pipe tables, tab- or space-separated rows and PDF-extracted text
    (see the module docstring). Never raises; text without tables gives ``[]``.
    """
    chunks = _chunks(lines)
    tables = [table for reader in (_table2, _table3, _table4) for table in _scan(chunks, reader)]
    tables.sort(key=lambda table: table.line.number)
    return _with_lost_rows(_with_table4_variant(tables), lines)


#: A row label's first Chinese characters, enough to tell it in a table's text.
_LABEL_CORE = 5
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
#: Each row of table 3 with its label's first Chinese characters (when it has enough).
_LABEL_CORES = tuple(
    (key, core)
    for key, label in TABLE3_ROWS
    if len(core := NOT_CJK.sub("", _NUMBERING.sub("", label))[:_LABEL_CORE]) == _LABEL_CORE
)


def _with_lost_rows(tables: list[Table], lines: Sequence[Line]) -> list[Table]:
    """Each table 3 with the rows of the form whose labels stand in the text of the table
    (from the first table 3 to the end of the last, as a layout may cut one in two) but
    that no table 3 read."""
    threes = [table for table in tables if table.number == 3]
    if not threes:
        return tables
    read = {row.key for table in threes for row in table.rows}
    unread = [(key, core) for key, core in _LABEL_CORES if key not in read]
    if not unread:
        return tables
    first, last = threes[0].span[0], max(table.span[1] for table in threes)
    text = "".join(NOT_CJK.sub("", line.text) for line in lines if first <= line.number <= last)
    lost = frozenset(key for key, core in unread if core in text)
    return [replace(t, lost=lost) if t.number == 3 else t for t in tables]


def _scan(chunks: Sequence[_Chunk | None], reader: _Reader) -> list[Table]:
    found: list[Table] = []
    i = 0
    while i < len(chunks):
        read = reader(chunks, i)
        if read is None:
            i += 1
        else:
            found.append(read[0])
            i = read[1]
    return found


def _with_table4_variant(tables: list[Table]) -> list[Table]:
    """Table 4 is the same in both forms: it takes the form of the table 3 before it."""
    variant: Variant = "2019"
    result = []
    for table in tables:
        if table.number == 3:
            variant = table.variant
        elif table.number == 4 and table.variant != variant:
            table = Table(4, variant, table.rows, table.line)
        result.append(table)
    return result
