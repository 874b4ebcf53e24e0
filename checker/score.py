"""Score stage: findings -> category scores -> capped total -> band."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from checker.model import Cap, CategoryScore, Finding
from checker.rulebook import Band, Rulebook


def score(
    findings: Sequence[Finding], rulebook: Rulebook
) -> tuple[tuple[CategoryScore, ...], float, Band, Cap | None]:
    """Category scores (never below zero), the total after any cap, its band, and the cap."""
    deducted: dict[str, float] = {}
    for finding in findings:
        deducted[finding.category] = deducted.get(finding.category, 0.0) + finding.deduction
    categories = tuple(
        CategoryScore(
            c.id, c.name, c.points, round(max(0.0, c.points - deducted.get(c.id, 0.0)), 2)
        )
        for c in rulebook.categories
    )
    total = round(sum(category.score for category in categories), 2)
    cap = _cap(findings, rulebook)
    if cap is not None:
        total = min(total, cap.limit)
    return categories, total, rulebook.band(total), cap


def _cap(findings: Sequence[Finding], rulebook: Rulebook) -> Cap | None:
    """The lowest cap whose rule fired often enough, if any."""
    fired = Counter(finding.rule for finding in findings)
    caps = [spec for spec in rulebook.caps if fired[spec.rule] >= spec.at_least]
    if not caps:
        return None
    lowest = min(caps, key=lambda spec: spec.limit)
    return Cap(limit=lowest.limit, reason=lowest.reason)
