"""The YAML half of the rulebook: reading a rulebook file, merging what it ``extends:``,
checking it and building its ``Rulebook``.

Imported only when a rulebook is built from its YAML: a fresh process takes the shipped
rulebooks from the cache (``checker.rulebook.load_shipped``) without it.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from msgspec import Struct, field

from checker.errors import RulebookError
from checker.model import Text
from checker.resources import SHIPPED
from checker.rulebook import (
    Band,
    CapSpec,
    Category,
    Deadline,
    OrganKind,
    Rulebook,
    SectionSpec,
    shipped_path,
)
from checker.rules import build_check
from checker.yamlspec import Node, Seq, build, fail, key_at, load_yaml


class Meta(Struct, frozen=True):
    id: str
    title: Text
    regulation: Text
    years: list[int]
    bands: list[Band]
    categories: list[Category]
    caps: list[CapSpec] = field(default_factory=list)
    organs: list[OrganKind] = field(default_factory=list)
    sections: list[SectionSpec] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    checks: list[Node] = field(default_factory=list)
    extends: str | None = None


def build_rulebook(path: str | os.PathLike[str]) -> Rulebook:
    """Read, merge (``extends:``) and validate a rulebook file."""
    raw = _resolve(Path(path), seen=())
    meta: Meta = build(Meta, raw, "rulebook")
    rulebook = Rulebook(
        id=meta.id,
        path=str(path),
        title=meta.title,
        regulation=meta.regulation,
        years=_years(meta.years, raw),
        bands=tuple(sorted(meta.bands, key=lambda band: -band.min)),
        categories=tuple(meta.categories),
        caps=tuple(meta.caps),
        sections=tuple(meta.sections),
        deadlines=tuple(meta.deadlines),
        checks=tuple(build_check(node) for node in meta.checks),
        organs=tuple(meta.organs),
    )
    _validate(rulebook, raw)
    return rulebook


def _resolve(path: Path, seen: tuple[Path, ...]) -> Node:
    """The rulebook's mapping with its ``extends:`` parent merged underneath."""
    if path.resolve() in seen:
        raise RulebookError(f"{path}: extends 循环引用 (circular extends)")
    raw = load_yaml(path)
    parent = raw.get("extends")
    if parent is None:
        return raw
    parent_path = Path(shipped_path(parent)) if parent in SHIPPED else path.parent / str(parent)
    if not parent_path.is_file():
        fail(parent, f"extends: 找不到规则文件 {parent!r} (no such rulebook)")
    return _merge(_resolve(parent_path, (*seen, path.resolve())), raw)


def _merge(base: Node, child: Node) -> Node:
    """Child keys win; lists of items with ids merge item by item."""
    merged = Node(base)
    merged.file, merged.line, merged.lines = child.file, child.line, {**base.lines, **child.lines}
    for key, value in child.items():
        old = base.get(key)
        if isinstance(old, Seq) and isinstance(value, Seq) and _all_have_ids(old, value):
            merged[key] = _merge_by_id(old, value)
        elif isinstance(old, Node) and isinstance(value, Node) and key != "extends":
            merged[key] = _merge(old, value)
        else:
            merged[key] = value
    merged.pop("extends", None)
    return merged


def _all_have_ids(*lists: Seq) -> bool:
    return all(isinstance(item, Node) and "id" in item for items in lists for item in items)


def _merge_by_id(base: Seq, child: Seq) -> Seq:
    """The base's items, each replaced field by field by the child's item with its id; the
    child's new items are added at the end, and ``remove: true`` drops an inherited one."""
    by_id = {str(item["id"]): item for item in base}
    order = [str(item["id"]) for item in base]
    for item in child:
        key = str(item["id"])
        if item.get("remove") is True:
            if key not in by_id or set(item) != {"id", "remove"}:
                fail(
                    item,
                    f"remove: 只能移除继承的项，且只写 id 和 remove ({key!r}: "
                    "give only the id of an inherited item and remove: true)",
                )
            del by_id[key]
            order.remove(key)
        elif key in by_id:
            by_id[key] = _merge(by_id[key], item)
        else:
            order.append(key)
            by_id[key] = item
    merged = Seq(by_id[key] for key in order)
    merged.file, merged.line = child.file, child.line
    return merged


def _years(years: list[int], raw: Node) -> tuple[int, int]:
    if len(years) != 2 or years[0] > years[1]:
        fail(key_at(raw, "years"), "years 应是 [起始年, 截止年] (expected [first, last])")
    return years[0], years[1]


def _validate(rulebook: Rulebook, raw: Node) -> None:
    total = sum(category.points for category in rulebook.categories)
    if abs(total - 100) > 1e-9:
        fail(
            key_at(raw, "categories"),
            f"各类别分值之和应为 100，实为 {total:g} (categories must add up to 100)",
        )
    categories = {category.id for category in rulebook.categories}
    for spec, node in zip(rulebook.sections, raw.get("sections", []), strict=True):
        if spec.category not in categories:
            fail(node, f"section {spec.id}: 未知类别 {spec.category!r} (unknown category)")
    for check, node in zip(rulebook.checks, raw.get("checks", []), strict=True):
        if getattr(check, "category", None) not in categories:
            fail(node, f"check {node['id']}: 未知类别 {node.get('category')!r} (unknown category)")
    if not rulebook.bands or rulebook.bands[-1].min > 0:
        fail(key_at(raw, "bands"), "最低档的下限应为 0 (the lowest band must start at 0)")
    _validate_deadlines(rulebook, raw)
    _validate_organs(rulebook, raw)
    _validate_checks(rulebook, raw)


def _validate_deadlines(rulebook: Rulebook, raw: Node) -> None:
    """Each deadline is a number of working days or a date."""
    for deadline, node in zip(rulebook.deadlines, raw.get("deadlines", []), strict=True):
        dated = deadline.month is not None and deadline.day is not None
        if (deadline.working_days is None) == (not dated):
            fail(
                node,
                f"deadline {deadline.id}: 应给出 working_days 或 month+day 之一"
                " (give either working_days or month and day)",
            )
        if dated and not _real_day(deadline.month, deadline.day):
            fail(node, f"deadline {deadline.id}: 日期无效 (no such day)")


def _validate_organs(rulebook: Rulebook, raw: Node) -> None:
    """Deadlines and statements limited to a kind of organ name one of ``organs:``."""
    known = {kind.id for kind in rulebook.organs}
    limited: list[tuple[str | None, object]] = [
        (deadline.organ, node)
        for deadline, node in zip(rulebook.deadlines, raw.get("deadlines", []), strict=True)
    ]
    for spec, node in zip(rulebook.sections, raw.get("sections", []), strict=True):
        items = node.get("must_say", node.get("must-say", []))
        statements = zip(spec.must_say, items, strict=True)
        limited += [(statement.organ, item) for statement, item in statements]
    for organ, node in limited:
        if organ is not None and organ not in known:
            fail(node, f"未知的机关类别 {organ!r} (unknown organ kind; known: {sorted(known)})")


def _validate_checks(rulebook: Rulebook, raw: Node) -> None:
    """What a check names elsewhere in the rulebook (a deadline, a table row) must exist."""
    from checker.rules.base import Check

    for check, node in zip(rulebook.checks, raw.get("checks", []), strict=True):
        assert isinstance(check, Check)
        problem = check.invalid(rulebook)
        if problem is not None:
            fail(node, f"check {node['id']}: {problem}")


def _real_day(month: int | None, day: int | None) -> bool:
    try:
        date(2001, month or 0, day or 0)  # not a leap year: the day must exist every year
    except ValueError:
        return False
    return True
