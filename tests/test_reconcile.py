"""Run-scope (reconciliation) rules: an enforcement department's referrals versus the same-level
public-security report of the same period, and a credit-list entry versus the report of the
department that published it for the deciding one, each in both directions.

These are dedicated tests, not tests/rule_cases/RECON-*.yaml: the case runner checks one report
per case, and a run-scope rule only fires across two reports of one batch run."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from batch_helpers import FIXTURES, batch_json, rules_citing_recon

from engine.batch.reconcile import run_rules
from engine.batch.worker import run_fact_types
from engine.compile import normalise
from engine.evaluate_durable import DurableEvaluator
from engine.evaluate_reference import ReferenceEvaluator
from engine.facts import run_fields
from engine.io.read import read_report
from engine.rules.catalog import load_catalog
from engine.rules.model import Scope
from engine.rules.yaml_source import RuleLoadError


@pytest.fixture(scope="module")
def recon_rules(tmp_path_factory):
    return rules_citing_recon(tmp_path_factory.mktemp("recon"))


def _run(tmp_path, recon_rules, case: str, reports: int = 2) -> list[dict]:
    db = tmp_path / "runs.sqlite"
    code, summary = batch_json(str(FIXTURES / case), "--db", str(db), "--workers", "2", "--rules", str(recon_rules))
    assert summary["checked"] == reports and summary["unreadable"] == 0
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


# Credit lists. The provincial IP office decides listings that the provincial market regulator
# enters into GSXT (黑龙江); the provincial market regulator lists a Tianjin-registered company whose
# GSXT (天津) record the Tianjin regulator makes (another plan, same run). Each fixture folder of
# recon-credit-fail has a JSON and an XML twin (recon-credit-fail-xml), which must agree.
CREDIT_FAIL = {  # (rule, subject) -> (department of the finding, the other report named)
    ("RECON-CREDIT-NOT-IN-PUBLISHER-REPORT", "credit/SX-2024-002/publication/gsxt"):
        ("黑龙江省知识产权局", "heilongjiang-market-regulation-2025h1"),
    ("RECON-CREDIT-NOT-IN-PUBLISHER-REPORT", "credit/SX-2024-003/publication/gsxt"):
        ("黑龙江省知识产权局", "heilongjiang-market-regulation-2024"),
    ("RECON-CREDIT-NOT-IN-PUBLISHER-REPORT", "credit/SX-2024-009/publication/gsxt"):
        ("黑龙江省市场监督管理局", "tianjin-market-regulation-2024"),
    ("RECON-CREDIT-NOT-IN-DECIDER-REPORT", "credit/ZSCQ-2024-003"):
        ("黑龙江省市场监督管理局", "heilongjiang-ip-office-2024"),
    ("RECON-CREDIT-NOT-IN-DECIDER-REPORT", "credit/XZGS-2024-017"):
        ("天津市市场监督管理委员会", "heilongjiang-market-regulation-2024"),
}


@pytest.fixture(scope="module")
def credit_fail_runs(tmp_path_factory, recon_rules) -> dict[str, dict]:
    runs = {}
    for case in ("recon-credit-fail", "recon-credit-fail-xml"):
        found = _run(tmp_path_factory.mktemp(case), recon_rules, case, reports=5)
        runs[case] = {(r["rule_id"], r["subject"]): r for r in found if r["rule_id"].startswith("RECON-CREDIT-")}
    return runs


def test_credit_reconciliation_passes_when_publisher_and_decider_agree(tmp_path, recon_rules):
    assert _run(tmp_path, recon_rules, "recon-credit-pass", reports=3) == []


@pytest.mark.parametrize("case", ["recon-credit-fail", "recon-credit-fail-xml"])
def test_credit_reconciliation_fails_both_ways_naming_both_reports(credit_fail_runs, case):
    found = credit_fail_runs[case]
    assert set(found) == set(CREDIT_FAIL)
    for key, (department, other) in CREDIT_FAIL.items():
        row = found[key]
        assert row["department"] == department and Path(row["other_path"]).stem == other, key
        assert row["severity"] == "warning" and row["category"] == "inconsistency"
    published = found[("RECON-CREDIT-NOT-IN-PUBLISHER-REPORT", "credit/SX-2024-009/publication/gsxt")]
    assert published["pointer"] == "/credit_list/0/publications/0/publisher" and published["clause"] == "33"
    assert "天津市市场监督管理委员会" in published["message_zh"] and "黑市监信〔2024〕9号" in published["message_zh"]
    decided = found[("RECON-CREDIT-NOT-IN-DECIDER-REPORT", "credit/XZGS-2024-017")]
    assert decided["pointer"] == "/credit_list/0/decided_by" and decided["clause"] == "(十二)"
    assert "黑龙江省市场监督管理局" in decided["message_zh"] and "黑市监信〔2024〕19号" in decided["message_zh"]


def test_credit_reconciliation_json_and_xml_twins_agree(credit_fail_runs):
    def comparable(rows: dict) -> dict:
        return {key: (r["department"], Path(r["other_path"]).stem, r["pointer"], r["message_zh"], r["fingerprint"])
                for key, r in rows.items()}
    assert comparable(credit_fail_runs["recon-credit-fail"]) == comparable(credit_fail_runs["recon-credit-fail-xml"])


def test_publication_for_another_period_or_region_does_not_match(credit_fail_runs):
    found = credit_fail_runs["recon-credit-fail"]
    # SX-2024-002 was published 2025-01-06: the market regulator lists it in its 2024 report
    # (ZSCQ-2024-002), but the report that must show it is the one covering 2025-01-06.
    late = found[("RECON-CREDIT-NOT-IN-PUBLISHER-REPORT", "credit/SX-2024-002/publication/gsxt")]
    assert late["other_path"].endswith("heilongjiang-market-regulation-2025h1.json")
    # SX-2024-003 is listed as published by 哈尔滨市市场监督管理局 (a market regulator too, another
    # region), not by the provincial regulator the IP office names.
    assert ("RECON-CREDIT-NOT-IN-PUBLISHER-REPORT", "credit/SX-2024-003/publication/gsxt") in found
    # the entry both sides report, and the mislisted ones whose decider does list them, are silent
    silent = {"credit/SX-2024-001/publication/gsxt", "credit/ZSCQ-2024-001", "credit/ZSCQ-2024-002",
              "credit/ZSCQ-HRB-2024-01"}
    assert not silent & {subject for _, subject in found}


def test_run_scope_credit_rules_agree_with_the_reference_evaluator(checker):
    """The joins across reports (ne, a period containing a date) mean the same in both evaluators,
    in any fact order."""
    items = [item for item in run_rules(checker.catalog) if item.rule.id.startswith("RECON-")]
    keep = run_fact_types(checker)
    facts = []
    for path in sorted((FIXTURES / "recon-credit-fail").glob("*.json")):
        loaded = read_report(path)
        prepared = checker.prepare(loaded)
        extra = run_fields(loaded.report, prepared.department, str(path))
        facts.extend(dict(f, **extra) for f in prepared.facts if f["t"] in keep)
    rules = [normalise(item) for item in items]

    def signatures(matches) -> list:  # a fact key names a fact within its report only
        return sorted((m.rule_id, tuple(sorted((name, f["report_path"], f["key"]) for name, f in m.bindings.items())))
                      for m in matches)

    durable = signatures(DurableEvaluator(rules).evaluate(list(facts)))
    for seed in range(5):
        shuffled = list(facts)
        random.Random(seed).shuffle(shuffled)
        assert signatures(ReferenceEvaluator(rules).evaluate(shuffled)) == durable
        assert signatures(DurableEvaluator(rules).evaluate(shuffled)) == durable
    assert {rule for rule, _ in durable} == {"RECON-CREDIT-NOT-IN-PUBLISHER-REPORT", "RECON-CREDIT-NOT-IN-DECIDER-REPORT"}
    assert len(durable) == len(CREDIT_FAIL)


def test_entries_published_for_another_department_are_not_held_to_its_platform_rules(checker):
    """A publisher's entry (decided_by) answers for its own record (code, decision number, URL),
    not for the deciding department's duty to appear on every platform in time."""
    decider_duties = {"CREDIT-NOT-PUBLISHED", "CREDIT-NOT-PUBLISHED-UNCERTAIN", "CREDIT-PUBLICATION-LATE",
                      "CREDIT-POSTING-OTHER-SITE"}
    for name in ("heilongjiang-market-regulation-2024.json", "tianjin-market-regulation-2024.json",
                 "harbin-market-regulation-2024.json"):
        result = checker.check_path(FIXTURES / "recon-credit-fail" / name)
        published_for_others = {f"credit/{entry.id}" for entry in result.loaded.report.credit_list if entry.decided_by}
        assert published_for_others, name
        held = [f for f in result.findings if f.rule_id in decider_duties and f.subject.split("/publication/")[0]
                in published_for_others]
        assert not held, name


