"""The rulebook: what the law requires, as data (``rules/*.yaml``).

A rulebook names its regulation and the reporting years it applies to, the grading bands,
the scorecard categories (their points add up to 100), the caps that put legal
completeness above polish, the mandated sections, the legal deadlines and the checks.
Each check names a *kind* implemented once in ``checker.rules``; ``extends:`` builds a
rulebook on another one, replacing, adding or (with ``remove: true``) dropping items by
their ``id``. Some requirements bind only some organs (``organs:``: 人民政府 or 部门) or only
from some reporting year on.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from msgspec import Struct, field

from checker.model import Text
from checker.resources import SHIPPED, data_path


class Band(Struct, frozen=True):
    """A grade (优秀/良好/合格/不合格) and the lowest total that earns it."""

    name: str
    en: str
    min: float


class Category(Struct, frozen=True):
    """A scorecard category with its share of the 100 points."""

    id: str
    name: Text
    points: float


class CapSpec(Struct, frozen=True):
    """A ceiling on the total when a rule fires at least ``at_least`` times."""

    rule: str
    at_least: int
    limit: float
    reason: Text


class OrganKind(Struct, frozen=True):
    """A kind of organ (人民政府, 政府部门) that some requirements apply to only, told by the
    organ's name (the first kind whose pattern matches it)."""

    id: str
    name: Text
    patterns: list[re.Pattern[str]]


class Statement(Struct, frozen=True):
    """Something a section must say, recognised by any of its patterns.

    ``organ`` (an ``organs:`` id) and ``from_year`` limit it to the reports of that kind of
    organ and to reporting years from that one on; ``table`` names a standard table (2–4)
    whose presence in the section says it too (table 3 gives the number of requests).
    ``example`` is a sentence that says it, shown in the prompts of a draft (``xxgk init``).
    """

    id: str
    name: Text
    any: list[re.Pattern[str]]
    organ: str | None = None
    from_year: int | None = None
    table: int | None = None
    example: str | None = None


class SectionSpec(Struct, frozen=True):
    """A mandated part of the report, recognised by its meaning rather than one string."""

    id: str
    title: Text
    article: Text
    points: float
    headings: list[re.Pattern[str]]
    required: bool = True
    category: str = "completeness"
    not_headings: list[re.Pattern[str]] = field(default_factory=list)
    content: list[re.Pattern[str]] = field(default_factory=list)
    must_say: list[Statement] = field(default_factory=list)
    #: When at least this many other parts have first-level headings of their own (the report
    #: follows the format), also covered by a first-level part none of them claims (其他需要
    #: 报告的事项 under a heading of its own: 六、工作人员及经费情况), unless ``not_headings``.
    #: 0: never.
    residual: int = 0


class Deadline(Struct, frozen=True):
    """A legal time limit: working days, or a calendar date after the reporting year.

    With ``organ`` (an ``organs:`` id) it binds only the reports of that kind of organ (the
    2019 Regulations give departments until 31 January, governments until 31 March).
    """

    id: str
    name: Text
    article: Text
    working_days: int | None = None
    month: int | None = None
    day: int | None = None
    words: list[re.Pattern[str]] = field(default_factory=list)
    organ: str | None = None


class Rulebook(Struct, frozen=True):
    """A loaded, validated rulebook."""

    id: str
    path: str
    title: Text
    regulation: Text
    years: tuple[int, int]
    bands: tuple[Band, ...]
    categories: tuple[Category, ...]
    caps: tuple[CapSpec, ...]
    sections: tuple[SectionSpec, ...]
    deadlines: tuple[Deadline, ...]
    checks: tuple[object, ...]
    organs: tuple[OrganKind, ...] = ()

    def band(self, total: float) -> Band:
        """The band a total earns ("以上" includes the number itself)."""
        return next(band for band in self.bands if total >= band.min)

    def deadline(self, deadline_id: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.id == deadline_id), None)

    def organ_kind(self, organ: str | None) -> str | None:
        """The id of the first ``organs:`` kind whose pattern the organ's name matches."""
        if not organ:
            return None
        found = (k for k in self.organs if any(p.search(organ) for p in k.patterns))
        return next((kind.id for kind in found), None)


def shipped_path(name: str) -> str:
    """The path of a rulebook shipped with xxgk (``2008`` or ``2019``)."""
    return data_path("rules", f"{name}.yaml")


@lru_cache(maxsize=8)
def load(path: str | os.PathLike[str]) -> Rulebook:
    """Load and validate a rulebook file (following ``extends:``)."""
    from checker.rulebook_yaml import build_rulebook  # here: a cached rulebook needs no YAML

    return build_rulebook(path)


@lru_cache(maxsize=8)
def load_shipped(name: str) -> Rulebook:
    """A rulebook shipped with xxgk, kept in the user's cache between runs.

    Reading and checking the YAML costs every fresh process ~20 ms, more than the lint of a
    report; the cache entry is keyed by all shipped rulebooks and the xxgk code itself.
    """
    from checker.cache import cached

    path = shipped_path(name)
    return cached(f"rulebook-{name}", _shipped_files(), lambda: load(path))


@lru_cache(maxsize=1)
def shipped_years() -> dict[str, tuple[int, int]]:
    """The reporting years each shipped rulebook covers, by name (oldest first).

    Kept in the cache on its own, so choosing a report's rulebook loads only that one.
    """
    from checker.cache import cached

    return cached("profiles", _shipped_files(), lambda: {n: load_shipped(n).years for n in SHIPPED})


def _shipped_files() -> list[str]:
    """Every shipped rulebook file (a rulebook may extend another: its entry depends on all)."""
    folder = os.path.dirname(shipped_path(SHIPPED[0]))
    return sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".yaml"))
