"""What every rule kind shares: its YAML fields, the context it reads, the hits it yields."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, TypeVar

from msgspec import Struct, field

from checker.model import Checked, Level, Line, Report, ReportFacts, Target, Text

if TYPE_CHECKING:
    from checker.facts.commitments import Commitment
    from checker.facts.paragraphs import Paragraph
    from checker.facts.personal import PersonalDatum
    from checker.facts.sections import Coverage
    from checker.facts.statistics import StatisticsTable
    from checker.model import Table
    from checker.rulebook import Rulebook


class Context(Struct, dict=True):
    """Everything a check may read about one report; ``previous`` is the same organ's
    report of the year before, when one is given (``xxgk lint --previous``), for the
    checks across years."""

    report: Report
    facts: ReportFacts
    rulebook: Rulebook
    checked: list[Checked] = field(default_factory=list)
    assumed_organ: str | None = None  # the organ kind configured, when the name does not tell
    previous: Context | None = None  # the same organ's report of the year before

    def verified(self, rule: str, line: Line, evidence: str, detail: Text) -> None:
        """Record a claim that was checked and found right, so users can see it was read."""
        self.checked.append(Checked(rule, line.number, evidence, detail))

    @cached_property
    def coverage(self) -> dict[str, Coverage]:
        """How each mandated section of the rulebook is covered by the report."""
        from checker.facts.sections import cover

        return cover(self.report, self.rulebook.sections)

    @property
    def tables(self) -> list[Table]:
        """The standard tables (表2–表4) recognised when the report was parsed."""
        return self.report.tables

    @cached_property
    def statistics(self) -> StatisticsTable | None:
        """The 政府信息公开情况统计表 of a 2008–2018 report, if it has one."""
        from checker.facts.statistics import find_statistics

        return find_statistics(self.lines)

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """The running text with the layout's line breaks undone (see facts.paragraphs)."""
        from checker.facts.paragraphs import paragraphs

        return paragraphs(self.report)

    @cached_property
    def commitments(self) -> list[Commitment]:
        """The time limits the report commits to, read once for the checks on deadlines."""
        from checker.facts.commitments import find_commitments

        return list(find_commitments(self.lines, self.rulebook.deadlines))

    @cached_property
    def organ_kind(self) -> str | None:
        """The kind of the reporting organ (an ``organs:`` id of the rulebook) as its name
        tells, else as configured (if the rulebook knows that kind)."""
        told = self.rulebook.organ_kind(self.facts.organ)
        known = any(kind.id == self.assumed_organ for kind in self.rulebook.organs)
        return told or (self.assumed_organ if known else None)

    def applies(self, organ: str | None = None, from_year: int | None = None) -> bool:
        """Whether a requirement limited to a kind of organ and to reporting years from
        ``from_year`` on binds this report. When the organ or the year cannot be told it
        does not: precision first."""
        if organ is not None and self.organ_kind != organ:
            return False
        year = self.facts.reporting_year
        return from_year is None or (year is not None and year >= from_year)

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        return self.report.document.lines

    @cached_property
    def personal(self) -> list[PersonalDatum]:
        """Personal data found by the rulebook's personal-data check (masked in all output)."""
        from checker.rules.privacy import personal_data

        return personal_data(self.rulebook, self.lines)

    def file_line(self, number: int) -> int:
        """The line of the file that report line ``number`` is (or was cut out of)."""
        return self.report.document.source.position(number)[0]

    def line_at(self, number: int | None) -> Line | None:
        """The report line with this (1-based, original-file) number, if any."""
        return next((line for line in self.lines if line.number == number), None)


class Hit(Struct, frozen=True):
    """A place where a check fired; the evaluator turns it into a Finding."""

    line: Line | None
    start: int = 0
    end: int | None = None
    values: dict[str, object] = field(default_factory=dict)
    article: Text | None = None
    deduction: float | None = None
    evidence: str | None = None
    target: Target | None = None


class Check(Struct, frozen=True):
    """A rule instance from the rulebook. Subclasses add their kind's own fields."""

    KIND: ClassVar[str] = ""

    id: str
    kind: str
    level: Level
    category: str
    message: Text
    fix: Text | None = None
    article: Text | None = None
    points: float = 0.0
    max_points: float | None = None
    halt: bool = False
    example_pass: str | None = None
    example_fail: str | None = None

    def run(self, ctx: Context) -> Iterator[Hit]:
        """Yield a Hit for each place the report breaks this rule."""
        raise NotImplementedError

    def invalid(self, rulebook: Rulebook) -> str | None:
        """Why the check cannot work in ``rulebook`` (it names a deadline or a table row
        that does not exist), or None; the loader reports it at the check's line."""
        return None

    def reference(self) -> list[str]:
        """Markdown lines the rules reference shows for the check's own data (none here)."""
        return []


KINDS: dict[str, type[Check]] = {}
C = TypeVar("C", bound=type[Check])


def kind(name: str) -> Callable[[C], C]:
    """Register a rule kind under the name rulebooks use in ``kind:``."""

    def register(cls: C) -> C:
        cls.KIND = name
        KINDS[name] = cls
        return cls

    return register
