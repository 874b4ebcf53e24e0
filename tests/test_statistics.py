"""The 政府信息公开情况统计表 of the 2008–2018 reports: how its rows are read in the layouts
real texts have (blank-separated, rows run together by a crawler), the narrative against its
本年度 column, a blank cell, and rows left unread. Synthetic cases pin each edge; the corpus
tests read ``../shared/corpus`` at test time (skipped when absent)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, lint_json, lint_report

from checker.facts.statistics import StatisticsTable, find_statistics
from checker.model import Line

RULES = ("text-statistics-mismatch", "statistics-blank-cell", "statistics-unread")
TITLE = "某区2013年政府信息公开工作年度报告"
HEADER = "指标名称 计量单位 2013年度 历年累计"


def table(*lines: str) -> StatisticsTable | None:
    return find_statistics([Line(n, text, text) for n, text in enumerate(lines, start=1)])


def values(found: StatisticsTable | None) -> list[tuple[str, tuple[Decimal | None, ...] | None]]:
    """Each row's label and its values (None for a row left unread)."""
    assert found is not None
    return [
        (row.label, tuple(cell.value for cell in row.values) if row.read else None)
        for row in found.rows
    ]


def lint_lines(tmp_path: Path, *lines: str) -> dict[str, Any]:
    """The scorecard of a report whose title is line 1 and ``lines`` follow from line 2."""
    return lint_report(tmp_path, TITLE, *lines)


