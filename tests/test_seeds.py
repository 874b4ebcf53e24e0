"""Acceptance on the five seed documents: band, missing parts, exact findings and lines."""

from __future__ import annotations

from conftest import (
    SPEECHES,
    TEMPLATE,
    WUHAN_2005,
    XIANNING_2013,
    XUANZHOU_2011,
    findings,
    lint_json,
)

FEES = "政府信息公开的收费及减免情况"
LITIGATION = "因政府信息公开申请行政复议、提起行政诉讼的情况"
OTHER = "其他需要报告的事项"
REQUESTS = "依申请公开政府信息和不予公开政府信息的情况"


def missing(card: dict) -> set[str]:
    return {f["message"].split("：", 1)[1] for f in findings(card, "section-missing")}


def test_xianning_2013_is_good_and_clean() -> None:
    card = lint_json(XIANNING_2013)
    assert card["score"]["band"] in ("优秀", "良好")
    assert card["counts"]["error"] == 0
    assert card["report"]["reporting_year"] == 2013
    assert card["profile"] == "2008"


def test_wuhan_2005_is_pre_regulation_and_fails() -> None:
    card = lint_json(WUHAN_2005)
    assert card["score"]["band"] == "不合格"
    assert missing(card) == {FEES, LITIGATION, OTHER}
    (pre,) = findings(card, "pre-regulation")
    assert (pre["level"], pre["line"]) == ("info", 3)
    assert "2005" in pre["message"]
    assert card["score"]["cap"]["limit"] == 59


def test_wuhan_2005_finds_requests_inside_another_part() -> None:
    card = lint_json(WUHAN_2005)
    unheaded = {f["line"]: f for f in findings(card, "section-unheaded")}
    assert unheaded[17]["level"] == "warning"
    assert "受理政务公开申请68126条" in unheaded[17]["evidence"]
    assert unheaded[17]["section"] == "一、基本工作情况"


def test_xuanzhou_2011_misses_four_parts_but_not_the_others() -> None:
    card = lint_json(XUANZHOU_2011)
    assert card["score"]["band"] == "不合格"
    assert missing(card) == {REQUESTS, FEES, LITIGATION, OTHER}
    for finding in findings(card, "section-missing"):
        assert finding["level"] == "error"
        assert finding["line"] is None
    articles = {f["article"] for f in findings(card, "section-missing")}
    assert "《条例》第三十二条第（二）项" in articles


def test_template_fails_with_missing_parts() -> None:
    card = lint_json(TEMPLATE)
    assert card["score"]["band"] == "不合格"
    assert missing(card) == {FEES, LITIGATION, OTHER}


def test_speeches_are_not_a_report() -> None:
    card = lint_json(SPEECHES)
    (finding,) = findings(card, "not-a-report")
    assert (finding["level"], finding["line"]) == ("error", 1)
    assert "讲话" in finding["evidence"]
    assert not findings(card, "section-missing")
    assert card["score"]["total"] == 0


def test_missing_parts_cap_the_total() -> None:
    card = lint_json(XUANZHOU_2011)
    categories = sum(c["score"] for c in card["score"]["categories"])
    assert categories > 59
    assert card["score"]["total"] == 59
    assert "三项及以上" in card["score"]["cap"]["reason"]
