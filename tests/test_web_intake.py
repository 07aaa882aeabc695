"""`serve --store`: page uploads recorded in the batch store as one run per session (readable and
unreadable files alike), and `serve --waivers`: the operator's waivers applied as `check` applies
them."""
from __future__ import annotations

import json

from click.testing import CliRunner

from cli import main
from engine.web.pool import CheckPool
from web_fixtures import HLJ, REPO, make_client, web_pool  # noqa: F401  (fixtures)

BROKEN = HLJ / "market-regulation-2024-referral-broken.json"
WAIVERS = REPO / "tests" / "fixtures" / "waivers" / "market-regulation-2024.json"


def test_page_uploads_are_recorded_as_one_run(web_pool, tmp_path):
    db = tmp_path / "intake.sqlite"
    unreadable = tmp_path / "草稿.json"
    unreadable.write_text("{", encoding="utf-8")
    with make_client(web_pool, store=db) as client:
        files = [("files", (p.name, p.read_bytes())) for p in (BROKEN, unreadable)]
        assert client.post("/check", files=files, follow_redirects=False).status_code == 303
        assert client.post("/api/v1/check?filename=second.json", content=BROKEN.read_bytes()).status_code == 200
    listed = CliRunner().invoke(main, ["runs", "list", "--db", str(db)])
    assert listed.exit_code == 0
    header, line = listed.stdout.splitlines()  # runs list prints a header row
    row = dict(zip(header.split("\t"), line.split("\t")))
    assert row["status"] == "complete" and row["reports"] == "3"
    shown = CliRunner().invoke(main, ["runs", "show", "1", "--db", str(db), "--format", "jsonl"])
    paths = {json.loads(record)["path"] for record in shown.stdout.splitlines()}
    assert paths == {f"upload-000001/{BROKEN.name}", "upload-000002/second.json"}
    summary = CliRunner().invoke(main, ["runs", "show", "1", "--db", str(db)])
    assert "[input] 草稿.json:1:2: /: invalid JSON" in summary.stdout and "1 unreadable" in summary.stdout


def test_operator_waivers_apply_as_in_check(tmp_path, monkeypatch):
    pool = CheckPool(0, str(REPO / "rules"), str(WAIVERS), timeout=60)
    try:
        with make_client(pool, waivers=WAIVERS) as client:
            response = client.post(f"/api/v1/check?filename={BROKEN.name}", content=BROKEN.read_bytes())
    finally:
        pool.close()
    assert response.status_code == 200
    monkeypatch.chdir(BROKEN.parent)
    result = CliRunner().invoke(main, ["check", BROKEN.name, "--format", "json", "--waivers", str(WAIVERS)])
    assert response.json() == json.loads(result.stdout)
    assert response.json()["waivers"]["file"] == str(WAIVERS)
