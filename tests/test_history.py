"""Year over year: ``lint --previous``, ``lint --history`` and ``compare`` on the corpus's
consecutive reports of one organ, and on planted changes of a copy of THIS year's text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CORPUS, ROOT, findings, lint_json, needs_corpus, run
from referencing import Registry, Resource

from checker.facts.history import organ_key, same_organ
from checker.ingest import read_source
from checker.model import ReportFacts

pytestmark = needs_corpus
HONGZE_2023, HONGZE_2024 = CORPUS / "hongze-2023.pdf", CORPUS / "hongze-2024.pdf"
COUNTY_2011, COUNTY_2012 = CORPUS / "pingtanxian-2011.txt", CORPUS / "pingtanxian-2012.txt"
ACROSS = {
    "carryover-mismatch", "carryover-unverified", "stock-mismatch", "stock-unverified",
    "copied-text", "problems-copied", "year-sequence",
}  # fmt: skip
CARRIED = "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0"
NORMATIVE = "行政规范性文件 3 0 8"


def _schema(name: str) -> Any:
    return json.loads((ROOT / "docs" / name).read_text(encoding="utf-8"))


SCORECARD, COMPARISON = _schema("scorecard.schema.json"), _schema("compare.schema.json")
REGISTRY = Registry().with_resource(SCORECARD["$id"], Resource.from_contents(SCORECARD))


def across(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in card["findings"] if f["rule"] in ACROSS]


def hongze_2024_text(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """THIS year's Hongze report as the text of its PDF, with ``old`` replaced by ``new``."""
    lines = [line.raw for line in read_source(str(HONGZE_2024)).lines]
    text = "\n".join(lines) + "\n"
    assert not old or text.count(old) == 1
    path = tmp_path / "hongze-2024.txt"
    path.write_text(text.replace(old, new) if old else text, encoding="utf-8")
    return path


def line_of(path: Path, words: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if words in line)


# --- the organ ------------------------------------------------------------------------


def facts(organ: str | None, title: str | None = None) -> ReportFacts:
    return ReportFacts(title, organ, None, None, None, None, None, False)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (facts("洪泽区人民政府"), facts("淮安市洪泽区人民政府")),
        (facts("洪泽县人民政府"), facts("洪泽区人民政府办公室")),
        (
            facts("平潭综合实验区管委会办公室"),
            facts(None, "平潭综合实验区2019年政府信息公开工作年度报告"),
        ),
        (facts("平潭综合实验区管委会"), facts("平潭综合实验区管理委员会")),
    ],
)
def test_the_same_organ_under_the_names_it_has_over_the_years(
    a: ReportFacts, b: ReportFacts
) -> None:
    assert same_organ(organ_key(a), organ_key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (facts("平潭县人民政府"), facts("平潭综合实验区管委会")),
        (facts("洪泽区人民政府"), facts("淮安市人民政府")),
        (facts("平潭综合实验区管委会"), facts("平潭综合实验区市场监督管理局")),
        (facts("淮安市洪泽区人民政府"), facts(None)),  # an organ not named pairs with none
    ],
)
def test_different_organs_are_told_apart(a: ReportFacts, b: ReportFacts) -> None:
    assert not same_organ(organ_key(a), organ_key(b))


# --- lint --previous ------------------------------------------------------------------


def test_hongze_2023_to_2024_carries_over_and_keeps_its_stock() -> None:
    card = lint_json(HONGZE_2024, "--previous", HONGZE_2023)
    assert across(card) == []
    checked = {(c["rule"], c["evidence"]): c["detail"] for c in card["checked"]}
    carried = checked["carryover-mismatch", "二、上年结转政府信息公开申请数量"]
    assert carried.startswith("与上年报告一致：自然人 0") and carried.endswith("总计 0")
    assert checked["stock-mismatch", "行政规范性文件"] == "与上年报告一致：现行有效件数 8"


def test_a_lint_without_the_previous_year_has_no_checks_across_years() -> None:
    card = lint_json(HONGZE_2024)
    assert across(card) == [] and not {c["rule"] for c in card["checked"]} & ACROSS
    assert lint_json(HONGZE_2024, "--history") == card  # no year before among the inputs


