"""Snapshot tests: every bundled sample report gives exactly the recorded findings and exit code.

For each samples/<plan>/<file>.json|.xml the snapshot tests/snapshots/<plan>__<file>.json holds the
CLI exit code and, per finding, the rule, severity, category, subject, plan clause, location and
Chinese message. `pytest --update-snapshots` rewrites the snapshots instead of comparing (review
the diff before committing). JSON and XML twins must describe the same report and give the same
findings (only locations differ: JSON pointer/line:col vs XPath/line).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import cli
from engine.checker import CheckResult, Checker
from engine.io.read import read_report

REPO = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO / "samples"
SNAPSHOT_DIR = Path(__file__).resolve().parent / "snapshots"
# Sample snapshots are named <plan>__<file>.json; other files in tests/snapshots/ belong to other tests.
SEPARATOR = "__"

SAMPLES = sorted([*SAMPLES_DIR.glob("*/*.json"), *SAMPLES_DIR.glob("*/*.xml")])
TWINS = sorted(p for p in SAMPLES_DIR.glob("*/*.json") if p.with_suffix(".xml").exists())
UPDATE_HINT = "run `python -m pytest tests/test_snapshots.py --update-snapshots`, review the diff, commit"


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def snapshot_path(sample: Path) -> Path:
    return SNAPSHOT_DIR / f"{sample.parent.name}{SEPARATOR}{sample.name}.json"


def finding_rows(result: CheckResult) -> list[dict[str, Any]]:
    rows = []
    for f in result.findings:
        loc = f.location
        rows.append({
            "rule_id": f.rule_id,
            "severity": f.severity.value,
            "category": f.category,
            "subject": f.subject,
            "clause": None if f.citation is None else f.citation.clause,
            "pointer": loc.pointer,
            "line": loc.line,
            "column": loc.column,
            "xpath": loc.xpath,
            "message": f.message_zh,
        })
    return sorted(rows, key=lambda r: (r["rule_id"], r["subject"], r["pointer"], r["message"]))


def cli_check(sample: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(cli.main, ["check", "--format", "json", str(sample)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def snapshot_of(checker: Checker, sample: Path) -> dict[str, Any]:
    result = checker.check_path(sample)
    exit_code, cli_output = cli_check(sample)
    # The CLI and the checker must agree on what was found, not only on the exit code.
    cli_findings = sorted(
        (f["rule_id"], f["subject"], f["severity"]) for r in cli_output["reports"] for f in r["findings"]
    )
    assert cli_findings == sorted((f.rule_id, f.subject, f.severity.value) for f in result.findings)
    return {
        "sample": _rel(sample),
        "exit_code": exit_code,
        "findings": finding_rows(result),
    }


def dump(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, ensure_ascii=False, indent=2) + "\n"


def test_there_are_samples():
    assert SAMPLES, "no sample reports found under samples/"
    assert TWINS, "no sample has an XML twin"


@pytest.mark.parametrize("sample", SAMPLES, ids=_rel)
def test_sample_matches_snapshot(sample: Path, checker: Checker, update_snapshots: bool):
    actual = snapshot_of(checker, sample)
    target = snapshot_path(sample)
    if update_snapshots:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(actual), encoding="utf-8")
        return
    if not target.exists():
        pytest.fail(f"no snapshot {_rel(target)} for {_rel(sample)}: {UPDATE_HINT}")
    expected = json.loads(target.read_text(encoding="utf-8"))
    assert actual == expected, f"findings of {_rel(sample)} differ from {_rel(target)}; if intended, {UPDATE_HINT}"


def test_no_stale_snapshots(update_snapshots: bool):
    wanted = {snapshot_path(s) for s in SAMPLES}
    stale = sorted(p for p in SNAPSHOT_DIR.glob(f"*{SEPARATOR}*.json") if p not in wanted)
    if update_snapshots:
        for path in stale:
            path.unlink()
        return
    assert not stale, f"snapshots without a sample: {[_rel(p) for p in stale]}; {UPDATE_HINT}"


@pytest.mark.parametrize("sample", SAMPLES, ids=_rel)
def test_reference_evaluator_agrees(sample: Path, checker: Checker, reference_checker: Checker):
    """The samples are real-looking data for the differential check of the two evaluators."""
    assert finding_rows(reference_checker.check_path(sample)) == finding_rows(checker.check_path(sample))


@pytest.mark.parametrize("json_sample", TWINS, ids=_rel)
def test_json_and_xml_twins_agree(json_sample: Path, checker: Checker):
    xml_sample = json_sample.with_suffix(".xml")
    assert read_report(json_sample).report == read_report(xml_sample).report, (
        f"{_rel(xml_sample)} does not describe the same report as {_rel(json_sample)}"
    )

    def multiset(path: Path) -> Counter:
        return Counter((f.rule_id, f.subject, f.severity.value) for f in checker.check_path(path).findings)

    assert multiset(json_sample) == multiset(xml_sample)
