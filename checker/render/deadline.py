"""``xxgk deadline``: the last day allowed, and every day the count skipped or counted specially."""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from checker.deadlines import DueDate
from checker.facts.workdays import DayNote
from checker.rulebook import Rulebook

LABELS = {
    "zh": {
        "reply": "收到申请之日", "extension": "收到申请之日", "proactive": "信息形成或者变更之日",
        "not_counted": "当日不计入", "limit": "期限", "unit": "个工作日", "basis": "依据",
        "due": "最后一天", "profile": "规则", "date": "日期", "weekday": "星期", "note": "情况",
        "weekend": "周末，不计", "holiday": "{name}，不计", "rest": "休息日",
        "makeup": "调休上班（{name}），计为第 {n} 个工作日", "none": "期间没有节假日或周末。",
        "day": "{day}（{weekday}）", "start_note": "，{text}",
    },
    "en": {
        "reply": "request received", "extension": "request received",
        "proactive": "information created or changed", "not_counted": "not counted",
        "limit": "Limit", "unit": "working days", "basis": "Basis", "due": "Last day allowed",
        "profile": "Rules", "date": "Date", "weekday": "Day", "note": "How it was counted",
        "weekend": "weekend, skipped", "holiday": "{name} holiday, skipped", "rest": "day off",
        "makeup": "make-up working day ({name}), counted as working day {n}",
        "none": "No holidays or weekends in between.", "day": "{day} ({weekday})",
        "start_note": ", {text}",
    },
}
WEEKDAYS = {
    "zh": ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def deadline_view(due: DueDate, rulebook: Rulebook, lang: str = "zh") -> Group:
    """The due date with how it was counted, as a rich renderable."""
    return Group(_summary(due, rulebook, lang), _notes(due, lang))


def _summary(due: DueDate, rulebook: Rulebook, lang: str) -> Panel:
    label, count = LABELS[lang], due.count
    names = " + ".join(limit.name.get(lang) for limit in due.limits)
    parts = " + ".join(str(limit.working_days) for limit in due.limits)
    days = f"{parts} = {count.working_days}" if len(due.limits) > 1 else str(count.working_days)
    articles = "、".join(dict.fromkeys(limit.article.get(lang) for limit in due.limits))
    lines = [
        RichText.assemble((f"{label[due.purpose]} ", "dim"), _day(count.start, lang),
                          (label["start_note"].format(text=label["not_counted"]), "dim")),
        RichText.assemble((f"{label['limit']} ", "dim"), f"{days} {label['unit']}",
                          (f"  {label['basis']} ", "dim"), articles),
        RichText.assemble((f"{label['due']} ", "dim"), (_day(count.due, lang), "bold green")),
    ]
    title = f"{names} · {label['profile']} {rulebook.id}"
    return Panel(Group(*lines), title=title, title_align="left", border_style="green")


def _notes(due: DueDate, lang: str) -> Table | RichText:
    label = LABELS[lang]
    if not due.count.notes:
        return RichText(label["none"], style="dim")
    table = Table(box=None, pad_edge=False)
    for column in ("date", "weekday", "note"):
        table.add_column(label[column])
    for note, ordinal in _with_ordinals(due.count.start, due.count.notes):
        style = "cyan" if note.kind == "makeup-workday" else "dim"
        table.add_row(note.day.isoformat(), WEEKDAYS[lang][note.day.weekday()],
                      RichText(_explain(note, ordinal, lang), style=style))
    return table


def _with_ordinals(start: date, notes: tuple[DayNote, ...]) -> list[tuple[DayNote, int]]:
    """Each note with the working day it is, counted from ``start`` (0 for skipped days).

    Every day after ``start`` is a working day unless a note skips it, so a make-up day's place
    is the days elapsed minus the days skipped before it."""
    skipped, result = 0, []
    for note in notes:
        if note.kind == "makeup-workday":
            result.append((note, (note.day - start).days - skipped))
        else:
            skipped += 1
            result.append((note, 0))
    return result


def _explain(note: DayNote, ordinal: int, lang: str) -> str:
    label = LABELS[lang]
    name = note.name or label["rest"]
    if note.kind == "makeup-workday":
        return label["makeup"].format(name=name, n=ordinal)
    return label["holiday"].format(name=name) if note.kind == "holiday" else label["weekend"]


def _day(day: date, lang: str) -> str:
    return LABELS[lang]["day"].format(day=day.isoformat(), weekday=WEEKDAYS[lang][day.weekday()])
