"""Where the shipped data lives: rulebooks and the grammar.

In an installed wheel they sit inside the package (``checker/_data``); in a source
checkout they are the top-level ``rules/`` and ``grammars/`` folders.
"""

from __future__ import annotations

import os

_PACKAGE = os.path.dirname(os.path.realpath(__file__))

#: The rulebooks shipped with xxgk, by profile name (oldest first).
SHIPPED = ("2008", "2019")


def data_path(folder: str, name: str) -> str:
    """The path of a shipped data file, e.g. ``data_path("rules", "2008.yaml")``."""
    for base in (os.path.join(_PACKAGE, "_data"), os.path.dirname(_PACKAGE)):
        candidate = os.path.join(base, folder, name)
        if os.path.isfile(candidate):
            return candidate
    raise FileNotFoundError(f"shipped data file missing: {folder}/{name}")


def cache_dir() -> str | None:
    """This user's cache folder for xxgk (``$XDG_CACHE_HOME/xxgk``), or None if there is none.

    Only the user's own folder is used: a cached parser is a pickle, which is code, so it is
    never read from a directory other users can write to (such as the system's temp dir).
    """
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home.startswith("~"):  # no home directory
            return None
        base = os.path.join(home, ".cache")
    folder = os.path.join(base, "xxgk")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:  # a read-only home
        return None
    return folder
