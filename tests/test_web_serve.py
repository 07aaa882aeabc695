"""`plancheck serve` as a real process on a loopback port (with --store: the checks appear in
`plancheck runs`), its warnings and errors, and the check pool's limits (busy, timeout, crash)."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from engine.commands.serve import is_local
from engine.web.pool import CheckPool, PoolBusy, PoolFailed
from web_fixtures import HLJ, REPO, free_port
from install_mode import cli_argv

BROKEN = HLJ / "market-regulation-2024-referral-broken.json"


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except (urllib.error.URLError, ConnectionError):
        return 0


def _post(url: str, data: bytes) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture
def server(tmp_path: Path):
    port = free_port()
    db = tmp_path / "intake.sqlite"
    process = subprocess.Popen(
        [*cli_argv(), "serve", "--port", str(port), "--workers", "1", "--store", str(db)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while _get(base + "/") != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"plancheck serve did not start: {process.communicate()[1]}")
        time.sleep(0.3)
    yield base, process, db
    if process.poll() is None:
        process.kill()
        process.wait(10)


def test_a_real_server_checks_and_records_in_the_store(server, tmp_path):
    base, process, db = server
    status, body = _post(f"{base}/api/v1/check?filename={BROKEN.name}", BROKEN.read_bytes())
    assert status == 200
    document = json.loads(body)
    assert document["reports"][0]["passed"] is False
    status, body = _post(f"{base}/api/v1/check?filename=bad.json", b"{")
    assert status == 422 and json.loads(body)["error"].startswith("bad.json:")
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert "serving on http://127.0.0.1:" in stderr
    assert "warning" not in stderr
    assert "Traceback" not in stderr
    runs = CliRunner().invoke(main, ["runs", "list", "--db", str(db)])
    assert runs.exit_code == 0
    header, line = runs.stdout.splitlines()
    row = dict(zip(header.split("\t"), line.split("\t")))
    assert row["status"] == "complete" and row["reports"] == "2"
    shown = CliRunner().invoke(main, ["runs", "show", "1", "--db", str(db), "--format", "jsonl"])
    rules = {json.loads(line)["rule_id"] for line in shown.stdout.splitlines()}
    assert {f["rule_id"] for f in document["reports"][0]["findings"]} <= rules
    assert not list(tmp_path.glob("*.json")), "an upload was written to disk"


@pytest.mark.parametrize("host, local", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                         ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.20", False),
                                         ("example.org", False)])
def test_is_local(host, local):
    assert is_local(host) is local


def test_binding_beyond_localhost_warns(monkeypatch):
    started = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: started.update(kwargs))
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0
    assert "plancheck: warning: listening on 0.0.0.0, reachable from other machines" in result.stderr
    assert started == {"host": "0.0.0.0", "port": 8123, "log_level": "warning", "access_log": False}


def test_localhost_does_not_warn(monkeypatch):
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: None)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 0 and "warning" not in result.stderr


def test_a_bad_waiver_file_stops_serve_with_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: pytest.fail("must not start"))
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - id: W1\n    rule: NO-SUCH-RULE\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--waivers", str(waivers)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"plancheck: error: {waivers}") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_a_bad_rules_directory_stops_serve(monkeypatch, tmp_path):
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: pytest.fail("must not start"))
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "BAD.yaml").write_text("id: BAD\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--rules", str(tmp_path)])
    assert result.exit_code == 2 and result.stderr.startswith("plancheck: error: ")


def test_pool_refuses_past_its_queue_limit():
    pool = CheckPool(0, str(REPO / "rules"), None, timeout=30, queue_limit=1)

    async def scenario() -> None:
        slow = asyncio.ensure_future(pool.run(time.sleep, 0.5))
        await asyncio.sleep(0.05)
        with pytest.raises(PoolBusy):
            await pool.run(pow, 2, 3)
        await slow
        assert await pool.run(pow, 2, 3) == 8

    try:
        asyncio.run(scenario())
    finally:
        pool.close()


def test_process_pool_survives_a_crash_and_a_timeout():
    pool = CheckPool(1, str(REPO / "rules"), None, timeout=3)

    async def scenario() -> None:
        # each replacement worker compiles the rules before it takes a job: waited for here, so
        # a slow start on a busy machine is not taken for a job past its time limit
        pool.warm_up()
        with pytest.raises(PoolFailed, match="stopped unexpectedly"):
            await pool.run(os._exit, 3)
        pool.warm_up()
        assert await pool.run(pow, 2, 10) == 1024
        with pytest.raises(PoolFailed, match="3-second limit"):
            await pool.run(time.sleep, 30)
        pool.warm_up()
        assert await pool.run(pow, 3, 2) == 9

    try:
        asyncio.run(scenario())
        assert pool.restarts == 2
    finally:
        pool.close()


def test_serve_adds_packs_as_check_does(monkeypatch):
    """`serve --rules DIR` (repeatable) adds plan packs to the bundled ones, as check and batch do:
    the page, the API and the check workers all know the added plan."""
    from starlette.testclient import TestClient

    started = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: started.update(app=app))
    pack = REPO / "tests" / "data" / "packs" / "hukou-2024"
    result = CliRunner().invoke(main, ["serve", "--workers", "0", "--rules", str(pack)])
    assert result.exit_code == 0, result.output
    with TestClient(started["app"]) as client:
        plans = [plan["id"] for plan in client.get("/api/v1/plans").json()]
        assert "hukou-2024" in plans and "heilongjiang-2023" in plans
        report = next((pack / "scenarios").glob("*.json"))
        response = client.post(f"/api/v1/check?filename={report.name}", content=report.read_bytes())
        assert response.status_code == 200, response.text
        assert response.json()["reports"][0]["plan"] == "hukou-2024"
