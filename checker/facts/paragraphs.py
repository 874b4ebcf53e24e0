"""Paragraphs: the report's running text with the line breaks of its layout undone.

PDF text ends every printed line where the page did, in the middle of a sentence and even of
a word ("答\\n复 3050 件"), and puts page numbers (``- 2 -``) between the halves. Facts about
sentences are read from paragraphs instead of lines: the lines of a stretch of text joined,
each offset of the joined text mapped back to its line and column in the original file, so
that findings still point at the right place.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from msgspec import Struct

from checker.clean import is_folded_page_number
from checker.model import Line, Report
from checker.parse import heading_level

__all__ = ["Paragraph", "of_line", "paragraphs"]

_HEADINGS = frozenset({"H1", "H2", "H3"})
_JOINED = frozenset({"TEXT"}) | _HEADINGS  # the line kinds that hold running text
_ENDS = tuple("。!?！？")  # a line ending a sentence ends the paragraph: nothing runs on


class Paragraph(Struct, frozen=True):
    """A stretch of running text, joined from its lines.

    ``text`` is the lines' analysed text and ``raw`` their original words, of the same
    length; piece ``i`` of them starts at ``starts[i]`` and comes from ``origins[i]`` (a
    line and the column of that line where the piece begins).
    """

    text: str
    raw: str
    starts: tuple[int, ...]
    origins: tuple[tuple[Line, int], ...]

    def locate(self, offset: int) -> tuple[Line, int]:
        """The line, and the column in it, that ``offset`` of the joined text comes from."""
        i = max(bisect_right(self.starts, offset) - 1, 0)
        line, column = self.origins[i]
        return line, column + offset - self.starts[i]

    def quote(self, start: int, end: int) -> str:
        """The original words between two offsets."""
        return self.raw[start:end].strip()


class _Builder:
    """Joins lines; a space goes between two pieces only where letters or digits would
    otherwise run together (CJK text wraps without one)."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.text: list[str] = []
        self.raw: list[str] = []
        self.starts: list[int] = []
        self.origins: list[tuple[Line, int]] = []
        self.length = 0

    def add(self, line: Line) -> None:
        start = len(line.text) - len(line.text.lstrip())
        end = len(line.text.rstrip())
        text, raw = line.text[start:end], line.raw[start:end]
        if self.text and _alnum(self.text[-1][-1:]) and _alnum(text[:1]):
            self.text.append(" ")
            self.raw.append(" ")
            self.length += 1
        self.starts.append(self.length)
        self.origins.append((line, start))
        self.text.append(text)
        self.raw.append(raw)
        self.length += len(text)

    def take(self) -> Paragraph:
        """The paragraph of the lines added since the last one (at least one)."""
        paragraph = Paragraph(
            "".join(self.text), "".join(self.raw), tuple(self.starts), tuple(self.origins)
        )
        self._reset()
        return paragraph


def _alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def paragraphs(report: Report) -> list[Paragraph]:
    """The report's running text as paragraphs, in file order.

    A heading starts a paragraph (its own words when it is only a title); a line ending a
    sentence ends one; page numbers inside a paragraph are skipped; table rows, the title,
    the front matter and the signature are no paragraph text at all.
    """
    return list(_paragraphs(report))


def of_line(line: Line) -> Paragraph:
    """One line read as a paragraph of its own (for text that is not a report's)."""
    builder = _Builder()
    builder.add(line)
    return builder.take()


def _paragraphs(report: Report) -> Iterator[Paragraph]:
    builder = _Builder()
    for line in report.document.lines:
        kind = report.kinds.get(line.number, "TEXT")
        if kind not in _JOINED:  # a table row, the title, front matter, the signature
            if builder.origins:
                yield builder.take()
            continue
        if kind == "TEXT" and is_folded_page_number(line.text):  # cleaned lines are folded
            continue
        if kind in _HEADINGS and builder.origins:
            yield builder.take()
        builder.add(line)
        if line.text.rstrip().endswith(_ENDS) or _title_only(line, kind):
            yield builder.take()
    if builder.origins:
        yield builder.take()


def _title_only(line: Line, kind: str) -> bool:
    """A heading line that holds nothing but its title (一、总体情况)."""
    if kind not in _HEADINGS:
        return False
    found = heading_level(line.text)
    return found is not None and line.text.rstrip().endswith(found[2])
