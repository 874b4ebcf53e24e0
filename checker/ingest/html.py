"""Saved web pages: the report's text found among the site's chrome, tables as pipe rows.

Pages are parsed with lxml's HTML parser (libxml2, installed with python-docx anyway):
C speed and linear on any input. The standard library's ``html.parser`` is not: on
Python 3.11, 200 000 unterminated ``<!--`` take minutes. Its size limits are lifted
(``huge_tree``: a saved page may inline a 10 MB image), but it still stops at 2048 levels
of nesting, which no real page reaches; such a page is refused rather than half read.

A line of the extracted text keeps the source line of the element its text starts in
(``html l.345``), so a finding can be found in the page's source too.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html
from msgspec import Struct, field

from checker.clean import NOT_CJK
from checker.errors import InputError
from checker.ingest.layout import Extracted, assemble, is_data_table, pipe_rows
from checker.ingest.text import codec, decode
from checker.model import Source

_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

#: Elements that are never report text: code, controls, embedded objects, and the parts
#: HTML itself marks as navigation or aside.
_NOT_TEXT = (
    "head", "script", "style", "noscript", "template", "nav", "aside", "select", "button",
    "textarea", "iframe", "object", "embed", "svg", "canvas", "map",
)  # fmt: skip
# Hidden elements (SEO text, templates): lowercase the style, drop its spaces and colons.
_HIDDEN = "//*[@hidden or contains(translate(@style, 'DISPLAYNOE :', 'displaynoe'), 'displaynone')]"
#: Elements that start and end a line; everything else (span, font, a, b…) flows inline.
_BLOCKS = frozenset((
    "address", "article", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
))  # fmt: skip
_SPACE = re.compile(r"[ \t\n\r\f\xa0]+")  # HTML whitespace and &nbsp;, not the 全角 space
#: The report's title line: names the report, is no link, and is no breadcrumb.
_TITLE = re.compile(r"年度?报告")
_BREADCRUMB = re.compile(r"[>»›]|当前位置|所在位置")
_FIRST_PART = re.compile(r"\s*一\s*[、.]")  # the heading of a report's first part
_MAX_TITLE = 80
#: The report is the smallest part of the page holding its title, its first heading and
#: this share of the page's text (not counting link text: menus and link lists are the
#: site's).
_BODY_SHARE = 0.8
_OUTSIDE = "outside-report"  # why the page's other lines are set aside
#: A span covering more grid slots than this many times its cells is refused as data.
_MAX_SPAN_GROWTH = 10


def html_source(data: bytes, path: str) -> Source:
    """Read a saved web page into the lines of the report it shows."""
    text, encoding = _decode(data, path)
    lines, blocks = _Reader().read(_parse(text, path))
    start, end = _report_span(lines, blocks)
    pieces = (
        Extracted(line.text, f"html l.{line.source}", None if start <= i < end else _OUTSIDE)
        for i, line in enumerate(lines)
    )
    return assemble(path, "html", encoding, pieces)


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """The page's text: by its BOM, else by its ``<meta charset>``, else by detection.

    A declaration that does not fit the bytes (a GBK page that says UTF-8) is ignored.
    """
    declared = None if data.startswith(_BOMS) else _DECLARED.search(data[:4096])
    if declared is not None:
        encoding = codec(declared.group(1).decode("ascii"))
        try:
            text = data.decode(encoding, errors="replace")
        except LookupError:  # a charset Python does not know
            return decode(data, path)
        if text.count("\ufffd") <= len(text) / 1000:
            return text, encoding
    return decode(data, path)


def _parse(text: str, path: str) -> etree._Element:
    """The page's element tree without code, hidden and non-text elements."""
    parser = lxml_html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    except etree.LxmlError as err:
        reason = " ".join(str(err).split())
        raise InputError(f"{path}: 无法解析网页 (cannot parse the HTML: {reason})") from err
    limit = next((e for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None)
    if limit is not None:  # "Excessive depth in document: 2048, use XML_PARSE_HUGE option"
        reason = limit.message.split(",")[0].strip()
        raise InputError(
            f"{path}: 网页结构超出解析限制 (the page is beyond what can be read: {reason})"
        )
    if root is None:
        raise InputError(f"{path}: 网页中没有文字 (no text in the page)")
    etree.strip_elements(root, *_NOT_TEXT, with_tail=False)
    for hidden in root.xpath(_HIDDEN):
        hidden.drop_tree()
    return root


class _Line(Struct):
    """A line of the page's text, its source line, and its Chinese characters outside links."""

    text: str
    source: int
    weight: int


class _Reader(Struct):
    """Walks the tree (iteratively: no recursion, whatever the depth) into lines of text.

    A line's source line is that of the element its text starts in, or, for text after an
    element's end, of that element (libxml2 records where elements start, not text).
    ``blocks`` records, for every block element, the lines it holds as ``(start, end)``.
    """

    lines: list[_Line] = field(default_factory=list)
    blocks: list[tuple[int, int]] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    source: int | None = None  # the source line the current line's text starts on
    weight: int = 0
    in_link: int = 0
    opened: list[int] = field(default_factory=list)

    def read(self, root: etree._Element) -> tuple[list[_Line], list[tuple[int, int]]]:
        walk = etree.iterwalk(root, events=("start", "end"))
        for event, element in walk:
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                self.start(tag)
                if tag == "table" and self.data_table(element):
                    walk.skip_subtree()
                    continue
                self.add(element.text, element.sourceline)
            else:
                self.end(tag)
                self.add(element.tail, element.sourceline)
        self.newline()
        return self.lines, self.blocks

    def start(self, tag: str) -> None:
        if tag in _BLOCKS or tag == "br":
            self.newline()
        if tag in _BLOCKS:
            self.opened.append(len(self.lines))
        self.in_link += tag == "a"

    def end(self, tag: str) -> None:
        self.in_link -= tag == "a"
        if tag in _BLOCKS:
            self.newline()
            self.blocks.append((self.opened.pop(), len(self.lines)))

    def add(self, text: str | None, source: int | None) -> None:
        if not text:
            return
        if self.source is None and text.strip():
            self.source = source
        self.pieces.append(text)
        if not self.in_link:
            self.weight += len(NOT_CJK.sub("", text))

    def newline(self) -> None:
        text = _SPACE.sub(" ", "".join(self.pieces)).strip(" ")
        if text:
            self.lines.append(_Line(text, self.source or 0, self.weight))
        self.pieces.clear()
        self.source, self.weight = None, 0

    def data_table(self, table: etree._Element) -> bool:
        """Read a table of data as pipe rows, one line per row; False for a layout table,
        whose cells are then read as paragraphs."""
        found = _grid(table)
        if found is None or not is_data_table(found[0]):
            return False
        rows, sources = found
        caption = table.find("caption")
        if caption is not None:
            self.add(caption.text_content(), caption.sourceline)
            self.newline()
        for row, source in zip(pipe_rows(rows), sources, strict=True):
            self.lines.append(_Line(row, source, len(NOT_CJK.sub("", row))))
        return True


def _grid(table: etree._Element) -> tuple[list[list[str]], list[int]] | None:
    """The table's rows with rowspan/colspan resolved (a covered slot is ``""``) and the
    source line of each row; None when it holds another table (a page layout) or its spans
    would blow it up."""
    if table.find(".//table") is not None:
        return None
    rows = list(table.iter("tr"))
    cells = [[_Cell.of(cell) for cell in row if cell.tag in ("td", "th")] for row in rows]
    slots = sum(c.colspan * min(c.rowspan, len(rows)) for row in cells for c in row)
    if slots > _MAX_SPAN_GROWTH * sum(map(len, cells)) + 1000:
        return None
    return list(_resolve_spans(cells)), [row.sourceline or 0 for row in rows]


class _Cell(Struct, frozen=True):
    text: str
    rowspan: int
    colspan: int

    @classmethod
    def of(cls, cell: etree._Element) -> _Cell:
        text = _SPACE.sub(" ", "".join(cell.itertext())).strip(" ")
        return cls(text, _span(cell.get("rowspan"), 65534), _span(cell.get("colspan"), 1000))


def _span(value: str | None, limit: int) -> int:
    """A span attribute as HTML reads it: digits only, at least 1, at most the spec's limit
    (``rowspan="0"``, "to the end", is read as 1)."""
    digits = re.match(r"\s*(\d{1,6})", value or "")
    return max(1, min(int(digits.group(1)), limit)) if digits else 1


def _resolve_spans(rows: list[list[_Cell]]) -> Iterator[list[str]]:
    """Each row's text per grid column: a cell's text in its first slot, the slots its
    spans cover left empty (as the table recogniser reads merged cells)."""
    below: dict[int, int] = {}  # column -> rows still covered by a cell from above
    for cells in rows:
        out: list[str] = []
        for cell in cells:
            while below.get(len(out)):
                out.append("")
            for column in range(len(out), len(out) + cell.colspan):
                below[column] = cell.rowspan
            out += [cell.text, *[""] * (cell.colspan - 1)]
        covered = [column for column, left in below.items() if left and column >= len(out)]
        out += [""] * (max(covered, default=len(out) - 1) + 1 - len(out))
        below = {column: left - 1 for column, left in below.items() if left > 1}
        yield out


def _report_span(lines: list[_Line], blocks: list[tuple[int, int]]) -> tuple[int, int]:
    """The lines of the report: the smallest block holding its title, its first part's
    heading and most of the page's text; the whole page when there is no such block."""
    prefix = [0]
    for line in lines:
        prefix.append(prefix[-1] + line.weight)
    anchors = [
        next((i for i, line in enumerate(lines) if is_anchor(line)), None)
        for is_anchor in (_is_title, _is_first_heading)
    ]
    first = min((i for i in anchors if i is not None), default=len(lines))
    last = max((i for i in anchors if i is not None), default=-1)
    best = (0, len(lines))
    for start, end in blocks:
        holds_anchors = start <= first and last < end
        holds_text = prefix[end] - prefix[start] >= _BODY_SHARE * prefix[-1]
        if holds_anchors and holds_text and end - start < best[1] - best[0]:
            best = (start, end)
    return best


def _is_title(line: _Line) -> bool:
    return (
        len(line.text) <= _MAX_TITLE
        and _TITLE.search(line.text) is not None
        and _BREADCRUMB.search(line.text) is None
        and _no_links(line)
    )


def _is_first_heading(line: _Line) -> bool:
    return len(line.text) <= _MAX_TITLE and bool(_FIRST_PART.match(line.text)) and _no_links(line)


def _no_links(line: _Line) -> bool:
    return line.weight == len(NOT_CJK.sub("", line.text))
