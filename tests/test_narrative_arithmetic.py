"""Arithmetic the narrative states and real reports get wrong: a rate over a whole said to be
everything, shares against their base, and category lists in brackets or closed by a residual
category. Synthetic cases pin each edge; the corpus tests read ``../shared/corpus`` at test
time (skipped when absent) and hold the extractors to the expert's labels."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, lint_json, lint_report

from checker.clean import fold
from checker.facts.claims import (
    RateWords,
    ShareWords,
    SumWords,
    find_rates,
    find_shares,
    find_sums,
    of_line,
)
from checker.model import Line
from checker.rulebook import load_shipped
from checker.rules.numbers import RateCheck, ShareCheck, SumCheck

RULES = ("sum-mismatch", "rate-mismatch", "share-mismatch")
BOOK = {check.id: check for check in load_shipped("2008").checks}
SUMS, RATES, SHARES = BOOK["sum-mismatch"], BOOK["rate-mismatch"], BOOK["share-mismatch"]
assert isinstance(SUMS, SumCheck) and isinstance(RATES, RateCheck)
assert isinstance(SHARES, ShareCheck)
SUM_WORDS = SumWords(
    SUMS.markers, SUMS.hedges, SUMS.residuals, SUMS.scopes, SUMS.fillers, SUMS.reach
)
RATE_WORDS = RateWords(
    RATES.rates, RATES.totals, RATES.not_totals, RATES.connectors, RATES.window, RATES.wholes
)
SHARE_WORDS = ShareWords(SHARES.shares, SHARES.markers, SHARES.fillers, SHARES.reach)
TITLE = "某区2014年政府信息公开工作年度报告\n"


def lint_lines(tmp_path: Path, *lines: str) -> dict[str, Any]:
    """The scorecard of a report whose title is line 1 and ``lines`` follow from line 2."""
    return lint_report(tmp_path, TITLE.rstrip("\n"), *lines)


def errors(card: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    return [
        (f["rule"], f["line"], f["column"], f["level"])
        for f in card["findings"]
        if f["rule"] in RULES
    ]


def checked(card: dict[str, Any]) -> set[tuple[str, int, str]]:
    return {(c["rule"], c["line"], c["detail"]) for c in card["checked"] if c["rule"] in RULES}


def paragraph(text: str) -> Any:
    return of_line(Line(1, text, fold(text)))


def column(line: str, figure: str) -> int:
    return line.index(figure) + 1


# --- rates over a whole said to be everything -----------------------------------------------

RATE = "今年我局共受理审批事项117件，办结171件，办结率100%。"


def test_more_closed_than_all_received_is_a_wrong_rate(tmp_path: Path) -> None:
    card = lint_lines(tmp_path, RATE)
    assert errors(card) == [("rate-mismatch", 2, column(RATE, "100%"), "error")]
    (finding,) = [f for f in card["findings"] if f["rule"] == "rate-mismatch"]
    assert "146.15%" in finding["message"]


def test_the_same_rate_with_its_counts_right_is_verified(tmp_path: Path) -> None:
    card = lint_lines(tmp_path, RATE.replace("171", "117"))
    assert errors(card) == []
    assert checked(card) == {("rate-mismatch", 2, "117 / 117 = 100.0% ≈ 100%")}


def test_without_a_word_for_everything_a_larger_numerator_is_left_alone() -> None:
    assert find_rates(paragraph("受理审批事项117件，办结171件，办结率100%。"), RATE_WORDS) == []


# --- lists in brackets ----------------------------------------------------------------------

BRACKETED = (
    "共公布政府信息100条(其中机构职能类信息20条，"
    "规划计划类信息30条，其他信息50条)，主要通过网站公开。"
)


@pytest.mark.parametrize(
    "body",
    [
        BRACKETED,
        BRACKETED.replace("100条(", "100条，("),
        BRACKETED.replace("(", "（").replace(")", "）"),
    ],
)
def test_a_bracketed_list_that_adds_up_is_verified(tmp_path: Path, body: str) -> None:
    card = lint_lines(tmp_path, body)
    assert errors(card) == []
    assert checked(card) == {("sum-mismatch", 2, "20 + 30 + 50 = 100")}


def test_a_bracketed_list_that_does_not_add_up_is_an_error_at_its_total(tmp_path: Path) -> None:
    body = BRACKETED.replace("50条)", "51条)")
    card = lint_lines(tmp_path, body)
    assert errors(card) == [("sum-mismatch", 2, column(body, "100条"), "error")]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("共100条(其中A类20条，B类30条，其他50条。", "the bracket never closes"),
        ("共100条(其中A类20条，B类30条等)。", "a hedge in the list"),
        ("共100条(其中A类20条，B类30条，另有说明)，其他50条。", "commentary before the bracket"),
    ],
)
def test_doubtful_bracketed_lists_are_not_read(text: str, why: str) -> None:
    assert find_sums(paragraph(text), SUM_WORDS) == [], why


# --- category lists closed by a residual category ----------------------------------------

TOTAL = "2014年主动公开政府信息 100条。其中，区直各部门主动公开政府信息60条，占60%。"
HEADING = "（二）主动公开政府信息的主要类别"
CATEGORIES = (
    "2014年，我区主动公开政府信息的主要类别有："
    "机构职能类信息20条，政策、规范性文件类信息30条，"
    "其他应主动公开的信息50条。"
)


def test_a_residual_list_is_summed_against_the_total_it_names(tmp_path: Path) -> None:
    card = lint_lines(tmp_path, TOTAL, HEADING, CATEGORIES)
    assert errors(card) == []
    assert ("sum-mismatch", 4, "20 + 30 + 50 = 100") in checked(card)


def test_a_residual_list_that_does_not_add_up_is_an_error_at_its_residual(
    tmp_path: Path,
) -> None:
    wrong = CATEGORIES.replace("信息50条", "信息51条")
    card = lint_lines(tmp_path, TOTAL, HEADING, wrong)
    assert errors(card) == [("sum-mismatch", 4, column(wrong, "51条"), "error")]
    (finding,) = [f for f in card["findings"] if f["rule"] == "sum-mismatch"]
    assert finding["evidence"].startswith("机构职能类信息20条") and "相差1条" in finding["message"]


def test_a_residual_list_on_one_long_line_finds_the_same_total() -> None:
    text = TOTAL + " " + HEADING + CATEGORIES.replace("信息50条", "信息51条")
    (claim,) = find_sums(paragraph(text), SUM_WORDS)
    assert (claim.total.raw, claim.parts_sum) == ("100", Decimal(101))


@pytest.mark.parametrize(
    ("categories", "why"),
    [
        (CATEGORIES.replace("其他应主动公开的信息", "其他信息"), "a bare 其他 names no total"),
        (CATEGORIES.replace("主要类别有：", "主要类别有，"), "no colon, no 其中: not a whole list"),
        (CATEGORIES.replace("信息30条，", "信息30条等，"), "a hedge in the list"),
        (CATEGORIES.replace("机构职能类信息20条，", ""), "two categories are too few"),
        (CATEGORIES.replace("其他应主动公开的信息", "其他应依申请公开的信息"), "another total"),
    ],
)
def test_doubtful_residual_lists_are_not_read(categories: str, why: str) -> None:
    assert find_sums(paragraph(TOTAL + categories), SUM_WORDS) == [], why


def test_a_qualified_figure_is_not_the_total_a_residual_names() -> None:
    text = (
        "主动公开政府信息100条，历年累计主动公开政府信息900条。"
        "其中A类20条，B类30条，其他应主动公开的政府信息50条。"
    )
    (claim,) = find_sums(paragraph(text), SUM_WORDS)
    assert claim.total.raw == "100"


# --- shares against their base -------------------------------------------------------------

SHARES_RIGHT = (
    "2014年主动公开政府信息2543条。其中，区直各部门主动公开政府信息1687条，"
    "占66%。各乡镇主动公开政府信息856条，占34%，"
    "公开量较大的是区公安局。"
)
TOPIC = (
    "制作政府信息总数3978条，其中主动公开政府信息2026条，"
    "不予公开信息数1952条。主动公开的政府信息，"
    "县直各单位主动公开政府信息2475条，占62.2%。"
    "各乡镇主动公开政府信息1503条，占37.8%。"
)
FRAME = (
    "在网站主动公开的2026条政府信息中，机构职能类信息161条，占7.9%；规划计划类信息60条，占2.9%。"
)


def test_shares_of_the_total_before_their_list_are_verified(tmp_path: Path) -> None:
    card = lint_lines(tmp_path, SHARES_RIGHT)
    assert errors(card) == []
    assert ("share-mismatch", 2, "1687 / 2543 = 66.3% ≈ 66%; 856 / 2543 = 33.7% ≈ 34%") in checked(
        card
    )


def test_shares_against_the_base_their_topic_names_give_one_error(tmp_path: Path) -> None:
    card = lint_lines(tmp_path, TOPIC)
    assert [e for e in errors(card) if e[0] == "share-mismatch"] == [
        ("share-mismatch", 2, column(TOPIC, "2475条"), "error")
    ]
    (finding,) = [f for f in card["findings"] if f["rule"] == "share-mismatch"]
    assert "基数2026条" in finding["message"] and "122.16%" in finding["message"]


def test_shares_in_a_frame_may_be_cut_rather_than_rounded(tmp_path: Path) -> None:
    card = lint_lines(tmp_path, FRAME)
    assert errors(card) == []
    assert checked(card) == {
        ("share-mismatch", 2, "161 / 2026 = 7.95% ≈ 7.9%; 60 / 2026 = 2.96% ≈ 2.9%")
    }


def test_a_share_off_by_more_than_its_rounding_is_an_error(tmp_path: Path) -> None:
    body = FRAME.replace("占7.9%", "占8.9%")
    card = lint_lines(tmp_path, body)
    assert errors(card) == [("share-mismatch", 2, column(body, "161条"), "error")]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("全区公开信息很多，县直各单位2475条，占62.2%。", "no base named"),
        (
            "共公开200条，其中主动公开信息100条，主动公开信息50条。主动公开信息，甲20条，占20%。",
            "two figures with the topic's label",
        ),
        ("全年主动公开政府信息100条，其中甲单位20条，占约20%。", "an approximate share"),
        ("全年主动公开政府信息100条，其中甲单位20条，占全区的20%。", "a share of something named"),
    ],
)
def test_doubtful_shares_are_not_read(text: str, why: str) -> None:
    assert find_shares(paragraph(text), SHARE_WORDS) == [], why


# --- the corpus: the sentences the expert labelled -------------------------------------------


def corpus_text(name: str) -> str:
    path = CORPUS / name
    if not path.exists():
        pytest.skip("the corpus (../shared/corpus beside the clone) is absent")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "total", "parts_sum"),
    [
        ("pingtan-2014.txt", "2543", 2641),  # the categories under （二）, closed by 其他
        ("pingtan-2019.txt", "2599", 2533),  # …2599条，(其中…)
        ("pingtan-2020.txt", "2602", 2603),  # …2602条(其中…)
        ("pingtan-shichangjianguan-2018.txt", "389", 424),  # not the 历年累计 1176 after it
        ("pingtanxian-2012.txt", "3978", 3926),
    ],
)
def test_corpus_sums_that_do_not_add_up_are_read(name: str, total: str, parts_sum: int) -> None:
    found = find_sums(paragraph(corpus_text(name)), SUM_WORDS)
    wrong = [(c.total.raw, c.parts_sum) for c in found if c.difference]
    assert wrong == [(total, Decimal(parts_sum))]


@pytest.mark.parametrize(
    ("name", "total"),
    [("pingtan-2015.txt", "2949"), ("pingtanxian-2012.txt", "21")],
)
def test_corpus_sums_the_expert_verified_are_right(name: str, total: str) -> None:
    found = find_sums(paragraph(corpus_text(name)), SUM_WORDS)
    assert any(c.total.raw == total and not c.difference for c in found)


def test_corpus_rate_of_more_closed_than_received_is_read() -> None:
    (claim,) = find_rates(paragraph(corpus_text("pingtan-dishui-2013.txt")), RATE_WORDS)
    assert (claim.numerator.raw, claim.denominator.raw, claim.rate.raw) == ("171", "117", "100%")


@pytest.mark.parametrize(
    ("name", "shares"),
    [
        # base, counts: the expert's verified shares (2011, 2014, 2017, 2023), and pingtanxian
        # 2012's shares of its 2026 proactive items, which are computed on 3978 instead.
        (
            "pingtanxian-2011.txt",
            [
                ("425", ["303", "122"]),
                ("425", ["148", "21", "21", "8", "49", "23", "33", "55", "63"]),
            ],
        ),
        ("pingtan-2014.txt", [("2543", ["1687", "856"])]),
        ("pingtan-2017.txt", [("2122", ["1509", "613"])]),
        ("pingtan-2023.txt", [("81", ["42", "5", "31", "1", "2"])]),
        (
            "pingtanxian-2012.txt",
            [
                ("2026", ["2475", "1503"]),
                ("2026", ["161", "221", "60", "34", "136", "91", "113", "160", "199"]),
            ],
        ),
    ],
)
def test_corpus_shares_are_read_with_their_base(
    name: str, shares: list[tuple[str, list[str]]]
) -> None:
    found = find_shares(paragraph(corpus_text(name)), SHARE_WORDS)
    assert [(c.base.raw, [count.raw for count, _ in c.items]) for c in found] == shares


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pingtan-2019.txt", {("sum-mismatch", "2599")}),
        ("pingtan-2020.txt", {("sum-mismatch", "2602")}),
        ("pingtanxian-2012.txt", {("sum-mismatch", "3978"), ("share-mismatch", "2475")}),
        ("pingtanxian-2011.txt", set()),
        ("pingtan-2015.txt", set()),
    ],
)
def test_corpus_reports_without_page_chrome_lint_to_the_labelled_errors(
    name: str, expected: set[tuple[str, str]]
) -> None:
    corpus_text(name)
    card = lint_json(CORPUS / name)
    found = [(f["rule"], f["evidence"]) for f in card["findings"] if f["rule"] in RULES]
    assert len(found) == len(expected)
    for rule, figure in expected:
        assert any(r == rule and evidence.startswith(figure) for r, evidence in found), rule
