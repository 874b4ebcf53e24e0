"""Rule kinds about time (时效与期限): the time limits a report commits to, when it was
published, the statistical period it covers and the years it names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

from msgspec import field

from checker.deadlines import publication_due
from checker.facts.commitments import Commitment
from checker.facts.numbers import find_dates
from checker.model import Line, ReportFacts, Text
from checker.rulebook import Deadline, Rulebook
from checker.rules.base import Check, Context, Hit, kind


def _commitment_hit(commitment: Commitment) -> Hit:
    deadline = commitment.deadline
    return Hit(
        line=commitment.line,
        start=commitment.start,
        end=commitment.end,
        values={"name": deadline.name, "stated": commitment.stated, "limit": deadline.working_days},
        article=deadline.article,
    )


@kind("deadline-exceeds")
class DeadlineExceeds(Check, frozen=True):
    """A stated time limit is longer than the law's (proactive disclosure, reply, extension).

    Which limit a sentence speaks of is told by the rulebook deadline's ``words``; a stricter
    limit is fine and is recorded as verified.
    """

    def run(self, ctx: Context) -> Iterator[Hit]:
        for commitment in ctx.commitments:
            limit = commitment.deadline.working_days or 0
            if commitment.days > limit:
                yield _commitment_hit(commitment)
            elif commitment.working:
                name = commitment.deadline.name
                detail = Text(
                    f"{name.zh}不超过法定{limit}个工作日",
                    f"{name.en}: within the legal {limit} working days",
                )
                ctx.verified(self.id, commitment.line, commitment.stated, detail)


@kind("deadline-calendar-days")
class DeadlineCalendarDays(Check, frozen=True):
    """A time limit is stated in calendar days (15日内, 15天) where the law counts working days.

    A calendar limit longer than the law's is left to ``deadline-exceeds``: one finding each.
    """

    def run(self, ctx: Context) -> Iterator[Hit]:
        for commitment in ctx.commitments:
            within = commitment.days <= (commitment.deadline.working_days or 0)
            if within and not commitment.working:
                yield _commitment_hit(commitment)


class _PublicationCheck(Check, frozen=True):
    """Shared by the checks on the report's own date against the rulebook's deadlines.

    ``deadlines`` are ids of calendar-date deadlines; the first that binds the report's
    organ applies (2019: departments by 31 January, any other organ by 31 March).
    """

    deadlines: list[str] = field(default_factory=list)

    def invalid(self, rulebook: Rulebook) -> str | None:
        if not self.deadlines:
            return "应列出 deadlines (name the publication deadlines)"
        for deadline_id in self.deadlines:
            found = rulebook.deadline(deadline_id)
            if found is None:
                return f"未知期限 {deadline_id!r} (unknown deadline)"
            if found.month is None:
                return f"期限 {deadline_id!r} 不是日期 (not a calendar-date deadline)"
        return None

    def _deadline(self, ctx: Context) -> Deadline | None:
        found = (ctx.rulebook.deadline(deadline_id) for deadline_id in self.deadlines)
        return next((d for d in found if d is not None and ctx.applies(organ=d.organ)), None)

    @staticmethod
    def _before_the_law(ctx: Context) -> bool:
        """True for a report on a year before the rulebook's first: no deadline bound it."""
        year = ctx.facts.reporting_year
        return year is not None and year < ctx.rulebook.years[0]


@kind("published-late")
class PublishedLate(_PublicationCheck, frozen=True):
    """The report's date is after the publication deadline (2008: 31 March of the year after).

    The later of the 发布时间 and the signature date counts: a report is not out before it is
    signed. Without a reporting year there is no verdict.
    """

    def run(self, ctx: Context) -> Iterator[Hit]:
        facts, deadline = ctx.facts, self._deadline(ctx)
        year, dated, line = facts.reporting_year, facts.report_date, ctx.line_at(facts.date_line)
        if year is None or dated is None or line is None or deadline is None:
            return
        if self._before_the_law(ctx):
            return
        due = publication_due(deadline, year)
        start, end = _date_span(line, dated)
        if dated > due:
            values = {"date": _day(dated), "due": _day(due), "year": year, "name": deadline.name}
            yield Hit(line=line, start=start, end=end, values=values, article=deadline.article)
        else:
            ctx.verified(self.id, line, line.quote(start, end), Text.both(f"{dated} ≤ {due}"))


