"""Rule kinds about the document as a whole: is it a report, is it of the law's era."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import field

from checker.rules.base import Check, Context, Hit, kind


@kind("document-kind")
class DocumentKind(Check, frozen=True):
    """The document is not an annual report (e.g. speeches, a notice).

    It is one when its opening lines carry a report marker (年度报告, 工作总结, 报告如下…)
    and none of the markers of another kind of document (讲话, 第一篇…).
    """

    report_markers: list[re.Pattern[str]] = field(default_factory=list)
    other_markers: list[re.Pattern[str]] = field(default_factory=list)
    head_lines: int = 6

    def run(self, ctx: Context) -> Iterator[Hit]:
        head = list(ctx.lines[: self.head_lines])
        for line in head:
            for pattern in self.other_markers:
                match = pattern.search(line.text)
                if match:
                    yield Hit(line=line, start=match.start(), end=match.end())
                    return
        if head and not any(p.search(line.text) for line in head for p in self.report_markers):
            yield Hit(line=head[0])


@kind("year-before")
class YearBefore(Check, frozen=True):
    """The reporting year is before ``year`` (e.g. before the Regulations came into force)."""

    year: int = 0

    def run(self, ctx: Context) -> Iterator[Hit]:
        year = ctx.facts.reporting_year
        if year is not None and year < self.year:
            yield Hit(line=ctx.line_at(ctx.facts.year_line), values={"year": year})
