"""The HTML pages: a report's annotated page and the inspector's dashboard.

The pages are read as HTML (lxml) for what they say, and opened in headless Chromium for
what a browser makes of them: every row there, the evidence marked at its line, no request
leaving the page, no console error.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, ROOT, TEMPLATE, XIANNING_2013, needs_corpus, run
from lxml import html as lxml_html

HONGZE_2023 = CORPUS / "hongze-2023.pdf"


def page(path: Path) -> Any:
    """The page's parsed tree."""
    return lxml_html.fromstring(path.read_text(encoding="utf-8"))


def row_of(tree: Any, label: str) -> Any:
    """The row of the report's text whose line number reads ``label``."""
    (row,) = tree.xpath(f'//table[@class="text"]//tr[td[@class="no"]/text()="{label}"]')
    return row


def annotated(tmp_path: Path, report: Path, *args: str) -> Path:
    out = tmp_path / "page.html"
    gate = ("--fail-on", "none", "--min-score", "0")
    result = run("lint", report, "--format", "html", "-o", out, *gate, *args)
    assert result.exit_code == 0, result.output
    return out


def test_the_template_draft_shows_its_placeholders_and_the_masked_applicant(
    tmp_path: Path,
) -> None:
    tree = page(annotated(tmp_path, TEMPLATE))
    first = row_of(tree, "1")
    assert first.get("class") == "error"
    assert (
        first.xpath("string(.//mark[@class='error'])") == "现将20xx年XX市政务公开工作情况报告如下:"
    )
    rules = first.xpath('.//div[contains(@class, "finding")]/@data-rule')
    assert rules == ["placeholder", "placeholder"]
    ninth = row_of(tree, "9")
    marked = ninth.xpath(".//mark[@class='error']/text()")
    assert marked == ["妥善应对、有效处置韩**反复多次向市政府及市直部门提交政府信息公开申请问题"]
    assert "personal-info" in ninth.xpath('.//div[contains(@class, "finding")]/@data-rule')
    name = TEMPLATE.read_text(encoding="utf-8").splitlines()[8][278:281]
    assert name.startswith("韩") and "**" not in name
    assert name not in (tmp_path / "page.html").read_text(encoding="utf-8")
    # a verified claim is a quiet tick at its line; findings without a line are on top
    assert row_of(tree, "7").xpath('string(.//div[@class="checked"])').startswith("✓ 1.1万")
    top = tree.xpath('//section[@class="unplaced"]//div[contains(@class, "finding")]/@data-rule')
    assert top[:2] == ["period-missing", "publication-date-missing"]


def test_the_scorecard_heads_the_page(tmp_path: Path) -> None:
    tree = page(annotated(tmp_path, TEMPLATE))
    header = tree.xpath('//header[contains(@class, "scorecard")]')[0]
    assert header.xpath('string(.//span[@class="points"])') == "59"
    assert header.xpath('string(.//span[@class="band"])') == "不合格"
    assert header.xpath('string(.//p[@class="cap"])').startswith("封顶 59")
    assert len(header.xpath('.//table[@class="categories"]/tbody/tr')) == 5


def test_english_pages(tmp_path: Path) -> None:
    tree = page(annotated(tmp_path, TEMPLATE, "--lang", "en"))
    assert tree.get("lang") == "en"
    assert (
        tree.xpath('string(//section[@class="unplaced"]/h2)') == "Findings about the whole report"
    )
    assert row_of(tree, "1").xpath('string(.//span[@class="level"])') == "error"
    fixes = row_of(tree, "9").xpath('.//div[@class="fix"]/text()')
    assert any(fix.startswith("Fix: Remove") for fix in fixes), fixes


def test_a_clean_line_has_no_mark_and_the_page_no_outside_reference(tmp_path: Path) -> None:
    text = annotated(tmp_path, XIANNING_2013).read_text(encoding="utf-8")
    tree = lxml_html.fromstring(text)
    assert not row_of(tree, "1").xpath(".//mark")
    for attribute in ("src", "href"):
        for value in tree.xpath(f"//@{attribute}"):
            assert value.startswith(("#", "data:")), value
    assert not tree.xpath("//link[@rel='stylesheet'] | //script[@src] | //img | //iframe")


