"""Baselines: adopt the gate on a folder of existing reports without fixing the past first.

``xxgk lint reports/ --write-baseline xxgk-baseline.json`` records every report's findings
and score; ``--baseline xxgk-baseline.json`` then sets the recorded findings aside, so a
report fails only on findings that are new. A finding is known when the baseline has one of
the same file, rule and fingerprint — a hash of its words (evidence, else message), its
section and its table cell, never its line, so text edited above it does not bring it back.
An entry that no longer matches any finding is reported as fixed. Files are recorded
relative to the baseline's own folder, so the file works from any current folder (a CI job
at the repository's root, a clerk in the reports' folder).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import msgspec
from msgspec import Struct
from msgspec.structs import replace

from checker.errors import XxgkError
from checker.model import Baselined, Finding, Known, Scorecard

VERSION = 1


class BaselineError(XxgkError):
    """A baseline file cannot be read or is not one."""


class Recorded(Struct, frozen=True):
    """One report in a baseline: its score then and its findings."""

    score: float
    findings: tuple[Known, ...] = ()


class Baseline(Struct, frozen=True):
    """A baseline file: the reports by path relative to the file's folder."""

    version: int
    reports: dict[str, Recorded]


def fingerprint(finding: Finding) -> str:
    """What identifies a finding whatever its line: rule, words, section and table cell."""
    words = " ".join((finding.evidence or finding.message.zh).split())
    target = msgspec.json.encode(finding.target).decode() if finding.target else ""
    basis = "\x1f".join((finding.rule, words, finding.section or "", target))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def _key(report: str, folder: Path) -> str:
    """The report's path as the baseline records it: relative to the baseline's folder."""
    if report == "-":
        return report
    return Path(os.path.relpath(Path(report).absolute(), folder.absolute())).as_posix()


def record(cards: Iterable[Scorecard], path: str) -> Baseline:
    """The baseline of these scorecards, to be written at ``path``."""
    folder = Path(path).parent
    reports = {
        _key(card.file, folder): Recorded(
            score=card.total,
            findings=tuple(
                Known(f.rule, fingerprint(f), f.line, f.evidence, f.section)
                for f in (*card.findings, *(card.baseline.suppressed if card.baseline else ()))
            ),
        )
        for card in cards
    }
    return Baseline(VERSION, dict(sorted(reports.items())))


def write(baseline: Baseline, path: str) -> None:
    """Write the baseline as indented JSON (replaced only once complete)."""
    from checker.render.output import open_output

    with open_output(path) as out:
        out.write(msgspec.json.format(msgspec.json.encode(baseline).decode(), indent=2) + "\n")


def read(path: str) -> Baseline:
    """Read a baseline file; a missing or malformed one is a BaselineError."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise BaselineError(
            f"{path}: 无法读取基线文件 (cannot read the baseline: {err.strerror})"
        ) from None
    try:
        baseline = msgspec.json.decode(data, type=Baseline)
    except msgspec.DecodeError as err:
        raise BaselineError(f"{path}: 不是 xxgk 基线文件 (not an xxgk baseline: {err})") from None
    if baseline.version != VERSION:
        raise BaselineError(
            f"{path}: 基线文件版本 {baseline.version} 不受支持 (unsupported baseline version)"
        )
    return baseline


def apply(card: Scorecard, baseline: Baseline, path: str) -> Scorecard:
    """The scorecard with its known findings set aside (``baseline`` is read from ``path``)."""
    recorded = baseline.reports.get(_key(card.file, Path(path).parent))
    if recorded is None:
        return replace(card, baseline=Baselined(path))
    pool: dict[tuple[str, str], list[Known]] = {}
    for known in recorded.findings:
        pool.setdefault((known.rule, known.fingerprint), []).append(known)
    new: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in card.findings:
        matches = pool.get((finding.rule, fingerprint(finding)))
        if matches:
            matches.pop(0)
            suppressed.append(finding)
        else:
            new.append(finding)
    fixed = tuple(known for matches in pool.values() for known in matches)
    done = Baselined(path, tuple(suppressed), fixed, recorded.score)
    return replace(card, findings=tuple(new), baseline=done)
