"""Segment: a report whose line breaks were lost is read as the report it was.

A crawler saves a page's text on one line; the same report with its lines must get the same
grade and the same findings, quoting the same words, and each finding must point at the
right line and column of the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, SEEDS, lint_json, needs_corpus, run

from checker.lint import read_report
from checker.model import Line, Source
from checker.segment import segment

CHROME = "当前位置： 首页 > 政务公开 > 政府信息公开年报 "


def card(path: Path) -> dict[str, Any]:
    scorecard: dict[str, Any] = lint_json(path)
    return scorecard


def flattened(text: str, join: str) -> str:
    """The text on one line, as a crawler saves a page: chrome in front, widgets behind."""
    return CHROME + join.join(text.replace("\r", "").split("\n")) + " 附件下载"


def said(scorecard: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    findings = scorecard["findings"]
    return [(f["rule"], f["level"], f["evidence"]) for f in findings]


@pytest.mark.parametrize("join", [" ", ""], ids=["blank-joined", "glued"])
@pytest.mark.parametrize("seed", ["001", "002", "003"])
def test_a_flattened_seed_grades_as_the_seed(tmp_path: Path, seed: str, join: str) -> None:
    original = next(SEEDS.glob(f"{seed}_*.txt"))
    flat = tmp_path / "page.txt"
    flat.write_text(flattened(original.read_text("utf-8"), join), "utf-8")
    lined, one_line = card(original), card(flat)
    assert one_line["score"] == lined["score"]
    assert said(one_line) == said(lined)
    if join:  # glued to a breadcrumb, where a title starts is a guess (see the next test)
        assert one_line["report"] == lined["report"]


def test_the_flattened_seed_001_keeps_its_title_dates_and_organ(tmp_path: Path) -> None:
    flat = tmp_path / "page.txt"
    text = (SEEDS / "001_79795839ff8f294f.txt").read_text("utf-8")
    flat.write_text(flattened(text, ""), "utf-8")
    report = card(flat)["report"]
    assert report == {
        "title": "咸宁市2013年政府信息公开工作年度报告",
        "organ": "咸宁市人民政府办公室",
        "reporting_year": 2013,
        "published_on": "2014-02-20",
        "dated_on": "2014-01-22",
        "period_stated": True,
    }


def test_findings_point_at_the_line_and_column_of_the_file(tmp_path: Path) -> None:
    """seeds/003 on one line: every finding is on line 1, at the column of its words."""
    text = (SEEDS / "003_35213da09001d2db.txt").read_text("utf-8")
    flat = tmp_path / "page.txt"
    flat.write_text(flattened(text, " "), "utf-8")
    raw = flat.read_text("utf-8")
    findings = card(flat)["findings"]
    assert isinstance(findings, list)
    placed = [f for f in findings if f["line"] is not None]
    assert placed
    for finding in placed:
        assert finding["line"] == 1
        column = finding["column"] - 1
        evidence = finding["evidence"].rstrip("…")
        if "*" in evidence:  # personal data is masked in the evidence
            evidence = evidence.split("*")[0]
        start = raw.find(evidence, max(0, column - 80))
        assert start >= 0 and start <= column <= start + len(finding["evidence"]), finding


def test_a_lined_text_is_left_as_it_is() -> None:
    lines = tuple(Line(n, f"第{n}行。", f"第{n}行。") for n in range(1, 4))
    source = Source(path="x.txt", format="text", encoding="utf-8", lines=lines)
    assert segment(source) is source


def test_a_long_paragraph_with_one_heading_is_not_cut() -> None:
    """One part's number in a long sentence is no flattened report: two in a row are."""
    text = "本年度" + "认真落实各项工作，" * 30 + "一、加强领导。" + "继续推进，" * 10
    source = Source("x.txt", "text", "utf-8", (Line(1, text, text),))
    assert segment(source) is source


