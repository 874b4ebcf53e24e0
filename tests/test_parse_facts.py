"""The grammar's view of real reports, and the facts read from them."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import SPEECHES, TEMPLATE, WUHAN_2005, XIANNING_2013, XUANZHOU_2011
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.clean import clean
from checker.facts.report import extract
from checker.ingest.text import split_lines
from checker.lint import read_report
from checker.model import Line, Source
from checker.parse import END, Grammar, Leaf, Node, _tokens, analyse, heading_level, parse, run
from checker.resources import data_path


def outline(path) -> list[tuple[int, int, str, str]]:
    report = read_report(str(path))
    return [(s.level, s.heading.number, s.number, s.title) for s in report.all_sections()]


def test_xianning_parts_and_subparts() -> None:
    parts = [p for p in outline(XIANNING_2013) if p[0] == 1]
    assert [p[3] for p in parts] == [
        "概述",
        "主动公开政府信息情况",
        "依申请公开信息办理情况",
        "信息公开收费及减免情况",
        "因政府信息公开申请行政复议、诉讼和申诉的情况",
        "政府信息公开工作中存在的问题及改进措施",
        "其他需报告的事项",
    ]
    assert parts[0][1] == 9 and parts[-1][1] == 53
    assert (2, 13, "一", "狠抓落实") in outline(XIANNING_2013)
    assert (3, 27, "一", "积极推进标准化政务服务网络体系建设") in outline(XIANNING_2013)


def test_title_meta_and_signature() -> None:
    report = read_report(str(XIANNING_2013))
    assert report.title is not None and report.title.number == 3
    assert [line.number for line in report.meta] == [5]
    assert report.signature.organ is not None and report.signature.organ.number == 57
    assert report.signature.date is not None and report.signature.date.number == 59


def test_headings_of_every_level() -> None:
    assert heading_level("一、概述") == (1, "一", "概述")
    assert heading_level("(二)加强指导。") == (2, "二", "加强指导")
    assert heading_level("1、管理规范和发展计划方面的政府信息。包括") == (
        3,
        "1",
        "管理规范和发展计划方面的政府信息",
    )
    assert heading_level("一是领导高度重视。市委") == (3, "一", "领导高度重视")
    assert heading_level("2013 年,通过市政府门户网站") is None
    assert heading_level("1.1万条") is None


def test_facts_of_the_seeds() -> None:
    facts = {
        path: extract(read_report(str(path)))
        for path in (WUHAN_2005, XIANNING_2013, XUANZHOU_2011, TEMPLATE)
    }
    xianning = facts[XIANNING_2013]
    assert (xianning.organ, xianning.reporting_year) == ("咸宁市人民政府办公室", 2013)
    assert (xianning.published_on, xianning.dated_on) == (date(2014, 2, 20), date(2014, 1, 22))
    assert xianning.period_stated
    wuhan = facts[WUHAN_2005]
    assert (wuhan.reporting_year, wuhan.organ) == (2005, "市人民政府办公厅")
    assert wuhan.dated_on == date(2006, 2, 7)
    assert not wuhan.period_stated
    xuanzhou = facts[XUANZHOU_2011]
    assert (xuanzhou.organ, xuanzhou.reporting_year) == ("宣州区政府办公室", 2011)
    assert xuanzhou.published_on == date(2012, 1, 17)
    assert facts[TEMPLATE].reporting_year is None  # "20xx年": a template, no year


def test_speeches_have_a_title_and_parse() -> None:
    report = read_report(str(SPEECHES))
    assert report.title is not None and "讲话" in report.title.text
    assert len(report.sections) > 5


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "一、概述",
                "(一)加强",
                "1.工作",
                "一是领导",
                "文字。",
                "|1|2|",
                "2014年1月22日",
                "咸宁市人民政府办公室",
                "",
                "  ",
            ]
        )
        | st.text(max_size=30),
        max_size=40,
    )
)
def test_any_sequence_of_lines_parses(lines: list[str]) -> None:
    text = "\n".join(line if isinstance(line, str) else "" for line in lines)
    source = Source("x.txt", "text", "utf-8", split_lines(text))
    report = parse(clean(source))
    numbers = {line.number for line in source.lines}
    for section in report.all_sections():
        assert section.heading.number in numbers


KINDS = ["TITLE", "META", "H1", "H2", "H3", "ROW", "SIGN_ORGAN", "SIGN_DATE", "TEXT"]
GRAMMAR = Path(data_path("grammars", "report.lark")).read_text(encoding="utf-8")


@functools.cache
def _lark() -> Any:
    """Lark's own LALR parser of the grammar, fed the line kinds as tokens."""
    from lark import Lark
    from lark.lexer import Lexer

    class Given(Lexer):
        def __init__(self, conf: object) -> None:
            pass

        def lex(self, data, *_):  # type: ignore[no-untyped-def]
            yield from data

    return Lark(GRAMMAR, parser="lalr", lexer=Given)


