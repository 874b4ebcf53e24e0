"""``xxgk init``: the draft a clerk starts from, in the standard format of the year's rulebook.

The draft has the title, the preamble with the statistical period, each mandated part under
its standard heading with a one-line prompt of what it must say (the rulebook's
``must_say``, or its title), from 2019 on the standard tables 2–4 of the year's form with
0 in every cell (so every identity holds), and the signature with the last lawful date.
Every prompt is written ``（请填写：…）``, which the rulebook's ``placeholder`` rule flags
until it is replaced; a draft whose prompts are all replaced by real content lints clean.

Written as Word (real headings and tables, the official fonts' names), markdown or text.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from msgspec import Struct

from checker import forms
from checker.deadlines import publication_due
from checker.errors import XxgkError
from checker.rulebook import Rulebook, SectionSpec, Statement

FORMATS = (".docx", ".md", ".txt")
#: The first reporting year of each form of the standard tables (国办公开办函〔2021〕30号).
FORM_YEARS: tuple[tuple[int, forms.Variant], ...] = ((2021, "2021"), (2019, "2019"))
NUMERALS = "一二三四五六七八九十"

# The printed words of the forms that the table recogniser does not need to read them.
_T2_ITEMS = {
    "rules": "（一）", "normative": "（一）", "licensing": "（五）", "other-services": "（五）",
    "penalty": "（六）", "enforcement": "（六）", "fees": "（八）", "procurement": "（九）",
}  # fmt: skip
_T3_RESULTS = "三、本年度办理结果"


class Heading(Struct, frozen=True):
    text: str


class Paragraph(Struct, frozen=True):
    text: str
    role: str = "body"  # body, title, prompt or signature


class Grid(Struct, frozen=True):
    """A table: rows of cells ("" for blank), and the cells merged (row, col, row, col)."""

    rows: list[list[str]]
    merged: list[tuple[int, int, int, int]]


Block = Heading | Paragraph | Grid


class DraftError(XxgkError):
    """The draft cannot be written (an unknown output format, an unwritable file)."""


def prompt(text: str) -> str:
    """A placeholder the ``placeholder`` rule flags until it is replaced."""
    return f"（请填写：{text}）"


def draft(book: Rulebook, organ: str, year: int, kind: str | None) -> list[Block]:
    """The draft of ``organ``'s report on ``year`` (``kind``: an ``organs:`` id or None)."""
    kind = kind or book.organ_kind(organ)
    blocks: list[Block] = [
        Paragraph(f"{organ}{year}年政府信息公开工作年度报告", "title"),
        Paragraph(
            f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和政府信息公开工作"
            f"年度报告格式的要求编制。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        ),
    ]
    variant = next((v for first, v in FORM_YEARS if year >= first), None)
    for number, spec in zip(NUMERALS, book.sections, strict=False):
        blocks.append(Heading(f"{number}、{spec.title.zh}"))
        blocks.append(Paragraph(prompt(_what(spec, year, kind)), "prompt"))
        if variant:
            blocks += _tables(spec, variant)
    due = _due(book, year, kind)
    blocks.append(Paragraph(prompt(f"成文日期，写在落款处，不晚于{_day(due)}"), "prompt"))
    blocks.append(Paragraph(organ, "signature"))
    blocks.append(Paragraph(_day(due), "signature"))
    return blocks


def _what(spec: SectionSpec, year: int, kind: str | None) -> str:
    """What a part must say, by the rulebook: its statements that bind this report."""
    names = [_asked(s) for s in spec.must_say if _binds(s, year, kind)]
    return "；".join(names) if names else f"本年度{spec.title.zh}"


def _asked(statement: Statement) -> str:
    """A statement's name, with its example sentence if the rulebook gives one."""
    example = statement.example
    return f"{statement.name.zh}，如：{example}" if example else statement.name.zh


def _binds(statement: Statement, year: int, kind: str | None) -> bool:
    return (statement.organ is None or statement.organ == kind) and (
        statement.from_year is None or year >= statement.from_year
    )


def _due(book: Rulebook, year: int, kind: str | None) -> date:
    """The last day to publish: the kind's own publication deadline, else the general one."""
    dated = [d for d in book.deadlines if d.month and d.day and d.organ in (kind, None)]
    dated.sort(key=lambda d: d.organ is None)
    if not dated:
        raise DraftError(f"{book.path}: 规则中没有年度报告公布期限 (no publication deadline)")
    return publication_due(dated[0], year)


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _tables(spec: SectionSpec, variant: forms.Variant) -> list[Block]:
    """The standard tables a part holds (its statements that a table says)."""
    numbers = sorted({s.table for s in spec.must_say if s.table})
    build = {2: _table2, 3: _table3, 4: _table4}
    return [build[number](variant) for number in numbers if number in build]


def _table2(variant: forms.Variant) -> Grid:
    """Table 2: a block per item of article 20, its headers, its rows with 0 in each cell."""
    columns = forms.TABLE2_COLUMNS[variant]
    width = 1 + max(len(c) for c in columns.values())
    rows: list[list[str]] = []
    merged: list[tuple[int, int, int, int]] = []
    item = None
    for key, *labels in forms.TABLE2_ROWS:
        label = labels[0] if variant == "2019" else labels[1]
        if label is None:
            continue
        cells = [name for _, name in columns[key]]
        if _T2_ITEMS[key] != item:
            item = _T2_ITEMS[key]
            merged.append((len(rows), 0, len(rows), width - 1))
            rows.append(_padded([f"第二十条第{item}项"], width))
            rows.append(_padded(["信息内容", *cells], width))
        rows.append(_padded([label, *["0"] * len(cells)], width))
    return Grid(rows, merged)


def _table3(variant: forms.Variant) -> Grid:
    """Table 3: the applicants' columns and every row of the form, group labels included."""
    columns = [label for _, label in forms.TABLE3_COLUMNS]
    organisations = columns[1:-1]
    rows = [
        ["申请人情况", columns[0], "法人或其他组织", *[""] * (len(organisations) - 1), columns[-1]],
        ["", "", *organisations, ""],
    ]
    merged = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, len(organisations) + 1)]
    merged.append((0, len(columns), 1, len(columns)))
    width = len(columns) + 1
    groups = dict(forms.TABLE3_GROUPS)
    for key, label in forms.TABLE3_ROWS:
        group = key.split(".")[0]
        if key == "granted":
            rows.append(_padded([_T3_RESULTS], width))
        if "." in key and group in groups:
            rows.append(_padded([groups.pop(group)], width))
        if key == "other" and variant == "2021":
            continue  # its group label (six) heads the three rows that replaced it
        if key.startswith("other.") and variant == "2019":
            continue
        if key == "other":
            groups.pop("other")
        rows.append([label, *["0"] * len(columns)])
    return Grid(rows, merged)


