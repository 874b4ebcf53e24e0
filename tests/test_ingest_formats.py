"""Ingest by format: PDF, web pages and Word read into the lines, tables and score of text.

Every fixture but the corpus PDF is built here from the seeds and
``../shared/corpus/text/huaian-2024-pipe.txt``
(nothing binary is committed). The tables are built with real merged cells (rowspan and
colspan in HTML, merges in Word) from the values the text's tables hold.
"""

from __future__ import annotations

import ctypes
import html
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import jsonschema
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT, XIANNING_2013, lint_json, run
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.clean import clean
from checker.cli import main
from checker.errors import InputError
from checker.forms import TABLE3_COLUMNS
from checker.ingest import read_source
from checker.ingest.html import html_source
from checker.ingest.pdf import pdf_source
from checker.model import Document, Table
from checker.tables import find_tables

DATA = ROOT / "tests" / "data"
HUAIAN_TEXT = CORPUS / "text" / "huaian-2024.txt"
HUAIAN_PIPES = CORPUS / "text" / "huaian-2024-pipe.txt"
HUAIAN_PDF = CORPUS / "huaian-2024.pdf"
needs_corpus = pytest.mark.skipif(
    not HUAIAN_PDF.exists(), reason="the corpus (../shared/corpus beside the clone) is absent"
)
SCHEMA = json.loads((ROOT / "docs" / "scorecard.schema.json").read_text(encoding="utf-8"))

#: A merged cell as the fixtures lay it out: grid row and column, spans, text.
Cell = tuple[int, int, int, int, str]


def document_of(path: Path | str) -> Document:
    return clean(read_source(str(path)))


def tables_of(path: Path | str) -> list[tuple[int, str, dict[tuple[str, str], Decimal | None]]]:
    """Each table's number, form and cell values (the comparison every layout must pass)."""
    return [
        (table.number, table.variant, _values(table))
        for table in find_tables(document_of(path).lines)
    ]


def _values(table: Table) -> dict[tuple[str, str], Decimal | None]:
    return {(row.key, col): cell.value for row in table.rows for col, cell in row.cells.items()}


def graded(path: Path | str) -> tuple[float, list[tuple[str, str, str]]]:
    """The total and the findings (rule, level, message) of ``xxgk lint --format json``."""
    card = lint_json(path)
    return card["score"]["total"], [(f["rule"], f["level"], f["message"]) for f in card["findings"]]


