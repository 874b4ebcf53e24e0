"""The standard tables 2, 3 and 4, recognised in every layout real reports come in.

``../shared/corpus/text/huaian-2024.txt`` is the text layer of ``../shared/corpus/huaian-2024.pdf``
as a copy-paste gives it (pypdfium2, nothing else altered; PDFium ends the lines inside a
page with CRLF, the pages are joined with LF).

``huaian-2024-pipe.txt`` and ``huaian-2024-tsv.txt`` beside it are the same report with its
three tables written as markdown pipe tables (merged cells left as empty cells) and as
tab-separated rows (what a browser copies from an HTML table); the other lines are the
PDF text's.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import DATA, HUAIAN, HUAIAN_LAYOUTS, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.clean import clean
from checker.forms import TABLE3_COLUMNS, TABLE3_ROWS
from checker.ingest.text import split_lines
from checker.model import Line, Source, Table
from checker.tables import find_tables

LAYOUTS = tuple(layout.name for layout in HUAIAN_LAYOUTS)
T3_COLUMNS = [key for key, _ in TABLE3_COLUMNS]


def lines_of(text: str) -> tuple[Line, ...]:
    """The cleaned lines of a text, as the pipeline hands them to the facts stage."""
    source = Source(path="report.txt", format="text", encoding="utf-8", lines=split_lines(text))
    return clean(source).lines


def tables_of(text: str) -> dict[int, Table]:
    return {table.number: table for table in find_tables(lines_of(text))}


@pytest.fixture(scope="module")
def huaian() -> dict[int, Table]:
    tables = find_tables(lines_of(HUAIAN.read_text(encoding="utf-8")))
    assert [table.number for table in tables] == [2, 3, 4]
    return {table.number: table for table in tables}


def values(table: Table) -> dict[tuple[str, str], Decimal | None]:
    return {(row.key, col): cell.value for row in table.rows for col, cell in row.cells.items()}


# --- the PDF text of the Huai'an 2024 report --------------------------------------------


@pytest.mark.parametrize(
    ("row", "column", "value"),
    [
        ("new", "natural", 3001),
        ("new", "commercial", 53),
        ("new", "research", 0),
        ("new", "legal-service", 61),
        ("new", "other", 4),
        ("new", "total", 3119),
        ("carried", "natural", 34),
        ("carried", "total", 34),
        ("granted", "natural", 1288),
        ("granted", "total", 1362),
        ("partly", "total", 454),
        ("refused.law", "commercial", 1),
        ("refused.query", "natural", 105),
        ("unavailable.not-held", "legal-service", 10),
        ("unavailable.not-made", "total", 11),
        ("unprocessed.complaint", "commercial", 6),
        ("unprocessed.publication", "total", 0),
        ("other.no-correction", "total", 71),
        ("other.no-fee", "natural", 6),
        ("other.other", "natural", 108),
        ("total", "natural", 2932),
        ("total", "total", 3050),
        ("carry-over", "total", 103),
    ],
)
def test_huaian_table3_cells(huaian: dict[int, Table], row: str, column: str, value: int) -> None:
    assert huaian[3].cell(row, column) == value


def test_huaian_table3_is_the_2021_form_with_every_row(huaian: dict[int, Table]) -> None:
    table = huaian[3]
    assert table.variant == "2021"
    assert [row.key for row in table.rows] == [key for key, _ in TABLE3_ROWS if key != "other"]
    assert all(row.aligned for row in table.rows)
    # This report prints its zeros: no cell is blank.
    assert all(cell.value is not None for row in table.rows for cell in row.cells.values())


def test_huaian_table3_numbers_add_up(huaian: dict[int, Table]) -> None:
    """Read right, the form's own identities hold in every column (一 + 二 = 三(七) + 四)."""
    table = huaian[3]
    results = [
        row for row in table.rows if row.key not in ("new", "carried", "total", "carry-over")
    ]
    for column in T3_COLUMNS:
        assert table.cell("new", column) + table.cell("carried", column) == table.cell(
            "total", column
        ) + table.cell("carry-over", column)
        assert sum(row.value(column) for row in results) == table.cell("total", column)
    for row in table.rows:
        assert sum(row.value(column) for column in T3_COLUMNS[:-1]) == row.value("total")


