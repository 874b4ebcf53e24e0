"""``xxgk compare`` written out: as blocks for a person (painted by ``render.terminal`` or
``render.plain``, like the scorecard) and as plain data for JSON
(``docs/compare.schema.json``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from checker.compare import Comparison, PartShare, Side, Value
from checker.render.data import SCHEMA_VERSION, finding_dict
from checker.render.scorecard import (
    LABELS,
    Block,
    Grid,
    Heading,
    Note,
    Panel,
    Spans,
    findings_blocks,
)

_WORDS = {
    "zh": {
        "title": "年度对比",
        "figures": "表格数字",
        "figure": "项目",
        "change": "变化",
        "unsure": "（未能确定）",
        "across": "跨年度检查",
        "text": "与上年相同的文字",
        "part": "部分",
        "sentences": "句数",
        "same": "相同",
        "share": "占比",
        "whole": "全文",
        "none": "两份报告的表格中没有可对比的数字。",
    },
    "en": {
        "title": "Year over year",
        "figures": "Table figures",
        "figure": "Figure",
        "change": "Change",
        "unsure": " (uncertain)",
        "across": "Checks across years",
        "text": "Text found in last year's report",
        "part": "Part",
        "sentences": "Sentences",
        "same": "Same",
        "share": "Share",
        "whole": "Whole text",
        "none": "Neither report's tables give figures to compare.",
    },
}


_MARKED = 0.3  # a share shown in bold


def layout(comparison: Comparison, lang: str) -> list[Block]:
    """The comparison as blocks: header, figures, findings across years, repeated text."""
    words = _WORDS[lang]
    blocks: list[Block] = [_header(comparison, lang), Heading(words["figures"])]
    blocks.append(_figures(comparison, lang) if comparison.figures else Note([(words["none"], "")]))
    blocks.append(Heading(words["across"]))
    blocks += findings_blocks(comparison.findings, lang)
    blocks += [Heading(words["text"]), _shares(comparison, lang)]
    for part in comparison.parts:
        for passage in part.passages:
            where = f"{LABELS[lang]['line']} {passage.line}"
            blocks.append(Note([(f"{where}  ", "dim"), (f"“{passage.text}”", "italic")]))
    return blocks


def _header(comparison: Comparison, lang: str) -> Panel:
    def side(item: Side) -> Spans:
        organ = item.organ or LABELS[lang]["unknown"]
        year = item.year if item.year is not None else LABELS[lang]["unknown"]
        return [(f"{year}  ", "bold"), (f"{organ}  ", ""), (item.file, "dim")]

    return Panel(_WORDS[lang]["title"], "cyan", [side(comparison.last), side(comparison.this)])


def _figures(comparison: Comparison, lang: str) -> Grid:
    words = _WORDS[lang]
    last, this = comparison.last.year, comparison.this.year
    head: list[Spans] = [[(words["figure"], "bold")], [(str(last or "?"), "bold")],
                         [(str(this or "?"), "bold")], [(words["change"], "bold")]]  # fmt: skip
    rows = [head]
    for figure in comparison.figures:
        change = figure.change
        rows.append([
            [(figure.name.get(lang), "")],
            [(_shown(figure.last, lang), "")],
            [(_shown(figure.this, lang), "")],
            [(_signed(change), "dim")] if change is not None else [("", "")],
        ])  # fmt: skip
    return Grid(rows, right=(1, 2, 3), header=True)


def _shown(value: Value, lang: str) -> str:
    if value.value is None:
        return "—"
    return str(value.value) + ("" if value.certain else _WORDS[lang]["unsure"])


def _signed(change: Decimal) -> str:
    return f"+{change}" if change > 0 else str(change)


def _shares(comparison: Comparison, lang: str) -> Grid:
    words = _WORDS[lang]
    head: list[Spans] = [[(words[key], "bold")] for key in ("part", "sentences", "same", "share")]
    rows = [head]
    named = [(part.part or LABELS[lang]["front"], part) for part in comparison.parts]
    for name, part in (*named, (words["whole"], comparison.text)):
        share = (f"{part.share:.0%}", "bold" if part.share > _MARKED else "")
        rows.append([[(name, "")], [(str(part.sentences), "")], [(str(part.repeated), "")],
                     [share]])  # fmt: skip
    return Grid(rows, right=(1, 2, 3), header=True)


def comparison_dict(comparison: Comparison, lang: str = "zh") -> dict[str, Any]:
    """The comparison as JSON-ready data, messages in ``lang``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "last": _side(comparison.last),
        "this": _side(comparison.this),
        "figures": [
            {
                "id": figure.id,
                "name": figure.name.get(lang),
                "last": _value(figure.last),
                "this": _value(figure.this),
                "change": _number(figure.change),
            }
            for figure in comparison.figures
        ],
        "findings": [finding_dict(finding, lang) for finding in comparison.findings],
        "text": _share(comparison.text),
        "parts": [_share(part) for part in comparison.parts],
    }


def _side(side: Side) -> dict[str, Any]:
    return {"file": side.file, "organ": side.organ, "reporting_year": side.year}


def _value(value: Value) -> dict[str, Any]:
    return {"value": _number(value.value), "certain": value.certain}


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _share(part: PartShare) -> dict[str, Any]:
    return {
        "part": part.part,
        "sentences": part.sentences,
        "repeated": part.repeated,
        "share": round(part.share, 4),
        "passages": [{"line": p.line, "text": p.text} for p in part.passages],
    }
