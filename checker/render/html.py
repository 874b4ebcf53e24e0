"""``--format html``: the annotated report (one file) and the inspector's dashboard (many).

Both pages are drawn from the same plain-data rows as ``--format json``/``jsonl``
(``render.data``) plus each report's own text, read again from its file by
``lint.report_text`` (personal data masked). So a dashboard built by ``xxgk lint PATHS
--format html`` and one built by ``xxgk dashboard`` from the JSONL of the same run are the
same page, byte for byte, as long as the files are still where the run found them (a file
that is gone shows its findings without its text). Pages are Jinja2 templates (autoescaped)
with their styles, script and charts inline: they make no request and work offline and
with JavaScript off (sorting and filtering the table are an enhancement).

This module and Jinja2 are imported only when an HTML page is asked for.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from msgspec import Struct, field

from checker.errors import InputError, XxgkError
from checker.lint import DEFAULT, Options, TextLine, report_text
from checker.model import LEVELS, Text
from checker.render.data import Row, rule_catalog
from checker.render.scorecard import LABELS
from checker.resources import SHIPPED
from checker.rulebook import Rulebook, load_shipped

#: The words of the pages beyond the scorecard's own (``render.scorecard.LABELS``).
PAGE_LABELS = {
    "zh": {
        "lang": "zh-CN",
        "annotated": "检查批注",
        "dashboard": "年度报告检查总览",
        "reports": "份报告",
        "graded": "已评分",
        "unreadable": "无法读取的文件",
        "bands": "等级分布",
        "histogram": "总分分布",
        "table": "报告一览",
        "file": "文件",
        "band": "等级",
        "counts": "错误/警告",
        "published": "发布日期",
        "worst": "最严重的问题",
        "filter": "筛选：",
        "all_bands": "全部等级",
        "parts": "法定内容的合规情况",
        "part": "法定内容",
        "rules": "各规则的触发情况",
        "rule": "规则",
        "level": "级别",
        "reports_with": "涉及报告",
        "findings": "问题数",
        "heat": "各类别得分",
        "unplaced": "涉及全文的问题",
        "no_text": "未能读取报告原文，仅列出问题：",
        "back": "返回总览",
        "text": "报告原文",
        "reason": "原因",
        "sort": "点击列标题排序",
        "none_found": "无",
    },
    "en": {
        "lang": "en",
        "annotated": "annotated",
        "dashboard": "Annual report check: overview",
        "reports": "reports",
        "graded": "graded",
        "unreadable": "Files that could not be read",
        "bands": "Bands",
        "histogram": "Distribution of totals",
        "table": "Reports",
        "file": "File",
        "band": "Band",
        "counts": "Errors/warnings",
        "published": "Published",
        "worst": "Worst finding",
        "filter": "Filter: ",
        "all_bands": "All bands",
        "parts": "Mandated parts",
        "part": "Part",
        "rules": "Rules that fired",
        "rule": "Rule",
        "level": "Level",
        "reports_with": "Reports",
        "findings": "Findings",
        "heat": "Category scores",
        "unplaced": "Findings about the whole report",
        "no_text": "The report's text could not be read; its findings only:",
        "back": "Back to the overview",
        "text": "The report's text",
        "reason": "Reason",
        "sort": "Click a column title to sort",
        "none_found": "none",
    },
}
#: Evidence shorter than this (once its first words are dropped) is not searched for: it
#: would be found in too many places.
EVIDENCE_MIN = 3
_WORD = re.compile(r"\S+")
HISTOGRAM_BINS = 10  #: bars of the histogram of totals, each 10 points wide


class Run(Struct, frozen=True):
    """A run of a line's words, highlighted at a finding's level (or not: ``level`` None)."""

    text: str
    level: str | None = None


class Shown(Struct):
    """One line of the report on the page, with the findings and verified claims beside it."""

    anchor: str
    label: str
    where: str | None
    chrome: str | None
    runs: list[Run]
    findings: list[dict[str, Any]] = field(default_factory=list)
    checked: list[dict[str, Any]] = field(default_factory=list)
    level: str | None = None


class ReportView(Struct):
    """One report's annotated page: its scorecard row, and its text when it could be read."""

    anchor: str
    row: Row
    band: int
    lines: list[Shown] | None
    unplaced: list[dict[str, Any]]
    name: str = ""  # the file's path past the folder all the batch's files share


