"""The rule-case loader and runner (engine.rules.cases): patch semantics and every error path.

Each error test writes one small case file into tmp_path next to a copy of a real base report and
checks that the error names the file, the line, the case and the reason.
"""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from engine.checker import Checker
from engine.rules.cases import CaseError, load_base, load_case_file, load_cases, run_case, run_cases
from engine.rules.json_patch import PatchError, PatchOp, apply_op

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "rules" / "heilongjiang-2023" / "cases" / "bases" / "market-regulation-province.json"
RULES = {"REG310-TEAM-SIZE", "REG310-TRANSFER-LATE"}

PASS_CASE = """\
  test_pass_two_officers:
    expect: pass
"""


@pytest.fixture
def cases_dir(tmp_path: Path) -> Path:
    (tmp_path / "bases").mkdir()
    shutil.copy(BASE, tmp_path / "bases" / "mr.json")
    return tmp_path


def write(folder: Path, text: str, rule: str = "REG310-TEAM-SIZE") -> Path:
    path = folder / f"{rule}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def case_file(folder: Path, fail_case: str, rule: str = "REG310-TEAM-SIZE") -> Path:
    """A file with one good pass case (lines 4-5) and the given fail case from line 6 on."""
    cases = PASS_CASE + textwrap.indent(textwrap.dedent(fail_case), "  ")
    return write(folder, f"rule: {rule}\nbase: mr\ncases:\n{cases}", rule)


def load_error(path: Path) -> str:
    with pytest.raises(CaseError) as info:
        load_case_file(path, RULES)
    return str(info.value)


# --- patch operations ---------------------------------------------------------------------

def op(**fields) -> PatchOp:
    return PatchOp.model_validate(fields)


def test_replace_add_remove_on_objects_and_arrays() -> None:
    doc = {"a": {"b": 1}, "items": [1, 2, 3]}
    apply_op(doc, op(op="replace", path="/a/b", value=2))
    apply_op(doc, op(op="add", path="/a/c", value=[]))
    apply_op(doc, op(op="add", path="/items/-", value=4))
    apply_op(doc, op(op="add", path="/items/0", value=0))
    apply_op(doc, op(op="remove", path="/items/2"))
    apply_op(doc, op(op="remove", path="/a/b"))
    assert doc == {"a": {"c": []}, "items": [0, 1, 3, 4]}


def test_pointer_escapes() -> None:
    doc = {"a/b": {"~x": 1}}
    apply_op(doc, op(op="replace", path="/a~1b/~0x", value=2))
    assert doc == {"a/b": {"~x": 2}}


def test_add_at_the_end_index_appends() -> None:
    doc = {"items": [1]}
    apply_op(doc, op(op="add", path="/items/1", value=2))
    assert doc == {"items": [1, 2]}


def test_values_are_copied_not_shared() -> None:
    patch = op(op="add", path="/x", value={"k": [1]})
    first, second = {}, {}
    apply_op(first, patch)
    apply_op(second, patch)
    first["x"]["k"].append(2)
    assert second == {"x": {"k": [1]}}