def test_credit_reconciliation_is_cited_under_the_credit_clauses_only(checker):
    rules = checker.catalog.rules
    expected = {"heilongjiang-2023": "33", "ruichang": "4", "tianjin-2021": "(十二)"}
    for rule_id in ("RECON-CREDIT-NOT-IN-PUBLISHER-REPORT", "RECON-CREDIT-NOT-IN-DECIDER-REPORT"):
        assert rules[rule_id].clauses == expected
    assert rules["RECON-REFERRAL-NOT-RECEIVED"].clauses["heilongjiang-2023"] == "18"
    assert rules["RECON-RECEIVED-NOT-REFERRED"].clauses["tianjin-2021"] == "(七)"


def test_partitioned_reconciliation_finds_exactly_what_one_session_finds(tmp_path, recon_rules):
    """partition_by only splits the work: the same findings as evaluating the whole run at once."""
    import dataclasses

    from engine.batch.reconcile import reconcile
    from engine.batch.store import Store

    db = tmp_path / "runs.sqlite"
    dirs = [str(FIXTURES / d) for d in ("recon-pass", "recon-fail", "recon-credit-pass", "recon-credit-fail")]
    code, summary = batch_json(*dirs, "--db", str(db), "--workers", "2", "--rules", str(recon_rules))
    assert summary["unreadable"] == 0
    catalog = load_catalog(recon_rules)
    assert any(item.rule.partition_by for item in run_rules(catalog))
    whole = dataclasses.replace(catalog, rules={
        rid: dataclasses.replace(item, rule=item.rule.model_copy(update={"partition_by": []}))
        for rid, item in catalog.rules.items()})
    store = Store(db)
    try:
        split, at_once = reconcile(catalog, store, summary["run"]), reconcile(whole, store, summary["run"])
    finally:
        store.close()
    assert {row[3][0] for row in split} >= {"RECON-REFERRAL-NOT-RECEIVED", "RECON-RECEIVED-NOT-REFERRED"}
    assert split == at_once