def _lark_tree(kinds: list[str]) -> object:
    """Lark's own parse of the kinds, as nested (rule, children) / (kind, index) tuples."""
    from lark import Token, Tree

    def plain(node: object) -> object:
        if isinstance(node, Tree):
            return (str(node.data), [plain(child) for child in node.children])
        assert isinstance(node, Token)
        return (node.type, int(node.value))

    return plain(_lark().parse([Token(kind, str(i)) for i, kind in enumerate(kinds)]))


def _plain(node: Node | Leaf) -> object:
    if isinstance(node, Leaf):
        return (node.kind, node.position)
    return (node.rule, [_plain(child) for child in node.children])


@functools.cache
def _tables() -> Grammar:
    return analyse(GRAMMAR)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(KINDS), max_size=30))
def test_the_tables_parse_as_lark_does(kinds: list[str]) -> None:
    """Same tree for what the grammar accepts, a rejection for what it does not."""
    from lark.exceptions import UnexpectedInput

    tables = _tables()
    try:
        expected = _lark_tree(kinds)
    except UnexpectedInput:
        with pytest.raises(ValueError, match="grammar"):
            run(tables, kinds)
    else:
        assert _plain(run(tables, kinds)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(KINDS), max_size=30))
def test_a_run_of_repeated_kinds_parses_as_one_token(kinds: list[str]) -> None:
    """A run of TEXT, ROW or META lines parsed as one token gives the tree of the lines
    parsed one by one, with the run's leaf standing for each of its lines."""
    lines = tuple(Line(i, "", "") for i in range(len(kinds)))
    tokens, groups = _tokens(lines, kinds)

    def expanded(node: Node | Leaf) -> list[object]:
        if isinstance(node, Leaf):
            return [(node.kind, line.number) for line in groups[node.position]]
        return [(node.rule, [item for child in node.children for item in expanded(child)])]

    try:
        one_by_one = run(_tables(), kinds)
    except ValueError:
        with pytest.raises(ValueError, match="grammar"):
            run(_tables(), tokens)
    else:
        assert expanded(run(_tables(), tokens)) == [_plain(one_by_one)]


def test_the_tables_parse_a_report_shape_exactly() -> None:
    kinds = ["TITLE", "META", "TEXT", "H1", "TEXT", "H2", "ROW", "H3", "TEXT", "H1", "H3",
             "SIGN_ORGAN", "SIGN_DATE"]  # fmt: skip
    tree = run(analyse(GRAMMAR), kinds)
    assert _plain(tree) == (
        "start",
        [
            ("front", [("TITLE", 0), ("META", 1), ("TEXT", 2)]),
            ("part", [("H1", 3), ("TEXT", 4), ("subpart2", [
                ("H2", 5), ("ROW", 6), ("subpart3", [("H3", 7), ("TEXT", 8)])])]),
            ("part", [("H1", 9), ("subpart3", [("H3", 10)])]),
            ("signature", [("SIGN_ORGAN", 11), ("SIGN_DATE", 12)]),
        ],
    )  # fmt: skip
    assert END == "$END"
