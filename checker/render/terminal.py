"""The terminal scorecard (rich): band in colour, categories, findings by section."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from checker.model import Finding, Scorecard

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
    },
}


def render(
    console: Console, cards: Iterable[Scorecard], lang: str = "zh", verbose: bool = False
) -> None:
    """Print each scorecard in turn (with ``verbose``, also the claims verified as right)."""
    for card in cards:
        console.print(scorecard(card, lang, verbose))
        console.print()


def scorecard(card: Scorecard, lang: str, verbose: bool = False) -> Group:
    """One report's scorecard as a rich renderable."""
    label = LABELS[lang]
    checked = _checked(card, lang) if verbose and card.checked else []
    dropped = _dropped(card, lang) if verbose and card.dropped else []
    return Group(
        _header(card, lang),
        _categories(card, lang),
        *_findings(card.findings, lang),
        *checked,
        *dropped,
        RichText(label["summary"].format(**_counts(card.findings)), style="dim"),
    )


def _checked(card: Scorecard, lang: str) -> list[RichText | Table]:
    """The claims verified as right."""
    rows = [
        (
            item.line,
            RichText.assemble(
                ("✓ ", "green"),
                item.evidence,
                (f"  {item.detail}", "dim"),
                (f"  [{item.rule}]", "dim"),
            ),
        )
        for item in card.checked
    ]
    return _by_line(LABELS[lang]["checked"], rows, lang)


def _dropped(card: Scorecard, lang: str) -> list[RichText | Table]:
    """The page chrome set aside before grading, so a user can see nothing real was lost."""
    rows = [
        (item.line, RichText.assemble(item.text, (f"  [{item.reason}]", "dim")))
        for item in card.dropped
    ]
    return _by_line(LABELS[lang]["dropped"], rows, lang)


def _by_line(title: str, rows: list[tuple[int, RichText]], lang: str) -> list[RichText | Table]:
    """A titled list of texts, each after its line number."""
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(justify="right", style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    for line, text in rows:
        table.add_row(f"{LABELS[lang]['line']} {line}", text)
    return [RichText(f"\n{title}", style="bold underline"), table]


def _header(card: Scorecard, lang: str) -> Panel:
    label, facts = LABELS[lang], card.facts
    band = card.band if lang == "zh" else card.band_en
    when = facts.published_on or facts.dated_on
    lines = [
        RichText(facts.title or "—", style="bold"),
        RichText.assemble(
            (f"{label['organ']} ", "dim"),
            facts.organ or label["unknown"],
            (f"  {label['year']} ", "dim"),
            str(facts.reporting_year or label["unknown"]),
            (f"  {label['dated']} ", "dim"),
            when.isoformat() if when else label["unknown"],
            (f"  {label['profile']} ", "dim"),
            f"{card.profile} ({card.profile_reason.get(lang)})",
        ),
        RichText.assemble(
            (f"{label['score']} ", "dim"),
            (f"{card.total:g}", "bold"),
            "  ",
            (band, BAND_STYLE.get(card.band, "bold")),
        ),
    ]
    if card.cap:
        lines.append(
            RichText(f"{label['cap']} {card.cap.limit:g}: {card.cap.reason.get(lang)}", style="red")
        )
    return Panel(
        Group(*lines),
        title=card.file,
        title_align="left",
        border_style=BAND_STYLE.get(card.band, ""),
    )


def _categories(card: Scorecard, lang: str) -> Table:
    label = LABELS[lang]
    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column(label["category"])
    for column in ("points", "deduction", "got"):
        table.add_column(label[column], justify="right")
    for category in card.categories:
        lost = category.deduction
        table.add_row(
            category.name.get(lang),
            f"{category.points:g}",
            RichText(f"-{lost:g}" if lost else "0", style="red" if lost else "dim"),
            f"{category.score:g}",
        )
    return table


def _findings(findings: Iterable[Finding], lang: str) -> list[RichText | Table]:
    label = LABELS[lang]
    ordered = sorted(findings, key=lambda f: (f.section is not None, f.line or 0, f.column or 0))
    if not ordered:
        return [RichText(label["none"], style="green")]
    blocks: list[RichText | Table] = []
    for section, group in groupby(ordered, key=lambda f: f.section):
        heading = section or (label["whole"])
        blocks.append(RichText(f"\n{heading}", style="bold underline"))
        blocks.append(_finding_table(list(group), lang))
    return blocks


def _finding_table(findings: list[Finding], lang: str) -> Table:
    label = LABELS[lang]
    table = Table(box=None, show_header=False, pad_edge=False, expand=False)
    table.add_column(justify="right", style="dim", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for f in findings:
        where = f"{label['line']} {f.line}:{f.column}" if f.line else "—"
        if f.where:
            where += f"\n{f.where}"
        body = RichText.assemble((f.message.get(lang), "bold"), (f"  [{f.rule}]", "dim"))
        if f.deduction:
            body.append(f"  -{f.deduction:g}", style="red")
        if f.evidence:
            body.append(f"\n“{f.evidence}”", style="italic")
        if f.article:
            body.append(f"\n{label['article']}{f.article.get(lang)}", style="dim")
        if f.fix:
            body.append(f"\n{label['fix']}{f.fix.get(lang)}", style="green")
        table.add_row(where, RichText(label[f.level], style=LEVEL_STYLE[f.level]), body)
    return table


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.level] += 1
    return counts
