"""Where the shipped data lives: rulebooks and the grammar.

In an installed wheel they sit inside the package (``checker/_data``); in a source
checkout they are the top-level ``rules/`` and ``grammars/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

#: The rulebooks shipped with xxgk, by profile name (oldest first).
SHIPPED = ("2008",)


def data_path(folder: str, name: str) -> Path:
    """The path of a shipped data file, e.g. ``data_path("rules", "2008.yaml")``."""
    for base in (_PACKAGE / "_data" / folder, _PACKAGE.parent / folder):
        candidate = base / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"shipped data file missing: {folder}/{name}")
