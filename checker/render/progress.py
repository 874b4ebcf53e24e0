"""A progress bar on standard error while a batch is graded (on a terminal only)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

#: Fewer files than this finish before a bar would be worth seeing.
MIN_FILES = 5


@contextlib.contextmanager
def progress(total: int) -> Iterator[Callable[[], None]]:
    """A function to call once per file graded; it draws a bar when stderr is a terminal.

    Output that goes to the same terminal (a scorecard on stdout, a message on stderr) is
    printed above the bar; output to a pipe or a file is left alone.
    """
    if total < MIN_FILES or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,  # no drawing thread: worker processes are forked from this one
        redirect_stdout=sys.stdout.isatty(),
    )  # fmt: skip
    with bar:
        task = bar.add_task("xxgk", total=total)
        yield lambda: bar.update(task, advance=1, refresh=True)
