"""The code stays ruff clean, and the generated rules reference stays in step with the rules."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, run


def passes(*tool: str) -> None:
    """Run a code checker as a module in the repository and require it to pass."""
    done = subprocess.run(
        [sys.executable, "-m", *tool], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_clean() -> None:
    passes("ruff", "check", "checker", "tests")


def test_mypy_strict_clean() -> None:
    passes("mypy", "--no-incremental")


def test_rules_reference_is_generated_from_the_rulebooks() -> None:
    generated = run("rules", "--format", "markdown").stdout
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == generated, "stale: run `xxgk rules --format markdown > docs/rules.md`"
