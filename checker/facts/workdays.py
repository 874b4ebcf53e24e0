"""Working-day (工作日) deadlines under the State Council holiday schedule, including 调休.

Holiday data comes from the maintained ``chinese_calendar`` package, imported lazily so that
CLI start-up does not pay for it. A deadline of *n* working days is counted from the day after
the start date: the day of receipt or creation itself is never counted.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from msgspec import Struct

from checker.errors import InputError


class DayNote(Struct, frozen=True):
    """A day the count skipped, or a weekend it counted because it was a 调休 working day."""

    day: date
    kind: Literal["holiday", "weekend", "makeup-workday"]
    name: str | None  # the holiday's Chinese name from the library (e.g. "国庆节"), else None


class Deadline(Struct, frozen=True):
    """The result of counting ``working_days`` working days after ``start``."""

    start: date  # day of receipt / creation (not counted)
    working_days: int
    due: date  # the last day allowed
    notes: tuple[DayNote, ...]  # special days in (start, due], in date order


def _detail(day: date) -> tuple[bool, str | None]:
    """Whether ``day`` is a working day, and the holiday name the library gives it, if any."""
    import chinese_calendar as cc

    try:
        resting, name = cc.get_holiday_detail(day)
    except NotImplementedError as err:
        first, last = min(cc.holidays).year, max(cc.holidays).year
        raise InputError(
            f"节假日数据仅覆盖 {first}–{last} 年，无法判断 {day.isoformat()} 是否为工作日"
            f" (holiday data covers {first}–{last} only)"
        ) from err
    if name is not None:  # prefer the Chinese name; keep the library's text if it has none
        name = next((h.chinese for h in cc.Holiday if h.value == name), name)
    return not resting, name


def is_working_day(day: date) -> bool:
    """True if ``day`` is a 工作日, honouring public holidays and 调休 working weekends.

    Raises :class:`InputError` if the holiday data does not cover ``day``'s year.
    """
    return _detail(day)[0]


def add_working_days(start: date, n: int) -> Deadline:
    """The deadline ``n`` working days after ``start`` (which is not itself counted).

    ``n == 0`` gives ``due == start`` and no notes. Raises :class:`ValueError` for negative ``n``
    and :class:`InputError` if the count reaches a year the holiday data does not cover.
    """
    if n < 0:
        raise ValueError(f"working days must be >= 0, got {n}")
    day, left, notes = start, n, []
    while left:
        day += timedelta(days=1)
        working, name = _detail(day)
        weekend = day.weekday() >= 5
        if working:
            left -= 1
            if weekend:
                notes.append(DayNote(day, "makeup-workday", name))
        else:
            notes.append(DayNote(day, "holiday" if name or not weekend else "weekend", name))
    return Deadline(start, n, day, tuple(notes))
