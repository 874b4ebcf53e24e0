"""Rule kinds: each implemented once here, instantiated as data in the rulebooks."""

from __future__ import annotations

from checker.rules import (
    document,
    history,
    numbers,
    privacy,
    sections,
    statistics,
    tables,
    text,
    timeliness,
)
from checker.rules.base import KINDS, Check, Context, Hit
from checker.yamlspec import Node, build, fail

__all__ = [
    "KINDS", "Check", "Context", "Hit", "build_check",
    "document", "history", "numbers", "privacy", "sections", "statistics", "tables", "text",
    "timeliness",
]  # fmt: skip


def build_check(node: Node) -> Check:
    """A check from its rulebook entry; an unknown ``kind`` is a load error at its line."""
    if not isinstance(node, Node) or "kind" not in node:
        fail(node, "check 需要 kind (every check needs a kind)")
    cls = KINDS.get(str(node["kind"]))
    if cls is None:
        known = ", ".join(sorted(KINDS))
        fail(node["kind"], f"未知的规则类型 {node['kind']!r} (unknown kind; known: {known})")
    check: Check = build(cls, node, f"check {node.get('id', '?')}")
    return check