def test_huaian_cells_point_at_the_original_file(huaian: dict[int, Table]) -> None:
    cell = huaian[3].get("new", "total")
    assert cell is not None and cell.line is not None
    assert cell.line.number == 92
    assert cell.line.raw[cell.start : cell.end] == "3119"
    # The row after the page break: its numbers are on line 119, after "- 5 -".
    row = huaian[3].row("unavailable.not-made")
    assert row is not None and row.line.number == 119
    assert row.label == "2.没有现成信息需要另行制作"


def test_huaian_row_labels_lose_group_labels_and_headers(huaian: dict[int, Table]) -> None:
    labels = {row.key: row.label for row in huaian[3].rows}
    assert labels["new"] == "一、本年新收政府信息公开申请数量"
    assert labels["granted"] == "（一）予以公开"  # not 三、本年度办理结果（一）…
    assert labels["partly"] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert labels["refused.secret"] == "1.属于国家秘密"  # not （三）不予公开1.…
    assert labels["unavailable.not-held"] == "1.本机关不掌握相关政府信息"


def test_huaian_table4_matches_the_narrative(huaian: dict[int, Table]) -> None:
    """The narrative: 351 reconsiderations = 72 + 64 + 178 + 37; 46 suits, 25 upheld…"""
    table = huaian[4]
    review = [table.cell("review", c) for c in ("upheld", "corrected", "other", "pending")]
    assert review == [72, 64, 178, 37]
    assert table.cell("review", "total") == 351 == sum(review)
    suits = ("suit-direct", "suit-after-review")
    assert [table.cell(block, "total") for block in suits] == [26, 20]
    assert sum(table.cell(block, "upheld") for block in suits) == 25
    assert [table.cell("suit-after-review", c) for c in ("upheld", "pending")] == [12, 6]
    assert table.line.number == 144 and table.rows[0].line.number == 173
    assert table.variant == "2021"  # the form of the table 3 before it


def test_huaian_table2_2021_form(huaian: dict[int, Table]) -> None:
    table = huaian[2]
    assert table.variant == "2021"
    assert [row.key for row in table.rows] == [
        "rules",
        "normative",
        "licensing",
        "penalty",
        "enforcement",
        "fees",
    ]
    assert [table.cell("rules", c) for c in ("issued", "repealed", "in-force")] == [1, 0, 11]
    assert [table.cell("normative", c) for c in ("issued", "repealed", "in-force")] == [8, 26, 66]
    assert table.cell("licensing", "decisions") == 447228
    assert table.cell("penalty", "decisions") == 3985758
    assert table.cell("enforcement", "decisions") == 88283
    assert table.cell("fees", "amount") == Decimal("96171.6")
    assert [row.label for row in table.rows][:2] == ["规章", "行政规范性文件"]


def test_describe_lists_rows_and_columns(huaian: dict[int, Table]) -> None:
    text = "\n".join(huaian[3].describe())
    assert "natural commercial research public-interest legal-service other total" in text
    assert "L92 new  一、本年新收政府信息公开申请数量: 3001 53 0 0 61 4 3119" in text


# --- the same report in other layouts ----------------------------------------------------


@pytest.mark.parametrize("name", LAYOUTS[1:])
def test_pipe_and_tab_layouts_read_the_same_values(huaian: dict[int, Table], name: str) -> None:
    tables = tables_of((HUAIAN.parent / name).read_text(encoding="utf-8"))
    assert sorted(tables) == [2, 3, 4]
    for number, table in tables.items():
        assert (table.variant, values(table)) == (huaian[number].variant, values(huaian[number]))
        assert [row.label for row in table.rows] == [row.label for row in huaian[number].rows]


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_cell_points_at_its_number(name: str) -> None:
    for table in tables_of((HUAIAN.parent / name).read_text(encoding="utf-8")).values():
        for row in table.rows:
            for cell in row.cells.values():
                assert cell.line is not None
                assert Decimal(cell.line.raw[cell.start : cell.end]) == cell.value