def write(rows: Iterable[Row], out: TextIO, lang: str, single: bool, options: Options) -> None:
    """One report's annotated page when a single file was graded, else the dashboard."""
    rows = list(rows)
    if single and len(rows) == 1 and "error" not in rows[0]:
        out.write(annotated_page(rows[0], lang, options))
    else:
        out.write(dashboard_page(rows, lang, options))


def annotated_page(row: Row, lang: str = "zh", options: Options = DEFAULT) -> str:
    """The page of one graded report: its scorecard over its text, the findings in place."""
    view = report_view(row, "r1", _text_of(row, options))
    page: str = _template("annotated.html").render(view=view, **_words(lang))
    return page


def dashboard_page(rows: Sequence[Row], lang: str = "zh", options: Options = DEFAULT) -> str:
    """The page of a batch: bands, histogram, the table of reports, compliance rates, the
    heat map of categories, the unreadable files, and each report's annotated page."""
    graded = [row for row in rows if "error" not in row]
    views = [
        report_view(row, f"r{index}", _text_of(row, options))
        for index, row in enumerate(graded, start=1)
    ]
    for view, name in zip(views, _short_names([row["file"] for row in graded]), strict=True):
        view.name = name
    books = _rulebooks(options)
    page: str = _template("dashboard.html").render(
        views=views,
        unreadable=[row for row in rows if "error" in row],
        bands=_band_counts(views, books[-1]),
        band_names=[band.get(lang) for band in _band_names(books[-1])],
        histogram=_histogram(graded),
        parts=_part_rates(graded, books, lang),
        rules=_rule_rates(graded, books, lang),
        categories=(categories := _categories(graded)),
        heat=[(view, _heat_row(view.row, categories)) for view in views],
        **_words(lang),
    )
    return page


def read_rows(path: str) -> list[Row]:
    """The rows of a saved ``--format jsonl`` run, or an InputError saying what is wrong."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: 无法读取 (cannot read: {err})") from err
    rows: list[Row] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{number}: 不是 JSON (not JSON: {err.msg})") from err
        if not isinstance(row, dict) or "file" not in row or not ("score" in row or "error" in row):
            raise InputError(f"{path}:{number}: 不是 xxgk 的评分结果 (not an xxgk scorecard row)")
        rows.append(row)
    if not rows:
        raise InputError(f"{path}: 没有评分结果 (no scorecard rows)")
    return rows


def report_view(row: Row, anchor: str, text: Sequence[TextLine] | None) -> ReportView:
    """The annotated page's content: each finding and verified claim placed at its line."""
    band = _band_rank(row["score"]["band"])
    findings = row["findings"]
    if text is None:
        return ReportView(anchor, row, band, None, findings)
    shown = [
        Shown(f"{anchor}-{i}", _label(line), line.where, line.chrome, [Run(line.text)])
        for i, line in enumerate(text)
    ]
    pieces: dict[int, list[int]] = {}
    for index, line in enumerate(text):
        pieces.setdefault(line.line, []).append(index)
    unplaced = []
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for finding in findings:
        at = _piece(text, pieces, finding["line"], finding["column"], finding["evidence"])
        if at is None:
            unplaced.append(finding)
            continue
        shown[at].findings.append(finding)
        shown[at].level = _worse(shown[at].level, finding["level"])
        span = _span(text[at], finding["column"], finding["evidence"])
        if span:
            spans.setdefault(at, []).append((*span, finding["level"]))
    for claim in row["checked"]:
        at = _piece(text, pieces, claim["line"], None, claim["evidence"])
        if at is not None:
            shown[at].checked.append(claim)
    for at, marks in spans.items():
        shown[at].runs = _runs(text[at].text, marks)
    return ReportView(anchor, row, band, shown, unplaced)


