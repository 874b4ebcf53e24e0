"""One organ's reports over the years: who reported, and which sentences repeat.

Two reports are of the same organ when their organs' names agree once the words that vary
between years are set aside: the government or its office (人民政府, 政府办公室, 管委会), a
county that became a district (洪泽县, 洪泽区), and the city named in front of a district
(淮安市洪泽区). A report that does not name its organ where ``facts.report`` looks takes
it from its title (平潭综合实验区2019年…报告); one that names it nowhere pairs with none.

Text is compared by sentences of substance: a sentence of the running text (see
``facts.paragraphs``) long enough to say something, that is not a section title nor the
formula every report must have (the rulebook's ``boilerplate`` patterns). Two sentences
are the same when their words are, whatever the spacing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from msgspec import Struct

from checker.clean import NOT_CJK
from checker.facts.paragraphs import Paragraph, paragraphs
from checker.facts.report import PERIOD, YEAR
from checker.model import Line, Report, ReportFacts
from checker.parse import heading_level

__all__ = ["Sentence", "organ_key", "repeated", "same_organ", "sentences"]

#: The words that name the government or its office rather than the place (longest first).
_SEAT = re.compile(
    r"(?:人民政府办公[室厅]|人民政府|政府办公[室厅]|管委会办公室|管理委员会|管委会|办公[室厅]|政府)$"
)
_COUNTY = re.compile(r"[县区]$")  # 洪泽县 became 洪泽区: the place is 洪泽 either way
_SHORTEST = 2  # characters of a place name that can be told apart from another's
#: A sentence ends at 。!?; (the analysed text is folded: ！？； are ASCII).
_SENTENCE = re.compile(r"[^。!?;]+[。!?;]?")
_SPACE = re.compile(r"\s+")
_TITLE_MAX = 25  # characters of a section title; a longer "title" is a sentence


def organ_key(facts: ReportFacts) -> str | None:
    """The organ's name with the words that vary between years taken off, or None when
    the report names no organ (see the module's docstring)."""
    name = facts.organ or _title_organ(facts.title)
    if not name:
        return None
    name = _SPACE.sub("", name)
    while (seat := _SEAT.search(name)) and seat.start() >= _SHORTEST:
        name = name[: seat.start()]
    if len(name) > _SHORTEST:
        name = _COUNTY.sub("", name)
    return name


def _title_organ(title: str | None) -> str | None:
    """The words before the year of a title that opens with the organ (平潭县2011年…)."""
    match = YEAR.search(title or "")
    head = title[: match.start()].strip() if title and match else ""
    return head if len(head) >= _SHORTEST and not NOT_CJK.search(head) else None


def same_organ(a: str | None, b: str | None) -> bool:
    """Whether two organ keys (``organ_key``) name the same organ: equal, or one the other
    with a higher-level place in front (淮安市洪泽 and 洪泽). Unknown is never the same."""
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return long.endswith(short)


class Sentence(Struct, frozen=True):
    """A sentence of substance: its words (spacing taken out), and where it is."""

    words: str
    paragraph: Paragraph
    start: int
    end: int

    @property
    def line(self) -> Line:
        """The line the sentence starts on."""
        return self.paragraph.locate(self.start)[0]

    def locate(self) -> tuple[Line, int, int]:
        """The sentence's first line and its columns there."""
        line, column = self.paragraph.locate(self.start)
        return line, column, min(column + self.end - self.start, len(line.text))

    def quote(self) -> str:
        """The sentence as the file has it."""
        return self.paragraph.quote(self.start, self.end)


def sentences(
    report: Report, boilerplate: Sequence[re.Pattern[str]], min_chars: int
) -> list[Sentence]:
    """The report's sentences of substance, in file order: at least ``min_chars`` Chinese
    characters, no section title, no statement of the period and none that
    ``boilerplate`` matches."""
    return [
        sentence
        for paragraph in paragraphs(report)
        for sentence in _split(paragraph)
        if _substance(sentence.words, boilerplate, min_chars)
    ]


def _split(paragraph: Paragraph) -> Iterator[Sentence]:
    for match in _SENTENCE.finditer(paragraph.text):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        words = _SPACE.sub("", match.group())
        if words:
            yield Sentence(words, paragraph, start, match.end())


def _substance(words: str, boilerplate: Sequence[re.Pattern[str]], min_chars: int) -> bool:
    if len(NOT_CJK.sub("", words)) < min_chars or PERIOD.search(words):
        return False
    if _title_only(words):
        return False
    return not any(pattern.search(words) for pattern in boilerplate)


def _title_only(words: str) -> bool:
    """Whether a sentence is nothing but a section title: （二）主动公开政府信息的主要类别."""
    heading = heading_level(words)
    if heading is None:
        return False
    _, number, title = heading
    whole = len(words) - len(title) <= len(number) + 3  # 、 or （）, and a full stop
    return whole and len(title) <= _TITLE_MAX and "," not in title


def repeated(this: Iterable[Sentence], last: Iterable[Sentence]) -> list[Sentence]:
    """The sentences of ``this`` that ``last`` has word for word."""
    seen = {sentence.words for sentence in last}
    return [sentence for sentence in this if sentence.words in seen]
