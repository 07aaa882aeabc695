"""Run-scope (reconciliation) rules: an enforcement department's referrals versus the same-level
public-security report of the same period, in both directions.

These are dedicated tests, not tests/rule_cases/RECON-*.yaml: the case runner checks one report
per case, and a run-scope rule only fires across two reports of one batch run."""
from __future__ import annotations

import pytest

from batch_helpers import FIXTURES, batch_json, rules_citing_recon

from engine.rules.catalog import load_catalog
from engine.rules.model import Scope
from engine.rules.yaml_source import RuleLoadError


@pytest.fixture(scope="module")
def recon_rules(tmp_path_factory):
    return rules_citing_recon(tmp_path_factory.mktemp("recon"))


def _run(tmp_path, recon_rules, case: str) -> list[dict]:
    db = tmp_path / "runs.sqlite"
    code, summary = batch_json(str(FIXTURES / case), "--db", str(db), "--workers", "2", "--rules", str(recon_rules))
    assert summary["checked"] == 2 and summary["unreadable"] == 0
    from batch_helpers import cli
    import json
    out = cli("runs", "show", str(summary["run"]), "--db", str(db), "--format", "jsonl").stdout
    return [r for r in map(json.loads, out.splitlines()) if r["rule_id"].startswith("RECON-")]


def test_reconciliation_passes_when_both_reports_agree(tmp_path, recon_rules):
    assert _run(tmp_path, recon_rules, "recon-pass") == []


def test_reconciliation_fails_both_ways_naming_both_reports(tmp_path, recon_rules):
    found = {(r["rule_id"], r["subject"]): r for r in _run(tmp_path, recon_rules, "recon-fail")}
    assert set(found) == {("RECON-REFERRAL-NOT-RECEIVED", "referral/YS-2024-005"),
                          ("RECON-RECEIVED-NOT-REFERRED", "received_referral/YS-2024-009")}
    sent = found[("RECON-REFERRAL-NOT-RECEIVED", "referral/YS-2024-005")]
    assert sent["department"] == "哈尔滨市市场监督管理局" and sent["other_path"].endswith("harbin-public-security-2024.json")
    assert "哈尔滨市公安局" in sent["message_zh"] and sent["clause"] == "18" and sent["severity"] == "warning"
    got = found[("RECON-RECEIVED-NOT-REFERRED", "received_referral/YS-2024-009")]
    assert got["department"] == "哈尔滨市公安局" and got["other_path"].endswith("harbin-market-regulation-2024.json")
    assert got["pointer"] == "/received_referrals/5/referral_id"


def test_run_scope_rules_stay_out_of_per_report_checks(checker):
    run_ids = {item.rule.id for item in checker.catalog.scoped(Scope.run)}
    assert {"RECON-REFERRAL-NOT-RECEIVED", "RECON-RECEIVED-NOT-REFERRED"} <= run_ids
    assert not run_ids & {rule.id for rule in checker.rules}


def test_report_fields_are_only_known_to_run_scope_rules(tmp_path, recon_rules):
    path = recon_rules / "common" / "RECON-REFERRAL-NOT-RECEIVED.yaml"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original.replace("scope: run\n", ""), encoding="utf-8")
        with pytest.raises(RuleLoadError, match=r"RECON-REFERRAL-NOT-RECEIVED.yaml:\d+: rule RECON-REFERRAL-NOT-RECEIVED: .*report_"):
            load_catalog(recon_rules)
    finally:
        path.write_text(original, encoding="utf-8")
