"""A per-user disk cache for what every fresh ``xxgk`` process would otherwise rebuild.

An entry is a pickle whose name carries a key over everything it was built from: the xxgk
source files (path, size and modification time), the bytes of its data files and the Python
version. The key is a CRC-32 checksum of them: telling versions apart needs no cryptographic
hash, and ``hashlib`` would cost every fresh process ~3 ms to import. An edited rulebook, an
edited source file or another install gets an entry of its own and never a stale one.
Entries are written under a temporary name and renamed into place, so processes starting
together never read a half-written one; an entry that cannot be read is simply built again.

Regular expressions are kept here too (``preload_patterns``, ``store_patterns``): the
package compiles some 200 of them as it is imported and as a rulebook is loaded, ~25 ms of
every fresh process, which ``re`` would otherwise redo from the pattern text each time.
"""

from __future__ import annotations

import _pickle  # pickle's own C implementation: pickle.py adds nothing here but ~1 ms
import contextlib
import functools
import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from checker.resources import cache_dir

T = TypeVar("T")
_PACKAGE = os.path.dirname(os.path.realpath(__file__))


def cached(name: str, inputs: Sequence[str], build: Callable[[], T]) -> T:
    """``build()``, or what it returned before for the same code and the same ``inputs``."""
    folder = cache_dir()
    if folder is None:
        return build()
    entry = os.path.join(folder, f"{name}-{_key(inputs)}.pickle")
    try:
        with open(entry, "rb") as stream:
            value: T = _pickle.load(stream)
        return value
    except Exception:  # missing, or unreadable: either way, build it
        pass
    value = build()
    with contextlib.suppress(Exception):  # a value that does not pickle is just not kept
        _store(entry, name, _pickle.dumps(value, protocol=-1))  # the highest
    return value


def _key(inputs: Sequence[str]) -> str:
    key = zlib.crc32(_code_fingerprint())
    for data in inputs:
        with open(data, "rb") as stream:
            key = zlib.crc32(stream.read(), key)
    return f"{key:08x}"


@functools.cache
def _code_fingerprint() -> bytes:
    """The Python version and every xxgk source file's path, size and modification time."""
    stamps = [repr(sys.version_info)]
    folders = [_PACKAGE]
    while folders:  # os.scandir: a tenth of the cost of Path.rglob
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir() and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    stat = entry.stat()
                    stamps.append(f"{entry.path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\n".join(sorted(stamps)).encode()


def _store(entry: str, name: str, data: bytes) -> None:
    """Write the entry atomically and drop the entries it replaces.

    The cache only saves time, so failing to write it (a read-only home, a full disk)
    leaves xxgk working as before."""
    import tempfile  # here: only a process that builds an entry needs it

    folder, file = os.path.split(entry)
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{file}.")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temporary, entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    with contextlib.suppress(OSError):
        suffix = os.path.splitext(file)[1]
        for old in os.listdir(folder):
            if old != file and old.startswith(f"{name}-") and old.endswith(suffix):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(folder, old))


#: A compiled pattern as ``re`` builds it: (pattern, flags asked for, flags, code, groups,
#: group index, index group), all plain values (``marshal`` reads them ~10× faster than
#: ``pickle``).
_Compiled = tuple[Any, int, int, list[int], int, dict[str, int], tuple[str | None, ...]]
#: The patterns put into ``re``'s cache by ``preload_patterns``, by (pattern, flags).
_preloaded: dict[tuple[Any, int], _Compiled] = {}


def preload_patterns() -> None:
    """Put the regular expressions a previous run of this code compiled into ``re``'s own
    cache, built from their stored code (``re.compile`` then finds them there).

    ``re`` keeps no compiled pattern across processes, so this reaches into its internals
    (``re._cache``, ``_sre.compile``), as ``re`` itself calls them; the entry is keyed by the
    Python version and the xxgk code like every entry here, and a failure of any kind leaves
    ``re`` to compile each pattern as usual.
    """
    folder = cache_dir()
    if folder is None or _preloaded:
        return
    try:
        import _sre  # type: ignore[import-not-found]

        with open(os.path.join(folder, f"patterns-{_key([])}.marshal"), "rb") as stream:
            stored = marshal.loads(stream.read())
        compiled = {
            (type(pattern), pattern, asked): _sre.compile(pattern, *built)
            for pattern, asked, *built in stored
        }
    except Exception:  # missing, stale or damaged: compiled as usual, stored anew at exit
        return
    re._cache.update(compiled)  # type: ignore[attr-defined]
    _preloaded.update(((item[0], item[1]), item) for item in stored)


def store_patterns() -> None:
    """Store the code of the patterns compiled in this process, when some are new (the
    first run of this code, or a run that needed patterns the others did not)."""
    folder = cache_dir()
    cache: dict[tuple[type, Any, int], re.Pattern[Any]] = getattr(re, "_cache", {})
    keys = [(p, flags) for kind, p, flags in list(cache) if kind in (str, bytes)]
    if folder is None or all(key in _preloaded for key in keys):
        return
    try:
        data = marshal.dumps([_preloaded.get(key) or _compiled(*key) for key in keys])
    except Exception:  # a pattern re compiles in a way not foreseen here: keep none
        return
    _store(os.path.join(folder, f"patterns-{_key([])}.marshal"), "patterns", data)


def _compiled(pattern: Any, flags: int) -> _Compiled:
    """What ``re`` passes to ``_sre.compile`` for ``pattern`` (``re._compiler.compile``)."""
    if sys.version_info >= (3, 11):
        from re import _compiler, _parser  # type: ignore[attr-defined]
    else:  # pragma: no cover - the same functions under their old names
        import sre_compile as _compiler
        import sre_parse as _parser

    flags = int(flags)  # a RegexFlag is an int that marshal does not take
    parsed = _parser.parse(pattern, flags)
    state = parsed.state
    index: list[str | None] = [None] * state.groups
    for name, number in state.groupdict.items():
        index[number] = name
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groups = dict(state.groupdict)
    return pattern, flags, flags | state.flags, code, state.groups - 1, groups, tuple(index)
