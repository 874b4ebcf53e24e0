"""The rulebook: what the law requires, as data (``rules/*.yaml``).

A rulebook names its regulation and the reporting years it applies to, the grading bands,
the scorecard categories (their points add up to 100), the caps that put legal
completeness above polish, the mandated sections, the legal deadlines and the checks.
Each check names a *kind* implemented once in ``checker.rules``; ``extends:`` builds a
rulebook on another one, replacing, adding or (with ``remove: true``) dropping items by
their ``id``. Some requirements bind only some organs (``organs:``: 人民政府 or 部门) or only
from some reporting year on.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from msgspec import Struct, field

from checker.errors import RulebookError
from checker.model import Text
from checker.resources import SHIPPED, data_path
from checker.yamlspec import Node, Seq, build, fail, key_at, load_yaml


class Band(Struct, frozen=True):
    """A grade (优秀/良好/合格/不合格) and the lowest total that earns it."""

    name: str
    en: str
    min: float


class Category(Struct, frozen=True):
    """A scorecard category with its share of the 100 points."""

    id: str
    name: Text
    points: float


class CapSpec(Struct, frozen=True):
    """A ceiling on the total when a rule fires at least ``at_least`` times."""

    rule: str
    at_least: int
    limit: float
    reason: Text


class OrganKind(Struct, frozen=True):
    """A kind of organ (人民政府, 政府部门) that some requirements apply to only, told by the
    organ's name (the first kind whose pattern matches it)."""

    id: str
    name: Text
    patterns: list[re.Pattern[str]]


class Statement(Struct, frozen=True):
    """Something a section must say, recognised by any of its patterns.

    ``organ`` (an ``organs:`` id) and ``from_year`` limit it to the reports of that kind of
    organ and to reporting years from that one on; ``table`` names a standard table (2–4)
    whose presence in the section says it too (table 3 gives the number of requests).
    ``example`` is a sentence that says it, shown in the prompts of a draft (``xxgk init``).
    """

    id: str
    name: Text
    any: list[re.Pattern[str]]
    organ: str | None = None
    from_year: int | None = None
    table: int | None = None
    example: str | None = None


class SectionSpec(Struct, frozen=True):
    """A mandated part of the report, recognised by its meaning rather than one string."""

    id: str
    title: Text
    article: Text
    points: float
    headings: list[re.Pattern[str]]
    required: bool = True
    category: str = "completeness"
    not_headings: list[re.Pattern[str]] = field(default_factory=list)
    content: list[re.Pattern[str]] = field(default_factory=list)
    must_say: list[Statement] = field(default_factory=list)
    #: When at least this many other parts have first-level headings of their own (the report
    #: follows the format), also covered by a first-level part none of them claims (其他需要
    #: 报告的事项 under a heading of its own: 六、工作人员及经费情况), unless ``not_headings``.
    #: 0: never.
    residual: int = 0


class Deadline(Struct, frozen=True):
    """A legal time limit: working days, or a calendar date after the reporting year.

    With ``organ`` (an ``organs:`` id) it binds only the reports of that kind of organ (the
    2019 Regulations give departments until 31 January, governments until 31 March).
    """

    id: str
    name: Text
    article: Text
    working_days: int | None = None
    month: int | None = None
    day: int | None = None
    words: list[re.Pattern[str]] = field(default_factory=list)
    organ: str | None = None


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


class Rulebook(Struct, frozen=True):
    """A loaded, validated rulebook."""

    id: str
    path: str
    title: Text
    regulation: Text
    years: tuple[int, int]
    bands: tuple[Band, ...]
    categories: tuple[Category, ...]
    caps: tuple[CapSpec, ...]
    sections: tuple[SectionSpec, ...]
    deadlines: tuple[Deadline, ...]
    checks: tuple[object, ...]
    organs: tuple[OrganKind, ...] = ()

    def band(self, total: float) -> Band:
        """The band a total earns ("以上" includes the number itself)."""
        return next(band for band in self.bands if total >= band.min)

    def deadline(self, deadline_id: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.id == deadline_id), None)

    def organ_kind(self, organ: str | None) -> str | None:
        """The id of the first ``organs:`` kind whose pattern the organ's name matches."""
        if not organ:
            return None
        found = (k for k in self.organs if any(p.search(organ) for p in k.patterns))
        return next((kind.id for kind in found), None)


def shipped_path(name: str) -> Path:
    """The path of a rulebook shipped with xxgk (``2008`` or ``2019``)."""
    return data_path("rules", f"{name}.yaml")


@lru_cache(maxsize=8)
def load(path: str | Path) -> Rulebook:
    """Load and validate a rulebook file (following ``extends:``)."""
    from checker.rules import build_check

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


@lru_cache(maxsize=8)
def load_shipped(name: str) -> Rulebook:
    """A rulebook shipped with xxgk, kept in the user's cache between runs.

    Reading and checking the YAML costs every fresh process ~20 ms, more than the lint of a
    report; the cache entry is keyed by all shipped rulebooks and the xxgk code itself.
    """
    from checker.cache import cached

    path = shipped_path(name)
    return cached(f"rulebook-{name}", sorted(path.parent.glob("*.yaml")), lambda: load(path))


@lru_cache(maxsize=1)
def shipped_years() -> dict[str, tuple[int, int]]:
    """The reporting years each shipped rulebook covers, by name (oldest first).

    Kept in the cache on its own, so choosing a report's rulebook loads only that one.
    """
    from checker.cache import cached

    yamls = sorted(shipped_path(SHIPPED[0]).parent.glob("*.yaml"))
    return cached("profiles", yamls, lambda: {n: load_shipped(n).years for n in SHIPPED})


def _resolve(path: Path, seen: tuple[Path, ...]) -> Node:
    """The rulebook's mapping with its ``extends:`` parent merged underneath."""
    if path.resolve() in seen:
        raise RulebookError(f"{path}: extends 循环引用 (circular extends)")
    raw = load_yaml(path)
    parent = raw.get("extends")
    if parent is None:
        return raw
    parent_path = shipped_path(parent) if parent in SHIPPED else path.parent / str(parent)
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
                fail(item, f"remove: 只能移除继承的项，且只写 id 和 remove ({key!r}: "
                           "give only the id of an inherited item and remove: true)")
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
            fail(node, f"deadline {deadline.id}: 应给出 working_days 或 month+day 之一"
                       " (give either working_days or month and day)")
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