@kind("publication-date-missing")
class PublicationDateMissing(_PublicationCheck, frozen=True):
    """The report gives neither a 发布时间/发布日期 nor a signature date, so its timeliness
    cannot be checked."""

    def run(self, ctx: Context) -> Iterator[Hit]:
        if ctx.facts.report_date is None and not self._before_the_law(ctx):
            deadline = self._deadline(ctx)
            yield Hit(line=None, article=deadline.article if deadline else None)


@kind("period-missing")
class PeriodMissing(Check, frozen=True):
    """The report does not state its statistical period (统计期限自…1月1日起至…12月31日止)."""

    def run(self, ctx: Context) -> Iterator[Hit]:
        # A statement with its dates left blank is ``period-blank``'s, at its line.
        if not ctx.facts.period_stated and ctx.facts.period_blank is None:
            yield Hit(line=None)


@kind("period-blank")
class PeriodBlank(Check, frozen=True):
    """The report's statement of its statistical period has its dates left blank
    (统计期限自 年 月 日起至 年 月 日止): a template sentence never filled in."""

    def run(self, ctx: Context) -> Iterator[Hit]:
        if ctx.facts.period_stated or ctx.facts.period_blank is None:
            return
        number, start, end = ctx.facts.period_blank
        yield Hit(line=ctx.line_at(number), start=start, end=end)


@kind("year-mismatch")
class YearMismatch(Check, frozen=True):
    """The reporting year (title), the statistical period's years and the year the paragraphs
    report on disagree.

    One finding, at the first year that differs from the one most often named (on a tie, from
    the first named): a wrong title among agreeing period and text is quoted as the title.
    """

    def run(self, ctx: Context) -> Iterator[Hit]:
        stated = _years_stated(ctx.facts)
        if len({year for _, year, _ in stated}) < 2:
            return
        # most_common keeps first-seen order among equals, so a tie goes to the first named
        reference = Counter(year for _, year, _ in stated).most_common(1)[0][0]
        _, year, number = next(item for item in stated if item[1] != reference)
        line = ctx.line_at(number)
        start = line.text.find(str(year)) if line else -1
        end = start + len(str(year)) if start >= 0 else None
        yield Hit(line=line, start=max(start, 0), end=end, values={"years": _listing(stated, ctx)})


_YEAR_SOURCES = (
    Text("报告年度", "reporting year"),
    Text("统计期限", "statistical period"),
    Text("正文", "text"),
)


def _years_stated(facts: ReportFacts) -> list[tuple[Text, int, int]]:
    """(where, year, line) for each year the report names for itself, in that order."""
    title, period, text = _YEAR_SOURCES
    stated: list[tuple[Text, int, int]] = []
    if facts.reporting_year is not None and facts.year_line is not None:
        stated.append((title, facts.reporting_year, facts.year_line))
    if facts.period_line is not None:
        stated += [(period, year, facts.period_line) for year in dict.fromkeys(facts.period_years)]
    if facts.text_year is not None and facts.text_year_line is not None:
        stated.append((text, facts.text_year, facts.text_year_line))
    return stated


def _listing(stated: list[tuple[Text, int, int]], ctx: Context) -> Text:
    lines = [(where, year, ctx.file_line(line)) for where, year, line in stated]
    zh = "、".join(f"{where.zh}{year}年（第{line}行）" for where, year, line in lines)
    en = ", ".join(f"{where.en} {year} (line {line})" for where, year, line in lines)
    return Text(zh, en)


def _date_span(line: Line, day: date) -> tuple[int, int | None]:
    """The columns of ``day`` as written in ``line`` (the whole line if not found)."""
    found = next((d for d in find_dates(line.text) if d.value == day), None)
    return (found.start, found.end) if found else (0, None)


def _day(day: date) -> Text:
    return Text(f"{day.year}年{day.month}月{day.day}日", day.isoformat())
