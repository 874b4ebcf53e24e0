"""What the format readers share: extracted lines with their places, and tables as pipe rows.

A reader (PDF, HTML, Word) turns its file into ``Extracted`` lines, each with the place a
user can find it at, and ``assemble`` numbers them into the ``Source`` every later stage
reads. Tables from HTML and Word become markdown pipe rows, a layout the table recogniser
(``checker/tables``) reads cell by cell, with merged cells left as empty cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from msgspec import Struct

from checker.model import Dropped, Line, Source

#: Cells longer than this are paragraphs: their table lays out a page rather than holding
#: data (the longest label of the standard tables is under 60 characters).
MAX_DATA_CELL = 300

# Control characters other than tab: no report has them, and they would read as binary.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BREAKS = re.compile(r"\r\n|\r|\n")


class Extracted(Struct, frozen=True):
    """A piece of text a reader found, where it is, and why ingest sets it aside (if it does).

    ``text`` may hold line breaks (a Word paragraph with soft breaks): each of its lines
    becomes a line of the source, at the same place.
    """

    text: str
    place: str
    chrome: str | None = None


def assemble(path: str, fmt: str, encoding: str, pieces: Iterable[Extracted]) -> Source:
    """Number the extracted lines from 1 and keep the place of each (``Source.locate``)."""
    kept: list[Line] = []
    dropped: list[Dropped] = []
    places: dict[int, str] = {}
    number = 0
    for piece in pieces:
        for text in _BREAKS.split(_CONTROLS.sub(" ", piece.text)):
            number += 1
            places[number] = piece.place
            if piece.chrome is None:
                kept.append(Line(number, text, text))
            elif text.strip():
                dropped.append(Dropped(number, text.strip(), piece.chrome))
    return Source(path, fmt, encoding, tuple(kept), places, tuple(dropped))


def is_data_table(grid: Sequence[Sequence[str]]) -> bool:
    """Whether a table holds data (two columns or more, short cells) rather than laying out
    a page, whose cells are then read as paragraphs."""
    return any(len(row) >= 2 for row in grid) and all(
        len(cell) <= MAX_DATA_CELL for row in grid for cell in row
    )


def pipe_rows(grid: Sequence[Sequence[str]]) -> list[str]:
    """The rows as markdown pipe rows of equal width; a merged or blank cell is empty."""
    width = max((len(row) for row in grid), default=0)
    return ["| " + " | ".join(_cell(c) for c in _padded(row, width)) + " |" for row in grid]


def _padded(row: Sequence[str], width: int) -> list[str]:
    return [*row, *[""] * (width - len(row))]


def _cell(text: str) -> str:
    """One line of text; a pipe inside a cell would split it, so it is shown as ¦."""
    return " ".join(text.replace("|", "¦").split())
