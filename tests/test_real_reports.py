"""What real reports taught: a report is told by its structure, parts may stand under other
headings, a table read in part refutes nothing, and findings name what they are about."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, DATA, XUANZHOU_2011, lint_json, lint_report, needs_corpus

TABLE3 = (DATA / "table3-2019.txt").read_text("utf-8")
HEAD = (
    "某市财政局2019年政府信息公开工作年度报告\n一、总体情况\n本局认真做好政府信息公开工作。\n"
    "二、收到和处理政府信息公开申请情况\n全年收到政府信息公开申请13件，其中无法提供10件。\n"
)
NOT_HELD = "（四）无法提供 1.本机关不掌握相关政府信息 1 1 0 0 0 0 2\n"
UNCLEAR = "3.补正后申请内容仍不明确 0 0 0 0 0 0 0\n"


def found(card: dict[str, Any], *rules: str) -> list[tuple[str, str, int | None, Any]]:
    """(rule, level, line, target) of the findings of these rules."""
    return [
        (f["rule"], f["level"], f["line"], f["target"])
        for f in card["findings"]
        if f["rule"] in rules
    ]


def lint_text(tmp_path: Path, text: str) -> dict[str, Any]:
    return lint_report(tmp_path, text.removesuffix("\n"))


def test_a_group_read_whole_refutes_the_text(tmp_path: Path) -> None:
    whole = TABLE3.replace(
        NOT_HELD, NOT_HELD + "2.没有现成信息需要另行制作 0 0 0 0 0 0 0\n" + UNCLEAR
    )
    card = lint_text(tmp_path, HEAD + whole)
    target = {"table": 3, "row": "unavailable", "column": "total"}
    assert found(card, "text-table-mismatch", "table-partial") == [
        ("text-table-mismatch", "error", 5, target)
    ]


def test_a_group_read_in_part_refutes_nothing_and_says_so(tmp_path: Path) -> None:
    """2.没有现成信息… is printed without its numbers: 无法提供's sum is unknown."""
    partial = TABLE3.replace(NOT_HELD, NOT_HELD + "2.没有现成信息需要另行制作\n" + UNCLEAR)
    card = lint_text(tmp_path, HEAD + partial)
    target = {"table": 3, "row": "unavailable"}
    assert found(card, "text-table-mismatch", "table-partial", "table-identity") == [
        ("table-partial", "info", 13, target)
    ]


def test_section_findings_name_the_part_by_its_rulebook_id() -> None:
    card = lint_json(XUANZHOU_2011)
    parts = [f["target"]["part"] for f in card["findings"] if f["rule"] == "section-missing"]
    assert parts == ["requests", "fees", "litigation", "other"]


SPEECH = "在全市政务公开工作会议上的讲话\n同志们：\n今天我们召开会议，部署政务公开工作。\n"
REPORT_BODY = (
    "一、概述\n本机关高度重视，成立领导小组。\n二、主动公开政府信息情况\n主动公开信息120条。\n"
    "三、依申请公开政府信息情况\n收到申请5件，均已答复。\n四、收费及减免情况\n未收取任何费用。\n"
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n未发生行政复议、行政诉讼。\n"
    "六、存在的主要问题及改进措施\n公开内容不够全面，下一步将加强。\n七、其他需要报告的事项\n无。\n"
)


def test_a_speech_is_not_a_report(tmp_path: Path) -> None:
    card = lint_text(tmp_path, SPEECH + "主动公开是原则。\n")
    assert found(card, "not-a-report") == [("not-a-report", "error", 1, None)]


def test_a_phrase_in_the_opening_does_not_make_a_report_another_document(tmp_path: Path) -> None:
    """发言 of 新闻发言人制度 in a long opening sentence, and no title line at all."""
    opening = (
        "2013年，本机关健全新闻发言人制度，认真贯彻《条例》，" + "扎实推进各项工作，" * 8 + "\n"
    )
    card = lint_text(tmp_path, opening + REPORT_BODY)
    assert found(card, "not-a-report") == []


def test_a_short_heading_naming_the_spokesperson_is_no_speech(tmp_path: Path) -> None:
    """（一）健全新闻发言人制度 opens a report numbered from （一）: a report's words."""
    text = (
        "（一）健全新闻发言人制度\n本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
    )
    card = lint_text(tmp_path, text + "（二）主动公开情况\n公开信息12条。\n")
    assert found(card, "not-a-report") == []


def test_parts_under_first_level_headings_make_a_report_without_a_title(tmp_path: Path) -> None:
    card = lint_text(tmp_path, "本机关政务公开工作情况\n" + REPORT_BODY)
    assert found(card, "not-a-report") == []


def test_a_part_of_its_own_is_the_other_matters(tmp_path: Path) -> None:
    """六、工作人员及经费情况 in a report that follows the format reports other matters."""
    body = REPORT_BODY.replace(
        "七、其他需要报告的事项\n无。\n", "七、工作人员及经费情况\n兼职人员2人。\n"
    )
    card = lint_text(tmp_path, "某县2013年政府信息公开工作年度报告\n" + body)
    assert [f["target"] for f in card["findings"] if f["rule"] == "section-missing"] == []


@needs_corpus
@pytest.mark.parametrize(
    ("name", "rules", "expected"),
    [
        # a crawler's one-line text, with 新闻发言人 in its opening: a report all the same
        ("pingtan-2018.txt", ("not-a-report",), []),
        # 六、工作人员及信息公开事务支出情况 is its other matters; no fees, no problems part
        ("pingtan-dishui-2013.txt", ("section-missing",), [
            ("section-missing", "error", None, {"part": "fees"}),
            ("section-missing", "error", None, {"part": "problems"}),
        ]),
        # fees are reported by the statistics table's 收费减免金额 row
        ("pingtan-shichangjianguan-2018.txt", ("section-missing",), [
            ("section-missing", "error", None, {"part": "other"}),
        ]),
        # the text says all were handled; table 3 carries one over
        ("shanghai-kewei-2024.txt", ("all-handled-mismatch", "text-table-mismatch"), [
            ("all-handled-mismatch", "warning", 43, {"table": 3, "row": "carry-over"}),
        ]),
    ],
)  # fmt: skip
def test_real_reports(name: str, rules: tuple[str, ...], expected: list[Any]) -> None:
    assert found(lint_json(CORPUS / name), *rules) == expected