def test_pingtan_county_2012_copies_half_of_2011() -> None:
    card = lint_json(COUNTY_2012, "--previous", COUNTY_2011)
    (copied,) = findings(card, "copied-text")
    assert (copied["level"], copied["line"], copied["column"]) == ("warning", 1, 390)
    assert "57%" in copied["message"] and "23/40" in copied["message"]
    assert copied["evidence"].startswith("推进政府信息公开工作是平潭县贯彻实施")
    (problems,) = findings(card, "problems-copied")
    assert (problems["level"], problems["line"], problems["column"]) == ("warning", 1, 1952)
    assert "13/14" in problems["message"] and problems["target"] == {"part": "problems"}
    assert (
        card["score"]["categories"][1]["deduction"] >= copied["deduction"] + problems["deduction"]
    )
    assert [f["rule"] for f in across(card)] == ["copied-text", "problems-copied"]


def test_a_changed_carry_over_cell_is_one_error_at_its_line(tmp_path: Path) -> None:
    this = hongze_2024_text(tmp_path, CARRIED, CARRIED.replace(" 0 0 0 0 0 0 0", " 2 0 0 0 0 0 2"))
    card = lint_json(this, "--previous", HONGZE_2023)
    (found,) = across(card)
    line = line_of(this, "二、上年结转")
    assert (found["rule"], found["level"], found["line"]) == ("carryover-mismatch", "error", line)
    assert found["column"] == len("二、上年结转政府信息公开申请数量 ") + 1
    assert found["target"] == {"table": 3, "row": "carried", "column": "natural"}
    assert "为2" in found["message"] and "为0" in found["message"] and "总计" in found["message"]


def test_a_changed_stock_cell_is_one_warning_at_its_line(tmp_path: Path) -> None:
    this = hongze_2024_text(tmp_path, NORMATIVE, "行政规范性文件 3 0 9")
    card = lint_json(this, "--previous", HONGZE_2023)
    (found,) = across(card)
    assert (found["rule"], found["level"]) == ("stock-mismatch", "warning")
    assert (found["line"], found["column"]) == (line_of(this, "行政规范性文件 3 0 9"), 13)
    assert "现行有效9件" in found["message"] and "= 8件" in found["message"]


def test_the_text_of_the_pdf_compares_as_the_pdf_does(tmp_path: Path) -> None:
    card = lint_json(hongze_2024_text(tmp_path), "--previous", HONGZE_2023)
    assert across(card) == []


def test_figures_cut_from_run_together_digits_are_never_a_mismatch(tmp_path: Path) -> None:
    last, this = tmp_path / "2021.txt", tmp_path / "2022.txt"
    head = "平潭综合实验区{}年度政府信息公开工作年度报告\n"
    rows = (
        "一、本年新收政府信息公开申请数量{}",
        "二、上年结转政府信息公开申请数量{}",
        "（七）总计{}",
        "四、结转下年度继续办理{}",
    )
    cells = {2021: ("7000007", "0000000", "6000006", "1000001"),
             2022: ("7400074", "2000002", "7600076", "0000000")}  # fmt: skip
    for path, year in ((last, 2021), (this, 2022)):
        lines = (row.format(cell) for row, cell in zip(rows, cells[year], strict=True))
        path.write_text(head.format(year) + "\n".join(lines) + "\n", encoding="utf-8")
    card = lint_json(this, "--previous", last)
    (found,) = across(card)  # 2 carried over against 1: but the digits ran together
    assert (found["rule"], found["level"], found["line"]) == ("carryover-unverified", "info", 3)
    assert "“自然人、总计”栏" in found["message"] and "第5行" in found["message"]


def test_previous_of_another_organ_is_a_usage_error() -> None:
    result = run("lint", COUNTY_2012, "--previous", HONGZE_2023)
    assert result.exit_code == 2 and "not the same organ" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_previous_takes_one_report() -> None:
    result = run("lint", COUNTY_2012, HONGZE_2024, "--previous", COUNTY_2011)
    assert result.exit_code == 2 and "--previous" in result.stderr


# --- lint --history -------------------------------------------------------------------

