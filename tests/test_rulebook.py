"""Rulebook loading: the shipped one is valid; every kind of mistake names file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

from checker.errors import RulebookError
from checker.rulebook import load, load_shipped, shipped_path

GOOD = Path(shipped_path("2008")).read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "book.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_shipped_rulebook_loads() -> None:
    book = load_shipped("2008")
    assert [s.id for s in book.sections] == [
        "overview",
        "proactive",
        "requests",
        "fees",
        "litigation",
        "problems",
        "other",
    ]
    assert sum(c.points for c in book.categories) == 100
    assert [b.min for b in book.bands] == [95, 85, 60, 0]
    assert book.band(95).name == "优秀" and book.band(94.9).name == "良好"
    assert book.band(60).name == "合格" and book.band(59).name == "不合格"


@pytest.mark.parametrize(
    ("old", "new", "reason", "at"),
    [
        ("    points: 40\n", "    points: 41\n", "add up to 100", "categories:"),
        (
            "  - id: section-thin\n",
            "  - id: section-thin\n    colour: red\n",
            "未知的键 'colour'",
            "colour: red",
        ),
        ("    halt: true\n", "    halt: maybe\n", "wrong type", "halt: maybe"),
        ("    kind: section-unheaded\n", "    kind: sectoin-unheaded\n", "unknown kind", "sectoin"),
        (
            "    content: ['主动公开']\n",
            "    content: ['主动(公开']\n",
            "regex does not compile",
            "主动(公开",
        ),
        ("    level: warning\n", "    level: fatal\n", "got 'fatal'", "level: fatal"),
    ],
)
def test_malformed_rulebooks_name_file_and_line(
    tmp_path: Path, old: str, new: str, reason: str, at: str
) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    path = write(tmp_path, text)
    with pytest.raises(RulebookError) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line_of(text, at)}:")
    assert reason in message


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("bands:\n", "bands: [\n", 1))
    with pytest.raises(RulebookError, match=rf"^{path}:\d+: YAML"):
        load(path)


def test_extends_overrides_by_id(tmp_path: Path) -> None:
    path = write(
        tmp_path, 'extends: "2008"\nid: strict\nchecks:\n  - id: section-thin\n    points: 5\n'
    )
    book = load(path)
    assert book.id == "strict"
    thin = next(c for c in book.checks if getattr(c, "id", "") == "section-thin")
    assert thin.points == 5  # type: ignore[attr-defined]
    assert len(book.sections) == 7


def test_cli_rejects_a_malformed_rulebook_with_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("    points: 40\n", "    points: 30\n", 1))
    result = run("lint", "--rules", str(path), "seeds/001_79795839ff8f294f.txt")
    assert result.exit_code == 2
    assert "add up to 100" in result.stderr
    assert "Traceback" not in result.output


def test_an_extending_rulebook_drops_an_inherited_item(tmp_path: Path) -> None:
    path = write(tmp_path, 'extends: "2008"\nid: lean\nsections:\n  - id: fees\n    remove: true\n')
    assert [s.id for s in load(path).sections] == [
        "overview", "proactive", "requests", "litigation", "problems", "other",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "item",
    ["  - id: tithes\n    remove: true\n", "  - id: fees\n    remove: true\n    points: 1\n"],
)
def test_remove_must_name_only_an_inherited_item(tmp_path: Path, item: str) -> None:
    path = write(tmp_path, f'extends: "2008"\nid: lean\nsections:\n{item}')
    with pytest.raises(RulebookError, match=rf"^{path}:4: remove: "):
        load(path)


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        (
            "sections:\n  - id: problems\n    must_say:\n      - id: assessment\n"
            "        organ: ministry\n",
            "未知的机关类别 'ministry'",
        ),
        (
            "checks:\n  - id: table-identity\n    identities:\n      - table: 3\n"
            "        name: x\n        add: rows\n        left: [recieved]\n",
            "unknown ids",
        ),
        (
            "checks:\n  - id: text-table-mismatch\n    tables:\n      - table: 4\n"
            "        context: x\n        column: totl\n        figures: []\n",
            "unknown table, row or column ids",
        ),
    ],
)
def test_2019_data_naming_what_does_not_exist_is_a_load_error(
    tmp_path: Path, extra: str, reason: str
) -> None:
    path = write(tmp_path, f'extends: "2019"\nid: mine\n{extra}')
    with pytest.raises(RulebookError, match=reason) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}:")
