"""Parse: classify each cleaned line, then let the Lark grammar nest them into a Report.

The grammar (``grammars/report.lark``) is the authority on structure; this module only
decides what kind of line each line is and turns the parse tree into model objects.

Lark analyses the grammar into LALR(1) tables once; the tables are plain data, kept in the
user's cache, and run here by a short shift-reduce loop. A fresh ``xxgk`` process so never
imports Lark (~30 ms, a third of a whole lint) unless the grammar or xxgk has changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from msgspec import Struct

from checker.clean import is_cjk
from checker.model import Document, Line, Report, Section, Signature, Table
from checker.resources import data_path
from checker.tables import find_tables

_CN = "一二三四五六七八九十"
#: A heading's number, tried in this order: 一、 (level 1), （一） (level 2), 1. 一是 (1)
#: (level 3). The group that holds the number tells the level (``_LEVELS``).
_HEADING = re.compile(
    rf"\s*(?:([{_CN}]{{1,3}})\s*[、.]"
    rf"|\(\s*([{_CN}]{{1,3}})\s*\)"
    rf"|(\d{{1,2}})\s*[、.](?!\d)|([{_CN}]{{1,3}})是(?=\S)|\((\d{{1,2}})\))\s*"
)
_LEVELS = (0, 1, 2, 3, 3, 3)  # by the number's group
_TITLE_STOP = re.compile(r"[。:;]")
META = re.compile(
    r"^\s*(?:来源|信息来源|发布时间|发布日期|日期|时间|成文日期|发布机构|索引号|文号|作者|主题分类)\s*:"
)
DATE_ONLY = re.compile(
    r"^\s*\(?\s*(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}-\d{1,2}-\d{1,2}"
    r"|[〇○零一二三四五六七八九]{4}\s*年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)"
    r"\s*\)?\s*$"
)
ORGAN = re.compile(
    r"[\u4e00-\u9fff()]{2,30}?(?:人民政府办公[室厅]|人民政府|政府办公[室厅]|办公[室厅]|委员会|"
    r"管理局|[局委厅办署院会处所站]|中心|街道办事处|办事处|政府)"
)
# A table row: cells between pipes, or separated by tabs. Two patterns, because the anchor
# of the first in one alternation with the second would make the search try every column.
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TAB_ROW = re.compile(r"\t.*\t")
_TITLE_END = re.compile(r"[。,;:!?]\s*$")

TITLE_MAX = 60
SIGNATURE_LINES = 3


class Leaf(Struct, frozen=True):
    """A line in the parse tree: its token type and its index in the document's lines."""

    kind: str
    position: int


class Node(Struct, frozen=True):
    """A rule matched in the parse tree (``part``, ``subpart2`` …) and what it spans."""

    rule: str
    children: list[Node | Leaf]


class Grammar(Struct, frozen=True):
    """The LALR(1) tables of ``grammars/report.lark``, as Lark computes them.

    ``shift[state][symbol]`` is the state after a token or a reduced rule (goto);
    ``reduce[state][lookahead]`` is the rule to reduce by, as (name, length).
    """

    shift: dict[int, dict[str, int]]
    reduce: dict[int, dict[str, tuple[str, int]]]
    start: int
    end: int


END = "$END"


@lru_cache(maxsize=1)
def _grammar() -> Grammar:
    from checker.cache import cached

    path = data_path("grammars", "report.lark")

    def build() -> Grammar:
        with open(path, encoding="utf-8") as file:
            return analyse(file.read())

    return cached("report-grammar", [path], build)


def analyse(grammar: str) -> Grammar:
    """Lark's LALR(1) analysis of ``grammar`` (over line tokens) as plain tables."""
    from lark import Lark
    from lark.parsers.lalr_analysis import Shift

    lalr = Lark(grammar, parser="lalr", lexer="basic")
    tables = lalr.parser.parser.parser.parse_table
    shift: dict[int, dict[str, int]] = {}
    reduce: dict[int, dict[str, tuple[str, int]]] = {}
    for state, actions in tables.states.items():
        shift[state], reduce[state] = {}, {}
        for symbol, (action, arg) in actions.items():
            if action is Shift:
                shift[state][str(symbol)] = arg
            else:  # names are plain strings, so the cached tables never need Lark to load
                reduce[state][str(symbol)] = (str(arg.origin.name), len(arg.expansion))
    return Grammar(shift, reduce, tables.start_states["start"], tables.end_states["start"])


