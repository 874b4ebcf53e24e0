"""Cells that ran together: the ways a row's runs of digits split into its cells.

A crawler that drops a table's cell separators leaves a row such as
``一、本年新收政府信息公开申请数量640020470``: seven cells printed as one run of nine
digits. Which digits make which cell is not written anywhere, but the row often says it
itself: in table 3 the last cell is the sum of the six before it, and of the ways to cut
``640020470`` into seven numbers only 64 0 0 2 0 4 70 adds up. This module lists the ways
(the *readings*) a row's tokens can be cut into its cells and keeps those the row's own
identity accepts; the table reader decides what is certain from them.

A token is cut only into numbers as a form prints them: no leading zero (``00`` is two
cells, ``05`` is 0 and 5). A token with a sign, a decimal point or a thousands separator
is one cell. Runs longer than ``MAX_DIGITS`` in all are not enumerated: such a row is left
unverified.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

__all__ = ["MAX_DIGITS", "Piece", "printable", "readings"]

#: Digits of a row beyond which its splits are not enumerated (C(19, 6) = 27 132 ways of
#: cutting 20 digits into 7 cells is still quick; longer rows are not tables' rows).
MAX_DIGITS = 20

#: A cell cut from a token: its number, the index of its token, and where it starts and
#: ends in the token.
Piece = tuple[Decimal, int, int, int]
_Cut = tuple[Decimal | int, int, int, int]  # a piece while cutting


def readings(
    tokens: Sequence[str], width: int, holds: Callable[[Sequence[Decimal]], bool]
) -> list[tuple[Piece, ...]] | None:
    """Every way of cutting ``tokens`` (in reading order) into ``width`` cells that
    ``holds`` accepts; None when the digits are too many to try."""
    if sum(len(text) for text in tokens) > MAX_DIGITS:
        return None
    found: list[tuple[Piece, ...]] = []
    for pieces in _cuts(tokens, 0, width):
        if holds([Decimal(piece[0]) for piece in pieces]):
            found.append(tuple((Decimal(v), t, s, e) for v, t, s, e in pieces))
    return found


def _cuts(tokens: Sequence[str], i: int, width: int) -> Iterator[tuple[_Cut, ...]]:
    """The cuts of ``tokens[i:]`` into exactly ``width`` pieces."""
    if i == len(tokens):
        if width == 0:
            yield ()
        return
    remaining = len(tokens) - i - 1  # every later token is at least one cell
    for head in _token_cuts(tokens[i], i, width - remaining):
        for tail in _cuts(tokens, i + 1, width - len(head)):
            yield (*head, *tail)


def _token_cuts(text: str, token: int, most: int) -> Iterator[tuple[_Cut, ...]]:
    """The ways of cutting one token into at most ``most`` cells."""
    if most < 1:
        return
    if not text.isascii() or not text.isdigit():  # signed, decimal, grouped: one cell
        yield ((Decimal(text.replace(",", "").replace("−", "-")), token, 0, len(text)),)
        return
    yield from _digit_cuts(text, token, 0, most)


def _digit_cuts(text: str, token: int, start: int, most: int) -> Iterator[tuple[_Cut, ...]]:
    """The cuts of ``text[start:]`` (digits) into at most ``most`` printable numbers."""
    if printable(text[start:]):  # int while cutting: a Decimal only for what holds
        yield ((int(text[start:]), token, start, len(text)),)
    if most < 2:
        return
    for cut in range(start + 1, len(text)):
        if printable(text[start:cut]):
            for rest in _digit_cuts(text, token, cut, most - 1):
                yield ((int(text[start:cut]), token, start, cut), *rest)


def printable(digits: str) -> bool:
    """Whether a form would print this number so: 0, or no leading zero."""
    return digits == "0" or not digits.startswith("0")
