"""Read the numbers and dates written in Chinese reports.

This is the one place that turns report text into quantities. It reads Arabic digits
(half- or full-width, with thousands separators and decimals), the 万/亿 scale words,
余/多 ("more than"), percentages, and Chinese numerals; and dates in the usual Arabic
and Chinese spellings.

Precision beats recall: when a reading is doubtful (ordinals, list markers, slogans such
as 一条龙, digits glued to letters or to other digits by - / :) the text is not read at
all, because a missing number is a smaller harm than a wrong one.

All scanning regexes are free of nested or overlapping quantifiers, so they run in
linear time even on a multi-megabyte line. Offsets always refer to the string given:
the full-width fold is 1:1, so it never moves a character.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from msgspec import Struct

from checker.clean import is_cjk

__all__ = [
    "DateMatch",
    "Number",
    "find_dates",
    "find_numbers",
    "parse_date",
    "parse_number",
    "precision",
    "spell",
    "unit_at",
]


class Number(Struct, frozen=True):
    """A number as written in the text.

    ``text[start:end] == raw`` covers the number with its 百分之 / 余 / 多 / 万 / 亿 / %
    but not the measure word, which is in ``unit`` and starts at ``end``.
    """

    start: int
    end: int
    raw: str
    value: Decimal  # 14.2万 -> 142000; 98.2% -> 98.2 (percent kept as stated)
    decimals: int  # digits written after the decimal point
    scale: int  # 1, 10_000 (万) or 100_000_000 (亿)
    percent: bool
    unit: str  # measure word right after the number, "" if none
    approx: bool = False  # written with 余 or 多: "700余条", "2万多条"


class DateMatch(Struct, frozen=True):
    """A full calendar date found in the text; ``raw == text[start:end]``."""

    start: int
    end: int
    raw: str
    value: date


# Full-width ASCII (U+FF01..U+FF5E) maps 1:1 to ASCII; ○ and ◯ stand in for 〇 in
# years such as 二○○六. Every mapping is one character to one, so offsets survive.
_FOLD = str.maketrans(
    {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {"○": "〇", "◯": "〇"}
)

_SCALES = {"万": 10_000, "亿": 100_000_000}
_APPROX = frozenset("余多")
_CN_DIGITS = "〇零一二三四五六七八九"  # one character per decimal digit, as in years
_CN_CHARS = _CN_DIGITS + "两十百千万亿"
# A Chinese number must start like a count; a run starting with 百/千/万/点 is a word
# (千家万户, 万一, 重点…), never a quantity in these reports.
_CN_LEAD = frozenset(_CN_DIGITS + "两十")
_CN_CHAR_SET = frozenset(_CN_CHARS)
_CN_ORDER = "亿万千百十"  # the units of a numeral, largest first
_MAX_DIGITS = 18  # characters of an Arabic number, separators and point included
_MAX_CN_RUN = 20  # longer runs are not numerals; also bounds the numeral reader's work
_JOINERS = frozenset("-/:~—–")  # digits joined by these are dates, times, phones or ranges

_UNITS = (
    "个工作日", "个百分点", "百分点", "工作日", "个月", "人次", "条次", "件次", "小时",
    "分钟", "季度", "个", "件", "条", "项", "期", "份", "次", "天", "日", "家", "名", "人",
    "户", "篇", "场", "位", "张", "年", "月", "周", "元", "类", "种", "批", "起", "例",
    "宗", "笔", "册", "页", "字", "套", "台", "倍", "岁", "分", "号",
)  # fmt: skip
# Chinese numerals are read only before one of these: a short list keeps 十分, 一把手,
# 一批, 一些 … out. 年 and 月 get extra checks in _chinese_unit_ok.
_CN_UNITS = (
    "个工作日", "个月", "人次", "小时", "个", "件", "条", "项", "次", "家", "期", "名",
    "人", "天", "日", "月", "年", "份", "篇", "场", "位", "户", "类",
)  # fmt: skip


def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so 个工作日 wins over 个 and 人次 over 人.
    return re.compile("|".join(sorted(words, key=len, reverse=True)))


_UNIT_RE = _alternation(_UNITS)
_CN_UNIT_RE = _alternation(_CN_UNITS)

# Words in which a numeral followed by a measure word is not a count.
_IDIOM_RE = re.compile(
    "一条龙|一站式|一厅式|一门式|一次性|一件事|一张网|一揽子|一把手|三个一|二次|千家万户"
    "|统一|唯一|万一|单一|同一|之一|进一步|逐一"
)
_MAX_IDIOM = 4

# Thousands groups only as ",ddd" not followed by a further digit, so 2、3 and
# 1315,98.2% stay separate numbers. Dots repeat so that 2014.2.20 is one (rejected) run.
# Each scanning pattern opens with a look-ahead at the characters a match can start with
# (changing nothing it matches): \`re\` then leaps to them instead of trying the
# look-behind, or the optional 百分之, at every column of the text (~3× quicker).
_ARABIC_RE = re.compile(
    r"(?=[百\d])(?<![\d.])(?P<pct>百分之)?(?P<core>(?:\d{1,3}(?:,\d{3}(?!\d))+|\d+)(?:\.\d+)*)"
)
_CN_RUN_RE = re.compile(f"(?=[{_CN_CHARS}点])(?P<pct>百分之)?(?P<run>[{_CN_CHARS}点]+)")

_SPACE = " ?"  # reports extracted from PDF sometimes put one space around 年/月/日
_DATE_CN_RE = re.compile(
    rf"(?=\d)(?<!\d)(\d{{4}}){_SPACE}年{_SPACE}(\d{{1,2}}){_SPACE}月{_SPACE}(\d{{1,2}}){_SPACE}日"
)
_DATE_SEP_RE = re.compile(
    r"(?=\d)(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d|\.\d)"
    r"(?: ?\d{1,2}:\d{2}(?::\d{2})?(?!\d))?"  # a time of day belongs to the match
)
_DATE_HAN_RE = re.compile(
    f"(?=[{_CN_DIGITS}])(?<![{_CN_CHARS}])([{_CN_DIGITS}]{{4}})年([一二三四五六七八九十]{{1,3}})月"
    "([一二三四五六七八九十]{1,3})日"
)


class _Tail(NamedTuple):
    """What follows the digits: 余/多, 万/亿, %, and the measure word."""

    end: int  # end of the number proper (the unit starts here)
    approx: bool
    scale: int
    percent: bool
    unit: str


#: Any character ``_FOLD`` changes.
_TO_FOLD = re.compile("[\uff01-\uff5e○◯]")


def _fold(text: str) -> str:
    # Report lines arrive folded by the clean stage already, and translating costs a
    # lookup per character: a search for anything left to fold is far cheaper.
    return text.translate(_FOLD) if _TO_FOLD.search(text) else text


def _digitwise(numeral: str) -> Decimal | None:
    """A numeral written digit by digit, as years are: 二〇〇六 -> 2006."""
    if not numeral or any(ch not in _CN_DIGITS for ch in numeral):
        return None
    return Decimal("".join(str(int(unicodedata.numeric(ch))) for ch in numeral))


@lru_cache(maxsize=4096)
def _numeral(text: str) -> Decimal | None:
    """The value of a Chinese numeral in standard form (十五, 一百零五, 九十八点二), else None.

    Standard form only, for precision: what follows a unit either starts one order lower
    (一百二十) or, when an order is skipped, after 零 (一百零五); colloquial forms (一百二
    for 120), runs of digits (三五) and 两 after 十 are not read.
    """
    whole, point, fraction = text.partition("点")
    value = 0 if whole in ("零", "〇") else _integer(whole, 0, lead=True)
    if value is None:
        return None
    if not point:
        return Decimal(value)
    digits = _digitwise(fraction)
    if digits is None or fraction[-1] in "零〇":  # 一点零 is no standard form
        return None
    return value + digits.scaleb(-len(fraction))


def _integer(text: str, level: int, lead: bool) -> int | None:
    """``text`` read with the units from ``_CN_ORDER[level:]``; None if not standard form.

    ``lead`` says the numeral starts here, where 十 may stand without 一 (十五, 一千零十五),
    unlike right after a larger unit (一百一十五, not 一百十五).
    """
    for i in range(level, len(_CN_ORDER)):
        high, found, low = text.partition(_CN_ORDER[i])
        if found:
            return _with_unit(high, i, low, lead)
    return int(unicodedata.numeric(text)) if len(text) == 1 and text in _CN_DIGITS[2:] else None


def _with_unit(high: str, i: int, low: str, lead: bool) -> int | None:
    unit = int(unicodedata.numeric(_CN_ORDER[i]))
    if unit >= 10_000:  # 万 and 亿 multiply a whole numeral: 二十二万, 三千五百万
        head = _integer(high, i + 1, lead)
    elif not high and lead and unit == 10:
        head = 1
    else:  # 十, 百 and 千 multiply one digit
        head = _integer(high, len(_CN_ORDER), lead=False)
    rest = _remainder(low, i, unit)
    return head * unit + rest if head and rest is not None else None


def _remainder(low: str, i: int, unit: int) -> int | None:
    """What follows a unit: nothing, 零 and a number below the next order, or that order."""
    if not low:
        return 0
    if low[0] in "零〇":
        rest = _integer(low[1:], i + 1, lead=True)
        return rest if rest and rest < unit // 10 else None
    rest = _integer(low, i + 1, lead=False)
    return rest if rest and rest >= unit // 10 else None


def _whole(value: Decimal) -> Decimal:
    # 14.2 × 10000 is Decimal("142000.0"); drop the meaningless ".0".
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _approx_ok(text: str, pos: int, unit_re: re.Pattern[str]) -> bool:
    # 余/多 mean "more than" only before a scale, unit, % or punctuation; in 12345多渠道
    # the 多 belongs to the next word.
    if pos >= len(text) or text[pos] in "万亿%":
        return True
    return bool(unit_re.match(text, pos)) or not is_cjk(text[pos])


def _read_tail(text: str, pos: int, unit_re: re.Pattern[str]) -> _Tail:
    approx, scale = False, 1
    if text[pos : pos + 1] in _APPROX and _approx_ok(text, pos + 1, unit_re):
        approx, pos = True, pos + 1
    if text[pos : pos + 1] in _SCALES:
        scale, pos = _SCALES[text[pos]], pos + 1
        if text[pos : pos + 1] in _APPROX and _approx_ok(text, pos + 1, unit_re):
            approx, pos = True, pos + 1
    if text.startswith("%", pos):
        return _Tail(pos + 1, approx, scale, True, "")
    unit = unit_re.match(text, pos)
    return _Tail(pos, approx, scale, False, unit.group() if unit else "")


def _arabic_context_bad(text: str, start: int, end: int) -> bool:
    """True where digits are an ordinal, a code, or part of a date/time/phone/range."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before == "第" or (before.isascii() and before.isalpha()):
        return True  # 第30次 is an ordinal; ISO9000 a code
    if after.isascii() and after.isalpha():
        return True  # 20xx年, 5G
    if before in _JOINERS and start >= 2 and text[start - 2].isdigit():
        return True
    return after in _JOINERS and text[end + 1 : end + 2].isdigit()


