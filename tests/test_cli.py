"""The command line as users meet it: exit codes, JSON contract, languages, outline, rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SPEECHES, XIANNING_2013, XUANZHOU_2011, lint_json, run

SCHEMA = json.loads((ROOT / "docs" / "scorecard.schema.json").read_text(encoding="utf-8"))


def test_json_output_matches_the_schema_for_every_seed() -> None:
    cards = lint_json(ROOT / "seeds")
    assert len(cards) == 5
    for card in cards:
        jsonschema.validate(card, SCHEMA)


def test_same_file_same_json_twice() -> None:
    first = run("lint", "--format", "json", str(XUANZHOU_2011)).stdout
    assert first == run("lint", "--format", "json", str(XUANZHOU_2011)).stdout


def test_exit_codes_follow_the_gate() -> None:
    assert run("lint", str(XIANNING_2013)).exit_code == 0
    assert run("lint", str(XUANZHOU_2011)).exit_code == 1
    assert run("lint", str(XIANNING_2013), "--min-score", "101").exit_code == 1
    assert run("lint", str(XUANZHOU_2011), "--min-score", "0", "--fail-on", "none").exit_code == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (bytes(range(256)) * 50, "binary")],
)
def test_bad_inputs_exit_2_with_one_clear_line(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("lint", str(bad))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and reason in result.stderr
    assert "Traceback" not in result.output


def test_missing_path_and_empty_directory_exit_2(tmp_path: Path) -> None:
    result = run("lint", str(tmp_path / "nope.txt"))
    assert (result.exit_code, result.stderr.count("\n")) == (2, 1)
    assert "no such file" in result.stderr
    result = run("lint", str(tmp_path))
    assert result.exit_code == 2 and "no reports found" in result.stderr


def test_a_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_bytes(XIANNING_2013.read_bytes())
    result = run("lint", "--format", "json", str(tmp_path))
    assert result.exit_code == 2
    rows = json.loads(result.stdout)
    assert [row.get("error", {}).get("rule") for row in rows] == ["input-unreadable", None]
    assert rows[1]["score"]["band"] in ("优秀", "良好")  # rows follow the input order


def test_english_messages() -> None:
    card = lint_json(XUANZHOU_2011, "--lang", "en")
    assert card["score"]["band"] == "fail"
    messages = [f["message"] for f in card["findings"] if f["rule"] == "section-missing"]
    assert "Missing statutory part: Fees and waivers" in messages


def test_rich_scorecard_shows_band_categories_and_findings() -> None:
    result = run("lint", str(XUANZHOU_2011))
    assert "不合格" in result.stdout and "法定内容完整性" in result.stdout
    assert "缺少法定内容：政府信息公开的收费及减免情况" in result.stdout
    assert "封顶 59" in result.stdout


def test_outline_prints_the_tree() -> None:
    result = run("outline", str(XIANNING_2013))
    assert result.exit_code == 0
    assert "L9 一 概述" in result.stdout and "L57 落款 signature" in result.stdout


def test_rules_lists_rule_ids() -> None:
    result = run("rules")
    assert result.exit_code == 0
    for rule in ("not-a-report", "section-missing", "section-thin", "pre-regulation"):
        assert rule in result.stdout


def test_speeches_exit_1_with_not_a_report() -> None:
    result = run("lint", "--format", "json", str(SPEECHES))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"][0]["rule"] == "not-a-report"


def test_installed_wheel_works_outside_the_repository(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("xxgk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "checker/_data/rules/2008.yaml" in names
    assert "checker/_data/grammars/report.lark" in names
    assert "checker/render/templates/dashboard.html" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = "import sys; from checker.cli import main; sys.exit(main())"

    def installed(fmt: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code, "lint", "--format", fmt, str(XIANNING_2013)],
            cwd=elsewhere,
            env={"PYTHONPATH": str(site), "PATH": ""},
            capture_output=True,
            text=True,
        )

    done = installed("json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["profile"] == "2008"
    done = installed("html")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>") and "咸宁" in done.stdout


def test_the_command_holds_the_collector_off_only_while_it_starts(tmp_path: Path) -> None:
    script = (
        "import gc, sys; import checker.__main__; started = gc.isenabled(); "
        "from checker.cli import main; sys.argv = ['xxgk', *sys.argv[1:]]; "
        "import checker.batch; grade = checker.batch.grade; "
        "checker.batch.grade = lambda *a: print(started, gc.isenabled(), "
        "gc.get_freeze_count() > 0) or grade(*a); main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "lint", "--format", "json", str(XIANNING_2013)],
        cwd=ROOT, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.splitlines()[0] == "False True True"  # off at start, on for the report
