"""What a report says about itself: title, organ, reporting year, dates, statistical period."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

from checker.facts.numbers import find_dates
from checker.model import Line, Report, ReportFacts
from checker.parse import ORGAN, organ_name

YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?|([〇○零一二三四五六七八九]{4})\s*年度?")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_PUBLISHED = re.compile(r"发布(?:时间|日期)|^\s*(?:日期|时间)\s*:|成文日期")
_COMPILED_BY = re.compile(rf"由({ORGAN.pattern})(?:负责)?编制")
PERIOD = re.compile(
    r"统计(?:期限|期间|时限|时段|区间|周期)|数据.{0,6}(?:期限|期间).{0,4}自"
    r"|\d{4}\s*年\s*1\s*月\s*1\s*日(?:起)?\s*(?:至|到|-|—)\s*(?:\d{4}\s*年\s*)?12\s*月\s*31\s*日"
)
#: The dates of a period statement left blank: 自 年 月 日, 至____ (a blank year is 年 right
#: after the word that opens a date).
_BLANK_DATE = re.compile(r"(?:自|从|至|到|为|:)\s*(?:年\s*月\s*日?|_{2,})(?:\s*[起止])?")
#: How far into the text the reporting year is looked for when the title has none.
YEAR_HEAD_LINES = 5
#: How far after the words 统计期限… the period's dates are looked for.
PERIOD_REACH = 30
# "2013年,咸宁市…": a paragraph that opens with a year tells which year the text reports on.
_OPENING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年度?\s*,")


def extract(report: Report) -> ReportFacts:
    """The facts of one parsed report."""
    lines = report.document.lines
    year, year_line = _reporting_year(report)
    published = _first_date(line for line in report.meta if _PUBLISHED.search(line.text))
    dated = _first_date([report.signature.date] if report.signature.date else [])
    dated = dated or _first_date(line for line in report.meta if not _PUBLISHED.search(line.text))
    # The later date is when the report was public at the latest: a report cannot go out
    # before it is signed, so a signature after the deadline makes it late whatever the page
    # says. On a tie the signature is quoted.
    latest = max((d for d in (dated, published) if d), key=lambda d: d[0], default=None)
    period_line, period_years, period_blank = _period(lines)
    text_year, text_year_line = _text_year(report)
    return ReportFacts(
        title=report.title.text.strip() if report.title else None,
        organ=_organ(report),
        reporting_year=year,
        year_line=year_line,
        published_on=published[0] if published else None,
        dated_on=dated[0] if dated else None,
        date_line=latest[1] if latest else None,
        period_stated=period_line is not None,
        period_line=period_line,
        period_years=period_years,
        period_blank=period_blank,
        text_year=text_year,
        text_year_line=text_year_line,
    )


def year_of(match: re.Match[str]) -> int:
    """The year of a ``YEAR`` match (Arabic or Chinese digits)."""
    arabic, chinese = match.groups()
    return int(arabic or chinese.translate(_CN_DIGITS))


def _reporting_year(report: Report) -> tuple[int | None, int | None]:
    candidates = [report.title] if report.title else []
    candidates += list(report.document.lines[:YEAR_HEAD_LINES])
    for line in candidates:
        match = YEAR.search(line.text)
        if match:
            return year_of(match), line.number
    return None, None


def _period(
    lines: Iterable[Line],
) -> tuple[int | None, tuple[int, ...], tuple[int, int, int] | None]:
    """The line stating the statistical period and the years of the dates it gives; and the
    first statement whose dates were left blank (line, columns), which states nothing."""
    blank = None
    for line in lines:
        for match in PERIOD.finditer(line.text):
            end = match.end() + PERIOD_REACH
            gaps = list(_BLANK_DATE.finditer(line.text, match.end(), end))
            if gaps:
                blank = blank or (line.number, match.start(), gaps[-1].end())
                continue
            reach = range(match.start(), end)
            years = tuple(d.value.year for d in find_dates(line.text) if d.start in reach)
            return line.number, years, blank
    return None, (), blank


def _text_year(report: Report) -> tuple[int | None, int | None]:
    """The year the paragraphs report on ("2013年,咸宁市…"), and its first line.

    Only a year that opens more than half of the paragraphs opening with a year counts: a
    paragraph on last year's history or next year's plans must not decide it.
    """
    openers = [
        (int(match.group(1)), line.number)
        for line in report.document.lines
        if (match := _OPENING_YEAR.match(line.text))
    ]
    counts = Counter(year for year, _ in openers)
    year, count = counts.most_common(1)[0] if counts else (None, 0)
    if year is None or count * 2 <= len(openers):
        return None, None
    return year, next(number for found, number in openers if found == year)


def _first_date(lines: Iterable[Line]) -> tuple[date, int] | None:
    for line in lines:
        found = find_dates(line.text)
        if found:
            return found[0].value, line.number
    return None


def _organ(report: Report) -> str | None:
    if report.signature.organ:
        return report.signature.organ.text.strip()
    for line in report.meta:
        if organ := organ_name(line.text):
            return organ
    for line in report.preamble[:3]:
        match = _COMPILED_BY.search(line.text)
        if match:
            return match.group(1)
    if report.title:
        head = YEAR.sub("", report.title.text.split("政府信息公开")[0])
        return organ_name(head)
    return None