def _list_marker(text: str, start: int, end: int) -> bool:
    """1、 or 1. at the start of a line, or (1): enumeration, not a quantity."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if (not before or before.isspace()) and after in ("、", "."):
        return True
    return before == "(" and after == ")"


def _unreadable_end(text: str, start: int, end: int, tail: _Tail) -> bool:
    """A list marker (1、, (1)) or a mixed form such as 1万二千, which we do not read."""
    if text[tail.end : tail.end + 1] in _CN_CHAR_SET:
        return True
    return tail.end == end and _list_marker(text, start, end)


def _read_arabic(text: str, folded: str, m: re.Match[str], whole: bool) -> Number | None:
    core = m["core"]
    cstart, cend = m.span("core")
    if core.count(".") > 1:
        return None  # 2014.2.20, 1.2.3: dates or section numbers
    if len(core) > _MAX_DIGITS:
        return None  # an identifier, not a quantity; also keeps Decimal within precision
    if "," in core and folded.startswith(",", cend) and folded[cend + 1 : cend + 2].isdigit():
        return None  # 1,234,5678 is no grouping we can trust
    if not whole and _arabic_context_bad(folded, cstart, cend):
        return None
    tail = _read_tail(folded, cend, _UNIT_RE)
    if not whole and not tail.unit and _unreadable_end(folded, cstart, cend, tail):
        return None
    value = _whole(Decimal(core.replace(",", "")) * tail.scale)
    return Number(
        start=m.start(),
        end=tail.end,
        raw=text[m.start() : tail.end],
        value=value,
        decimals=len(core.partition(".")[2]),
        scale=tail.scale,
        percent=tail.percent or m["pct"] is not None,
        unit=tail.unit,
        approx=tail.approx,
    )


def _cn_value(run: str) -> tuple[Decimal, int, int, bool] | None:
    """(value, decimals, scale, digit-by-digit) of a Chinese numeral, or None."""
    if len(run) > 1 and all(c in _CN_DIGITS for c in run):
        # 二〇〇六 is read digit by digit, which only years use; 三五 means "3 to 5".
        value = _digitwise(run) if len(run) == 4 else None
        return None if value is None else (value, 0, 1, True)
    scale = _SCALES.get(run[-1], 1)
    body, factor = run, 1
    if scale > 1 and not any(c in _SCALES for c in run[:-1]):
        body, factor = run[:-1], scale  # 一点五万 is 一点五 times 万
    # 两 is 二 before a unit; 十两 stays invalid.
    body = re.sub("(?<!十)两", "二", body.replace("〇", "零"))
    value = _numeral(body)
    if value is None:
        return None
    decimals = sum(c in _CN_DIGITS for c in body.partition("点")[2])
    return _whole(value * factor), decimals, scale, False


def _chinese_unit_ok(folded: str, value: Decimal, tail: _Tail, digitwise: bool) -> bool:
    """Whether a Chinese numeral followed by ``tail.unit`` is a count we trust."""
    after = folded[tail.end + len(tail.unit) : tail.end + len(tail.unit) + 1]
    if tail.unit == "年":
        return digitwise and not tail.approx  # only 二〇〇六年; 一年来, 十年 are not read
    if digitwise:
        return False
    if tail.unit == "月":
        return not tail.approx and 1 <= value <= 12 and value == int(value)
    if after in _CN_CHAR_SET:
        return False  # slogans: 三个一, 一人一档, 两个一百年
    return not (tail.unit == "期" and folded.startswith("工程", tail.end + 1))  # 二期工程


def _idiom_at(folded: str, pos: int) -> bool:
    """True if an idiom covers ``pos`` and starts at or before it (统一, 一条龙)."""
    lo = max(0, pos - _MAX_IDIOM + 1)
    return any(m.start() <= pos < m.end() for m in _IDIOM_RE.finditer(folded, lo, pos + _MAX_IDIOM))


def _read_chinese(text: str, folded: str, m: re.Match[str], whole: bool) -> Number | None:
    run, run_start = m["run"], m.start("run")
    if len(run) > _MAX_CN_RUN or run[0] not in _CN_LEAD:
        return None
    before = folded[m.start() - 1] if m.start() else ""
    if not whole and (before == "第" or before.isdigit() or _idiom_at(folded, run_start)):
        return None  # 第三十二条 is an ordinal; 统一, 一条龙 are words
    parsed = _cn_value(run)
    if parsed is None:
        return None
    value, decimals, scale, digitwise = parsed
    if m["pct"] is not None:
        tail = _Tail(m.end(), False, 1, True, "")
    else:
        tail = _read_tail(folded, m.end(), _CN_UNIT_RE)
        if tail.unit:
            if not _chinese_unit_ok(folded, value, tail, digitwise):
                return None
        elif not whole or (digitwise and tail.end != m.end()):
            return None  # in running text a bare Chinese numeral is too often a word
    return Number(
        start=m.start(),
        end=tail.end,
        raw=text[m.start() : tail.end],
        value=_whole(value * tail.scale),
        decimals=decimals,
        scale=scale * tail.scale,
        percent=tail.percent,
        unit=tail.unit,
        approx=tail.approx,
    )


def unit_at(text: str, pos: int) -> str:
    """The measure word (件, 个工作日…) that starts at ``pos`` of ``text``, or ""."""
    found = _UNIT_RE.match(text, pos)
    return found.group() if found else ""


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text`` that can be read with confidence, in order.

    Arabic numbers are read with or without a unit; Chinese numerals only before a
    measure word (十五个工作日, 三个) or as 二〇〇六年, or after 百分之. Ordinals
    (第三, 一是, (一)), list markers (1、), idioms (一条龙, 统一) and digits inside
    dates like 2014-02-20, times, phone numbers and codes are not reported.
    """
    return list(_scan(text))


