"""Batches: paths, directories and globs; processes; error rows; atomic output; progress."""

from __future__ import annotations

import json
import multiprocessing
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, SEEDS, XIANNING_2013, read_terminal, run

import checker.batch
from checker.batch import Result, expand, grade_all
from checker.ingest import SUPPORTED_SUFFIXES
from checker.lint import Options

HUAIAN = CORPUS / "text" / "huaian-2024.txt"
CORRUPT = b"%PDF-1.4\n" + bytes(range(256)) * 50


def make_batch(folder: Path) -> list[Path]:
    """Seeds and the Huaian text, one of them nested, plus an empty and a corrupt file.

    Returns the files in the order a batch grades them (sorted paths)."""
    (folder / "nested").mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    shutil.copy(HUAIAN, folder / "nested" / "huaian.txt")
    (folder / "empty.txt").write_bytes(b"")
    corrupt = "corrupt.pdf" if ".pdf" in SUPPORTED_SUFFIXES else "corrupt.txt"
    (folder / corrupt).write_bytes(CORRUPT)
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_batch_grades_the_rest_and_is_the_same_with_two_jobs(tmp_path: Path, fmt: str) -> None:
    files = make_batch(tmp_path / "reports")
    one = run("lint", "--format", fmt, "--jobs", "1", tmp_path / "reports")
    two = run("lint", "--format", fmt, "--jobs", "2", tmp_path / "reports")
    assert (one.exit_code, two.exit_code) == (2, 2)
    assert one.stdout == two.stdout
    rows = json.loads(one.stdout) if fmt == "json" else [json.loads(line) for line in
                                                         one.stdout.splitlines()]
    assert [row["file"] for row in rows] == [str(f) for f in files]  # input order
    unreadable = [Path(row["file"]).name for row in rows if "error" in row]
    assert unreadable == [f.name for f in files if f.name.startswith(("corrupt", "empty"))]
    assert all(row["error"]["rule"] == "input-unreadable" for row in rows if "error" in row)
    scored = [row for row in rows if "score" in row]
    assert len(scored) == len(files) - 2 == 6
    assert one.stderr.count("xxgk: ") == 2


