"""Tests for checker.facts.numbers: numbers and dates as written in real reports."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.facts.numbers import (
    DateMatch,
    Number,
    find_dates,
    find_numbers,
    parse_date,
    parse_number,
    precision,
    spell,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def from_seed(prefix: str, sentence: str) -> str:
    """The sentence, after checking that the seed report really contains it."""
    assert sentence in seed(prefix)
    return sentence


def read(text: str) -> list[tuple[str, Decimal, str]]:
    return [(n.raw, n.value, n.unit) for n in find_numbers(text)]


def only(text: str) -> Number:
    (number,) = find_numbers(text)
    return number


# --- seed 000 ------------------------------------------------------------------------


def test_seed000_applications() -> None:
    text = from_seed(
        "000",
        "受理政务公开申请68126条,其中,向公开权利人公开的政府信息共67653条,"
        "部分公开的政府信息共427条,按国家有关保密规定不予公开的政府信息共46条",
    )
    assert read(text) == [
        ("68126", Decimal(68126), "条"),
        ("67653", Decimal(67653), "条"),
        ("427", Decimal(427), "条"),
        ("46", Decimal(46), "条"),
    ]


def test_seed000_fullwidth_commas_read_the_same() -> None:
    text = "受理政务公开申请68126条，其中，向公开权利人公开的政府信息共67653条"
    assert read(text) == [("68126", Decimal(68126), "条"), ("67653", Decimal(67653), "条")]


def test_seed000_yu_before_wan() -> None:
    text = from_seed("000", "回复各种政务公开事项咨询22余万人次")
    n = only(text)
    assert (n.raw, n.value, n.scale, n.unit, n.approx) == (
        "22余万",
        Decimal(220000),
        10000,
        "人次",
        True,
    )
    assert text[n.start : n.end] == "22余万"


def test_seed000_counts() -> None:
    assert read(from_seed("000", "对评选出的20个政务公开工作先进单位和44名先进个人")) == [
        ("20", Decimal(20), "个"),
        ("44", Decimal(44), "名"),
    ]
    n = only(from_seed("000", "单位办公室的110余名相关领导"))
    assert (n.value, n.unit, n.approx) == (Decimal(110), "名", True)
    assert read(from_seed("000", "我们两次下发")) == [("两", Decimal(2), "次")]
    assert read(from_seed("000", "和《政务公开实务研究》等三个专题")) == [("三", Decimal(3), "个")]


def test_seed000_dates() -> None:
    assert find_dates(from_seed("000", "日期:2006年02月07日")) == [
        DateMatch(3, 14, "2006年02月07日", date(2006, 2, 7))
    ]
    assert parse_date(from_seed("000", "二〇〇六年二月七日")) == date(2006, 2, 7)
    assert [d.value for d in find_dates(seed("000"))] == [
        date(2006, 2, 7),
        date(2005, 8, 10),
        date(2005, 5, 17),
        date(2005, 11, 15),
        date(2006, 2, 7),
    ]


def test_seed000_chinese_date_as_numbers() -> None:
    assert read("二〇〇六年二月七日") == [
        ("二〇〇六", Decimal(2006), "年"),
        ("二", Decimal(2), "月"),
        ("七", Decimal(7), "日"),
    ]


def test_seed000_idioms_and_ordinals_not_read() -> None:
    text = from_seed(
        "000",
        "一是通过新闻发布会、政府公报、政务公开栏、公开办事指南以及报刊、电视、网络、"
        "电子触摸屏等形式",
    )
    assert read(text) == []
    assert read(from_seed("000", "开展“一厅式”、“一站式”、“一条龙”服务")) == []
    assert read(from_seed("000", "  (一) 认真搞好工作总结")) == []


# --- seed 001 ------------------------------------------------------------------------


def test_seed001_mailbox() -> None:
    text = from_seed("001", "市长信箱共收到群众来信1339件,办结1315件,办结率98.2%")
    assert read(text) == [
        ("1339", Decimal(1339), "件"),
        ("1315", Decimal(1315), "件"),
        ("98.2%", Decimal("98.2"), ""),
    ]
    rate = find_numbers(text)[-1]
    assert (rate.percent, rate.decimals, rate.scale) == (True, 1, 1)


def test_seed001_hotline() -> None:
    text = from_seed("001", "12345政府服务热线共接听群众来电10950个,办结10949个,办结率99.9%")
    assert read(text) == [
        ("12345", Decimal(12345), ""),
        ("10950", Decimal(10950), "个"),
        ("10949", Decimal(10949), "个"),
        ("99.9%", Decimal("99.9"), ""),
    ]


def test_seed001_approximate_counts() -> None:
    text = from_seed("001", "公开各类政府信息2万多条,制作视频访谈25期")
    assert [(n.raw, n.value, n.scale, n.unit, n.approx) for n in find_numbers(text)] == [
        ("2万多", Decimal(20000), 10000, "条", True),
        ("25", Decimal(25), 1, "期", False),
    ]
    n = only(from_seed("001", "政府网站英文版共更新发布信息700余条"))
    assert (n.raw, n.value, n.unit, n.approx) == ("700余", Decimal(700), "条", True)
    assert read(from_seed("001", "累计近30万字")) == [("30万", Decimal(300000), "字")]


def test_seed001_slogans_not_read_but_counts_are() -> None:
    text = from_seed(
        "001", "市直各部门实行一把手负责、一名领导分管、一个机构主办的“三个一”管理模式"
    )
    assert read(text) == [("一", Decimal(1), "名"), ("一", Decimal(1), "个")]


def test_seed001_working_days() -> None:
    assert read(from_seed("001", "并在3个工作日内完成审批")) == [("3", Decimal(3), "个工作日")]


def test_seed001_dates() -> None:
    assert find_dates(from_seed("001", "发布时间:2014-02-20")) == [
        DateMatch(5, 15, "2014-02-20", date(2014, 2, 20))
    ]
    assert parse_date(from_seed("001", "2014年1月22日")) == date(2014, 1, 22)
    assert find_numbers("发布时间:2014-02-20") == []  # date parts are not quantities


# --- seed 002 ------------------------------------------------------------------------


def test_seed002_working_days() -> None:
    n = only(from_seed("002", "保证在15个工作日内予以公开"))
    assert (n.raw, n.value, n.unit) == ("15", Decimal(15), "个工作日")


def test_seed002_timestamp() -> None:
    assert find_dates(from_seed("002", "发布时间:2012-01-17 00:00")) == [
        DateMatch(5, 21, "2012-01-17 00:00", date(2012, 1, 17))
    ]


def test_seed002_year_month_is_not_a_date() -> None:
    assert find_dates(from_seed("002", "(2012年1月)")) == []


def test_seed002_visits_and_rates() -> None:
    text = from_seed("002", "访问量达到18万余人次")
    n = only(text)
    assert (n.raw, n.value, n.unit, n.approx) == ("18万余", Decimal(180000), "人次", True)
    text = from_seed("002", "群众满意率达98%,处理“12345”市民热线766件,按时办结率达95%")
    assert read(text) == [
        ("98%", Decimal(98), ""),
        ("12345", Decimal(12345), ""),
        ("766", Decimal(766), "件"),
        ("95%", Decimal(95), ""),
    ]


# --- seed 003 ------------------------------------------------------------------------


def test_seed003_wan_with_decimals() -> None:
    text = from_seed(
        "003",
        "共主动公开各类政府信息14.2万条,其中市政府1.1万条、市直单位2.8万条、"
        "县(市)区直属单位、乡镇政府10.3万条",
    )
    numbers = find_numbers(text)
    assert [(n.raw, n.value, n.decimals, n.scale, n.unit) for n in numbers] == [
        ("14.2万", Decimal(142000), 1, 10000, "条"),
        ("1.1万", Decimal(11000), 1, 10000, "条"),
        ("2.8万", Decimal(28000), 1, 10000, "条"),
        ("10.3万", Decimal(103000), 1, 10000, "条"),
    ]
    assert precision(numbers[0]) == Decimal(500)


def test_seed003_more() -> None:
    assert read(from_seed("003", "重点领域信息3.8万条")) == [("3.8万", Decimal(38000), "条")]
    assert read(from_seed("003", "细化分解成6类24条")) == [
        ("6", Decimal(6), "类"),
        ("24", Decimal(24), "条"),
    ]
    assert read(from_seed("003", "每季度召开一次新闻发布会")) == [("一", Decimal(1), "次")]
    assert read(from_seed("003", "第一时间向公众传递权威的解读")) == []
    assert read(from_seed("003", "传递至千家万户")) == []


# --- seed 004 ------------------------------------------------------------------------


def test_seed004_deadlines() -> None:
    assert read(from_seed("004", "应当自收到申请起15日内予以答复")) == [("15", Decimal(15), "日")]
    assert read(from_seed("004", "最长不超过15个工作日")) == [("15", Decimal(15), "个工作日")]
    assert read(from_seed("004", "20个工作日内")) == [("20", Decimal(20), "个工作日")]


def test_seed004_chinese_date() -> None:
    assert parse_date(from_seed("004", "六月十七日")) is None  # no year: not a full date
    assert read("六月十七日") == [("六", Decimal(6), "月"), ("十七", Decimal(17), "日")]


def test_seed004_visits() -> None:
    text = from_seed("004", "进行政策咨询答复3300多人次")
    n = only(text)
    assert (n.value, n.unit, n.approx) == (Decimal(3300), "人次", True)
    assert read(from_seed("004", "浏览量已达28万人次")) == [("28万", Decimal(280000), "人次")]


def test_seed004_list_markers_not_read() -> None:
    assert read(from_seed("004", "\n1、属于国家秘密的;")) == []


def test_all_seeds_offsets_are_exact() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        numbers = find_numbers(text)
        assert numbers, path.name
        assert all(text[n.start : n.end] == n.raw for n in numbers)
        assert all(a.end <= b.start for a, b in itertools.pairwise(numbers))
        assert all(text[d.start : d.end] == d.raw for d in find_dates(text))


# --- synthetic edges -----------------------------------------------------------------


def test_fullwidth_digits() -> None:
    text = "共１，３３９件，办结率９８．２％"
    assert [(n.start, n.end, n.raw, n.value, n.unit) for n in find_numbers(text)] == [
        (1, 6, "１，３３９", Decimal(1339), "件"),
        (11, 16, "９８．２％", Decimal("98.2"), ""),
    ]
    assert parse_number("１３３９") == Decimal(1339)
    assert parse_date("２０１４年１月２２日") == date(2014, 1, 22)


def test_thousands_separator() -> None:
    assert parse_number("1,339") == Decimal(1339)
    assert read("来电10,950个") == [("10,950", Decimal(10950), "个")]
    assert read("1,234.5万元") == [("1,234.5万", Decimal(12345000), "元")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("办结1315,98.2%", [Decimal(1315), Decimal("98.2")]),
        ("分别为2、3个", [Decimal(2), Decimal(3)]),
        ("共1,3395件", [Decimal(1), Decimal(3395)]),
        ("1339,500", [Decimal(1339), Decimal(500)]),
    ],
)
def test_comma_that_is_not_a_thousands_separator(text: str, expected: list[Decimal]) -> None:
    assert [n.value for n in find_numbers(text)] == expected


def test_not_a_thousands_separator_whole_string() -> None:
    assert parse_number("1315,98.2%") is None


@pytest.mark.parametrize(
    "text",
    [
        "第三十二条规定",
        "一是加强",
        "二是完善",
        "一、概述",
        "（一）认真",
        "(三)不断",
        "第一时间",
        "第30次会议",
    ],
)
def test_ordinals_ignored(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "一把手负责",
        "一站式服务",
        "一厅式服务",
        "一条龙服务",
        "“三个一”管理模式",
        "统一部署",
        "一定程度",
        "进一步推进",
        "一批不作为",
        "一些问题",
        "一次性告知",
        "一人一档",
        "十分重要",
        "一年来",
        "二期工程",
    ],
)
def test_idioms_ignored(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ISO9000认证", []),
        ("〔20xx〕53号", [Decimal(53)]),
        ("电话:027-82846670", []),
        ("0715—8126116", []),
        ("v1.2.3版", []),
        ("3~5个", []),
    ],
)
def test_codes_phones_and_ranges_ignored(text: str, expected: list[Decimal]) -> None:
    assert [n.value for n in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("十五个工作日", Decimal(15), "个工作日"),
        ("二十个工作日", Decimal(20), "个工作日"),
        ("三个", Decimal(3), "个"),
        ("十二次会议", Decimal(12), "次"),
        ("二十二万人次", Decimal(220000), "人次"),
        ("二○○六年", Decimal(2006), "年"),
    ],
)
def test_chinese_numerals(text: str, value: Decimal, unit: str) -> None:
    n = only(text)
    assert (n.value, n.unit, n.raw + n.unit) == (value, unit, text.replace("会议", ""))


def test_approx() -> None:
    n = only("2万多条")
    assert (n.value, n.scale, n.unit, n.approx) == (Decimal(20000), 10000, "条", True)
    n = only("三十余人")
    assert (n.raw, n.value, n.unit, n.approx) == ("三十余", Decimal(30), "人", True)
    n = only("经由12345多渠道")  # 多 starts the next word here
    assert (n.raw, n.approx) == ("12345", False)


def test_percent_in_words() -> None:
    n = only("百分之九十八点二")
    assert (n.value, n.decimals, n.percent) == (Decimal("98.2"), 1, True)
    assert precision(n) == Decimal("0.05")
    assert parse_number("百分之五十") == Decimal(50)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,339", Decimal(1339)),
        ("１３３９", Decimal(1339)),
        ("14.2万", Decimal(142000)),
        ("十五", Decimal(15)),
        ("二〇〇六", Decimal(2006)),
        ("98.2%", Decimal("98.2")),
        ("68126条", Decimal(68126)),
        (" 700余 ", Decimal(700)),
        ("两", Decimal(2)),
        ("一点五万", Decimal(15000)),
    ],
)
def test_parse_number(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "第三", "三五", "十两", "2014-02-20", "1.2.3", "一年"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14.2万条", Decimal(500)),
        ("68126条", Decimal("0.5")),
        ("98.2%", Decimal("0.05")),
        ("2万条", Decimal(5000)),
        ("1.25元", Decimal("0.005")),
        ("3.5亿元", Decimal(5000000)),
    ],
)
def test_precision(text: str, expected: Decimal) -> None:
    assert precision(only(text)) == expected


@pytest.mark.parametrize(
    ("value", "scale", "written"),
    [
        (Decimal(68126), 1, "68126"),
        (Decimal(100), 1, "100"),
        (Decimal(142000), 10_000, "14.2万"),
        (Decimal(3000), 10_000, "0.3万"),
        (Decimal(140000), 10_000, "14万"),
        (Decimal(250_000_000), 100_000_000, "2.5亿"),
        (Decimal(0), 10_000, "0万"),
        (Decimal("98.20"), 1, "98.2"),
    ],
)
def test_spell_writes_a_value_in_its_scale(value: Decimal, scale: int, written: str) -> None:
    assert spell(value, scale) == written


@pytest.mark.parametrize(
    "text",
    [
        "2014年1月22日",
        "2014年01月22日",
        "2014 年 1 月 22 日",
        "2014-01-22",
        "2014-01-22 00:00",
        "2014/1/22",
        "2014.1.22",
        "二〇一四年一月二十二日",
        "二○一四年一月二十二日",
    ],
)
def test_date_forms(text: str) -> None:
    assert find_dates(text) == [DateMatch(0, len(text), text, date(2014, 1, 22))]
    assert parse_date(f" {text} ") == date(2014, 1, 22)


@pytest.mark.parametrize(
    "text", ["2014年2月30日", "2014-13-01", "二〇〇六年十三月七日", "12014-02-20", "2014-2/20"]
)
def test_invalid_dates_skipped(text: str) -> None:
    assert find_dates(text) == []
    assert parse_date(text) is None


def test_dates_in_running_text() -> None:
    text = "统计期限自2013年1月1日起至2013年12月31日止"
    assert [(d.raw, d.value) for d in find_dates(text)] == [
        ("2013年1月1日", date(2013, 1, 1)),
        ("2013年12月31日", date(2013, 12, 31)),
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [("1," * 100_000, 100_000), ("一" * 100_000, 0), ("1." * 100_000, 0), ("一个" * 100_000, 1)],
)
def test_adversarial_inputs_finish(text: str, count: int) -> None:
    assert len(find_numbers(text)) == count
    assert find_dates(text) == []


def test_adversarial_dates_finish() -> None:
    assert find_dates("2014-" * 40_000) == []
    assert len(find_dates("2014-01-22 " * 20_000)) == 20_000


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="0123456789１２,.%万亿余多一二三十百两〇○第是、()个条年月日 -/", max_size=40)
)
def test_never_raises_and_offsets_hold(text: str) -> None:
    numbers = find_numbers(text)
    assert all(text[n.start : n.end] == n.raw for n in numbers)
    assert all(text[d.start : d.end] == d.raw for d in find_dates(text))
    parse_number(text)
    parse_date(text)
