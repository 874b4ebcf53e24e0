"""Word (.docx): paragraphs and tables in body order; the archive is checked before opening.

python-docx opens the package (with its XML parser, which resolves no entities). The
body is then read from its XML in order: paragraphs (also those inside content controls,
tracked insertions and hyperlinks, which ``Paragraph.text`` leaves out), and tables cell
by cell. A merged cell is read once, its other slots left empty as the table recogniser
reads merged cells (python-docx's ``row.cells`` repeats it in every slot and walks up the
rows once per slot of a vertical merge).

Word's automatic numbering (a heading whose 一、 is drawn by a list, not typed) is rendered
before the paragraph's text (``ingest/wordnumbers.py``).

Places: ``¶14`` is the 14th paragraph of the body; ``table 2 row 5`` a row of a table.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn

from checker.errors import InputError
from checker.ingest.layout import Extracted, assemble, is_data_table, pipe_rows
from checker.ingest.wordnumbers import Numbering
from checker.model import Source

#: Limits checked on the zip directory before anything is decompressed (zip bombs).
MAX_ENTRIES = 10_000
MAX_UNPACKED = 100 * 2**20
_MAX_SPAN = 64  # Word tables have at most 63 columns

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    qn(tag) for tag in ("w:p", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent")
)
#: What a paragraph's text is made of (deleted text, w:delText, and field codes are not):
#: its text runs and the characters tabs and breaks stand for.
_T = qn("w:t")
_MARKS = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
_VAL = qn("w:val")


def docx_source(data: bytes, path: str) -> Source:
    """Read a Word document's paragraphs and tables into lines, each with its place."""
    _check_archive(data, path)
    document = _open(data, path)
    return assemble(path, "docx", "docx", _body(document.element.body, Numbering(document)))


def _check_archive(data: bytes, path: str) -> None:
    """Refuse what is no zip, no Word document, or would unpack to too much."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as err:
        raise InputError(f"{path}: 不是有效的 Word 文档 (not a .docx: {err})") from err
    if len(entries) > MAX_ENTRIES:
        raise InputError(f"{path}: 压缩包文件过多 (over {MAX_ENTRIES} entries in the archive)")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED:
        raise InputError(
            f"{path}: 解压后过大，疑为压缩炸弹 "
            f"(would unpack to over {MAX_UNPACKED // 2**20} MB: refused as a zip bomb)"
        )
    if "word/document.xml" not in {entry.filename for entry in entries}:
        raise InputError(f"{path}: 压缩包中没有 Word 正文 (a zip archive, but no Word document)")


def _open(data: bytes, path: str) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as err:  # a malformed package fails in many ways inside python-docx
        reason = " ".join(str(err).split())  # one line, whatever the parser said
        raise InputError(f"{path}: Word 文档已损坏 (corrupt .docx: {reason})") from err


def _body(body: Any, numbering: Numbering) -> Iterator[Extracted]:
    paragraphs = tables = 0
    for block in _blocks(body):
        if block.tag == _P:
            paragraphs += 1
            yield Extracted(_numbered(block, numbering), f"¶{paragraphs}")
        else:
            tables += 1
            yield from _table(block, f"table {tables}", numbering)


def _blocks(container: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body or cell in order, content controls unwrapped."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _blocks(content)


def _numbered(paragraph: Any, numbering: Numbering) -> str:
    """The paragraph's text after the number Word draws for it (一、 (二) 3.), if any."""
    label = numbering.label(paragraph)
    space = " " if label and label[-1].isalnum() else ""
    return f"{label}{space}{_text(paragraph)}"


def _text(element: Any) -> str:
    return "".join(
        (node.text or "") if node.tag == _T else _MARKS[node.tag]
        for node in element.iter(_T, *_MARKS)
    )


def _table(table: Any, name: str, numbering: Numbering) -> Iterator[Extracted]:
    """A table of data as pipe rows; a table that lays out the page as its paragraphs."""
    rows = list(table.iterchildren(_TR))
    grid = [_row(row) for row in rows]
    if table.find(f".//{_TBL}") is None and is_data_table(grid):
        for number, line in enumerate(pipe_rows(grid), start=1):
            yield Extracted(line, f"{name} row {number}")
        return
    for number, row in enumerate(rows, start=1):
        nested = 0
        for cell in row.iterchildren(_TC):
            for block in _blocks(cell):
                if block.tag == _P:
                    yield Extracted(_numbered(block, numbering), f"{name} row {number}")
                else:
                    nested += 1
                    yield from _table(block, f"{name} row {number} table {nested}", numbering)


def _row(row: Any) -> list[str]:
    """The row's text per grid column: leading empty columns, each cell in its first slot,
    the slots a cell spans and the cells a vertical merge continues left empty."""
    cells = [""] * _number(row, "w:trPr/w:gridBefore")
    for cell in row.iterchildren(_TC):
        continued = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        merged = continued is not None and continued.get(_VAL, "continue") == "continue"
        text = "" if merged else " ".join(_text(p) for p in _blocks(cell) if p.tag == _P)
        cells += [text, *[""] * ((_number(cell, "w:tcPr/w:gridSpan") or 1) - 1)]
    return cells


def _number(element: Any, path: str) -> int:
    """The ``w:val`` number of the child at ``path`` (0 when absent or not a number)."""
    found = element.find("/".join(qn(step) for step in path.split("/")))
    value = found.get(_VAL, "") if found is not None else ""
    return min(int(value), _MAX_SPAN) if value.isdigit() else 0
