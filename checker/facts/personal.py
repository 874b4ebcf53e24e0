"""Personal data in a report: resident ID numbers, mobile numbers, e-mail addresses, names.

Precision first: a number is an ID only when its date part is a real date and its check
digit is right; a number or mailbox labelled as the office's (its hotline, its 电子邮箱) or
given in the report's contact clause (如对本报告有疑问，请与…联系（地址…电话…电子邮箱…）) is the
office's; eleven digits that are a cell of a table row (one of a run of numbers, an amount,
or glued between the words of a row that a crawler flattened onto one line) are not a phone
number; an official named with his post is public. The words around a datum are read across
line breaks and with blanks dropped, so a PDF that wraps a sentence anywhere or spaces out its
labels (电 子 邮 箱 ：) reads as the same sentence. Every datum carries its masked form, which
is all that xxgk ever prints of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date

from msgspec import Struct

from checker.clean import is_cjk
from checker.facts.linewise import joined as joined_lines
from checker.model import Line

_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9_.+-])[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}"
    r"@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4}"
)
#: What an ID number (18 characters) and a mobile number (11 digits) both have: eleven
#: digits, spelt so that the pattern opens with a character class, which the search over
#: the report's lines leaps to (``\d{11}`` would have it try every column).
_LONG_DIGITS = re.compile(r"\d\d{10}")
_AT = re.compile("@")  # what every e-mail address has
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: Words right before a number that make it the office's own line, not a person's.
_OFFICE_LABEL = re.compile(r"(?:热线|电话|传真|咨询|服务|办公|值班|投诉|举报)[^。;]{0,12}$")
_AREA_CODE = re.compile(r"0\d{2,3}[-—－]?$")
#: Mailboxes of organs: a government domain, or a name that says 政务/信息公开.
_OFFICE_MAIL = re.compile(r"\.gov\.cn$|\.gov$|^[^@]*(?:xxgk|zwgk|gongkai)[^@]*@", re.IGNORECASE)
_MAIL_LABEL = re.compile(r"(?:邮箱|电子邮件|E-?mail|信箱|联系)[^。;]{0,12}$", re.IGNORECASE)
#: Words that open the report's contact clause: what follows is the office's address.
_CONTACT = re.compile(r"疑问|请与|请联系|联系我们|地址|邮编|邮政编码")
#: A private person: named right before a number or mailbox, or in the clause that gives
#: it, the number or mailbox is that person's.
_PRIVATE = re.compile(r"申请人|信访人|举报人|投诉人|当事人|起诉人|原告|先生|女士")
_NEAR = 20  # characters before a datum where its label or its owner stands
#: Words that label eleven digits as somebody's phone, whatever surrounds them.
_PHONE_LABEL = re.compile(r"(?:手机|号码|联系方式|来电|致电|Tel|TEL|tel)[^。;]{0,4}$")
#: What follows an amount or a count: a decimal part or a unit (13688886666.50元).
_QUANTITY = re.compile(r"\.\d|[元万亿件条个项次人户份家%‰]")
_CLAUSE_END = re.compile(r".*[。;！？!?]", re.DOTALL)
_BLANKS = re.compile(r"\s+")
_WINDOW = 160  # characters of context read before a datum (its clause, at most)
_MAX_LINES = 8  # lines read on either side of a datum for that context


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
    joined = joined_lines(lines)  # most reports have none: a search looks at all lines at once
    found: list[PersonalDatum] = []
    for index in joined.candidates(_LONG_DIGITS):  # few lines have a run of digits that long
        found += _ids(lines[index])
        found += _mobiles(lines, index)
    for index in joined.candidates(_AT):
        found += _emails(lines, index)
    for pattern in name_context:
        for index in joined.candidates(pattern):
            found += _names(lines[index], surnames, pattern, officials)
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


def _mobiles(lines: Sequence[Line], index: int) -> Iterator[PersonalDatum]:
    line = lines[index]
    if _is_table_row(line.text):
        return
    for match in _MOBILE.finditer(line.text):
        before = _before(lines, index, match.start())
        if _AREA_CODE.search(before) or _is_organs(before, _OFFICE_LABEL):
            continue
        opens_line = not line.text[: match.start()].strip()
        if not _is_phone(before, _after(lines, index, match.end()), opens_line):
            continue
        yield PersonalDatum("mobile", line, match.start(), match.end(), mask_mobile(match.group()))


def _emails(lines: Sequence[Line], index: int) -> Iterator[PersonalDatum]:
    line = lines[index]
    for match in _EMAIL.finditer(line.text):
        before = _before(lines, index, match.start())
        if _OFFICE_MAIL.search(match.group()) or _is_organs(before, _MAIL_LABEL):
            continue
        yield PersonalDatum("email", line, match.start(), match.end(), mask_email(match.group()))


def _is_organs(before: str, label: re.Pattern[str]) -> bool:
    """Whether a number or mailbox is the organ's own: labelled as the office's, or given in
    the report's contact clause (如对本报告有疑问，请与…联系（地址：…，电子邮箱：…）). Not when a
    private person (申请人, 当事人) is named right before it (申请人邮箱：…), and a clause
    that names one is about that person, not the office's contact clause."""
    clause = _CLAUSE_END.sub("", before)
    near = clause[-_NEAR:]
    if _PRIVATE.search(near):
        return False
    if label.search(near):
        return True
    return bool(_CONTACT.search(clause)) and not _PRIVATE.search(clause)


