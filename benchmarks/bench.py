"""Benchmark xxgk: lint in process, growth with input size, batches, fresh-process start.

Run from the repository root with the project installed::

    python benchmarks/bench.py            # everything (a few minutes)
    python benchmarks/bench.py --quick    # smaller batches, fewer repeats
    python benchmarks/bench.py --targets  # issue 14's table of targets only

Prints markdown tables; copy them into docs/benchmarks.md with the date and the machine
(the header printed first). Batches and start-up run ``xxgk`` as a user would, in fresh
processes; their wall times include start-up.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from checker.ingest import SUPPORTED_SUFFIXES
from checker.lint import lint

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CORPUS = ROOT.parent / "shared" / "corpus"
TEXTS = [*SEEDS, CORPUS / "text" / "huaian-2024.txt"]
PDF = CORPUS / "huaian-2024.pdf"
SIZES = (10_000, 100_000, 1_000_000, 5_000_000)
XXGK = str(Path(sys.executable).with_name("xxgk"))
#: Run a command and print the peak resident memory of it and its descendants, in KB
#: (ru_maxrss of the children waited for: the xxgk process and its worker processes).
PEAK = (
    "import resource, subprocess, sys; "
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def median_seconds(task: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls after one warm-up call."""
    task()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> list[str]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if "model name" in line),
        platform.processor() or "?",
    )
    return [
        f"- date: {datetime.now().isoformat(timespec='minutes')}",
        f"- cpu: {cpu}; cores usable: {len(os.sched_getaffinity(0))}",
        f"- python {platform.python_version()} on {platform.platform()}",
        f"- load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def seeds_table(folder: Path, runs: int) -> list[str]:
    """Each source, linted in process after a warm-up, as a fresh copy every time."""
    rows = [f"| report | size | lint (ms, median of {runs}) |", "|---|---:|---:|"]
    for source in TEXTS:
        ms = in_process_ms(folder, source, runs)
        rows.append(f"| {source.name} | {source.stat().st_size / 1024:.1f} KB | {ms:.1f} |")
    return rows


def tagged(lines: list[str], tag: int) -> str:
    """The report with a tag of its own on every line (letters around a number, which no
    number reader takes for a figure): no two copies share a line, so no cache makes a
    copy look cheaper than a new report."""
    return "\n".join(f"{line} r{tag}q" if line.strip() else line for line in lines) + "\n"


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


def text_batch(folder: Path, count: int) -> Path:
    """``count`` distinct reports made from the seeds and the Huaian text (tagged)."""
    batch = folder / f"text-{count}"
    batch.mkdir()
    sources = [p.read_text(encoding="utf-8").splitlines() for p in TEXTS]
    for i in range(count):
        text = tagged(sources[i % len(sources)], i)
        (batch / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    return batch


def pdf_batch(folder: Path, count: int) -> Path:
    batch = folder / f"pdf-{count}"
    batch.mkdir()
    for i in range(count):
        shutil.copy(PDF, batch / f"{i:05d}.pdf")
    return batch


def batch_rows(label: str, batch: Path, count: int, out: Path) -> list[str]:
    rows = []
    for jobs in (1, 2):
        command = [XXGK, "lint", str(batch), "--jobs", str(jobs), "--format", "jsonl"]
        start = time.perf_counter()
        code, peak_kb = _peak([*command, "-o", str(out)])
        seconds = time.perf_counter() - start
        graded = sum(1 for _ in out.open(encoding="utf-8"))
        assert graded == count and code in (0, 1), (label, code, graded)
        rows.append(
            f"| {label} | {count} | {jobs} | {seconds:.2f} | {count / seconds:.0f} "
            f"| {peak_kb / 1024:.0f} |"
        )
    return rows


def _peak(command: list[str]) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *command], capture_output=True, text=True, check=True
    )
    code, peak = done.stdout.split()
    return int(code), int(peak)


