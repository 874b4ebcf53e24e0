"""Benchmark xxgk: in-process lint per seed, growth with input size, fresh-process start.

Run from the repository root with the project installed::

    python benchmarks/bench.py

Prints markdown tables; copy them into docs/benchmarks.md with the date and the machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from checker.lint import lint

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SIZES = (10_000, 100_000, 1_000_000, 5_000_000)


def median_seconds(task: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls after one warm-up call."""
    task()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def seeds_table() -> list[str]:
    rows = ["| seed | size | lint (ms, median of 20) |", "|---|---:|---:|"]
    for seed in SEEDS:
        ms = median_seconds(lambda seed=seed: lint(str(seed)), 20) * 1000
        rows.append(f"| {seed.name} | {seed.stat().st_size / 1024:.1f} KB | {ms:.1f} |")
    return rows


def scaling_table(folder: Path) -> list[str]:
    """A report grown to each size by repeating its body parts (same density of findings)."""
    text = (ROOT / "seeds" / "001_79795839ff8f294f.txt").read_text(encoding="utf-8")
    head, body = text[:400], text[400:]
    rows = ["| input | lint (s, median of 3) | µs per KB |", "|---:|---:|---:|"]
    for size in SIZES:
        path = folder / f"report-{size}.txt"
        copies = max(1, size // len(body.encode("utf-8")))
        path.write_text(head + body * copies, encoding="utf-8")
        seconds = median_seconds(lambda path=path: lint(str(path)), 3)
        kb = path.stat().st_size / 1024
        rows.append(f"| {kb:,.0f} KB | {seconds:.3f} | {seconds * 1e6 / kb:.0f} |")
    return rows


def startup_table() -> list[str]:
    xxgk = Path(sys.executable).with_name("xxgk")
    commands = {
        "python3 -c pass": [sys.executable, "-c", "pass"],
        "xxgk lint seeds/001…txt": [str(xxgk), "lint", str(SEEDS[1])],
    }
    rows = ["| command | wall (ms, median of 10) |", "|---|---:|"]
    for label, command in commands.items():
        seconds = median_seconds(
            lambda command=command: subprocess.run(command, capture_output=True, check=False), 10
        )
        rows.append(f"| `{label}` | {seconds * 1000:.0f} |")
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for title, rows in (
            ("Lint of each seed, in process after warm-up", seeds_table()),
            ("Growth with input size", scaling_table(Path(folder))),
            ("Fresh process", startup_table()),
        ):
            print(f"### {title}\n")
            print("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
