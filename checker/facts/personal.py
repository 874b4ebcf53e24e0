"""Personal data in a report: resident ID numbers, mobile numbers, e-mail addresses, names.

Precision first: a number is an ID only when its date part is a real date and its check
digit is right; a mobile number labelled as the office's hotline is the office's; an
official named with his post is public. Every datum carries its masked form, which is all
that xxgk ever prints of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date

from msgspec import Struct

from checker.model import Line

_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9_.+-])[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}"
    r"@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4}"
)
#: What an ID number (18 characters) and a mobile number (11 digits) both have.
_LONG_DIGITS = re.compile(r"\d{11}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: Words before a number that make it the office's own line, not a person's.
_OFFICE_LABEL = re.compile(r"(?:热线|电话|传真|咨询|服务|办公|值班|投诉|举报)[^。;]{0,12}$")
_AREA_CODE = re.compile(r"0\d{2,3}\s*[-—－]?\s*$")
#: Mailboxes of organs: a government domain, or an address the text labels as the office's.
_OFFICE_MAIL = re.compile(r"\.gov\.cn$|\.gov$", re.IGNORECASE)
_MAIL_LABEL = re.compile(r"(?:邮箱|电子邮件|E-?mail|信箱|联系)[^。;]{0,12}$", re.IGNORECASE)


class PersonalDatum(Struct, frozen=True):
    """One piece of personal data at a place in the report, and how xxgk prints it."""

    kind: str
    line: Line
    start: int
    end: int
    masked: str

    def forms(self) -> set[str]:
        """The datum as the file wrote it and as analysed (full-width folded)."""
        return {self.line.raw[self.start : self.end], self.line.text[self.start : self.end]}


def redact(text: str, data: Sequence[PersonalDatum]) -> str:
    """The text with every personal datum replaced by its masked form."""
    for datum in data:
        for form in datum.forms():
            text = text.replace(form, datum.masked)
    return text


def find_personal(
    lines: Sequence[Line], surnames: str, name_context: Sequence[re.Pattern[str]], posts: str
) -> list[PersonalDatum]:
    """All personal data in the lines, in file order.

    ``surnames`` is a string of surname characters, ``name_context`` patterns with a
    ``name`` group that place a private person's name, ``posts`` the official titles that
    make a named person an official acting in public.
    """
    officials = (re.compile(f"(?:{posts})$"), re.compile(f"(?:{posts})"))
    found: list[PersonalDatum] = []
    for line in lines:
        if _LONG_DIGITS.search(line.text):  # few lines have a run of digits that long
            found += _ids(line)
            found += _mobiles(line)
        if "@" in line.text:
            found += _emails(line)
        found += _names(line, surnames, name_context, officials)
    return sorted(found, key=lambda d: (d.line.number, d.start))


def mask_id(value: str) -> str:
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_mobile(value: str) -> str:
    return value[:3] + "****" + value[-4:]


def mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    return f"{local[0]}***@{domain}"


def mask_name(value: str) -> str:
    return value[0] + "*" * (len(value) - 1)


def valid_id(value: str) -> bool:
    """An 18-digit resident ID: a real birth date and the right ISO 7064 check character."""
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not date(1900, 1, 1) <= born <= date.today():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == value[17].upper()


def _ids(line: Line) -> Iterator[PersonalDatum]:
    for match in _ID.finditer(line.text):
        if valid_id(match.group()):
            yield PersonalDatum("id", line, match.start(), match.end(), mask_id(match.group()))


def _mobiles(line: Line) -> Iterator[PersonalDatum]:
    for match in _MOBILE.finditer(line.text):
        before = line.text[max(0, match.start() - 20) : match.start()]
        if _AREA_CODE.search(before) or _OFFICE_LABEL.search(before):
            continue
        yield PersonalDatum("mobile", line, match.start(), match.end(), mask_mobile(match.group()))


def _emails(line: Line) -> Iterator[PersonalDatum]:
    for match in _EMAIL.finditer(line.text):
        before = line.text[max(0, match.start() - 20) : match.start()]
        if _OFFICE_MAIL.search(match.group()) or _MAIL_LABEL.search(before):
            continue
        yield PersonalDatum("email", line, match.start(), match.end(), mask_email(match.group()))


def _names(
    line: Line,
    surnames: str,
    context: Sequence[re.Pattern[str]],
    officials: tuple[re.Pattern[str], re.Pattern[str]],
) -> Iterator[PersonalDatum]:
    for pattern in context:
        for match in pattern.finditer(line.text):
            name = match.group("name")
            start, end = match.span("name")
            if name[0] in surnames and not _is_official(line.text, start, end, officials):
                yield PersonalDatum("name", line, start, end, mask_name(name))


def _is_official(
    text: str, start: int, end: int, officials: tuple[re.Pattern[str], re.Pattern[str]]
) -> bool:
    """A name right after or right before a post (常务副市长张君毅, 陈冰冰市长) is an official's."""
    post_before, post_after = officials
    return bool(post_before.search(text[max(0, start - 8) : start]) or post_after.match(text, end))
