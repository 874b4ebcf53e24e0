"""Personal data read in its context: the office's own contact line is public, a table's cells
are not phone numbers, a private person's number in the body is still found.

Every case is written twice: as a crawler's text with the whole report on one line, and as
the same report over many lines (split at its headings, or wrapped anywhere as a PDF does).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, findings, lint_json

HEAD = "某县人民政府2023年政府信息公开工作年度报告"
OVERVIEW = "一、总体情况\n本年度我县认真贯彻《条例》，依法做好政府信息公开工作。"
# The office's contact clause, wrapped anywhere and with its labels spaced out, as a PDF has it.
CONTACT_WRAPPED = (
    "如对本报告有疑问，请与某县人民政府办公室联系（地址：某县人民路\n"
    "1 号 ， 邮 编 ： 100000 ， 电 话 ： 0517-8722000 ， 电 子 邮 箱 ：\n"
    "mzbgs2023@126.com）。"
)
# Table 3 of the 2019 form: rows of a label and its seven cells, which a crawler runs together.
TABLE_ROWS = (
    "三、收到和处理政府信息公开申请情况",
    "一、本年新收政府信息公开申请数量13900000126",
    "二、上年结转政府信息公开申请数量0000000",
    "（七）总计15200000031",
    "四、结转下年度继续办理4200006",
)


def personal_findings(tmp_path: Path, *lines: str) -> list[tuple[int, str, str]]:
    """The personal-info findings (line, level, message) of a report made of these lines."""
    report = tmp_path / "report.txt"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    card = lint_json(report)
    return [(f["line"], f["level"], f["message"]) for f in findings(card, "personal-info")]


def one_line(*lines: str) -> str:
    """The lines run together, as a crawler that dropped the line breaks gives them."""
    return "".join(line.replace("\n", "") for line in lines)


def test_the_offices_mailbox_on_its_contact_line_is_public_over_many_lines(
    tmp_path: Path,
) -> None:
    assert personal_findings(tmp_path, HEAD, CONTACT_WRAPPED, OVERVIEW) == []


def test_the_offices_mailbox_on_its_contact_line_is_public_on_one_line(tmp_path: Path) -> None:
    assert personal_findings(tmp_path, one_line(HEAD, CONTACT_WRAPPED, OVERVIEW)) == []


@pytest.mark.parametrize(
    "contact",
    [
        "如对本报告有任何疑问，请联系县政府办公室，联系电话：13712340000。",
        "公众可通过电子邮箱mzbgs2023@126.com或电话13712340000咨询政府信息公开工作。",
        "政务公开办公室地址：某县人民路1号，邮编：100000，邮箱：mzbgs2023@126.com。",
    ],
)
def test_numbers_and_mailboxes_given_as_the_offices_are_public(
    tmp_path: Path, contact: str
) -> None:
    assert personal_findings(tmp_path, HEAD, OVERVIEW, contact) == []
    assert personal_findings(tmp_path, one_line(HEAD, OVERVIEW, contact)) == []


def test_a_private_persons_mobile_in_the_body_is_found_over_many_lines(tmp_path: Path) -> None:
    body = "本年度一名群众（13812345678）多次来电反映问题，已妥善处理。"
    assert personal_findings(tmp_path, HEAD, CONTACT_WRAPPED, OVERVIEW, body) == [
        (7, "error", "报告中含有个人信息（手机号码：138****5678），公开前应删除或作匿名化处理")
    ]


def test_a_private_persons_mobile_in_the_body_is_found_on_one_line(tmp_path: Path) -> None:
    body = "本年度有群众使用手机13812345678反复来电反映问题，已妥善处理。"
    text = one_line(HEAD, CONTACT_WRAPPED, OVERVIEW, body)
    assert personal_findings(tmp_path, text) == [
        (1, "error", "报告中含有个人信息（手机号码：138****5678），公开前应删除或作匿名化处理")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "一名群众留下联系方式13812345678，要求书面答复。",
        "申请人联系电话：13812345678，本机关已按期答复。",
        "13812345678号码的用户多次来电咨询同一事项。",
        "一名申请人在申请表中填写的地址为某县人民路1号（13812345678），已按期答复。",
    ],
)
def test_a_private_persons_labelled_or_separated_mobile_is_found(tmp_path: Path, body: str) -> None:
    assert [(line, level) for line, level, _ in personal_findings(tmp_path, HEAD, body)] == [
        (2, "error")
    ]


def test_a_mailbox_labelled_as_an_applicants_is_personal(tmp_path: Path) -> None:
    body = "申请人邮箱：zhang.san@qq.com，本机关已按期答复。"
    assert personal_findings(tmp_path, HEAD, OVERVIEW, body) == [
        (4, "error", "报告中含有个人信息（个人电子邮箱：z***@qq.com），公开前应删除或作匿名化处理")
    ]


def test_cells_of_a_table_split_at_its_rows_are_not_phone_numbers(tmp_path: Path) -> None:
    assert personal_findings(tmp_path, HEAD, OVERVIEW, *TABLE_ROWS) == []


def test_cells_of_a_table_run_onto_one_line_are_not_phone_numbers(tmp_path: Path) -> None:
    assert personal_findings(tmp_path, one_line(HEAD, OVERVIEW, *TABLE_ROWS)) == []


@pytest.mark.parametrize(
    "row",
    [
        "政府集中采购13688886666.50元",  # an amount
        "一、本年新收政府信息公开申请数量 13900000126 0 0 0 0 0 13900000126",  # space-separated
        "| 一、本年新收政府信息公开申请数量 | 13900000126 | 0 | 0 |",  # a pipe row
        "一、本年新收政府信息公开申请数量\t13900000126\t0\t0",  # a tab row
    ],
)
def test_numbers_in_table_rows_and_amounts_are_not_phone_numbers(tmp_path: Path, row: str) -> None:
    assert personal_findings(tmp_path, HEAD, OVERVIEW, row) == []


@pytest.mark.skipif(
    not CORPUS.exists(), reason="the corpus (../shared/corpus beside the clone) is absent"
)
@pytest.mark.parametrize("name", ["hongze-2023.pdf", "pingtan-2019.txt", "pingtan-2025.txt"])
def test_real_contact_lines_and_flattened_tables_are_not_personal_data(name: str) -> None:
    # Hongze's office mailbox sits in its wrapped contact clause; Pingtan's tables were run
    # together onto one line by a crawler, so their cells touch the next row's label.
    assert findings(lint_json(CORPUS / name), "personal-info") == []
