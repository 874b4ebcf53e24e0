"""Where output goes: standard output, or a file replaced in one step (``-o FILE``)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from checker.errors import XxgkError

if TYPE_CHECKING:
    from pathlib import Path


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """A text stream for the output: standard output, or ``path`` written atomically.

    The file is written under a temporary name in the same directory and renamed over
    ``path`` only when everything was written, so a reader (or a CI step) never sees a
    half-written file, and a run that fails leaves the old file as it was.
    """
    if path is None:
        yield sys.stdout
        return
    import tempfile  # here: only a run with -o needs it, and it costs ~3 ms to import
    from pathlib import Path  # likewise

    target = Path(path)
    try:
        fd, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as err:
        raise XxgkError(f"{path}: 无法写入 (cannot write: {err.strerror})") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        _replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _replace(temporary: str, target: Path) -> None:
    try:
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as err:
        raise XxgkError(f"{target}: 无法写入 (cannot write: {err.strerror})") from err


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or what a new file would get (mkstemp gives 0600)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
