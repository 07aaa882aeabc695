"""The real pages in headless Chromium (Debian's, driven by Playwright through its executable
path; no browser is downloaded): upload a sample and read the verdict and a finding, drop a file,
get department suggestions, download a template, switch language. Screenshots must not be blank.
"""
from __future__ import annotations

import json
import shutil
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Iterator

import pytest

from test_html import _png_pixels
from web_fixtures import HLJ, REPO, free_port, web_pool  # noqa: F401  (fixtures)

BROKEN = HLJ / "market-regulation-2024-referral-broken.json"
ARTIFACTS = REPO / "tests" / "artifacts"  # screenshots of the last run (git-ignored), to look at
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("Chromium is not installed (.ci/run installs the Debian package `chromium` as root)")


@pytest.fixture(scope="module")
def base_url(web_pool) -> Iterator[str]:
    import uvicorn

    from engine.web.app import create_app
    from engine.web.services import ServeSettings

    port = free_port()
    app = create_app(ServeSettings(rules=(REPO / "rules",), port=port), pool=web_pool)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, base_url) -> Iterator[object]:
    context = browser.new_context(base_url=base_url, accept_downloads=True, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def assert_not_blank(png: bytes, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(png)
    width, _, rows = _png_pixels(png)
    bpp = len(rows[0]) // width
    colours = Counter(row[i:i + 3] for row in rows[::4] for i in range(0, len(row), bpp * 4))
    assert len(colours) > 20, f"{name} looks blank: {len(colours)} colours"
    assert colours.most_common(1)[0][1] / sum(colours.values()) < 0.97, f"{name} is almost all one colour"


def test_upload_a_sample_and_read_the_verdict_and_a_finding(page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "核查报告"
    page.select_option("#plan", "heilongjiang-2023")
    page.set_input_files("#files", str(BROKEN))
    assert page.locator("#chosen li").inner_text() == BROKEN.name
    page.click("#submit")
    page.wait_for_url("**/results/*")
    verdict = page.locator(".verdict-fail").first.inner_text()
    assert "不通过" in verdict
    finding = page.locator(".finding.error").first.inner_text()
    assert "修改" in finding or "依据" in finding or len(finding) > 40
    assert_not_blank(page.screenshot(full_page=True), "web-findings-zh.png")
    with page.expect_download() as download:
        page.click("a.download[href$='findings.json']")
    saved = Path(download.value.path())
    assert json.loads(saved.read_text(encoding="utf-8"))["reports"][0]["passed"] is False


def test_drop_a_file_on_the_drop_zone(page):
    page.goto("/")
    page.evaluate("""(text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], "拖入的报告.json", {type: "application/json"}));
        document.getElementById("drop").dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
    }""", BROKEN.read_text(encoding="utf-8"))
    assert page.locator("#chosen li").inner_text() == "拖入的报告.json"
    page.click("#submit")
    page.wait_for_url("**/results/*")
    assert "拖入的报告.json" in page.locator("table.meta").first.inner_text()


def test_department_suggestions_as_you_type(page):
    page.goto("/start")
    page.select_option("#plan", "ruichang")
    page.fill("#department", "公安")
    from playwright.sync_api import expect

    # a locator waits without evaluating script text, which the pages' CSP (rightly) forbids
    expect(page.locator("#department-names option").first).to_have_attribute("value", "瑞昌市公安局")


def test_download_a_template(page):
    page.goto("/start")
    page.select_option("#plan", "ruichang")
    page.fill("#department", "瑞昌市公安局")
    page.fill("input[name=year]", "2024")
    page.select_option("#format", "xml")
    assert_not_blank(page.screenshot(full_page=True), "web-start-zh.png")
    with page.expect_download() as download:
        page.click("#submit")
    assert download.value.suggested_filename == "ruichang-2024-template.xml"
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("<?xml")


def test_switch_language(page):
    page.goto("/plans")
    assert page.locator("h1").inner_text() == "浏览计划"
    page.click("#lang-switch")
    page.wait_for_url("**/plans?lang=en")
    assert page.locator("h1").inner_text() == "Browse plans"
    page.click("text=Check a report")
    assert page.locator("h1").inner_text() == "Check a report"  # the cookie keeps English
    assert_not_blank(page.screenshot(full_page=True), "web-check-en.png")
