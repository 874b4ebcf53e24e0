"""A per-user disk cache for what every fresh ``xxgk`` process would otherwise rebuild.

An entry is a pickle whose name carries a key over everything it was built from: the xxgk
source files (path, size and modification time), the bytes of its data files and the Python
version. The key is a CRC-32 checksum of them: telling versions apart needs no cryptographic
hash, and ``hashlib`` would cost every fresh process ~3 ms to import. An edited rulebook, an
edited source file or another install gets an entry of its own and never a stale one.
Entries are written under a temporary name and renamed into place, so processes starting
together never read a half-written one; an entry that cannot be read is simply built again.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from checker.resources import cache_dir

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent


def cached(name: str, inputs: Sequence[Path], build: Callable[[], T]) -> T:
    """``build()``, or what it returned before for the same code and the same ``inputs``."""
    folder = cache_dir()
    if folder is None:
        return build()
    entry = folder / f"{name}-{_key(inputs)}.pickle"
    try:
        with entry.open("rb") as stream:
            value: T = pickle.load(stream)
        return value
    except Exception:  # missing, or unreadable: either way, build it
        pass
    value = build()
    _store(entry, name, value)
    return value


def _key(inputs: Sequence[Path]) -> str:
    key = zlib.crc32(_code_fingerprint())
    for data in inputs:
        key = zlib.crc32(data.read_bytes(), key)
    return f"{key:08x}"


@functools.cache
def _code_fingerprint() -> bytes:
    """The Python version and every xxgk source file's path, size and modification time."""
    stamps = [repr(sys.version_info)]
    folders = [str(_PACKAGE)]
    while folders:  # os.scandir: a tenth of the cost of Path.rglob
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir() and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    stat = entry.stat()
                    stamps.append(f"{entry.path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\n".join(sorted(stamps)).encode()


def _store(entry: Path, name: str, value: object) -> None:
    """Write the entry atomically and drop the entries it replaces.

    The cache only saves time, so failing to write it (a read-only home, a full disk, a
    value that does not pickle) leaves xxgk working as before."""
    import tempfile  # here: only a process that builds an entry needs it

    try:
        fd, temporary = tempfile.mkstemp(dir=entry.parent, prefix=f".{entry.name}.")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except Exception:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    with contextlib.suppress(OSError):
        for old in entry.parent.glob(f"{name}-*.pickle"):
            if old != entry:
                old.unlink(missing_ok=True)
