"""The /api/v1 API through Starlette's TestClient: the same findings document and the same
one-line errors as `plancheck check`, the documented status codes, and nothing of the server's
file system reachable or written."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cli import main
from web_fixtures import HLJ, REPO, SAMPLES, client, make_client, web_pool  # noqa: F401  (fixtures)

BROKEN = HLJ / "market-regulation-2024-referral-broken.json"
COMPLIANT = HLJ / "market-regulation-2024-compliant.json"


def cli_json(monkeypatch: pytest.MonkeyPatch, path: Path, *args: str) -> tuple[int, str, str]:
    """`plancheck check NAME --format json` run beside the file, so the path it shows is NAME."""
    monkeypatch.chdir(path.parent)
    result = CliRunner().invoke(main, ["check", path.name, "--format", "json", *args])
    return result.exit_code, result.stdout, result.stderr


def test_check_body_gives_the_cli_findings_document(client, monkeypatch):
    response = client.post(f"/api/v1/check?filename={BROKEN.name}", content=BROKEN.read_bytes())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    code, stdout, _ = cli_json(monkeypatch, BROKEN)
    assert code == 1
    assert response.json() == json.loads(stdout)
    rule_ids = {f["rule_id"] for f in response.json()["reports"][0]["findings"]}
    assert "REFERRAL-REQUIRED" in rule_ids or rule_ids, rule_ids


def test_findings_document_validates_against_the_findings_schema(client):
    schema = json.loads((REPO / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    response = client.post("/api/v1/check", files={"file": (BROKEN.name, BROKEN.read_bytes(), "application/json")})
    assert response.status_code == 200
    jsonschema.validate(response.json(), schema)
    assert response.json()["reports"][0]["passed"] is False


def test_check_xml_as_a_file_in_english(client, monkeypatch):
    xml = BROKEN.with_suffix(".xml")
    response = client.post("/api/v1/check?lang=en", files={"file": (xml.name, xml.read_bytes(), "application/xml")})
    assert response.status_code == 200
    _, stdout, _ = cli_json(monkeypatch, xml, "--lang", "en")
    assert response.json() == json.loads(stdout)
    assert response.json()["reports"][0]["format"] == "xml"


def test_format_is_sniffed_without_a_file_name(client):
    response = client.post("/api/v1/check", content=BROKEN.with_suffix(".xml").read_bytes())
    assert response.status_code == 200
    assert response.json()["reports"][0]["format"] == "xml"


def test_a_compliant_report_passes(client):
    response = client.post(f"/api/v1/check?filename={COMPLIANT.name}", content=COMPLIANT.read_bytes())
    assert response.status_code == 200
    assert response.json()["reports"][0]["passed"] is True


def test_sarif_and_html_formats(client):
    sarif = client.post("/api/v1/check?format=sarif", content=BROKEN.read_bytes())
    assert sarif.status_code == 200 and sarif.json()["version"] == "2.1.0"
    html = client.post("/api/v1/check?format=html", content=BROKEN.read_bytes())
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "发现的问题" in html.text


def test_self_check_by_department(client, monkeypatch):
    path = HLJ / "ip-office-2024-gaps.json"
    response = client.post(f"/api/v1/check?filename={path.name}&department=黑龙江省知识产权局", content=path.read_bytes())
    assert response.status_code == 200
    _, stdout, _ = cli_json(monkeypatch, path, "--department", "黑龙江省知识产权局")
    assert response.json() == json.loads(stdout)
    assert response.json()["department_filter"] == "黑龙江省知识产权局"


def test_report_of_another_department_is_422_with_the_cli_line(client, monkeypatch):
    response = client.post(f"/api/v1/check?filename={COMPLIANT.name}&department=黑龙江省知识产权局",
                           content=COMPLIANT.read_bytes())
    assert response.status_code == 422
    _, _, stderr = cli_json(monkeypatch, COMPLIANT, "--department", "黑龙江省知识产权局")
    assert f"plancheck: error: {response.json()['error']}\n" == stderr


@pytest.mark.parametrize("body, expected", [
    (b'{"plan": "heilongjiang-2023",', "JSON 语法错误"),
    (b"[1, 2]", "报告的最外层应为对象"),
    (b"<!DOCTYPE r [<!ENTITY a 'x'>]><r>&a;</r>", "DTD"),
])
def test_unusable_report_is_422_with_the_line_check_prints(client, tmp_path, monkeypatch, body, expected):
    name = "上报.xml" if body.startswith(b"<") else "上报.json"
    response = client.post(f"/api/v1/check?filename={name}", content=body)
    assert response.status_code == 422
    (tmp_path / name).write_bytes(body)
    code, _, stderr = cli_json(monkeypatch, tmp_path / name)
    assert code == 2
    assert stderr == f"plancheck: error: {response.json()['error']}\n"
    assert expected in response.json()["error"]
    assert response.json()["errors"][0]["path"] == name


def test_report_for_another_plan_than_asked_is_422(client):
    response = client.post("/api/v1/check?plan=ruichang&filename=r.json", content=COMPLIANT.read_bytes())
    assert response.status_code == 422
    assert response.json()["error"] == "r.json:3:11: /plan: 该报告对应的方案是“heilongjiang-2023”，不是所选的“ruichang”"
    response = client.post("/api/v1/check?plan=ruichang&filename=r.json&lang=en", content=COMPLIANT.read_bytes())
    assert response.json()["error"] == "r.json:3:11: /plan: the report is for plan 'heilongjiang-2023', not 'ruichang'"


@pytest.mark.parametrize("query, message", [
    ("?format=pdf", "format must be one of"),
    ("?lang=fr", "lang must be one of"),
    ("?fail_level=fatal", "fail_level must be one of"),
    ("?plan=no-such-plan", "unknown plan 'no-such-plan'"),
])
def test_bad_parameters_are_400(client, query, message):
    response = client.post(f"/api/v1/check{query}", content=COMPLIANT.read_bytes())
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_empty_body_is_400(client):
    response = client.post("/api/v1/check")
    assert response.status_code == 400
    assert "no report" in response.json()["error"]


def test_two_files_are_400(client):
    data = COMPLIANT.read_bytes()
    response = client.post("/api/v1/check", files=[("file", ("a.json", data)), ("file", ("b.json", data))])
    assert response.status_code == 400
    assert "exactly one report" in response.json()["error"]


def test_over_the_size_limit_is_413(web_pool):
    with make_client(web_pool, max_bytes=4096) as small:
        response = small.post("/api/v1/check", content=COMPLIANT.read_bytes())
        assert response.status_code == 413
        assert "4096-byte limit" in response.json()["error"]
        streamed = small.post("/api/v1/check", content=iter([b"{" + b" " * 3000, b" " * 3000 + b"}"]))
        assert streamed.status_code == 413


def test_uploads_are_never_spooled_to_disk(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(tempfile.SpooledTemporaryFile, "rollover", refuse)
    big = json.loads(COMPLIANT.read_text(encoding="utf-8"))
    big["contact"]["name"] = "张" * 10  # a 2 MB report: past Starlette's own 1 MB spool
    data = json.dumps(big, ensure_ascii=False).encode("utf-8") + b" " * (2 * 1024 * 1024)
    response = client.post("/api/v1/check", files={"file": ("big.json", data, "application/json")})
    assert response.status_code == 200


def test_a_file_name_is_only_a_name(client):
    response = client.post("/api/v1/check?filename=../../../etc/passwd.json", content=COMPLIANT.read_bytes())
    assert response.status_code == 200
    assert response.json()["reports"][0]["path"] == "passwd.json"
    response = client.post("/api/v1/check", files={"file": ("C:\\reports\\..\\x.json", COMPLIANT.read_bytes())})
    assert response.json()["reports"][0]["path"] == "x.json"


@pytest.mark.parametrize("url", ["/static/../setup.cfg", "/static/%2e%2e/%2e%2e/setup.cfg", "/static/../../rules/heilongjiang-2023/plan.yaml"])
def test_no_server_file_is_reachable(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "[metadata]" not in response.text


def test_plans(client):
    response = client.get("/api/v1/plans")
    assert response.status_code == 200
    ids = [p["id"] for p in response.json()]
    assert "heilongjiang-2023" in ids and ids == sorted(ids)


def test_one_plan_with_clauses_classification_and_rules(client):
    response = client.get("/api/v1/plans/heilongjiang-2023")
    assert response.status_code == 200
    clauses = {c["id"]: c for c in response.json()["clauses"]}
    assert clauses["18"]["check"] == "rules"
    assert clauses["18"]["rules"]
    assert "两法衔接" in clauses["18"]["text"] or clauses["18"]["text"]
    assert client.get("/api/v1/plans/no-such-plan").status_code == 404


def test_department_close_matches(client):
    response = client.get("/api/v1/plans/ruichang/departments", params={"q": "公安"})
    assert response.status_code == 200
    assert response.json()[0] == "瑞昌市公安局"
    typo = client.get("/api/v1/plans/ruichang/departments", params={"q": "瑞昌市市场监管理局"})
    assert "瑞昌市市场监督管理局" in typo.json()
    assert len(client.get("/api/v1/plans/ruichang/departments").json()) == 8


def test_no_suggestions_where_the_plan_names_no_departments(client):
    """Heilongjiang's plan has no table of units: a department is checked by its kinds instead."""
    assert client.get("/api/v1/plans/heilongjiang-2023/departments", params={"q": "知识产权"}).json() == []
    assert client.get("/api/v1/plans/nope/departments").status_code == 404


