"""Shared helpers: the seeds, and running the CLI in process."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WUHAN_2005 = SEEDS / "000_3a9a940f8142d2e7.txt"
XIANNING_2013 = SEEDS / "001_79795839ff8f294f.txt"
XUANZHOU_2011 = SEEDS / "002_739f523f9711be90.txt"
TEMPLATE = SEEDS / "003_35213da09001d2db.txt"
SPEECHES = SEEDS / "004_afc74f49a4135613.txt"
DATA = ROOT / "tests" / "data"
# The real reports and the expert's labels, beside the project (never copied into it).
CORPUS = ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
# The Huai'an 2024 report (2021 form): its PDF text, and its tables as pipe and tab rows.
HUAIAN = CORPUS / "text" / "huaian-2024.txt"
HUAIAN_LAYOUTS = (
    HUAIAN,
    HUAIAN.with_name("huaian-2024-pipe.txt"),
    HUAIAN.with_name("huaian-2024-tsv.txt"),
)


def run(*args: str) -> Result:
    """Run ``xxgk`` in process and return click's result (exit code, stdout, stderr)."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def lint_json(path: Path | str, *args: str) -> Any:
    """The JSON scorecard(s) of ``xxgk lint --format json``."""
    result = run("lint", "--format", "json", str(path), *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def read_terminal(fd: int) -> str:
    """All a pseudo-terminal shows until the program on its other end exits."""
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end closed (Linux reports EIO)
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode("utf-8", errors="replace")


def lint_report(tmp_path: Path, *lines: str) -> dict[str, Any]:
    """The JSON scorecard of a report made of ``lines``, line 1 first."""
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    card: dict[str, Any] = lint_json(path)
    return card


def findings(card: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in card["findings"] if f["rule"] == rule]


def variant(tmp_path: Path, seed: Path, old: str, new: str, name: str = "report.txt") -> Path:
    """A copy of a seed with one piece of text replaced (the seed itself is never touched).

    Line endings are kept as they are (the PDF text mixes CRLF and LF), so line numbers
    and columns stay those of the seed."""
    with seed.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    assert old in text, f"{old!r} not in {seed.name}"
    target = tmp_path / name
    with target.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text.replace(old, new, 1))
    return target


@pytest.fixture
def seed_text() -> dict[str, str]:
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")}
