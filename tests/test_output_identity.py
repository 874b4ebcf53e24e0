"""The JSON of the seeds and the Huai'an texts is byte-identical to what it was when the
digests were stored: a change meant to make xxgk faster must not change what it says.

The digests (SHA-256 of ``xxgk lint FILE --format json --fail-on none [--lang en]``) are in
``tests/data/identity.json``. A change that is *meant* to change the output (a new rule, a
new JSON field) stores them anew, and its diff shows which reports' output it changed::

    python tests/test_output_identity.py --update
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import CORPUS, DATA, HUAIAN_LAYOUTS, ROOT, SEEDS, run

DIGESTS = DATA / "identity.json"
LANGS = ("zh", "en")


def inputs() -> list[Path]:
    """The seeds, the tables' test data and (when the corpus is there) the Huai'an texts."""
    own = [*sorted(SEEDS.glob("*.txt")), *sorted(DATA.glob("*.txt"))]
    return own + [path for path in HUAIAN_LAYOUTS if CORPUS.is_dir()]


def name(path: Path, lang: str) -> str:
    """The key of a digest, and the path given to xxgk: relative to the repository's root,
    so the file names in the JSON are the same on every machine."""
    return f"{os.path.relpath(path, ROOT)} {lang}"


def digest(path: Path, lang: str) -> str:
    relative = os.path.relpath(path, ROOT)
    result = run("lint", relative, "--format", "json", "--fail-on", "none", "--lang", lang)
    assert result.exit_code in (0, 1), result.output  # 1: under the --min-score
    return hashlib.sha256(result.stdout_bytes).hexdigest()


def cases() -> Iterator[tuple[Path, str]]:
    return ((path, lang) for path in inputs() for lang in LANGS)


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(("path", "lang"), list(cases()), ids=lambda v: getattr(v, "name", v))
def test_json_unchanged(path: Path, lang: str) -> None:
    stored = json.loads(DIGESTS.read_text(encoding="utf-8"))
    key = name(path, lang)
    assert key in stored, f"no digest for {key}: run python tests/test_output_identity.py --update"
    assert digest(path, lang) == stored[key], f"the JSON of {key} changed"


def update() -> None:
    """Store the digests of the current output."""
    os.chdir(ROOT)
    digests = {name(path, lang): digest(path, lang) for path, lang in cases()}
    DIGESTS.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(digests)} digests written to {os.path.relpath(DIGESTS, ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(f"usage: python {os.path.relpath(__file__)} --update")
    update()
