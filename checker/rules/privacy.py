"""Rule kind: personal data that a published report must not contain."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from msgspec import field

from checker.facts.personal import PersonalDatum, find_personal
from checker.model import Line, Text
from checker.rules.base import Check, Context, Hit, kind

if TYPE_CHECKING:
    from checker.rulebook import Rulebook

KIND_NAMES = {
    "id": Text("身份证号码", "resident ID number"),
    "mobile": Text("手机号码", "mobile number"),
    "email": Text("个人电子邮箱", "personal e-mail address"),
    "name": Text("私人姓名", "private person's name"),
}


@kind("personal-data")
class PersonalData(Check, frozen=True):
    """ID numbers, mobile numbers, personal e-mail and private names; never printed unmasked.

    ``surnames`` lists surname characters; ``name_context`` are patterns with a ``name``
    group placing a private person (an applicant, a petitioner); ``posts`` are the titles
    that make a named person an official acting in public.
    """

    surnames: str = ""
    name_context: list[re.Pattern[str]] = field(default_factory=list)
    posts: str = "书记|市长|区长|县长|局长|主任|主席|部长|厅长|处长|科长|镇长|乡长|同志"

    def find(self, lines: tuple[Line, ...]) -> list[PersonalDatum]:
        """The personal data in the report's lines."""
        return find_personal(lines, self.surnames, self.name_context, self.posts)

    def run(self, ctx: Context) -> Iterator[Hit]:
        for datum in ctx.personal:
            yield Hit(
                line=datum.line,
                start=datum.start,
                end=datum.end,
                values={"kind": KIND_NAMES[datum.kind], "masked": datum.masked},
            )


def personal_data(rulebook: Rulebook, lines: Sequence[Line]) -> list[PersonalDatum]:
    """The personal data in the lines, as the rulebook's personal-data checks find it."""
    finders = [check for check in rulebook.checks if isinstance(check, PersonalData)]
    return [datum for finder in finders for datum in finder.find(tuple(lines))]
