"""The scorecard on a terminal (rich): band in colour, framed header, aligned findings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from rich.console import Console, Group, RenderableType
from rich.panel import Panel as RichPanel
from rich.table import Table
from rich.text import Text as RichText

from checker.model import Scorecard
from checker.render.scorecard import Block, Grid, Heading, Panel, Spans, layout


def render(
    console: Console, cards: Iterable[Scorecard], lang: str = "zh", verbose: bool = False
) -> None:
    """Print each scorecard in turn (with ``verbose``, also the claims verified as right)."""
    for card in cards:
        console.print(scorecard(card, lang, verbose))
        console.print()


def scorecard(card: Scorecard, lang: str, verbose: bool = False) -> Group:
    """One report's scorecard as a rich renderable."""
    return Group(*(_paint(block) for block in layout(card, lang, verbose)))


def painted(blocks: Iterable[Block]) -> Group:
    """Laid-out blocks (of a scorecard or a comparison) as a rich renderable."""
    return Group(*(_paint(block) for block in blocks))


def _paint(block: Block) -> RenderableType:
    if isinstance(block, Panel):
        lines = Group(*(_text(line) for line in block.lines))
        return RichPanel(lines, title=block.title, title_align="left", border_style=block.style)
    if isinstance(block, Grid):
        return _table(block)
    if isinstance(block, Heading):
        return RichText(f"\n{block.text}", style="bold underline")
    return _text(block.spans)


def _table(grid: Grid) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, show_header=grid.header)
    last = len(grid.rows[0]) - 1 if grid.rows else 0
    for column in range(last + 1):
        title = _text(grid.rows[0][column]) if grid.header else ""
        justify: Literal["left", "right"] = "right" if column in grid.right else "left"
        table.add_column(title, justify=justify, no_wrap=column < last, overflow="fold")
    for row in grid.rows[1:] if grid.header else grid.rows:
        table.add_row(*(_text(cell) for cell in row))
    return table


def _text(spans: Spans) -> RichText:
    return RichText.assemble(*((text, style) if style else text for text, style in spans))
