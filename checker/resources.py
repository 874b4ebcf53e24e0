"""Where the shipped data lives: rulebooks and the grammar.

In an installed wheel they sit inside the package (``checker/_data``); in a source
checkout they are the top-level ``rules/`` and ``grammars/`` folders.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

#: The rulebooks shipped with xxgk, by profile name (oldest first).
SHIPPED = ("2008", "2019")


def data_path(folder: str, name: str) -> Path:
    """The path of a shipped data file, e.g. ``data_path("rules", "2008.yaml")``."""
    for base in (_PACKAGE / "_data" / folder, _PACKAGE.parent / folder):
        candidate = base / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"shipped data file missing: {folder}/{name}")


def cache_dir() -> Path | None:
    """This user's cache folder for xxgk (``$XDG_CACHE_HOME/xxgk``), or None if there is none.

    Only the user's own folder is used: a cached parser is a pickle, which is code, so it is
    never read from a directory other users can write to (such as the system's temp dir).
    """
    try:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "xxgk"
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no home directory, or a read-only one
        return None
    return folder