# --- synthetic edges ----------------------------------------------------------------------

TABLE3_2019 = (DATA / "table3-2019.txt").read_text(encoding="utf-8")


def test_2019_form_has_one_other_row() -> None:
    table = tables_of(TABLE3_2019)[3]
    assert table.variant == "2019"
    assert [row.key for row in table.group("other")] == ["other"]
    assert table.cell("other", "natural") == 2
    assert table.cell("total", "total") == 13
    assert table.cell("refused.law", "total") == 0  # a row the report left out
    assert table.row("refused.law") is None


def pipe_table(text: str) -> str:
    """Each space-separated line as a markdown pipe row; a ``·`` becomes an empty cell."""
    rows = (" | ".join(line.split(" ")).replace("·", "") for line in text.splitlines())
    return "\n".join(f"| {row} |" for row in rows)


def test_blank_cells_in_a_pipe_table_are_empty_not_errors() -> None:
    new = "一、本年新收政府信息公开申请数量"
    text = pipe_table(TABLE3_2019.replace(f"{new} 10 2 0 0 1 0 13", f"{new} 10 2 · · 1 · ·"))
    table = tables_of(text)[3]
    row = table.row("new")
    assert row is not None and row.aligned
    assert [row.cells[c].value for c in T3_COLUMNS] == [10, 2, None, None, 1, None, None]
    assert table.cell("new", "total") == 0
    assert table.cell("total", "total") == 13
    total = row.cells["total"]
    assert total.line is not None and total.line.raw[total.start - 1 : total.end + 1] == "|  |"


def test_group_label_row_of_blanks_is_not_a_2019_row() -> None:
    """A pipe table that prints （六）其他处理 as a row of its own above its three sub-rows."""
    blank = " |" * 7
    text = "\n".join(
        [
            "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
            f"| （六）其他处理 |{blank}",
            "| 1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 |" + blank[2:],
            "| 2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 |" + blank,
            "| 3、其他 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
        ]
    )
    table = tables_of(text)[3]
    assert table.variant == "2021"
    assert [row.key for row in table.group("other")] == [
        "other.no-correction",
        "other.no-fee",
        "other.other",
    ]
    assert table.cell("other.no-correction", "natural") == 1
    assert table.get("other.no-correction", "total") is not None
    assert all(cell.blank for cell in table.group("other")[1].cells.values())


def test_tab_row_without_its_trailing_blank_cells() -> None:
    # Editors strip trailing tabs; the cells that are there keep their columns.
    text = TABLE3_2019.replace(" ", "\t").replace(
        "（二）部分公开\t2\t0\t0\t0\t0\t0\t2", "（二）部分公开\t2"
    )
    row = tables_of(text)[3].row("partly")
    assert row is not None and row.aligned
    assert [row.cells[c].value for c in T3_COLUMNS] == [2, None, None, None, None, None, None]
    assert row.cells["total"].line is None  # not printed at all


def test_2008_seeds_have_no_tables() -> None:
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        assert find_tables(lines_of(seed.read_text(encoding="utf-8"))) == [], seed.name


def test_blank_total_column_in_space_separated_rows() -> None:
    text = "\n".join(line.rsplit(" ", 1)[0] for line in TABLE3_2019.splitlines())
    table = tables_of(text)[3]
    assert all(row.aligned for row in table.rows)
    assert all(row.cells["total"].blank for row in table.rows)
    assert table.cell("new", "natural") == 10 and table.cell("new", "other") == 0


