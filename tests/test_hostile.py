"""Hostile inputs: each gives a scorecard or one clean exit-2 line, never a traceback."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import threading
from pathlib import Path

import msgspec
import pytest
from conftest import CORPUS, ROOT, SEEDS, XIANNING_2013, needs_corpus, run
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.batch import grade_all
from checker.clean import clean
from checker.ingest.text import split_lines
from checker.lint import Options
from checker.model import Source
from checker.rulebook import load_shipped

SEED = XIANNING_2013.read_text(encoding="utf-8")


def hostile_files(folder: Path) -> dict[str, Path]:
    rng = random.Random(20261122)
    files = {
        "empty": b"",
        "nul-bytes": b"\x00" * 4096,
        "random-bytes": rng.randbytes(64 * 1024),
        "one-5mb-line": SEED.replace("\n", "").encode("utf-8") * 650,
        "200k-short-lines": "\n".join(f"第{i}行。" for i in range(200_000)).encode("utf-8"),
        "utf16": SEED.encode("utf-16"),
        "gbk-with-bad-bytes": SEED.encode("gbk")[:3000]
        + b"\xff\xfe\x81"
        + SEED.encode("gbk")[3000:],
        "latin1-noise": bytes(range(0x80, 0x100)) * 300,
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.txt"
        paths[name].write_bytes(data)
    return paths


def test_each_hostile_file_is_graded_or_refused_cleanly(tmp_path: Path) -> None:
    outcomes = {}
    for name, path in hostile_files(tmp_path).items():
        result = run("lint", "--format", "json", str(path))
        assert "Traceback" not in result.output, name
        if result.exit_code == 2:
            assert result.stderr.startswith("xxgk: ") and result.stderr.count("\n") == 1, name
            outcomes[name] = "refused"
        else:
            card = json.loads(result.stdout)
            assert 0 <= card["score"]["total"] <= 100, name
            outcomes[name] = "graded"
    assert outcomes == {
        "empty": "refused",
        "nul-bytes": "refused",
        "random-bytes": "refused",
        "one-5mb-line": "graded",
        "200k-short-lines": "graded",
        "utf16": "graded",
        "gbk-with-bad-bytes": "graded",
        "latin1-noise": "refused",
    }


def test_utf16_reads_like_utf8(tmp_path: Path) -> None:
    path = hostile_files(tmp_path)["utf16"]
    assert (
        json.loads(run("lint", "--format", "json", str(path)).stdout)["score"]
        == json.loads(run("lint", "--format", "json", str(XIANNING_2013)).stdout)["score"]
    )


def _patterns() -> list[re.Pattern[str]]:
    """Every regex of the shipped rulebook, wherever it sits."""
    book = load_shipped("2008")
    found: list[re.Pattern[str]] = []
    for item in [*book.checks, *book.sections, *book.deadlines]:
        for value in msgspec.structs.asdict(item).values():
            values = value if isinstance(value, list) else [value]
            for entry in values:
                if isinstance(entry, re.Pattern):
                    found.append(entry)
                elif hasattr(entry, "any"):
                    found.extend(entry.any)
    assert len(found) > 20
    return found


ADVERSARIAL = [
    "一" * 20_000 + "!",
    "1" * 20_000 + "x",
    "申请" * 10_000,
    ("20xx" + "X" * 50) * 400,
    "【" * 20_000,
    ("其中1条、" * 4_000) + "。",
    "(" * 20_000,
    "因篇幅" * 5_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: t[:6])
def test_no_rulebook_regex_backtracks_catastrophically(text: str) -> None:
    for pattern in _patterns():
        pattern.search(text)  # a catastrophic pattern would hang the suite here


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_cleaning_keeps_positions_for_any_text(text: str) -> None:
    source = Source("x.txt", "text", "utf-8", split_lines(text))
    document = clean(source)
    numbers = {line.number: line.raw for line in source.lines}
    for line in document.lines:
        assert numbers[line.number] == line.raw
        assert len(line.text) == len(line.raw)


def damaged_batch(folder: Path, count: int) -> list[Path]:
    """``count`` damaged files made from the corpus' PDFs and the seeds, in turn: a PDF
    with bytes flipped, a truncated PDF, two PDFs spliced, a web page cut off in the middle
    and a text with random bytes written over it. Most PDFs are cut short, so the batch
    stays small on disk (the few whole ones are what PDFium has most to read)."""
    rng = random.Random(20261126)
    pdfs = [path.read_bytes() for path in sorted(CORPUS.glob("*.pdf"))]
    texts = [path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))]
    folder.mkdir()
    made = []
    for i in range(count):
        pdf, text = rng.choice(pdfs), rng.choice(texts)
        kind = i % 5
        if kind == 0:
            data = bytearray(pdf if i % 50 == 0 else pdf[: rng.randrange(1, 64 * 1024)])
            for _ in range(40):
                data[rng.randrange(len(data))] ^= 0xFF
        elif kind == 1:
            data = bytearray(pdf[: rng.randrange(0, 64 * 1024)])
        elif kind == 2:
            head, tail = rng.randrange(1, 32 * 1024), rng.randrange(1, 32 * 1024)
            data = bytearray(pdf[:head] + rng.choice(pdfs)[-tail:])
        elif kind == 3:
            cut = text[: rng.randrange(len(text))]
            data = bytearray(b"<html><body><div>" + cut + b"<table><tr><td>")
        else:
            data = bytearray(text)
            for _ in range(20):
                data[rng.randrange(len(data))] = rng.randrange(256)
        suffix = (".pdf", ".pdf", ".pdf", ".html", ".txt")[kind]
        made.append(folder / f"{i:04d}{suffix}")
        made[-1].write_bytes(bytes(data))
    return made


@needs_corpus
def test_a_batch_of_damaged_files_ends_cleanly(tmp_path: Path) -> None:
    """2,000 damaged files in two processes: a row for each, exit 2, and on stderr nothing
    but one line per file that could not be read (no traceback from the pool's shutdown)."""
    files = damaged_batch(tmp_path / "damaged", 2000)
    out = tmp_path / "out.jsonl"
    batch = ["lint", str(tmp_path / "damaged"), "--jobs", "2", "--format", "jsonl", "-o", str(out)]
    command = [sys.executable, "-c", "from checker.cli import run; run()", *batch]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    rows = [json.loads(line) for line in out.read_bytes().split(b"\n")[:-1]]  # not at U+2028
    assert [row["file"] for row in rows] == [str(path) for path in files]
    reasons = done.stderr.splitlines()
    assert reasons and all(re.fullmatch(r"xxgk: \S+\.(pdf|html|txt): .+", line) for line in reasons)
    assert len(reasons) == sum(1 for row in rows if "error" in row)


def test_a_batch_leaves_no_pool_thread_behind() -> None:
    """The workers have exited when the last result is out: a pool left winding down on a
    thread of its own races the interpreter's exit ("Bad file descriptor" at shutdown)."""
    files = [str(path) for path in sorted(SEEDS.glob("*.txt"))] * 4
    assert len(list(grade_all(files, Options(), jobs=2))) == len(files)
    assert threading.enumerate() == [threading.main_thread()]
