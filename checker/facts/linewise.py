"""Searching all the lines of a report at once.

A check that looks for a pattern line by line pays a call per line, although most patterns
match on no line at all. Here the lines are joined by line breaks and searched in one call
(with ``re.MULTILINE``, so that ``^`` and ``$`` still match where a line begins and ends):
only the lines where a match starts are then searched on their own, as before. So the
lines searched hold every line where the pattern matches alone, and the findings are the
same.

That holds for a pattern that looks no further than the characters it matches and those
of its line: a pattern seeing past the ends of a line (``\\A``, ``\\Z``, ``\\b``, ``\\B``, a
negative look-around, an atomic group or possessive quantifier, a flag turned off) may
match a line alone but not the same line among others; such a pattern gets every line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from checker.model import Line

__all__ = ["Joined", "joined"]

#: What lets a pattern see past the ends of a line (read conservatively: an escaped
#: backslash before ``b`` counts too).
_SEES_PAST_ENDS = re.compile(r"\\[AZzbB]|\(\?<?!|\(\?>|[*+?}]\+|\(\?[a-zA-Z]*-")


@lru_cache(maxsize=256)
def _joined_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern to search the joined lines with, or None if it may see past a line."""
    source = pattern.pattern
    if _SEES_PAST_ENDS.search(source):
        return None
    if "^" not in source and "$" not in source:
        return pattern  # nothing that MULTILINE changes
    return re.compile(source, pattern.flags | re.MULTILINE)


class Joined:
    """A report's lines joined by line breaks."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.text = "\n".join(line.text for line in lines)
        # A line holding a break of its own would put the lines out of count: none does.
        self.countable = self.text.count("\n") == max(len(lines) - 1, 0)

    def candidates(self, pattern: re.Pattern[str]) -> list[int]:
        """The indices of the lines, in order, that may hold a match of ``pattern``: every
        line that does, and perhaps some that do not."""
        joined = _joined_pattern(pattern)
        if not self.lines:
            return []
        if joined is None or not self.countable:
            return list(range(len(self.lines)))
        text, found = self.text, []
        index, pos = 0, 0  # line ``index`` starts at ``pos``
        # The search finds the leftmost match from pos; any line's own match is one, so
        # no line is passed over. Each line found is searched on its own afterwards.
        while match := joined.search(text, pos):
            index += text.count("\n", pos, match.start())
            found.append(index)
            pos = text.find("\n", match.start()) + 1
            if not pos:
                break
            index += 1
        return found

    def matching(self, pattern: re.Pattern[str]) -> list[Line]:
        """The lines, in order, where ``pattern`` matches on its own."""
        found = (self.lines[index] for index in self.candidates(pattern))
        return [line for line in found if pattern.search(line.text)]


_last: list[Joined] = []


def joined(lines: Sequence[Line]) -> Joined:
    """The lines joined, once for the checks of a report: the last lines asked for are
    kept (the same tuple, the report's lines)."""
    if not _last or _last[0].lines is not lines:
        _last[:] = [Joined(lines)]
    return _last[0]
