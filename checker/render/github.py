"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

Syntax: ``::error file={file},line={line},col={col},title={title}::{message}`` (warning →
``::warning``, info → ``::notice``). As GitHub's toolkit does, ``%``, CR and LF are escaped
in the message and, in the properties, also ``:`` and ``,``, which delimit them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from checker.render.data import Row

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_DATA_ESCAPES = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_PROPERTY_ESCAPES = {**_DATA_ESCAPES, ":": "%3A", ",": "%2C"}


def write(rows: Iterable[Row], out: TextIO) -> None:
    """Write the workflow commands of each row as it arrives."""
    for row in rows:
        for command in commands(row):
            out.write(command + "\n")


def commands(row: Row) -> Iterator[str]:
    """An ``::error`` for an unreadable file, else one command per finding."""
    if "error" in row:
        error = row["error"]
        yield command("error", {"file": row["file"], "title": error["rule"]}, error["message"])
        return
    for finding in row["findings"]:
        where = {"file": row["file"], "line": finding["line"], "col": finding["column"]}
        lines = (finding["message"], finding["article"], finding["fix"])
        text = "\n".join(line for line in lines if line)
        yield command(COMMANDS[finding["level"]], {**where, "title": finding["rule"]}, text)


def command(name: str, properties: dict[str, object], message: str) -> str:
    """One workflow command; properties that are None (no line, no column) are left out."""
    given = ",".join(
        f"{key}={_escape(str(value), _PROPERTY_ESCAPES)}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name} {given}::{_escape(message, _DATA_ESCAPES)}"


def _escape(text: str, escapes: dict[str, str]) -> str:
    return "".join(escapes.get(ch, ch) for ch in text)
