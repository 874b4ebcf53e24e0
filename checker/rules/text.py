"""Rule kinds over the words of the report: patterns it must not or must contain."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from checker.rules.base import Check, Context, Hit, kind


@kind("forbid")
@dataclass(frozen=True)
class Forbid(Check):
    """Each match of any pattern is a finding (one per distinct text, up to ``limit``)."""

    patterns: list[re.Pattern[str]] = field(default_factory=list)
    limit: int = 10

    def run(self, ctx: Context) -> Iterator[Hit]:
        seen: set[tuple[int, str]] = set()
        for line in ctx.lines:
            for pattern in self.patterns:
                for match in pattern.finditer(line.text):
                    key = (line.number, match.group())
                    if key not in seen and len(seen) < self.limit:
                        seen.add(key)
                        yield Hit(line=line, start=match.start(), end=match.end())


@kind("require")
@dataclass(frozen=True)
class Require(Check):
    """The report must contain a match of at least one pattern somewhere."""

    patterns: list[re.Pattern[str]] = field(default_factory=list)

    def run(self, ctx: Context) -> Iterator[Hit]:
        if not any(p.search(line.text) for line in ctx.lines for p in self.patterns):
            yield Hit(line=None)
