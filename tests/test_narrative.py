"""The narrative against the tables: paragraphs joined across PDF line breaks, the figures a
sentence states, and ``text-table-mismatch`` — which must never fire on a doubtful reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HUAIAN, findings, lint_json, variant

from checker.facts.paragraphs import paragraphs
from checker.lint import read_report

FEE_SENTENCE = "全年收取政府信息公开信息处理费 3940 元。"


def test_paragraphs_undo_pdf_line_breaks_and_point_back() -> None:
    found = paragraphs(read_report(str(HUAIAN)))
    (requests,) = [p for p in found if "全市共受理政府信息公开申请" in p.text]
    assert "答复 3050 件(含上年度结转申请 34 件" in requests.text  # "答\n复" rejoined
    assert "行政复议 351件" in requests.text
    line, column = requests.locate(requests.text.index("3050"))
    assert (line.number, line.raw[column : column + 4]) == (30, "3050")
    line, column = requests.locate(requests.text.index("37 件"))
    assert (line.number, line.raw[column : column + 2]) == (33, "37")


def test_paragraphs_skip_page_numbers_and_leave_out_tables() -> None:
    found = paragraphs(read_report(str(HUAIAN)))
    (proactive,) = [p for p in found if p.text.startswith("(一)主动公开情况")]
    assert "- 2 -" not in proactive.text and "建设‘四最’一流营商环境" in proactive.text
    assert not any("3001 53 0 0 61 4 3119" in p.text for p in found)
    assert [p.text for p in found if p.text.startswith("一、")] == ["一、总体情况"]


# --- mismatches, at the figure's own line and column ---------------------------------------


# (line, old words, new words, the figure's name, its table, what the table has, its line)
MISMATCHES = [
    (29, "申请 3119 件", "申请 3120 件", "本年新收申请", 3, "3119 / 3153", 92),
    (30, "复 3050 件", "复 3051 件", "办结（答复）申请", 3, "3050", 141),
    (30, "结转申请 34 件", "结转申请 35 件", "上年结转申请", 3, "34", 93),
    (30, "另有 103 件", "另有 102 件", "结转下年度继续办理", 3, "103", 142),
    (31, "行政复议 351", "行政复议 350", "行政复议", 4, "351", 173),
    (32, "其他结果 178 件", "其他结果 177 件", "行政复议·其他结果", 4, "178", 173),
    (33, "行政诉讼 46 件", "行政诉讼 45 件", "行政诉讼", 4, "46", 173),
    (34, "审结 7 件", "审结 8 件", "行政诉讼·尚未审结", 4, "7", 173),
]


@pytest.mark.parametrize(("line", "old", "new", "name", "table", "has", "at"), MISMATCHES)
def test_a_figure_the_table_contradicts_is_one_error(
    tmp_path: Path, line: int, old: str, new: str, name: str, table: int, has: str, at: int
) -> None:
    card = lint_json(variant(tmp_path, HUAIAN, old, new))
    (error,) = findings(card, "text-table-mismatch")
    number = new.split(" ")[1]
    message = f"正文所述“{name}”为{number}件，与表{table}不符（表中为{has}，见第{at}行）"
    assert (error["level"], error["line"], error["message"]) == ("error", line, message)
    raw = HUAIAN.read_text(encoding="utf-8").splitlines()[line - 1].replace(old, new)
    assert raw[error["column"] - 1 :].startswith(number)
    assert number in error["evidence"] and error["article"] == "《条例》第六条（准确公开）"


def test_the_evidence_is_the_sentence() -> None:
    card = lint_json(HUAIAN)
    evidence = {c["evidence"] for c in card["checked"] if c["rule"] == "text-table-mismatch"}
    assert (
        "政府信息公开行政诉讼 46 件，其中结果维持 25件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件"
        in evidence
    )


# --- precision: what is not read --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "全年收到政府信息公开申请比上年增加 200 件。",  # a comparison
        "2023 年全市共收到政府信息公开申请 2800 件。",  # another year
        "全年政府信息公开申请中，予以公开、部分公开 1800 件。",  # two labels share a figure
        "全年受理政府信息公开申请 3000 余件。",  # approximate
        "12345 热线受理群众诉求 5000 件，办结 4990 件。",  # not about disclosure requests
        "全年共答复政府信息公开申请 3050 件，其中按期答复 3000 件。",  # a part, not all
        "全市共收到政府信息公开申请 9999 件，其中市政府本级收到 3119 件。",  # 全市 and 本级
        "上年度结转的 34 件申请已全部办结，政府信息公开申请办理满意率 98%。",  # two figures named
        "政府信息公开行政复议、行政诉讼均为 3 件。",  # which one is meant cannot be told
        "政府信息公开申请平均办理时间 8 个工作日。",  # not a count
    ],
)
def test_doubtful_figures_are_not_read(tmp_path: Path, sentence: str) -> None:
    card = lint_json(variant(tmp_path, HUAIAN, FEE_SENTENCE, f"{FEE_SENTENCE}{sentence}"))
    assert not findings(card, "text-table-mismatch")


def test_outcomes_take_the_rows_named_before_them(tmp_path: Path) -> None:
    sentence = "因政府信息公开被申请行政复议 351 件，其中 72 件维持，37 件正在审理中。"
    card = lint_json(variant(tmp_path, HUAIAN, FEE_SENTENCE, f"{FEE_SENTENCE}{sentence}"))
    details = [c["detail"] for c in card["checked"] if c["line"] == 189]
    assert details == [
        "表4 行政复议 = 351", "表4 行政复议·结果维持 = 72", "表4 行政复议·尚未审结 = 37",
    ]  # fmt: skip
    assert not findings(card, "text-table-mismatch")
