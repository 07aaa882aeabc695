"""Helpers for the batch tests: run `plancheck batch`/`runs` in a subprocess (workers come from a
forkserver, and fault injection is read from the environment the workers inherit)."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from install_mode import cli_argv

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "batch"
RECON_USES = '  - {clause: "18", rules: ["RECON-*"]}\n'


def cli(*args: str, env: dict | None = None, cwd: Path | None = None, text: bool = True,
        **kw) -> subprocess.CompletedProcess:
    """`plancheck ARGS` in a subprocess; `text=False` keeps stdout as bytes (BOMs, line ends)."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([*cli_argv(), *args], capture_output=True, text=text,
                          env=full_env, cwd=cwd or REPO, timeout=120, **kw)


def batch_json(*args: str, env: dict | None = None) -> tuple[int, dict]:
    proc = cli("batch", "--format", "json", "--no-progress", *args, env=env)
    assert proc.stdout.strip(), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def rows(db: Path, sql: str, *params) -> list[sqlite3.Row]:
    con = sqlite3.connect(str(db))
    con.row_factory = sqlite3.Row
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def rules_citing_recon(tmp: Path) -> Path:
    """A copy of the rules in which the Heilongjiang plan cites the RECON rules under clause 18
    (until plan.yaml itself does)."""
    root = tmp / "rules"
    shutil.copytree(REPO / "rules", root)
    plan = root / "heilongjiang-2023" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    if "RECON-" not in text:
        assert "\nuses:\n" in text
        text = text.replace("\nuses:\n", "\nuses:\n" + RECON_USES, 1)
        plan.write_text(text, encoding="utf-8")
    return root
