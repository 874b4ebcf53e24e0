"""The standard forms of the 2019+ report format: tables 2, 3 and 4 as data.

Since the 2019 reporting year every report carries three fixed tables (see
``../shared/docs/domain.md``): table 2 主动公开政府信息情况, table 3
收到和处理政府信息公开申请情况 and table 4 政府信息公开行政复议、行政诉讼情况. This module
holds what the forms print — their rows, columns and labels, in the 2019 and the 2021
variant — under the canonical ids that the grid (``checker.model.Table``), the reader
(``checker.tables``) and the rulebooks use. It imports nothing of xxgk: it is the bottom of
the house, like the rulebooks.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Literal

Variant = Literal["2019", "2021"]
TOTAL = "total"  # the id of the 总计 column of tables 3 and 4

# ---------------------------------------------------------------------------------------
# The vocabulary: canonical ids and the labels printed on the forms. Matching uses the
# Chinese characters of these labels, so the spelling here is the form's own.

#: Table 3 columns (申请人情况), left to right.
TABLE3_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public-interest", "社会公益组织"),
    ("legal-service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)

#: Table 3 rows in the form's order. The id before the dot names the group of
#: 三、本年度办理结果 (refused 不予公开, unavailable 无法提供, unprocessed 不予处理,
#: other 其他处理). ``other`` is the 2019 form's single row; the 2021 form splits it into
#: the three ``other.*`` rows.
TABLE3_ROWS: tuple[tuple[str, str], ...] = (
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried", "二、上年结转政府信息公开申请数量"),
    ("granted", "（一）予以公开"),
    ("partly", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("refused.secret", "1.属于国家秘密"),
    ("refused.law", "2.其他法律行政法规禁止公开"),
    ("refused.safety", "3.危及“三安全一稳定”"),
    ("refused.third-party", "4.保护第三方合法权益"),
    ("refused.internal", "5.属于三类内部事务信息"),
    ("refused.process", "6.属于四类过程性信息"),
    ("refused.enforcement", "7.属于行政执法案卷"),
    ("refused.query", "8.属于行政查询事项"),
    ("unavailable.not-held", "1.本机关不掌握相关政府信息"),
    ("unavailable.not-made", "2.没有现成信息需要另行制作"),
    ("unavailable.unclear", "3.补正后申请内容仍不明确"),
    ("unprocessed.complaint", "1.信访举报投诉类申请"),
    ("unprocessed.repeat", "2.重复申请"),
    ("unprocessed.publication", "3.要求提供公开出版物"),
    ("unprocessed.excessive", "4.无正当理由大量反复申请"),
    ("unprocessed.confirm", "5.要求行政机关确认或重新出具已获取信息"),
    ("other", "（六）其他处理"),
    ("other.no-correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.no-fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "3.其他"),
    ("total", "（七）总计"),
    ("carry-over", "四、结转下年度继续办理"),
)

#: The groups of 三、本年度办理结果 whose sub-rows add up to them, with their printed labels.
TABLE3_GROUPS: dict[str, str] = {
    "refused": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "unprocessed": "（五）不予处理",
    "other": "（六）其他处理",
}
SUB_ROWS: dict[str, tuple[str, ...]] = {
    group: tuple(key for key, _ in TABLE3_ROWS if key.startswith(group + "."))
    for group in TABLE3_GROUPS
}

#: Table 4 blocks (its rows here) and the five outcome columns each block has.
TABLE4_BLOCKS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("suit-direct", "未经复议直接起诉"),
    ("suit-after-review", "复议后起诉"),
)
TABLE4_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)

#: Table 2 rows (信息内容) with their labels in the 2019 and the 2021 form; ``None`` where
#: a form has no such row.
TABLE2_ROWS: tuple[tuple[str, str | None, str | None], ...] = (
    ("rules", "规章", "规章"),
    ("normative", "规范性文件", "行政规范性文件"),
    ("licensing", "行政许可", "行政许可"),
    ("other-services", "其他对外管理服务事项", None),
    ("penalty", "行政处罚", "行政处罚"),
    ("enforcement", "行政强制", "行政强制"),
    ("fees", "行政事业性收费", "行政事业性收费"),
    ("procurement", "政府集中采购", None),
)

_T2_DOCUMENTS_2019 = (
    ("made", "本年新制作数量"),
    ("published", "本年新公开数量"),
    ("published-total", "对外公开总数量"),
)
_T2_DOCUMENTS_2021 = (
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in-force", "现行有效件数"),
)
_T2_ITEMS = (("previous", "上一年项目数量"), ("change", "本年增/减"))
_T2_DECISIONS_2019 = (*_T2_ITEMS, ("decisions", "处理决定数量"))
_T2_DECISIONS_2021 = (("decisions", "本年处理决定数量"),)

#: Table 2 columns of each row, by form: 第二十条第（一）（五）（六）（八）（九）项.
TABLE2_COLUMNS: Mapping[Variant, Mapping[str, tuple[tuple[str, str], ...]]] = {
    "2019": {
        "rules": _T2_DOCUMENTS_2019,
        "normative": _T2_DOCUMENTS_2019,
        "licensing": _T2_DECISIONS_2019,
        "other-services": _T2_DECISIONS_2019,
        "penalty": _T2_DECISIONS_2019,
        "enforcement": _T2_DECISIONS_2019,
        "fees": _T2_ITEMS,
        "procurement": (("projects", "采购项目数量"), ("amount", "采购总金额")),
    },
    "2021": {
        "rules": _T2_DOCUMENTS_2021,
        "normative": _T2_DOCUMENTS_2021,
        "licensing": _T2_DECISIONS_2021,
        "penalty": _T2_DECISIONS_2021,
        "enforcement": _T2_DECISIONS_2021,
        "fees": (("amount", "本年收费金额（单位：万元）"),),
    },
}


@cache  # the grid asks for them at every sum
def columns(number: int, variant: Variant) -> tuple[str, ...]:
    """The column ids of a table's form, in printed order."""
    if number == 3:
        return tuple(key for key, _ in TABLE3_COLUMNS)
    if number == 4:
        return tuple(key for key, _ in TABLE4_COLUMNS)
    ids = (key for columns in TABLE2_COLUMNS[variant].values() for key, _ in columns)
    return tuple(dict.fromkeys(ids))


@cache
def column_labels(number: int, variant: Variant) -> Mapping[str, str]:
    """The printed header of each column of a table's form, by column id."""
    if number == 3:
        return dict(TABLE3_COLUMNS)
    if number == 4:
        return dict(TABLE4_COLUMNS)
    return {key: label for columns in TABLE2_COLUMNS[variant].values() for key, label in columns}



def vocabulary(number: int) -> tuple[frozenset[str], frozenset[str]]:
    """The row and the column ids of table 2, 3 or 4 in either form, that rules may name.

    Table 3's row ids include the groups of 三、本年度办理结果 (``refused`` for every
    不予公开 reason); table 4's rows are its three blocks. Any other number has none.
    """
    if number == 3:
        keys = [key for key, _ in TABLE3_ROWS]
        rows = frozenset(keys + [key.split(".")[0] for key in keys])
        return rows, frozenset(key for key, _ in TABLE3_COLUMNS)
    if number == 4:
        return frozenset(key for key, _ in TABLE4_BLOCKS), frozenset(k for k, _ in TABLE4_COLUMNS)
    if number == 2:
        columns = (key for variant in TABLE2_COLUMNS for key in column_labels(2, variant))
        return frozenset(key for key, *_ in TABLE2_ROWS), frozenset(columns)
    return frozenset(), frozenset()

