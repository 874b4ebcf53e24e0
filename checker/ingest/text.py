"""Plain text: decode (UTF-8 with or without BOM, GBK/GB18030 and others by detection)."""

from __future__ import annotations

from checker.clean import is_cjk
from checker.errors import InputError
from checker.model import Line

#: Detected or declared legacy Chinese encodings are all read as GB18030, their superset.
_CHINESE_LEGACY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "xgbk"}


def codec(encoding: str) -> str:
    """The codec to read a detected or declared encoding with (GB2312 and GBK as GB18030)."""
    name = encoding.replace("_", "").replace("-", "").lower()
    return "gb18030" if name in _CHINESE_LEGACY else encoding


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode a report's bytes; return the text and the encoding used."""
    if not data.strip():
        raise InputError(f"{path}: 文件为空 (empty file)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if b"\x00" not in data:  # NUL bytes: UTF-16 or binary, never UTF-8 text
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    return _detect(data, path)


def _detect(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return _damaged(data, path)
    encoding = codec(best.encoding)
    text = data.decode(encoding, errors="replace")
    if _looks_binary(text):
        raise InputError(f"{path}: 不是文本文件 (binary file)")
    return text, encoding


def _damaged(data: bytes, path: str) -> tuple[str, str]:
    """Chinese text with a few damaged bytes, which no detector will vouch for, is still read."""
    for encoding in ("utf-8", "gb18030"):
        text = data.decode(encoding, errors="replace")
        damaged = text.count("\ufffd")
        chinese = sum(map(is_cjk, text[:100_000]))
        if damaged <= len(text) / 200 and chinese > len(text[:100_000]) / 5:
            return text, f"{encoding} ({damaged} damaged)"
    raise InputError(f"{path}: 不是文本文件或编码无法识别 (binary file or unknown encoding)")


def _looks_binary(text: str) -> bool:
    """Control characters (other than tab and line breaks) in more than 1% of the text."""
    sample = text[:100_000]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f")
    return controls > len(sample) / 100


def split_lines(text: str) -> tuple[Line, ...]:
    """Split on CRLF, CR or LF only (not on form feeds), numbering lines from 1."""
    raws = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return tuple(map(Line, range(1, len(raws) + 1), raws, raws))
