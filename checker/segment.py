"""Segment: give a report whose line breaks were lost its lines back.

A crawler saves a web page's text on one line: breadcrumbs, title, 来源/时间 line, share
widgets, the body with its headings (``一、概述`` mid-line), the tables' cells run together,
the signature and the download link. The grammar reads lines, so such a line is cut where a
line of the report would have started:

- at a blank between two pieces when the first ends a sentence (。；！？) or the second is a
  piece of its own: a heading number (一、 （一） 1. 一是), a 来源/时间 field, a word of the
  site's widgets (微信 微博 文件下载…), the report's title before the first part, the
  organ's name or the date of the signature after the last;
- without a blank, before a first-level heading that follows a full stop, or the
  figures of a table or an address (二、 right after a digit or a letter, when 一、 came
  before), and before a second-level one that follows a full stop;
- between a heading and its body, when the heading's words end within a heading's length;
- in the front matter, before a 来源/发布时间 field and before the title even without a blank.

Each piece becomes a line of its own with a number of its own; ``Source.origin`` keeps the
line of the file and the column each piece starts at, so findings still point at the file.
A text with its line breaks is returned as it is: only a text of a few lines, or a line
longer than any paragraph, holding two first-level headings in a row is flattened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from msgspec.structs import replace

from checker.clean import fold, is_cjk
from checker.model import Line, Source
from checker.parse import DATE_ONLY, META, heading_level, organ_name

#: A line shorter than this holds no flattened report.
FLAT_MIN = 200
#: A text of at most this many lines may be a flattened report (a crawler's page, a
#: copy-paste that lost its breaks); in a longer text only a line of ``LONG_LINE`` may be.
FEW_LINES = 5
LONG_LINE = 3000
#: A heading's words longer than this run into its body without a mark between them.
HEADING_MAX = 40

_CN = "一二三四五六七八九十"
_H1 = re.compile(rf"([{_CN}]{{1,3}})\s*、")
_H2 = re.compile(rf"\(\s*[{_CN}]{{1,3}}\s*\)(?!\s*[项款条])")
_BLANK = re.compile(r"\s+")
_CRUMB = frozenset(">»›")  # between a breadcrumb's links
_SENTENCE_END = frozenset("。!?;")  # folded: ！？； are ASCII
_CLOSES = frozenset('。!?;:)」”"')  # what may stand right before a heading without a blank
#: The words of a site's widgets around a page's text (each a blank-separated piece).
_WIDGET = re.compile(
    r"(?:微信|微博|QQ空间|全真版|文字版|文件下载|附件下载|相关链接:?|-->|打印|关闭|收藏|分享到?:?"
    r"|字体:?|[【\[]?[大中小][】\]]?|扫一扫|返回顶部)"
)
_TITLE = re.compile(r"(?:19|20)\d{2}\s*年.{0,40}(?:报告|年报|总结)")
_HEADING_END = re.compile(
    rf"\s|[。;:]|(?=(?:19|20)\d{{2}}\s*年|\d{{1,2}}[、.](?!\d)|\(\d{{1,2}}\)|\([{_CN}]{{1,3}}\)|[{_CN}]是)"
)
_PAGE_MARK = re.compile(r"(?<=\s)[-—–]\s*\d{1,4}\s*[-—–](?=\s|$)")
_META_KEY = re.compile(r"(?<!信息)(?:信息来源|来源|发布时间|发布日期)\s*:")
_ANNEX = re.compile(r"附件\s*\d{0,2}\s*:")
_NUMERALS = {numeral: value for value, numeral in enumerate(_CN, start=1)}


def segment(source: Source) -> Source:
    """The source with each flattened line cut into the lines it was made of."""
    if source.format != "text":
        return source
    # A report with its line breaks may have a long paragraph listing 一、…；二、… in it:
    # only a text of a few lines, or a line far longer than any paragraph, is flattened.
    few = sum(1 for line in source.lines if line.text.strip()) <= FEW_LINES
    flat = {
        line.number: folded
        for line in source.lines
        if (few or len(line.text) >= LONG_LINE) and (folded := _flattened(line.text))
    }
    if not flat:
        return source
    lines: list[Line] = []
    origin: dict[int, tuple[int, int]] = {}
    for line in source.lines:
        folded = flat.get(line.number)
        pieces = list(_pieces(folded)) if folded else [(0, len(line.raw))]
        for start, end in pieces:
            number = len(lines) + 1
            lines.append(Line(number, line.raw[start:end], line.text[start:end]))
            origin[number] = (line.number, start)
    return replace(source, lines=tuple(lines), origin=origin)


def _flattened(text: str) -> str | None:
    """The line folded, when it is long and holds two first-level headings in a row
    (二、 … 三、); None otherwise."""
    if len(text) < FLAT_MIN:
        return None
    folded = fold(text)
    starts = (m for m in _H1.finditer(folded) if _opens_part(folded, m.start()))
    values = [_NUMERALS.get(m.group(1), 0) for m in starts]
    return folded if any(b == a + 1 for a, b in pairwise(values)) else None


def _opens_part(text: str, at: int) -> bool:
    before = text[at - 1] if at else " "
    return before.isspace() or before in _CLOSES


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each piece of a flattened (and folded) line, blanks between pieces
    left out."""
    cuts = sorted(set(_cuts(text)))
    bounds = [0, *cuts, len(text)]
    for start, end in pairwise(bounds):
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            yield start + lead, start + len(piece.rstrip())


