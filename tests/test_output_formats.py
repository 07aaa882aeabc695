"""Every output format: one formatter per format behind FORMATTERS, several formats from one run,
locations of every finding shown in every format, JSON validated against its published schema,
text colours, --no-color/NO_COLOR, --lang en and the self-check to-do list."""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import cli
from engine.checker import Checker
from engine.commands.check import use_color
from engine.output import FORMATTERS
from engine.output.base import FormatOptions, RunOutcome
from engine.output.json_format import FORMAT_VERSION

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "heilongjiang-2023"
GAPS = [SAMPLES / "ip-office-2024-gaps.json", SAMPLES / "ip-office-2024-gaps.xml"]
FINDINGS_SCHEMA = json.loads((REPO / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def outcome(checker: Checker) -> RunOutcome:
    return RunOutcome(tuple(checker.check_path(p) for p in GAPS), (), catalog=checker.catalog)


def test_the_table_has_every_format():
    assert set(FORMATTERS) == {"text", "concise", "github", "json", "sarif", "junit", "html", "xlsx"}


# concise and github give line:col only, as editors and CI jump to it (tests/test_line_formats.py);
# the workbook (bytes) is read back cell by cell in tests/test_xlsx_output.py
@pytest.mark.parametrize("name", sorted(set(FORMATTERS) - {"concise", "github", "xlsx"}))
def test_every_format_shows_every_location(name: str, outcome: RunOutcome):
    rendered = FORMATTERS[name](outcome, FormatOptions())
    for result in outcome.results:
        assert result.findings
        for f in result.findings:
            loc = f.location
            wanted = loc.xpath or loc.pointer
            assert loc.line is not None
            assert (escape(wanted) if name in ("html", "junit") else wanted) in rendered, (name, wanted)
            if name in ("text", "html", "json"):
                assert loc.describe() in rendered if name != "html" else escape(loc.describe()) in rendered


def test_json_validates_against_the_published_schema(outcome: RunOutcome):
    document = json.loads(FORMATTERS["json"](outcome, FormatOptions()))
    validator = jsonschema.Draft202012Validator(FINDINGS_SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors
    assert document["format_version"] == FORMAT_VERSION == FINDINGS_SCHEMA["properties"]["format_version"]["const"]
    jsonschema.Draft202012Validator.check_schema(FINDINGS_SCHEMA)


def test_json_of_unreadable_input_validates_too(repo: Path):
    result = CliRunner().invoke(cli.main, ["check", "--format", "json", str(GAPS[0]),
                                           str(repo / "tests" / "fixtures" / "bad_reports" / "truncated.json")])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["errors"] and not list(jsonschema.Draft202012Validator(FINDINGS_SCHEMA).iter_errors(document))


def test_several_formats_from_one_run(tmp_path: Path):
    paths = {name: tmp_path / f"out.{name}" for name in ("json", "sarif", "junit", "html")}
    args = ["check", str(GAPS[0]), "--format", "text"]
    for name, path in paths.items():
        args += [f"--output-{name}", str(path)]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 1
    assert "结论：不通过" in result.stdout  # text on stdout
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["reports"][0]["findings"]
    assert json.loads(paths["sarif"].read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert paths["junit"].read_text(encoding="utf-8").startswith("<?xml")
    assert paths["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_text_colours_only_when_asked(outcome: RunOutcome):
    coloured = FORMATTERS["text"](outcome, FormatOptions(color=True))
    plain = FORMATTERS["text"](outcome, FormatOptions(color=False))
    assert "\x1b[31m" in coloured and "\x1b[33m" in coloured  # errors red, warnings yellow
    assert "\x1b[" not in plain
    assert "\x1b[" not in CliRunner().invoke(cli.main, ["check", str(GAPS[0])]).stdout


@pytest.mark.parametrize("color, env, tty, expected", [
    ("auto", {}, True, True), ("never", {}, True, False), ("auto", {"NO_COLOR": "1"}, True, False),
    ("auto", {"NO_COLOR": ""}, True, True), ("auto", {}, False, False),
    ("auto", {"FORCE_COLOR": "1"}, False, True), ("auto", {"FORCE_COLOR": ""}, False, False),
    ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
    ("always", {"NO_COLOR": "1"}, False, True), ("never", {"FORCE_COLOR": "1"}, True, False),
])
def test_colour_decision(color: str, env: dict, tty: bool, expected: bool):
    assert use_color(color, env, tty) is expected


def test_text_summary_counts_by_severity_and_category(outcome: RunOutcome):
    text = FORMATTERS["text"](outcome, FormatOptions())
    assert "错误 " in text and "缺项 " in text and "合计：" in text
    english = FORMATTERS["text"](outcome, FormatOptions(lang="en"))
    assert "Verdict: FAIL" in english and "gap " in english and "Item 78" in english


def test_self_check_is_a_to_do_list():
    result = CliRunner().invoke(cli.main, ["check", str(GAPS[1]), "--department", "黑龙江省 知识产权局"])
    assert result.exit_code == 1
    out = result.stdout
    assert "黑龙江省知识产权局 自查待办清单" in out
    assert "  1. [ ]" in out and "缺什么:" in out and "补什么:" in out and "依据条款: 第" in out and "位置: " in out


def test_self_check_keeps_only_the_departments_clauses(checker: Checker):
    from engine.check_run import self_check as _self_check

    full = checker.check_path(GAPS[0], self_check=True)
    mine = _self_check(full, "黑龙江省知识产权局", checker)
    ids = {d.clause.id for d in full.duties} | {t.clause for t in full.loaded.report.tasks}
    assert all(f.citation is None or f.citation.clause in ids for f in mine.findings)
    assert set(mine.findings) <= set(full.findings)
    # a self-check lists the clauses the pack suggests and the report leaves out, as notes
    suggested = [f for f in mine.findings if f.rule_id == "TASK-SUGGESTED"]
    assert suggested and all(f.severity.value == "info" for f in suggested)
    assert not [f for f in checker.check_path(GAPS[0]).findings if f.rule_id == "TASK-SUGGESTED"]


@pytest.mark.parametrize("lang, missing", [("zh", "官方网址：（未填写）"), ("en", "URL: (not given)")])
def test_a_message_shows_which_detail_is_missing_in_its_language(outcome: RunOutcome, lang: str, missing: str):
    # the gaps sample's white paper has a publisher, date and year but no URL: the message must
    # say which one the department has to add, not "one of four"
    details = [f for r in outcome.results for f in r.findings if f.rule_id == "HLJ-78-DETAILS"]
    assert details and all(missing in f.message(lang) for f in details)