def run(grammar: Grammar, kinds: Sequence[str]) -> Node:
    """The parse tree of a sequence of line kinds (shift-reduce over the LALR tables).

    As in Lark, a rule whose name starts with ``_`` (including the helper rules Lark makes
    for ``*``) leaves no node of its own: its children join its parent's. On the stack such
    a rule is just the list of its children.
    """
    shift, reduce, end = grammar.shift, grammar.reduce, grammar.end
    states, values = [grammar.start], list[Node | Leaf | list[Node | Leaf]]()
    for index, kind in enumerate([*kinds, END]):
        state = states[-1]
        while (rule := reduce[state].get(kind)) is not None:
            name, size = rule
            children = _spliced(values[-size:]) if size else []
            if size:
                del values[-size:], states[-size:]
            value = children if name[0] == "_" else Node(name, children)
            state = shift[states[-1]][name]
            states.append(state)
            values.append(value)
            if kind == END and state == end:
                assert isinstance(value, Node)
                return value
        state = shift[state].get(kind, -1)
        if state < 0:
            raise ValueError(f"grammar rejects {kind} at line token {index}")
        states.append(state)
        values.append(Leaf(kind, index))
    raise ValueError("grammar did not accept the end of the report")


def _spliced(children: list[Node | Leaf | list[Node | Leaf]]) -> list[Node | Leaf]:
    """The children with those of ``_`` rules (lists) put in their place.

    A ``*`` is a left-recursive helper rule, so its first child is the list built so far:
    that list is extended, not copied, which keeps a run of n lines linear, not quadratic.
    """
    first = children[0]
    spliced = first if isinstance(first, list) else [first]
    for child in children[1:]:
        if isinstance(child, list):
            spliced.extend(child)
        else:
            spliced.append(child)
    return spliced


def heading_level(text: str) -> tuple[int, str, str] | None:
    """(level, number, title) when a line opens a numbered part, else None."""
    match = _HEADING.match(text)
    if match is None:
        return None
    group = match.lastindex or 0  # the one group that takes part (never 0)
    return _LEVELS[group], match[group], _heading_title(text[match.end() :])


def _heading_title(rest: str) -> str:
    """The heading's words: up to the first full stop or colon, at most 40 characters."""
    title = _TITLE_STOP.split(rest.strip(), maxsplit=1)[0]
    return title[:40].strip()


def organ_name(text: str) -> str | None:
    """The organ's name when a line is nothing but an organ's name (a signature, a source)."""
    match = ORGAN.fullmatch(text.strip())
    return match.group() if match else None


def _is_signature_line(line: Line) -> str | None:
    if DATE_ONLY.match(line.text):
        return "SIGN_DATE"
    if organ_name(line.text):
        return "SIGN_ORGAN"
    return None


def classify(lines: Sequence[Line], tables: Sequence[Table] = ()) -> list[str]:
    """The token type of each line (see the grammar's header for the types).

    Every line inside one of the recognised ``tables`` is a ROW, whatever it looks like: in
    PDF text a row such as "一、本年新收政府信息公开申请数量 3001 …" reads like a heading.
    """
    spans = [table.span for table in tables]
    rows = {number for first, last in spans for number in range(first, last + 1)}
    kinds = ["ROW" if line.number in rows else _classify_body(line) for line in lines]
    _shift_levels(kinds)
    first_part = next((i for i, kind in enumerate(kinds) if kind == "H1"), len(kinds))
    _mark_front(lines, kinds, first_part)
    _mark_signature(lines, kinds, first_part)
    return kinds


def _classify_body(line: Line) -> str:
    text = line.text
    if ("|" in text and _PIPE_ROW.match(text)) or ("\t" in text and _TAB_ROW.search(text)):
        return "ROW"
    found = heading_level(text)
    return f"H{found[0]}" if found else "TEXT"


def _shift_levels(kinds: list[str]) -> None:
    """A report numbered only from （一） or 1. has those as its top level."""
    present = sorted({int(kind[1]) for kind in kinds if kind in ("H1", "H2", "H3")})
    if present and present[0] > 1:
        shift = present[0] - 1
        for i, kind in enumerate(kinds):
            if kind in ("H2", "H3"):
                kinds[i] = f"H{int(kind[1]) - shift}"


