"""``xxgk deadline``: due dates under the rulebook's limits and the official holiday schedule."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import run

from checker.deadlines import PURPOSES, due_date, publication_due
from checker.errors import RulebookError
from checker.rulebook import load, load_shipped


def _due(*args: str) -> str:
    result = run("deadline", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


# (start, purpose, due) under the 2008 rules: proactive 20, reply 15, extension 15 working days.
# The counts are spelled out in tests/test_workdays.py against the State Council notices.
CASES = [
    # 2024 National Day: 10/1–7 off, Sun 9/29 and Sat 10/12 worked.
    ("2024-09-27", "reply", "2024-10-23"),
    ("2024-09-27", "proactive", "2024-10-30"),
    # reply + extension = 30: after 10/30 (20th), 10/31–11/1, 11/4–8, 11/11–13 = 21st–30th.
    ("2024-09-27", "extension", "2024-11-13"),
    # 2024 Spring Festival: 2/10–17 off; Sun 2/4 and Sun 2/18 worked.
    ("2024-02-08", "reply", "2024-03-06"),
    # 2023 Spring Festival: 1/21–27 off; Sat 1/28 and Sun 1/29 worked.
    ("2023-01-20", "proactive", "2023-02-22"),
    # 2020 National Day and Mid-autumn: 10/1–8 off; Sun 9/27 and Sat 10/10 worked.
    ("2020-09-25", "proactive", "2020-10-29"),
    # 2015 Spring Festival: 2/18–24 off; Sun 2/15 and Sat 2/28 worked. From Fri 2/13:
    # 2/15=1st, 2/16–17=2nd–3rd, 2/25–27=4th–6th, 2/28 Sat=7th, 3/2–6=8th–12th,
    # 3/9–11=13th–15th.
    ("2015-02-13", "reply", "2015-03-11"),
]


# Under the 2019 rules every limit is 20 working days (articles 26 and 33).
CASES_2019 = [
    ("2024-09-27", "reply", "2024-10-30"),  # the domain brief's example
    # reply + extension = 40: after 10/30 (20th), 10/31–11/1, 11/4–8, 11/11–15, 11/18–22,
    # 11/25–27 = 21st–40th.
    ("2024-09-27", "extension", "2024-11-27"),
    # 2024 Spring Festival: 2/9 (除夕, worked) 1st, 2/18 Sun 2nd, 2/19–23, 2/26–3/1, 3/4–8,
    # 3/11–13 = 3rd–20th.
    ("2024-02-08", "reply", "2024-03-13"),
    ("2023-01-20", "proactive", "2023-02-22"),
]


@pytest.mark.parametrize(
    ("profile", "start", "purpose", "due"),
    [("2008", *case) for case in CASES] + [("2019", *case) for case in CASES_2019],
)
def test_due_dates(profile: str, start: str, purpose: str, due: str) -> None:
    out = _due(start, "--for", purpose, "--profile", profile)
    assert f"最后一天 {due}" in out


def test_every_skipped_day_and_makeup_weekend_is_listed() -> None:
    out = _due("2024-09-27", "--for", "reply", "--profile", "2008")
    assert "2024-09-27（星期五），当日不计入" in out
    assert "2024-09-28  星期六  周末，不计" in out
    assert "2024-09-29  星期日  调休上班（国庆节），计为第 1 个工作日" in out
    assert "2024-10-12  星期六  调休上班（国庆节），计为第 7 个工作日" in out
    for day in range(1, 8):
        assert f"2024-10-0{day}" in out
    assert "《条例》第二十四条第二款" in out and "15 个工作日" in out
    assert "2024-10-26" not in out  # after the due date


def test_spring_festival_lists_the_holiday_and_the_makeup_sunday() -> None:
    out = _due("2024-02-08", "--for", "reply", "--profile", "2008")
    assert "2024-02-10  星期六  春节，不计" in out
    assert "2024-02-18  星期日  调休上班（春节），计为第 2 个工作日" in out


def test_extension_adds_the_reply_and_the_extension() -> None:
    out = _due("2024-09-27", "--for", "extension", "--profile", "2008")
    assert "15 + 15 = 30 个工作日" in out
    assert "答复申请期限 + 延长答复期限" in out


def test_english_output() -> None:
    out = _due("2024-09-27", "--for", "proactive", "--lang", "en", "--profile", "2008")
    assert "Last day allowed 2024-10-30 (Wed)" in out
    assert "2024-09-29  Sun  make-up working day (国庆节), counted as working day 1" in out
    assert "Art. 18" in out


def test_chinese_date_spelling_is_accepted() -> None:
    assert "最后一天 2024-10-23" in _due("2024年9月27日", "--for", "reply", "--profile", "2008")


@pytest.mark.parametrize("bad", ["2024-13-01", "next friday", "2024-02-30"])
def test_bad_date_exits_2(bad: str) -> None:
    result = run("deadline", bad, "--for", "reply")
    assert result.exit_code == 2
    assert "无法识别的日期" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("outside", ["1990-06-01", "2099-12-20"])
def test_date_outside_the_holiday_data_exits_2_with_one_line(outside: str) -> None:
    result = run("deadline", outside, "--for", "reply")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert outside[:4] in result.stderr and "holiday data covers" in result.stderr


def test_limits_come_from_the_rulebook(tmp_path: Path) -> None:
    book = tmp_path / "strict.yaml"
    book.write_text(
        'extends: "2008"\nid: strict\ndeadlines:\n  - id: reply\n    working_days: 20\n',
        encoding="utf-8",
    )
    assert "最后一天 2024-10-30" in _due("2024-09-27", "--for", "reply", "--rules", str(book))
    assert due_date(load(book), "reply", date(2024, 9, 27)).count.working_days == 20


def test_every_purpose_needs_working_day_limits_in_the_rulebook() -> None:
    book = load_shipped("2008")
    for purpose, ids in PURPOSES.items():
        assert due_date(book, purpose, date(2024, 1, 5)).limits == tuple(
            book.deadline(i) for i in ids
        )


def test_publication_due_is_31_march_of_the_next_year() -> None:
    book = load_shipped("2008")
    publication = book.deadline("publication")
    assert publication is not None
    assert publication_due(publication, 2013) == date(2014, 3, 31)
    reply = book.deadline("reply")
    assert reply is not None
    with pytest.raises(RulebookError):
        publication_due(reply, 2013)


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("  - {id: odd, name: x, article: y}\n", "either working_days or month and day"),
        ("  - {id: odd, name: x, article: y, working_days: 5, month: 3, day: 31}\n", "either"),
        ("  - {id: odd, name: x, article: y, month: 2, day: 30}\n", "no such day"),
    ],
)
def test_malformed_deadline_is_a_load_error(tmp_path: Path, entry: str, reason: str) -> None:
    book = tmp_path / "bad.yaml"
    book.write_text(f'extends: "2008"\nid: bad\ndeadlines:\n{entry}', encoding="utf-8")
    with pytest.raises(RulebookError, match=reason):
        load(book)


def test_check_naming_an_unknown_deadline_is_a_load_error(tmp_path: Path) -> None:
    book = tmp_path / "bad.yaml"
    book.write_text(
        'extends: "2008"\nid: bad\nchecks:\n  - id: published-late\n    deadlines: [nope]\n',
        encoding="utf-8",
    )
    with pytest.raises(RulebookError, match="未知期限 'nope'"):
        load(book)