def test_a_row_with_a_dropped_blank_is_kept_unaligned() -> None:
    # Space-separated text loses blank cells: which column is empty cannot be known.
    text = TABLE3_2019.replace("（二）部分公开 2 0 0 0 0 0 2", "（二）部分公开 2 2")
    table = tables_of(text)[3]
    row = table.row("partly")
    assert row is not None and not row.aligned
    assert [cell.value for cell in row.values] == [2, 2]
    assert table.cell("partly", "total") == 0
    assert "(unaligned)" in "\n".join(table.describe())


def test_page_number_inside_a_table_is_ignored() -> None:
    text = TABLE3_2019.replace("（二）部分公开", "- 4 -\n（二）部分公开")
    table = tables_of(text)[3]
    assert table.cell("partly", "natural") == 2
    assert table.cell("granted", "total") == 7
    assert all(len(row.values) == 7 for row in table.rows)


def test_one_cell_per_line() -> None:
    text = "\n".join(TABLE3_2019.replace(" ", "\n").splitlines())
    table = tables_of(text)[3]
    row = table.row("carry-over")
    assert row is not None and row.label == "四、结转下年度继续办理"
    assert row.line.number == 86  # the label's line; the cells have their own
    total = row.cells["total"]
    assert total.value == 1 and total.line is not None and total.line.number == 93


TABLE2_2019 = (DATA / "table2-2019.txt").read_text(encoding="utf-8")


def test_table2_2019_form() -> None:
    table = tables_of(TABLE2_2019)[2]
    assert table.variant == "2019"
    assert table.cell("licensing", "change") == -2
    assert table.cell("other-services", "change") == 1
    assert table.cell("normative", "published-total") == 40
    assert table.cell("fees", "previous") == 5
    assert table.cell("procurement", "amount") == Decimal("1234.56")
    assert len(table.rows) == 8


def test_table4_tab_separated_with_blank_cells() -> None:
    text = (
        "\t".join(["行政复议", "行政诉讼"])
        + "\n"
        + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
        + "\n"
        + "\t".join(["1", "", "", "", "1"] + [""] * 10)
    )
    table = tables_of(text)[4]
    assert table.cell("review", "upheld") == 1 and table.cell("review", "total") == 1
    total = table.get("suit-direct", "total")
    assert total is not None and total.blank and total.line is not None


def test_table4_without_totals_in_space_separated_text() -> None:
    text = "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计\n" + " ".join("1234" * 3)
    table = tables_of(text)[4]
    assert [table.cell("suit-after-review", c) for c in ("upheld", "pending")] == [1, 4]
    assert all(row.cells["total"].blank for row in table.rows)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "这不是表格。\n一、总体情况\n今年共收到申请 12 件，其中予以公开 5 件，部分公开 2 件。",
        "本年新收政府信息公开申请 3119 件，上年结转 34 件，予以公开 1362 件，结转下年度 103 件",
        "行政许可 447228 件，行政处罚 3985758 件，行政强制 88283 件，规章 1 件。",
        "政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，尚未审结 37 件。",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\t\t\t\n- 4 -\n|||||\n",
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
    ],
)
def test_text_without_tables_gives_none(text: str) -> None:
    assert find_tables(lines_of(text)) == []


def test_long_garbage_lines_give_no_table() -> None:
    garbage = ("|" * 5000 + "\t" + "9" * 5000 + " 一、本年新收" * 2000 + " 1" * 5000) * 3
    assert find_tables(lines_of(garbage)) == []


_PIECES = st.sampled_from(
    [label for _, label in TABLE3_ROWS]
    + ["行政复议", "行政诉讼", "结果维持", "总计", "第二十条", "规章", "行政许可", "本年制发件数"]
    + ["0", "12", "-3", "1,234", "96171.6", "-", "—", "/", "- 4 -", "。", "，", "|", "\t", " "]
    + ["\n", "\n", "---", "9" * 30, "（一）", "1.", "３"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=80))
def test_table_like_text_never_raises(pieces: list[str]) -> None:
    for table in find_tables(lines_of(" ".join(pieces))):
        table.describe()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_never_raises(text: str) -> None:
    find_tables(lines_of(text))
