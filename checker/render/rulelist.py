"""``xxgk rules``: the rules of a rulebook as a table."""

from __future__ import annotations

from rich.table import Table

from checker.rulebook import Rulebook
from checker.rules import Check


def rule_table(book: Rulebook, lang: str) -> Table:
    """One row per check and per mandated section."""
    table = Table(title=f"{book.id}: {book.title.get(lang)}", title_justify="left")
    for column in ("id", "kind", "level", "category", "points", "article"):
        table.add_column(column)
    for check in book.checks:
        assert isinstance(check, Check)
        table.add_row(check.id, check.kind, check.level, check.category, f"{check.points:g}",
                      check.article.get(lang) if check.article else "")
    for spec in book.sections:
        table.add_row(f"section:{spec.id}", "section", "error" if spec.required else "-",
                      spec.category, f"{spec.points:g}", spec.article.get(lang))
    return table
