"""External packs: `--rules DIR` adds a pack (or a folder of packs) to the bundled ones, sharing
rules/common; a pack with a bundled id replaces it with a notice; batch's rules version covers
the added packs."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.batch.version import rules_version
from engine.resources import rules_dir
from engine.rules.catalog import load_packs
from engine.rules.packs import resolve_packs
from engine.rules.yaml_source import RuleLoadError

REPO = Path(__file__).resolve().parent.parent
PACKS = REPO / "tests" / "data" / "packs"
GAPS = PACKS / "hukou-2024" / "scenarios" / "market-regulation-2024-gaps.json"
TIANJIN_SAMPLE = REPO / "samples" / "tianjin-2021" / "ip-office-2023-gaps.json"


def run(*args: str):
    return CliRunner().invoke(cli.main, list(args))


def test_a_report_of_an_unbundled_plan_is_unknown_without_its_pack():
    result = run("check", str(GAPS))
    assert result.exit_code == 2 and "未知的方案“hukou-2024”" in result.stderr  # Chinese by default


@pytest.mark.parametrize("given", [PACKS, PACKS / "hukou-2024"], ids=["folder-of-packs", "one-pack"])
def test_an_added_pack_checks_its_reports_with_the_national_rules(given: Path):
    result = run("check", "--rules", str(given), "--format", "json", str(GAPS))
    assert result.exit_code == 1, result.output
    rules = {f["rule_id"] for r in json.loads(result.stdout)["reports"] for f in r["findings"]}
    assert rules == {"HK-1-CASES-TARGET", "HK-7-STATION-BY-DATE", "HK-13-WHITE-PAPER"}
    assert result.stderr == ""


def test_bundled_plans_still_check_beside_an_added_pack():
    with_pack = run("check", "--rules", str(PACKS), "--format", "json", str(TIANJIN_SAMPLE))
    alone = run("check", "--format", "json", str(TIANJIN_SAMPLE))
    assert with_pack.exit_code == alone.exit_code == 1
    assert json.loads(with_pack.stdout)["reports"] == json.loads(alone.stdout)["reports"]


def test_national_rules_reach_the_added_pack_through_its_uses():
    catalog = load_packs(resolve_packs(PACKS))
    assert catalog.rules["PENALTY-NOT-PUBLISHED"].clauses["hukou-2024"] == "11"
    assert catalog.rules["REG310-TEAM-SIZE"].clauses["hukou-2024"] == "2"
    assert catalog.rules["TASK-GAP"].clauses["hukou-2024"] == "*"
    assert [p.name for p in catalog.required_platforms("hukou-2024")][-1:] == ["信用中国(江西九江)"]


@pytest.fixture
def own_tianjin(tmp_path: Path) -> Path:
    """An office's own copy of a bundled pack, with one message changed."""
    target = tmp_path / "ours" / "tianjin-2021"
    shutil.copytree(REPO / "rules" / "tianjin-2021", target, ignore=shutil.ignore_patterns("scenarios", "cases"))
    rule = target / "TJ-16-TRIAL-WHITE-PAPER.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("zh: 报告期", "zh: 【本局版本】报告期", 1), encoding="utf-8")
    return target.parent


def test_a_pack_with_a_bundled_id_replaces_it_with_a_notice(own_tianjin: Path):
    sample = REPO / "samples" / "tianjin-2021" / "court-2023-no-trial-white-paper.json"
    result = run("check", "--rules", str(own_tianjin), str(sample))
    assert result.stderr == (f"plancheck: notice: pack 'tianjin-2021' from {own_tianjin / 'tianjin-2021'} "
                             f"replaces the bundled one ({rules_dir() / 'tianjin-2021'})\n")
    assert "【本局版本】" in result.stdout


def test_the_notice_comes_once_from_every_command(own_tianjin: Path):
    for args in (["rules", "list", "--plan", "tianjin-2021"], ["explain", "TJ-16-TRIAL-WHITE-PAPER"]):
        result = run(*args, "--rules", str(own_tianjin))
        assert result.exit_code == 0, result.output
        assert result.stderr.count("replaces the bundled one") == 1, args


def test_the_same_pack_given_twice_is_exit_2(tmp_path: Path):
    second = tmp_path / "second"
    shutil.copytree(PACKS, second)
    result = run("check", "--rules", str(PACKS), "--rules", str(second), str(GAPS))
    assert result.exit_code == 2 and "pack 'hukou-2024' is given twice" in result.stderr


def test_a_folder_that_is_not_a_pack_is_exit_2(tmp_path: Path):
    (tmp_path / "packs" / "notes").mkdir(parents=True)
    result = run("check", "--rules", str(tmp_path / "packs"), str(GAPS))
    assert result.exit_code == 2
    assert result.stderr == f"plancheck: error: {tmp_path / 'packs' / 'notes' / 'plan.yaml'}:1: plan: missing plan.yaml for pack 'notes'\n"


def test_an_added_pack_cannot_be_common(tmp_path: Path):
    folder = tmp_path / "packs" / "common"
    folder.mkdir(parents=True)
    (folder / "plan.yaml").write_text("id: common\n", encoding="utf-8")
    with pytest.raises(RuleLoadError, match="cannot be named 'common'"):
        resolve_packs(folder)  # (its parent, holding common/, would be a complete tree)


def test_a_complete_tree_still_replaces_the_bundled_rules(tmp_path: Path):
    tree = tmp_path / "rules"
    shutil.copytree(REPO / "rules", tree, ignore=shutil.ignore_patterns("scenarios", "cases", "heilongjiang-2023"))
    pack_set = resolve_packs(tree)
    assert pack_set.root == tree and "heilongjiang-2023" not in pack_set.packs and not pack_set.replaced


def test_the_rules_version_covers_added_packs(tmp_path: Path):
    bundled = rules_version(resolve_packs())
    packs = tmp_path / "packs"
    shutil.copytree(PACKS, packs)
    added = rules_version(resolve_packs(packs))
    assert added != bundled
    rule = packs / "hukou-2024" / "HK-13-WHITE-PAPER.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("severity: error", "severity: warning"), encoding="utf-8")
    assert rules_version(resolve_packs(packs)) not in (added, bundled)


def test_a_packs_tests_are_not_in_the_rules_version(tmp_path: Path):
    packs = tmp_path / "packs"
    shutil.copytree(PACKS, packs)
    before = rules_version(resolve_packs(packs))
    (packs / "hukou-2024" / "cases" / "HK-13-WHITE-PAPER.yaml").write_text("rule: HK-13-WHITE-PAPER\n", encoding="utf-8")
    assert rules_version(resolve_packs(packs)) == before


def test_the_bundled_version_is_unchanged_by_the_move_of_cases(repo: Path):
    assert rules_version(repo / "rules") == rules_version(resolve_packs())


def test_batch_checks_with_added_packs_in_its_workers(tmp_path: Path):
    from batch_helpers import batch_json

    reports = tmp_path / "reports"
    shutil.copytree(PACKS / "hukou-2024" / "scenarios", reports, ignore=shutil.ignore_patterns("*.yaml"))
    code, summary = batch_json(str(reports), "--db", str(tmp_path / "runs.sqlite"), "--workers", "1",
                               "--rules", str(PACKS))
    assert code == 1 and summary["checked"] == 2 and summary["unreadable"] == 0, summary
