"""The command line: ``xxgk lint`` here; ``xxgk compare``, ``outline``, ``rules``,
``deadline``, ``init`` and ``dashboard`` in ``checker.commands``.

Exit codes: 0 every report passed the gate; 1 a report scored below ``--min-score`` or has
a finding at or above ``--fail-on``; 2 a usage error or an input that could not be read.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import wraps
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click
from msgspec import Struct

from checker.errors import XxgkError
from checker.model import LEVELS
from checker.resources import SHIPPED

if TYPE_CHECKING:
    from checker.baseline import Baseline
    from checker.batch import Result
    from checker.lint import Options
    from checker.model import Scorecard
    from checker.render.data import Row
    from checker.rulebook import Rulebook

F = TypeVar("F", bound=Callable[..., Any])
FAIL_ON = ("error", "warning", "info", "none")
FORMATS = ("rich", "json", "jsonl", "csv", "sarif", "github", "html")


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


#: Options several commands share.
LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
RULES = click.option(
    "--rules", "rules", type=click.Path(dir_okay=False), help="Use this rulebook file."
)
PROFILE = click.option("--profile", type=click.Choice(SHIPPED), help="Force a shipped rulebook.")


def format_option(choices: Sequence[str], help_text: str = "Output format.") -> Callable[[F], F]:
    """A command's ``--format`` (its value passed as ``fmt``), ``rich`` by default."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default="rich", show_default=True,
        help=help_text,
    )


#: The commands defined in ``checker.commands``, by name.
ELSEWHERE = ("compare", "dashboard", "deadline", "init", "outline", "rules")


class Commands(click.Group):
    """xxgk's commands: ``lint`` is defined here, the others in ``checker.commands``,
    imported only when one of them is run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*self.commands, *ELSEWHERE])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in ELSEWHERE:
            from checker import commands

            command: click.Command = getattr(commands, name)
            return command
        return super().get_command(ctx, name)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="xxgk")
def main() -> None:
    """xxgk — 政府信息公开工作年度报告合规检查 (annual disclosure report checker)."""


def run() -> None:
    """The ``xxgk`` command: ``main``, then an exit without a last garbage collection.

    The regular expressions a previous run compiled are taken from the cache first, and
    new ones stored at the end (``checker.cache.preload_patterns``). At exit Python walks
    every object for cycles once more; for a one-file lint that is ~9 ms of nothing (the
    process is ending), so the objects are frozen out of it first.
    """
    from checker.cache import preload_patterns, store_patterns

    preload_patterns()
    try:
        main()
    finally:
        store_patterns()
        gc.freeze()


def _collect_from_here() -> None:
    """Set the objects of start-up aside from the garbage collector and turn it on, when
    the command was started with it off (``checker.__main__``): the reports come next."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


@main.command()
@click.argument("paths", nargs=-1, required=True)
@format_option(FORMATS)
@LANG
@RULES
@PROFILE
@click.option("--min-score", type=float, default=60, show_default=True,
              help="Exit 1 when a report scores below this.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a report has a finding at or above this level.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the output to this file (replaced only once complete).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), show_default="one per core",
              help="Grade this many files at once, in separate processes.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also list the figures verified, the page chrome set aside and the findings "
                   "a baseline set aside.")
@click.option("--previous", type=click.Path(dir_okay=False), metavar="LAST",
              help="Also check the report against this one, the same organ's report of the "
                   "year before (carry-over, stock of documents, copied text).")
@click.option("--history", is_flag=True,
              help="Check each report against the same organ's report of the year before, "
                   "when that is among PATHS too.")
@click.option("--config", "config", type=click.Path(dir_okay=False),
              help="Use this configuration file (default: xxgk.toml, .xxgk.toml or [tool.xxgk] "
                   "in pyproject.toml beside each report or above it).")
@click.option("--isolated", is_flag=True, help="Read no configuration file.")
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="Report and fail only on findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record every finding in this baseline file (then exit 0 unless a file "
                   "is unreadable).")
