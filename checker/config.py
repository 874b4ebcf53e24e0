"""Configuration files: ``xxgk.toml``, ``.xxgk.toml`` or ``[tool.xxgk]`` in ``pyproject.toml``.

A report is graded with the configuration file nearest to it: in its own folder or the
nearest folder above it that has one (in one folder, ``xxgk.toml`` comes before
``.xxgk.toml``, and both before a ``pyproject.toml``; a ``pyproject.toml`` without a
``[tool.xxgk]`` table is passed over). ``--config PATH`` names one file for every report and
``--isolated`` reads none. The settings of the output (``format``, ``lang``, ``jobs``) are
the batch's: they come from the file found for the current folder (or ``--config``).
Options given on the command line win over any file.

Keys: ``rules`` (a rulebook path, relative to the file), ``profile``, ``min-score``,
``fail-on``, ``lang``, ``format``, ``jobs``, ``ignore`` (rule ids), ``per-file-ignores``
(``{glob = [rule ids]}``, globs relative to the file's folder; a glob without ``/`` matches
the file's name) and ``organ-kind`` (``government`` or ``department``, for the requirements
that bind one kind of organ when the report's title does not tell).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct

from checker.errors import XxgkError
from checker.model import Configured
from checker.resources import SHIPPED

#: The files looked for in each folder, in order of precedence.
NAMES = ("xxgk.toml", ".xxgk.toml", "pyproject.toml")
ORGAN_KINDS = ("government", "department")


class ConfigError(XxgkError):
    """A configuration file is malformed; the message names the file and line."""


class Config(Struct, frozen=True, forbid_unknown_fields=True, rename="kebab"):
    """The settings of one configuration file, as written (``file`` is where it is)."""

    rules: str | None = None
    profile: str | None = None
    min_score: Annotated[float, Meta(ge=0, le=100)] | None = None
    fail_on: str | None = None
    lang: Literal["zh", "en"] | None = None
    format: str | None = None
    jobs: Annotated[int, Meta(ge=1)] | None = None
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = {}
    organ_kind: Literal["government", "department"] | None = None
    file: str = ""

    def ignored(self, report: str) -> tuple[str, ...]:
        """The rule ids not checked in ``report``: ``ignore`` and the matching
        ``per-file-ignores``, in the order written."""
        from fnmatch import fnmatch  # here, like pathlib: only a configuration file needs them
        from pathlib import Path

        where = Path(self.file).absolute().parent
        path = Path(report).absolute()
        try:
            relative = path.relative_to(where).as_posix()
        except ValueError:
            relative = path.as_posix()
        ids = list(self.ignore)
        for glob, rules in self.per_file_ignores.items():
            if fnmatch(relative, glob) or ("/" not in glob and fnmatch(path.name, glob)):
                ids += rules
        return tuple(dict.fromkeys(ids))

    def record(self, report: str) -> Configured:
        """What the scorecard of ``report`` records of this configuration."""
        return Configured(
            file=self.file,
            ignore=self.ignored(report),
            organ_kind=self.organ_kind,
            min_score=self.min_score,
            fail_on=self.fail_on,
        )


#: Each folder's configuration file, while a batch is graded (``found_once``).
_found: dict[str, str | None] | None = None


@contextlib.contextmanager
def found_once() -> Iterator[None]:
    """Within this, each folder's configuration file is looked for once: the files of a
    batch share a few folders, and each lookup reads up to three files in every folder up
    to the root. Worker processes forked meanwhile keep what was found before them."""
    global _found
    outer, _found = _found, {} if _found is None else _found
    try:
        yield
    finally:
        _found = outer


def find(folder: str) -> str | None:
    """The configuration file for reports in ``folder``: there or in the nearest folder above."""
    if _found is None:
        return _look_for(folder)
    if folder not in _found:
        _found[folder] = _look_for(folder)
    return _found[folder]


def _look_for(folder: str) -> str | None:
    # absolute as pathlib makes it (``Path.absolute``): the words of ``folder`` after the
    # current folder's, none dropped (``os.path.abspath`` would drop a ``..``)
    folder = os.getcwd() if folder == "." else os.path.join(os.getcwd(), folder)
    while True:
        for name in NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
        if folder == "/":
            return None
        folder = os.path.dirname(folder)


def _parent(path: str) -> str:
    """The folder of ``path`` as pathlib's ``Path(path).parent`` gives it, by the path's
    words alone: ``.`` and empty words are dropped but ``..`` is kept, since it need not
    lead where the words say when a folder on the way is a symbolic link."""
    words = [word for word in path.split("/") if word not in ("", ".")]
    return ("/" if path.startswith("/") else "") + "/".join(words[:-1]) or "."


def _has_table(pyproject: str) -> bool:
    """Whether a pyproject.toml has a ``[tool.xxgk]`` table (a bad one is an error later)."""
    try:
        with open(pyproject, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*xxgk\s*[.\]]", text, re.MULTILINE) is not None


def for_report(report: str, explicit: str | None, discover: bool) -> Config | None:
    """The configuration that grades ``report``: the file named, the one found, or none."""
    if explicit:
        return load(explicit)
    if not discover:
        return None
    found = find(os.getcwd() if report == "-" else _parent(report))
    return load(found) if found else None


def load(path: str) -> Config:
    """Read and check a configuration file; any problem is a ConfigError with file:line.

    Read once per process while the file is unchanged (a batch reads it per report)."""
    try:
        stat = os.stat(path)
    except OSError:
        return _load(path, (0, -1), os.getcwd())  # the error is told by reading it
    return _load(path, (stat.st_mtime_ns, stat.st_size), os.getcwd())


@lru_cache(maxsize=64)
def _load(path: str, version: tuple[int, int], cwd: str) -> Config:
    if sys.version_info >= (3, 11):  # here: most runs have no configuration file to read
        import tomllib
    else:  # pragma: no cover - the backport has the same interface
        import tomli as tomllib

    shown = _shown(path)
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or err
        raise ConfigError(f"{shown}: 无法读取配置文件 (cannot read it: {reason})") from None
    except tomllib.TOMLDecodeError as err:
        line = re.search(r"line (\d+)", str(err))
        where = f"{shown}:{line.group(1)}" if line else shown
        raise ConfigError(f"{where}: 配置文件不是有效的 TOML (not valid TOML): {err}") from None
    table, start = _table(data, text, os.path.basename(path) == "pyproject.toml", shown)
    if "file" in table:  # the one field of Config that is no key of the file
        where = f"{shown}:{_line_of(text, 'file', start)}"
        raise ConfigError(f"{where}: 未知配置项 file (unknown key)")
    try:
        config = msgspec.convert(table, Config)
    except msgspec.ValidationError as err:
        key = _key_of(str(err))
        where = f"{shown}:{_line_of(text, key, start)}"
        if "unknown field" in str(err):
            keys = ", ".join(f.encode_name for f in msgspec.structs.fields(Config)[:-1])
            raise ConfigError(f"{where}: 未知配置项 {key} (unknown key; known: {keys})") from None
        raise ConfigError(f"{where}: 配置项 {key or ''} 有误 (bad setting): {err}") from None
    _check(config, text, start, shown)
    rules = config.rules and os.path.normpath(os.path.join(os.path.dirname(shown), config.rules))
    return msgspec.structs.replace(config, file=shown, rules=rules)


def _table(data: dict[str, Any], text: str, pyproject: bool, shown: str) -> tuple[Any, int]:
    """The settings' table and the line it starts on (1: the whole file)."""
    if not pyproject:
        return data, 1
    table = data.get("tool", {}).get("xxgk")
    if not isinstance(table, dict):
        raise ConfigError(f"{shown}: 没有 [tool.xxgk] 配置 (no [tool.xxgk] table)")
    header = re.search(r"^\s*\[\s*tool\s*\.\s*xxgk\s*[.\]]", text, re.MULTILINE)
    return table, text.count("\n", 0, header.start()) + 1 if header else 1


