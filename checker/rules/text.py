"""Rule kinds over the words of the report: patterns it must not or must contain."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import field

from checker.clean import is_cjk
from checker.facts.linewise import joined as joined_lines
from checker.model import Line
from checker.rules.base import Check, Context, Hit, kind


@kind("forbid")
class Forbid(Check, frozen=True):
    """Each match of any pattern is a finding, up to ``limit`` in a report.

    Matches of several patterns that overlap (``20xx`` and its ``xx``) are one occurrence.
    With ``lines``, only the lines where it is found are searched (a quick first look, for
    patterns that only a table row or a mark can hold).
    """

    patterns: list[re.Pattern[str]] = field(default_factory=list)
    limit: int = 10
    lines: re.Pattern[str] | None = None

    def run(self, ctx: Context) -> Iterator[Hit]:
        count = 0
        for line in self._searched(ctx):
            taken: list[tuple[int, int]] = []
            for pattern in self.patterns:
                for match in pattern.finditer(line.text):
                    start, end = match.span()
                    if any(start < b and a < end for a, b in taken):
                        continue
                    taken.append((start, end))
                    count += 1
                    if count > self.limit:
                        return
                    yield Hit(line=line, start=start, end=end)

    def _searched(self, ctx: Context) -> list[Line]:
        """The lines to search: those ``lines`` matches, or those that may hold a match,
        found by searching all lines at once (see ``checker.facts.linewise``): every line
        with one, and perhaps a few without."""
        joined = joined_lines(ctx.lines)
        if self.lines is not None:
            return joined.matching(self.lines)
        found = sorted({index for p in self.patterns for index in joined.candidates(p)})
        return [ctx.lines[index] for index in found]


@kind("require")
class Require(Check, frozen=True):
    """The report must contain a match of at least one pattern somewhere."""

    patterns: list[re.Pattern[str]] = field(default_factory=list)

    def run(self, ctx: Context) -> Iterator[Hit]:
        if not any(p.search(line.text) for line in ctx.lines for p in self.patterns):
            yield Hit(line=None)


@kind("truncation")
class Truncation(Forbid, frozen=True):
    """Signs that the text is clipped: the ``patterns`` of a cut web page ("点此查看更多"), and a
    report whose last paragraph stops mid-sentence (no ``sentence_end``) once the page chrome
    after it was set aside.
    """

    sentence_end: re.Pattern[str] = re.compile(r"[。！？!?；;:”\"’）)》…]\s*$")

    def run(self, ctx: Context) -> Iterator[Hit]:
        hits = list(super().run(ctx))
        yield from hits
        last = _last_paragraph(ctx)
        if last is None or any(hit.line == last for hit in hits):
            return
        if not self.sentence_end.search(last.text):
            end = len(last.text.rstrip())
            start = max(0, end - 12)
            yield Hit(
                line=last, start=start, end=end, values={"match": "…" + last.quote(start, end)}
            )


def _last_paragraph(ctx: Context) -> Line | None:
    """The report's last line before its signature, if it is a paragraph (not a heading or a
    table row, which end without punctuation by nature)."""
    for line in reversed(ctx.lines):
        kind = ctx.report.kinds.get(line.number, "TEXT")
        if kind.startswith("SIGN_"):
            continue
        return line if kind == "TEXT" else None
    return None


@kind("count-without-figure")
class CountWithoutFigure(Check, frozen=True):
    """A measure word (条, 件, 项…) stands in a list of counts with no number before it
    (核准企业资质条、施工许可证76条): the figure was left blank in a template or a draft.

    Precision first, so three things must hold: the unit follows a Chinese character that
    is neither a numeral nor a word such as 各/每/本 (``not_after``) and does not end one of
    the ``words`` that merely end in a unit character (文件, 事项, 条件…); its item holds no
    digit; and the item next to it in the same list (across one of the ``separators``)
    ends with a number and the same unit.
    """

    units: list[str] = field(default_factory=list)
    not_after: str = ""
    words: list[str] = field(default_factory=list)
    separators: str = "、,;"  # the text is folded: ，； are ASCII
    quote: int = 6  # characters of the item quoted before the unit

    def run(self, ctx: Context) -> Iterator[Hit]:
        units = "|".join(map(re.escape, sorted(self.units, key=len, reverse=True)))
        seps = re.escape(self.separators)
        # The unit's own characters first, so that the search leaps from one to the next;
        # the Chinese character before it is checked on the few found.
        unit = re.compile(rf"(?:{units})(?=[{seps}。])")
        for paragraph in ctx.paragraphs:
            text = paragraph.text
            for match in unit.finditer(text):
                start, end = match.span()
                if not start or not is_cjk(text[start - 1]):
                    continue
                item = _item_start(text, start, self.separators + "。:")
                if not self._uncounted(text, item, start, end):
                    continue
                line, column = paragraph.locate(max(item, start - self.quote))
                last, last_column = paragraph.locate(end - 1)
                stop = last_column + 1 if last is line else None
                yield Hit(line=line, start=column, end=stop, values={"unit": match.group()})

    def _uncounted(self, text: str, item: int, start: int, end: int) -> bool:
        """Whether the unit at ``start:end``, in the list item from ``item``, counts nothing
        while a neighbouring item is counted in the same unit."""
        if text[start - 1] in self.not_after or any(text.endswith(w, 0, end) for w in self.words):
            return False
        if any(char.isdigit() for char in text[item:start]):
            return False
        seps = re.escape(self.separators)
        counted = rf"\d+(?:\.\d+)?\s*[万亿]?\s*(?:余|多)?\s*{re.escape(text[start:end])}"
        following = re.compile(rf"[\u4e00-\u9fff][^{seps}。\d]{{0,20}}{counted}(?=[{seps}。]|$)")
        if text[end] != "。" and following.match(text, end + 1):
            return True
        preceding = re.compile(rf"{counted}$")
        return (
            item > 0
            and text[item - 1] in self.separators
            and preceding.search(text, 0, item - 1) is not None
        )


def _item_start(text: str, end: int, stops: str) -> int:
    """Where the list item (or clause) that ends at ``end`` begins."""
    return max(text.rfind(stop, 0, end) for stop in stops) + 1