def test_pieces_keep_their_file_line_and_column() -> None:
    text = "标题行 一、概述 2023年，本机关认真工作。 二、主动公开 主动公开信息12条。"
    source = segment(
        Source("x.txt", "text", "utf-8", (Line(1, "x" * 200 + text, "x" * 200 + text),))
    )
    pieces = [(line.raw, source.position(line.number)) for line in source.lines]
    starts = {raw: position for raw, position in pieces}
    assert starts["一、概述"] == (1, 200 + text.index("一、概述"))
    assert starts["2023年，本机关认真工作。"] == (1, 200 + text.index("2023年"))
    assert starts["二、主动公开"] == (1, 200 + text.index("二、主动公开"))


@needs_corpus
@pytest.mark.parametrize(
    "name", ["pingtan-2011.txt", "pingtan-2021.txt", "pingtan-guoziju-2019.txt"]
)
def test_a_crawler_page_is_cut_into_its_parts(name: str) -> None:
    report = read_report(str(CORPUS / name))
    assert report.title is not None and "年度报告" in report.title.text
    titles = [section.title for section in report.sections]
    assert any("主动公开" in title for title in titles)
    dropped = {item.reason for item in report.document.dropped}
    assert {"breadcrumb", "site-widget"} <= dropped


@needs_corpus
def test_a_lined_pdf_text_flattened_grades_the_same(tmp_path: Path) -> None:
    """The Huai'an text joined with blanks: same score, findings and evidence."""
    original = CORPUS / "text" / "huaian-2024.txt"
    flat = tmp_path / "huaian.txt"
    flat.write_text(" ".join(original.read_text("utf-8").split("\n")), "utf-8")
    lined, one_line = card(original), card(flat)
    assert one_line["score"] == lined["score"]
    assert said(one_line) == said(lined)


@needs_corpus
def test_the_page_time_is_the_publication_date_and_it_was_late() -> None:
    """pingtan-2011: 时间：2012-04-11 on the page, after 31 March; signed in February."""
    scorecard = card(CORPUS / "pingtan-2011.txt")
    report = scorecard["report"]
    assert isinstance(report, dict)
    assert report["published_on"] == "2012-04-11"
    late = [f for f in scorecard["findings"] if f["rule"] == "published-late"]
    assert [(f["level"], f["line"]) for f in late] == [("error", 1)]


@needs_corpus
def test_the_outline_of_a_crawler_page_gives_file_line_and_column() -> None:
    result = run("outline", CORPUS / "pingtan-2021.txt")
    assert result.exit_code == 0
    assert "L1:28 标题 title: 平潭综合实验区2021年度政府信息公开工作年度报告" in result.output
    assert "L1:503 一 总体情况" in result.output


def test_a_paragraph_listing_its_points_in_a_lined_report_is_not_cut() -> None:
    """一、…；二、…；三、… inside one paragraph of a report with its line breaks."""
    paragraph = (
        "主要做法：一、加强领导，" + "认真落实，" * 20 + "；二、完善制度，" + "细化分工，" * 20
    )
    paragraph += "；三、强化监督，" + "定期通报，" * 20 + "。"
    texts = ["标题", "一、概述", paragraph, "二、主动公开", "公开信息12条。", "三、其他", "无。"]
    lines = tuple(Line(n, text, text) for n, text in enumerate(texts, start=1))
    source = Source("x.txt", "text", "utf-8", lines)
    assert segment(source) is source


@needs_corpus
def test_table_rows_of_a_flattened_line_are_told_apart_by_their_columns() -> None:
    """pingtan-2019's table 2 rows share line 1: each finding points at its row's label."""
    path = CORPUS / "pingtan-2019.txt"
    raw = path.read_text("utf-8")
    rows = [f for f in card(path)["findings"] if f["rule"] == "table-unaligned"]
    assert len(rows) == 6 and {f["line"] for f in rows} == {1}
    for finding in rows:
        label = finding["evidence"].split()[0]  # 规范性文件 898989: the label, then its digits
        assert raw[finding["column"] - 1 :].startswith(label), finding