FOLDER = ("pingtanxian-2011.txt", "pingtanxian-2012.txt", "pingtan-2011.txt", "pingtan-2013.txt",
          "pingtan-2014.txt", "hongze-2023.pdf", "hongze-2024.pdf")  # fmt: skip


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_history_pairs_each_report_with_its_own_organs_year_before(
    tmp_path: Path, jobs: str
) -> None:
    for name in FOLDER:
        (tmp_path / name).symlink_to(CORPUS / name)
    result = run("lint", tmp_path, "--history", "--format", "jsonl", "--fail-on", "none",
                 "--jobs", jobs)  # fmt: skip
    cards = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(c["file"]).name for c in cards] == sorted(FOLDER)
    by_name = {Path(c["file"]).name: c for c in cards}
    pairs = {"pingtanxian-2012.txt": "pingtanxian-2011.txt", "pingtan-2014.txt": "pingtan-2013.txt",
             "hongze-2024.pdf": "hongze-2023.pdf"}  # fmt: skip
    for name, card in by_name.items():
        previous = pairs.get(name)
        alone = lint_json(
            tmp_path / name, *(("--previous", tmp_path / previous) if previous else ())
        )
        assert card == alone, name
    assert [f["rule"] for f in across(by_name["pingtanxian-2012.txt"])] == [
        "copied-text", "problems-copied",
    ]  # fmt: skip
    assert any(c["rule"] == "carryover-mismatch" for c in by_name["hongze-2024.pdf"]["checked"])
    # pingtan-2011 (the zone) copies the county's 2011 report, but is another organ's
    assert across(by_name["pingtan-2011.txt"]) == [] and across(by_name["pingtan-2013.txt"]) == []


# --- compare --------------------------------------------------------------------------


def compare_json(*args: Any) -> Any:
    result = run("compare", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    jsonschema.validate(found, COMPARISON, registry=REGISTRY)
    return found


def test_compare_hongze_gives_both_years_figures_and_no_error() -> None:
    found = compare_json(HONGZE_2023, HONGZE_2024)
    assert (found["last"]["reporting_year"], found["this"]["reporting_year"]) == (2023, 2024)
    figures = {f["id"]: f for f in found["figures"]}
    assert figures["normative-in-force"]["last"] == {"value": 5, "certain": True}
    assert figures["normative-in-force"]["this"] == {"value": 8, "certain": True}
    assert figures["normative-in-force"]["change"] == 3
    assert (figures["new"]["last"]["value"], figures["new"]["this"]["value"]) == (21, 95)
    assert figures["carry-over"]["change"] == 0
    assert not [f for f in found["findings"] if f["level"] == "error"]


def test_compare_pingtan_county_finds_half_the_text_copied() -> None:
    found = compare_json(COUNTY_2011, COUNTY_2012)
    assert [f["rule"] for f in found["findings"]] == ["copied-text", "problems-copied"]
    text = found["text"]
    assert (text["repeated"], text["sentences"]) == (23, 40) and 0.45 < text["share"] < 0.6
    assert text["passages"][0]["text"].startswith("推进政府信息公开工作是平潭县")
    problems = next(p for p in found["parts"] if p["part"] and p["part"].startswith("四、"))
    assert (problems["repeated"], problems["sentences"]) == (13, 14)


def test_compare_for_a_person_plain_when_piped() -> None:
    result = run("compare", COUNTY_2011, COUNTY_2012, "--lang", "en")
    assert result.exit_code == 0 and "\x1b[" not in result.stdout
    assert "Year over year" in result.stdout and "57%" in result.stdout
    assert "[copied-text]" in result.stdout


@pytest.mark.parametrize(
    ("last", "this", "reason"),
    [
        (HONGZE_2023, COUNTY_2012, "not the same organ"),
        (COUNTY_2012, COUNTY_2011, "not consecutive years"),
    ],
)
def test_compare_refuses_what_is_no_pair_unless_forced(last: Path, this: Path, reason: str) -> None:
    result = run("compare", last, this)
    assert result.exit_code == 2 and reason in result.stderr and "--force" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert run("compare", last, this, "--force").exit_code == 0


def test_compare_forced_across_a_gap_says_the_years_do_not_follow() -> None:
    found = compare_json(COUNTY_2012, COUNTY_2011, "--force")
    (sequence,) = [f for f in found["findings"] if f["rule"] == "year-sequence"]
    assert sequence["level"] == "warning" and "2011" in sequence["message"]


def test_compare_a_missing_file_is_a_usage_error() -> None:
    result = run("compare", COUNTY_2011, CORPUS / "no-such.txt")
    assert result.exit_code == 2 and "no such file" in result.stderr


@needs_corpus
def test_a_configured_ignore_drops_a_rule_across_years_and_keeps_the_others(
    tmp_path: Path,
) -> None:
    for report in (COUNTY_2011, COUNTY_2012):
        (tmp_path / report.name).symlink_to(report)
    (tmp_path / "xxgk.toml").write_text('ignore = ["copied-text"]\n', encoding="utf-8")
    result = run("lint", tmp_path, "--history", "--format", "jsonl", "--fail-on", "none")
    cards = [json.loads(line) for line in result.stdout.splitlines()]
    assert [f["rule"] for f in across(cards[1])] == ["problems-copied"]
    assert cards[1]["config"]["ignore"] == ["copied-text"]