@lru_cache(maxsize=512)
def _scan(text: str) -> tuple[Number, ...]:
    # Several checks read the numbers of the same few lines of a report (a total with its
    # parts and a rate, a time limit): remembering those of the last few hundred texts
    # reads each once, and holds no more than a report's worth of them.
    folded = _fold(text)
    found = [
        n for m in _ARABIC_RE.finditer(folded) if (n := _read_arabic(text, folded, m, whole=False))
    ]
    found += [
        n for m in _CN_RUN_RE.finditer(folded) if (n := _read_chinese(text, folded, m, whole=False))
    ]
    found.sort(key=lambda n: n.start)
    kept: list[Number] = []
    for n in found:
        if not kept or n.start >= kept[-1].end:
            kept.append(n)
    return tuple(kept)


def parse_number(text: str) -> Decimal | None:
    """The value of ``text`` if, stripped of spaces, it is exactly one number.

    A trailing measure word is allowed ("68126条"); Chinese numerals need none here
    ("十五", "二〇〇六"). Percentages keep the stated value: "98.2%" -> 98.2.
    """
    stripped = text.strip()
    folded = _fold(stripped)
    for regex, read in ((_ARABIC_RE, _read_arabic), (_CN_RUN_RE, _read_chinese)):
        m = regex.match(folded)
        number = read(stripped, folded, m, whole=True) if m else None
        if number and number.end + len(number.unit) == len(folded):
            return number.value
    return None