def refusal(path: Path) -> str:
    """The one line ``xxgk lint`` prints on stderr when it cannot read a file (exit 2)."""
    result = run("lint", "--format", "json", str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith("xxgk: ") and result.stderr.count("\n") == 1
    return result.stderr


# --- PDF: the corpus report --------------------------------------------------------------


@needs_corpus
def test_pdf_tables_are_those_of_its_text() -> None:
    assert [number for number, _, _ in tables_of(HUAIAN_PDF)] == [2, 3, 4]
    assert tables_of(HUAIAN_PDF) == tables_of(HUAIAN_TEXT)
    # Lines are numbered as in a copy of the whole text: cells point at the same lines.
    table3 = find_tables(document_of(HUAIAN_PDF).lines)[1]
    cell = table3.get("new", "total")
    assert cell is not None and cell.line is not None
    assert (cell.line.number, cell.line.raw[cell.start : cell.end]) == (92, "3119")


@needs_corpus
def test_pdf_page_numbers_are_set_aside_as_chrome() -> None:
    document = document_of(HUAIAN_PDF)
    assert [(d.line, d.text, d.reason) for d in document.dropped] == [
        (1, "- 1 -", "page-number"),
        (22, "- 2 -", "page-number"),
        (48, "- 3 -", "page-number"),
        (70, "- 4 -", "page-number"),
        (118, "- 5 -", "page-number"),
        (176, "- 6 -", "page-number"),
    ]
    assert not any(re.fullmatch(r"- \d -", line.raw) for line in document.source.lines)


@needs_corpus
def test_pdf_lint_gives_the_findings_of_its_text() -> None:
    assert graded(HUAIAN_PDF) == graded(HUAIAN_TEXT)
    card = lint_json(HUAIAN_PDF)
    jsonschema.validate(card, SCHEMA)
    assert card["profile"] == "2019"
    thin = [f for f in card["findings"] if f["rule"] == "section-thin"]
    # The line of the extracted text, and where that is on the printed page.
    assert [(f["line"], f["where"]) for f in thin] == [(174, "p.5 l.29")]


@needs_corpus
def test_pdf_lines_know_their_page_and_line_on_the_page() -> None:
    source = read_source(str(HUAIAN_PDF))
    assert source.format == "pdf"
    assert [source.locate(n) for n in (1, 2, 3, 23, 92, 119)] == [
        "p.1",  # the page number: chrome, counted on no line
        "p.1 l.1",
        "p.1 l.2",
        "p.2 l.1",
        "p.4 l.14",
        "p.5 l.1",
    ]


@needs_corpus
def test_pdf_on_standard_input_and_under_any_name(tmp_path: Path) -> None:
    data = HUAIAN_PDF.read_bytes()
    result = CliRunner().invoke(main, ["lint", "--format", "json", "-"], input=data)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["score"]["total"] == graded(HUAIAN_TEXT)[0]
    misnamed = tmp_path / "report.txt"
    misnamed.write_bytes(data)
    assert graded(misnamed) == graded(HUAIAN_TEXT)
    assert HUAIAN_PDF.read_bytes() == data  # inputs are never modified


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages hold these lines of text, top down, in Helvetica."""
    pdf = pdfium.PdfDocument.new()
    try:
        for lines in pages:
            page = pdf.new_page(595, 842)
            for i, line in enumerate(lines):
                text = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(12))
                chars = (line + "\0").encode("utf-16-le")
                pdfium_c.FPDFText_SetText(
                    text, (ctypes.c_ushort * (len(chars) // 2)).from_buffer_copy(chars)
                )
                pdfium_c.FPDFPageObj_Transform(text, 1, 0, 0, 1, 72, 780 - 20 * i)
                pdfium_c.FPDFPage_InsertObject(page.raw, text)
            pdfium_c.FPDFPage_GenerateContent(page.raw)
            page.close()
        buffer = io.BytesIO()
        pdf.save(buffer)
        return buffer.getvalue()
    finally:
        pdf.close()


def test_running_headers_and_page_numbers_are_chrome() -> None:
    bodies = ("Reports on requests", "Proactive disclosure", "Reconsideration and suits")
    pages = [
        ["Huaian Municipal Government", body, "More text here", "12 0 0 1", f"Page {n} of 3"]
        for n, body in enumerate(bodies, start=1)
    ]
    source = pdf_source(text_pdf(pages), "report.pdf")
    assert [(d.line, d.text, d.reason) for d in source.dropped] == [
        (1, "Huaian Municipal Government", "running-header"),
        (5, "Page 1 of 3", "page-number"),
        (6, "Huaian Municipal Government", "running-header"),
        (10, "Page 2 of 3", "page-number"),
        (11, "Huaian Municipal Government", "running-header"),
        (15, "Page 3 of 3", "page-number"),
    ]
    # A line of numbers at every page's edge is a table's, not chrome; lines on the page
    # are counted without the chrome.
    assert [(line.raw, source.locate(line.number)) for line in source.lines[:3]] == [
        ("Reports on requests", "p.1 l.1"),
        ("More text here", "p.1 l.2"),
        ("12 0 0 1", "p.1 l.3"),
    ]


# --- web pages --------------------------------------------------------------------------

NAV = (
    '<div class="top"><a href="/">首页</a> <a href="/zwgk">政务公开</a>'
    ' <a href="/nb">政府信息公开年度报告</a></div>\n'
    '<nav><ul><li><a href="#">机构概况</a></li><li><a href="#">政策文件</a></li></ul></nav>\n'
    '<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政府信息公开</a>'
    " &gt; 年度报告</div>\n"
)
FOOTER = (
    '<div class="footer"><p>版权所有：咸宁市人民政府&nbsp;&nbsp;鄂ICP备05003311号</p>\n'
    "<p>网站标识码：4212000001&nbsp;技术支持：某某网络公司</p></div>\n"
    '<div style="DISPLAY: none">隐藏的站内文字 政府信息公开</div>\n'
)


def web_page(body: str, charset: str = "utf-8") -> str:
    """A saved page: the site's menus, breadcrumb and footer around the report's body."""
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="{charset}">\n'
        "<title>年度报告_咸宁市人民政府</title>\n"
        '<script>document.write("<p>政府信息公开</p>");</script><style>p { margin: 0 }</style>\n'
        f'</head><body>\n{NAV}<div class="main"><div class="article">\n{body}</div></div>\n'
        f"{FOOTER}</body></html>\n"
    )


def paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines())


def html_table(cells: list[Cell]) -> str:
    """A ``<table>`` of the cells; a blank cell is ``&nbsp;`` as web editors write it."""
    rows: dict[int, list[str]] = {}
    for row, _, rowspan, colspan, text in sorted(cells):
        spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
            f' colspan="{colspan}"' if colspan > 1 else ""
        )
        rows.setdefault(row, []).append(f"<td{spans}>{html.escape(text) or '&nbsp;'}</td>")
    body = "".join(f"<tr>{''.join(tds)}</tr>\n" for tds in rows.values())
    return f'<table border="1">\n<tbody>{body}</tbody></table>\n'


def test_web_page_is_graded_like_its_text(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(web_page(paragraphs(XIANNING_2013.read_text(encoding="utf-8"))), "utf-8")
    assert graded(page) == graded(XIANNING_2013)
    document = document_of(page)
    assert [(d.text, d.reason) for d in document.dropped] == [
        ("首页 政务公开 政府信息公开年度报告", "outside-report"),
        ("您现在的位置：首页 > 政府信息公开 > 年度报告", "outside-report"),
        ("正在加载中... Loading connection", "loading"),  # inside the report: clean's
        ("版权所有：咸宁市人民政府 鄂ICP备05003311号", "outside-report"),
        ("网站标识码：4212000001 技术支持：某某网络公司", "outside-report"),
    ]
    assert not any("隐藏" in line.raw or "机构概况" in line.raw for line in document.lines)


def test_web_page_lines_point_at_the_page_source(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    text = web_page(paragraphs(XIANNING_2013.read_text(encoding="utf-8")))
    page.write_text(text, "utf-8")
    source = read_source(str(page))
    heading = next(line for line in source.lines if line.raw == "一、概述")
    where = source.locate(heading.number)
    assert where is not None and where.startswith("html l.")
    assert "<p>  一、概述</p>" in text.splitlines()[int(where.removeprefix("html l.")) - 1]


def test_gbk_web_page_is_read_by_its_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "report.htm"
    body = paragraphs(XIANNING_2013.read_text(encoding="utf-8"))
    page.write_bytes(web_page(body, charset="gb2312").encode("gbk"))
    assert read_source(str(page)).encoding == "gb18030"  # GB2312 and GBK read as their superset
    assert graded(page) == graded(XIANNING_2013)


def _t3_cells(table: Table) -> list[Cell]:
    """Table 3 as printed: the header over two rows, group labels spanning their rows."""
    head: list[Cell] = [(0, 0, 2, 3, "申请人情况"), (0, 3, 2, 1, "自然人")]
    head += [(0, 4, 1, 5, "法人或其他组织"), (0, 9, 2, 1, "总计")]
    head += [(1, 4 + i, 1, 1, label) for i, (_, label) in enumerate(TABLE3_COLUMNS[1:-1])]
    groups = {"refused": "（三）不予公开", "unavailable": "（四）无法提供"}
    groups |= {"unprocessed": "（五）不予处理", "other": "（六）其他处理"}
    results = [row for row in table.rows if row.key not in ("new", "carried", "carry-over")]
    cells = head
    for r, row in enumerate(table.rows, start=2):
        group = row.key.split(".")[0]
        if row is results[0]:
            cells.append((r, 0, len(results), 1, "三、本年度办理结果"))
        if row not in results:
            cells.append((r, 0, 1, 3, row.label))
        elif group in groups:
            members = [other for other in results if other.key.startswith(group + ".")]
            if row is members[0]:
                cells.append((r, 1, len(members), 1, groups[group]))
            cells.append((r, 2, 1, 1, row.label))
        else:
            cells.append((r, 1, 1, 2, row.label))
        cells += [(r, 3 + c, 1, 1, str(cell.value)) for c, cell in enumerate(row.cells.values())]
    return cells


def _pipe_cells(rows: list[str]) -> list[Cell]:
    """Pipe rows as cells, each spanning the blank cells after it (``| 许可 | 447 |  |``)."""
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        texts = [text.strip() for text in row.strip().strip("|").split("|")]
        for c, text in enumerate(texts):
            if text or not any(texts[:c]):  # leading blanks stay cells of their own
                span = next((n for n, t in enumerate(texts[c + 1 :], 1) if t), len(texts) - c)
                cells.append((r, c, 1, span if text else 1, text))
    return cells


def huaian_blocks() -> Iterator[str | list[Cell]]:
    """The Huai'an report as paragraphs and tables: table 3 with its merged cells, tables 2
    and 4 as the pipe file has them, blank cells spanned by the cell before them."""
    table3 = find_tables(document_of(HUAIAN_TEXT).lines)[1]
    rows: list[str] = []
    for line in [*HUAIAN_PIPES.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("|"):
            if not line.startswith("|---"):
                rows.append(line)
            continue
        if rows:
            yield _t3_cells(table3) if "申请人情况" in rows[0] else _pipe_cells(rows)
            rows = []
        yield line


def test_web_page_tables_resolve_rowspan_and_colspan(tmp_path: Path) -> None:
    body = "".join(
        html_table(block) if isinstance(block, list) else paragraphs(block)
        for block in huaian_blocks()
    )
    page = tmp_path / "huaian.html"
    page.write_text(web_page(body), "utf-8")
    assert tables_of(page) == tables_of(HUAIAN_TEXT)
    assert graded(page) == graded(HUAIAN_PIPES)


def lines_of_page(markup: str) -> list[str]:
    source = html_source(markup.encode("utf-8"), "page.html")
    return [line.raw for line in source.lines]


def test_spans_leave_the_slots_they_cover_empty() -> None:
    table = (
        '<table><tr><th rowspan="2">甲</th><th colspan="2">乙</th></tr>'
        "<tr><td>1</td><td>&nbsp;</td></tr>"
        '<tr><td>丙</td><td rowspan="0">2</td><td colspan="x">3</td></tr></table>'
    )
    assert lines_of_page(table) == ["| 甲 | 乙 |  |", "|  | 1 |  |", "| 丙 | 2 | 3 |"]


def test_a_table_that_lays_out_the_page_is_read_as_paragraphs() -> None:
    long = "本机关严格按照条例规定办理政府信息公开申请。" * 20
    layout = f"<table><tr><td><a>首页</a></td><td><p>一、概述</p><p>{long}</p></td></tr></table>"
    # The menu cell is outside the report: the part of the page that holds its first
    # heading and most of its text.
    assert lines_of_page(layout) == ["一、概述", long]


_MARKUP = st.sampled_from(
    [
        *("<div>", "</div>", "<p>", "</p>", "<br>", "<table>", "</table>", "<tr>", "</tr>"),
        *("<td>", "</td>", '<td rowspan="3">', '<td colspan="9999">', '<th rowspan="0">'),
        *("<caption>", '<a href="#">', "</a>", "&nbsp;", "<!--", "-->", "<script>", "</script>"),
        *("<nav>", "\n", '<span style="display:none">', "</span>", "政府信息公开", "年度报告"),
        *("一、", "12", "|"),
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_MARKUP, max_size=60))
def test_any_markup_is_read_or_refused(pieces: list[str]) -> None:
    try:
        source = html_source("".join(pieces).encode("utf-8"), "page.html")
    except InputError:
        return
    numbers = [line.number for line in source.lines]
    assert numbers == sorted(set(numbers))
    assert all((source.locate(n) or "").startswith("html l.") for n in numbers)


# --- Word -------------------------------------------------------------------------------

HEADINGS = {
    1: re.compile(r"\s*[一二三四五六七八九十]+、"),
    2: re.compile(r"\s*[（(][一二三四五六七八九十]+[)）]"),
}


def word_document(blocks: Iterator[str | list[Cell]], path: Path) -> Path:
    """A .docx of paragraphs (numbered headings in Heading styles) and merged-cell tables."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, list):
            _word_table(document, block)
            continue
        level = next((n for n, pattern in HEADINGS.items() if pattern.match(block)), None)
        if level:
            document.add_heading(block.strip(), level=level)
        else:
            document.add_paragraph(block)
    document.save(str(path))
    return path


def _word_table(document: Any, cells: list[Cell]) -> None:
    rows = max(r + rowspan for r, _, rowspan, _, _ in cells)
    columns = max(c + colspan for _, c, _, colspan, _ in cells)
    table = document.add_table(rows=rows, cols=columns)
    grid = [row.cells for row in table.rows]  # once: table.cell() walks the whole table
    for r, c, rowspan, colspan, text in cells:
        cell = grid[r][c]
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(grid[r + rowspan - 1][c + colspan - 1])
        cell.text = text


def test_word_document_is_graded_like_its_text(tmp_path: Path) -> None:
    lines = XIANNING_2013.read_text(encoding="utf-8").splitlines()
    path = word_document(iter(lines), tmp_path / "report.docx")
    assert graded(path) == graded(XIANNING_2013)
    source = read_source(str(path))
    heading = next(line for line in source.lines if line.raw == "一、概述")
    assert source.locate(heading.number) == f"¶{lines.index('  一、概述') + 1}"


#: A list definition as Word writes one for Chinese report headings: 一、 then （一）.
CHINESE_LIST = """<w:abstractNum %s w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%%2）"/></w:lvl>
</w:abstractNum>"""


def auto_numbered_word_document(lines: list[str], path: Path) -> Path:
    """A .docx whose 一、 and （一） headings are drawn by Word's list numbering, not typed."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(CHINESE_LIST % nsdecls("w")))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    ))  # fmt: skip
    for line in lines:
        level = next((n for n, pattern in HEADINGS.items() if pattern.match(line)), None)
        if level is None:
            document.add_paragraph(line)
            continue
        title = HEADINGS[level].sub("", line, count=1)
        paragraph = document.add_heading(title.strip(), level=level)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/><w:numId w:val="90"/></w:numPr>'
        ))  # fmt: skip
    document.save(str(path))
    return path


def test_word_automatic_numbering_is_read_as_the_reader_sees_it(tmp_path: Path) -> None:
    lines = XIANNING_2013.read_text(encoding="utf-8").splitlines()
    path = auto_numbered_word_document(lines, tmp_path / "numbered.docx")
    document = docx.Document(str(path))
    assert not any(p.text.startswith("一、") for p in document.paragraphs)  # not in the text
    assert graded(path) == graded(XIANNING_2013)
    raws = [line.raw for line in read_source(str(path)).lines]
    headings = [raw for raw in raws if HEADINGS[1].match(raw)]
    assert len(headings) == 7 and headings[:2] == ["一、概述", "二、主动公开政府信息情况"]
    subparts = [raw for raw in raws if HEADINGS[2].match(raw)]
    assert subparts == [
        "（一）狠抓落实。", "（二）加强指导。", "（三）完善制度建设。", "（四）加强公开渠道建设。"
    ]  # fmt: skip


def test_word_list_levels_restart_under_a_new_heading(tmp_path: Path) -> None:
    lines = ["一、概述", "（一）组织", "（二）制度", "二、主动公开", "（一）平台", "三、其他"]
    path = auto_numbered_word_document(lines, tmp_path / "levels.docx")
    assert [line.raw for line in read_source(str(path)).lines] == lines


@pytest.mark.parametrize(
    ("number", "written"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九")]
)
def test_chinese_counting_as_word_writes_it(number: int, written: str) -> None:
    from checker.ingest.wordnumbers import chinese

    assert chinese(number) == written


def test_word_tables_resolve_merged_cells(tmp_path: Path) -> None:
    path = word_document(huaian_blocks(), tmp_path / "huaian.docx")
    assert tables_of(path) == tables_of(HUAIAN_TEXT)
    assert graded(path) == graded(HUAIAN_PIPES)
    source = read_source(str(path))
    row = next(line for line in source.lines if line.raw.startswith("| 一、本年新收"))
    # The merged label spans three columns: its text once, then two empty cells.
    assert (
        row.raw == "| 一、本年新收政府信息公开申请数量 |  |  | 3001 | 53 | 0 | 0 | 61 | 4 | 3119 |"
    )
    assert source.locate(row.number) == "table 2 row 3"


# --- hostile files (issue 6): each refused in one line, or graded ------------------------


def _pdf(objects: list[bytes], trailer: bytes) -> bytes:
    """A PDF file of these objects with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\n" % (len(objects) + 1, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypted_pdf() -> bytes:
    """One page under the standard security handler with a user password ("" fails)."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <%s> /U <%s> >>" % (b"11" * 32, b"22" * 32),
        ],
        b"/Encrypt 4 0 R /ID [<%s> <%s>]" % (b"0f" * 16, b"0f" * 16),
    )


def image_only_pdf() -> bytes:
    """A page without a text layer, as a scanner's PDF is."""
    pdf = pdfium.PdfDocument.new()
    try:
        pdf.new_page(595, 842).close()
        buffer = io.BytesIO()
        pdf.save(buffer)
        return buffer.getvalue()
    finally:
        pdf.close()


def zip_bomb() -> bytes:
    """A .docx whose document.xml unpacks to 200 MB of zeros (200 KB on disk)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as entry:
            block = bytes(2**20)
            for _ in range(200):
                entry.write(block)
    return buffer.getvalue()


def huge_page() -> bytes:
    """A 20 MB saved page: a Word export with every character in a styled span, a big style
    sheet and an inlined 12 MB image, around a 10 KB report."""
    span = '<span style="font-family:宋体;font-size:16pt">{}</span>'
    styled = "".join(
        "<p class=MsoNormal>" + "".join(span.format(html.escape(ch)) for ch in line) + "</p>\n"
        for line in XIANNING_2013.read_text(encoding="utf-8").splitlines()
    )
    image = '<img src="data:image/png;base64,' + "A" * 12_000_000 + '">'
    page = web_page(image + styled).replace("</style>", "p.x{}" * 2_000_000 + "</style>")
    assert len(page.encode("utf-8")) > 20_000_000
    return page.encode("utf-8")


def _truncated_pdf() -> bytes:
    return HUAIAN_PDF.read_bytes()[:200_000]


def _not_a_zip() -> bytes:
    return b"PK\x03\x04" + bytes(range(256)) * 40


def _legacy_word() -> bytes:
    return bytes.fromhex("d0cf11e0a1b11ae1") + bytes(4096)


def _nested_page() -> bytes:
    return b"<html><body>" + b"<div>" * 100_000 + b"x"


#: A hostile file's name, how to make it, and what its one-line refusal says.
HOSTILE: list[Any] = [
    pytest.param("report.pdf", _truncated_pdf, "corrupt", id="truncated-pdf", marks=needs_corpus),
    pytest.param("report.pdf", encrypted_pdf, "encrypted PDF", id="encrypted-pdf"),
    pytest.param("report.pdf", image_only_pdf, "OCR", id="image-only-pdf"),
    pytest.param("report.docx", zip_bomb, "zip bomb", id="zip-bomb-docx"),
    pytest.param("report.docx", _not_a_zip, "not a .docx", id="not-a-zip-docx"),
    pytest.param("report.docx", XIANNING_2013.read_bytes, "not a Word", id="text-named-docx"),
    pytest.param("report.doc", _legacy_word, "unprotected .docx", id="legacy-word"),
    pytest.param("report.html", _nested_page, "Excessive depth", id="nested-html"),
]


@pytest.mark.parametrize(("filename", "make", "reason"), HOSTILE)
def test_hostile_file_is_refused_in_one_line(
    tmp_path: Path, filename: str, make: Callable[[], bytes], reason: str
) -> None:
    path = tmp_path / filename
    path.write_bytes(make())
    assert reason in refusal(path)


def test_huge_web_page_is_graded(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    page.write_bytes(huge_page())
    assert graded(page) == graded(XIANNING_2013)


def test_directories_are_searched_for_every_format(tmp_path: Path) -> None:
    text = XIANNING_2013.read_text(encoding="utf-8")
    (tmp_path / "a.html").write_text(web_page(paragraphs(text)), "utf-8")
    word_document(iter(text.splitlines()), tmp_path / "b.docx")
    (tmp_path / "c.htm").write_text(web_page(paragraphs(text)), "utf-8")
    (tmp_path / "notes.rtf").write_text(text, "utf-8")  # not a report format: left alone
    cards = lint_json(tmp_path)
    assert [Path(card["file"]).name for card in cards] == ["a.html", "b.docx", "c.htm"]


def test_word_numbering_given_by_the_heading_style(tmp_path: Path) -> None:
    """A style that carries the list (as 标题 1 often does) numbers every heading in it."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = auto_numbered_word_document(["一、概述"], tmp_path / "styled.docx")
    document = docx.Document(str(path))
    style = document.styles["Heading 1"].element
    style.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:numId w:val="90"/></w:numPr>'
    ))  # fmt: skip
    for title in ("主动公开", "依申请公开"):
        document.add_heading(title, level=1)  # no number of its own: the style's list
    document.save(str(path))
    raws = [line.raw for line in read_source(str(path)).lines]
    assert raws == ["一、概述", "二、主动公开", "三、依申请公开"]