def _short_names(paths: Sequence[str]) -> list[str]:
    """The paths without the folder they all share (``../shared/corpus/``)."""
    if len(paths) < 2:
        return [Path(path).name for path in paths]
    try:
        common = os.path.commonpath([os.path.abspath(path) for path in paths])
    except ValueError:  # paths on different drives
        return list(paths)
    return [os.path.relpath(os.path.abspath(path), common) for path in paths]


def _text_of(row: Row, options: Options) -> list[TextLine] | None:
    """The report's text read again from its file, or None when it is gone or unreadable."""
    path = row["file"]
    if path == "-" or not Path(path).is_file():
        return None
    try:
        return report_text(path, options, row["profile"])
    except XxgkError:
        return None


def _label(line: TextLine) -> str:
    """A line's number in the file, with the column of a piece cut out of a flattened line."""
    return str(line.line) if line.column == 1 else f"{line.line}:{line.column}"


def _piece(
    text: Sequence[TextLine],
    pieces: dict[int, list[int]],
    line: int | None,
    column: int | None,
    evidence: str | None,
) -> int | None:
    """The shown line a finding or claim at ``line`` (and ``column``) of the file is on."""
    candidates = pieces.get(line) if line is not None else None
    if not candidates:
        return None
    if column is not None:
        return max((i for i in candidates if text[i].column <= column), default=candidates[0])
    needle = _needle(evidence)
    return next((i for i in candidates if needle and needle in text[i].text), candidates[0])


def _needle(evidence: str | None) -> str:
    """The evidence as the line has it: an excerpt cut short ends with "…"."""
    return (evidence or "").split("…")[0].strip()


def _span(line: TextLine, column: int | None, evidence: str | None) -> tuple[int, int] | None:
    """Where the evidence stands in the line, the occurrence nearest the finding's column.

    Evidence that names its table row before the row's figures (``行政复议 10 1 0 0 0``)
    stands in the line without its first words; evidence not in the line at all is marked by
    the word at the finding's column.
    """
    offset = (column or line.column) - line.column
    words = _needle(evidence).split(" ")
    for first in range(len(words)):
        needle = " ".join(words[first:])
        if len(needle) < EVIDENCE_MIN:
            break
        starts = [m.start() for m in re.finditer(re.escape(needle), line.text)]
        if starts:
            best = min(starts, key=lambda s: _distance(s, s + len(needle), offset))
            return best, best + len(needle)
    if column is None or not 0 <= offset < len(line.text) or line.text[offset].isspace():
        return None
    word = _WORD.match(line.text, offset)
    return (offset, word.end()) if word else None


def _distance(start: int, end: int, offset: int) -> int:
    """How far a span is from a column: 0 when it holds it."""
    return 0 if start <= offset < end else abs(start - offset) + 1


def _runs(text: str, marks: Iterable[tuple[int, int, str]]) -> list[Run]:
    """The line cut into runs, each marked at the worst level of the evidence covering it."""
    rank = [len(LEVELS)] * len(text)
    for start, end, level in marks:
        for i in range(start, end):
            rank[i] = min(rank[i], LEVELS.index(level))
    runs: list[Run] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or rank[i] != rank[start]:
            runs.append(
                Run(text[start:i], LEVELS[rank[start]] if rank[start] < len(LEVELS) else None)
            )
            start = i
    return runs


def _worse(level: str | None, other: str) -> str:
    return other if level is None or LEVELS.index(other) < LEVELS.index(level) else level


