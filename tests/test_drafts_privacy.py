"""Unfinished drafts, clipped text and personal data — and that no output re-leaks the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    TEMPLATE,
    WUHAN_2005,
    XIANNING_2013,
    XUANZHOU_2011,
    findings,
    lint_json,
    run,
    variant,
)

from checker.facts.personal import find_personal, mask_email, mask_id, mask_mobile, valid_id
from checker.ingest.text import split_lines
from checker.rulebook import load_shipped

VALID_ID = "11010519491231002X"  # the worked example of GB 11643-1999
MOBILE = "13812345678"
FORMATS = (
    ("--format", "json"),
    ("--format", "json", "--lang", "en"),
    ("--format", "rich"),
    ("--format", "jsonl"),
    ("--format", "csv"),
    ("--format", "sarif"),
    ("--format", "github"),
)


def test_template_placeholders_at_their_lines() -> None:
    card = lint_json(TEMPLATE)
    found = [(f["line"], f["column"], f["level"]) for f in findings(card, "placeholder")]
    assert found[:5] == [
        (1, 8, "error"),
        (1, 13, "error"),
        (5, 35, "error"),
        (5, 45, "error"),
        (5, 70, "error"),
    ]
    assert len(found) == 10  # capped per rule
    assert "20xx" in findings(card, "placeholder")[0]["message"]
    assert card["score"]["total"] <= 59


def test_template_names_a_private_applicant_masked() -> None:
    card = lint_json(TEMPLATE)
    (finding,) = findings(card, "personal-info")
    assert (finding["line"], finding["level"]) == (9, "error")
    assert "韩**" in finding["message"] and "韩**" in finding["evidence"]


def test_template_is_clipped_at_the_end() -> None:
    (finding,) = findings(lint_json(TEMPLATE), "truncated-text")
    assert (finding["line"], finding["level"]) == (26, "warning")


@pytest.mark.parametrize("args", FORMATS)
def test_no_output_format_re_leaks_the_name(args: tuple[str, ...]) -> None:
    result = run("lint", *args, str(TEMPLATE))
    if "csv" not in args:  # csv quotes only the three most serious findings, not this one
        assert "韩**" in result.stdout
    assert "韩伟泽" not in result.stdout + result.stderr


@pytest.mark.parametrize("seed", [WUHAN_2005, XIANNING_2013, XUANZHOU_2011])
def test_no_false_alarms_on_real_reports(seed: Path) -> None:
    card = lint_json(seed)
    assert not findings(card, "personal-info") and not findings(card, "placeholder")


def test_inserted_id_and_mobile_are_found_and_masked(tmp_path: Path) -> None:
    old = "市政府办公室收到民众递交的政府信息公开申请2件"
    new = f"市政府办公室收到民众(身份证号{VALID_ID},手机{MOBILE})递交的政府信息公开申请2件"
    report = variant(tmp_path, XIANNING_2013, old, new)
    card = lint_json(report)
    found = findings(card, "personal-info")
    assert [(f["line"], f["level"]) for f in found] == [(39, "error"), (39, "error")]
    for args in FORMATS:
        output = run("lint", *args, str(report)).stdout
        assert VALID_ID not in output and MOBILE not in output
        assert mask_id(VALID_ID) in output and mask_mobile(MOBILE) in output


def test_officials_with_posts_and_office_lines_are_public() -> None:
    check = next(c for c in load_shipped("2008").checks if c.kind == "personal-data")  # type: ignore[attr-defined]
    text = (
        "魏晓明书记多次提出要求。陈冰冰市长主持会议。由常务副市长张君毅分管。\n"
        "政务服务热线13912345678。办公电话:0715-13812345678。邮箱:xxgk@163.com。\n"
        "ISO900012345678901234 与 123456789012345678 不是身份证号。"
    )
    assert check.find(split_lines(text)) == []  # type: ignore[attr-defined]


def test_personal_data_kinds_and_masks() -> None:
    check = next(c for c in load_shipped("2008").checks if c.kind == "personal-data")  # type: ignore[attr-defined]
    text = f"申请人李明反复向本机关提出申请,使用zhang.san@qq.com发送,证件{VALID_ID}。"
    data = check.find(split_lines(text))  # type: ignore[attr-defined]
    assert [(d.kind, d.masked) for d in data] == [
        ("name", "李*"),
        ("email", "z***@qq.com"),
        ("id", mask_id(VALID_ID)),
    ]
    assert mask_email("zhang.san@qq.com") == "z***@qq.com"


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        (VALID_ID, True),
        ("110105194912310021", False),
        ("110105194913310027", False),
        ("123456789012345678", False),
    ],
)
def test_id_numbers_need_a_real_date_and_check_digit(number: str, valid: bool) -> None:
    assert valid_id(number) is valid


def test_find_personal_is_linear_on_hostile_lines() -> None:
    line = ("1" * 17 + "X申请人") * 20000 + "@" * 50000
    assert isinstance(find_personal(split_lines(line), "王", [], "书记"), list)


def test_a_report_that_stops_mid_sentence_is_truncated(tmp_path: Path) -> None:
    old = "如对本年度报告有任何疑问,请联系咸宁市人民政府办公室,联系电话:0715—8126116。"
    report = variant(tmp_path, XIANNING_2013, old, "如对本年度报告有任何疑问,请联系咸宁")
    (finding,) = findings(lint_json(report), "truncated-text")
    assert (finding["line"], finding["level"]) == (55, "warning")
    assert "请联系咸宁" in finding["message"]


def test_headings_and_signatures_are_not_mid_sentence() -> None:
    for seed in (WUHAN_2005, XIANNING_2013, XUANZHOU_2011):
        assert not findings(lint_json(seed), "truncated-text")


def test_chrome_left_in_the_text_is_an_info_and_removed_chrome_is_listed(tmp_path: Path) -> None:
    report = variant(
        tmp_path,
        XIANNING_2013,
        "  咸宁市人民政府办公室",
        "上一篇:无 下一篇:无\n  咸宁市人民政府办公室",
    )
    card = lint_json(report)
    assert [(f["line"], f["level"], f["deduction"]) for f in findings(card, "page-chrome")] == [
        (57, "info", 0),
        (57, "info", 0),
    ]
    assert card["dropped"] == [
        {"line": 1, "text": "正在加载中... Loading connection", "reason": "loading"}
    ]
    assert "已移除的页面元素" in run("lint", "-v", str(report)).stdout
