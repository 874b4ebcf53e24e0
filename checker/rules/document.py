"""Rule kinds about the document as a whole: is it a report, is it of the law's era."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import field

from checker.model import Line
from checker.rules.base import Check, Context, Hit, kind


@kind("document-kind")
class DocumentKind(Check, frozen=True):
    """The document is not an annual report (e.g. speeches, a notice).

    Decided by the whole document, never by one phrase of its body: a document is a report
    when its opening lines carry a report marker (年度报告, 本报告, 编制…), or when it has
    the standard tables, or ``parts`` mandated parts as first-level headings (一、). It is
    another kind of document when a title-like line of its opening (short, as a title or
    an address is) carries the marker of one (讲话, 同志们, 第一篇…) and it has neither
    those tables nor those parts.
    """

    report_markers: list[re.Pattern[str]] = field(default_factory=list)
    other_markers: list[re.Pattern[str]] = field(default_factory=list)
    head_lines: int = 6
    title_length: int = 60  #: a line longer than this is running text, not a title
    parts: int = 4  #: headed mandated parts that make a document a report

    def run(self, ctx: Context) -> Iterator[Hit]:
        head = self._head(ctx)
        if not head or self._structured(ctx):
            return
        for line in head:
            if len(line.text.strip()) > self.title_length:
                continue
            for pattern in self.other_markers:
                match = pattern.search(line.text)
                if match:
                    yield Hit(line=line, start=match.start(), end=match.end())
                    return
        if not any(p.search(line.text) for line in head for p in self.report_markers):
            yield Hit(line=head[0])

    def _head(self, ctx: Context) -> list[Line]:
        """The opening lines: the first ``head_lines``, or all before the first part when a
        page's front matter (title, 来源, date, preamble) runs longer."""
        report = ctx.report
        front = [report.title] if report.title else []
        front += [*report.meta, *report.preamble]
        front.sort(key=lambda line: line.number)
        lines = list(ctx.lines[: self.head_lines])
        return front if len(front) > len(lines) else lines

    def _structured(self, ctx: Context) -> bool:
        """The standard tables, or enough mandated parts under first-level headings."""
        from checker.facts.sections import headed_parts

        return bool(ctx.tables) or headed_parts(ctx.coverage) >= self.parts


@kind("year-before")
class YearBefore(Check, frozen=True):
    """The reporting year is before ``year`` (e.g. before the Regulations came into force)."""

    year: int = 0

    def run(self, ctx: Context) -> Iterator[Hit]:
        year = ctx.facts.reporting_year
        if year is not None and year < self.year:
            yield Hit(line=ctx.line_at(ctx.facts.year_line), values={"year": year})