def _cuts(text: str) -> Iterator[int]:
    first_part, last_part = _parts(text)
    yield from _blank_cuts(text, first_part, last_part)
    yield from _heading_cuts(text)
    yield from _front_cuts(text[:first_part])
    for page in _PAGE_MARK.finditer(text):  # a printed page's number between two pages
        yield from page.span()


def _front_cuts(front: str) -> Iterator[int]:
    """Cuts in the front matter glued without blanks: before a 来源/时间 field, and before
    the title where it follows words of another script (``Loading connection咸宁市…``)."""
    for match in _META_KEY.finditer(front):
        yield match.start()
    title = _TITLE.search(front)
    if title is not None:
        start = title.start()
        while start > 0 and is_cjk(front[start - 1]):
            start -= 1
        yield start


def _parts(text: str) -> tuple[int, int]:
    """Where the first and the last first-level part open (the text's end when none)."""
    starts = [m.start() for m in _H1.finditer(text) if _opens_part(text, m.start())]
    return (starts[0], starts[-1]) if starts else (len(text), len(text))


def _blank_cuts(text: str, first_part: int, last_part: int) -> Iterator[int]:
    """Cuts at blanks: after a sentence's end, around widgets, before a piece of its own."""
    blanks = list(_BLANK.finditer(text))
    for i, blank in enumerate(blanks):
        start, end = blank.span()
        if not start or end == len(text):
            continue
        before = text[blanks[i - 1].end() if i else 0 : start]
        after = text[end : blanks[i + 1].start() if i + 1 < len(blanks) else len(text)]
        if before in _CRUMB or after in _CRUMB:
            continue  # inside a breadcrumb: 首页 > 政务公开 > 年报
        crumb = i > 1 and text[blanks[i - 2].end() : blanks[i - 1].start()] in _CRUMB
        if (
            text[start - 1] in _SENTENCE_END
            or _is_widget(before) != _is_widget(after)
            or crumb  # the end of a breadcrumb: 首页 > 年报 | the title
            or _opens_piece(text, end)
            or _alone(after, end, first_part, last_part)
            or _alone(before, start, first_part, last_part)
        ):
            yield end


def _is_widget(word: str) -> bool:
    return _WIDGET.fullmatch(word) is not None


def _opens_piece(text: str, at: int) -> bool:
    """A heading, a 来源/时间 field or an annex's label starts here."""
    rest = text[at : at + HEADING_MAX + 20]
    return bool(heading_level(rest) or META.match(rest) or _ANNEX.match(rest))


def _alone(word: str, at: int, first_part: int, last_part: int) -> bool:
    """A word that is a line of its own: the title in the front matter, an organ's name or
    a date there or in the signature after the last part."""
    if at < first_part and len(word) <= HEADING_MAX + 20 and _TITLE.search(word):
        return True
    if first_part <= at <= last_part:
        return False
    return DATE_ONLY.match(word) is not None or organ_name(word) is not None


def _heading_cuts(text: str) -> Iterator[int]:
    """Cuts before headings that follow a sentence or a table's figures without a blank,
    and between a first- or second-level heading and its body (where a second-level
    heading may start: 一、工作情况（一）完善制度)."""
    previous = 0
    ends: set[int] = set()
    for match in _H1.finditer(text):
        at, value = match.start(), _NUMERALS.get(match.group(1), 0)
        before = text[at - 1] if at else " "
        if before.isspace() or before in _CLOSES or (before.isascii() and value == previous + 1):
            previous = value
            ends.update(_title_end(text, match.end()))
            yield at
    yield from ends
    for match in _H2.finditer(text):
        at = match.start()
        before = text[at - 1] if at else " "
        if before.isspace() or before in _SENTENCE_END or before == ":" or at in ends:
            yield at
            yield from _title_end(text, match.end())


def _title_end(text: str, at: int) -> Iterator[int]:
    """Where a heading's words end and its body begins, when that is within reach."""
    while at < len(text) and text[at].isspace():
        at += 1
    end = _HEADING_END.search(text, at + 2, at + HEADING_MAX)
    if end is not None:
        yield end.end() if text[end.start()] in "。;:" else end.start()