@pytest.mark.parametrize("fields, doc, reason", [
    ({"op": "replace", "path": "/missing", "value": 1}, {}, "no member 'missing' to replace (use add)"),
    ({"op": "remove", "path": "/missing"}, {}, "no member 'missing' to remove"),
    ({"op": "add", "path": "/a", "value": 1}, {"a": 0}, "member 'a' already exists (use replace)"),
    ({"op": "replace", "path": "/items/-", "value": 1}, {"items": []}, "'-' is for add only"),
    ({"op": "replace", "path": "/items/2", "value": 1}, {"items": [0, 1]}, "index 2 is out of range (the array has 2 items)"),
    ({"op": "add", "path": "/items/3", "value": 1}, {"items": [0, 1]}, "index 3 is out of range"),
    ({"op": "remove", "path": "/items/01"}, {"items": [0, 1]}, "'01' is not an array index"),
    ({"op": "remove", "path": "/items/x"}, {"items": [0]}, "'x' is not an array index"),
    ({"op": "replace", "path": "/a/b/c", "value": 1}, {"a": {}}, "no member 'b'"),
    ({"op": "replace", "path": "/a/b/c", "value": 1}, {"a": 5}, "cannot go into 'b'"),
    ({"op": "replace", "path": "/a/b", "value": 1}, {"a": "text"}, "not an object or array"),
])
def test_patch_errors(fields: dict, doc: dict, reason: str) -> None:
    with pytest.raises(PatchError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        apply_op(doc, op(**fields))


# --- loading: the happy path ----------------------------------------------------------------

def test_loads_patches_and_validates(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_one_officer:
        description: 只有一名执法人员
        patch:
          - {op: replace, path: /referrals/0/team_members, value: [刘振华]}
        expect: fail
        subject: referral/YS-2024-001
    """)
    first, second = load_case_file(path, RULES)
    assert (first.id, first.expect, first.subjects, first.line) == ("REG310-TEAM-SIZE::test_pass_two_officers", "pass", (), 4)
    assert (second.id, second.expect, second.subjects, second.line) == (
        "REG310-TEAM-SIZE::test_fail_one_officer", "fail", ("referral/YS-2024-001",), 6)
    assert second.description == "只有一名执法人员"
    assert second.loaded.report.referrals[0].team_members == ["刘振华"]
    assert first.loaded.report.referrals[0].team_members == ["刘振华", "赵明"]


def test_unquoted_yaml_dates_and_timestamps_become_report_values(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_late:
        patch:
          - {op: replace, path: /referrals/0/transferred_at, value: 2024-04-24T10:30:00+08:00}
          - {op: replace, path: /referrals/0/handover/date, value: 2024-04-30}
        expect: fail
    """, rule="REG310-TRANSFER-LATE")
    case = load_case_file(path, RULES)[1]
    ref = case.loaded.report.referrals[0]
    assert ref.transferred_at.isoformat() == "2024-04-24T10:30:00+08:00"
    assert ref.handover.date.isoformat() == "2024-04-30"


def test_case_may_use_another_base(cases_dir: Path) -> None:
    shutil.copy(BASE.with_name("ip-office-province.json"), cases_dir / "bases" / "ipo.json")
    path = case_file(cases_dir, """\
      test_fail_one_officer:
        base: ipo
        patch:
          - {op: replace, path: /referrals/0/team_members, value: [张海峰]}
        expect: fail
    """)
    case = load_case_file(path, RULES)[1]
    assert case.loaded.report.department.name == "黑龙江省知识产权局"


def test_load_cases_reads_every_file_in_name_order(cases_dir: Path) -> None:
    case_file(cases_dir, "  test_fail_one:\n    patch: [{op: replace, path: /referrals/0/team_members, value: [x]}]\n"
                         "    expect: fail\n")
    case_file(cases_dir, "  test_fail_late:\n    patch: [{op: replace, path: /referrals/0/transferred_at, "
                         "value: '2024-04-25T10:00:00+08:00'}]\n    expect: fail\n", rule="REG310-TRANSFER-LATE")
    assert [c.id for c in load_cases(cases_dir, RULES)] == [
        "REG310-TEAM-SIZE::test_pass_two_officers", "REG310-TEAM-SIZE::test_fail_one",
        "REG310-TRANSFER-LATE::test_pass_two_officers", "REG310-TRANSFER-LATE::test_fail_late",
    ]


# --- loading: error paths ---------------------------------------------------------------------

def test_bad_patch_path(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_one_officer:
        patch:
          - {op: replace, path: /referrals/0/team_membrs, value: [刘振华]}
        expect: fail
    """)
    assert load_error(path) == (
        f"{path}:8: case test_fail_one_officer: patch 1 (replace /referrals/0/team_membrs): "
        "no member 'team_membrs' to replace (use add)"
    )


def test_patch_index_out_of_range_names_the_operation(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_one_officer:
        patch:
          - {op: replace, path: /referrals/0/team_members, value: [刘振华]}
          - {op: remove, path: /referrals/7}
        expect: fail
    """)
    assert load_error(path) == (
        f"{path}:9: case test_fail_one_officer: patch 2 (remove /referrals/7): "
        "index 7 is out of range (the array has 2 items)"
    )


def test_unknown_op(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_one_officer:
        patch:
          - {op: move, path: /referrals/0/team_members, value: [刘振华]}
        expect: fail
    """)
    message = load_error(path)
    assert message.startswith(f"{path}:8: case test_fail_one_officer: patch.0.op: ")
    assert "'replace', 'add' or 'remove'" in message


@pytest.mark.parametrize("patch, reason", [
    ("{op: remove, path: /referrals/0/team_members, value: []}", "remove takes no value"),
    ("{op: replace, path: /referrals/0/team_members}", "replace needs a value"),
    ("{op: add, path: /referrals/0/x}", "add needs a value"),
    ("{op: replace, path: referrals/0, value: 1}", "String should match pattern '^/'"),
    ("{op: remove, path: /referrals/0, from: /cases}", "unknown key 'from'"),
])
def test_malformed_operation(cases_dir: Path, patch: str, reason: str) -> None:
    path = case_file(cases_dir, f"""\
      test_fail_one_officer:
        patch:
          - {patch}
        expect: fail
    """)
    message = load_error(path)
    assert message.startswith(f"{path}:8: case test_fail_one_officer: patch.0")
    assert message.endswith(reason)


def test_missing_expect(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_one_officer:
        patch: []
    """)
    assert load_error(path) == f"{path}:6: case test_fail_one_officer: required key 'expect' is missing"


def test_unknown_key_in_a_case(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_one_officer:
        expect: fail
        subjects: [referral/YS-2024-001]
    """)
    assert load_error(path) == f"{path}:8: case test_fail_one_officer: unknown key 'subjects'"


def test_unknown_top_level_key(cases_dir: Path) -> None:
    path = write(cases_dir, f"rule: REG310-TEAM-SIZE\nbase: mr\nowner: 张三\ncases:\n{PASS_CASE}"
                            "  test_fail_x:\n    expect: fail\n")
    assert load_error(path) == f"{path}:3: unknown key 'owner'"


def test_bad_expect_value(cases_dir: Path) -> None:
    path = case_file(cases_dir, "  test_fail_one_officer:\n    expect: error\n")
    assert load_error(path).startswith(f"{path}:7: case test_fail_one_officer: expect: Input should be 'pass' or 'fail'")


def test_unknown_rule(cases_dir: Path) -> None:
    path = case_file(cases_dir, "  test_fail_x:\n    expect: fail\n", rule="REG310-TEAM-SIZES")
    assert load_error(path) == f"{path}:1: unknown rule 'REG310-TEAM-SIZES'"


def test_file_name_must_be_the_rule_id(cases_dir: Path) -> None:
    path = cases_dir / "team.yaml"
    path.write_text(f"rule: REG310-TEAM-SIZE\nbase: mr\ncases:\n{PASS_CASE}  test_fail_x:\n    expect: fail\n",
                    encoding="utf-8")
    assert load_error(path) == f"{path}:1: the cases of rule REG310-TEAM-SIZE belong in REG310-TEAM-SIZE.yaml"


def test_patched_report_invalid(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_one_officer:
        patch:
          - {op: replace, path: /referrals/0/team_members, value: 刘振华}
        expect: fail
    """)
    assert load_error(path) == (
        f"{path}:6: case test_fail_one_officer: the patched report is invalid: "
        "/referrals/0/team_members: team_members must be a list, not a string"
    )


def test_patched_report_breaking_a_model_rule(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_period:
        patch:
          - {op: replace, path: /period/end, value: "2023-12-31"}
        expect: fail
    """)
    assert load_error(path) == (
        f"{path}:6: case test_fail_period: the patched report is invalid: "
        "/period: period ends (2023-12-31) before it starts (2024-01-01); correct the start or the end date"
    )


def test_patched_report_with_invalid_values_is_a_case_of_its_findings(cases_dir: Path) -> None:
    """A repeated id or an invalid value inside a record is a finding, as in a submitted file:
    the case loads, and the problems are the report's (the REPORT-* rules' cases use this)."""
    path = case_file(cases_dir, """\
      test_fail_copy:
        patch:
          - {op: replace, path: /referrals/1/id, value: YS-2024-001}
          - {op: replace, path: /referrals/0/report_received, value: 2024/03/11}
        expect: fail
    """)
    case = load_case_file(path, RULES)[-1]
    assert [(p.pointer, p.category) for p in case.loaded.problems] == [
        ("/referrals/0/report_received", "invalid_value"), ("/referrals/1/id", "inconsistency")]


def test_patch_value_that_is_not_json(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_set:
        patch:
          - {op: replace, path: /referrals/0/team_members, value: !!set {刘振华: null}}
        expect: fail
    """)
    assert load_error(path) == f"{path}:6: case test_fail_set: a patch value is not JSON data: set is not JSON data"