def _table4(variant: forms.Variant) -> Grid:
    """Table 4: reconsideration and the two kinds of suit, five outcomes each, all 0."""
    outcomes = [label for _, label in forms.TABLE4_COLUMNS]
    (_, review), *suits = forms.TABLE4_BLOCKS
    size = len(outcomes)
    rows = [
        [review, *[""] * (size - 1), "行政诉讼", *[""] * (2 * size - 1)],
        [*outcomes, *(cell for _, name in suits for cell in (name, *[""] * (size - 1)))],
        [*[""] * size, *outcomes * len(suits)],
        ["0"] * (size * 3),
    ]
    merged = [(0, 0, 0, size - 1), (0, size, 0, 3 * size - 1)]
    merged += [(1, i, 2, i) for i in range(size)]
    merged += [(1, size * (1 + i), 1, size * (2 + i) - 1) for i in range(len(suits))]
    return Grid(rows, merged)


def _padded(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells))


# --- writers ---------------------------------------------------------------------------


def write(blocks: list[Block], path: str) -> None:
    """Write the draft as ``path``'s suffix says: .docx, .md or .txt."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise DraftError(
            f"{path}: 不支持的格式，请用 {' / '.join(FORMATS)} (write .docx, .md or .txt)"
        )
    if suffix == ".docx":
        _write_docx(blocks, path)
        return
    from checker.render.output import open_output

    text = "\n".join(_lines(blocks, markdown=suffix == ".md")) + "\n"
    with open_output(path) as out:
        out.write(text)


def _lines(blocks: list[Block], markdown: bool) -> Iterator[str]:
    """The draft as text: a blank line between blocks, tables as pipe (or tab) rows."""
    for i, block in enumerate(blocks):
        if i and not (_signs(block) and _signs(blocks[i - 1])):  # the signature's lines go together
            yield ""
        if isinstance(block, Heading):
            yield f"## {block.text}" if markdown else block.text
        elif isinstance(block, Grid):
            yield from _text_rows(block, markdown)
        elif block.role == "title" and markdown:
            yield f"# {block.text}"
        else:
            yield block.text


def _signs(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.role == "signature"


def _text_rows(grid: Grid, markdown: bool) -> Iterator[str]:
    if not markdown:
        yield from ("\t".join(row) for row in grid.rows)
        return
    yield f"| {' | '.join(grid.rows[0])} |"
    yield f"|{'---|' * len(grid.rows[0])}"
    yield from (f"| {' | '.join(row)} |" for row in grid.rows[1:])


#: Fonts of official documents (GB/T 9704): 仿宋_GB2312 body, 黑体 first-level headings,
#: 方正小标宋简体 title; sizes in points (三号 16, 二号 22, 五号 10.5 in tables).
FONTS = {"title": ("方正小标宋简体", 22), "heading": ("黑体", 16), "body": ("仿宋_GB2312", 16),
         "prompt": ("楷体_GB2312", 16), "table": ("仿宋_GB2312", 10.5)}  # fmt: skip


def _write_docx(blocks: list[Block], path: str) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    _font(document.styles["Normal"], *FONTS["body"])
    heading = document.styles["Heading 1"]
    _font(heading, *FONTS["heading"])
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.font.bold = False
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=1)
        elif isinstance(block, Grid):
            _docx_table(document, block)
        else:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            if block.role in FONTS:
                _font(run, *FONTS[block.role])
            if block.role == "title":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif block.role == "signature":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters
    try:
        document.save(path)
    except OSError as err:
        raise DraftError(f"{path}: 无法写入 (cannot write: {err.strerror})") from err


def _docx_table(document: object, grid: Grid) -> None:
    table = document.add_table(rows=len(grid.rows), cols=len(grid.rows[0]))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            for run in cell.paragraphs[0].runs:
                _font(run, *FONTS["table"])
    for top, left, bottom, right in grid.merged:
        text = grid.rows[top][left]
        merged = table.cell(top, left).merge(table.cell(bottom, right))
        merged.text = text
        for run in merged.paragraphs[0].runs:
            _font(run, *FONTS["table"])


def _font(target: object, name: str, size: float) -> None:
    """Set a style's or run's font for Latin and East Asian text alike."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = target.font  # type: ignore[attr-defined]
    font.name = name
    font.size = Pt(size)
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    fonts.set(qn("w:eastAsia"), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the name
