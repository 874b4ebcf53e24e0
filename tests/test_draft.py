"""``xxgk init``: the draft lints with one placeholder per prompt and nothing else, its
tables read back whole; with the prompts replaced by real text it lints clean."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import lint_json, run

from checker.lint import read_report

#: Real text for each prompt of a government's 2025 draft.
FILLED = {
    "本年度总体情况": (
        "2025年，本机关认真贯彻落实《条例》，加强组织领导，完善工作机制，政府信息公开工作有序开展。"
    ),
    "主动公开信息的数量": "本年度通过门户网站主动公开政府信息120条。",
    "收到申请的数量；办理结果（公开、部分公开、不予公开等）": "本年度未收到政府信息公开申请。",
    "复议、诉讼的件数或“未发生”的明确说明": "本年度未发生政府信息公开行政复议、行政诉讼。",
    "存在的问题；改进措施；"
    "工作考核、社会评议和责任追究结果情况（各级人民政府的年度报告应当包括）": (
        "存在的问题是信息发布的及时性有待提高。下一步将加强业务培训，完善审核机制。"
        "本年度政府信息公开工作已纳入绩效考核，未发生责任追究情况。"
    ),
    "信息处理费的收取情况（收取金额或未收取），如：本年度未收取信息处理费。": (
        "本年度未收取信息处理费。"
    ),
}
DATE_PROMPT = "（请填写：成文日期，写在落款处，不晚于2026年3月31日）"
FORMS = ("draft.docx", "draft.md", "draft.txt")


def drafted(tmp_path: Path, name: str, *args: str) -> Path:
    path = tmp_path / name
    result = run("init", "--year", "2025", "--organ", "测试县人民政府", "-o", path, *args)
    assert result.exit_code == 0, result.output
    return path


def rules(card: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["rule"], f["level"]) for f in card["findings"]]


@pytest.mark.parametrize("name", FORMS)
def test_the_draft_has_one_placeholder_per_prompt_and_nothing_else(
    tmp_path: Path, name: str
) -> None:
    card = lint_json(drafted(tmp_path, name))
    assert rules(card) == [("placeholder", "error")] * 7  # six parts and the date
    quoted = [re.search("“(.*)”", f["message"]).group(1) for f in card["findings"]]  # type: ignore[union-attr]
    assert quoted == [f"（请填写：{what}）" for what in FILLED] + [DATE_PROMPT]
    assert card["report"]["organ"] == "测试县人民政府" and card["report"]["reporting_year"] == 2025
    assert card["report"]["dated_on"] == "2026-03-31" and card["report"]["period_stated"]
    assert card["score"]["cap"]["limit"] == 59


@pytest.mark.parametrize("name", FORMS)
def test_the_draft_tables_are_the_whole_2021_form(tmp_path: Path, name: str) -> None:
    tables = read_report(str(drafted(tmp_path, name))).tables
    shape = [(t.number, t.variant, len(t.rows), t.lost) for t in tables]
    assert shape == [
        (2, "2021", 6, frozenset()),
        (3, "2021", 25, frozenset()),
        (4, "2021", 3, frozenset()),
    ]
    assert all(cell.value == 0 for t in tables for row in t.rows for cell in row.cells.values())
    assert sum(len(row.cells) for t in tables for row in t.rows) == 10 + 25 * 7 + 15


def test_a_2020_draft_has_the_2019_form(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    assert run("init", "--year", "2020", "--organ", "淮安市财政局", "-o", path).exit_code == 0
    tables = read_report(str(path)).tables
    assert [(t.variant, len(t.rows)) for t in tables] == [("2019", 8), ("2019", 23), ("2019", 3)]
    card = lint_json(path)
    assert rules(card) == [("placeholder", "error")] * 7
    assert "不晚于2021年1月31日" in card["findings"][-1]["message"]  # a department's deadline
    assert "工作考核" not in path.read_text(encoding="utf-8")  # asked of governments only


def fill_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for what, real in FILLED.items():
        text = text.replace(f"（请填写：{what}）", real)
    text = text.replace(DATE_PROMPT + "\n\n", "").replace("2026年3月31日", "2026年1月20日")
    path.write_text(text, encoding="utf-8")


def fill_word(path: Path) -> None:
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        text = paragraph.text
        if text == DATE_PROMPT:
            paragraph._element.getparent().remove(paragraph._element)
        elif text.startswith("（请填写："):
            paragraph.runs[0].text = FILLED[text[5:-1]]
        elif text == "2026年3月31日":
            paragraph.runs[0].text = "2026年1月20日"
    document.save(str(path))


@pytest.mark.parametrize("name", FORMS)
def test_with_the_prompts_filled_the_draft_lints_clean(tmp_path: Path, name: str) -> None:
    path = drafted(tmp_path, name)
    (fill_word if name.endswith(".docx") else fill_text)(path)
    card = lint_json(path)
    assert card["findings"] == []
    assert card["score"]["total"] == 100 and card["report"]["dated_on"] == "2026-01-20"


def test_the_word_draft_uses_headings_tables_and_the_official_fonts(tmp_path: Path) -> None:
    document = docx.Document(str(drafted(tmp_path, "draft.docx")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "一、总体情况" and len(headings) == 6
    assert len(document.tables) == 3
    assert document.styles["Normal"].font.name == "仿宋_GB2312"
    assert document.styles["Heading 1"].font.name == "黑体"
    assert document.tables[1].cell(0, 2).text == "法人或其他组织"  # a merged header


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_word_draft(tmp_path: Path) -> None:
    path = drafted(tmp_path, "draft.docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert "一、总体情况" in (tmp_path / "draft.txt").read_text(encoding="utf-8-sig")


def test_init_refuses_to_overwrite_and_unknown_formats(tmp_path: Path) -> None:
    path = drafted(tmp_path, "draft.txt")
    again = run("init", "--year", "2025", "--organ", "测试县人民政府", "-o", path)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("init", "--year", "2025", "--organ", "x", "-o", path, "--force").exit_code == 0
    other = run("init", "--year", "2025", "--organ", "x", "-o", tmp_path / "draft.pdf")
    assert other.exit_code == 2 and "不支持的格式" in other.stderr
    assert run("init", "--year", "2015", "--organ", "x", "-o", tmp_path / "a.txt").exit_code == 2