def test_a_directory_of_500_reports_with_a_corrupt_pdf_and_an_empty_file(tmp_path: Path) -> None:
    """The acceptance batch: every other report scored, two unreadable rows, exit 2, the
    same output for one and two jobs."""
    folder = tmp_path / "reports"
    reports = [*sorted(SEEDS.glob("*.txt")), HUAIAN]
    folder.mkdir()
    for i in range(498):
        shutil.copy(reports[i % len(reports)], folder / f"{i:03d}.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "corrupt.pdf").write_bytes(CORRUPT)
    one = run("lint", "--format", "jsonl", "--jobs", "1", folder)
    two = run("lint", "--format", "jsonl", "--jobs", "2", folder)
    assert (one.exit_code, two.exit_code) == (2, 2)
    assert one.stdout == two.stdout
    rows = [json.loads(line) for line in one.stdout.splitlines()]
    assert len(rows) == 500 and sum("score" in row for row in rows) == 498
    unreadable = [(Path(row["file"]).name, row["error"]["rule"]) for row in rows if "error" in row]
    assert unreadable == [("corrupt.pdf", "input-unreadable"), ("empty.txt", "input-unreadable")]
    totals = {Path(row["file"]).name: row["score"]["total"] for row in rows if "score" in row}
    assert totals["001.txt"] == 100 and totals["005.txt"] == 95  # Xianning; Huai'an


def test_glob_patterns_are_expanded_when_the_shell_did_not(tmp_path: Path) -> None:
    make_batch(tmp_path / "reports")
    pattern = str(tmp_path / "reports" / "**" / "0*.txt")
    result = run("lint", "--format", "jsonl", pattern, str(tmp_path / "reports" / "nested"))
    names = [Path(json.loads(line)["file"]).name for line in result.stdout.splitlines()]
    assert names == [seed.name for seed in sorted(SEEDS.glob("*.txt"))] + ["huaian.txt"]
    assert result.exit_code == 1  # graded, some below the gate; nothing unreadable


def test_a_pattern_that_matches_nothing_is_a_usage_error(tmp_path: Path) -> None:
    result = run("lint", str(tmp_path / "*.txt"))
    assert result.exit_code == 2
    assert "no reports found in pattern" in result.stderr


def test_expand_skips_hidden_and_unsupported_files_and_repeats(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.TXT").write_text("x", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"x")
    folder = str(tmp_path)
    expected = [str(tmp_path / "a.TXT"), str(tmp_path / "b.txt")]
    assert expand([folder]) == expected
    assert expand([folder, str(tmp_path / "b.txt"), f"{folder}/*"]) == expected
    named = str(tmp_path / "picture.png")  # a file named outright is always taken
    assert expand([named]) == [named]


def test_a_bug_becomes_an_error_row_naming_the_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_lint = checker.batch.lint

    def buggy(path: str, options: Options) -> object:
        if path.endswith("bug.txt"):
            raise ZeroDivisionError("division by zero")
        return real_lint(path, options)

    monkeypatch.setattr(checker.batch, "lint", buggy)
    shutil.copy(XIANNING_2013, tmp_path / "bug.txt")
    shutil.copy(XIANNING_2013, tmp_path / "good.txt")
    result = run("lint", "--format", "jsonl", "--jobs", "1", tmp_path)
    bug, good = (json.loads(line) for line in result.stdout.splitlines())
    assert result.exit_code == 2 and good["score"]["total"] == 100
    message = bug["error"]["message"]
    assert "internal error" in message and "ZeroDivisionError: division by zero" in message
    assert "test_batch.py" in message  # where it was raised, for the bug report
    assert "Traceback" not in result.output


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="workers must inherit the patched lint"
)
def test_a_worker_that_dies_costs_only_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_lint = checker.batch.lint

    def fatal(path: str, options: Options) -> object:
        if path.endswith("crash.txt"):
            os._exit(9)  # as a segfault in a native library would end the worker
        if path.endswith("bug.txt"):
            raise KeyError("oops")
        return real_lint(path, options)

    monkeypatch.setattr(checker.batch, "lint", fatal)
    names = ["a.txt", "bug.txt", "crash.txt", "d.txt", "e.txt", "f.txt"]
    for name in names:
        shutil.copy(XIANNING_2013, tmp_path / name)
    results = list(grade_all([str(tmp_path / n) for n in names], Options(), jobs=2))
    assert [Path(r.path).name for r in results] == names
    errors = {Path(r.path).name: r.error for r in results if r.error}
    assert set(errors) == {"bug.txt", "crash.txt"}
    assert "KeyError" in str(errors["bug.txt"]) and "died" in str(errors["crash.txt"])
    assert all(r.card and r.card.total == 100 for r in results if not r.error)


def test_grade_all_keeps_input_order(tmp_path: Path) -> None:
    files = [str(f) for f in make_batch(tmp_path)]
    results = list(grade_all(files, Options(), jobs=2))
    assert all(isinstance(r, Result) for r in results)
    assert [r.path for r in results] == files


@pytest.mark.parametrize("count", [1, 5, 60, 300])
def test_tasks_cover_the_batch_in_order_and_shrink_to_single_files(count: int) -> None:
    files = [(f"{i}.txt", None) for i in range(count)]
    tasks = list(checker.batch._tasks(files, workers=2))
    assert [task for chunk in tasks for task in chunk] == files
    sizes = [len(chunk) for chunk in tasks]
    assert max(sizes) <= checker.batch.PER_TASK and sizes == sorted(sizes, reverse=True)
    assert sizes[-2 * checker.batch.AHEAD :] == [1] * min(count, 2 * checker.batch.AHEAD)


def test_output_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "scores.jsonl"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    result = run("lint", "--format", "jsonl", "-o", target, SEEDS)
    assert result.exit_code == 1 and result.stdout == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and all(json.loads(line)["schema_version"] for line in lines)
    assert target.stat().st_mode & 0o777 == 0o640  # the file's permissions are kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.jsonl"]


def test_output_file_is_untouched_when_the_run_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.render import jsonlines

    def fails_midway(rows: object, out: object) -> None:
        out.write("partial\n")  # type: ignore[attr-defined]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jsonlines, "write", fails_midway)
    target = tmp_path / "scores.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        run("lint", "--format", "jsonl", "-o", target, SEEDS)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.jsonl"]


def test_unwritable_output_is_one_clear_line(tmp_path: Path) -> None:
    result = run("lint", "-o", tmp_path / "no" / "such" / "dir.json", XIANNING_2013)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "cannot write" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    make_batch(tmp_path / "reports")
    command = [sys.executable, "-c", "from checker.cli import run; run()", "lint",
               "--format", "jsonl", str(tmp_path / "reports")]  # fmt: skip
    terminal, stderr = pty.openpty()
    with (tmp_path / "out.jsonl").open("w") as stdout:
        done = subprocess.Popen(command, cwd=ROOT, stdout=stdout, stderr=stderr)
    os.close(stderr)
    shown = read_terminal(terminal)  # until the command exits and the terminal closes
    assert done.wait() == 2
    assert "8/8" in shown and "━" in shown and "xxgk: " in shown
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8  # standard output is not disturbed by the bar
    piped = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert "━" not in piped.stderr and piped.stderr.count("\n") == 2
