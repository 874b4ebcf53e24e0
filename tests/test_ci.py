"""The CI integration files: the pre-commit hook and the workflow shown in docs/ci.md."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT, SEEDS, run

from checker.ingest import SUPPORTED_SUFFIXES

CI_DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def yaml_blocks() -> list[Any]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", CI_DOC, re.S)]


def test_pre_commit_hook_runs_xxgk_on_exactly_the_supported_extensions() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["pass_filenames"]) == ("xxgk", "xxgk lint", True)
    listed = re.fullmatch(r"\(\?i\)\\\.\(([a-z|]+)\)\$", hook["files"])
    assert listed, hook["files"]
    assert {f".{ext}" for ext in listed.group(1).split("|")} == set(SUPPORTED_SUFFIXES)
    files = re.compile(hook["files"])
    assert all(files.search(f"reports/2024{suffix.upper()}") for suffix in SUPPORTED_SUFFIXES)
    assert not files.search("logo.png") and not files.search("notes.txt.bak")


def test_documented_workflow_grades_and_uploads_sarif(tmp_path: Path) -> None:
    workflow = next(block for block in yaml_blocks() if isinstance(block, dict) and "jobs" in block)
    steps = workflow["jobs"]["grade"]["steps"]
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    (grading,) = [step for step in steps if "xxgk lint" in step.get("run", "")]
    args = shlex.split(grading["run"])
    assert "--min-score" in args and upload["with"]["sarif_file"] == args[args.index("-o") + 1]
    sarif = tmp_path / "xxgk.sarif"
    mapped = {"reports/": str(SEEDS), "xxgk.sarif": str(sarif)}
    result = run(*[mapped.get(arg, arg) for arg in args[1:]])
    assert result.exit_code == 1  # some seeds score below 85
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_documented_pre_commit_configuration_uses_the_hook() -> None:
    configs = [b for b in yaml_blocks() if isinstance(b, dict) and "repos" in b]
    hooks = [hook for config in configs for repo in config["repos"] for hook in repo["hooks"]]
    assert [hook["id"] for hook in hooks] == ["xxgk", "xxgk"]
    assert all("--min-score=85" in " ".join([hook.get("entry", ""), *hook.get("args", [])])
               for hook in hooks)  # fmt: skip
