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
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from checker.model import Line

__all__ = ["Joined"]

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
    """A report's lines joined by line breaks, with where each one starts."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.text = "\n".join(line.text for line in lines)
        self.starts = [0]
        for line in lines[:-1]:
            self.starts.append(self.starts[-1] + len(line.text) + 1)

    def candidates(self, pattern: re.Pattern[str]) -> list[int]:
        """The indices of the lines, in order, that may hold a match of ``pattern``: every
        line that does, and perhaps some that do not."""
        joined = _joined_pattern(pattern)
        if not self.lines:
            return []
        if joined is None:
            return list(range(len(self.lines)))
        found: list[int] = []
        pos = 0
        # The search finds the leftmost match from pos; any line's own match is one, so
        # no line is passed over. Each line found is searched on its own afterwards.
        while pos <= len(self.text) and (match := joined.search(self.text, pos)):
            index = bisect_right(self.starts, match.start()) - 1
            found.append(index)
            if index + 1 == len(self.starts):
                break
            pos = self.starts[index + 1]
        return found
