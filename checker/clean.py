"""Clean: set page chrome aside and fold full-width characters, keeping every column.

Chrome is blanked out (replaced by spaces of the same length) rather than cut, and
full-width ASCII is folded one character for one, so a column in the cleaned text is the
same column in the original line and findings can quote the original words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.model import Document, Dropped, Line, Source

#: Full-width ASCII (！ to ～) and the ideographic space, folded one-for-one to ASCII.
FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _compiled(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, reason) pairs with their patterns compiled."""
    return tuple((re.compile(pattern), reason) for pattern, reason in pairs)


# Whole lines that belong to the website, not to the report. What must start the line
# (^) is a pattern of its own: in an alternation with unanchored words it would make the
# search try every column of every line, where on its own it tries the first only.
_CHROME_LINES = _compiled(
    (
        (r"^\s*(?:网站)?首页\s*[»>›]", "breadcrumb"),
        (r"您(?:现在)?(?:所在|的)的?位置", "breadcrumb"),
        (r"^\s*当前位置", "breadcrumb"),
        (r"正在加载中", "loading"),
        (r"^\s*Loading\b", "loading"),
        (r"^\s*[•·]?\s*(?:无障碍|长辈版|关怀版|English)\s*$", "site-widget"),
        (r"ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©", "footer"),
        (r"技术维护电话|技术支持[:\s]", "footer"),
        # \S主办…: the character before 主办 is asserted after it, so that the search
        # jumps from one 主办 to the next instead of trying every column.
        (r"主办(?<=\S主办)\s+\S.*承办", "footer"),
        (r"^\s*主办单位", "footer"),
        (r"扫一扫在手机|分享到[:\s]", "site-widget"),
        # a crawler's page text: the share and download widgets, word after word
        (
            r"^\s*(?:(?:微信|微博|QQ空间|全真版|文字版|文件下载|附件下载|相关链接:?|-->|打印|关闭"
            r"|收藏|返回顶部)\s*)+$",
            "site-widget",
        ),
        (r"^\s*(?:【?打印本页】?|\[?关闭窗口\]?\s*$)", "site-widget"),
    )
)

# Pieces of chrome inside a line that also carries report text (e.g. a date line). Each
# alternative opens with a plain character, so one search for all of them leaps (_either).
_CHROME_SPANS = _compiled(
    (
        (r"字体\s*[:]\s*(?:[【\[][^】\]\n]{0,4}[】\]]\s*){1,3}", "font-widget"),
        (r"〖[^〗\n]{1,8}〗\s*>?", "site-widget"),
        (r"【(?:打印|关闭|收藏|打印本页|关闭窗口)】", "site-widget"),
        (r"浏览(?:次数|量)\s*[:]\s*\d*|访问(?:次数|量)\s*[:]\s*\d*", "site-widget"),
    )
)

#: Page numbers whatever their value: ``- 3 -``, ``第3页 共6页``, ``3/6``, ``Page 3 of 6``.
_PAGE_NUMBER = re.compile(
    r"[-—–]\s*\d{1,4}\s*[-—–]"
    r"|(?:共\s*\d{1,4}\s*页\s*)?第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?"
)
_HAS_WORDS = re.compile(r"\w")  # Chinese characters are word characters too
#: A markdown heading's marks (``## 一、总体情况``), as PDF-to-markdown converters leave them.
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}(?=\s)")


def is_cjk(char: str) -> bool:
    """Whether a character is a Chinese character (CJK Unified Ideographs, U+4E00–U+9FFF)."""
    return "\u4e00" <= char <= "\u9fff"


#: Whatever is not a Chinese character (runs of it), to weigh or compare Chinese words.
NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")  # what FOLD changes
_FOLDED = {chr(code): chr(folded) for code, folded in FOLD.items()}


def is_page_number(text: str) -> bool:
    """Whether a line is only a page number, as printed documents and their text have them
    (also in the middle of tables and of sentences)."""
    return is_folded_page_number(fold(text))


def is_folded_page_number(folded: str) -> bool:
    """``is_page_number`` for text already folded, such as a cleaned line's."""
    return _PAGE_NUMBER.fullmatch(folded.strip()) is not None


def clause_span(
    text: str, start: int, end: int, marks: str, reach: int | None = None
) -> tuple[int, int]:
    """The columns of the stretch around ``text[start:end]`` between two of ``marks``
    (punctuation), looking at most ``reach`` characters each way when given, so that a line
    without punctuation costs no more than a short one."""
    lo = 0 if reach is None else max(0, start - reach)
    hi = len(text) if reach is None else min(len(text), end + reach)
    left = max(max(text.rfind(mark, lo, start) for mark in marks) + 1, lo)
    ends = [i for i in (text.find(mark, end, hi) for mark in marks) if i >= 0]
    return left, min(ends, default=hi)