def worst(findings: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The finding that matters most: the highest level, then the largest deduction."""
    return min(
        findings,
        key=lambda f: (LEVELS.index(f["level"]), -f["deduction"], f["line"] or 0),
        default=None,
    )


@cache
def _bands() -> dict[str, int]:
    """Each band's rank (0 the best) by its Chinese and its English name."""
    ranks: dict[str, int] = {}
    for name in SHIPPED:
        for rank, band in enumerate(sorted(load_shipped(name).bands, key=lambda b: -b.min)):
            ranks.setdefault(band.name, rank)
            ranks.setdefault(band.en, rank)
    return ranks


def _band_rank(band: str) -> int:
    return _bands().get(band, len(set(_bands().values())))


def _band_counts(views: Sequence[ReportView], book: Rulebook) -> list[tuple[int, int]]:
    """How many reports are in each band, best first: (rank, count)."""
    counts = Counter(view.band for view in views)
    return [(rank, counts[rank]) for rank in range(len(book.bands))]


def _band_names(book: Rulebook) -> list[Text]:
    """The rulebook's bands, best first."""
    return [Text(b.name, b.en) for b in sorted(book.bands, key=lambda b: -b.min)]


def _histogram(rows: Sequence[Row]) -> list[int]:
    """How many totals fall in each tenth of 0–100 (100 in the last)."""
    bins = [0] * HISTOGRAM_BINS
    width = 100 / HISTOGRAM_BINS
    for row in rows:
        total = row["score"]["total"]
        bins[min(max(int(total // width), 0), HISTOGRAM_BINS - 1)] += 1
    return bins


def _rulebooks(options: Options) -> list[Rulebook]:
    from checker.rulebook import load

    return [load(options.rules)] if options.rules else [load_shipped(n) for n in SHIPPED]


def _part_rates(rows: Sequence[Row], books: Sequence[Rulebook], lang: str) -> dict[str, Any]:
    """For each mandated part, how many reports have a finding of each part rule about it
    (lack it, leave it without a heading, say too little in it)."""
    titles: dict[str, str] = {}
    for book in books:
        for spec in book.sections:
            titles.setdefault(spec.id, spec.title.get(lang))
    hits: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        for finding in row["findings"]:
            part = (finding["target"] or {}).get("part")
            if part:
                hits.setdefault((part, finding["rule"]), set()).add(row["file"])
    rules = sorted({rule for _, rule in hits})
    parts = [*titles, *sorted({part for part, _ in hits} - set(titles))]
    return {
        "rules": rules,
        "rows": [
            (titles.get(part, part), [len(hits.get((part, rule), ())) for rule in rules])
            for part in parts
        ],
    }


def _rule_rates(rows: Sequence[Row], books: Sequence[Rulebook], lang: str) -> list[dict[str, Any]]:
    """Each rule that fired: how many reports have it and how often, most common first."""
    catalog: dict[str, dict[str, Any]] = {}
    for rules in rule_catalog(list(books), lang).values():
        for rule, data in rules.items():
            catalog.setdefault(rule, data)
    reports: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    levels: dict[str, str] = {}
    for row in rows:
        for finding in row["findings"]:
            findings[finding["rule"]] += 1
            levels[finding["rule"]] = finding["level"]
        reports.update({finding["rule"] for finding in row["findings"]})
    return [
        {
            "rule": rule,
            "level": levels[rule],
            "summary": catalog.get(rule, {}).get("summary", ""),
            "reports": count,
            "findings": findings[rule],
        }
        for rule, count in sorted(reports.items(), key=lambda item: (-item[1], item[0]))
    ]


def _categories(rows: Sequence[Row]) -> list[tuple[str, str]]:
    """The categories of every report's scorecard, (id, name) in first-seen order."""
    seen: dict[str, str] = {}
    for row in rows:
        for category in row["score"]["categories"]:
            seen.setdefault(category["id"], category["name"])
    return list(seen.items())


def _heat_row(row: Row, categories: Sequence[tuple[str, str]]) -> list[tuple[str, int] | None]:
    """A report's cells of the heat map: its score in each category, and the cell's hue
    (0 red for none of the points, 120 green for all); None for a category it lacks."""
    scores = {category["id"]: category for category in row["score"]["categories"]}
    cells: list[tuple[str, int] | None] = []
    for category_id, _ in categories:
        category = scores.get(category_id)
        if category is None:
            cells.append(None)
            continue
        share = category["score"] / category["points"] if category["points"] else 1.0
        cells.append((f"{category['score']:g}/{category['points']:g}", round(120 * share)))
    return cells


def _words(lang: str) -> dict[str, Any]:
    return {"L": {**LABELS[lang], **PAGE_LABELS[lang]}, "worst": worst, "LEVELS": LEVELS}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("checker.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _template(name: str) -> Template:
    return _environment().get_template(name)
