"""Text ingest (encodings, line endings, bad input) and cleaning of page chrome."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, WUHAN_2005, XIANNING_2013, XUANZHOU_2011

from checker.clean import clean, fold
from checker.errors import InputError
from checker.ingest import read_source


def kept_numbers(path: Path) -> list[int]:
    return [line.number for line in clean(read_source(str(path))).lines]


def test_utf8_bom_gbk_and_crlf_read_alike(tmp_path: Path) -> None:
    text = XIANNING_2013.read_text(encoding="utf-8")
    plain = read_source(str(XIANNING_2013))
    variants = {
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "gbk.txt": text.encode("gbk"),
        "gb18030-crlf.txt": text.replace("\n", "\r\n").encode("gb18030"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        source = read_source(str(tmp_path / name))
        assert [line.raw for line in source.lines] == [line.raw for line in plain.lines], name
    assert read_source(str(tmp_path / "gbk.txt")).encoding == "gb18030"


def test_lines_keep_their_original_numbers() -> None:
    source = read_source(str(XIANNING_2013))
    assert source.lines[58].number == 59
    assert source.lines[58].raw.strip() == "2014年1月22日"


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"  \n\n", "empty"), (bytes(range(256)) * 40, "binary")],
)
def test_unreadable_inputs_raise_clear_errors(tmp_path: Path, data: bytes, reason: str) -> None:
    target = tmp_path / "bad.txt"
    target.write_bytes(data)
    with pytest.raises(InputError, match=reason):
        read_source(str(target))


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.txt"))


def test_chrome_lines_are_set_aside_with_reasons() -> None:
    document = clean(read_source(str(WUHAN_2005)))
    assert [(d.line, d.reason) for d in document.dropped] == [
        (1, "breadcrumb"),
        (5, "font-widget"),
        (6, "site-widget"),
        (34, "footer"),
        (35, "footer"),
    ]
    numbers = [line.number for line in document.lines]
    assert 1 not in numbers and 6 not in numbers and 34 not in numbers
    assert 5 in numbers  # the date survives, the font widget is blanked out
    date_line = next(line for line in document.lines if line.number == 5)
    assert "字体" not in date_line.text and "字体" in date_line.raw
    assert len(date_line.text) == len(date_line.raw)


def test_site_widgets_and_loading_text_are_dropped() -> None:
    assert kept_numbers(XUANZHOU_2011)[0] == 4  # 无障碍, 长辈版, breadcrumb gone
    assert kept_numbers(XIANNING_2013)[0] == 3  # 正在加载中... Loading gone


def test_fold_keeps_length_and_folds_full_width() -> None:
    assert fold("共１２３件（一）：９８．２％") == "共123件(一):98.2%"
    assert len(fold("１２３　ａ")) == len("１２３　ａ")


def test_page_numbers_in_text_are_set_aside() -> None:
    huaian = CORPUS / "text" / "huaian-2024.txt"
    document = clean(read_source(str(huaian)))
    pages = [d for d in document.dropped if d.reason == "page-number"]
    assert [d.text for d in pages][:2] == ["- 1 -", "- 2 -"]
    assert all(not line.text.strip().startswith("- ") for line in document.lines[:3])


def test_chrome_alternatives_split_by_anchor_and_none_means_never() -> None:
    from checker.clean import _any_of, _either

    start, anywhere = _any_of([re.compile(r"^\s*当前位置"), re.compile("正在加载中")])
    assert start.match("  当前位置：首页") and not start.match("第一段 当前位置")
    assert anywhere.search("页面正在加载中…") and not anywhere.search("正常的段落")
    assert _either([]).search("任何文字") is None