def precision(n: Number) -> Decimal:
    """Half a unit of the last written digit, in absolute terms (percent points for %).

    14.2万 -> 500; 68126 -> 0.5; 98.2% -> 0.05.
    """
    return _whole(Decimal(5).scaleb(-(n.decimals + 1)) * n.scale)


def spell(value: Decimal, scale: int = 1) -> str:
    """``value`` written the way a report writes it in ``scale`` (1, 万 or 亿).

    (142000, 10_000) -> "14.2万"; (68126, 1) -> "68126"; (3000, 10_000) -> "0.3万".
    """
    word = next((w for w, s in _SCALES.items() if s == scale), "")
    return f"{(value / scale).normalize():f}{word}"


def _make_date(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2099:
        return None  # not a report date; also rejects 0000-style codes
    try:
        return date(year, month, day)
    except ValueError:  # 2014年2月30日
        return None


def _han_int(value: Decimal | None) -> int:
    return int(value) if value is not None else 0  # 0 makes _make_date reject it


def find_dates(text: str) -> list[DateMatch]:
    """Every valid full date (year, month and day) in ``text``, in order.

    Reads 2014年1月22日, 2014-02-20 (with an optional time, which is included in the
    match), 2014/2/20, 2014.2.20 and 二〇〇六年二月七日. Impossible dates are skipped.
    """
    folded = _fold(text)
    found: list[tuple[int, int, date | None]] = []
    for m in _DATE_CN_RE.finditer(folded):
        found.append((m.start(), m.end(), _make_date(int(m[1]), int(m[2]), int(m[3]))))
    for m in _DATE_SEP_RE.finditer(folded):
        found.append((m.start(), m.end(), _make_date(int(m[1]), int(m[3]), int(m[4]))))
    for m in _DATE_HAN_RE.finditer(folded):
        year, month = _han_int(_digitwise(m[1])), _han_int(_numeral(m[2]))
        found.append((m.start(), m.end(), _make_date(year, month, _han_int(_numeral(m[3])))))
    return [
        DateMatch(start, end, text[start:end], value)
        for start, end, value in sorted(found, key=lambda f: f[0])
        if value is not None
    ]


def parse_date(text: str) -> date | None:
    """The date if ``text``, stripped of spaces, is exactly one date; else None."""
    stripped = text.strip()
    dates = find_dates(stripped)
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(stripped):
        return dates[0].value
    return None
