"""The 2019 profile: which reports it grades, what it inherits from 2008 and what it changes,
and the Huai'an 2024 report graded under it (acceptance)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import (
    HUAIAN,
    HUAIAN_LAYOUTS,
    ROOT,
    SEEDS,
    XIANNING_2013,
    findings,
    lint_json,
    run,
    variant,
)
from msgspec.structs import replace

from checker.facts.report import extract
from checker.lint import Options, read_report, recognised_parts, select_rulebook
from checker.rulebook import load_shipped

SCHEMA = json.loads((ROOT / "docs" / "scorecard.schema.json").read_text(encoding="utf-8"))
# The last sentence of the Huai'an report (line 189), and its other-matters part.
FEE_SENTENCE = "全年收取政府信息公开信息处理费 3940 元。"
PROBLEMS_HEADING = 174
OTHER_HEADING = 187


def brief(card: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    return [(f["rule"], f["level"], f["line"]) for f in card["findings"]]


# --- acceptance: the Huai'an 2024 report -------------------------------------------------


def test_huaian_is_graded_under_2019_and_says_why() -> None:
    card = lint_json(HUAIAN)
    assert card["profile"] == "2019"
    assert card["profile_reason"] == "报告年度 2024 年适用 2019 规则"
    jsonschema.validate(card, SCHEMA)


def test_huaian_findings_are_exactly_the_two_true_ones() -> None:
    """No signature or date in the text (a warning), and as a city government's report it
    leaves out the assessment results article 50(4) asks for; nothing else."""
    card = lint_json(HUAIAN)
    assert brief(card) == [
        ("publication-date-missing", "warning", None),
        ("section-thin", "warning", PROBLEMS_HEADING),
    ]
    (thin,) = findings(card, "section-thin")
    assert "工作考核、社会评议和责任追究结果" in thin["message"]
    assert thin["article"] == "《条例》第五十条第（四）项"
    (undated,) = findings(card, "publication-date-missing")
    assert undated["article"] == "《条例》第四十九条第二款"  # a government: 31 March
    assert (card["score"]["total"], card["score"]["band"]) == (95, "优秀")


def test_huaian_numbers_are_all_verified() -> None:
    checked = lint_json(HUAIAN)["checked"]
    rules = [c["rule"] for c in checked]
    assert rules.count("table-identity") == 36
    assert rules.count("text-table-mismatch") == 14
    details = {c["detail"] for c in checked}
    assert "表4 行政复议 = 351" in details
    assert "表4 行政诉讼·结果维持 = 25" in details  # 13 + 12: both kinds of suit
    assert "表3 本年新收申请 = 3119" in details


@pytest.mark.parametrize("layout", HUAIAN_LAYOUTS[1:], ids=lambda p: p.name)
def test_pipe_and_tab_layouts_give_the_same_findings(layout: Path) -> None:
    def summary(card: dict[str, Any]) -> tuple[Any, ...]:
        found = sorted((f["rule"], f["level"], f["message"]) for f in card["findings"])
        checked = sorted((c["rule"], c["detail"]) for c in card["checked"])
        return card["score"]["total"], found, checked

    assert summary(lint_json(layout)) == summary(lint_json(HUAIAN))


def test_huaian_six_parts_are_recognised() -> None:
    report = read_report(str(HUAIAN))
    parts = recognised_parts(report)
    assert {line: parts[line] for line in (10, 61, 77, 143, 174, 187)} == {
        10: "总体情况",
        61: "主动公开政府信息情况",
        77: "收到和处理政府信息公开申请情况",
        143: "政府信息公开行政复议、行政诉讼情况",
        174: "存在的主要问题及改进情况",
        187: "其他需要报告的事项",
    }
    # Table rows that read like headings (一、本年新收… 3001 …) are rows, not parts.
    assert [s.heading.number for s in report.sections] == [10, 61, 77, 143, 174, 187]


def test_no_2008_requirement_reaches_a_2019_report() -> None:
    card = lint_json(HUAIAN)
    words = json.dumps(card["findings"], ensure_ascii=False)
    assert "第三十二条" not in words and "收费及减免" not in words
    assert not findings(card, "pre-regulation")


# --- profile selection --------------------------------------------------------------------


@pytest.mark.parametrize(("year", "profile"), [(2008, "2008"), (2018, "2008"), (2019, "2019")])
def test_reporting_year_picks_the_rulebook(year: int, profile: str) -> None:
    facts = replace(extract(read_report(str(HUAIAN))), reporting_year=year)
    book, reason = select_rulebook(facts, Options())
    assert book.id == profile
    assert reason.zh == f"报告年度 {year} 年适用 {profile} 规则"


def test_without_a_year_the_standard_tables_pick_2019() -> None:
    facts = replace(extract(read_report(str(HUAIAN))), reporting_year=None)
    book, reason = select_rulebook(facts, Options(), standard_tables=True)
    assert book.id == "2019" and "标准表格" in reason.zh
    book, _ = select_rulebook(facts, Options())
    assert book.id == "2008"


def test_a_forced_profile_wins_over_the_year() -> None:
    card = lint_json(HUAIAN, "--profile", "2008")
    assert (card["profile"], card["profile_reason"]) == ("2008", "按指定的 2008 规则评分")
    assert not findings(card, "table-identity")


def test_2019_forced_on_a_2013_report_says_it_is_for_reference() -> None:
    card = lint_json(XIANNING_2013, "--profile", "2019")
    (pre,) = findings(card, "pre-regulation")
    assert pre["level"] == "info" and "2013" in pre["message"] and "2019" in pre["message"]
    assert not findings(card, "published-late")  # no 2019 deadline bound a 2013 report


# Totals, bands and findings of the five seeds before the 2019 profile existed.
SEEDS_BEFORE = {
    "000": (59.0, "不合格", [("period-missing", "warning", None),
        ("section-missing", "error", None), ("section-missing", "error", None),
        ("section-missing", "error", None),
        ("pre-regulation", "info", 3), ("section-unheaded", "warning", 15),
        ("section-unheaded", "warning", 17)]),
    "001": (100.0, "优秀", []),
    "002": (59.0, "不合格", [("period-missing", "warning", None),
        ("section-missing", "error", None), ("section-missing", "error", None),
        ("section-missing", "error", None), ("section-missing", "error", None),
        ("section-unheaded", "warning", 16)]),
    "003": (59.0, "不合格", [("period-missing", "warning", None),
        ("publication-date-missing", "warning", None), ("section-missing", "error", None),
        ("section-missing", "error", None), ("section-missing", "error", None),
        ("placeholder", "error", 1), ("placeholder", "error", 1),
        ("section-unheaded", "warning", 2), ("placeholder", "error", 5),
        ("placeholder", "error", 5), ("placeholder", "error", 5),
        ("section-unheaded", "warning", 7), ("section-unheaded", "warning", 9),
        ("personal-info", "error", 9), ("placeholder", "error", 11), ("placeholder", "error", 11),
        ("placeholder", "error", 11), ("placeholder", "error", 12), ("placeholder", "error", 19),
        ("truncated-text", "warning", 26)]),
    "004": (0.0, "不合格", [("not-a-report", "error", 1)]),
}  # fmt: skip


@pytest.mark.parametrize("seed", sorted(SEEDS_BEFORE))
def test_seeds_are_graded_under_2008_as_before(seed: str) -> None:
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    card = lint_json(path)
    assert card["profile"] == "2008"
    assert (card["score"]["total"], card["score"]["band"], brief(card)) == SEEDS_BEFORE[seed]


# --- what 2019 changes: deadlines by organ, organ- and year-bound statements ------------


def _department(tmp_path: Path, dated: str) -> Path:
    """Huai'an's report as if a department (财政局) had written it, signed on ``dated``."""
    path = variant(tmp_path, HUAIAN, "淮安市人民政府\r\n2024", "淮安市财政局\r\n2024")
    return variant(tmp_path, path, FEE_SENTENCE, f"{FEE_SENTENCE}\n{dated}", "dated.txt")


def _government(tmp_path: Path, dated: str) -> Path:
    return variant(tmp_path, HUAIAN, FEE_SENTENCE, f"{FEE_SENTENCE}\n{dated}")


def test_a_department_publishes_by_31_january(tmp_path: Path) -> None:
    card = lint_json(_department(tmp_path, "2025年2月10日"))
    (late,) = findings(card, "published-late")
    assert (late["level"], late["line"]) == ("error", 190)
    assert late["article"] == "《条例》第四十九条第一款"
    assert "2025年1月31日" in late["message"]


def test_a_government_publishes_by_31_march(tmp_path: Path) -> None:
    card = lint_json(_government(tmp_path, "2025年2月10日"))
    assert not findings(card, "published-late")
    assert not findings(card, "publication-date-missing")
    card = lint_json(_government(tmp_path, "2025年4月1日"))
    (late,) = findings(card, "published-late")
    assert late["article"] == "《条例》第四十九条第二款" and "2025年3月31日" in late["message"]


def test_assessment_results_are_asked_of_governments_only(tmp_path: Path) -> None:
    department = lint_json(_department(tmp_path, "2025年1月20日"))
    assert brief(department) == []
    told = variant(
        tmp_path, HUAIAN, "激励，增强队伍凝聚力。", "激励，增强队伍凝聚力。本年度考核结果为优秀。"
    )
    assert not findings(lint_json(told), "section-thin")


def test_processing_fees_must_be_reported_from_2021(tmp_path: Path) -> None:
    silent = variant(tmp_path, HUAIAN, "全年收取政府信息公开信息处理费 3940 元", "全年工作有序")
    thin = [f for f in findings(lint_json(silent), "section-thin") if "信息处理费" in f["message"]]
    assert [(f["level"], f["line"]) for f in thin] == [("warning", OTHER_HEADING)]
    text = silent.read_text(encoding="utf-8").replace("2024 年", "2020 年")
    silent.write_text(text, encoding="utf-8")
    card = lint_json(silent)
    assert card["report"]["reporting_year"] == 2020
    assert not [f for f in findings(card, "section-thin") if "信息处理费" in f["message"]]


def test_2019_limits_are_twenty_working_days(tmp_path: Path) -> None:
    said = "自收到申请之日起20个工作日内予以答复。"
    card = lint_json(variant(tmp_path, HUAIAN, FEE_SENTENCE, f"{FEE_SENTENCE}{said}"))
    assert not findings(card, "deadline-exceeds")
    said = "自收到申请之日起30个工作日内予以答复。"
    card = lint_json(variant(tmp_path, HUAIAN, FEE_SENTENCE, f"{FEE_SENTENCE}{said}"))
    (exceeds,) = findings(card, "deadline-exceeds")
    assert exceeds["article"] == "《条例》第三十三条第二款" and "20个工作日" in exceeds["message"]


@pytest.mark.parametrize(
    ("purpose", "due"), [("reply", "2024-10-30"), ("extension", "2024-11-27")]
)
def test_deadline_command_counts_2019_limits(purpose: str, due: str) -> None:
    result = run("deadline", "2024-09-27", "--for", purpose, "--profile", "2019")
    assert result.exit_code == 0 and f"最后一天 {due}" in result.stdout


# --- the rulebook itself --------------------------------------------------------------------


def test_2019_rulebook_inherits_and_overrides() -> None:
    book, old = load_shipped("2019"), load_shipped("2008")
    assert book.years == (2019, 2099)
    assert [s.id for s in book.sections] == [
        "overview", "proactive", "requests", "litigation", "problems", "other",
    ]  # fmt: skip
    assert sum(s.points for s in book.sections) == 40
    assert (book.bands, book.categories, book.caps) == (old.bands, old.categories, old.caps)
    assert {d.id: d.working_days for d in book.deadlines if d.working_days} == {
        "extension": 20, "reply": 20, "proactive": 20,
    }  # fmt: skip
    assert book.organ_kind("淮安市人民政府") == "government"
    assert book.organ_kind("淮安市人民政府办公室") == "government"
    assert book.organ_kind("淮安市财政局") == "department"
    assert book.organ_kind("清江浦区长西街道办事处") is None  # held to 31 March


def test_outline_shows_the_tables_with_their_labels() -> None:
    out = run("outline", str(HUAIAN)).stdout
    assert "表3 (2021) L92: 25 rows" in out
    assert "L92 new  一、本年新收政府信息公开申请数量: 3001 53 0 0 61 4 3119" in out
    assert "表4 (2021) L144" in out and "L173 review  行政复议: 72 64 178 37 351" in out
