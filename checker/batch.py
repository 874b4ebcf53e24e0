"""Grade many reports: name them (files, directories, globs), then map over processes.

A batch is a map of ``lint`` over files. Each worker process compiles the grammar and
loads the rulebooks once (they are cached per process); results come back in input order
whatever the number of processes, and a file that fails becomes an error result instead
of stopping the batch.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NoReturn

from msgspec import Struct

from checker.errors import InputError, XxgkError
from checker.ingest import SUPPORTED_SUFFIXES
from checker.lint import Options, lint
from checker.model import Scorecard

if TYPE_CHECKING:  # multiprocessing is imported only when a batch needs processes
    from concurrent.futures import Future, ProcessPoolExecutor

#: Tasks queued per worker: enough to keep every worker busy, few enough that the
#: results waiting for an earlier, slower file stay few (memory flat in the batch size).
AHEAD = 4
#: Files in one task (at most). Each task is a round trip through the parent, which shares
#: the cores with the workers: sending a few files at a time spares it ~0.3 ms per file.
PER_TASK = 8
_GLOB_MAGIC = frozenset("*?[")


class Result(Struct, frozen=True):
    """One file's outcome: its scorecard, or why it could not be graded."""

    path: str
    card: Scorecard | None = None
    error: str | None = None


def expand(paths: Iterable[str]) -> list[str]:
    """The report files named by files, directories and glob patterns, in the order given.

    A directory is searched recursively for supported extensions, skipping hidden entries
    (``.git``, ``.venv``); a pattern is expanded here, so ``"pages/**/*.pdf"`` works when the
    shell did not expand it. A named file is always taken; a file repeated is graded once.
    """
    files: list[str] = []
    for path in paths:
        if path == "-" or os.path.isfile(path):
            files.append(path)
        elif os.path.isdir(path or "."):  # as pathlib reads it, "" is the current folder
            files += _reports_in(path) or _none_found(path, "目录中没有可检查的报告", "directory")
        elif _GLOB_MAGIC & set(path):
            files += _matching(path) or _none_found(path, "没有匹配的报告", "pattern")
        else:
            files.append(path)  # missing: reported as unreadable when graded
    unique: dict[str, str] = {}
    for file in files:
        unique.setdefault(os.path.normpath(file), file)
    return list(unique.values())


def _reports_in(folder: str) -> list[str]:
    from pathlib import Path  # here: its paths are written as pathlib writes them (no "./")

    found = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [str(Path(parent, n)) for n in names if _is_report_name(n)]
    return sorted(found)


def _matching(pattern: str) -> list[str]:
    import glob  # here, like pathlib: only a pattern needs them
    from pathlib import Path

    files = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        if os.path.isdir(match):
            files += _reports_in(match)
        elif _is_report_name(match):
            files.append(str(Path(match)))
    return files


def _is_report_name(name: str) -> bool:
    name = os.path.basename(name)
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES


def _none_found(path: str, zh: str, what: str) -> NoReturn:
    raise InputError(f"{path}: {zh} (no reports found in {what})")


def default_jobs() -> int:
    """The cores this process may run on (a container's CPU set, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


#: A file to grade, with the same organ's report of the year before when it is paired.
Task = tuple[str, str | None]


def grade(path: str, options: Options, previous: str | None = None) -> Result:
    """Grade one file (against ``previous``, the report of the year before, when given).
    Never raises: an unreadable file or a bug becomes an error result."""
    try:
        card = lint(path, options) if previous is None else lint(path, options, previous)
        return Result(path, card=card)
    except XxgkError as err:
        return Result(path, error=str(err))
    except Exception as err:  # a bug must not stop the batch, but must be named to be fixed
        return Result(path, error=_internal_error(path, err))


def _internal_error(path: str, err: Exception) -> str:
    import traceback

    frames = traceback.extract_tb(err.__traceback__)
    where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    return (
        f"{path}: 内部错误，请报告此问题 "
        f"(internal error, please report it: {type(err).__name__}: {err}{where})"
    )


def grade_all(
    files: Sequence[str], options: Options, jobs: int, history: bool = False
) -> Iterator[Result]:
    """Each file's result in input order, graded by up to ``jobs`` processes; with
    ``history``, each against the same organ's report of the year before when that is
    among ``files`` too (see ``pair_years``).

    The results are the same for any ``jobs``: every file is graded by the same pure
    function, and only the order of completion differs, which is undone here.
    """
    workers = min(jobs, len(files))
    alone = workers <= 1 or "-" in files  # standard input can be read by this process only
    previous = pair_years(files, 1 if alone else workers) if history else {}
    tasks = [(path, previous.get(path)) for path in files]
    if alone:
        return (grade(path, options, last) for path, last in tasks)
    return _in_processes(tasks, options, workers)


def pair_years(files: Sequence[str], workers: int = 1) -> dict[str, str]:
    """Each file's previous-year report among ``files``: the one of the same organ (see
    ``facts.history``) whose reporting year is one less. A file whose organ or year cannot
    be read, or whose previous year is there twice, is paired with none."""
    from checker.facts.history import same_organ

    by_year: dict[int, list[tuple[str, str]]] = {}
    for path, (organ, year) in zip(files, _identities(files, workers), strict=True):
        if organ and year:
            by_year.setdefault(year, []).append((path, organ))
    pairs: dict[str, str] = {}
    for year, reports in by_year.items():
        for path, organ in reports:
            before = [p for p, o in by_year.get(year - 1, ()) if same_organ(o, organ)]
            if len(before) == 1:
                pairs[path] = before[0]
    return pairs


def _identities(files: Sequence[str], workers: int) -> list[tuple[str | None, int | None]]:
    """The organ (``organ_key``) and reporting year of each file, read by ``workers``
    processes; a file that cannot be read has neither."""
    if workers <= 1:
        return [identity(path) for path in files]
    from concurrent.futures.process import BrokenProcessPool

    with _pool(workers) as pool:
        try:
            chunk = max(1, len(files) // (workers * AHEAD))
            return list(pool.map(identity, files, chunksize=chunk))
        except BrokenProcessPool:  # a worker died: the grading will say which file killed it
            return [(None, None)] * len(files)


def identity(path: str) -> tuple[str | None, int | None]:
    """A report's organ (``organ_key``) and reporting year; neither when it cannot be read."""
    from checker.facts.history import organ_key
    from checker.facts.report import extract
    from checker.lint import read_report

    try:
        facts = extract(read_report(path))
    except Exception:  # grading the file says what is wrong with it
        return None, None
    return organ_key(facts), facts.reporting_year


