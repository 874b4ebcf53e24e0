"""``xxgk outline``: the report tree as the grammar understood it."""

from __future__ import annotations

from rich.text import Text as RichText
from rich.tree import Tree

from checker.model import Line, Report, Section, Source, Table


def outline_tree(report: Report, recognised: dict[int, str] | None = None) -> Tree:
    """A rich tree of the report, with the standard tables where they stand.

    ``recognised`` maps a heading's line number to the mandated part it was recognised as.
    """
    recognised = recognised or {}
    tables = {table.line.number: table for table in report.tables}
    source = report.document.source
    root = Tree(RichText(source.path, style="bold"))
    if report.title:
        root.add(_line("标题 title", report.title, source))
    for line in report.meta:
        root.add(_line("信息 meta", line, source))
    if report.preamble:
        kind = f"导语 preamble ({len(report.preamble)} 段)"
        root.add(_line(kind, report.preamble[0], source))
    for section in report.sections:
        _add_section(root, section, recognised, tables, source)
    for table in tables.values():  # tables outside any numbered part
        _add_table(root, table)
    signature = [line for line in (report.signature.organ, report.signature.date) if line]
    for line in signature:
        root.add(_line("落款 signature", line, source))
    return root


def _at(number: int, source: Source) -> str:
    """``L12``, or ``L1:3933`` for a piece of a flattened line (its column in the file)."""
    if not source.origin:
        return f"L{number}"
    line, column = source.position(number)
    return f"L{line}:{column + 1}"


def _add_section(
    parent: Tree,
    section: Section,
    recognised: dict[int, str],
    tables: dict[int, Table],
    source: Source,
) -> None:
    """The section's node, its tables (taken out of ``tables``) and its sub-sections."""
    label = RichText.assemble(
        (f"{_at(section.heading.number, source)} ", "dim"),
        (f"{section.number} {section.title}", "bold" if section.level == 1 else ""),
        (f"  ({len(section.body)} 段)" if section.body else "", "dim"),
    )
    part = recognised.get(section.heading.number)
    if part:
        label.append(f"  → {part}", style="green")
    node = parent.add(label)
    for line in section.body:
        if line.number in tables:
            _add_table(node, tables.pop(line.number))
    for child in section.children:
        _add_section(node, child, recognised, tables, source)


def _add_table(parent: Tree, table: Table) -> None:
    """The table with its form, columns and each row's label and numbers."""
    head, *rows = table.describe()
    node = parent.add(RichText(head, style="magenta"))
    for row in rows:
        node.add(RichText(row.strip(), style="dim"))


def _line(kind: str, line: Line, source: Source) -> RichText:
    text = line.text.strip()
    return RichText.assemble(
        (f"{_at(line.number, source)} ", "dim"), (f"{kind}: ", "cyan"), text[:60]
    )
