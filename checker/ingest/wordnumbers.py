"""Word's automatic numbering, rendered as the text a reader sees (一、 （二） 3.).

A heading numbered by Word's list feature has no number in its text: the number is drawn
from the paragraph's list (``w:numPr``, on the paragraph or its style) and the list's
definition in ``numbering.xml`` (a start value, a format such as ``chineseCounting`` and a
pattern such as ``%1、``). Without it, the parts of a report drafted with automatic
numbering would reach the parser unnumbered. Lists that share a definition share their
counters, as in Word; a level restarts when a level above it advances.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn
from msgspec import Struct

_VAL = qn("w:val")
_DIGITS = "〇一二三四五六七八九"


class Level(Struct, frozen=True):
    """One level of a list definition: where it starts, how it counts, what it shows."""

    start: int
    format: str
    pattern: str


def chinese(n: int) -> str:
    """Chinese counting as Word writes it: 一 … 十, 十一, 二十, 二十一 … 九十九 (then digits)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else f"{_DIGITS[tens]}十"
    return head + (_DIGITS[ones] if ones else "")


def _circled(n: int) -> str:
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)  # ① … ⑳


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "chineseCounting": chinese,
    "chineseCountingThousand": chinese,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "decimalEnclosedCircle": _circled,
    "decimalEnclosedCircleChinese": _circled,
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
}


class Numbering:
    """The numbers of a document's paragraphs, counted in body order."""

    def __init__(self, document: Any) -> None:
        self.lists = _lists(document)
        self.styles = _styles(document)
        self.counters: dict[str, dict[int, int]] = {}

    def label(self, paragraph: Any) -> str:
        """The number Word shows before ``paragraph`` ("" for none), counting it."""
        num_id, level = self._list_of(paragraph)
        levels = self.lists.get(num_id)
        if levels is None or level not in levels[1]:
            return ""
        definition, shown = levels
        counters = self.counters.setdefault(definition, {})
        counters[level] = counters[level] + 1 if level in counters else shown[level].start
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]  # a level restarts when one above it advances
        text = shown[level].pattern
        for index in range(level, -1, -1):  # %10 is not a thing: levels go 0–8
            if index in shown:
                value = counters.get(index, shown[index].start)
                number = FORMATS.get(shown[index].format, str)(value)
                text = text.replace(f"%{index + 1}", number)
        return "" if shown[level].format in ("bullet", "none") else text

    def _list_of(self, paragraph: Any) -> tuple[str, int]:
        """The paragraph's (list id, level): its own ``w:numPr``, else its style's."""
        numbered = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        inherited = self.styles.get(style.get(_VAL, "") if style is not None else "", ("", 0))
        if numbered is None:
            return inherited
        num_id = _value(numbered, "w:numId") or inherited[0]
        level = _value(numbered, "w:ilvl")
        return num_id, int(level) if level.isdigit() else inherited[1]


def _value(element: Any, tag: str) -> str:
    found = element.find(qn(tag))
    return str(found.get(_VAL, "")) if found is not None else ""


def _lists(document: Any) -> dict[str, tuple[str, dict[int, Level]]]:
    """numId -> (the definition it uses, its levels with any start overrides)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):  # a document without lists
        return {}
    definitions = {
        str(abstract.get(qn("w:abstractNumId"))): _levels(abstract)
        for abstract in numbering.iterchildren(qn("w:abstractNum"))
    }
    lists = {}
    for num in numbering.iterchildren(qn("w:num")):
        definition = _value(num, "w:abstractNumId")
        levels = dict(definitions.get(definition, {}))
        for override in num.iterchildren(qn("w:lvlOverride")):
            level, start = override.get(qn("w:ilvl"), ""), _value(override, "w:startOverride")
            if level.isdigit() and start.isdigit() and int(level) in levels:
                old = levels[int(level)]
                levels[int(level)] = Level(int(start), old.format, old.pattern)
        lists[str(num.get(qn("w:numId")))] = (definition, levels)
    return lists


def _levels(abstract: Any) -> dict[int, Level]:
    levels = {}
    for lvl in abstract.iterchildren(qn("w:lvl")):
        index, start = lvl.get(qn("w:ilvl"), ""), _value(lvl, "w:start")
        if index.isdigit():
            levels[int(index)] = Level(
                int(start) if start.isdigit() else 1,
                _value(lvl, "w:numFmt") or "decimal",
                _value(lvl, "w:lvlText"),
            )
    return levels


def _styles(document: Any) -> dict[str, tuple[str, int]]:
    """styleId -> the (list id, level) its paragraphs are numbered with, following basedOn."""
    own: dict[str, tuple[str, str]] = {}
    based: dict[str, str] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        style_id = str(style.get(qn("w:styleId"), ""))
        numbered = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numbered is not None:
            own[style_id] = (_value(numbered, "w:numId"), _value(numbered, "w:ilvl"))
        parent = _value(style, "w:basedOn")
        if parent:
            based[style_id] = parent
    found = {}
    for style_id in {*own, *based}:
        seen, current = set(), style_id
        while current not in own and current in based and current not in seen:
            seen.add(current)
            current = based[current]
        if current in own:
            num_id, level = own[current]
            found[style_id] = (num_id, int(level) if level.isdigit() else 0)
    return found
