"""Rule kinds: each implemented once here, instantiated as data in the rulebooks.

The kinds' modules are imported when a rulebook is built from its YAML (``kinds``), not
with this package: a rulebook taken from the cache imports the modules of the kinds it
holds, so the lint of a 2008-era report never loads the table rules, for instance.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from checker.rules.base import KINDS, Check, Context, Hit

if TYPE_CHECKING:
    from checker.yamlspec import Node

__all__ = ["KINDS", "Check", "Context", "Hit", "build_check", "kinds"]

#: The modules of ``checker.rules`` that define rule kinds (``checker.rules.base.kind``).
KIND_MODULES = (
    "document", "history", "numbers", "privacy", "sections", "statistics", "tables", "text",
    "timeliness",
)  # fmt: skip


def kinds() -> dict[str, type[Check]]:
    """Every rule kind, by the name rulebooks give it (its module imported on first use)."""
    for module in KIND_MODULES:
        import_module(f"checker.rules.{module}")
    return KINDS


def build_check(node: Node) -> Check:
    """A check from its rulebook entry; an unknown ``kind`` is a load error at its line."""
    from checker.yamlspec import Node, build, fail  # here: only a rulebook built from YAML

    if not isinstance(node, Node) or "kind" not in node:
        fail(node, "check 需要 kind (every check needs a kind)")
    cls = kinds().get(str(node["kind"]))
    if cls is None:
        known = ", ".join(sorted(KINDS))
        fail(node["kind"], f"未知的规则类型 {node['kind']!r} (unknown kind; known: {known})")
    check: Check = build(cls, node, f"check {node.get('id', '?')}")
    return check