def test_rule_with_explain_text(client):
    response = client.get("/api/v1/rules/TASK-GAP")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "TASK-GAP" and body["severity"] == "error"
    assert any("test_fail_" in line for line in body["explain"])
    assert not any(str(REPO) in line for line in body["explain"]), "a server path leaked"
    assert client.get("/api/v1/rules/NO-SUCH-RULE").status_code == 404


@pytest.mark.parametrize("fmt, head", [("json", b"{"), ("xml", b"<?xml")])
def test_template_downloads(client, fmt, head):
    response = client.get("/api/v1/template", params={"plan": "heilongjiang-2023", "department": "黑龙江省知识产权局",
                                                      "year": "2024", "format": fmt})
    assert response.status_code == 200
    assert response.content.startswith(head)
    assert response.headers["content-disposition"] == f'attachment; filename="heilongjiang-2023-2024-template.{fmt}"'
    served = f"http://testserver/api/v1/schemas/{'report.xsd' if fmt == 'xml' else 'report.schema.json'}"
    result = CliRunner().invoke(main, ["template", "--plan", "heilongjiang-2023", "--department", "黑龙江省知识产权局",
                                       "--period", "2024", "--format", fmt, "--schema-uri", served])
    assert response.content == result.stdout_bytes  # as `plancheck template` writes it, naming the served schema
    schema = client.get(served.removeprefix("http://testserver"))
    assert schema.status_code == 200 and schema.content == (REPO / "schemas" / served.rsplit("/", 1)[1]).read_bytes()


