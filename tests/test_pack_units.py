"""Unit tests of the pieces under `rules test`, `rules lint`, `rules new` and `--rules`: pack
resolution, the target reading of a clause, scenario expectations, the finding diff of a case."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.rules.cases import CaseResult, RuleCase
from engine.resources import rules_dir
from engine.rules.catalog import load_packs
from engine.rules.lint import lint_packs
from engine.rules.pack_tests import case_diff
from engine.rules.packs import as_dirs, pack_folders, resolve_packs
from engine.rules.scaffold import find_target
from engine.rules.scaffold_base import evidence_day, working_day_on_or_after, working_day_on_or_before
from engine.rules.scenarios import spec_problems
from engine.rules.yaml_source import RuleLoadError

REPO = Path(__file__).resolve().parent.parent
PACKS = REPO / "tests" / "data" / "packs"


# ---- packs ---------------------------------------------------------------------------------------

def test_as_dirs_takes_none_one_or_several():
    assert as_dirs(None) == () and as_dirs("a") == (Path("a"),) and as_dirs([Path("a"), "b"]) == (Path("a"), Path("b"))


def test_without_rules_the_bundled_tree_and_its_packs():
    pack_set = resolve_packs()
    bundled = rules_dir()  # the checkout's rules/, or the installed package's copy of it
    assert pack_set.root == bundled and pack_set.common == bundled / "common"
    assert sorted(pack_set.packs) == ["chengdu-2023", "heilongjiang-2023", "ruichang", "shanghai-district", "tianjin-2021"]
    assert pack_set.folders()[0] == ("common", bundled / "common") and not pack_set.notices()


def test_a_folder_of_packs_adds_each_and_a_pack_adds_itself():
    assert pack_folders(PACKS) == [PACKS / "hukou-2024"] == pack_folders(PACKS / "hukou-2024")


def test_hidden_and_private_folders_are_not_packs(tmp_path: Path):
    shutil.copytree(PACKS / "hukou-2024", tmp_path / "hukou-2024")
    (tmp_path / ".git").mkdir()
    (tmp_path / "__pycache__").mkdir()
    assert pack_folders(tmp_path) == [tmp_path / "hukou-2024"]


def test_an_empty_folder_is_no_pack(tmp_path: Path):
    with pytest.raises(RuleLoadError, match="no plan pack here"):
        pack_folders(tmp_path)


def test_a_missing_folder(tmp_path: Path):
    with pytest.raises(RuleLoadError, match="rules directory not found"):
        resolve_packs(tmp_path / "nowhere")


def test_two_complete_trees_are_refused(tmp_path: Path):
    for name in ("a", "b"):
        (tmp_path / name / "common").mkdir(parents=True)
    with pytest.raises(RuleLoadError, match="a second complete rules tree"):
        resolve_packs([tmp_path / "a", tmp_path / "b"])


def test_a_complete_tree_plus_a_pack(tmp_path: Path):
    tree = tmp_path / "tree"
    shutil.copytree(REPO / "rules" / "common", tree / "common", ignore=shutil.ignore_patterns("cases"))
    pack_set = resolve_packs([tree, PACKS])
    assert pack_set.root == tree and sorted(pack_set.packs) == ["hukou-2024"]
    assert sorted(load_packs(pack_set).plans) == ["hukou-2024"]


def test_the_catalog_knows_where_each_pack_came_from():
    catalog = load_packs(resolve_packs(PACKS))
    assert catalog.pack_folder("hukou-2024") == PACKS / "hukou-2024"
    assert catalog.pack_folder("ruichang") == rules_dir() / "ruichang"
    assert catalog.pack_folder("common") == rules_dir() / "common"
    assert catalog.pack_folder("nowhere") is None


# ---- the target a clause states --------------------------------------------------------------------

@pytest.mark.parametrize("text, words, limit, unit, more_than", [
    ("全年查处知识产权侵权假冒案件不少于30件。", "不少于30件", 30, "件", False),
    ("力争到2024年底,全县通过知识产权管理体系认证的企业超过15家。", "超过15家", 15, "家", True),
    ("年度知识产权培训不少于5000人次。", "不少于5000人次", 5000, "人次", False),
    ("区政府及工作部门使用正版软件率达到100%。", "达到100%", 100, "%", False),
    ("专利密集型产业增加值占GDP比重高于12.5%。", "高于12.5%", 12.5, "%", True),
])
def test_find_target(text: str, words: str, limit: float, unit: str, more_than: bool):
    target = find_target(text)
    assert (target.words, target.limit, target.unit, target.more_than) == (words, limit, unit, more_than)
    assert target.miss_op == ("le" if more_than else "lt")


def test_no_target_in_a_clause_without_a_figure():
    assert find_target("依法审理知识产权民事、刑事案件。") is None


# ---- working days of generated data -------------------------------------------------------------------

def test_working_days_around_national_day_2024():
    import datetime as dt

    assert working_day_on_or_after(dt.date(2024, 10, 1)) == dt.date(2024, 10, 8)
    assert working_day_on_or_before(dt.date(2024, 10, 6)) == dt.date(2024, 9, 30)
    assert working_day_on_or_before(dt.date(2024, 9, 29)) == dt.date(2024, 9, 29)  # a Sunday worked in lieu


def test_evidence_of_a_dated_clause_is_on_or_before_its_date():
    import datetime as dt

    catalog = load_packs(resolve_packs(PACKS))
    plan = catalog.plans["hukou-2024"]
    assert evidence_day(plan.clause("7"), 2024) == dt.date(2024, 6, 28)  # by 2024-06-30, a Sunday
    assert evidence_day(plan.clause("8"), 2024) == dt.date(2024, 6, 28)
    assert evidence_day(plan.clause("13"), 2024) == dt.date(2024, 6, 28)


# ---- scenario expectations --------------------------------------------------------------------------

def test_a_well_formed_spec_has_no_problems():
    assert spec_problems({"title": "t", "plan": "p", "why": "w", "compliant": True,
                          "traps": [{"rule": "R", "subject": "report", "why": "x"}]}) == []


@pytest.mark.parametrize("spec, problem", [
    ([], "an expectation file is a mapping"),
    ({"plan": "p", "why": "w"}, "title is required"),
    ({"title": "t", "plan": "p", "why": "w", "expect": [{"rule": "R", "why": "x", "severity": "error"}]},
     "needs rule or category, and subject or clause"),
    ({"title": "t", "plan": "p", "why": "w", "expect": [{"rule": "R", "subject": "s", "why": "x"}]},
     "needs severity error, warning or info"),
    ({"title": "t", "plan": "p", "why": "w", "traps": [{"rule": "R", "subject": "s", "why": "x", "owner": "z"}]},
     "unknown keys owner"),
    ({"title": "t", "plan": "p", "why": "w", "compliant": True,
      "expect": [{"rule": "R", "subject": "s", "why": "x", "severity": "warning"}]},
     "a compliant report expects no error or warning"),
])
def test_spec_problems(spec, problem: str):
    assert any(problem in found for found in spec_problems(spec))


# ---- the diff of a failing case -----------------------------------------------------------------------

def _result(expect: str, subjects: tuple[str, ...], findings: tuple[tuple[str, str], ...], unsaid=()) -> CaseResult:
    case = RuleCase("R-1-X", f"test_{expect}_x", Path("c.yaml"), 3, None, expect, subjects, None, None)  # type: ignore[arg-type]
    return CaseResult(case, findings, False, tuple(unsaid))


def test_diff_of_a_fail_case_without_its_finding():
    assert case_diff(_result("fail", ("clause/7",), ())) == ("- R-1-X clause/7",)
    assert case_diff(_result("fail", (), ())) == ("- R-1-X (any subject)",)


def test_diff_of_a_fail_case_with_another_subject_and_an_unsaid_text():
    diff = case_diff(_result("fail", ("clause/7",), (("R-1-X", "clause/8"), ("TASK-GAP", "clause/3")), ["2024-06-30"]))
    assert diff == ("- R-1-X clause/7", "+ R-1-X clause/8", "- R-1-X: a message saying '2024-06-30'",
                    "  (other rules' findings on the report: TASK-GAP)")


def test_diff_of_a_pass_case_with_a_finding():
    assert case_diff(_result("pass", (), (("R-1-X", "report"),))) == ("+ R-1-X report",)


# ---- lint on the bundled packs ------------------------------------------------------------------------

def test_the_bundled_packs_lint_clean_with_nine_notes():
    catalog = load_packs(resolve_packs())
    found = lint_packs(catalog, ["common", *sorted(catalog.plans)])
    assert [f.check for f in found if f.level == "error"] == []
    assert sorted((f.path.parent.name, f.check) for f in found) == [("ruichang", "unit-other")] * 8 + [("tianjin-2021", "unit-other")]
