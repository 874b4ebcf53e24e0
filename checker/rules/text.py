"""Rule kinds over the words of the report: patterns it must not or must contain."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import field

from checker.model import Line
from checker.rules.base import Check, Context, Hit, kind


@kind("forbid")
class Forbid(Check, frozen=True):
    """Each match of any pattern is a finding, up to ``limit`` in a report.

    Matches of several patterns that overlap (``20xx`` and its ``xx``) are one occurrence.
    """

    patterns: list[re.Pattern[str]] = field(default_factory=list)
    limit: int = 10

    def run(self, ctx: Context) -> Iterator[Hit]:
        count = 0
        for line in ctx.lines:
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
