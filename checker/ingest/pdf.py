"""PDF: the text layer read with PDFium, page numbers and running headers set aside.

PDFium (pypdfium2) reads a report's text some 20 times faster than pdfminer-based tools,
and in the layout the table recogniser was written for (``checker/tables``): a
table's cells in reading order, labels broken over lines, a row's numbers sometimes on the
next line. Lines are numbered through the document as a copy of its whole text would
number them; each keeps its page and its line on that page as a reader counts from the
top (``p.3 l.12``: a table row is one line, page chrome is not counted).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import closing
from typing import TYPE_CHECKING

from msgspec import Struct

from checker.clean import fold, is_page_number
from checker.errors import InputError
from checker.ingest.layout import Extracted, assemble
from checker.model import Source

if TYPE_CHECKING:
    import pypdfium2

_BREAKS = re.compile(r"\r\n|\r|\n")  # PDFium ends the lines of a page with CRLF
_EDGE = 2  # lines at the top and at the bottom of a page where page chrome sits
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]")  # a letter or a Chinese character
_MAX_RUNNING = 40  # characters of a running header or footer
_MIN_TEXT = 20  # characters of text below which a PDF has no text layer worth the name
_UNMAPPED = re.compile(r"[\ue000-\uf8ff\ufffd]")  # glyphs the PDF gives no Unicode for

# PDFium's load errors (FPDF_ERR_*) that say more than "cannot read".
_ERR_PASSWORD = 4
_ERR_SECURITY = 6


def pdf_source(data: bytes, path: str) -> Source:
    """Read a PDF's text layer into lines, with each line's page and line on the page."""
    pages = _read_pages(data, path)
    pieces = list(_pieces(pages, _chrome([page.lines for page in pages])))
    _require_text(pieces, path)
    return assemble(path, "pdf", "pdf", pieces)


class _Page(Struct, frozen=True):
    """A page's lines of text and, for each, the heights (bottom, top) of its first
    character in points from the page's foot; None for a blank line."""

    lines: list[str]
    heights: list[tuple[float, float] | None]


def _read_pages(data: bytes, path: str) -> list[_Page]:
    """Every page's text; the document and its pages are closed whatever happens."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise _load_error(err, path) from err
    try:
        if len(pdf) == 0:
            raise InputError(f"{path}: PDF 没有页面 (PDF without pages)")
        return [_read_page(pdf, index) for index in range(len(pdf))]
    except pdfium.PdfiumError as err:
        raise InputError(f"{path}: PDF 文件已损坏 (corrupt PDF: {err})") from err
    finally:
        pdf.close()


def _read_page(pdf: pypdfium2.PdfDocument, index: int) -> _Page:
    with closing(pdf[index]) as page, closing(page.get_textpage()) as textpage:
        text = str(textpage.get_text_range())
        count = textpage.count_chars()
        lines: list[str] = []
        heights: list[tuple[float, float] | None] = []
        # The text's offsets are PDFium's character indices (its line breaks included).
        for start, line in _lines_at(text):
            lines.append(line)
            first = start + len(line) - len(line.lstrip())
            if line.strip() and first < count:
                _, bottom, _, top = textpage.get_charbox(first)
                heights.append((bottom, top))
            else:
                heights.append(None)
        return _Page(lines, heights)


def _lines_at(text: str) -> Iterator[tuple[int, str]]:
    """The lines of a page's text with the offset each starts at."""
    start = 0
    for match in _BREAKS.finditer(text):
        yield start, text[start : match.start()]
        start = match.end()
    yield start, text[start:]


def _load_error(err: Exception, path: str) -> InputError:
    code = getattr(err, "err_code", None)
    if code == _ERR_PASSWORD or "password" in str(err).lower():
        return InputError(f"{path}: PDF 已加密，需要密码 (encrypted PDF: remove the password)")
    if code == _ERR_SECURITY:
        return InputError(f"{path}: PDF 加密方式不受支持 (PDF encrypted in an unsupported way)")
    return InputError(f"{path}: PDF 文件已损坏或不完整 (corrupt or truncated PDF)")


def _chrome(pages: list[list[str]]) -> dict[tuple[int, int], str]:
    """Page numbers and running headers/footers, by (page index, line index), with why.

    A running line is one at a page's edge that recurs, digits aside, at the edges of at
    least three pages and half of them (a report title or organ printed on every page).
    """
    edges = [(p, i) for p, lines in enumerate(pages) for i in _edge_lines(lines)]
    found = {(p, i): "page-number" for p, i in edges if _is_page_number(pages[p][i].strip(), p + 1)}
    shapes = {(p, i): _shape(pages[p][i]) for p, i in edges if (p, i) not in found}
    pages_with: dict[str, set[int]] = {}
    for (p, _), shape in shapes.items():
        pages_with.setdefault(shape, set()).add(p)
    enough = max(3, (len(pages) + 1) // 2)
    for where, shape in shapes.items():
        if len(pages_with[shape]) >= enough and _is_running(shape):
            found[where] = "running-header"
    return found


def _edge_lines(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def _is_page_number(text: str, page: int) -> bool:
    text = fold(text)
    return is_page_number(text) or text == str(page)


def _shape(line: str) -> str:
    return _DIGITS.sub("#", "".join(fold(line).split()))


def _is_running(shape: str) -> bool:
    """Short, with words: a line of numbers recurring at page edges is table cells."""
    return len(shape) <= _MAX_RUNNING and _WORD.search(shape) is not None


def _pieces(pages: list[_Page], chrome: dict[tuple[int, int], str]) -> Iterator[Extracted]:
    for p, page in enumerate(pages):
        kept = [i for i, line in enumerate(page.lines) if line.strip() and (p, i) not in chrome]
        rows = _rows(page, kept)
        for i, line in enumerate(page.lines):
            row = rows.get(i)
            place = f"p.{p + 1} l.{row}" if row else f"p.{p + 1}"
            yield Extracted(line, place, chrome.get((p, i)))


def _rows(page: _Page, kept: list[int]) -> dict[int, int]:
    """The line on the page, counted from its top, that each kept line of text is on.

    A table's cells come as a line of text each; those whose first characters overlap in
    height are one line of the page, as a reader counts them.
    """
    placed = [(i, height) for i in kept if (height := page.heights[i]) is not None]
    placed.sort(key=lambda item: -item[1][1])
    rows: dict[int, int] = {}
    row, floor = 0, math.inf
    for i, (bottom, top) in placed:
        if top <= floor:  # wholly below the line above: a new line of the page
            row, floor = row + 1, bottom
        rows[i] = row
    return rows


def _require_text(pieces: list[Extracted], path: str) -> None:
    """A scanned PDF (no text layer, or one whose fonts map to no characters) needs OCR."""
    text = "".join("".join(piece.text.split()) for piece in pieces if piece.chrome is None)
    if len(text) < _MIN_TEXT:
        raise InputError(
            f"{path}: PDF 没有文字层（扫描件），需先进行文字识别 (OCR) "
            "(no text layer: a scanned PDF needs OCR first)"
        )
    if len(_UNMAPPED.findall(text)) > len(text) * 0.3:
        raise InputError(
            f"{path}: PDF 文字层无法读取，需先进行文字识别 (OCR) "
            "(the text layer maps to no characters: OCR needed)"
        )