def _mark_front(lines: Sequence[Line], kinds: list[str], first_part: int) -> None:
    titled = False
    for i in range(first_part):
        text = lines[i].text.strip()
        if META.match(text) or DATE_ONLY.match(text) or organ_name(text):
            kinds[i] = "META"
        elif not titled and kinds[i] == "TEXT" and _looks_like_title(text):
            kinds[i] = "TITLE"
            titled = True


def _looks_like_title(text: str) -> bool:
    return len(text) <= TITLE_MAX and any(map(is_cjk, text)) and not _TITLE_END.search(text)


def _mark_signature(lines: Sequence[Line], kinds: list[str], first_part: int) -> None:
    """The last few short organ/date lines after the parts are the signature (落款)."""
    start = max(first_part, len(lines) - SIGNATURE_LINES)
    for i in range(len(lines) - 1, start - 1, -1):
        kind = _is_signature_line(lines[i]) if kinds[i] == "TEXT" else None
        if kind is None:
            break
        kinds[i] = kind


def parse(document: Document) -> Report:
    """The report tree of a cleaned document, with its tables. Never raises on real text."""
    lines = document.lines
    tables = find_tables(lines)
    kinds = classify(lines, tables)
    tokens, groups = _tokens(lines, kinds)
    tree = run(_grammar(), tokens)
    report = _build(tree, groups, document)
    report.kinds = {line.number: kind for line, kind in zip(lines, kinds, strict=True)}
    report.tables = tables
    return report


#: Line kinds that the grammar only ever repeats, as ``(TEXT | ROW | META)*``: a run of
#: lines of one of them parses as the same run of one, so it is one token.
_REPEATED = frozenset({"TEXT", "ROW", "META"})


def _tokens(lines: Sequence[Line], kinds: Sequence[str]) -> tuple[list[str], list[Sequence[Line]]]:
    """The tokens to parse (a line's kind, or one for a run of lines of a kind in
    ``_REPEATED``: a report's paragraphs and tables) and the lines each stands for."""
    tokens: list[str] = []
    starts: list[int] = []  # the line each token starts at
    for index, kind in enumerate(kinds):
        if not (tokens and kind == tokens[-1] and kind in _REPEATED):
            tokens.append(kind)
            starts.append(index)
    return tokens, [lines[start:end] for start, end in pairwise([*starts, len(kinds)])]


def _leaves(node: Node | Leaf) -> list[Leaf]:
    assert isinstance(node, Node) and all(isinstance(c, Leaf) for c in node.children)
    return node.children  # type: ignore[return-value]


def _build(tree: Node, groups: Sequence[Sequence[Line]], document: Document) -> Report:
    """The report of a parse tree whose leaf ``i`` stands for the lines ``groups[i]``."""
    report = Report(document=document)
    front, *parts, signature = tree.children
    for leaf in _leaves(front):
        for line in groups[leaf.position]:
            if leaf.kind == "TITLE":
                report.title = line
            elif leaf.kind == "META":
                report.meta.append(line)
            else:
                report.preamble.append(line)
    report.sections = [_section(part, groups) for part in parts if isinstance(part, Node)]
    report.signature = _signature(_leaves(signature), groups)
    return report


def _section(tree: Node, groups: Sequence[Sequence[Line]]) -> Section:
    heading, *rest = tree.children
    assert isinstance(heading, Leaf)
    (line,) = groups[heading.position]  # a heading is a token of its own
    _, number, title = heading_level(line.text) or (0, "", line.text.strip())
    section = Section(level=int(heading.kind[1]), number=number, title=title, heading=line)
    for child in rest:
        if isinstance(child, Node):
            section.children.append(_section(child, groups))
        else:
            section.body.extend(groups[child.position])
    return section


def _signature(leaves: Sequence[Leaf], groups: Sequence[Sequence[Line]]) -> Signature:
    signature = Signature()
    for leaf in leaves:
        for line in groups[leaf.position]:
            if leaf.kind == "SIGN_DATE":
                signature.date = line
            else:
                signature.organ = line
    return signature
