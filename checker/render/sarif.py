"""``--format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run holds every report: the rules that fired (id, short description, help with the fix,
the article in ``properties``), one result per finding located at its line and column (a
finding without a line points at the file), each report's score as a property of its
artifact, and each unreadable file as a tool execution notification.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from checker.render.data import Row, RuleData

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: The finding fields kept with each result, beyond its message and location.
RESULT_PROPERTIES = ("category", "article", "evidence", "fix", "deduction", "section")

Catalog = Mapping[str, Mapping[str, RuleData]]


def write(rows: Iterable[Row], out: TextIO, rules: Catalog) -> None:
    """Write one SARIF log for ``rows``; ``rules`` describes rules by rulebook and rule id.

    SARIF is one JSON document, so the results are gathered before it is written, but only
    they are kept, never whole scorecards."""
    run = _Run(rules)
    for row in rows:
        run.add(row)
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run.as_dict()]}
    out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")


class _Run:
    """The single run of a batch, filled one row at a time."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.rules: list[dict[str, Any]] = []
        self.rule_index: dict[str, int] = {}
        self.results: list[dict[str, Any]] = []
        self.artifacts: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []

    def add(self, row: Row) -> None:
        if "error" in row:
            self.notifications.append(_notification(row))
            return
        score = row["score"]
        properties = {"profile": row["profile"], "total": score["total"], "band": score["band"]}
        self.artifacts.append({"location": _artifact(row["file"]), "properties": properties})
        for finding in row["findings"]:
            self.results.append(self._result(row, finding))

    def _result(self, row: Row, finding: dict[str, Any]) -> dict[str, Any]:
        rule = finding["rule"]
        if rule not in self.rule_index:
            known = self.catalog.get(row["profile"], {}).get(rule)
            self.rule_index[rule] = len(self.rules)
            self.rules.append(_descriptor(known or _rule_from(finding)))
        return {
            "ruleId": rule,
            "ruleIndex": self.rule_index[rule],
            "level": LEVELS[finding["level"]],
            "message": {"text": finding["message"]},
            "locations": [_location(row["file"], finding["line"], finding["column"])],
            "properties": {k: finding[k] for k in RESULT_PROPERTIES if finding[k] is not None},
        }

    def as_dict(self) -> dict[str, Any]:
        driver = {"name": "xxgk", "version": _version(), "rules": self.rules}
        invocation = {
            "executionSuccessful": not self.notifications,
            "toolExecutionNotifications": self.notifications,
        }
        return {
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",  # our columns count characters, not UTF-16 units
            "artifacts": self.artifacts,
            "results": self.results,
        }


def _descriptor(rule: RuleData) -> dict[str, Any]:
    """A SARIF reportingDescriptor from a rule's data (``data.rule_catalog``)."""
    help_text = "\n".join(part for part in (rule["fix"], rule["article"]) if part)
    properties = {"category": rule["category"], "tags": [rule["category"]]}
    if rule["article"]:
        properties["article"] = rule["article"]
    return {
        "id": rule["rule"],
        "shortDescription": {"text": rule["summary"]},
        "help": {"text": help_text or rule["summary"]},
        "defaultConfiguration": {"level": LEVELS[rule["level"]]},
        "properties": properties,
    }


def _rule_from(finding: dict[str, Any]) -> RuleData:
    """Rule data taken from a finding, for a rule its rulebook does not describe."""
    keys = ("rule", "level", "category", "fix", "article")
    return {**{key: finding[key] for key in keys}, "summary": finding["rule"]}


def _notification(row: Row) -> dict[str, Any]:
    error = row["error"]
    return {
        "level": "error",
        "message": {"text": error["message"]},
        "descriptor": {"id": error["rule"]},
        "locations": [_location(row["file"], None, None)],
    }


def _location(file: str, line: int | None, column: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(file)}
    if line is not None:
        physical["region"] = {"startLine": line, **({"startColumn": column} if column else {})}
    return {"physicalLocation": physical}


def _artifact(file: str) -> dict[str, str]:
    """A URI for the file: relative paths stay relative (as code scanning expects)."""
    path = Path(file)
    uri = path.as_uri() if path.is_absolute() else quote(path.as_posix())
    return {"uri": uri}


def _version() -> str:
    try:
        return version("xxgk")
    except PackageNotFoundError:  # run from a source tree that was not installed
        return "0+unknown"
