"""The command line: ``xxgk lint``, ``xxgk outline``, ``xxgk rules``, ``xxgk deadline``.

Exit codes: 0 every report passed the gate; 1 a report scored below ``--min-score`` or has
a finding at or above ``--fail-on``; 2 a usage error or an input that could not be read.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from functools import wraps
from typing import Any, TypeVar

import click

from checker.deadlines import PURPOSES
from checker.errors import InputError, XxgkError
from checker.model import LEVELS, Scorecard
from checker.resources import SHIPPED

F = TypeVar("F", bound=Callable[..., Any])
FAIL_ON = ("error", "warning", "info", "none")


def _clear_errors(command: F) -> F:
    """Turn any expected error into one line on stderr and exit code 2."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except XxgkError as err:
            click.echo(f"xxgk: {err}", err=True)
            sys.exit(2)

    return run  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="xxgk")
def main() -> None:
    """xxgk — 政府信息公开工作年度报告合规检查 (annual disclosure report checker)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich",
              show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--rules", "rules", type=click.Path(dir_okay=False), help="Use this rulebook file.")
@click.option("--profile", type=click.Choice(SHIPPED), help="Force a shipped rulebook.")
@click.option("--min-score", type=float, default=60, show_default=True,
              help="Exit 1 when a report scores below this.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a report has a finding at or above this level.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here.")
@click.option("-v", "--verbose", is_flag=True, help="Also list the figures verified as right.")
@_clear_errors
def lint(paths: Sequence[str], fmt: str, lang: str, rules: str | None, profile: str | None,
         min_score: float, fail_on: str, output: str | None, verbose: bool) -> None:
    """Grade reports (files or directories) and print their scorecards."""
    from checker.lint import Options, expand
    from checker.lint import lint as lint_one
    from checker.rulebook import load

    if rules:
        load(rules)  # a malformed rulebook is a usage error before any report is read
    options = Options(rules=rules, profile=profile)
    cards: list[Scorecard] = []
    errors: list[tuple[str, str]] = []
    for path in expand(list(paths)):
        try:
            cards.append(lint_one(path, options))
        except InputError as err:
            errors.append((path, str(err)))
            click.echo(f"xxgk: {err}", err=True)
    _write(cards, errors, fmt, lang, output, verbose)
    sys.exit(_exit_code(cards, errors, min_score, fail_on))


def _write(cards: list[Scorecard], errors: list[tuple[str, str]], fmt: str, lang: str,
           output: str | None, verbose: bool) -> None:
    from rich.console import Console

    stream = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        if fmt == "json":
            from checker.render.data import dumps, error_dict, scorecard_dict

            rows = [scorecard_dict(card, lang) for card in cards]
            rows += [error_dict(path, message) for path, message in errors]
            if rows:
                stream.write(dumps(rows) + "\n")
        else:
            from checker.render.terminal import render

            render(Console(file=stream), cards, lang, verbose)
    finally:
        if output:
            stream.close()


def _exit_code(cards: list[Scorecard], errors: list[tuple[str, str]], min_score: float,
               fail_on: str) -> int:
    if errors:
        return 2
    gate = LEVELS[: LEVELS.index(fail_on) + 1] if fail_on != "none" else ()  # type: ignore[arg-type]
    failed = any(
        card.total < min_score or any(f.level in gate for f in card.findings) for card in cards
    )
    return 1 if failed else 0


@main.command()
@click.argument("path")
@_clear_errors
def outline(path: str) -> None:
    """Print the report's structure as the grammar understood it."""
    from rich.console import Console

    from checker.lint import read_report, recognised_parts
    from checker.render.outline import outline_tree

    report = read_report(path)
    Console().print(outline_tree(report, recognised_parts(report)))


@main.command()
@click.option("--rules", "rules", type=click.Path(dir_okay=False), help="A rulebook file.")
@click.option("--profile", type=click.Choice(SHIPPED), default="2008", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["rich", "markdown"]), default="rich",
              show_default=True, help="markdown: the reference of every shipped rulebook.")
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


def _date_argument(ctx: click.Context, param: click.Parameter, value: str) -> date:
    """A date as reports write it (2024-09-27, 2024年9月27日, 2024/9/27); else a usage error."""
    from checker.facts.numbers import parse_date

    day = parse_date(value)
    if day is None:
        raise click.BadParameter(
            f"无法识别的日期 {value!r}，请写作 2024-09-27 (not a date; write e.g. 2024-09-27)"
        )
    return day


@main.command()
@click.argument("day", metavar="DATE", callback=_date_argument)
@click.option("--for", "purpose", type=click.Choice(tuple(PURPOSES)), required=True,
              help="reply: answer a request; extension: reply plus the longest extension; "
                   "proactive: publish information from the day it was created or changed.")
@click.option("--profile", type=click.Choice(SHIPPED), default=SHIPPED[-1], show_default=True,
              help="The rules whose limits apply (default: the newest).")
@click.option("--rules", "rules", type=click.Path(dir_okay=False), help="Use this rulebook file.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
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
