"""Which mandated sections a report covers, recognised by meaning.

A section is covered by a heading whose title matches one of its ``headings`` patterns (and
none of its ``not_headings``), for a ``residual`` section of a report that follows the
format by a first-level part no other section claims, or failing that by body text that
matches its ``content`` patterns: real reports rename, merge and reorder parts, and
sometimes put a part's content inside another part without a heading of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from msgspec import Struct, field

from checker.model import Line, Report, Section, Table
from checker.rulebook import SectionSpec, Statement

#: Headings deeper than this are sub-points, not parts of the report.
PART_LEVELS = 2


class Coverage(Struct):
    """Where the report covers one mandated section."""

    spec: SectionSpec
    sections: list[Section] = field(default_factory=list)
    evidence: list[tuple[Line, re.Match[str]]] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return bool(self.sections or self.evidence)

    @property
    def headed(self) -> bool:
        return bool(self.sections)

    def lines(self) -> list[Line]:
        """The lines that carry this part: its sections' lines, or the evidence lines."""
        if self.sections:
            return [line for section in self.sections for line in section.lines()]
        return [line for line, _ in self.evidence]

    def missing_statements(self, tables: Sequence[Table] = ()) -> list[Statement]:
        """The things this part must say that its text does not, nor (for a statement naming
        a table) one of the recognised ``tables`` set among its lines."""
        lines = self.lines()
        numbers = {line.number for line in lines}
        shown = {table.number for table in tables if table.line.number in numbers}
        # PDF text breaks sentences at the end of each printed line ("信息处理费\n3940 元").
        text = "".join(line.text.strip() for line in lines)
        return [
            statement
            for statement in self.spec.must_say
            if statement.table not in shown
            and not any(pattern.search(text) for pattern in statement.any)
        ]


def cover(report: Report, specs: Sequence[SectionSpec]) -> dict[str, Coverage]:
    """Coverage of each spec, by heading first and by content where no heading matched."""
    headings = sorted(
        (section for section in report.all_sections() if section.level <= PART_LEVELS),
        key=lambda section: section.level,
    )
    coverage = {spec.id: Coverage(spec) for spec in specs}
    claimed: set[int] = set()
    for spec in specs:
        for section in headings:
            if id(section) not in claimed and _heading_matches(spec, section.title):
                coverage[spec.id].sections.append(section)
                claimed.add(id(section))
    parts = headed_parts(coverage)
    for spec in specs:
        if spec.residual and parts >= spec.residual and not coverage[spec.id].sections:
            coverage[spec.id].sections = [
                section
                for section in report.sections
                if id(section) not in claimed and not _any(spec.not_headings, section.title)
            ]
    for spec in specs:
        if not coverage[spec.id].sections:
            coverage[spec.id].evidence = list(_content(spec, report.document.lines))
    return coverage


def headed_parts(coverage: dict[str, Coverage]) -> int:
    """How many mandated parts stand under first-level headings of their own (一、…)."""
    return sum(1 for c in coverage.values() if any(s.level == 1 for s in c.sections))


def _heading_matches(spec: SectionSpec, title: str) -> bool:
    return _any(spec.headings, title) and not _any(spec.not_headings, title)


def _any(patterns: Iterable[re.Pattern[str]], text: str) -> bool:
    return any(pattern.search(text) for pattern in patterns)


def _content(spec: SectionSpec, lines: Iterable[Line]) -> Iterable[tuple[Line, re.Match[str]]]:
    for line in lines:
        for pattern in spec.content:
            match = pattern.search(line.text)
            if match:
                yield line, match
                break