def ours(card: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    return [
        (f["rule"], f["line"], f["column"], f["level"])
        for f in card["findings"]
        if f["rule"] in RULES
    ]


def verified(card: dict[str, Any]) -> list[str]:
    return [c["detail"] for c in card["checked"] if c["rule"] == "text-statistics-mismatch"]


D = Decimal

# --- reading the table ------------------------------------------------------------------


def test_blank_separated_rows_several_on_a_line() -> None:
    found = table(
        f"统计表 {HEADER} 主动公开信息数 条 72804 76424 其中:1、网站公开 条 72804 76424",
        "2、政府公报公开 条 0 受理依申请公开信息总数 条 0 0 行政复议数 件 1 3",
    )
    assert found is not None and found.year == 2013
    assert values(found) == [
        ("主动公开信息数", (D(72804), D(76424))),
        ("其中:1、网站公开", (D(72804), D(76424))),
        ("2、政府公报公开", (D(0),)),
        ("受理依申请公开信息总数", (D(0), D(0))),
        ("行政复议数", (D(1), D(3))),
    ]
    assert [row.key for row in found.rows] == ["proactive", None, None, "requests", "review"]
    cell = found.rows[4].values[0]
    assert (cell.line.number if cell.line else None, cell.start, cell.end) == (2, 39, 40)


def test_run_together_rows_are_read_only_where_the_split_is_certain() -> None:
    found = table(
        "指标名称计量单位2015年度历年累计主动公开文件数条294981916其中:1、政府网站公开数条294981916"
        "2、政府公报公开数条00受理依申请公开信息总数条01其中:1、当面申请数条002、网上申请数条01"
        "3、信函申请数条5行政复议数件00"
    )
    assert values(found) == [
        ("主动公开文件数", None),  # 2949 81916? 29498 1916? not certain
        ("其中:1、政府网站公开数", None),  # and the glued 2、 cannot be told from the figures
        ("政府公报公开数", (D(0), D(0))),
        ("受理依申请公开信息总数", (D(0), D(1))),  # no count starts with 0
        ("其中:1、当面申请数", (D(0), D(0))),  # 2、 is the next label's number
        ("2、网上申请数", (D(0), D(1))),
        ("3、信函申请数", (D(5),)),  # one digit is one figure
        ("行政复议数", (D(0), D(0))),
    ]


def test_text_without_the_header_has_no_table() -> None:
    assert table("主动公开信息数 条 72804 76424 行政复议数 件 0 0 行政诉讼数 件 0 0") is None
    assert table(HEADER, "我们认真做好政府信息公开工作。") is None


# --- the narrative against the table ----------------------------------------------------

TABLE = (
    "政府信息公开情况统计表",
    HEADER,
    "主动公开信息数 条 4970 76424",
    "受理依申请公开信息总数 条 2 5",
    "行政复议数 件 0 1",
    "行政诉讼数 件 0 0",
)


def test_agreeing_figures_are_verified(tmp_path: Path) -> None:
    card = lint_lines(
        tmp_path,
        "经梳理，2013年主动公开政府信息4970条。",
        "2013年全区收到有关政府信息公开的申请2件。",
        *TABLE,
    )
    assert ours(card) == []
    assert verified(card) == ["统计表 主动公开政府信息 = 4970", "统计表 受理政府信息公开申请 = 2"]


def test_disagreeing_figures_are_errors_with_both_numbers(tmp_path: Path) -> None:
    card = lint_lines(
        tmp_path,
        "经梳理，2013年主动公开政府信息4971条。",
        "收到1份有关政府信息公开行政复议申请已及时处理。",
        *TABLE,
    )
    assert ours(card) == [
        ("text-statistics-mismatch", 2, 18, "error"),
        ("text-statistics-mismatch", 3, 3, "error"),
    ]
    first, second = (f["message"] for f in card["findings"] if f["rule"] in RULES)
    assert "4971条" in first and "“主动公开信息数”本年度4970" in first
    assert "1份" in second and "“行政复议数”本年度0" in second


@pytest.mark.parametrize(
    "sentence",
    [
        "其中，区直各单位主动公开政府信息3933条。",  # a part of the organ
        "各乡镇主动公开政府信息1037条。",
        "2013年区管委会、县政府公开办主动公开信息数为222条。",  # a subject the table is not
        "历年累计主动公开政府信息9000条。",  # the cumulative column
        "窗口共受理申请136437件。",  # not requests for information
        "收到有关政府信息公开的信函申请1条。",  # one channel, not all requests
        "本报告由概述、因政府信息公开申请行政复议、提起行政诉讼的情况等共七个部分组成。",
        "2012年主动公开政府信息3000条。",  # another year
    ],
)
def test_figures_not_about_the_row_are_not_compared(tmp_path: Path, sentence: str) -> None:
    card = lint_lines(tmp_path, sentence, *TABLE)
    assert ours(card) == []
    assert verified(card) == []


def test_a_row_with_a_blank_cell_is_not_compared_but_flagged(tmp_path: Path) -> None:
    card = lint_lines(
        tmp_path,
        "2013年主动公开政府信息4970条。",
        "政府信息公开情况统计表",
        HEADER,
        "主动公开信息数 条 72804",
        "其中：1、网站公开 条 72804 76424",
        "2、政府公报公开 条 0 0",
    )
    assert ours(card) == [("statistics-blank-cell", 5, 11, "warning")]


def test_run_together_rows_are_an_info_finding_never_an_error(tmp_path: Path) -> None:
    card = lint_lines(
        tmp_path,
        "2013年主动公开政府信息4970条。",
        "收到1份有关政府信息公开行政复议申请已及时处理。",
        "政府信息公开情况统计表",
        "指标名称计量单位2013年度历年累计主动公开信息数条497076424其中:1、网站公开条4970764242、"
        "政府公报公开条00受理依申请公开信息总数条00行政复议数件01",
    )
    # 行政复议 01 reads 0 | 1 for certain: the text's 1 contradicts it; the rest is unread.
    assert ours(card) == [
        ("text-statistics-mismatch", 3, 3, "error"),
        ("statistics-unread", 5, 27, "info"),
    ]


# --- the corpus -------------------------------------------------------------------------


def corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip("the corpus (../shared/corpus beside the clone) is absent")
    return path


def test_pingtan_2013_text_against_its_statistics_table() -> None:
    card = lint_json(corpus("pingtan-2013.txt"))
    assert ours(card) == [
        ("text-statistics-mismatch", 1, 1163, "error"),  # 主动公开 4970 against 72804
        ("text-statistics-mismatch", 1, 1756, "error"),  # 行政复议 1份 against 0
        ("statistics-blank-cell", 1, 2543, "warning"),  # 2、政府公报公开 条 0
    ]
    messages = [f["message"] for f in card["findings"] if f["rule"] in RULES]
    assert "4970条" in messages[0] and "72804" in messages[0]


OTHERS_2008 = [
    "pingtan-2011.txt",
    "pingtan-2014.txt",
    "pingtan-2015.txt",
    "pingtan-2017.txt",
    "pingtan-2018.txt",
    "pingtan-dishui-2013.txt",
    "pingtan-shichangjianguan-2018.txt",
    "pingtanxian-2011.txt",
    "pingtanxian-2012.txt",
]


@pytest.mark.parametrize("name", OTHERS_2008)
def test_other_2008_era_reports_get_no_error_from_the_table(name: str) -> None:
    card = lint_json(corpus(name))
    levels = {f["level"] for f in card["findings"] if f["rule"] in RULES}
    assert levels <= {"info"}, json.dumps(ours(card))


def test_pingtan_2014_proactive_total_is_verified() -> None:
    card = lint_json(corpus("pingtan-2014.txt"))
    assert verified(card) == ["统计表 主动公开政府信息 = 2543"]
