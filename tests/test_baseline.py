"""Baselines: record today's findings, then fail only on new ones; matched by file, rule and
fingerprint (not line), with the known ones counted and the gone ones reported as fixed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CORPUS, ROOT, XUANZHOU_2011, needs_corpus, run

SCHEMA = json.loads((ROOT / "docs" / "scorecard.schema.json").read_text(encoding="utf-8"))
PERIOD = "本报告中所列数据的统计期限自2023年1月1日起"  # pingtan-2023.txt, line 1


def cards(*args: str | Path) -> tuple[int, list[dict[str, Any]]]:
    result = run("lint", "--format", "json", *map(str, args))
    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.stdout)
    return result.exit_code, found if isinstance(found, list) else [found]


@needs_corpus
def test_the_corpus_against_its_own_baseline_passes_with_everything_suppressed(
    tmp_path: Path,
) -> None:
    baseline = tmp_path / "xxgk-baseline.json"
    written = run("lint", CORPUS, "--write-baseline", baseline, "--format", "jsonl")
    assert written.exit_code == 0
    total = sum(len(json.loads(line)["findings"]) for line in written.stdout.splitlines())
    assert f"recorded {total} findings of 25 reports" in written.stderr
    code, graded = cards(CORPUS, "--baseline", baseline)
    assert code == 0
    assert all(card["findings"] == [] for card in graded)
    assert sum(len(card["baseline"]["suppressed"]) for card in graded) == total
    assert all(card["baseline"]["fixed"] == [] for card in graded)
    for card in graded:
        jsonschema.validate(card, SCHEMA)


@needs_corpus
def test_one_planted_error_in_a_copy_is_the_only_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "reports"
    shutil.copytree(CORPUS, copy)
    monkeypatch.chdir(tmp_path)  # the baseline's paths are relative to its own folder
    assert run("lint", "reports", "--write-baseline", "reports/baseline.json").exit_code == 0
    report = copy / "pingtan-2023.txt"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace(PERIOD, PERIOD.replace("2023年", "20XX年")), "utf-8")
    monkeypatch.chdir(copy)  # run from elsewhere: the same baseline still applies
    code, graded = cards(".", "--baseline", "baseline.json")
    assert code == 1
    new = [
        (card["file"], f["rule"], f["line"], f["level"])
        for card in graded
        for f in card["findings"]
    ]
    assert new == [("pingtan-2023.txt", "placeholder", 1, "error")]


def test_a_finding_moved_by_edits_above_stays_known(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    shutil.copyfile(XUANZHOU_2011, report)
    baseline = tmp_path / "baseline.json"
    run("lint", report, "--write-baseline", baseline)
    before = cards(report, "--isolated")[1][0]["findings"]
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    report.write_text(lines[0] + "\n\n" + "".join(lines[1:]), encoding="utf-8")
    code, (card,) = cards(report, "--baseline", baseline)
    assert card["findings"] == []
    moved = [f["line"] for f in card["baseline"]["suppressed"] if f["line"]]
    assert moved and moved == [f["line"] + 2 for f in before if f["line"]]
    assert code == 0


def test_a_finding_gone_is_reported_as_fixed(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    shutil.copyfile(XUANZHOU_2011, report)
    baseline = tmp_path / "baseline.json"
    run("lint", report, "--write-baseline", baseline)
    text = report.read_text(encoding="utf-8")
    lines = text.splitlines()
    report.write_text(
        "\n".join(
            [lines[0], "本报告中所列数据的统计期限自2011年1月1日起至2011年12月31日止。", *lines[1:]]
        )
        + "\n",
        encoding="utf-8",
    )
    code, (card,) = cards(report, "--baseline", baseline)
    assert [entry["rule"] for entry in card["baseline"]["fixed"]] == ["period-missing"]
    plain = run("lint", report, "--baseline", baseline).stdout
    assert "已按基线略去 5 项已知问题，1 项已修复" in plain
    assert code == 0


def test_suppressed_findings_are_listed_with_verbose(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run("lint", XUANZHOU_2011, "--write-baseline", baseline)
    quiet = run("lint", XUANZHOU_2011, "--baseline", baseline).stdout
    loud = run("lint", XUANZHOU_2011, "--baseline", baseline, "-v").stdout
    assert "[section-missing]" not in quiet and "已按基线略去 6 项已知问题，0 项已修复" in quiet
    assert "基线中的已知问题（已略去）" in loud and loud.count("[section-missing]") == 4


def test_a_report_not_in_the_baseline_is_graded_in_full(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"version": 1, "reports": {}}', encoding="utf-8")
    code, (card,) = cards(XUANZHOU_2011, "--baseline", baseline)
    assert code == 1 and len(card["findings"]) == 6
    assert card["baseline"]["score"] is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "无法读取基线文件"),
        ("[1, 2]", "不是 xxgk 基线文件"),
        ('{"version": 9, "reports": {}}', "版本 9 不受支持"),
    ],
)
def test_a_bad_baseline_is_exit_2(tmp_path: Path, content: str | None, reason: str) -> None:
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    result = run("lint", XUANZHOU_2011, "--baseline", baseline)
    assert result.exit_code == 2 and reason in result.stderr
    assert result.stderr.count("\n") == 1