@_clear_errors
def lint(paths: Sequence[str], fmt: str, lang: str, rules: str | None, profile: str | None,
         min_score: float, fail_on: str, output: str | None, jobs: int | None,
         verbose: bool, previous: str | None, history: bool, config: str | None,
         isolated: bool, baseline: str | None, write_baseline: str | None) -> None:
    """Grade reports and print their scorecards.

    PATHS are files, directories (searched recursively) and glob patterns such as
    'pages/**/*.txt'. A file that cannot be read becomes an error row and the others
    are still graded (exit code 2 at the end).
    """
    from checker.batch import default_jobs, expand, grade_all
    from checker.config import found_once
    from checker.lint import Options
    from checker.render.output import open_output
    from checker.render.progress import progress
    from checker.rulebook import load

    _collect_from_here()
    if rules:
        load(rules)  # a malformed rulebook is a usage error before any report is read
    files = expand(paths)
    if previous is not None:
        _one_report_with_previous(files, previous, history)
    with found_once():  # the batch's folders are looked in once for configuration files
        settings = _Settings.of(click.get_current_context(), config, isolated, files)
        options = Options(rules=rules, profile=profile, config=config, discover=not isolated)
        known = _read_baseline(baseline)
        gate = _Gate(min_score, fail_on, settings.given)
        recorded: list[Scorecard] = []
        with progress(len(files)) as advance, open_output(output) as out:
            results = (
                _with_previous(files[0], options, previous)
                if previous is not None
                else grade_all(
                    files, options, settings.get("jobs", jobs) or default_jobs(), history=history
                )
            )
            if known:
                results = _against(results, known, baseline or "")
            if write_baseline:
                results = _kept(results, recorded)
            view = _View(settings.get("fmt", fmt), settings.get("lang", lang), verbose,
                         single=len(files) == 1, to_file=output is not None)
            watched = _watched(results, gate, advance, out, flush=output is None)
            view.write(watched, out, options)
    if write_baseline:
        _write_baseline(recorded, write_baseline)
        sys.exit(2 if gate.unreadable else 0)
    sys.exit(gate.exit_code())


class _Settings(Struct, frozen=True):
    """The batch's settings from its configuration file (``--config``, else the one found
    for the current folder) where the command line did not give them."""

    values: dict[str, Any]
    given: frozenset[str]  # the options given on the command line

    @classmethod
    def of(cls, ctx: click.Context, config: str | None, isolated: bool,
           files: Sequence[str]) -> _Settings:
        from click.core import ParameterSource

        from checker.config import for_report

        for path in files:  # a malformed configuration is a usage error before any grading
            for_report(path, config, not isolated)
        found = for_report(".", config, not isolated) if config or not isolated else None
        given = frozenset(
            name for name in ctx.params
            if ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None)
        )
        values = {"fmt": found.format, "lang": found.lang, "jobs": found.jobs} if found else {}
        return cls({k: v for k, v in values.items() if v is not None}, given)

    def get(self, name: str, value: Any) -> Any:
        """The option's value: the command line's if given, else the configuration's."""
        return value if name in self.given else self.values.get(name, value)


def _read_baseline(path: str | None) -> Baseline | None:
    if not path:
        return None
    from checker.baseline import read

    return read(path)


def _against(results: Iterable[Result], known: Baseline, path: str) -> Iterator[Result]:
    """The results with the findings the baseline knows set aside."""
    from msgspec.structs import replace

    from checker.baseline import apply

    for result in results:
        yield replace(result, card=apply(result.card, known, path)) if result.card else result


def _kept(results: Iterable[Result], cards: list[Scorecard]) -> Iterator[Result]:
    """The results as they pass, their scorecards kept for the baseline to be written."""
    for result in results:
        if result.card:
            cards.append(result.card)
        yield result


def _write_baseline(cards: list[Scorecard], path: str) -> None:
    from checker.baseline import record, write

    baseline = record(cards, path)
    write(baseline, path)
    count = sum(len(report.findings) for report in baseline.reports.values())
    click.echo(f"xxgk: 已将 {len(cards)} 份报告的 {count} 项问题记入基线 {path} "
               f"(recorded {count} findings of {len(cards)} reports in the baseline)", err=True)


def _one_report_with_previous(files: Sequence[str], previous: str, history: bool) -> None:
    """``--previous`` is one report's year before: a usage error with more, or with
    ``--history``."""
    from checker.errors import InputError

    if history or len(files) != 1:
        raise InputError(
            "--previous 只能用于一份报告，且不能与 --history 同用 "
            "(--previous takes one report, and not with --history)"
        )
    if not os.path.isfile(previous):
        raise InputError(f"{previous}: 文件不存在 (no such file)")


