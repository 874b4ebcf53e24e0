"""Ingest: read a file into lines that keep their place in the original.

The format is told by the content (a PDF header, a zip holding a Word body, HTML markup),
so standard input and misnamed files are read right; the extension only picks the files
of a directory, and says what a file that is none of these was meant to be.
"""

from __future__ import annotations

import os
import re
from typing import Literal

from checker.errors import InputError
from checker.ingest.text import decode, split_lines
from checker.model import Source

Format = Literal["pdf", "docx", "html", "text"]

#: Extensions picked up when a directory is linted.
SUPPORTED_SUFFIXES = (".txt", ".text", ".pdf", ".html", ".htm", ".docx")

#: Inputs larger than this are refused before reading (a report is a few hundred KB at most).
MAX_BYTES = 64 * 1024 * 1024


def read_bytes(path: str) -> bytes:
    """The file's bytes, or an InputError saying plainly why they cannot be had."""
    if path == "-":
        import sys

        return sys.stdin.buffer.read(MAX_BYTES + 1)
    where = path or "."  # as pathlib reads it, "" is the current folder
    if not os.path.exists(where):
        raise InputError(f"{path}: 文件不存在 (no such file)")
    if os.path.isdir(where):
        raise InputError(f"{path}: 是目录而不是文件 (is a directory)")
    try:
        if os.stat(path).st_size > MAX_BYTES:
            raise InputError(f"{path}: 文件过大 (larger than {MAX_BYTES // 2**20} MB)")
        with open(path, "rb") as file:
            return file.read()
    except OSError as err:
        raise InputError(f"{path}: 无法读取 (cannot read: {err.strerror})") from err


def read_source(path: str) -> Source:
    """Read one input file (text, PDF, HTML or Word) into a Source of numbered lines.

    For text the numbers are the file's lines; for the other formats they are the lines of
    the extracted text, and ``Source.locate`` gives the place in the original.
    """
    data = read_bytes(path)
    fmt = sniff(data, path)
    if fmt == "text":
        text, encoding = decode(data, path)
        return Source(path=path, format="text", encoding=encoding, lines=split_lines(text))
    source = _read_format(fmt, data, path)
    if not any(line.raw.strip() for line in source.lines):
        raise InputError(f"{path}: 文件中没有文字 (no text in the file)")
    return source


def _read_format(fmt: Format, data: bytes, path: str) -> Source:
    # Each reader is imported only when a file needs it: PDFium and lxml take a while to load.
    if fmt == "pdf":
        from checker.ingest.pdf import pdf_source

        return pdf_source(data, path)
    if fmt == "docx":
        from checker.ingest.docx import docx_source

        return docx_source(data, path)
    from checker.ingest.html import html_source

    return html_source(data, path)


# Markup that opens a web page, after a BOM, blank space and comments.
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|meta|title|body)[\s>/]", re.IGNORECASE)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (.doc, .wps)
_EXPECTED = {".pdf": "PDF", ".docx": "Word (.docx)"}


def sniff(data: bytes, path: str) -> Format:
    """The format of a file by its first bytes; the extension is consulted only to refuse a
    ``.pdf`` or ``.docx`` whose content is none of the formats read."""
    head = data[:1024]
    if b"%PDF-" in head:  # a PDF header may follow some junk bytes
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if data.startswith(_OLE2):
        raise InputError(  # Word also wraps a password-protected .docx in this container
            f"{path}: 旧版 Word (.doc/.wps) 或加密的 Word 文档，请另存为不加密的 .docx "
            "(legacy or password-protected Word document: save it as an unprotected .docx)"
        )
    if _HTML.search(head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512]):
        return "html"
    expected = _EXPECTED.get(os.path.splitext(path)[1].lower())
    if expected:
        raise InputError(f"{path}: 不是有效的 {expected} 文件 (not a {expected} file)")
    return "text"