def test_only_the_two_schemas_are_served(client):
    for name in ("plan.schema.json", "..%2Fsetup.cfg", "report.schema.json%00"):
        assert client.get(f"/api/v1/schemas/{name}").status_code == 404


def test_template_xlsx(client):
    response = client.get("/api/v1/template", params={"plan": "heilongjiang-2023", "department": "黑龙江省知识产权局",
                                                      "year": "2024", "format": "xlsx"})
    assert response.status_code == 200
    assert response.content.startswith(b"PK")


@pytest.mark.parametrize("params, message", [
    ({"plan": "heilongjiang-2023"}, "plan and department are required"),
    ({"plan": "nope", "department": "x"}, "unknown plan 'nope'"),
    ({"plan": "heilongjiang-2023", "department": "黑龙江省知识产权局", "year": "24"}, "year must be"),
    ({"plan": "heilongjiang-2023", "department": "黑龙江省知识产权局", "format": "pdf"}, "unknown template format"),
    ({"plan": "heilongjiang-2023", "department": "黑龙江省知识产权局", "kind": "bank"}, "'bank' is not a valid"),
])
def test_template_bad_requests_are_400(client, params, message):
    response = client.get("/api/v1/template", params=params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_openapi_documents_every_api_route(client):
    from engine.web.api import ROUTES

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert {r.path for r in ROUTES} == set(document["paths"])
    check = document["paths"]["/api/v1/check"]["post"]
    assert set(check["responses"]) == {"200", "400", "413", "422", "503"}


def test_openapi_is_valid_openapi_3_1(client):
    validator = pytest.importorskip("openapi_spec_validator", reason="openapi-spec-validator is not installed")
    validator.validate(client.get("/api/v1/openapi.json").json())


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert response.json() == {"error": "no such endpoint"}


def test_check_an_excel_report_gives_the_findings_of_its_json(client):
    """An XLSX upload goes through the same reader dispatch as `check report.xlsx`."""
    import engine.io.xlsx_write as xlsx_write
    from engine.io.read import read_report

    workbook = xlsx_write.write_xlsx(read_report(BROKEN).report)
    from_excel = client.post("/api/v1/check", files={"file": ("报告.xlsx", workbook)})
    from_json = client.post("/api/v1/check", files={"file": (BROKEN.name, BROKEN.read_bytes())})
    assert from_excel.status_code == 200
    assert from_excel.json()["reports"][0]["format"] == "xlsx"
    seen = lambda response: sorted((f["rule_id"], f["message"]) for f in response.json()["reports"][0]["findings"])  # noqa: E731
    assert seen(from_excel) == seen(from_json)
