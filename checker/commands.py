"""The commands other than ``lint``: ``dashboard``, ``compare``, ``outline``, ``rules``,
``init`` and ``deadline``.

Imported when one of them is run, or listed by ``xxgk --help`` (``checker.cli.Commands``):
building their options and help texts would cost every lint's start-up ~1 ms.
"""

from __future__ import annotations

import os
import sys
from datetime import date

import click

from checker.cli import LANG, PROFILE, RULES, _clear_errors, format_option
from checker.deadlines import PURPOSES
from checker.errors import XxgkError
from checker.resources import SHIPPED


@click.command()
@click.argument("scores", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the page to this file (replaced only once complete).",
)
@LANG
@click.option(
    "--rules",
    "rules",
    type=click.Path(dir_okay=False),
    help="The rulebook file the run used, if not a shipped one.",
)
@_clear_errors
def dashboard(scores: str, output: str | None, lang: str, rules: str | None) -> None:
    """Build the HTML dashboard from a saved run of 'xxgk lint … --format jsonl'.

    The page is the one 'xxgk lint PATHS --format html' writes for the same run; each
    report's text is read from its file again, when the file is still there.
    """
    from checker.lint import Options
    from checker.render import html
    from checker.render.output import open_output

    rows = html.read_rows(scores)
    with open_output(output) as out:
        out.write(html.dashboard_page(rows, lang, Options(rules=rules)))


@click.command()
@click.argument("last", metavar="LAST")
@click.argument("this", metavar="THIS")
@format_option(["rich", "json"])
@LANG
@RULES
@PROFILE
@click.option(
    "--force",
    is_flag=True,
    help="Compare even reports of two organs or of years that do not follow.",
)
@_clear_errors
def compare(
    last: str, this: str, fmt: str, lang: str, rules: str | None, profile: str | None, force: bool
) -> None:
    """Compare THIS year's report with LAST year's of the same organ.

    Shows both years' table figures and their change, the findings across years (carried-over
    requests, stock of documents, copied text) and the share of THIS year's text that repeats
    LAST year's, part by part.
    """
    from checker.compare import compare_reports
    from checker.lint import Options
    from checker.render.comparison import comparison_dict, layout

    for path in (last, this):
        if path != "-" and not os.path.isfile(path):
            raise XxgkError(f"{path}: 文件不存在 (no such file)")
    found = compare_reports(last, this, Options(rules=rules, profile=profile), force=force)
    out = sys.stdout
    if fmt == "json":
        import json

        json.dump(comparison_dict(found, lang), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif out.isatty():
        from rich.console import Console

        from checker.render.terminal import painted

        Console(file=out).print(painted(layout(found, lang)))
    else:
        from checker.render.plain import write_blocks

        write_blocks(out, layout(found, lang))


@click.command()
@click.argument("path")
@_clear_errors
def outline(path: str) -> None:
    """Print the report's structure as the grammar understood it."""
    from rich.console import Console

    from checker.lint import read_report, recognised_parts
    from checker.render.outline import outline_tree

    report = read_report(path)
    Console().print(outline_tree(report, recognised_parts(report)))


@click.command()
@click.option("--rules", "rules", type=click.Path(dir_okay=False), help="A rulebook file.")
@click.option("--profile", type=click.Choice(SHIPPED), default="2008", show_default=True)
@LANG
@format_option(["rich", "markdown"], "markdown: the reference of every shipped rulebook.")
@_clear_errors
def rules(rules: str | None, profile: str, lang: str, fmt: str) -> None:
    """List the rules of a rulebook (or write the rules reference in markdown)."""
    from rich.console import Console

    from checker.render.rulelist import rule_table, rules_markdown
    from checker.rulebook import load, load_shipped

    if fmt == "markdown":
        books = [load(rules)] if rules else [load_shipped(name) for name in SHIPPED]
        click.echo(rules_markdown(books), nl=False)
        return
    book = load(rules) if rules else load_shipped(profile)
    Console().print(rule_table(book, lang))


@click.command()
@click.option("--organ", required=True, help="The reporting organ's name, e.g. 淮安市人民政府.")
@click.option(
    "--year",
    type=click.IntRange(2019, 2099),
    required=True,
    help="The reporting year (2019 on: the standard format with its tables).",
)
@click.option(
    "--kind",
    type=click.Choice(["government", "department"]),
    help="The kind of organ, when its name does not tell.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    help="The draft to write: .docx, .md or .txt.",
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@_clear_errors
def init(organ: str, year: int, kind: str | None, output: str, force: bool) -> None:
    """Write the draft of a report in the standard format of YEAR's rulebook.

    Each part has a prompt of what it must say, which `xxgk lint` reports as a placeholder
    until it is replaced; the tables 2-4 (2019 on) hold 0 in every cell.
    """
    from pathlib import Path

    from checker.draft import draft, write
    from checker.lint import DEFAULT, select_rulebook
    from checker.model import ReportFacts

    if Path(output).exists() and not force:
        raise XxgkError(f"{output}: 文件已存在，用 --force 覆盖 (exists; --force replaces it)")
    facts = ReportFacts(None, organ, year, None, None, None, None, False)
    book, _ = select_rulebook(facts, DEFAULT)
    write(draft(book, organ, year, kind), output)
    click.echo(
        f"xxgk: 已生成 {output}（{book.id} 规则）(draft written under the {book.id} rules)",
        err=True,
    )


def _date_argument(ctx: click.Context, param: click.Parameter, value: str) -> date:
    """A date as reports write it (2024-09-27, 2024年9月27日, 2024/9/27); else a usage error."""
    from checker.facts.numbers import parse_date

    day = parse_date(value)
    if day is None:
        raise click.BadParameter(
            f"无法识别的日期 {value!r}，请写作 2024-09-27 (not a date; write e.g. 2024-09-27)"
        )
    return day


@click.command()
@click.argument("day", metavar="DATE", callback=_date_argument)
@click.option(
    "--for",
    "purpose",
    type=click.Choice(tuple(PURPOSES)),
    required=True,
    help="reply: answer a request; extension: reply plus the longest extension; "
    "proactive: publish information from the day it was created or changed.",
)
@click.option(
    "--profile",
    type=click.Choice(SHIPPED),
    default=SHIPPED[-1],
    show_default=True,
    help="The rules whose limits apply (default: the newest).",
)
@RULES
@LANG
@_clear_errors
def deadline(day: date, purpose: str, profile: str, rules: str | None, lang: str) -> None:
    """The last day allowed to reply or to disclose, counted from DATE.

    DATE is the day a request was received or the information created or changed (not
    counted), e.g. 2024-09-27 or 2024年9月27日.
    """
    from rich.console import Console

    from checker.deadlines import due_date
    from checker.render.deadline import deadline_view
    from checker.rulebook import load, load_shipped

    book = load(rules) if rules else load_shipped(profile)
    Console().print(deadline_view(due_date(book, purpose, day), book, lang))
