"""``--format json``: one object for one file, an array for several, streamed row by row."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from typing import TextIO

from checker.render.data import Row


def write(rows: Iterable[Row], out: TextIO, single: bool) -> None:
    """Write ``rows`` as one JSON document (an object when ``single``, else an array).

    The array is written as each row arrives, so memory stays flat in the number of
    files; the text is the same as ``json.dumps(rows, indent=2)`` would give.
    """
    if single:
        for row in rows:
            out.write(dumps(row) + "\n")
        return
    opening = "["
    for row in rows:
        out.write(opening + "\n" + textwrap.indent(dumps(row), "  "))
        opening = ","
    out.write("[]\n" if opening == "[" else "\n]\n")


def dumps(row: Row) -> str:
    """One row as indented JSON, Chinese kept readable."""
    return json.dumps(row, ensure_ascii=False, indent=2)
