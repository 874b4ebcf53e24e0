"""Tables whose cells ran together (a crawler dropped the separators): a row's digits are
cut into its cells only where the row's own total allows one cut; otherwise what the cuts
disagree on is unknown, and the text is wrong only if no cut gives its figure."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, findings, lint_json

from checker.tables.runs import readings

CORPUS = ROOT.parent / "shared" / "corpus"
HEAD = """平潭综合实验区2021年政府信息公开工作年度报告
一、总体情况
本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。{text}
三、收到和处理政府信息公开申请情况
"""
ROWS = (
    "一、本年新收政府信息公开申请数量{new}二、上年结转政府信息公开申请数量0000000"
    "三、本年度办理结果(一)予以公开{granted}(七)总计{total}四、结转下年度继续办理0000000"
)


def report(tmp_path: Path, text: str = "", **cells: str) -> Path:
    values = {"new": "640020470", "granted": "640020470", "total": "640020470", **cells}
    path = tmp_path / "report.txt"
    path.write_text(HEAD.format(text=text) + ROWS.format(**values) + "\n", "utf-8")
    return path


def adds_up(values: list[Decimal]) -> bool:
    return values[-1] == sum(values[:-1], Decimal(0))


def test_the_cuts_that_fit_the_row() -> None:
    (only,) = readings(["640020470"], 7, adds_up)  # type: ignore[arg-type]
    assert [str(value) for value, *_ in only] == ["64", "0", "0", "2", "0", "4", "70"]
    assert len(readings(["220000022"], 7, adds_up) or []) == 2  # type: ignore[arg-type]
    assert readings(["1" * 21], 7, adds_up) is None  # type: ignore[arg-type]


def test_a_unique_cut_is_recovered_and_checked(tmp_path: Path) -> None:
    card = lint_json(report(tmp_path, total="630020469"))
    (error,) = findings(card, "table-identity")
    assert (error["rule"], error["level"], error["line"], error["column"]) == (
        "table-identity", "error", 5, 17,
    )  # fmt: skip
    assert "recovered from run-together digits" in error["evidence"]
    assert not findings(card, "table-run-together")


def test_an_ambiguous_cut_is_an_info_not_an_error(tmp_path: Path) -> None:
    card = lint_json(report(tmp_path, new="220000022", granted="220000022", total="230000023"))
    (certain,) = findings(card, "table-identity")  # only the 总计 cells are certain: 22 ≠ 23
    assert certain["message"].startswith("表3“总计”列") and certain["column"] == 24
    card = lint_json(report(tmp_path, new="220000022", granted="220000022", total="2200000022"))
    assert not findings(card, "table-identity")
    infos = findings(card, "table-run-together")
    assert infos and all(f["level"] == "info" and f["line"] == 5 for f in infos)


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        ("全年收到政府信息公开申请75件。", 1),  # 70 under the only cut
        ("全年收到政府信息公开申请22件。", 0),  # 22 = 2 + 20 or 22 + 0: agrees
        ("全年收到政府信息公开申请30件。", 1),  # the 总计 is 22 under every cut
    ],
)
def test_the_text_is_wrong_only_under_every_cut(tmp_path: Path, text: str, errors: int) -> None:
    new = "640020470" if "75" in text else "220000022"
    card = lint_json(report(tmp_path, text, new=new, granted=new, total=new))
    found = findings(card, "text-table-mismatch")
    assert len(found) == errors
    for error in found:
        assert (error["level"], error["line"]) == ("error", 3)
        assert "recovered from run-together digits" in error["evidence"]


@pytest.mark.parametrize(
    ("name", "quote"),
    [
        ("pingtan-2020.txt", "“自然人”列（“总计”列因此也不符：21"),
        ("pingtan-2022.txt", "“本年新收申请”为75件，与表3不符（表中为74"),
        ("pingtan-2023.txt", "“现行有效规范性文件”为393件，与表2不符"),
    ],
)
def test_the_corpus_reports_with_run_together_tables(name: str, quote: str) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip("the corpus (../shared/corpus beside the clone) is absent")
    errors = [f for f in lint_json(path)["findings"] if f["level"] == "error"]
    table = [f for f in errors if f["rule"] in ("table-identity", "text-table-mismatch")]
    assert len(table) == 1 and quote in table[0]["message"]