def _check(config: Config, text: str, start: int, shown: str) -> None:
    """The values the types alone do not check: choices and rule ids."""
    from checker.cli import FAIL_ON, FORMATS

    choices: dict[str, tuple[object, tuple[str, ...]]] = {
        "profile": (config.profile, SHIPPED),
        "fail-on": (config.fail_on, FAIL_ON),
        "format": (config.format, FORMATS),
    }
    for key, (value, allowed) in choices.items():
        if value is not None and value not in allowed:
            raise ConfigError(
                f"{shown}:{_line_of(text, key, start)}: {key} = {value!r} 不是可选值之一 "
                f"(not one of {', '.join(allowed)})"
            )
    rules = config.rules and os.path.join(os.path.dirname(shown), config.rules)
    known = _rule_ids(rules)
    named = [("ignore", rule) for rule in config.ignore] + [
        (glob, rule) for glob, ids in config.per_file_ignores.items() for rule in ids
    ]
    for key, rule in named:
        if rule not in known:
            line = _line_of(text, rule, _line_of(text, key, start), value=True)
            raise ConfigError(
                f"{shown}:{line}: 未知的规则 {rule!r} (unknown rule id; `xxgk rules` lists them)"
            )


def _rule_ids(rules: str | None) -> frozenset[str]:
    """Every rule id of the shipped rulebooks and of the configuration's own rulebook."""
    from checker.rulebook import load as load_rulebook
    from checker.rulebook import load_shipped
    from checker.rules import Check

    books = [load_shipped(name) for name in SHIPPED] + ([load_rulebook(rules)] if rules else [])
    return frozenset(c.id for book in books for c in book.checks if isinstance(c, Check))


def _key_of(message: str) -> str | None:
    """The key a msgspec error is about: ``$.min-score`` or an unknown field `x`."""
    unknown = re.search(r"unknown field `([^`]+)`", message)
    if unknown:
        return unknown.group(1)
    path = re.search(r"at `\$\.([^.`\[]+)", message)
    return path.group(1) if path else None


def _line_of(text: str, key: str | None, start: int, value: bool = False) -> int:
    """The line (from ``start`` on) where ``key`` is set, or ``start`` when it is not found;
    with ``value``, where the string ``key`` is written (a rule id in a list).

    TOML parsers give no lines for values; a key is found by its ``key =`` or its
    ``[…key]`` table header, which is how configuration files write them.
    """
    if key is None:
        return start
    quoted = re.escape(key)
    pattern = re.compile(
        rf"[\"']{quoted}[\"']"
        if value
        else rf"^\s*(?:[\"']?{quoted}[\"']?\s*=|\[[^\]]*\b{quoted}\s*\])"
    )
    lines = text.splitlines()
    for number in range(start, len(lines) + 1):
        if pattern.search(lines[number - 1]):
            return number
    return start


def _shown(path: str) -> str:
    """A path as output shows it: relative to the current folder when it is inside it."""
    from pathlib import Path  # here, like fnmatch: only a configuration file needs them

    absolute = Path(path).absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()
