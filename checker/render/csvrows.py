"""``--format csv``: one row per report, for a spreadsheet of many organs' scores."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from checker.model import LEVELS
from checker.render.data import Row

#: Findings quoted per report, the most serious first.
TOP = 3
COLUMNS = (
    "file", "organ", "reporting_year", "profile", "total", "band", *LEVELS,
    *(f"finding_{n}" for n in range(1, TOP + 1)), "unreadable",
)  # fmt: skip
#: A cell starting with one of these is a formula to a spreadsheet; report text is not
#: trusted, so such a cell is quoted with a leading apostrophe (OWASP's CSV-injection advice).
#: A lone "-" (standard input) is no formula and is left as it is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write(rows: Iterable[Row], out: TextIO, bom: bool = False) -> None:
    """Write a header and one line per row; ``bom`` marks the file as UTF-8 for Excel."""
    if bom:
        out.write("\ufeff")
    table = csv.writer(out)
    table.writerow(COLUMNS)
    for row in rows:
        table.writerow([_cell(value) for value in cells(row)])


def cells(row: Row) -> list[Any]:
    """The values of one line, in the order of COLUMNS."""
    if "error" in row:
        return [row["file"], *[""] * (len(COLUMNS) - 2), row["error"]["message"]]
    report, score = row["report"], row["score"]
    top = [_finding(f) for f in top_findings(row["findings"])]
    return [
        row["file"], report["organ"], report["reporting_year"], row["profile"],
        score["total"], score["band"], *(row["counts"][level] for level in LEVELS),
        *top, *[""] * (TOP - len(top)), "",
    ]  # fmt: skip


def top_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The TOP most serious findings: by level, then points deducted, then file order."""
    ranked = sorted(findings, key=lambda f: (LEVELS.index(f["level"]), -f["deduction"]))
    return ranked[:TOP]


def _finding(finding: dict[str, Any]) -> str:
    where = f" L{finding['line']}" if finding["line"] else ""
    return f"{finding['rule']}{where}: {finding['message']}"


def _cell(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 1 and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value
