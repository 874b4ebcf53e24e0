"""``xxgk outline``: the report tree as the grammar understood it."""

from __future__ import annotations

from rich.text import Text as RichText
from rich.tree import Tree

from checker.model import Line, Report, Section


def outline_tree(report: Report, recognised: dict[int, str] | None = None) -> Tree:
    """A rich tree of the report.

    ``recognised`` maps a heading's line number to the mandated part it was recognised as.
    """
    recognised = recognised or {}
    root = Tree(RichText(report.document.source.path, style="bold"))
    if report.title:
        root.add(_line("标题 title", report.title))
    for line in report.meta:
        root.add(_line("信息 meta", line))
    if report.preamble:
        root.add(_line(f"导语 preamble ({len(report.preamble)} 段)", report.preamble[0]))
    for section in report.sections:
        _add_section(root, section, recognised)
    signature = [line for line in (report.signature.organ, report.signature.date) if line]
    for line in signature:
        root.add(_line("落款 signature", line))
    return root


def _add_section(parent: Tree, section: Section, recognised: dict[int, str]) -> None:
    label = RichText.assemble(
        (f"L{section.heading.number} ", "dim"),
        (f"{section.number} {section.title}", "bold" if section.level == 1 else ""),
        (f"  ({len(section.body)} 段)" if section.body else "", "dim"),
    )
    part = recognised.get(section.heading.number)
    if part:
        label.append(f"  → {part}", style="green")
    node = parent.add(label)
    for child in section.children:
        _add_section(node, child, recognised)


def _line(kind: str, line: Line) -> RichText:
    text = line.text.strip()
    return RichText.assemble((f"L{line.number} ", "dim"), (f"{kind}: ", "cyan"), text[:60])
