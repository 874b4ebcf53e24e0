"""The human scorecard, laid out once: header, categories, findings by section.

The layout is plain data (blocks of styled spans), painted by ``render.terminal`` with rich
on a terminal and by ``render.plain`` as plain lines when the output is a pipe or a file, so
neither painter decides what a scorecard says.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from msgspec import Struct

from checker.model import Finding, Scorecard

#: A run of text and its style (a rich style name, or "" for none).
Span = tuple[str, str]
#: A cell or a line: spans, which may hold line breaks.
Spans = list[Span]


class Panel(Struct, frozen=True):
    """Lines in a frame titled with the file's name."""

    title: str
    style: str
    lines: list[Spans]


class Grid(Struct, frozen=True):
    """Rows of cells in aligned columns; ``right`` are the columns aligned right."""

    rows: list[list[Spans]]
    right: tuple[int, ...] = ()
    header: bool = False  # row 0 of ``rows`` holds the column titles


class Heading(Struct, frozen=True):
    """The title of a group of findings (a section of the report)."""

    text: str


class Note(Struct, frozen=True):
    """One line of text."""

    spans: Spans


Block = Panel | Grid | Heading | Note

BAND_STYLE = {
    "优秀": "bold green",
    "良好": "bold cyan",
    "合格": "bold yellow",
    "不合格": "bold red",
}
LEVEL_STYLE = {"error": "red", "warning": "yellow", "info": "blue"}

LABELS = {
    "zh": {
        "organ": "机关",
        "year": "报告年度",
        "profile": "规则",
        "dated": "日期",
        "score": "总分",
        "category": "类别",
        "points": "分值",
        "deduction": "扣分",
        "got": "得分",
        "cap": "封顶",
        "front": "卷首",
        "whole": "全文",
        "line": "行",
        "article": "依据：",
        "fix": "建议：",
        "none": "未发现问题。",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "unknown": "未知",
        "checked": "已核对",
        "dropped": "已移除的页面元素（不计入评分）",
        "summary": "{error} 个错误，{warning} 个警告，{info} 个提示",
        "config": "配置文件",
        "ignored": "不检查",
        "baseline": "基线 {file}：已按基线略去 {suppressed} 项已知问题，{fixed} 项已修复",
        "suppressed": "基线中的已知问题（已略去）",
        "fixed": "已修复（基线中有、本次未再出现）",
    },
    "en": {
        "organ": "Organ",
        "year": "Year",
        "profile": "Rules",
        "dated": "Dated",
        "score": "Score",
        "category": "Category",
        "points": "Points",
        "deduction": "Deducted",
        "got": "Score",
        "cap": "Capped at",
        "front": "Front matter",
        "whole": "Whole report",
        "line": "line",
        "article": "Basis: ",
        "fix": "Fix: ",
        "none": "No findings.",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "unknown": "unknown",
        "checked": "Verified",
        "dropped": "Page chrome set aside (not graded)",
        "summary": "{error} errors, {warning} warnings, {info} notes",
        "config": "Configuration",
        "ignored": "not checked",
        "baseline": "Baseline {file}: {suppressed} known findings set aside, {fixed} fixed",
        "suppressed": "Known findings of the baseline (set aside)",
        "fixed": "Fixed (in the baseline, not found any more)",
    },
}



def layout(card: Scorecard, lang: str, verbose: bool = False) -> list[Block]:
    """One report's scorecard as blocks (with ``verbose``, also the claims verified)."""
    label = LABELS[lang]
    checked = _checked(card, lang) if verbose and card.checked else []
    dropped = _dropped(card, lang) if verbose and card.dropped else []
    summary = label["summary"].format(**_counts(card.findings))
    return [
        _header(card, lang),
        _categories(card, lang),
        *findings_blocks(card.findings, lang),
        *checked,
        *dropped,
        *(_baseline(card, lang, verbose) if card.baseline else []),
        Note([(summary, "dim")]),
    ]


def _baseline(card: Scorecard, lang: str, verbose: bool) -> list[Block]:
    """What the baseline set aside (counted; listed with ``verbose``) and what it had that
    is fixed."""
    assert card.baseline is not None
    label, known = LABELS[lang], card.baseline
    blocks: list[Block] = []
    if verbose and known.suppressed:
        blocks += [Heading(label["suppressed"]),
                   Grid([_finding_row(f, lang) for f in known.suppressed], right=(0,))]
    if known.fixed:
        rows = [(k.line or 0, [(k.evidence or k.section or "—", ""), (f"  [{k.rule}]", "dim")])
                for k in known.fixed]
        blocks += _by_line(label["fixed"], rows, lang)
    counts = {"file": known.file, "suppressed": len(known.suppressed), "fixed": len(known.fixed)}
    return [*blocks, Note([(label["baseline"].format(**counts), "dim")])]


