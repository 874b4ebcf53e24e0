"""Working-day deadlines checked against the State Council holiday notices (国务院办公厅通知)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from checker.errors import InputError
from checker.facts.workdays import DayNote, add_working_days, is_working_day


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _kinds(start: date, n: int) -> dict[date, str]:
    return {note.day: note.kind for note in add_working_days(start, n).notes}


# Each case: (start, working days, expected due). Reasoning from the official notice is above it;
# "Nth" counts working days from the day after the start.
CASES = [
    # 2024 National Day: 10/1–10/7 off; 9/29 (Sun) and 10/12 (Sat) worked. From Fri 9/27:
    # 9/28 Sat off; 9/29=1st, 9/30=2nd; 10/8–10/11=3rd–6th; 10/12 Sat=7th; 10/14–18=8th–12th;
    # 10/21–25=13th–17th; 10/28, 10/29, Wed 10/30=18th–20th.
    (date(2024, 9, 27), 20, date(2024, 10, 30)),
    # Same count under the 2008 rules' 15 working days: 10/21, 10/22, Wed 10/23=13th–15th.
    (date(2024, 9, 27), 15, date(2024, 10, 23)),
    # 2024 Spring Festival: 2/10–2/17 off; 2/4 (Sun) and 2/18 (Sun) worked; 除夕 2/9 a working day.
    # From Thu 2/8: 2/9=1st; 2/18 Sun=2nd; 2/19–23=3rd–7th; 2/26–3/1=8th–12th;
    # 3/4, 3/5, Wed 3/6=13th–15th.
    (date(2024, 2, 8), 15, date(2024, 3, 6)),
    # 2023 Spring Festival: 1/21–1/27 off; 1/28 (Sat) and 1/29 (Sun) worked. From Fri 1/20:
    # 1/28–2/3=1st–7th; 2/6–10=8th–12th; 2/13–17=13th–17th; 2/20, 2/21, Wed 2/22=18th–20th.
    (date(2023, 1, 20), 20, date(2023, 2, 22)),
    # 2020 National Day + Mid-autumn: 10/1–10/8 off; 9/27 (Sun) and 10/10 (Sat) worked.
    # From Fri 9/25: 9/26 Sat off; 9/27–9/30=1st–4th; 10/9=5th; 10/10 Sat=6th;
    # 10/12–16=7th–11th; 10/19–23=12th–16th; 10/26–Thu 10/29=17th–20th.
    (date(2020, 9, 25), 20, date(2020, 10, 29)),
    # 2025 Labour Day: 5/1–5/5 off; 4/27 (Sun) worked. From Fri 4/25: 4/26 Sat off;
    # 4/27–4/30=1st–4th; 5/6–5/9=5th–8th; 5/12–16=9th–13th; 5/19–23=14th–18th;
    # 5/26, Tue 5/27=19th–20th.
    (date(2025, 4, 25), 20, date(2025, 5, 27)),
    # Received during a holiday (Thu 2024-10-03): the next working day is Tue 10/8.
    (date(2024, 10, 3), 1, date(2024, 10, 8)),
]


@pytest.mark.parametrize(("start", "n", "due"), CASES)
def test_due_dates_follow_the_official_schedule(start: date, n: int, due: date) -> None:
    deadline = add_working_days(start, n)
    assert (deadline.start, deadline.working_days, deadline.due) == (start, n, due)
    notes = [note.day for note in deadline.notes]
    assert notes == sorted(notes)
    assert all(start < day <= due for day in notes)
    counted = [d for d in _days(start + timedelta(days=1), due) if is_working_day(d)]
    assert len(counted) == n and counted[-1] == due


def test_notes_for_national_day_2024() -> None:
    deadline = add_working_days(date(2024, 9, 27), 20)
    assert deadline.notes[:3] == (
        DayNote(date(2024, 9, 28), "weekend", None),
        DayNote(date(2024, 9, 29), "makeup-workday", "国庆节"),
        DayNote(date(2024, 10, 1), "holiday", "国庆节"),
    )
    kinds = {note.day: note.kind for note in deadline.notes}
    assert all(kinds[d] == "holiday" for d in _days(date(2024, 10, 1), date(2024, 10, 7)))
    assert kinds[date(2024, 10, 12)] == "makeup-workday"
    assert kinds[date(2024, 10, 13)] == kinds[date(2024, 10, 27)] == "weekend"
    assert len(deadline.notes) == 1 + 1 + 7 + 1 + 5  # 9/28; 9/29; 10/1–7; 10/12; 5 weekend days


@pytest.mark.parametrize(
    ("start", "n", "makeup", "holiday"),
    [
        (date(2024, 2, 8), 15, [date(2024, 2, 18)], (date(2024, 2, 10), date(2024, 2, 17))),
        (
            date(2023, 1, 20),
            20,
            [date(2023, 1, 28), date(2023, 1, 29)],
            (date(2023, 1, 21), date(2023, 1, 27)),
        ),
        (
            date(2020, 9, 25),
            20,
            [date(2020, 9, 27), date(2020, 10, 10)],
            (date(2020, 10, 1), date(2020, 10, 8)),
        ),
        (date(2025, 4, 25), 20, [date(2025, 4, 27)], (date(2025, 5, 1), date(2025, 5, 5))),
    ],
)
def test_notes_mark_makeup_weekends_and_holidays(
    start: date, n: int, makeup: list[date], holiday: tuple[date, date]
) -> None:
    kinds = _kinds(start, n)
    assert sorted(d for d, k in kinds.items() if k == "makeup-workday") == makeup
    assert sorted(d for d, k in kinds.items() if k == "holiday") == _days(*holiday)


def test_is_working_day() -> None:
    assert is_working_day(date(2024, 9, 29))  # Sunday, 调休 working day
    assert not is_working_day(date(2024, 10, 1))  # National Day
    assert not is_working_day(date(2024, 9, 28))  # ordinary Saturday
    assert is_working_day(date(2024, 9, 30))  # ordinary Monday


def test_zero_working_days() -> None:
    deadline = add_working_days(date(2024, 10, 1), 0)
    assert deadline.due == date(2024, 10, 1) and deadline.notes == ()


def test_negative_working_days() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2024, 10, 1), -1)


def test_outside_the_holiday_data() -> None:
    message = r"仅覆盖 2004–\d{4} 年，无法判断 2100-01-01 是否为工作日 \(holiday data covers"
    with pytest.raises(InputError, match=message):
        add_working_days(date(2099, 12, 31), 1)
    with pytest.raises(InputError, match=r"2004–\d{4}.*2003-12-31"):
        is_working_day(date(2003, 12, 31))
