"""checker.facts.linewise: searching all lines at once finds every line a pattern matches
alone, whatever the pattern."""

from __future__ import annotations

import random
import re

import pytest

from checker.facts.linewise import Joined, joined
from checker.model import Line

PATTERNS = [
    r"^a", r"a$", r"^\s*$", r"^$", r"b\s*$", r"(?<=a)b", r"(?<=\s)b", r"a.b", r"a[^c]b",
    r"a\s*b", r"(?=a)", r"x?", r"(ab)\1", r"(?i)A b", r"a(?=\s|$)", r"(?<![a])b", r"(?<!\s)b",
    r"a(?!\s)", r"\bab", r"b\B", r"\Aa", r"b\Z", r"(?s)a.b", r"^(?:a|b)+$", r"(?>a\s*)$",
    r"a\s*+$", r"(?:^|\s)b",
]  # fmt: skip


def _lines(*texts: str) -> tuple[Line, ...]:
    return tuple(Line(number, text, text) for number, text in enumerate(texts, 1))


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_line_that_matches_alone_is_searched(pattern: str) -> None:
    compiled = re.compile(pattern)
    rng = random.Random(pattern)
    for _ in range(300):
        texts = ["".join(rng.choice("ab c\t") for _ in range(rng.randint(0, 5)))]
        texts += ["".join(rng.choice("ab c\t") for _ in range(rng.randint(0, 5))) for _ in range(4)]
        lines = _lines(*texts[: rng.randint(0, 5)])
        found = Joined(lines).candidates(compiled)
        assert found == sorted(set(found))
        assert {i for i, line in enumerate(lines) if compiled.search(line.text)} <= set(found)


def test_a_pattern_that_sees_past_a_line_searches_every_line() -> None:
    lines = _lines("a", "b", "c")
    assert Joined(lines).candidates(re.compile(r"(?<!\s)b")) == [0, 1, 2]
    assert Joined(lines).candidates(re.compile(r"b")) == [1]
    assert Joined(lines).candidates(re.compile(r"x")) == []
    assert Joined(()).candidates(re.compile(r"x?")) == []


def test_lines_with_breaks_of_their_own_are_all_searched() -> None:
    lines = _lines("a\nb", "c", "b")
    assert Joined(lines).candidates(re.compile("b")) == [0, 1, 2]


def test_the_lines_of_a_report_are_joined_once() -> None:
    lines, others = _lines("a", "b"), _lines("a", "b")
    assert joined(lines) is joined(lines)
    assert joined(others) is not joined(lines)
    assert joined(others).candidates(re.compile("b")) == [1]