def _checked(card: Scorecard, lang: str) -> list[Block]:
    """The claims verified as right."""
    rows = [
        (item.line, [("✓ ", "green"), (item.evidence, ""), (f"  {item.detail.get(lang)}", "dim"),
                     (f"  [{item.rule}]", "dim")])
        for item in card.checked
    ]  # fmt: skip
    return _by_line(LABELS[lang]["checked"], rows, lang)


def _dropped(card: Scorecard, lang: str) -> list[Block]:
    """The page chrome set aside before grading, so a user can see nothing real was lost."""
    rows = [(item.line, [(item.text, ""), (f"  [{item.reason}]", "dim")]) for item in card.dropped]
    return _by_line(LABELS[lang]["dropped"], rows, lang)


def _by_line(title: str, rows: list[tuple[int, Spans]], lang: str) -> list[Block]:
    """A titled list of texts, each after its line number."""
    line = LABELS[lang]["line"]
    cells = [[[(f"{line} {number}", "dim")], text] for number, text in rows]
    return [Heading(title), Grid(cells, right=(0,))]


def _header(card: Scorecard, lang: str) -> Panel:
    label, facts = LABELS[lang], card.facts
    band = card.band if lang == "zh" else card.band_en
    when = facts.published_on or facts.dated_on
    lines: list[Spans] = [
        [(facts.title or "—", "bold")],
        [
            (f"{label['organ']} ", "dim"),
            (facts.organ or label["unknown"], ""),
            (f"  {label['year']} ", "dim"),
            (str(facts.reporting_year or label["unknown"]), ""),
            (f"  {label['dated']} ", "dim"),
            (when.isoformat() if when else label["unknown"], ""),
            (f"  {label['profile']} ", "dim"),
            (f"{card.profile} ({card.profile_reason.get(lang)})", ""),
        ],
        [
            (f"{label['score']} ", "dim"),
            (f"{card.total:g}", "bold"),
            ("  ", ""),
            (band, BAND_STYLE.get(card.band, "bold")),
        ],
    ]
    if card.cap:
        lines.append([(f"{label['cap']} {card.cap.limit:g}: {card.cap.reason.get(lang)}", "red")])
    if card.config:
        ignore = card.config.ignore
        ignored = f"  {label['ignored']} {', '.join(ignore)}" if ignore else ""
        lines.append([(f"{label['config']} ", "dim"), (card.config.file, ""), (ignored, "dim")])
    return Panel(card.file, BAND_STYLE.get(card.band, ""), lines)


def _categories(card: Scorecard, lang: str) -> Grid:
    label = LABELS[lang]
    titles = [[(label[key], "bold")] for key in ("category", "points", "deduction", "got")]
    rows: list[list[Spans]] = [titles]
    for category in card.categories:
        lost = category.deduction
        rows.append([
            [(category.name.get(lang), "")],
            [(f"{category.points:g}", "")],
            [(f"-{lost:g}" if lost else "0", "red" if lost else "dim")],
            [(f"{category.score:g}", "")],
        ])  # fmt: skip
    return Grid(rows, right=(1, 2, 3), header=True)


def findings_blocks(findings: Iterable[Finding], lang: str) -> list[Block]:
    """Findings grouped under the headings of their parts (the whole report's first)."""
    label = LABELS[lang]
    ordered = sorted(findings, key=lambda f: (f.section is not None, f.line or 0, f.column or 0))
    if not ordered:
        return [Note([(label["none"], "green")])]
    blocks: list[Block] = []
    for section, group in groupby(ordered, key=lambda f: f.section):
        blocks.append(Heading(section or label["whole"]))
        blocks.append(Grid([_finding_row(f, lang) for f in group], right=(0,)))
    return blocks


def _finding_row(f: Finding, lang: str) -> list[Spans]:
    label = LABELS[lang]
    where = f"{label['line']} {f.line}:{f.column}" if f.line else "—"
    if f.where:
        where += f"\n{f.where}"
    body: Spans = [(f.message.get(lang), "bold"), (f"  [{f.rule}]", "dim")]
    if f.deduction:
        body.append((f"  -{f.deduction:g}", "red"))
    if f.evidence:
        body.append((f"\n“{f.evidence}”", "italic"))
    if f.article:
        body.append((f"\n{label['article']}{f.article.get(lang)}", "dim"))
    if f.fix:
        body.append((f"\n{label['fix']}{f.fix.get(lang)}", "green"))
    return [[(where, "dim")], [(label[f.level], LEVEL_STYLE[f.level])], body]


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.level] += 1
    return counts