def _with_previous(path: str, options: Options, previous: str) -> Iterator[Result]:
    """The one result of ``--previous``. Either report unreadable, or the two of different
    organs, is a usage error (exit 2): there is nothing to compare."""
    from checker.batch import Result
    from checker.lint import read, refuse_pair, scorecard

    this, last = read(path, options), read(previous, options)
    refuse_pair(last, this, years=False)
    yield Result(path, card=scorecard(this, last))


def _watched(results: Iterable[Result], gate: _Gate, advance: Callable[[], None],
             out: TextIO, flush: bool) -> Iterator[Result]:
    """The results as they come, each passed through the gate and reported on stderr;
    with ``flush``, each one's output is let out as soon as it is written (a file of
    ``--output`` is read by no one before it is complete)."""
    for result in results:
        gate.add(result)
        if result.error:  # sys.stderr by name: a progress bar may be showing it above the bar
            click.echo(f"xxgk: {result.error}", file=sys.stderr)
        yield result
        if flush:  # its output is written: let a reader of the pipe or terminal have it now
            out.flush()
        advance()


class _Gate(Struct):
    """The exit code of a batch, kept as the results pass (none is held on to)."""

    min_score: float
    fail_on: str
    given: frozenset[str] = frozenset()  # the options given on the command line
    failed: bool = False
    unreadable: bool = False

    def add(self, result: Result) -> None:
        card = result.card
        if card is None:
            self.unreadable = True
            return
        min_score, fail_on = self.limits(card)
        if card.baseline and card.baseline.score is not None:
            min_score = min(min_score, card.baseline.score)  # a known low score may stay
        levels = LEVELS[: FAIL_ON.index(fail_on) + 1] if fail_on != "none" else ()
        if card.total < min_score or any(f.level in levels for f in card.findings):
            self.failed = True

    def limits(self, card: Scorecard) -> tuple[float, str]:
        """The report's ``--min-score`` and ``--fail-on``: the command line's when given,
        else its configuration file's, else the defaults."""
        config = card.config
        min_score, fail_on = self.min_score, self.fail_on
        if config and config.min_score is not None and "min_score" not in self.given:
            min_score = config.min_score
        if config and config.fail_on is not None and "fail_on" not in self.given:
            fail_on = config.fail_on
        return min_score, fail_on

    def exit_code(self) -> int:
        return 2 if self.unreadable else 1 if self.failed else 0


class _View(Struct, frozen=True):
    """How results are written: the format and its settings."""

    fmt: str
    lang: str
    verbose: bool
    single: bool
    to_file: bool

    def write(self, results: Iterable[Result], out: TextIO, options: Options) -> None:
        if self.fmt == "rich":
            cards = (result.card for result in results if result.card)
            if out.isatty():
                from rich.console import Console

                from checker.render.terminal import render

                render(Console(file=out), cards, self.lang, self.verbose)
            else:  # a pipe or a file: the same scorecard as plain lines, without rich
                from checker.render import plain

                plain.render(out, cards, self.lang, self.verbose)
            return
        rows = _rows(results, self.lang)
        if self.fmt == "json":
            from checker.render import jsondoc

            jsondoc.write(rows, out, single=self.single)
        elif self.fmt == "jsonl":
            from checker.render import jsonlines

            jsonlines.write(rows, out)
        elif self.fmt == "csv":
            from checker.render import csvrows

            csvrows.write(rows, out, bom=self.to_file)  # Excel reads UTF-8 only with a BOM
        elif self.fmt == "github":
            from checker.render import github

            github.write(rows, out)
        elif self.fmt == "html":  # one file: its annotated page; more: the dashboard
            from checker.render import html

            html.write(rows, out, self.lang, self.single, options)
        else:
            from checker.render import sarif
            from checker.render.data import rule_catalog

            sarif.write(rows, out, rule_catalog(_rulebooks(options), self.lang))


def _rows(results: Iterable[Result], lang: str) -> Iterator[Row]:
    """The plain-data row of each result, which every format but rich is written from."""
    from checker.render.data import error_dict, scorecard_dict

    for result in results:
        if result.card:
            yield scorecard_dict(result.card, lang)
        else:
            yield error_dict(result.path, result.error or "")


def _rulebooks(options: Options) -> list[Rulebook]:
    """Every rulebook a report of this batch may have been graded by."""
    from checker.rulebook import load, load_shipped

    return [load(options.rules)] if options.rules else [load_shipped(n) for n in SHIPPED]
