"""Rule kinds over the figures of the narrative: totals against their parts, rates against
their counts. The claims are read by ``checker.facts.claims``; these kinds only judge them."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from msgspec import field

from checker.facts.claims import (
    RateClaim,
    RateWords,
    ShareClaim,
    ShareWords,
    SumClaim,
    SumWords,
    find_rates,
    find_shares,
    find_sums,
    unit,
)
from checker.facts.numbers import Number, precision, spell
from checker.model import Line, Text
from checker.rules.base import Check, Context, Hit, kind

_SHOWN_DECIMALS = Decimal("0.01")  # recomputed rates and gaps are shown to 2 decimals
# A residual list's total may be named in the paragraphs just before it (the figure under
# （一）数量, the categories under （二）类别); ``reach`` bounds the search in clauses.
_BEFORE = 4


@kind("sum")
class SumCheck(Check, frozen=True):
    """A total followed by its parts ("68126条，其中…67653条，…427条，…46条") that do not add up.

    The figures may differ by the rounding the text itself shows: half a unit of the last
    written digit of the total and of each part (14.2万 ± 0.05万); counts written in full
    digits must match exactly. ``markers`` introduce the parts; ``hedges`` are words that
    show a list need not partition its total, so it is not checked.
    """

    markers: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    residuals: list[str] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)
    fillers: list[str] = field(default_factory=list)
    reach: int = 40

    def run(self, ctx: Context) -> Iterator[Hit]:
        words = SumWords(
            self.markers, self.hedges, self.residuals, self.scopes, self.fillers, self.reach
        )
        paragraphs = ctx.paragraphs
        for index, paragraph in enumerate(paragraphs):
            before = paragraphs[max(index - _BEFORE, 0) : index]
            for claim in find_sums(paragraph, words, before):
                if abs(claim.difference) > claim.tolerance:
                    yield _hit(claim, _sum_values(claim))
                else:
                    ctx.verified(self.id, claim.line, _quote(claim), Text.both(_sum(claim)))


def _sum_values(claim: SumClaim) -> dict[str, object]:
    total, word = claim.total, unit(claim.total)
    return {
        "total": total.raw + word,
        "parts": " + ".join(part.raw for part in claim.parts),
        "sum": spell(claim.parts_sum, total.scale) + word,
        "difference": spell(abs(claim.difference), total.scale) + word,
    }


def _sum(claim: SumClaim) -> str:
    """'67653 + 427 + 46 = 68126', or '… = 14.25万 ≈ 14.2万' when rounding explains a gap."""
    parts = " + ".join(part.raw for part in claim.parts)
    written = spell(claim.parts_sum, claim.total.scale)
    return f"{parts} = {written}" + ("" if written == claim.total.raw else f" ≈ {claim.total.raw}")


@kind("rate")
class RateCheck(Check, frozen=True):
    """A stated rate ("办结1315件，办结率98.2%") that its counts do not give.

    ``rates`` maps each rate's name to the words that introduce its numerator (办结率 ->
    办结); the denominator is the nearest earlier figure after one of ``totals`` (共, 收到,
    受理, 接听), within ``window`` clauses and the same sentence. A rate without both counts
    ("群众满意率达98%") is not checkable and is left alone.

    The stated rate may differ from the recomputed one by the rounding of its stated
    decimals; with ``allow_truncation`` also by a cut-off last digit, since reports write
    10949/10950 as 99.9% rather than round it up to a 100.0% that is not true.
    """

    rates: dict[str, list[str]] = field(default_factory=dict)
    totals: list[str] = field(default_factory=list)
    not_totals: list[str] = field(default_factory=list)
    connectors: list[str] = field(default_factory=list)
    wholes: list[str] = field(default_factory=list)
    window: int = 4
    allow_truncation: bool = True

    def run(self, ctx: Context) -> Iterator[Hit]:
        words = RateWords(
            self.rates, self.totals, self.not_totals, self.connectors, self.window, self.wholes
        )
        for paragraph in ctx.paragraphs:
            for claim in find_rates(paragraph, words):
                if self._consistent(claim):
                    ctx.verified(self.id, claim.line, _quote(claim), Text.both(_rate(claim)))
                else:
                    yield _hit(claim, _rate_values(claim))

    def _consistent(self, claim: RateClaim) -> bool:
        return _agrees(claim.rate, claim.computed, self.allow_truncation)


def _agrees(stated: Number, computed: Decimal, truncation: bool) -> bool:
    """Whether ``computed`` (percent) rounds, or with ``truncation`` is cut, to ``stated``."""
    step = 2 * precision(stated)  # one unit of the last stated digit
    high = stated.value + (step if truncation else step / 2)
    return stated.value - step / 2 <= computed <= high


@kind("share")
class ShareCheck(Check, frozen=True):
    """Shares of a base ("主动公开的2026条政府信息中，…161条，占7.9%") that the counts do not
    give: one finding per base, naming each share that is off.

    The base is read only where the text makes it plain (see ``find_shares``): the figure
    before the 其中 opening the shares, a frame "在…N条…中", or a topic clause ("主动公开的
    政府信息，") naming the one figure before it with that label. A share may differ from the
    recomputed one by the rounding of its stated decimals, and with ``allow_truncation`` by
    a cut-off last digit (60/2026 = 2.96% written 2.9%).
    """

    shares: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    fillers: list[str] = field(default_factory=list)
    reach: int = 12
    allow_truncation: bool = True

    def run(self, ctx: Context) -> Iterator[Hit]:
        words = ShareWords(self.shares, self.markers, self.fillers, self.reach)
        for paragraph in ctx.paragraphs:
            for claim in find_shares(paragraph, words):
                off = [
                    (count, pct, computed)
                    for count, pct in claim.items
                    if not _agrees(
                        pct, computed := claim.computed(count, claim.base), self.allow_truncation
                    )
                ]
                if off:
                    yield _hit(claim, _share_values(claim, off))
                else:
                    ctx.verified(self.id, claim.line, _quote(claim), Text.both(_shares(claim)))


def _share_values(
    claim: ShareClaim, off: list[tuple[Number, Number, Decimal]]
) -> dict[str, object]:
    return {
        "base": _count(claim.base),
        "shares": "；".join(
            f"{_count(count)}占{pct.raw}（{count.raw} / {claim.base.raw} = "
            f"{computed.quantize(_SHOWN_DECIMALS)}%）"
            for count, pct, computed in off
        ),
    }


def _shares(claim: ShareClaim) -> str:
    """'161 / 2026 = 7.95% ≈ 7.9%; …'."""
    return "; ".join(
        f"{count.raw} / {claim.base.raw} = "
        f"{claim.computed(count, claim.base).quantize(Decimal(1).scaleb(-(pct.decimals + 1)))}%"
        f" ≈ {pct.raw}"
        for count, pct in claim.items
    )


def _rate_values(claim: RateClaim) -> dict[str, object]:
    return {
        "name": claim.name,
        "stated": claim.rate.raw,
        "numerator": _count(claim.numerator),
        "denominator": _count(claim.denominator),
        "computed": f"{claim.computed.quantize(_SHOWN_DECIMALS)}%",
        "difference": abs(claim.computed - claim.rate.value).quantize(_SHOWN_DECIMALS),
    }


def _rate(claim: RateClaim) -> str:
    """'1315 / 1339 = 98.21% ≈ 98.2%'."""
    computed = claim.computed.quantize(Decimal(1).scaleb(-(claim.rate.decimals + 1)))
    return f"{claim.numerator.raw} / {claim.denominator.raw} = {computed}% ≈ {claim.rate.raw}"


def _count(n: Number) -> str:
    return n.raw + unit(n)


def _hit(claim: SumClaim | RateClaim | ShareClaim, values: dict[str, object]) -> Hit:
    """A finding at the line and column of the claim's total (or rate), quoting the claim."""
    line, column = claim.paragraph.locate(claim.anchor.start)
    width = claim.anchor.end + len(claim.anchor.unit) - claim.anchor.start
    end = min(column + width, len(line.text))
    return Hit(line, column, end, values=values, evidence=_quote(claim))


def _quote(claim: SumClaim | RateClaim | ShareClaim) -> str:
    """The claim's original words: from its own line when it stands on one, as before, or
    from its paragraph's joined words when the layout broke it over lines."""
    # Imported here: checker.evaluate imports the rule kinds, so a top-level import would
    # be circular.
    from checker.evaluate import excerpt

    paragraph = claim.paragraph
    line, start = paragraph.locate(claim.start)
    last, end = paragraph.locate(claim.end - 1)
    if last is line:
        return excerpt(line, start, end + 1)
    return excerpt(Line(line.number, paragraph.raw, paragraph.text), claim.start, claim.end)
