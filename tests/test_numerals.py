"""Chinese numerals in standard form, read without a third-party parser."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from checker.facts.numbers import parse_date, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百零五", Decimal(105)),  # 零 marks the skipped tens
        ("一千零一十", Decimal(1010)),
        ("一千零十五", Decimal(1015)),  # after 零, 十 may stand without 一
        ("一百一十五", Decimal(115)),
        ("一万零五百", Decimal(10500)),
        ("三亿五千万", Decimal(350_000_000)),
        ("两百万", Decimal(2_000_000)),
        ("九十八点二", Decimal("98.2")),
        ("一点零五", Decimal("1.05")),
        ("零点五", Decimal("0.5")),
    ],
)
def test_standard_numerals(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "一百二",  # colloquial 120: not read, for precision
        "一百十五",  # 十 right after 百 needs its 一
        "三亿四百万",  # the skipped 千万 needs a 零
        "十十",
        "一点零",  # a trailing zero after the point is no standard form
        "二十两",
    ],
)
def test_non_standard_numerals_are_not_read(text: str) -> None:
    assert parse_number(text) is None


def test_chinese_dates_read_year_digit_by_digit() -> None:
    assert parse_date("二〇二四年十二月三十一日") == date(2024, 12, 31)
    assert parse_date("二〇二四年十三月一日") is None
