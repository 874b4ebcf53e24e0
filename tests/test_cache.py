"""The per-user cache that spares a fresh process the grammar and rulebook work."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HUAIAN, ROOT, XIANNING_2013

from checker.cache import cached


def _fresh(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """A new Python process run with ``arguments`` from the repository root, its cache
    folder under ``tmp_path`` (the same for every call of a test)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    return subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "xxgk"


def test_an_entry_is_built_once_and_rebuilt_when_its_data_changes(
    tmp_path: Path, cache_home: Path
) -> None:
    data = tmp_path / "book.yaml"
    data.write_text("one", encoding="utf-8")
    built: list[str] = []

    def build() -> str:
        built.append(data.read_text(encoding="utf-8"))
        return built[-1]

    assert [cached("book", [data], build) for _ in range(2)] == ["one", "one"]
    data.write_text("two", encoding="utf-8")
    assert cached("book", [data], build) == "two"
    assert built == ["one", "two"]
    assert len(list(cache_home.glob("book-*.pickle"))) == 1  # the stale entry is gone


def test_a_damaged_entry_is_rebuilt(tmp_path: Path, cache_home: Path) -> None:
    cached("thing", [], lambda: "value")
    (entry,) = cache_home.glob("thing-*.pickle")
    entry.write_bytes(b"\x80\x05not a pickle")
    assert cached("thing", [], lambda: "rebuilt") == "rebuilt"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_an_unwritable_cache_is_done_without(tmp_path: Path, cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    cache_home.chmod(0o500)
    try:
        assert cached("thing", [], lambda: "value") == "value"
    finally:
        cache_home.chmod(0o700)


def test_fresh_processes_give_the_same_scorecard_cold_and_warm(tmp_path: Path) -> None:
    command = ["-c", "from checker.cli import run; run()", "lint", "--format", "json"]

    def card() -> object:
        return json.loads(_fresh(tmp_path, *command, str(XIANNING_2013)).stdout)

    cold = card()
    entries = sorted(p.name.split("-")[0] for p in (tmp_path / "cache" / "xxgk").iterdir())
    # the grammar, both rulebooks and the years each covers (built once, from both), and
    # the code of the regular expressions compiled
    assert entries == ["patterns", "profiles", "report", "rulebook", "rulebook"]
    assert card() == cold


def test_a_warm_lint_loads_only_the_rulebook_it_grades_by(tmp_path: Path) -> None:
    script = (
        "import sys; from checker.lint import lint; from checker import rulebook; "
        "card = lint(sys.argv[1]); "
        "print(card.profile, rulebook.load_shipped.cache_info().currsize, 'lark' in sys.modules)"
    )
    for path, profile in [(XIANNING_2013, "2008"), (HUAIAN, "2019")]:
        for _ in range(2):  # cold, then warm
            done = _fresh(tmp_path, "-c", script, str(path))
        assert done.stdout.split() == [profile, "1", "False"]


def test_a_warm_lint_of_one_text_report_imports_neither_pathlib_nor_the_yaml_reader(
    tmp_path: Path,
) -> None:
    script = (
        "import sys\nfrom checker.cli import main\n"
        "try: main(['lint', '--format', 'json', sys.argv[1]])\n"
        "finally: print(*(m in sys.modules for m in ('pathlib', 'checker.yamlspec')))"
    )
    for _ in range(2):  # cold (the rulebooks built from their YAML), then warm
        done = _fresh(tmp_path, "-c", script, str(XIANNING_2013))
    assert done.stdout.split()[-2:] == ["False", "False"], done.stderr


@pytest.mark.parametrize(
    ("pattern", "flags", "text"),
    [
        (r"(?P<year>(?:19|20)\d{2})\s*年(?P<what>[\u4e00-\u9fff]{2,4})", 0, "2024年 信息公开"),
        (r"(?<![〇零一二三四五六七八九])([〇零一二三四五六七八九]{4})年", 0, "二〇二四年度"),
        (r"^\s*第\s*\d+\s*页\s*$", re.MULTILINE, "正文\n 第 3 页 \n正文"),
        (r"annual (report)?", re.IGNORECASE, "ANNUAL Report, annual"),
        (rb"<(?:html|body)[\s>/]", re.IGNORECASE, b"<!-- --><HTML lang=zh>"),
    ],
)
def test_a_pattern_built_from_its_stored_code_is_the_one_re_compiles(
    pattern: str | bytes, flags: int, text: str | bytes
) -> None:
    import _sre

    from checker.cache import _compiled

    stored = marshal.loads(marshal.dumps(_compiled(pattern, flags)))
    built, compiled = _sre.compile(pattern, *stored[2:]), re.compile(pattern, flags)
    assert (built.pattern, built.flags, built.groups, built.groupindex) == (
        compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex
    )
    assert [m.groups() for m in built.finditer(text)] == [
        m.groups() for m in compiled.finditer(text)
    ]  # fmt: skip


def test_a_fresh_process_takes_its_patterns_from_the_cache(tmp_path: Path) -> None:
    script = (
        "import re, sys; from checker import cache; cache.preload_patterns(); "
        "from checker.lint import lint; lint(sys.argv[1]); "
        "print(len(cache._preloaded)); cache.store_patterns()"
    )

    def preloaded() -> int:
        done = _fresh(tmp_path, "-c", script, str(XIANNING_2013))
        assert done.returncode == 0, done.stderr
        return int(done.stdout)

    assert preloaded() == 0  # cold: compiled, then stored
    assert preloaded() > 100  # warm: the package's patterns, the rulebook's among them
    (entry,) = (tmp_path / "cache" / "xxgk").glob("patterns-*")
    entry.write_bytes(b"\x00damaged")
    assert preloaded() == 0  # compiled as usual, and stored anew
    assert preloaded() > 100
