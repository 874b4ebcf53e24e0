"""The rulebook's legal deadlines applied to dates: what ``xxgk deadline`` computes, and the
last day to publish an annual report.

Which limits a purpose adds up is the structure of the law, the same under every profile (an
extension runs on from the reply limit); how long each limit is comes from the rulebook, so a
new profile needs only its YAML.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from msgspec import Struct

from checker.errors import RulebookError
from checker.facts.workdays import Deadline as Count
from checker.facts.workdays import add_working_days, is_working_day

if TYPE_CHECKING:  # the CLI imports PURPOSES at start-up; the rulebook loader can wait
    from checker.rulebook import Deadline, Rulebook

#: ``xxgk deadline --for``: the rulebook deadlines each purpose adds up, in order.
PURPOSES: dict[str, tuple[str, ...]] = {
    "reply": ("reply",),
    "extension": ("reply", "extension"),
    "proactive": ("proactive",),
}


class DueDate(Struct, frozen=True):
    """The last day allowed for a purpose, the limits that make it up, and how it was counted."""

    purpose: str
    limits: tuple[Deadline, ...]
    count: Count


def due_date(rulebook: Rulebook, purpose: str, start: date) -> DueDate:
    """The deadline for ``purpose`` from ``start`` (the day of receipt or creation, not counted).

    Raises :class:`RulebookError` if the rulebook lacks a limit the purpose needs, and
    :class:`~checker.errors.InputError` for dates the holiday data does not cover.
    """
    limits = tuple(working_limit(rulebook, deadline_id) for deadline_id in PURPOSES[purpose])
    is_working_day(start)  # raises for a start outside the holiday data, naming the date given
    days = sum(limit.working_days or 0 for limit in limits)
    return DueDate(purpose, limits, add_working_days(start, days))


def working_limit(rulebook: Rulebook, deadline_id: str) -> Deadline:
    """The rulebook's deadline ``deadline_id``, which must count working days."""
    deadline = rulebook.deadline(deadline_id)
    if deadline is None or deadline.working_days is None:
        raise RulebookError(
            f"{rulebook.path}: 规则中没有以工作日计的期限 {deadline_id!r}"
            f" (the rulebook has no working-day deadline {deadline_id!r})"
        )
    return deadline


def publication_due(deadline: Deadline, reporting_year: int) -> date:
    """The last day to publish the report on ``reporting_year`` (e.g. 31 March of the next year)."""
    if deadline.month is None or deadline.day is None:
        raise RulebookError(f"deadline {deadline.id}: 不是日期期限 (not a calendar-date deadline)")
    return date(reporting_year + 1, deadline.month, deadline.day)