def _is_phone(before: str, after: str, opens_line: bool) -> bool:
    """Whether eleven digits that look like a mobile number stand alone as one.

    Labelled as a phone (手机, 联系方式) they are one. Otherwise they are a table's cell, not a
    phone, when they are an amount (a decimal part or a unit follows), one of a run of
    numbers (another number is next to them across a blank or a line break), or glued
    between Chinese words on both sides: a row's label and the next row of a table that a
    crawler ran together (申请数量13900000126二、上年结转…). A row's cells follow its label on
    its own line, while the next row may start the next line: so digits that open a line
    are not glued to what precedes them.
    """
    if _PHONE_LABEL.search(before[-_NEAR:]):
        return True
    if _QUANTITY.match(after):
        return False
    previous, following = before[-1:], after[:1]
    if previous.isdigit() or following.isdigit():
        return False
    return opens_line or not (previous and following and is_cjk(previous) and is_cjk(following))


def _is_table_row(text: str) -> bool:
    """A pipe or tab row: its cells are a table's, never a phone number."""
    stripped = text.strip()
    return (stripped.startswith("|") and stripped.count("|") >= 2) or "\t" in stripped


def _before(lines: Sequence[Line], index: int, column: int) -> str:
    """Up to ``_WINDOW`` characters before a column, blanks dropped, across line breaks."""
    parts = [_squeeze(lines[index].text[max(0, column - 3 * _WINDOW) : column])]
    size = len(parts[0])
    for previous in range(index - 1, max(-1, index - 1 - _MAX_LINES), -1):
        if size >= _WINDOW:
            break
        parts.append(_squeeze(lines[previous].text[-3 * _WINDOW :]))
        size += len(parts[-1])
    return "".join(reversed(parts))[-_WINDOW:]


def _after(lines: Sequence[Line], index: int, column: int) -> str:
    """The first few characters after a column, blanks dropped, across line breaks."""
    text = _squeeze(lines[index].text[column : column + _NEAR])
    for following in lines[index + 1 : index + 1 + _MAX_LINES]:
        if text:
            break
        text = _squeeze(following.text[:_NEAR])
    return text


def _squeeze(text: str) -> str:
    return _BLANKS.sub("", text)


def _names(
    line: Line,
    surnames: str,
    pattern: re.Pattern[str],
    officials: tuple[re.Pattern[str], re.Pattern[str]],
) -> Iterator[PersonalDatum]:
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
