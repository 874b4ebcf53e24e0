"""Scorecards as plain data: the JSON contract (see docs/scorecard.schema.json)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import msgspec

from checker.model import LEVELS, Finding, Scorecard, Target, Text

if TYPE_CHECKING:
    from checker.rulebook import Rulebook

SCHEMA_VERSION = "1.0"

#: One output row: a scorecard (``scorecard_dict``) or an unreadable file (``error_dict``).
Row = dict[str, Any]
#: A rule's own description: rule, level, category, summary, fix, article.
RuleData = dict[str, Any]
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def scorecard_dict(card: Scorecard, lang: str = "zh") -> dict[str, Any]:
    """One report's scorecard as JSON-ready data, messages in ``lang``."""
    facts = card.facts
    row: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "file": card.file,
        "profile": card.profile,
        "profile_reason": card.profile_reason.get(lang),
        "report": {
            "title": facts.title,
            "organ": facts.organ,
            "reporting_year": facts.reporting_year,
            "published_on": _iso(facts.published_on or facts.dated_on),
            "dated_on": _iso(facts.dated_on),
            "period_stated": facts.period_stated,
        },
        "score": {
            "total": card.total,
            "band": card.band if lang == "zh" else card.band_en,
            "cap": {"limit": card.cap.limit, "reason": card.cap.reason.get(lang)}
            if card.cap
            else None,
            "categories": [
                {
                    "id": c.id,
                    "name": c.name.get(lang),
                    "points": c.points,
                    "score": c.score,
                    "deduction": c.deduction,
                }
                for c in card.categories
            ],
        },
        "counts": {level: sum(f.level == level for f in card.findings) for level in LEVELS},
        "findings": [finding_dict(f, lang) for f in card.findings],
        "checked": [
            {"rule": c.rule, "line": c.line, "evidence": c.evidence, "detail": c.detail.get(lang)}
            for c in card.checked
        ],
        "dropped": [{"line": d.line, "text": d.text, "reason": d.reason} for d in card.dropped],
    }
    if card.config:  # only when a configuration file was used: the row is otherwise unchanged
        row["config"] = msgspec.to_builtins(card.config)
    if card.baseline:
        known = card.baseline
        row["baseline"] = {
            "file": known.file,
            "score": known.score,
            "suppressed": [finding_dict(f, lang) for f in known.suppressed],
            "fixed": [msgspec.to_builtins(entry) for entry in known.fixed],
        }
    return row


def finding_dict(finding: Finding, lang: str) -> dict[str, Any]:
    """One finding as JSON-ready data."""
    return {
        "rule": finding.rule,
        "level": finding.level,
        "category": finding.category,
        "message": finding.message.get(lang),
        "article": _text(finding.article, lang),
        "line": finding.line,
        "column": finding.column,
        "evidence": finding.evidence,
        "fix": _text(finding.fix, lang),
        "deduction": finding.deduction,
        "section": finding.section,
        "where": finding.where,
        "target": _target(finding.target),
    }


def _target(target: Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    fields = {"part": target.part, "table": target.table, "row": target.row}
    return {k: v for k, v in {**fields, "column": target.column}.items() if v is not None}


def error_dict(path: str, message: str) -> dict[str, Any]:
    """The row for a file that could not be read: the batch goes on without it."""
    return {
        "schema_version": SCHEMA_VERSION,
        "file": path,
        "error": {"rule": "input-unreadable", "message": message},
    }


def rule_catalog(books: list[Rulebook], lang: str = "zh") -> dict[str, dict[str, RuleData]]:
    """Each rulebook's rules as data, by rulebook id and rule id (rule metadata for SARIF).

    A rule's texts are its message and fix templates with the placeholders shown as "…",
    so they describe the rule rather than one finding of it.
    """
    from checker.rules import Check

    catalog: dict[str, dict[str, RuleData]] = {}
    for book in books:
        checks = [check for check in book.checks if isinstance(check, Check)]
        catalog[book.id] = {
            check.id: {
                "rule": check.id,
                "level": check.level,
                "category": check.category,
                "summary": _PLACEHOLDER.sub("…", check.message.get(lang)),
                "fix": _PLACEHOLDER.sub("…", check.fix.get(lang)) if check.fix else None,
                "article": _text(check.article, lang),
            }
            for check in checks
        }
    return catalog


def _text(text: Text | None, lang: str) -> str | None:
    return text.get(lang) if text else None


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None
