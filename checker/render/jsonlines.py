"""``--format jsonl``: one scorecard (or error row) per line, written as each arrives."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from checker.render.data import Row


def write(rows: Iterable[Row], out: TextIO) -> None:
    """Write each row as one line of JSON (JSON Lines), holding none of them back."""
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
