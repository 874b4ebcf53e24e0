"""Time limits a report commits to (承诺时限): "保证在15个工作日内予以公开".

A number of days counts as a time limit only in the form of one ("15个工作日内",
"不超过15个工作日"), and it speaks of a legal deadline only when that deadline's words (the
rulebook's ``words:``) stand near it: in the same clause, or failing that in the same sentence.
Precision first: "3个工作日内完成审批" names no disclosure limit and is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from msgspec import Struct

from checker.clean import clause_span
from checker.facts.linewise import joined
from checker.facts.numbers import Number, find_numbers
from checker.model import Line
from checker.rulebook import Deadline

#: Measure words of a time limit, and whether they count working days (工作日) or calendar days.
DAY_UNITS = {"个工作日": True, "工作日": True, "日": False, "天": False}
# A limit reads "…日内/之内/以内", or "不超过/最长/最多…日" before the number.
_WITHIN = re.compile(r"\s*[之以]?内")
_AT_MOST_WORDS = "超过|最长|最多|最迟|期限为|时限为"
_AT_MOST = re.compile(rf"(?:{_AT_MOST_WORDS})\s*$")
#: What every line stating a limit has: a day unit (日, 天) with 内, or an at-most word.
#: Each alternative opens with a plain character, so that the search over the report's
#: lines leaps to those characters (``[日天]…`` would have it try every column).
_LIMIT_WORDS = re.compile(rf"日{_WITHIN.pattern}|天{_WITHIN.pattern}|{_AT_MOST_WORDS}")
_AT_MOST_REACH = 6  # characters before the number searched for 不超过…
_REACH = 120  # characters around a number searched for its clause and sentence
_CLAUSE_MARKS = ",;:。!?"  # text is folded, so ， ； ： ！ ？ are already ASCII
_SENTENCE_MARKS = ";。!?"


class Commitment(Struct, frozen=True):
    """A time limit stated in the text, and the legal deadline it speaks of."""

    line: Line
    start: int  # column of the number
    end: int  # column after the measure word
    days: int
    working: bool  # counted in working days, not calendar days
    deadline: Deadline

    @property
    def stated(self) -> str:
        """The limit as the report writes it ("15日", "十五个工作日")."""
        return self.line.quote(self.start, self.end)


def find_commitments(lines: Sequence[Line], deadlines: Sequence[Deadline]) -> Iterator[Commitment]:
    """Every time limit in ``lines`` that speaks of one of the working-day ``deadlines``.

    When the words of several deadlines stand near a number, the first in rulebook order wins,
    so rulebooks list the more specific deadline first (an extension also names the reply).
    """
    candidates = [d for d in deadlines if d.working_days is not None and d.words]
    # Only the lines with a limit's words are read: few lines, whose numbers alone are read.
    for line in joined(lines).matching(_LIMIT_WORDS):
        for number in find_numbers(line.text):
            days = _days(line.text, number)
            deadline = _spoken_of(line.text, number.start, candidates) if days else None
            if days and deadline:
                end = number.end + len(number.unit)
                yield Commitment(line, number.start, end, days, DAY_UNITS[number.unit], deadline)


def _days(text: str, number: Number) -> int | None:
    """The number of days if ``number`` is a time limit, else None."""
    if number.unit not in DAY_UNITS or number.percent or number.approx or number.scale != 1:
        return None
    if number.value != number.value.to_integral_value():
        return None  # 1.5天 is no limit
    if text[number.start - 1 : number.start] == "月":
        return None  # the 22日 of 1月22日 is a date
    after = number.end + len(number.unit)
    before = max(0, number.start - _AT_MOST_REACH)
    if not (_WITHIN.match(text, after) or _AT_MOST.search(text, before, number.start)):
        return None
    return int(number.value)


def _spoken_of(text: str, pos: int, deadlines: Sequence[Deadline]) -> Deadline | None:
    """The deadline whose words stand nearest ``pos``: in its clause, else in its sentence."""
    for marks in (_CLAUSE_MARKS, _SENTENCE_MARKS):
        left, right = clause_span(text, pos, pos, marks, _REACH)
        scope = text[left:right]
        for deadline in deadlines:
            if any(pattern.search(scope) for pattern in deadline.words):
                return deadline
    return None
