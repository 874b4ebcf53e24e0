"""The scorecard as plain lines, for a pipe or a file: no colour, no frames, no wrapping.

It paints the same layout as the terminal (``render.scorecard``) without loading rich, which
would be a fifth of a one-file run's time. Columns are aligned by display width (a Chinese
character takes two columns); a finding's further lines sit under its first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import TextIO

from checker.model import Scorecard
from checker.render.scorecard import Block, Grid, Heading, Note, Panel, Spans, layout

GAP = "  "


def render(
    out: TextIO, cards: Iterable[Scorecard], lang: str = "zh", verbose: bool = False
) -> None:
    """Write each scorecard in turn, a blank line after each."""
    for card in cards:
        for block in layout(card, lang, verbose):
            out.writelines(f"{line}\n" for line in _paint(block))
        out.write("\n")


def write_blocks(out: TextIO, blocks: Iterable[Block]) -> None:
    """Laid-out blocks (of a scorecard or a comparison) as plain lines."""
    for block in blocks:
        out.writelines(f"{line}\n" for line in _paint(block))


def _paint(block: Block) -> Iterator[str]:
    if isinstance(block, Panel):
        yield f"== {block.title} =="
        for line in block.lines:
            yield _plain(line)
    elif isinstance(block, Grid):
        yield from _grid(block)
    elif isinstance(block, Heading):
        yield ""
        yield block.text
    elif isinstance(block, Note):
        yield _plain(block.spans)


def _grid(grid: Grid) -> Iterator[str]:
    """Aligned rows; a cell's further lines sit under its first (the last column is not padded)."""
    cells = [[_plain(cell).split("\n") for cell in row] for row in grid.rows]
    if not cells:
        return
    columns = len(cells[0])
    widths = [max(width(line) for row in cells for line in row[c]) for c in range(columns)]
    if columns - 1 not in grid.right:
        widths[-1] = 0  # a left-aligned last column is not padded
    for row in cells:
        for i in range(max(len(cell) for cell in row)):
            parts = [
                _pad(cell[i] if i < len(cell) else "", size, c in grid.right)
                for c, (cell, size) in enumerate(zip(row, widths, strict=True))
            ]
            yield GAP.join(parts).rstrip()


def _pad(text: str, size: int, right: bool) -> str:
    fill = " " * max(size - width(text), 0)
    return fill + text if right else text + fill


def width(text: str) -> int:
    """Display width: wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _plain(spans: Spans) -> str:
    return "".join(text for text, _ in spans)
