"""Parse: classify each cleaned line, then let the Lark grammar nest them into a Report.

The grammar (``grammars/report.lark``) is the authority on structure; this module only
decides what kind of line each line is and turns the parse tree into model objects.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterator, Sequence
from functools import lru_cache

import lark
from lark import Lark, Token, Tree
from lark.lexer import Lexer

from checker.facts.tables import Table, find_tables
from checker.model import Document, Line, Report, Section, Signature
from checker.resources import cache_dir, data_path

_CN = "一二三四五六七八九十"
_HEADINGS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^\s*([{_CN}]{{1,3}})\s*[、.]\s*")),
    (2, re.compile(rf"^\s*\(\s*([{_CN}]{{1,3}})\s*\)\s*")),
    (
        3,
        re.compile(
            rf"^\s*(\d{{1,2}})\s*[、.](?!\d)\s*|^\s*([{_CN}]{{1,3}})是(?=\S)|^\s*\((\d{{1,2}})\)\s*"
        ),
    ),
)
_META = re.compile(
    r"^\s*(?:来源|信息来源|发布时间|发布日期|日期|时间|成文日期|发布机构|索引号|文号|作者|主题分类)\s*:"
)
_DATE_ONLY = re.compile(
    r"^\s*\(?\s*(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}-\d{1,2}-\d{1,2}"
    r"|[〇○零一二三四五六七八九]{4}\s*年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)"
    r"\s*\)?\s*$"
)
ORGAN = re.compile(
    r"[\u4e00-\u9fff()]{2,30}?(?:人民政府办公[室厅]|人民政府|政府办公[室厅]|办公[室厅]|委员会|"
    r"管理局|[局委厅办署院会处所站]|中心|街道办事处|办事处|政府)"
)
_ORGAN_ONLY = re.compile(rf"^\s*(?:{ORGAN.pattern})\s*$")
# A table row: cells between pipes, or separated by tabs. Two patterns, because the anchor
# of the first in one alternation with the second would make the search try every column.
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TAB_ROW = re.compile(r"\t.*\t")
_TITLE_END = re.compile(r"[。,;:!?]\s*$")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")

TITLE_MAX = 60
SIGNATURE_LINES = 3


class _LineLexer(Lexer):
    """Hands the pre-classified line tokens to the LALR parser."""

    def __init__(self, lexer_conf: object) -> None:
        pass

    def lex(self, data: Sequence[Token], *_: object) -> Iterator[Token]:  # type: ignore[override]
        yield from data


@lru_cache(maxsize=1)
def _parser() -> Lark:
    grammar = data_path("grammars", "report.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=_LineLexer, cache=_cache_file(grammar))


def _cache_file(grammar: str) -> str | bool:
    """Where Lark keeps the analysed grammar, saving a fresh process its LALR tables.

    Lark checks the file against the grammar, its options and the Lark and Python versions,
    and rebuilds on any mismatch or a half-written file (two processes may write at once);
    the name carries the same versions, so installs of different versions never share it.
    """
    folder = cache_dir()
    if folder is None:
        return False
    key = f"{grammar}{lark.__version__}{sys.version_info[:2]}".encode()
    return str(folder / f"report-grammar-{hashlib.sha256(key).hexdigest()[:16]}.lark")


def heading_level(text: str) -> tuple[int, str, str] | None:
    """(level, number, title) when a line opens a numbered part, else None."""
    for level, pattern in _HEADINGS:
        match = pattern.match(text)
        if match:
            number = next(group for group in match.groups() if group)
            return level, number, _heading_title(text[match.end() :])
    return None


def _heading_title(rest: str) -> str:
    """The heading's words: up to the first full stop or colon, at most 40 characters."""
    title = re.split(r"[。:;]", rest.strip(), maxsplit=1)[0]
    return title[:40].strip()


def _is_signature_line(line: Line) -> str | None:
    if _DATE_ONLY.match(line.text):
        return "SIGN_DATE"
    if _ORGAN_ONLY.match(line.text):
        return "SIGN_ORGAN"
    return None


def classify(lines: Sequence[Line], tables: Sequence[Table] = ()) -> list[str]:
    """The token type of each line (see the grammar's header for the types).

    Every line inside one of the recognised ``tables`` is a ROW, whatever it looks like: in
    PDF text a row such as "一、本年新收政府信息公开申请数量 3001 …" reads like a heading.
    """
    kinds = [_classify_body(line) for line in lines]
    spans = [table.span for table in tables]
    for i, line in enumerate(lines):
        if any(first <= line.number <= last for first, last in spans):
            kinds[i] = "ROW"
    _shift_levels(kinds)
    first_part = next((i for i, kind in enumerate(kinds) if kind == "H1"), len(kinds))
    _mark_front(lines, kinds, first_part)
    _mark_signature(lines, kinds, first_part)
    return kinds


def _classify_body(line: Line) -> str:
    if _PIPE_ROW.match(line.text) or _TAB_ROW.search(line.text):
        return "ROW"
    found = heading_level(line.text)
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
        if _META.match(text) or _DATE_ONLY.match(text) or _ORGAN_ONLY.match(text):
            kinds[i] = "META"
        elif not titled and kinds[i] == "TEXT" and _looks_like_title(text):
            kinds[i] = "TITLE"
            titled = True


def _looks_like_title(text: str) -> bool:
    return len(text) <= TITLE_MAX and bool(_HAS_CJK.search(text)) and not _TITLE_END.search(text)


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
    tokens = [Token(kind, str(i)) for i, kind in enumerate(kinds)]
    tree = _parser().parse(tokens)
    report = _build(tree, lines, document)
    report.kinds = {line.number: kind for line, kind in zip(lines, kinds, strict=True)}
    report.tables = tables
    return report


def _line(token: Token, lines: Sequence[Line]) -> Line:
    return lines[int(token)]


def _build(tree: Tree[Token], lines: Sequence[Line], document: Document) -> Report:
    report = Report(document=document)
    front, *parts, signature = tree.children
    assert isinstance(front, Tree) and isinstance(signature, Tree)
    for token in front.children:
        assert isinstance(token, Token)
        line = _line(token, lines)
        if token.type == "TITLE":
            report.title = line
        elif token.type == "META":
            report.meta.append(line)
        else:
            report.preamble.append(line)
    report.sections = [_section(part, lines) for part in parts if isinstance(part, Tree)]
    report.signature = _signature(signature, lines)
    return report


def _section(tree: Tree[Token], lines: Sequence[Line]) -> Section:
    heading, *rest = tree.children
    assert isinstance(heading, Token)
    line = _line(heading, lines)
    _, number, title = heading_level(line.text) or (0, "", line.text.strip())
    section = Section(level=int(heading.type[1]), number=number, title=title, heading=line)
    for child in rest:
        if isinstance(child, Tree):
            section.children.append(_section(child, lines))
        else:
            section.body.append(_line(child, lines))
    return section


def _signature(tree: Tree[Token], lines: Sequence[Line]) -> Signature:
    signature = Signature()
    for token in tree.children:
        assert isinstance(token, Token)
        if token.type == "SIGN_DATE":
            signature.date = _line(token, lines)
        else:
            signature.organ = _line(token, lines)
    return signature