def _in_processes(files: Sequence[Task], options: Options, workers: int) -> Iterator[Result]:
    from concurrent.futures.process import BrokenProcessPool

    todo = _tasks(files, workers)
    pool = _pool(workers)
    pending: deque[tuple[Sequence[Task], Future[list[Result]]]] = deque()
    try:
        while True:
            while len(pending) < workers * AHEAD and (paths := next(todo, None)) is not None:
                pending.append((paths, pool.submit(_grade_each, paths, options)))
            if not pending:
                # Every file is graded: wait for the workers to exit. A pool left to wind
                # down on its own thread races the interpreter's exit, which then prints
                # "Exception ignored in threading._shutdown … Bad file descriptor".
                pool.shutdown(wait=True)
                return
            paths, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:  # a worker died (a signal, out of memory)
                pool.shutdown(cancel_futures=True)
                results = [_alone(path, options) for path in paths]
                pool = _pool(workers)
                pending = deque((p, pool.submit(_grade_each, p, options)) for p, _ in pending)
            except Exception:  # a result could not be sent back (it did not pickle)
                results = [_alone(path, options) for path in paths]
            yield from results
    finally:  # stopped early (Ctrl-C, a closed pipe): drop what is queued, do not wait
        pool.shutdown(wait=False, cancel_futures=True)


def _tasks(files: Sequence[Task], workers: int) -> Iterator[Sequence[Task]]:
    """The files cut into tasks of up to ``PER_TASK``, each a share of the files still to
    send: they shrink to one file as the batch nears its end, so that the workers finish
    together rather than one grading a last task of 8 files while the other waits (a small
    batch goes one file per task from the start)."""
    start = 0
    while start < len(files):
        size = max(1, min(PER_TASK, (len(files) - start) // (workers * AHEAD)))
        yield files[start : start + size]
        start += size


def _grade_each(tasks: Sequence[Task], options: Options) -> list[Result]:
    """One task: the results of a few files, in their order."""
    return [grade(path, options, previous) for path, previous in tasks]


def _alone(task: Task, options: Options) -> Result:
    """Grade ``path`` in a process of its own, to tell which file of a task killed a worker
    or has a result that cannot be sent back: only that one becomes an error row."""
    from concurrent.futures.process import BrokenProcessPool

    path, previous = task
    with _pool(1) as solo:
        try:
            return solo.submit(grade, path, options, previous).result()
        except BrokenProcessPool:
            return Result(
                path, error=f"{path}: 处理该文件的进程意外退出 (the process grading it died)"
            )
        except Exception as err:  # the result could not be sent back (it did not pickle)
            return Result(path, error=_internal_error(path, err))


def _pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes, forked with every rule kind imported: a rulebook from the cache
    imports only the kinds it holds, which each worker would otherwise do on its own (a
    batch of 2019 reports was ~7% slower so)."""
    from concurrent.futures import ProcessPoolExecutor

    from checker.rules import kinds

    kinds()
    return ProcessPoolExecutor(workers, initializer=_ignore_interrupt)


def _ignore_interrupt() -> None:
    # Ctrl-C reaches the whole process group; only the parent should act on it (and stop
    # the batch), not every worker with a traceback of its own.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
