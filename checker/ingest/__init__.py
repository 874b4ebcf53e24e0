"""Ingest: read a file into lines that keep their place in the original."""

from __future__ import annotations

from pathlib import Path

from checker.errors import InputError
from checker.ingest.text import decode, split_lines
from checker.model import Source

#: Extensions picked up when a directory is linted.
SUPPORTED_SUFFIXES = (".txt", ".text", ".md")

#: Inputs larger than this are refused before reading (a report is a few hundred KB at most).
MAX_BYTES = 64 * 1024 * 1024


def read_bytes(path: str) -> bytes:
    """The file's bytes, or an InputError saying plainly why they cannot be had."""
    if path == "-":
        import sys

        return sys.stdin.buffer.read(MAX_BYTES + 1)
    file = Path(path)
    if not file.exists():
        raise InputError(f"{path}: 文件不存在 (no such file)")
    if file.is_dir():
        raise InputError(f"{path}: 是目录而不是文件 (is a directory)")
    try:
        if file.stat().st_size > MAX_BYTES:
            raise InputError(f"{path}: 文件过大 (larger than {MAX_BYTES // 2**20} MB)")
        return file.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: 无法读取 (cannot read: {err.strerror})") from err


def read_source(path: str) -> Source:
    """Read one input file into a Source (lines numbered as in the original file)."""
    data = read_bytes(path)
    text, encoding = decode(data, path)
    return Source(path=path, format="text", encoding=encoding, lines=split_lines(text))
