"""Sum and rate claims in the narrative: read from the seeds, verified, and caught when wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import (
    HUAIAN,
    HUAIAN_LAYOUTS,
    SEEDS,
    SPEECHES,
    TEMPLATE,
    WUHAN_2005,
    XIANNING_2013,
    XUANZHOU_2011,
    lint_json,
    variant,
)
from msgspec.structs import replace

from checker.clean import fold
from checker.facts.claims import RateWords, SumWords, clauses, find_rates, find_sums
from checker.model import Line
from checker.rulebook import load_shipped
from checker.rules.numbers import RateCheck, SumCheck

NUMBER_RULES = ("sum-mismatch", "rate-mismatch")
BOOK = load_shipped("2008")
SUMS = next(c for c in BOOK.checks if c.id == "sum-mismatch")
RATES = next(c for c in BOOK.checks if c.id == "rate-mismatch")
assert isinstance(SUMS, SumCheck) and isinstance(RATES, RateCheck)
SUM_WORDS = SumWords(SUMS.markers, SUMS.hedges)
RATE_WORDS = RateWords(RATES.rates, RATES.totals, RATES.not_totals, RATES.connectors, RATES.window)
TITLE = "某市2013年政府信息公开工作年度报告\n"

# Every sum and rate the seeds state, as the checker must verify it: (rule, line, detail).
SEED_CLAIMS = {
    WUHAN_2005: {("sum-mismatch", 17, "67653 + 427 + 46 = 68126")},
    XIANNING_2013: {
        ("rate-mismatch", 29, "1315 / 1339 = 98.21% ≈ 98.2%"),
        ("rate-mismatch", 29, "10949 / 10950 = 99.99% ≈ 99.9%"),
        ("sum-mismatch", 35, "7 + 25 + 102 + 2 + 8 = 144"),
    },
    XUANZHOU_2011: set(),  # 满意率/按时办结率 there come without their counts
    TEMPLATE: {("sum-mismatch", 7, "1.1万 + 2.8万 + 10.3万 = 14.2万")},
    SPEECHES: set(),  # not a report: evaluation halts before the figures
}


def line(text: str) -> Line:
    return Line(1, text, fold(text))


def sums(text: str) -> list[tuple[str, list[str]]]:
    return [(c.total.raw, [p.raw for p in c.parts]) for c in find_sums(line(text), SUM_WORDS)]


def rates(text: str) -> list[tuple[str, str, str]]:
    found = find_rates(line(text), RATE_WORDS)
    return [(c.rate.raw, c.numerator.raw, c.denominator.raw) for c in found]


def number_findings(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in card["findings"] if f["rule"] in NUMBER_RULES]


def number_checks(card: dict[str, Any]) -> set[tuple[str, int, str]]:
    return {
        (c["rule"], c["line"], c["detail"]) for c in card["checked"] if c["rule"] in NUMBER_RULES
    }


def lint_text(tmp_path: Path, body: str) -> dict[str, Any]:
    """The scorecard of a one-paragraph report: the title, then ``body`` on line 2."""
    path = tmp_path / "report.txt"
    path.write_text(TITLE + body + "\n", encoding="utf-8")
    card: dict[str, Any] = lint_json(path)
    return card


# --- the seeds -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_arithmetic_is_right_and_every_claim_is_checked(seed: Path) -> None:
    card = lint_json(seed)
    assert number_findings(card) == []
    assert number_checks(card) == SEED_CLAIMS[seed]


# Each mutation: (seed, text, changed to, rule, line, words the message must show).
MUTATIONS = [
    (WUHAN_2005, "申请68126条", "申请68226条", "sum-mismatch", 17, "相差100条"),
    (WUHAN_2005, "共67653条", "共67652条", "sum-mismatch", 17, "相差1条"),
    (WUHAN_2005, "共427条", "共437条", "sum-mismatch", 17, "相差10条"),
    (WUHAN_2005, "共46条", "共45条", "sum-mismatch", 17, "相差1条"),
    (TEMPLATE, "14.2万条", "14.5万条", "sum-mismatch", 7, "相差0.3万条"),
    (TEMPLATE, "市政府1.1万条", "市政府1.4万条", "sum-mismatch", 7, "相差0.3万条"),
    (TEMPLATE, "市直单位2.8万条", "市直单位2.5万条", "sum-mismatch", 7, "相差0.3万条"),
    (TEMPLATE, "乡镇政府10.3万条", "乡镇政府11.3万条", "sum-mismatch", 7, "相差1万条"),
    (XIANNING_2013, "文件144个", "文件145个", "sum-mismatch", 35, "相差1个"),
    (XIANNING_2013, "政府令7个", "政府令8个", "sum-mismatch", 35, "相差1个"),
    (XIANNING_2013, "咸政发文件25个", "咸政发文件26个", "sum-mismatch", 35, "相差1个"),
    (XIANNING_2013, "咸政办发文件102个", "咸政办发文件120个", "sum-mismatch", 35, "相差18个"),
    (XIANNING_2013, "咸政办函文件2个", "咸政办函文件3个", "sum-mismatch", 35, "相差1个"),
    (XIANNING_2013, "政府情况通报8个", "政府情况通报7个", "sum-mismatch", 35, "相差1个"),
    (XIANNING_2013, "办结率98.2%", "办结率97.2%", "rate-mismatch", 29, "98.21%，相差1.01"),
    (XIANNING_2013, "办结率99.9%", "办结率99.0%", "rate-mismatch", 29, "99.99%，相差0.99"),
    (XIANNING_2013, "来信1339件", "来信1439件", "rate-mismatch", 29, "1315件÷1439件计算为91.38%"),
    (XIANNING_2013, "办结1315件", "办结1215件", "rate-mismatch", 29, "1215件÷1339件计算为90.74%"),
    (XIANNING_2013, "来电10950个", "来电11950个", "rate-mismatch", 29, "计算为91.62%"),
    (XIANNING_2013, "办结10949个", "办结10849个", "rate-mismatch", 29, "计算为99.08%"),
]


@pytest.mark.parametrize(
    ("seed", "old", "new", "rule", "at", "shows"),
    MUTATIONS,
    ids=[f"{m[0].name[:3]}:{m[1]}->{m[2]}" for m in MUTATIONS],
)
def test_one_changed_figure_gives_exactly_one_error_at_its_line(
    tmp_path: Path, seed: Path, old: str, new: str, rule: str, at: int, shows: str
) -> None:
    assert seed.read_text(encoding="utf-8").count(old) == 1
    before = lint_json(seed)
    card = lint_json(variant(tmp_path, seed, old, new))
    (finding,) = number_findings(card)
    assert (finding["rule"], finding["line"], finding["level"]) == (rule, at, "error")
    assert shows in finding["message"]
    assert card["counts"]["error"] == before["counts"]["error"] + 1
    assert len(number_checks(card)) == len(number_checks(before)) - 1


# --- sentences the layout broke over lines ---------------------------------------------

SPLIT_SUM = "共受理申请68126条，其中，公开67653条，\n部分公开427条，不予公开46条。"


def test_a_sum_split_over_two_lines_is_verified_at_the_line_of_its_total(
    tmp_path: Path,
) -> None:
    card = lint_text(tmp_path, SPLIT_SUM)
    assert number_findings(card) == []
    assert number_checks(card) == {("sum-mismatch", 2, "67653 + 427 + 46 = 68126")}


def test_a_wrong_part_on_the_second_line_gives_one_error_at_the_total(tmp_path: Path) -> None:
    card = lint_text(tmp_path, SPLIT_SUM.replace("427条", "437条"))
    (finding,) = number_findings(card)
    assert (finding["rule"], finding["line"], finding["level"]) == ("sum-mismatch", 2, "error")
    assert finding["column"] == SPLIT_SUM.index("68126") + 1
    assert "部分公开437条" in finding["evidence"] and "相差10条" in finding["message"]
    assert number_checks(card) == set()


@pytest.mark.parametrize("path", HUAIAN_LAYOUTS, ids=lambda p: p.name)
def test_huaian_wrapped_sum_is_verified(path: Path) -> None:
    card = lint_json(path)
    assert number_findings(card) == []
    assert ("sum-mismatch", 33, "25 + 5 + 9 + 7 = 46") in number_checks(card)
    # The 复议 list ends at ；where the 诉讼 list opens: its own total, not a fifth part.
    assert ("sum-mismatch", 31, "72 + 64 + 178 + 37 = 351") in number_checks(card)


def test_huaian_wrong_part_before_the_next_list_is_caught(tmp_path: Path) -> None:
    card = lint_json(variant(tmp_path, HUAIAN, "其他结果 178 件", "其他结果 187 件"))
    (finding,) = number_findings(card)
    assert (finding["rule"], finding["line"], finding["level"]) == ("sum-mismatch", 31, "error")
    assert "相差9件" in finding["message"]


def test_a_list_that_may_go_on_past_its_semicolon_is_still_not_summed() -> None:
    assert sums("受理申请11件，其中：予以公开3件，部分公开2件；不予公开6件。") == []
    assert sums("复议3件，其中维持1件，纠正2件；诉讼4件，其中维持4件，撤诉0件。") == [
        ("3", ["1", "2"]), ("4", ["4", "0"])
    ]  # fmt: skip


def test_huaian_wrong_part_on_the_next_line_is_caught_at_the_total(tmp_path: Path) -> None:
    card = lint_json(variant(tmp_path, HUAIAN, "结果纠正 5 件", "结果纠正 6 件"))
    (finding,) = number_findings(card)
    assert (finding["rule"], finding["line"], finding["level"]) == ("sum-mismatch", 33, "error")
    assert "相差1件" in finding["message"]


# --- the rule kinds on minimal text ----------------------------------------------------


def test_a_difference_within_the_written_precision_is_not_flagged(tmp_path: Path) -> None:
    card = lint_text(
        tmp_path, "共公开信息14.2万条，其中市政府1.1万条、市直单位2.8万条、乡镇10.35万条。"
    )
    assert number_findings(card) == []
    assert number_checks(card) == {
        ("sum-mismatch", 2, "1.1万 + 2.8万 + 10.35万 = 14.25万 ≈ 14.2万")
    }


def test_a_difference_beyond_the_written_precision_is_flagged(tmp_path: Path) -> None:
    card = lint_text(
        tmp_path, "共公开信息14.2万条，其中市政府1.1万条、市直单位2.8万条、乡镇10.6万条。"
    )
    (finding,) = number_findings(card)
    assert (finding["rule"], finding["line"]) == ("sum-mismatch", 2)
    assert "14.5万条" in finding["message"] and "相差0.3万条" in finding["message"]


@pytest.mark.parametrize(
    ("body", "rule"),
    [(SUMS.example_pass, "sum-mismatch"), (RATES.example_pass, "rate-mismatch")],
)
def test_rulebook_examples_pass(tmp_path: Path, body: str, rule: str) -> None:
    card = lint_text(tmp_path, body)
    assert number_findings(card) == []
    assert [c["rule"] for c in card["checked"] if c["rule"] in NUMBER_RULES] == [rule]


@pytest.mark.parametrize(
    ("body", "rule"),
    [(SUMS.example_fail, "sum-mismatch"), (RATES.example_fail, "rate-mismatch")],
)
def test_rulebook_examples_fail(tmp_path: Path, body: str, rule: str) -> None:
    card = lint_text(tmp_path, body)
    assert [(f["rule"], f["line"]) for f in number_findings(card)] == [(rule, 2)]


def test_english_messages_show_the_figures(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(TITLE + str(RATES.example_fail) + "\n", encoding="utf-8")
    (finding,) = number_findings(lint_json(path, "--lang", "en"))
    assert finding["message"] == (
        "办结率 is stated as 97.2%, but 1315件 / 1339件 = 98.21%, 1.01 percentage points apart"
    )


# --- sum claims: what is read and what is left alone -----------------------------------


def test_full_width_punctuation_reads_the_same() -> None:
    assert sums("受理申请11件，其中：予以公开5件，不予公开6件。") == [("11", ["5", "6"])]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("受理申请11件，其中予以公开5件、不予公开6件等。", "其中…等: not all parts listed"),
        ("受理申请11件，其中予以公开5件。", "a single part is a subset, not a partition"),
        ("公开信息1100条，其中市政府300余条、部门800多条。", "approximate parts"),
        ("受理申请100件，其中网上申请60件，占60%，信函申请40件。", "其中…占…"),
        ("受理申请100件，其中网上60%、信函40%。", "percentages"),
        ("受理申请11件，其中：予以公开3件，部分公开2件；不予公开6件。", "cut by a sentence end"),
        ("受理申请11件，其中：予以公开3件，部分公开2件。不予公开6件。", "cut by a full stop"),
        ("受理申请11件，其中予以公开5个、不予公开6个。", "parts in another unit"),
        ("受理申请11件，其中予以公开5件、不予公开16件。", "a part bigger than the total"),
        ("受理申请11件，其中，按照规定，予以公开5件，不予公开6件。", "commentary among the parts"),
        ("受理申请11件，其中公开5件(其中网上2件)、不予公开6件。", "a nested breakdown"),
        ("受理申请11件，其中公开5件2类、不予公开6件。", "two figures in one part"),
        ("受理申请11件，其中5件予以公开、6件不予公开。", "figures that do not close their part"),
        ("受理申请11件其中予以公开5件、不予公开6件。", "no comma after the total"),
        ("受理申请约11件，其中予以公开5件、不予公开6件。", "约 in the part list"),
        ("受理申请11余件，其中予以公开5件、不予公开6件。", "an approximate total"),
        ("受理申请11件，其中予以公开5件，比上年增加3件，不予公开6件。", "a change, not a part"),
    ],
)
def test_doubtful_part_lists_are_not_read(text: str, why: str) -> None:
    assert sums(text) == [], why


def test_labels_joined_by_a_pause_mark_share_the_next_figure() -> None:
    text = "共公开信息14.2万条,其中市政府1.1万条、市直单位2.8万条、县(市)区直属单位、乡镇10.3万条。"
    assert sums(text) == [("14.2万", ["1.1万", "2.8万", "10.3万"])]


def test_a_closing_remark_after_the_parts_is_fine() -> None:
    text = "受理申请11件，其中予以公开5件、不予公开6件，均已按时答复。"
    assert sums(text) == [("11", ["5", "6"])]


def test_the_next_sentence_in_another_unit_does_not_cut_the_list() -> None:
    text = "受理申请68126条,其中,公开67653条,部分公开427条,不予公开46条。回复咨询22余万人次。"
    assert sums(text) == [("68126", ["67653", "427", "46"])]


def test_thousands_separators_stay_inside_their_figure() -> None:
    text = "受理申请1,100件，其中公开1,000件，不予公开100件。"
    assert [(c.start, c.end) for c in clauses(fold(text))][:2] == [(0, 10), (11, 21)]
    assert sums(text) == [("1,100", ["1,000", "100"])]


def test_empty_word_lists_read_nothing() -> None:
    text = "受理申请11件，其中予以公开5件、不予公开6件。"
    assert find_sums(line(text), SumWords([], [])) == []
    no_totals = RateWords(RATES.rates, [], [], [], RATES.window)
    assert find_rates(line("共收到来信1339件，办结1315件，办结率98.2%。"), no_totals) == []


# --- rate claims -----------------------------------------------------------------------


def test_seed_rates_are_read_with_their_counts() -> None:
    text = (
        "市长信箱共收到群众来信1339件,办结1315件,办结率98.2%;"
        "12345政府服务热线共接听群众来电10950个,办结10949个,办结率99.9%;"
    )
    assert rates(text) == [("98.2%", "1315", "1339"), ("99.9%", "10949", "10950")]


def test_clauses_between_total_and_numerator_are_passed_over() -> None:
    text = "共收到来信100件，转交有关部门30件，办结95件，办结率为95%。"
    assert rates(text) == [("95%", "95", "100")]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("全年受理区长信箱413条,群众满意率达98%。", "no numerator: not checkable"),
        ("处理市民热线766件,按时办结率达95%。", "an on-time rate needs an on-time count"),
        ("受理100件，办结90件，按时办结率95%。", "办结 is not 按时办结"),
        ("受理100件，办结95件，办结率98%以上。", "an approximate rate"),
        ("受理100件，办结95件，办结率超过98%。", "an unknown connector"),
        ("受理100件，办结95件。办结率95%。", "counts in another sentence"),
        ("办结95件，办结率95%。", "no denominator"),
        ("受理100件，办结95个，办结率95%。", "counts in different units"),
        ("受理1.2万件，办结1.1万件，办结率91.7%。", "rounded counts"),
        ("受理90件，办结95件，办结率95%。", "numerator larger than the total"),
        ("受理100件，其中网上共90件，办结85件，办结率85%。", "办结 may count the part"),
        ("受理100件，其中网上60件，办结95件，办结率95%。", "办结 may count the part"),
        (
            "受理100件，收到来信300件，办结95件，办结率95%。",
            "two totals: which one is meant is unclear",
        ),
        ("全市保留事项234项,其中201项进入中心,进厅率达83%。", "a rate the rulebook does not name"),
        ("受理100件，甲乙丙丁，戊己庚辛，壬癸子丑，办结95件，办结率95%。", "beyond the window"),
    ],
)
def test_doubtful_rates_are_not_read(text: str, why: str) -> None:
    assert rates(text) == [], why


@pytest.mark.parametrize(
    ("stated", "consistent"),
    [("98.2%", True), ("98.21%", True), ("98%", True), ("98.3%", False), ("98.1%", False)],
)
def test_a_rate_may_differ_by_its_rounding(stated: str, consistent: bool) -> None:
    (claim,) = find_rates(line(f"共收到来信1339件，办结1315件，办结率{stated}。"), RATE_WORDS)
    assert RATES._consistent(claim) is consistent


def test_a_truncated_rate_is_accepted_only_when_the_rulebook_allows_it() -> None:
    (claim,) = find_rates(line("接听来电10950个，办结10949个，办结率99.9%。"), RATE_WORDS)
    assert RATES._consistent(claim)
    strict = replace(RATES, allow_truncation=False)
    assert not strict._consistent(claim)


# --- linear time ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "piece",
    [
        "其中1条、",
        "共2条,其中1条,",
        "共2条,其中1条,1条,",
        "其中,",
        "共收到1件,办结1件,办结率100%,",
        "办结率100%,",
        "1条,",
        "(其中1条",
    ],
)
def test_adversarial_lines_complete(piece: str) -> None:
    text = piece * (200_000 // len(piece.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 200_000
    find_sums(line(text), SUM_WORDS)
    find_rates(line(text), RATE_WORDS)
