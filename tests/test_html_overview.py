"""The multi-report HTML page opens with an overview: per report its verdict, counts by severity
and waived, and a link to its section; unreadable files too. Checked as text, through the CLI and
rendered in headless Chromium (screenshot, DOM, print to PDF) as tests/test_html.py does."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from test_html import CHROMIUM_FLAGS, _chromium, _cjk_font, _png_pixels

from engine.checker import Checker
from engine.io.source import InputError
from engine.output.base import FormatOptions, RunOutcome
from engine.output.html import render_html
from engine.waivers import apply_waivers, load_waivers
from install_mode import cli_argv

REPO = Path(__file__).resolve().parent.parent
HLJ = REPO / "samples" / "heilongjiang-2023"
FILES = [HLJ / "ip-office-2024-gaps.json", HLJ / "court-2024-compliant.json",
         REPO / "samples" / "ruichang" / "market-regulation-2024-gaps.xml"]
TRUNCATED = REPO / "tests" / "fixtures" / "batch" / "mixed" / "harbin" / "truncated.json"
WAIVERS = REPO / "tests" / "fixtures" / "waivers" / "heilongjiang-ip-office-2024.yaml"


def _outcome(checker: Checker) -> RunOutcome:
    results = [checker.check_path(path) for path in FILES]
    with pytest.raises(InputError) as unreadable:
        checker.check_path(TRUNCATED)
    loaded = load_waivers(WAIVERS, checker.catalog)
    waivers = apply_waivers(results, loaded.waivers, dt.date(2025, 4, 15), checker.catalog, loaded)
    return RunOutcome(tuple(results), (unreadable.value,), waivers, checker.catalog)


@pytest.fixture(scope="module")
def outcome(checker: Checker) -> RunOutcome:
    return _outcome(checker)


@pytest.fixture(scope="module")
def page(outcome: RunOutcome) -> str:
    return render_html(outcome, FormatOptions())


def _rows(page: str) -> list[list[str]]:
    body = page[page.index('<table class="overview">'):page.index("</table>", page.index('<table class="overview">'))]
    return [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr class=\"[a-z]+\">(.*?)</tr>", body)]


def test_overview_comes_first_with_a_row_per_file(page: str):
    assert page.index('id="overview"') < page.index('class="report"')
    assert "共 4 个文件：不通过 2，通过 1，无法读取 1。" in page
    rows = _rows(page)
    assert [r[:4] for r in rows] == [
        ["1", "黑龙江省知识产权局", "2024-01-01—2024-12-31", "不通过"],
        ["2", "黑龙江省高级人民法院", "2024-01-01—2024-12-31", "通过"],
        ["3", "瑞昌市市场监管局", "2024-01-01—2024-12-31", "不通过"],
        ["4", "无法读取", "", "无法读取"],
    ]
    assert rows[1][4:8] == ["0", "0", "0", "0"]
    assert rows[3][-1] == str(TRUNCATED)


def test_overview_counts_are_the_sections_counts(page: str, outcome: RunOutcome):
    rows = _rows(page)
    for i, result in enumerate(outcome.results):
        active = outcome.active(result)
        counts = Counter(f.severity.value for f in active)
        assert rows[i][4:8] == [str(counts["error"]), str(counts["warning"]), str(counts["info"]),
                                str(len(result.findings) - len(active))]
        section = page[page.index(f'id="report-{i + 1}"'):]
        summary_line = re.search(r"结论：[^<]*", section).group(0)
        assert summary_line.endswith(f"错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}")
    assert rows[0][7] != "0"  # the IP office's waived finding is counted apart


def test_every_link_has_its_target_and_leads_back(page: str):
    targets = re.findall(r'href="#([^"]+)"', page)
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert {"report-1", "report-2", "report-3", "unreadable", "overview"} <= set(targets)
    assert set(targets) <= ids
    assert page.count('<a href="#overview">↑ 返回总览</a>') == 3


def test_still_self_contained_and_printable(page: str):
    assert "<script" not in page.lower() and "url(" not in page and "@import" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert ".overview~section{break-before:page}" in page  # each report on its own printed page


def test_english(outcome: RunOutcome):
    page = render_html(outcome, FormatOptions(lang="en"))
    assert "<h2>Overview</h2>" in page and "4 files: 2 FAIL, 1 PASS, 1 unreadable." in page
    assert [r[3] for r in _rows(page)] == ["FAIL", "PASS", "FAIL", "unreadable"]


def test_one_report_has_no_overview(checker: Checker):
    page = render_html(RunOutcome((checker.check_path(FILES[1]),), (), catalog=checker.catalog), FormatOptions())
    assert 'id="overview"' not in page and "返回总览" not in page


def test_cli_html_of_several_files_opens_with_the_overview(tmp_path: Path):
    out = tmp_path / "report.html"
    proc = subprocess.run([*cli_argv(), "check", *map(str, FILES), str(TRUNCATED),
                           "--format", "text", "--output-html", str(out)],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 2  # the truncated file
    assert f"{TRUNCATED}:" in proc.stderr and "Traceback" not in proc.stderr
    page = out.read_text(encoding="utf-8")
    assert page.index("<h2>总览</h2>") < page.index('id="report-1"')
    assert [r[3] for r in _rows(page)] == ["不通过", "通过", "不通过", "无法读取"]


def test_overview_renders_in_headless_chromium(page: str, tmp_path: Path):
    chromium = _chromium()
    _cjk_font()
    html = tmp_path / "overview.html"
    html.write_text(page, encoding="utf-8")
    base = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    png = tmp_path / "shot.png"
    subprocess.run([*base, f"--screenshot={png}", "--window-size=1280,400", html.as_uri()],
                   capture_output=True, text=True, timeout=180)
    assert png.is_file()
    width, height, rows = _png_pixels(png.read_bytes())
    bpp = len(rows[0]) // width
    # the overview is at the top: the first 400 pixels (title and overview table, before any
    # report's own red verdict line) hold the red 不通过 verdicts
    red = sum(1 for row in rows for i in range(0, len(row), bpp)
              if row[i] > 150 and row[i + 1] < 80 and row[i + 2] < 80)
    assert red > 50, "no red verdict in the first screen"
    colours = Counter(row[i:i + 3] for row in rows[::4] for i in range(0, len(row), bpp * 4))
    assert len(colours) > 20 and colours.most_common(1)[0][1] / sum(colours.values()) < 0.97
    dom = subprocess.run([*base, "--dump-dom", html.as_uri()], capture_output=True, text=True, timeout=180).stdout
    assert "总览" in dom and 'href="#report-3"' in dom and 'id="report-3"' in dom

    def printed_pages(text: str, name: str) -> int:
        source, pdf = tmp_path / f"{name}.html", tmp_path / f"{name}.pdf"
        source.write_text(text, encoding="utf-8")
        subprocess.run([*base, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri()],
                       capture_output=True, text=True, timeout=180)
        return max(int(n) for n in re.findall(rb"/Count (\d+)", pdf.read_bytes()))

    # printed, each report starts a new page: more pages than the same page without that rule
    together = printed_pages(page.replace(".overview~section{break-before:page}", ""), "together")
    assert printed_pages(page, "apart") > together >= 2
