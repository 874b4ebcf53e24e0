"""The table rules of the 2019 profile: the forms' identities, blank totals, rows that could
not be read, and table 2's bounds — on the Huai'an report with one cell changed at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, HUAIAN, HUAIAN_LAYOUTS, findings, lint_json

from checker.forms import TABLE3_COLUMNS, TABLE4_COLUMNS
from checker.lint import read_report
from checker.model import Table

T3_LABELS, T4_LABELS = dict(TABLE3_COLUMNS), dict(TABLE4_COLUMNS)


def tables(path: Path) -> dict[int, Table]:
    return {table.number: table for table in read_report(str(path)).tables}


def with_cell(tmp_path: Path, path: Path, number: int, row: str, column: str) -> tuple[Path, Any]:
    """A copy of ``path`` with one cell of table ``number`` one larger; and that cell."""
    cell = tables(path)[number].get(row, column)
    assert cell is not None and cell.line is not None and cell.value is not None
    with path.open(encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    line = lines[cell.line.number - 1]
    lines[cell.line.number - 1] = line[: cell.start] + str(cell.value + 1) + line[cell.end :]
    target = tmp_path / path.name
    with target.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(lines))
    return target, cell


T3_CELLS = [
    ("new", "natural"),
    ("new", "total"),
    ("carried", "total"),
    ("granted", "legal-service"),
    ("partly", "commercial"),
    ("refused.secret", "natural"),
    ("refused.query", "total"),
    ("unavailable.not-held", "other"),
    ("unavailable.not-made", "natural"),  # its numbers come after a page break
    ("unprocessed.confirm", "research"),
    ("other.no-correction", "legal-service"),
    ("other.other", "public-interest"),
    ("total", "natural"),
    ("total", "total"),
    ("carry-over", "other"),
]


@pytest.mark.parametrize(("row", "column"), T3_CELLS)
def test_any_changed_table3_cell_is_an_identity_error(
    tmp_path: Path, row: str, column: str
) -> None:
    path, cell = with_cell(tmp_path, HUAIAN, 3, row, column)
    errors = findings(lint_json(path), "table-identity")
    assert errors and all(f["level"] == "error" for f in errors)
    label = tables(HUAIAN)[3].row(row).label  # type: ignore[union-attr]
    assert any(f"表3“{label}”行" in f["message"] for f in errors)
    assert any(f"表3“{T3_LABELS[column]}”列" in f["message"] for f in errors)
    # Each finding points at a number of the table, in the original file.
    text = HUAIAN.read_text(encoding="utf-8").splitlines()
    for finding in errors:
        quoted = text[finding["line"] - 1][finding["column"] - 1 :].split(" ")[0]
        assert quoted.isdigit(), finding
    if row in ("new", "total") or column == "total":  # the cell is a sum's first term
        assert (cell.line.number, cell.start + 1) in {(f["line"], f["column"]) for f in errors}


T4_CELLS = [
    ("review", "upheld"),
    ("review", "total"),
    ("suit-direct", "other"),
    ("suit-direct", "pending"),
    ("suit-after-review", "corrected"),
    ("suit-after-review", "total"),
]


@pytest.mark.parametrize(("row", "column"), T4_CELLS)
def test_any_changed_table4_cell_is_an_identity_error(
    tmp_path: Path, row: str, column: str
) -> None:
    path, _ = with_cell(tmp_path, HUAIAN, 4, row, column)
    (error,) = findings(lint_json(path), "table-identity")
    block = {"review": "行政复议", "suit-direct": "未经复议直接起诉"}.get(row, "复议后起诉")
    assert error["message"].startswith(f"表4“{block}”行不符合“总计 = 结果维持")
    assert T4_LABELS[column] in error["message"]
    assert error["line"] == 173


def test_an_identity_error_shows_both_sides(tmp_path: Path) -> None:
    path, _ = with_cell(tmp_path, HUAIAN, 3, "new", "natural")
    messages = sorted(f["message"] for f in findings(lint_json(path), "table-identity"))
    assert messages == [
        "表3“一、本年新收政府信息公开申请数量”行不符合“总计 = 自然人 + 法人或其他组织（五类）”："
        "3119，而 3002 + 53 + 0 + 0 + 61 + 4 = 3120",
        "表3“自然人”列不符合“一 + 二 = 三(七) + 四”：3002 + 34 = 3036，而 2932 + 103 = 3035",
    ]


@pytest.mark.parametrize("layout", HUAIAN_LAYOUTS[1:], ids=lambda p: p.name)
@pytest.mark.parametrize(
    ("number", "row", "column"), [(3, "partly", "natural"), (4, "review", "other")]
)
def test_other_layouts_find_the_same_identity_errors(
    tmp_path: Path, layout: Path, number: int, row: str, column: str
) -> None:
    def errors(path: Path) -> list[str]:
        return sorted(f["message"] for f in findings(lint_json(path), "table-identity"))

    pdf, _ = with_cell(tmp_path, HUAIAN, number, row, column)
    other, _ = with_cell(tmp_path, layout, number, row, column)
    assert errors(other) == errors(pdf) != []


# --- blank totals and rows that cannot be read --------------------------------------------

PIPE = HUAIAN_LAYOUTS[1]
GRANTED_PIPE = "| 三、本年度办理结果 | （一）予以公开 |  | 1288 | 21 | 0 | 0 | 50 | 3 | 1362 |"


def test_a_blank_total_is_a_warning_not_an_identity_error(tmp_path: Path) -> None:
    text = PIPE.read_text(encoding="utf-8")
    assert GRANTED_PIPE in text
    path = tmp_path / "pipe.txt"
    path.write_text(text.replace(GRANTED_PIPE, GRANTED_PIPE.replace("| 1362 |", "|  |")), "utf-8")
    card = lint_json(path)
    (blank,) = findings(card, "table-total-blank")
    line = text.splitlines().index(GRANTED_PIPE) + 1
    assert (blank["level"], blank["line"]) == ("warning", line)
    assert blank["column"] == GRANTED_PIPE.index("| 1362 |") + 2  # the empty cell
    assert blank["message"] == "表3“（一）予以公开”有数字，但“总计”栏空白"
    assert not findings(card, "table-identity")


def test_a_row_that_lost_its_blanks_is_not_checked(tmp_path: Path) -> None:
    text = HUAIAN.read_bytes().decode("utf-8")
    path = tmp_path / "report.txt"
    path.write_bytes(text.replace("447 7 0 0 0 0 454", "447 7 454", 1).encode("utf-8"))
    card = lint_json(path)
    (unread,) = findings(card, "table-unaligned")
    assert (unread["level"], unread["line"], unread["deduction"]) == ("info", 103, 0)
    assert "只有3个数字" in unread["message"]
    assert not findings(card, "table-identity")


# --- table 2 (2019 form) -------------------------------------------------------------------

TABLE2_REPORT = """\
淮安市财政局2019年政府信息公开工作年度报告
一、总体情况
本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。
""" + (DATA / "table2-2019.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "规范性文件 3 3 40",
            "规范性文件 3 50 40",
            "表2“规范性文件”行不符合“本年新公开数量 ≤ 对外公开总数量”：50，而 40",
        ),
        (
            "行政许可 120 -2 3400",
            "行政许可 1 -2 3400",
            "表2“行政许可”行不符合“上一年项目数量 + 本年增/减 ≥ 0”：1 + -2 = -1，而 0",
        ),
    ],
)
def test_table2_bounds(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = tmp_path / "report.txt"
    path.write_text(TABLE2_REPORT, encoding="utf-8")
    assert not findings(lint_json(path), "table-sanity")
    path.write_text(TABLE2_REPORT.replace(old, new), encoding="utf-8")
    (error,) = findings(lint_json(path), "table-sanity")
    assert (error["level"], error["message"]) == ("error", message)
    assert error["line"] == TABLE2_REPORT.splitlines().index(old) + 1


TABLE3_2019 = (DATA / "table3-2019.txt").read_text(encoding="utf-8")
SEVEN = "(七)总计 = (一) + (二) + (三) + (四) + (五) + (六)"


def test_the_2019_form_of_table3_counts_its_single_other_row(tmp_path: Path) -> None:
    title = "淮安市财政局2019年政府信息公开工作年度报告\n"
    path = tmp_path / "report.txt"
    path.write_text(title + TABLE3_2019, "utf-8")
    card = lint_json(path)
    assert not findings(card, "table-identity")
    details = [c["detail"] for c in card["checked"] if c["rule"] == "table-identity"]
    assert f"{SEVEN}：10 = 5 + 2 + 0 + 1 + 0 + 2 = 10" in details
    changed = TABLE3_2019.replace("（六）其他处理 2 0", "（六）其他处理 3 0")
    path.write_text(title + changed, "utf-8")
    messages = [f["message"] for f in findings(lint_json(path), "table-identity")]
    assert f"表3“自然人”列不符合“{SEVEN}”：10，而 5 + 2 + 0 + 1 + 0 + 3 = 11" in messages
