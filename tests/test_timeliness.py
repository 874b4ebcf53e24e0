"""Time limits stated in reports, publication date, statistical period and year consistency."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import (
    SEEDS,
    SPEECHES,
    TEMPLATE,
    WUHAN_2005,
    XIANNING_2013,
    XUANZHOU_2011,
    findings,
    lint_json,
    variant,
)

from checker.facts.commitments import find_commitments
from checker.lint import read_report
from checker.rulebook import load_shipped

TIMELINESS = (
    "deadline-exceeds",
    "deadline-calendar-days",
    "published-late",
    "publication-date-missing",
    "period-missing",
    "year-mismatch",
)
ART_18, ART_24 = "《条例》第十八条", "《条例》第二十四条第二款"
# Line 39 of seeds/001 ends the requests part; a sentence inserted after it becomes line 40.
REQUESTS_END = "均已按期回复申请人。\n"
INSERTED_LINE = 40


def _with_sentence(tmp_path: Path, sentence: str) -> dict[str, Any]:
    """The scorecard of seeds/001 with ``sentence`` inserted as a paragraph of its own."""
    path = variant(tmp_path, XIANNING_2013, REQUESTS_END, f"{REQUESTS_END}  {sentence}\n")
    return lint_json(path)


def _timeliness(card: dict[str, Any]) -> list[tuple[str, int | None, str]]:
    return [(f["rule"], f["line"], f["level"]) for f in card["findings"] if f["rule"] in TIMELINESS]


@pytest.mark.parametrize(
    ("sentence", "name", "article"),
    [
        ("对主动公开的政府信息,保证在30个工作日内予以公开。", "主动公开期限", ART_18),
        ("对主动公开的政府信息,保证在三十个工作日内予以公开。", "主动公开期限", ART_18),
        ("自收到申请之日起20个工作日内予以答复。", "答复申请期限", ART_24),
        ("如需延长答复期限的,延长答复的期限最长不超过20个工作日。", "延长答复期限", ART_24),
    ],
)
def test_a_longer_limit_is_one_error_at_its_line(
    tmp_path: Path, sentence: str, name: str, article: str
) -> None:
    card = _with_sentence(tmp_path, sentence)
    assert _timeliness(card) == [("deadline-exceeds", INSERTED_LINE, "error")]
    assert card["counts"]["error"] == 1
    (finding,) = findings(card, "deadline-exceeds")
    assert name in finding["message"] and finding["article"] == article
    assert finding["category"] == "timeliness" and finding["deduction"] == 5


def test_the_acceptance_case_30_working_days(tmp_path: Path) -> None:
    card = _with_sentence(tmp_path, "保证在30个工作日内予以公开。")
    (finding,) = findings(card, "deadline-exceeds")
    assert (finding["line"], finding["level"]) == (INSERTED_LINE, "error")
    assert finding["evidence"] == "保证在30个工作日内予以公开"
    assert "超过《条例》规定的20个工作日" in finding["message"]


def test_calendar_days_are_a_warning(tmp_path: Path) -> None:
    card = _with_sentence(tmp_path, "不能当场答复的,应当自收到申请起15日内予以答复。")
    assert _timeliness(card) == [("deadline-calendar-days", INSERTED_LINE, "warning")]
    (finding,) = findings(card, "deadline-calendar-days")
    assert "15日" in finding["message"] and "15个工作日" in finding["message"]
    assert finding["article"] == ART_24


def test_a_longer_calendar_limit_is_one_error_not_two(tmp_path: Path) -> None:
    card = _with_sentence(tmp_path, "申请人提出申请后,我们在30天内予以答复。")
    assert _timeliness(card) == [("deadline-exceeds", INSERTED_LINE, "error")]


@pytest.mark.parametrize(
    "sentence",
    [
        "保证在15个工作日内予以公开。",  # seeds/002: stricter than 20
        "要在信息形成或者变更之日起二十个工作日内予以公开。",  # seeds/004, in Chinese numerals
        "延长答复的期限最长不超过十五个工作日。",  # seeds/004
        "对市长信箱来信,在30个工作日内予以答复。",  # a letter, not a disclosure request
        "受理办结时限从过去平均20个工作日,缩短为目前的8个工作日。",  # a duration, not a limit
    ],
)
def test_lawful_or_unrelated_limits_are_not_flagged(tmp_path: Path, sentence: str) -> None:
    card = _with_sentence(tmp_path, sentence)
    assert _timeliness(card) == []


def test_a_stricter_limit_is_recorded_as_verified(tmp_path: Path) -> None:
    card = _with_sentence(tmp_path, "保证在十五个工作日内予以公开。")
    (checked,) = [c for c in card["checked"] if c["rule"] == "deadline-exceeds"]
    assert (checked["line"], checked["evidence"]) == (INSERTED_LINE, "十五个工作日")


def test_approval_promise_in_seed_001_is_not_read() -> None:
    card = lint_json(XIANNING_2013)
    assert "3个工作日内完成审批" in XIANNING_2013.read_text(encoding="utf-8")
    assert _timeliness(card) == []
    assert not [c for c in card["checked"] if c["rule"] == "deadline-exceeds"]


def test_limits_in_the_speeches_are_told_apart() -> None:
    """seeds/004 is not graded (not-a-report halts), so its sentences are read directly."""
    lines = read_report(str(SPEECHES)).document.lines
    found = [
        (c.line.number, c.stated, c.working, c.deadline.id)
        for c in find_commitments(lines, load_shipped("2008").deadlines)
    ]
    assert found == [
        (36, "20个工作日", True, "proactive"),
        (40, "15日", False, "reply"),
        (40, "15个工作日", True, "extension"),
    ]


def test_seed_002_promise_is_verified_within_the_limit() -> None:
    card = lint_json(XUANZHOU_2011)
    assert not findings(card, "deadline-exceeds")
    (checked,) = [c for c in card["checked"] if c["rule"] == "deadline-exceeds"]
    assert (checked["line"], checked["evidence"]) == (18, "15个工作日")


# --- publication date -------------------------------------------------------------------

SIGNED = "  2014年1月22日"
PUBLISHED = "发布时间:2014-02-20"


def _redated(tmp_path: Path, signed: str, published: str) -> dict[str, Any]:
    text = XIANNING_2013.read_text(encoding="utf-8")
    text = text.replace(SIGNED, signed).replace(PUBLISHED, published)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return lint_json(path)


def test_seeds_published_on_time() -> None:
    for seed in (XIANNING_2013, XUANZHOU_2011):
        card = lint_json(seed)
        assert not findings(card, "published-late")
        assert not findings(card, "publication-date-missing")
        assert [c for c in card["checked"] if c["rule"] == "published-late"]


def test_dated_after_31_march_is_late(tmp_path: Path) -> None:
    card = _redated(tmp_path, "  2014年4月15日", "")
    assert _timeliness(card) == [("published-late", 59, "error")]
    (finding,) = findings(card, "published-late")
    assert finding["evidence"] == "2014年4月15日"
    assert "2014年3月31日" in finding["message"] and finding["article"] == "《条例》第三十一条"


def test_published_after_31_march_is_late_at_the_publication_line(tmp_path: Path) -> None:
    card = _redated(tmp_path, "", "发布时间:2014-04-01")
    assert _timeliness(card) == [("published-late", 5, "error")]


def test_a_signature_after_the_deadline_is_late_whatever_the_page_says(tmp_path: Path) -> None:
    """The acceptance case: seeds/001 with its signature dated 2014年4月15日."""
    card = _redated(tmp_path, "  2014年4月15日", PUBLISHED)
    assert _timeliness(card) == [("published-late", 59, "error")]


def test_31_march_itself_is_on_time(tmp_path: Path) -> None:
    card = _redated(tmp_path, "  2014年3月31日", "")
    assert not findings(card, "published-late")


def test_undated_report_gets_a_warning(tmp_path: Path) -> None:
    card = _redated(tmp_path, "", "")
    assert _timeliness(card) == [("publication-date-missing", None, "warning")]
    assert card["score"]["band"] in ("优秀", "良好")


def test_no_verdict_before_the_regulations(tmp_path: Path) -> None:
    path = variant(tmp_path, WUHAN_2005, "二〇〇六年二月七日", "二〇〇六年五月七日")
    text = path.read_text(encoding="utf-8").replace("日期:2006年02月07日", "")
    path.write_text(text, encoding="utf-8")
    card = lint_json(path)
    assert not findings(card, "published-late")
    assert not findings(card, "publication-date-missing")


def test_no_verdict_without_a_reporting_year(tmp_path: Path) -> None:
    path = tmp_path / "template.txt"
    path.write_text(TEMPLATE.read_text(encoding="utf-8") + "\nXX市人民政府办公室\n2030年5月1日\n",
                    encoding="utf-8")
    card = lint_json(path)
    assert card["report"]["reporting_year"] is None
    assert not findings(card, "published-late")


# --- statistical period and years ------------------------------------------------------


def test_period_missing_on_seed_002_not_on_001() -> None:
    (finding,) = findings(lint_json(XUANZHOU_2011), "period-missing")
    assert (finding["line"], finding["level"]) == (None, "warning")
    assert finding["category"] == "timeliness"
    assert not findings(lint_json(XIANNING_2013), "period-missing")


def test_period_of_another_year_is_a_mismatch(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        XIANNING_2013,
        "自2013年1月1日起至2013年12月31日止",
        "自2012年1月1日起至2012年12月31日止",
    )
    card = lint_json(path)
    assert _timeliness(card) == [("year-mismatch", 55, "error")]
    (finding,) = findings(card, "year-mismatch")
    years = "报告年度2013年（第3行）、统计期限2012年（第55行）、正文2013年（第11行）"
    assert years in finding["message"]


def test_a_wrong_title_year_is_quoted_at_the_title(tmp_path: Path) -> None:
    path = variant(tmp_path, XIANNING_2013, "咸宁市2013年政府", "咸宁市2014年政府")
    card = lint_json(path)
    assert _timeliness(card) == [("year-mismatch", 3, "error")]


def test_text_reporting_on_another_year_is_a_mismatch(tmp_path: Path) -> None:
    report = tmp_path / "synthetic.txt"
    report.write_text(
        "某县2015年政府信息公开工作年度报告\n"
        "一、概述\n"
        "2014年,我县认真贯彻落实《条例》。\n"
        "2014年,全县主动公开政府信息3000条。\n"
        "二、其他需要报告的事项\n"
        "本报告统计期限自2015年1月1日起至2015年12月31日止。\n",
        encoding="utf-8",
    )
    card = lint_json(report)
    assert [(f["line"], f["level"]) for f in findings(card, "year-mismatch")] == [(3, "error")]


def test_seeds_years_agree() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        assert not findings(lint_json(seed), "year-mismatch"), seed.name


def test_seed_bands_hold_with_the_timeliness_rules() -> None:
    expected = {"000": "不合格", "002": "不合格", "003": "不合格", "004": "不合格"}
    for seed in sorted(SEEDS.glob("*.txt")):
        card = lint_json(seed)
        if seed.name.startswith("001"):
            assert card["score"]["band"] in ("优秀", "良好") and card["counts"]["error"] == 0
        else:
            assert card["score"]["band"] == expected[seed.name[:3]]
    for seed in (WUHAN_2005, XUANZHOU_2011, TEMPLATE):
        assert [f["rule"] for f in lint_json(seed)["findings"]].count("period-missing") == 1
