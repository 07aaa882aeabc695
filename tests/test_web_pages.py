"""The pages through the TestClient: check a report (the findings page is `--format html`'s inside
the site's header, with downloads), start a report, browse plans and rules, switch language."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from cli import main
from web_fixtures import HLJ, client, make_client, web_pool  # noqa: F401  (fixtures)

BROKEN = HLJ / "market-regulation-2024-referral-broken.json"
COMPLIANT = HLJ / "market-regulation-2024-compliant.json"


def upload(client, *paths, **form):
    files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in paths]
    return client.post("/check", files=files, data=form, follow_redirects=False)


def test_check_form_is_chinese_by_default(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="zh-CN">' in page.text
    assert "核查报告" in page.text and 'type="file"' in page.text and "multiple" in page.text
    assert 'value="heilongjiang-2023"' in page.text
    # no plan chosen yet: every plan's units are offered; with ?plan= only that plan's
    assert '<option value="瑞昌市公安局">' in page.text and '<option value="成都市公安局">' in page.text
    chosen = client.get("/?plan=ruichang").text
    assert '<option value="瑞昌市公安局">' in chosen and '<option value="成都市公安局">' not in chosen


def test_upload_shows_the_findings_page_of_format_html(client, monkeypatch):
    posted = upload(client, BROKEN, plan="heilongjiang-2023")
    assert posted.status_code == 303
    page = client.get(posted.headers["location"])
    assert page.status_code == 200
    monkeypatch.chdir(BROKEN.parent)
    html = CliRunner().invoke(main, ["check", BROKEN.name, "--format", "html"]).stdout
    finding = re.search(r'<div class="finding error">.*?</div>', html, re.S).group()
    assert finding in page.text  # the same finding, word for word
    assert "不通过" in page.text or "verdict-fail" in page.text
    assert "/static/site.css" in page.text and 'class="site"' in page.text


def test_downloads_are_the_cli_documents(client, monkeypatch):
    posted = upload(client, BROKEN)
    token = posted.headers["location"].rsplit("/", 1)[1]
    page = client.get(f"/results/{token}")
    for fmt in ("json", "sarif", "html"):
        assert f"/results/{token}/findings.{fmt}" in page.text
    downloaded = client.get(f"/results/{token}/findings.json")
    assert downloaded.headers["content-disposition"] == 'attachment; filename="plancheck-findings.json"'
    monkeypatch.chdir(BROKEN.parent)
    stdout = CliRunner().invoke(main, ["check", BROKEN.name, "--format", "json"]).stdout
    assert downloaded.json() == json.loads(stdout)
    assert client.get(f"/results/{token}/findings.sarif").json()["version"] == "2.1.0"


def test_xlsx_download(client):
    token = upload(client, BROKEN).headers["location"].rsplit("/", 1)[1]
    assert client.get(f"/results/{token}/findings.xlsx").content.startswith(b"PK")


def test_several_files_and_an_unreadable_one(client, tmp_path):
    bad = tmp_path / "坏文件.json"
    bad.write_text('{"plan": ', encoding="utf-8")
    page = client.get(upload(client, BROKEN, COMPLIANT, bad).headers["location"])
    assert page.text.count('<section class="report"') == 2 and '<section id="unreadable">' in page.text
    assert 'href="#report-1"' in page.text  # the overview of several files links to each report
    assert "坏文件.json:1:10: /:" in page.text


def test_self_check_from_the_form(client):
    path = HLJ / "ip-office-2024-gaps.json"
    token = upload(client, path, department="黑龙江省知识产权局").headers["location"].rsplit("/", 1)[1]
    document = client.get(f"/results/{token}/findings.json").json()
    assert document["department_filter"] == "黑龙江省知识产权局"


def test_english_switch_and_cookie(client):
    page = client.get("/?lang=en")
    assert '<html lang="en">' in page.text and "Check a report" in page.text
    assert page.cookies.get("plancheck_lang") == "en"
    assert "Browse plans" in client.get("/plans").text  # the cookie keeps it
    token = upload(client, BROKEN).headers["location"].rsplit("/", 1)[1]
    assert "Findings" in client.get(f"/results/{token}").text
    assert "发现的问题" in client.get(f"/results/{token}?lang=zh").text


def test_no_file_and_unknown_plan_are_shown_on_the_form(client):
    page = client.post("/check", data={"plan": "heilongjiang-2023"}, files={"x": ("", b"")})
    assert page.status_code == 400 and "请至少选择一份报告文件" in page.text
    page = upload(client, BROKEN, plan="no-such-plan")
    assert page.status_code == 400 and "未知的计划：no-such-plan" in page.text


def test_over_the_limit_is_413_on_the_form(web_pool):
    with make_client(web_pool, max_bytes=4096) as small:
        page = upload(small, BROKEN)
        assert page.status_code == 413 and "超过大小限制（4096 字节）" in page.text


def test_a_result_that_is_gone(client):
    page = client.get("/results/not-a-token")
    assert page.status_code == 404 and "请重新上传报告" in page.text
    assert client.get("/results/not-a-token/findings.json").status_code == 404


def test_start_a_report_downloads_the_template(client):
    form = client.get("/start?plan=ruichang")
    assert form.status_code == 200 and "瑞昌市公安局" in form.text  # the datalist of the plan's units
    assert '<option value="market_regulation">市场监管 (market_regulation)</option>' in form.text
    response = client.get("/start/template", params={"plan": "ruichang", "department": "瑞昌市公安局",
                                                     "year": "2024", "format": "json"})
    assert response.status_code == 200
    assert json.loads(response.content)["department"]["name"] == "瑞昌市公安局"


def test_start_a_report_error_is_on_the_form(client):
    response = client.get("/start/template", params={"plan": "ruichang", "department": "不存在的单位", "year": "2024"})
    assert response.status_code == 400
    assert 'role="alert"' in response.text and "不存在的单位" in response.text


def test_browse_plans_clauses_and_rules(client):
    plans = client.get("/plans")
    assert 'href="/plans/heilongjiang-2023"' in plans.text
    plan = client.get("/plans/heilongjiang-2023")
    assert plan.status_code == 200
    assert 'id="clause-18"' in plan.text and "由规则核查" in plan.text and "无法自动核查" in plan.text
    assert 'href="/rules/TASK-GAP"' in plan.text
    rule = client.get("/rules/TASK-GAP")
    assert rule.status_code == 200 and "用途" in rule.text and "test_fail_" in rule.text
    assert client.get("/plans/nope").status_code == 404
    assert client.get("/rules/NOPE").status_code == 404


def test_every_word_is_in_both_languages():
    from engine.web.i18n import WORDS

    assert set(WORDS["zh"]) == set(WORDS["en"])


def test_the_site_header_is_left_out_of_print(client):
    css = client.get("/static/site.css").text
    assert "@media print{header.site{display:none}" in css


def test_pages_carry_a_content_security_policy(client):
    for url in ("/", "/plans", "/static/site.css"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_more_files_than_allowed_is_400(client):
    from engine.web.uploads import MAX_FILES

    files = [("files", (f"{i}.json", b"{}")) for i in range(MAX_FILES + 1)]
    page = client.post("/check", files=files)
    assert page.status_code == 400 and f"一次最多上传 {MAX_FILES} 份报告。" in page.text