@pytest.mark.parametrize("name, expect, reason", [
    ("test_fail_one", "pass", "the name says fail but expect is pass"),
    ("check_one_officer", "fail", "a case name is test_pass_<words> or test_fail_<words>"),
    ("test_fail_", "fail", "a case name is test_pass_<words> or test_fail_<words>"),
    ("test_fail_一名", "fail", "a case name is test_pass_<words> or test_fail_<words>"),
])
def test_case_names(cases_dir: Path, name: str, expect: str, reason: str) -> None:
    path = case_file(cases_dir, f"  {name}:\n    expect: {expect}\n")
    assert load_error(path).startswith(f"{path}:6: case {name}: {reason}")


def test_subject_only_on_fail_cases(cases_dir: Path) -> None:
    path = write(cases_dir, """\
        rule: REG310-TEAM-SIZE
        base: mr
        cases:
          test_pass_two:
            expect: pass
            subject: referral/YS-2024-001
          test_fail_x:
            expect: fail
    """)
    assert load_error(path) == f"{path}:4: case test_pass_two: subject is only for expect: fail"


def test_needs_a_fail_case_that_is_not_xfail(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_listed_twice:
        patch:
          - {op: replace, path: /referrals/0/team_members, value: [刘振华, 刘振华]}
        expect: fail
        xfail: counts names, not people
    """)
    assert load_error(path) == f"{path}:1: rule REG310-TEAM-SIZE: needs a test_fail_* case that is not xfail"


def test_needs_a_pass_case(cases_dir: Path) -> None:
    path = write(cases_dir, """\
        rule: REG310-TEAM-SIZE
        base: mr
        cases:
          test_fail_a:
            expect: fail
          test_fail_b:
            expect: fail
    """)
    assert load_error(path) == f"{path}:1: rule REG310-TEAM-SIZE: needs a test_pass_* case that is not xfail"


def test_needs_two_cases(cases_dir: Path) -> None:
    path = write(cases_dir, f"rule: REG310-TEAM-SIZE\nbase: mr\ncases:\n{PASS_CASE}")
    assert load_error(path).startswith(f"{path}:3: cases: Dictionary should have at least 2 items")


def test_missing_base(cases_dir: Path) -> None:
    path = case_file(cases_dir, "  test_fail_x:\n    base: nowhere\n    expect: fail\n")
    assert load_error(path) == (
        f"{path}:6: case test_fail_x: base report {cases_dir / 'bases' / 'nowhere.json'} not found"
    )


def test_invalid_base(cases_dir: Path) -> None:
    (cases_dir / "bases" / "broken.json").write_text('{"plan": "heilongjiang-2023"}', encoding="utf-8")
    path = case_file(cases_dir, "  test_fail_x:\n    base: broken\n    expect: fail\n")
    message = load_error(path)
    assert message.startswith(f"base report {cases_dir / 'bases' / 'broken.json'}:")
    assert message.endswith("required field 'department' is missing; add department: department is an object "
                            "with the fields name, kind, kinds, level, aliases, code, region")


def test_base_with_an_invalid_value(cases_dir: Path) -> None:
    """A readable base with an invalid value would be checked, but a base is meant to be
    compliant: the problem each case tests is the one its patch brings in."""
    base = json.loads((cases_dir / "bases" / "mr.json").read_text(encoding="utf-8"))
    base["submitted"] = "2025/01/10"
    (cases_dir / "bases" / "dated.json").write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
    path = case_file(cases_dir, "  test_fail_x:\n    base: dated\n    expect: fail\n")
    assert load_error(path) == (f"base report {cases_dir / 'bases' / 'dated.json'}: /submitted: "
                                "submitted '2025/01/10' is not a valid date")


def test_invalid_yaml(cases_dir: Path) -> None:
    path = write(cases_dir, "rule: REG310-TEAM-SIZE\nbase: mr\ncases:\n  test_pass_a: {expect: pass\n")
    assert load_error(path).startswith(f"{path}:5: invalid YAML")


def test_impossible_unquoted_date_names_its_line(cases_dir: Path) -> None:
    """PyYAML reads 2024-02-30 as a date and fails without saying where: the loader finds it."""
    path = case_file(cases_dir, "  test_pass_b:\n    patch:\n      - {op: replace, path: /submitted, value: 2024-02-30}\n"
                                "    expect: pass\n")
    assert load_error(path) == (f"{path}:8: invalid YAML: '2024-02-30' is not a valid value "
                                "(day is out of range for month); quote it if it is text")


def test_duplicate_case_name(cases_dir: Path) -> None:
    path = case_file(cases_dir, "  test_pass_two_officers:\n    expect: pass\n")
    assert "duplicate key 'test_pass_two_officers' (first on line 4)" in load_error(path)


def test_file_that_is_not_a_mapping(cases_dir: Path) -> None:
    path = write(cases_dir, "- rule: REG310-TEAM-SIZE\n")
    assert load_error(path) == f"{path}:1: a case file must be a mapping"


def test_missing_case_directory(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="case directory not found"):
        load_cases(tmp_path / "nothing", RULES)


def test_load_base_returns_raw_data_and_report() -> None:
    raw, loaded = load_base(BASE)
    assert raw["department"]["name"] == loaded.report.department.name == "黑龙江省市场监督管理局"


# --- running ------------------------------------------------------------------------------

def test_run_pass_and_fail_cases(cases_dir: Path, reference_checker: Checker) -> None:
    path = case_file(cases_dir, """\
      test_fail_one_officer:
        patch:
          - {op: replace, path: /referrals/0/team_members, value: [刘振华]}
        expect: fail
        subject: referral/YS-2024-001
    """)
    passing, failing = run_cases(load_case_file(path, RULES), reference_checker)
    assert passing.passed and passing.rule_subjects == ()
    assert failing.passed and failing.rule_subjects == ("referral/YS-2024-001",)
    assert ("REG310-TEAM-SIZE", "referral/YS-2024-001") in failing.findings


def test_wrong_subject_does_not_pass(cases_dir: Path, reference_checker: Checker) -> None:
    path = case_file(cases_dir, """\
      test_fail_one_officer:
        patch:
          - {op: replace, path: /referrals/0/team_members, value: [刘振华]}
        expect: fail
        subject: referral/YS-2024-002
    """)
    result = run_case(load_case_file(path, RULES)[1], reference_checker)
    assert not result.passed
    assert result.explain() == (
        f"{path}:6: REG310-TEAM-SIZE::test_fail_one_officer: expected a finding with subjects "
        "referral/YS-2024-002; its findings: referral/YS-2024-001; other rules: none"
    )


def test_subject_list_must_match_exactly(cases_dir: Path, reference_checker: Checker) -> None:
    path = case_file(cases_dir, """\
      test_fail_both_referrals:
        patch:
          - {op: replace, path: /referrals/0/team_members, value: [刘振华]}
          - {op: replace, path: /referrals/1/team_members, value: []}
        expect: fail
        subject: [referral/YS-2024-001]
    """)
    result = run_case(load_case_file(path, RULES)[1], reference_checker)
    assert not result.passed
    assert set(result.rule_subjects) == {"referral/YS-2024-001", "referral/YS-2024-002"}


def test_fail_case_without_finding_does_not_pass(cases_dir: Path, reference_checker: Checker) -> None:
    path = case_file(cases_dir, "  test_fail_nothing_changed:\n    expect: fail\n")
    result = run_case(load_case_file(path, RULES)[1], reference_checker)
    assert not result.passed
    assert result.explain().endswith("expected a finding; its findings: none; other rules: none")


def test_pass_case_with_finding_does_not_pass(cases_dir: Path, reference_checker: Checker) -> None:
    path = write(cases_dir, """\
        rule: REG310-TEAM-SIZE
        base: mr
        cases:
          test_pass_wrongly:
            patch:
              - {op: replace, path: /referrals/0/team_members, value: [刘振华]}
            expect: pass
          test_fail_x:
            expect: fail
    """)
    result = run_case(load_case_file(path, RULES)[0], reference_checker)
    assert not result.passed
    assert "expected no finding; its findings: referral/YS-2024-001" in result.explain()


def test_unknown_plan_is_a_case_error_when_run(cases_dir: Path, reference_checker: Checker) -> None:
    path = case_file(cases_dir, """\
      test_fail_other_plan:
        patch:
          - {op: replace, path: /plan, value: tianjin-2024}
        expect: fail
    """)
    case = load_case_file(path, RULES)[1]
    with pytest.raises(CaseError, match=rf"^{path}:6: case test_fail_other_plan: unknown plan 'tianjin-2024'"):
        run_case(case, reference_checker)


def test_xfail_reason_is_kept(cases_dir: Path) -> None:
    path = case_file(cases_dir, """\
      test_fail_one_officer:
        patch:
          - {op: replace, path: /referrals/0/team_members, value: [刘振华]}
        expect: fail
      test_fail_listed_twice:
        patch:
          - {op: replace, path: /referrals/0/team_members, value: [刘振华, 刘振华]}
        expect: fail
        xfail: counts names, not people
    """)
    cases = load_case_file(path, RULES)
    assert [c.xfail for c in cases] == [None, None, "counts names, not people"]
