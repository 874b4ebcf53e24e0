"""Rule kinds over the mandated sections: missing, present without a heading, too thin."""

from __future__ import annotations

from collections.abc import Iterator

from checker.model import Target
from checker.rules.base import Check, Context, Hit, kind


@kind("section-missing")
class SectionMissing(Check, frozen=True):
    """A required section is neither headed nor found in the text.

    Deducts the section's own points and cites the section's article.
    """

    def run(self, ctx: Context) -> Iterator[Hit]:
        for coverage in ctx.coverage.values():
            spec = coverage.spec
            if spec.required and not coverage.present:
                yield Hit(
                    line=None,
                    values={"section": spec.title},
                    article=spec.article,
                    deduction=spec.points,
                    target=Target(part=spec.id),
                )


@kind("section-unheaded")
class SectionUnheaded(Check, frozen=True):
    """A section's content appears only inside other parts, without its own heading."""

    def run(self, ctx: Context) -> Iterator[Hit]:
        for coverage in ctx.coverage.values():
            if coverage.present and not coverage.headed:
                line, match = coverage.evidence[0]
                yield Hit(
                    line=line,
                    start=match.start(),
                    end=match.end(),
                    values={"section": coverage.spec.title},
                    article=coverage.spec.article,
                    target=Target(part=coverage.spec.id),
                )


@kind("section-thin")
class SectionThin(Check, frozen=True):
    """A headed section does not say what it must (e.g. a count, an outcome).

    Parts without a heading of their own are left to ``section-unheaded``: their content is
    scattered, so what they fail to say cannot be told apart from what sits elsewhere. A
    statement limited to a kind of organ or to later years is asked only of those reports.
    """

    def run(self, ctx: Context) -> Iterator[Hit]:
        for coverage in ctx.coverage.values():
            if not coverage.headed:
                continue
            for statement in coverage.missing_statements(ctx.tables):
                if not ctx.applies(statement.organ, statement.from_year):
                    continue
                yield Hit(
                    line=coverage.sections[0].heading,
                    values={"section": coverage.spec.title, "missing": statement.name},
                    article=coverage.spec.article,
                    target=Target(part=coverage.spec.id),
                )