@needs_corpus
def test_the_pdf_page_marks_the_table_4_totals_at_their_line(tmp_path: Path) -> None:
    tree = page(annotated(tmp_path, HONGZE_2023))
    totals = row_of(tree, "144")
    assert totals.xpath('string(td[@class="no"]/small)') == "p.4 l.18"
    assert totals.xpath(".//mark[@class='error']/text()") == ["10 1 0 0 0", "5 0 0 0 0"]
    rules = totals.xpath('.//div[contains(@class, "finding")]/@data-rule')
    assert rules == ["table-identity", "table-identity"]


@needs_corpus
def test_a_flattened_page_is_shown_in_its_pieces(tmp_path: Path) -> None:
    tree = page(annotated(tmp_path, CORPUS / "pingtan-2013.txt"))
    labels = tree.xpath('//table[@class="text"]//td[@class="no"]/text()')
    assert labels[:2] == ["1", "1:28"]
    assert row_of(tree, "1").get("class") == "chrome"


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus graded once: its dashboard and its JSONL, side by side."""
    folder = tmp_path_factory.mktemp("run")
    for fmt, name in (("html", "lint.html"), ("jsonl", "scores.jsonl")):
        result = run("lint", CORPUS, "--format", fmt, "-o", folder / name, "--fail-on", "none")
        assert result.exit_code == 0, result.output
    result = run("dashboard", folder / "scores.jsonl", "-o", folder / "dashboard.html")
    assert result.exit_code == 0, result.output
    return folder


@needs_corpus
def test_the_dashboard_from_jsonl_is_the_same_page(corpus_run: Path) -> None:
    assert (corpus_run / "dashboard.html").read_bytes() == (corpus_run / "lint.html").read_bytes()


@needs_corpus
def test_the_dashboard_lists_every_report_and_the_rates(corpus_run: Path) -> None:
    rows = [json.loads(line) for line in (corpus_run / "scores.jsonl").open(encoding="utf-8")]
    tree = page(corpus_run / "lint.html")
    table = tree.xpath('//table[contains(@class, "reports")]/tbody/tr')
    assert len(table) == len(rows) >= 22
    assert len(tree.xpath('//article[@class="report"]')) == len(rows)
    assert len(tree.xpath("//svg//rect")) == 10
    counts = [int(c) for c in tree.xpath('//div[contains(@class, "band-count")]/span[1]/text()')]
    assert sum(counts) == len(rows)
    fees = tree.xpath('//section[@class="parts"]//tr[td[1]="政府信息公开的收费及减免情况"]/td')
    fees_missing = {"rule": "section-missing", "target": {"part": "fees"}}
    missing = sum(
        any(f["rule"] == "section-missing" and f["target"] == fees_missing["target"]
            for f in row["findings"])
        for row in rows
    )  # fmt: skip
    assert f"{missing}/{len(rows)}" in [cell.text for cell in fees]
    rules = tree.xpath('//section[@class="rules"]//tbody/tr/td[1]/strong/text()')
    assert "table-identity" in rules and "published-late" in rules
    assert len(tree.xpath('//table[@class="heatmap"]/tbody/tr')) == len(rows)


def test_unreadable_files_are_listed_with_their_reason(tmp_path: Path) -> None:
    out = tmp_path / "d.html"
    result = run("lint", XIANNING_2013, tmp_path / "gone.txt", "--format", "html", "-o", out)
    assert result.exit_code == 2
    tree = page(out)
    assert len(tree.xpath('//table[contains(@class, "reports")]/tbody/tr')) == 1
    (reason,) = tree.xpath('//section[@class="unreadable"]//tbody/tr/td[2]/text()')
    assert reason.endswith("文件不存在 (no such file)")


def test_a_report_whose_file_is_gone_shows_its_findings(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    shutil.copy(TEMPLATE, report)
    scores = tmp_path / "scores.jsonl"
    run("lint", report, "--format", "jsonl", "-o", scores, "--fail-on", "none")
    report.unlink()
    result = run("dashboard", scores, "-o", tmp_path / "d.html")
    assert result.exit_code == 0, result.output
    tree = page(tmp_path / "d.html")
    assert not tree.xpath('//table[@class="text"]')
    assert len(tree.xpath('//section[@class="unplaced"]//div[contains(@class, "finding")]')) == 20


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("not json\n", "1: 不是 JSON"),
        ('{"a": 1}\n', "not an xxgk scorecard row"),
        ("\n", "no scorecard rows"),
    ],
)
def test_a_bad_scores_file_is_one_line_and_exit_2(
    tmp_path: Path, content: str | None, message: str
) -> None:
    scores = tmp_path / "scores.jsonl"
    if content is not None:
        scores.write_text(content, encoding="utf-8")
    result = run("dashboard", scores)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_the_text_lint_does_not_load_the_html_renderer() -> None:
    script = (
        "import sys\nfrom checker.cli import main\n"
        "try: main(['lint', sys.argv[1]])\n"
        "finally: print(*(m in sys.modules for m in ('jinja2', 'checker.render.html')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(XIANNING_2013)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.stdout.split()[-2:] == ["False", "False"], done.stderr


# --- in a real browser -----------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: A browser that touches nothing beyond the page: no updates, no sync, no QUIC probe.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _browser_missing() -> str | None:
    if CHROMIUM is None:
        return "no Chromium: install Debian's chromium package (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


needs_browser = pytest.mark.skipif(_browser_missing() is not None, reason=str(_browser_missing()))


class Visit:
    """A page opened in headless Chromium, with every request and console message it made."""

    def __init__(self, context: Any, path: Path, anchor: str = "") -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text)
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url + anchor)

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(message.text)

    def assert_alone(self) -> None:
        """Nothing was asked of the network, and the browser had nothing to complain of."""
        assert self.requests == [self.url], self.requests
        assert self.errors == []


@pytest.fixture(scope="module")
def browser() -> Any:
    """Headless Chromium (Playwright starts it with a new, empty profile of its own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Any) -> Any:
    opened = browser.new_context(viewport={"width": 1280, "height": 900})
    yield opened
    opened.close()