def batches_table(folder: Path, count: int) -> list[str]:
    rows = [
        "| inputs | files | --jobs | wall (s) | reports/s | peak memory of a process (MB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    out = folder / "out.jsonl"
    rows += batch_rows("text", text_batch(folder, count), count, out)
    rows += batch_rows("text", text_batch(folder, count * 4), count * 4, out)
    if ".pdf" not in SUPPORTED_SUFFIXES:
        print("(PDF batch skipped: .pdf is not yet a supported input)\n", file=sys.stderr)
    elif not PDF.is_file():
        print(f"(PDF batch skipped: {PDF} not found)\n", file=sys.stderr)
    else:
        rows += batch_rows("PDF", pdf_batch(folder, count), count, out)
    if CORPUS.is_dir():  # the real reports: PDFs, crawler page text, extractions
        corpus = [p for p in CORPUS.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES]
        rows += batch_rows("corpus", CORPUS, len(corpus), out)
    return rows


#: Issue 14's table: (work, files, source, target reports/s) for the batches it names.
TARGET_BATCHES = (
    ("300 copies of huaian-2024.txt, `--jobs 2`, jsonl", 300, CORPUS / "text" / "huaian-2024.txt",
     1000),
    ("500 copies of a seed (2008 era), `--jobs 2`", 500, SEEDS[1], 1500),
    ("60 copies of huaian-2024.pdf, `--jobs 2`", 60, PDF, 150),
)  # fmt: skip
TARGET_STARTUP = 6.0  # × python -c pass, fresh `xxgk lint seeds/001… --format json`
TARGET_IN_PROCESS_MS = 1.5  # one 2019-format report, in process after warm-up


def targets_table(folder: Path, runs: int) -> list[str]:
    """Every row of issue 14's table: whole processes, medians of ``runs`` (the start-up
    paired run by run with ``python -c pass``), and one 2019 report in process."""
    _compile_package()
    rows = ["| work | measured | target | met |", "|---|---:|---:|---|"]
    for label, count, source, target in TARGET_BATCHES:
        if not source.is_file():
            rows.append(f"| {label} | ({source.name} not found) | ≥ {target:,}/s | — |")
            continue
        batch = copies(folder, source, count)
        command = [XXGK, "lint", str(batch), "--jobs", "2", "--format", "jsonl",
                   "-o", str(folder / "out.jsonl")]  # fmt: skip
        rate = count / statistics.median(_wall(command) for _ in range(runs))
        rows.append(f"| {label} | {rate:,.0f}/s | ≥ {target:,}/s | {_met(rate >= target)} |")
    ratio = paired_ratio([XXGK, "lint", str(SEEDS[1]), "--format", "json"],
                         [sys.executable, "-c", "pass"], runs * 4)  # fmt: skip
    rows.append(
        f"| fresh `xxgk lint seeds/001…txt --format json` against `python -c pass` "
        f"| {ratio:.1f}× | ≤ {TARGET_STARTUP:.0f}× | {_met(ratio <= TARGET_STARTUP)} |"
    )
    ms = in_process_ms(folder, CORPUS / "text" / "huaian-2024.txt", runs * 20)
    rows.append(
        f"| one 2019-format report (huaian-2024.txt) in process, after warm-up "
        f"| {ms:.1f} ms | ≤ {TARGET_IN_PROCESS_MS} ms | {_met(ms <= TARGET_IN_PROCESS_MS)} |"
    )
    small, large = (peak_mb(text_batch(folder, n)) for n in (500, 2000))
    rows.append(
        f"| peak memory of a process, 500 against 2,000 files (`--jobs 2`; flat: ≤ 1.5×) "
        f"| {small:.0f} / {large:.0f} MB | flat | {_met(large <= small * 1.5)} |"
    )
    return rows


def copies(folder: Path, source: Path, count: int) -> Path:
    """A folder of ``count`` copies of ``source``, byte for byte."""
    batch = folder / f"copies-{source.stem}-{count}"
    batch.mkdir(exist_ok=True)
    for i in range(count):
        shutil.copy(source, batch / f"{i:05d}{source.suffix}")
    return batch


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def paired_ratio(command: list[str], base: list[str], runs: int) -> float:
    """The median over ``runs`` pairs of the wall time of ``command`` over ``base``, run in
    turn (a pair shares the machine's state at its moment), after a warm-up of each."""
    _wall(command), _wall(base)
    return statistics.median(_wall(command) / _wall(base) for _ in range(runs))


def in_process_ms(folder: Path, source: Path, runs: int) -> float:
    """The median lint of ``runs`` fresh (tagged) copies of ``source``, after a warm-up."""
    lines = source.read_text(encoding="utf-8").splitlines()
    paths = []
    for i in range(runs + 1):
        paths.append(folder / f"{source.stem}-{i}.txt")
        paths[-1].write_text(tagged(lines, i), encoding="utf-8")
    lint(str(paths[0]))
    return statistics.median(_timed(lambda path=path: lint(str(path))) for path in paths[1:]) * 1000


def _timed(task: Callable[[], object]) -> float:
    start = time.perf_counter()
    task()
    return time.perf_counter() - start


def peak_mb(batch: Path) -> float:
    """The peak memory of the largest process of a two-job batch, in MB."""
    return _peak([XXGK, "lint", str(batch), "--jobs", "2", "--format", "jsonl",
                  "-o", str(batch.parent / "out.jsonl")])[1] / 1024  # fmt: skip


def _met(yes: bool) -> str:
    return "yes" if yes else "**no**"


def startup_table(runs: int) -> list[str]:
    """Fresh processes: the interpreter alone, then one report with the cache warm and cold."""
    _compile_package()
    one = str(SEEDS[1])
    commands = {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "xxgk lint one.txt": ([XXGK, "lint", one], None),
        "xxgk lint one.txt --format json": ([XXGK, "lint", one, "--format", "json"], None),
        "xxgk lint huaian-2024.txt (2019 rules, tables)": ([XXGK, "lint", str(TEXTS[-1])], None),
        "xxgk lint one.txt, empty cache": ([XXGK, "lint", one], "cold"),
    }
    rows = [f"| command | wall (ms, median of {runs}) | × interpreter |", "|---|---:|---:|"]
    bare = None
    for label, (command, cache) in commands.items():
        seconds = median_seconds(lambda command=command, cache=cache: _fresh(command, cache), runs)
        bare = bare or seconds
        rows.append(f"| `{label}` | {seconds * 1000:.0f} | {seconds / bare:.1f} |")
    return rows


def _fresh(command: list[str], cache: str | None) -> None:
    env = dict(os.environ)
    if cache == "cold":  # a new, empty cache folder for every run
        env["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="xxgk-bench-cache-")
    subprocess.run(command, capture_output=True, check=False, env=env)
    if cache == "cold":
        shutil.rmtree(env["XDG_CACHE_HOME"])


def _compile_package() -> None:
    """Write the bytecode an installed package has, whatever PYTHONDONTWRITEBYTECODE says."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    package = Path(lint.__code__.co_filename).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=True)


def _new(folder: str, name: str) -> Path:
    path = Path(folder) / name
    path.mkdir()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller batches, fewer repeats")
    parser.add_argument("--targets", action="store_true", help="issue 14's table only")
    arguments = parser.parse_args()
    quick = arguments.quick
    count, runs = (100, 5) if quick else (500, 20)
    print("\n".join(machine()) + "\n")
    with tempfile.TemporaryDirectory() as folder:
        tables = (
            ("Targets (issue 14)", lambda: targets_table(_new(folder, "targets"), 5)),
            ("Lint of each report, in process after warm-up",
             lambda: seeds_table(_new(folder, "seeds"), runs)),
            ("Growth with input size", lambda: scaling_table(_new(folder, "growth"))),
            ("Batches (`xxgk lint DIR --format jsonl -o FILE`)",
             lambda: batches_table(_new(folder, "batches"), count)),
            ("Fresh process", lambda: startup_table(runs)),
        )  # fmt: skip
        for title, rows in tables[:1] if arguments.targets else tables:
            print(f"### {title}\n")
            print("\n".join(rows()) + "\n", flush=True)
    print(f"- load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
