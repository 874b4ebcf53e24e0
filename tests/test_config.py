"""Configuration files: found beside the report or above it, the command line winning over
them, exit 2 with the file and line for anything wrong, and recorded in the scorecard."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import (
    CORPUS,
    HUAIAN,
    ROOT,
    XIANNING_2013,
    XUANZHOU_2011,
    findings,
    needs_corpus,
    run,
)

SCHEMA = json.loads((ROOT / "docs" / "scorecard.schema.json").read_text(encoding="utf-8"))
PINGTAN_2020 = CORPUS / "pingtan-2020.txt"  # 86 points, two errors, section-thin
PINGTAN_2021 = CORPUS / "pingtan-2021.txt"  # no organ in its title; published 2022-02-08


def placed(tmp_path: Path, report: Path, folder: str = "a/b/c") -> Path:
    """A copy of ``report`` in ``folder`` under ``tmp_path`` (the corpus is never touched)."""
    target = tmp_path / folder / report.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(report, target)
    return target


def card_of(*args: str | Path) -> tuple[int, Any]:
    result = run("lint", "--format", "json", *map(str, args))
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def rules_of(card: dict[str, Any]) -> list[str]:
    return [f["rule"] for f in card["findings"]]


@needs_corpus
def test_tool_xxgk_two_folders_above_changes_the_gate_and_drops_the_rule(tmp_path: Path) -> None:
    report = placed(tmp_path, HUAIAN)
    (tmp_path / "a" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.xxgk]\nmin-score = 90\nignore = ["section-thin"]\n',
        encoding="utf-8",
    )
    code, card = card_of(report)
    assert code == 0  # 98 ≥ 90
    assert "section-thin" not in rules_of(card)
    assert card["config"] == {
        "file": (tmp_path / "a" / "pyproject.toml").as_posix(),
        "ignore": ["section-thin"],
        "min_score": 90.0,
    }
    jsonschema.validate(card, SCHEMA)
    plain = card_of(report, "--isolated")[1]
    assert "config" not in plain
    assert rules_of(plain) == ["publication-date-missing", "section-thin"]
    assert card["score"]["total"] > plain["score"]["total"]


@needs_corpus
def test_the_configured_min_score_gates_unless_the_command_line_says_otherwise(
    tmp_path: Path,
) -> None:
    report = placed(tmp_path, PINGTAN_2020)
    (tmp_path / "a" / "xxgk.toml").write_text('min-score = 90\nfail-on = "error"\n', "utf-8")
    assert run("lint", report, "--fail-on", "none").exit_code == 1  # 86 < 90 from the file
    assert run("lint", report, "--fail-on", "none", "--min-score", "80").exit_code == 0
    assert run("lint", report, "--fail-on", "none", "--isolated").exit_code == 0  # 86 ≥ 60


@needs_corpus
def test_organ_kind_applies_when_the_title_does_not_tell(tmp_path: Path) -> None:
    report = placed(tmp_path, PINGTAN_2021, ".")
    assert not findings(card_of(report)[1], "published-late")
    (tmp_path / "xxgk.toml").write_text('organ-kind = "department"\n', encoding="utf-8")
    late = findings(card_of(report)[1], "published-late")
    assert [(f["line"], f["level"]) for f in late] == [(1, "error")]
    assert "2022年1月31日" in late[0]["message"]


def test_the_nearest_file_wins_and_a_pyproject_without_the_table_is_passed_over(
    tmp_path: Path,
) -> None:
    report = placed(tmp_path, XIANNING_2013, "top/mid")
    (tmp_path / "top" / "xxgk.toml").write_text('ignore = ["period-missing"]\n', "utf-8")
    (tmp_path / "top" / "mid" / "pyproject.toml").write_text("[tool.ruff]\n", "utf-8")
    assert card_of(report)[1]["config"]["file"].endswith("top/xxgk.toml")
    (tmp_path / "top" / "mid" / ".xxgk.toml").write_text("min-score = 10\n", "utf-8")
    assert card_of(report)[1]["config"]["file"].endswith("mid/.xxgk.toml")
    (tmp_path / "top" / "mid" / "xxgk.toml").write_text("min-score = 20\n", "utf-8")
    assert card_of(report)[1]["config"]["min_score"] == 20


def test_per_file_ignores_match_globs_relative_to_the_file(tmp_path: Path) -> None:
    report = placed(tmp_path, XUANZHOU_2011, "old")
    before = rules_of(card_of(report, "--isolated")[1])
    assert "period-missing" in before
    (tmp_path / "xxgk.toml").write_text(
        '[per-file-ignores]\n"old/*.txt" = ["period-missing"]\n"new/*" = ["section-missing"]\n',
        encoding="utf-8",
    )
    card = card_of(report)[1]
    assert rules_of(card) == [rule for rule in before if rule != "period-missing"]
    assert card["config"]["ignore"] == ["period-missing"]


def test_an_explicit_config_applies_to_every_report(tmp_path: Path) -> None:
    config = tmp_path / "office.toml"
    config.write_text('ignore = ["period-missing"]\n', encoding="utf-8")
    card = card_of(XUANZHOU_2011, "--config", config)[1]
    assert "period-missing" not in rules_of(card)
    assert card["config"]["file"] == config.as_posix()


def test_output_settings_come_from_the_current_folders_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("xxgk.toml").write_text('format = "json"\nlang = "en"\n', encoding="utf-8")
    shutil.copyfile(XIANNING_2013, "report.txt")
    card = json.loads(run("lint", "report.txt").stdout)
    assert card["config"] == {"file": "xxgk.toml"}
    assert card["profile_reason"].startswith("reporting year")
    assert run("lint", "report.txt", "--format", "csv").stdout.startswith("file,")


def test_no_configuration_found_leaves_the_json_as_it_was(tmp_path: Path) -> None:
    report = placed(tmp_path, XIANNING_2013, ".")
    card = card_of(report)[1]
    assert "config" not in card and "baseline" not in card
    assert card_of(report, "--isolated")[1] == card


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('lang = "zh"\ncolour = "red"\n', 2, "未知配置项 colour (unknown key"),
        ('\n\nmin-score = "high"\n', 3, "min-score"),
        ("min-score = 120\n", 1, "min-score"),
        ("jobs = 0\n", 1, "jobs"),
        ('organ-kind = "ministry"\n', 1, "organ-kind"),
        ('fail-on = "never"\n', 1, "fail-on = 'never' 不是可选值之一"),
        ('profile = "2030"\n', 1, "profile"),
        ('ignore = [\n  "section-thin",\n  "no-such-rule",\n]\n', 3, "'no-such-rule'"),
        ('[per-file-ignores]\n"*.txt" = ["nope"]\n', 2, "'nope'"),
        ('lang = "zh"\nmin-score = = 2\n', 2, "not valid TOML"),
    ],
)
def test_a_bad_setting_is_exit_2_with_the_file_and_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    report = placed(tmp_path, XIANNING_2013, ".")
    (tmp_path / "xxgk.toml").write_text(text, encoding="utf-8")
    result = run("lint", report)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"xxgk: {(tmp_path / 'xxgk.toml').as_posix()}:{line}: ")
    assert words in result.stderr and result.stderr.count("\n") == 1
    assert run("lint", report, "--isolated").exit_code in (0, 1)


def test_a_bad_key_in_pyproject_is_told_at_its_line(tmp_path: Path) -> None:
    report = placed(tmp_path, XIANNING_2013, ".")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ruff.lint]\nignore = ["E501"]\n\n[tool.xxgk]\nignore = ["E501"]\n', "utf-8"
    )
    result = run("lint", report)
    assert result.exit_code == 2
    assert "pyproject.toml:5: 未知的规则 'E501'" in result.stderr


def test_a_missing_named_config_is_exit_2(tmp_path: Path) -> None:
    result = run("lint", XIANNING_2013, "--config", tmp_path / "none.toml")
    assert result.exit_code == 2 and "none.toml: 无法读取配置文件" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_looks_in_each_folder_once_and_grades_each_file_by_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    import checker.config

    reports = [placed(tmp_path, XUANZHOU_2011, f"{organ}/{year}") for organ in "ab"
               for year in ("2013", "2014")]  # fmt: skip
    (tmp_path / "a" / "xxgk.toml").write_text('ignore = ["period-missing"]\n', "utf-8")
    (tmp_path / "b" / "xxgk.toml").write_text("min-score = 10\n", "utf-8")
    looked: list[Path] = []
    look_for = checker.config._look_for
    monkeypatch.setattr(checker.config, "_look_for", lambda f: looked.append(f) or look_for(f))
    monkeypatch.chdir(tmp_path)
    named = [str(report.relative_to(tmp_path)) for report in reports]
    result = run("lint", "--format", "jsonl", "--jobs", jobs, *named)
    cards = [json.loads(line) for line in result.stdout.splitlines()]
    assert [card["config"]["file"] for card in cards] == ["a/xxgk.toml"] * 2 + ["b/xxgk.toml"] * 2
    assert ["period-missing" in rules_of(card) for card in cards] == [False, False, True, True]
    assert sorted(map(str, looked)) == [".", "a/2013", "a/2014", "b/2013", "b/2014"]
    assert checker.config._found is None  # nothing kept for the next command