@needs_browser
@needs_corpus
def test_the_dashboard_in_chromium(context: Any, corpus_run: Path, tmp_path: Path) -> None:
    rows = (corpus_run / "scores.jsonl").read_text(encoding="utf-8").count("\n")
    for name in ("lint.html", "dashboard.html"):
        visit = Visit(context, corpus_run / name)
        page = visit.page
        assert page.locator("table.reports tbody tr").count() == rows >= 22
        assert page.locator(".histogram svg rect").count() == 10
        assert page.locator("section.parts table").is_visible()
        assert page.locator("section.rules table").is_visible()
        # sorting by total puts the lowest first; filtering hides the other rows
        page.locator("table.reports th", has_text="总分").click()
        totals = page.locator("table.reports tbody tr td:nth-child(5)").all_inner_texts()
        assert [float(t) for t in totals] == sorted(float(t) for t in totals)
        page.fill("#filter", "hongze-2023")
        assert page.locator("table.reports tbody tr:visible").count() == 1
        # a report's row opens its annotated page
        page.locator("table.reports a", has_text="hongze-2023.pdf").click()
        report = page.locator("article.report:target")
        assert report.locator("header .points").inner_text() == "89"
        assert report.locator("tr:has(td.no:text-is('144')) mark.error").count() == 2
        page.screenshot(path=str(tmp_path / f"{name}.png"))
        visit.assert_alone()
    assert (tmp_path / "dashboard.html.png").stat().st_size > 10_000


@needs_browser
def test_the_dashboard_table_is_there_without_javascript(browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "d.html"
    run("lint", XIANNING_2013, TEMPLATE, "--format", "html", "-o", out, "--fail-on", "none")
    context = browser.new_context(java_script_enabled=False)
    visit = Visit(context, out, "#r2")
    assert visit.page.locator("table.reports tbody tr").count() == 2
    assert visit.page.locator("article#r2").is_visible()
    assert not visit.page.locator("article#r1").is_visible()
    visit.assert_alone()
    context.close()


@needs_browser
def test_the_annotated_page_in_chromium(context: Any, tmp_path: Path) -> None:
    visit = Visit(context, annotated(tmp_path, TEMPLATE))
    page = visit.page
    ninth = page.locator("tr:has(td.no:text-is('9'))")
    assert "韩**" in ninth.locator("mark.error").inner_text()
    assert ninth.locator(".finding.error[data-rule='personal-info']").is_visible()
    assert page.locator("mark.error").first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    ) == ("rgb(253, 224, 220)")
    page.screenshot(path=str(tmp_path / "annotated.png"), full_page=True)
    page.emulate_media(media="print")
    assert page.locator("article.report").is_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")  # it prints
    visit.assert_alone()