def fold(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII, one character for one."""
    # Not str.translate, which costs a dictionary lookup per character of a Chinese line
    # (~0.1 µs each): a line holds a few kinds of full-width marks (，。（）), each
    # replaced all at once, and a line with none (saved pages, normalised exports) costs
    # one search.
    for char in set(_FULL_WIDTH.findall(text)):
        text = text.replace(char, _FOLDED[char])
    return text


def clean(source: Source) -> Document:
    """Drop chrome lines, blank chrome spans and markdown heading marks, fold widths; blank
    lines are left out.

    What ingest already set aside (a PDF's page numbers…) is listed with the rest.
    """
    kept: list[Line] = []
    dropped: list[Dropped] = list(source.dropped)
    for line, text in zip(source.lines, _folded(source.lines), strict=True):
        # Most lines hold nothing to set aside, which one match and one search tell.
        if _MAY_START.match(text) or _MAY_HOLD.search(text):
            text = _cleaned(line, text, dropped)
        if text.strip():
            kept.append(Line(line.number, line.raw, text))
    dropped.sort(key=lambda item: item.line)
    return Document(source=source, lines=tuple(kept), dropped=tuple(dropped))


def _folded(lines: Sequence[Line]) -> list[str]:
    """Each line's words folded: all at once, the lines joined by line breaks (which the
    fold leaves alone), unless a line holds a break of its own."""
    joined = "\n".join([line.raw for line in lines])
    if joined.count("\n") != len(lines) - 1:  # also no lines at all
        return [fold(line.raw) for line in lines]
    return fold(joined).split("\n")


def _cleaned(line: Line, text: str, dropped: list[Dropped]) -> str:
    """The line's folded ``text`` with chrome spans and markdown heading marks blanked out,
    or "" when the whole line is chrome; what is set aside is added to ``dropped``."""
    reason = _chrome_line(text)
    if reason is not None:
        dropped.append(Dropped(line.number, line.raw.strip(), reason))
        return ""
    if "#" in text:
        text = _MARKDOWN_HEADING.sub(_spaces, text)
    text, reason = _blank_spans(text)
    if reason is not None:  # recorded even when the line's other words are kept
        dropped.append(Dropped(line.number, line.raw.strip(), reason))
        if not _HAS_WORDS.search(text):
            return ""
    return text


def _chrome_line(text: str) -> str | None:
    """Why a whole line is chrome: the first pattern in the table's order that matches,
    else a page number; None if it is not."""
    reason = next((reason for pattern, reason in _CHROME_LINES if pattern.search(text)), None)
    return "page-number" if reason is None and is_folded_page_number(text) else reason


def _blank_spans(text: str) -> tuple[str, str | None]:
    found = None
    for pattern, reason in _CHROME_SPANS:
        text, count = pattern.subn(_spaces, text)
        if count:
            found = reason
    return text, found


def _any_of(patterns: Sequence[re.Pattern[str]]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    r"""Two patterns that together match where any of ``patterns`` does: one for those that
    must start the line (tried there only; the blanks a line may open with read once for
    all), one for the rest. One search over a line, which leaps to the first characters the
    alternatives can start with, is far quicker than a search per pattern."""
    starts = [
        p.pattern.removeprefix("^").removeprefix(r"\s*")
        for p in patterns
        if p.pattern.startswith("^")
    ]
    anywhere = [p.pattern for p in patterns if not p.pattern.startswith("^")]
    return re.compile(rf"\s*(?:{_either(starts).pattern})"), _either(anywhere)


def _either(patterns: list[str]) -> re.Pattern[str]:
    # Joined as they are, not each in a group of its own: ``re`` finds the characters an
    # alternation can start with only when each alternative opens with a plain character.
    return re.compile("|".join(patterns) or "(?!)")  # (?!): none


# What may start a line that is chrome, a page number or a markdown heading, and what may
# stand anywhere in a line that is chrome or holds a span of it: a line that neither
# matches is kept as it is.
_MAY_START, _MAY_HOLD = _any_of(
    [
        *(pattern for pattern, _ in _CHROME_LINES),
        re.compile(rf"^\s*(?:{_PAGE_NUMBER.pattern})\s*$"),
        _MARKDOWN_HEADING,
        *(pattern for pattern, _ in _CHROME_SPANS),
    ]
)


def _spaces(match: re.Match[str]) -> str:
    return " " * len(match.group())
