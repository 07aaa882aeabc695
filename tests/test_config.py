"""The configuration file (issue 13): found upward from the working directory, in TOML, YAML or
pyproject.toml; command-line flags win; `--show-config` says where each value comes from;
relative paths resolve against the file's directory; an invalid file is a one-line error naming
the file and the key, exit 2."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.config import ConfigError, find_config, load_config
from engine.output import FORMATTERS

REPO = Path(__file__).resolve().parent.parent
CONFIGS = REPO / "tests" / "fixtures" / "config"
SAMPLES = REPO / "samples" / "heilongjiang-2023"
GAPS = SAMPLES / "ip-office-2024-gaps.json"
WAIVERS = REPO / "tests" / "fixtures" / "waivers" / "heilongjiang-ip-office-2024.yaml"
FORMATS = tuple(FORMATTERS)


def _check(*args: str):
    return CliRunner().invoke(cli.main, ["check", *args])


def _shown(output: str) -> dict[str, tuple[str, str]]:
    """`--show-config` lines as key -> (value, origin)."""
    rows = {}
    for line in output.splitlines():
        if line.startswith("#"):
            continue
        setting, _, origin = line.partition("  # ")
        key, _, value = setting.partition(" = ")
        rows[key.strip()] = (value.strip(), origin.strip())
    return rows


def test_found_upward_from_the_working_directory(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CONFIGS / "toml" / "nested" / "deeper")
    assert find_config(Path.cwd()) == (CONFIGS / "toml" / ".plancheck.toml").resolve()


def test_pyproject_counts_only_with_a_tool_plancheck_table():
    assert find_config(CONFIGS / "pyproject") == (CONFIGS / "pyproject" / "pyproject.toml").resolve()
    found = find_config(CONFIGS / "pyproject-other-tool")
    assert found is None or found.name != "pyproject.toml" or "plancheck" in found.read_text(encoding="utf-8")


def test_relative_paths_resolve_against_the_files_directory():
    config = load_config(CONFIGS / "toml" / ".plancheck.toml", FORMATS)
    assert config.values["waivers"] == WAIVERS.resolve()
    assert config.values["lang"] == "en" and config.values["ignore"] == ("HLJ-79",)


def test_show_config_says_where_each_value_comes_from(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CONFIGS / "toml" / "nested")
    result = _check("--show-config", "--fail-level", "error")
    assert result.exit_code == 0, result.output
    config = str((CONFIGS / "toml" / ".plancheck.toml").resolve())
    assert result.stdout.startswith(f"# configuration file: {config}\n")
    rows = _shown(result.stdout)
    assert rows["lang"] == ('"en"', config)
    assert rows["fail-level"] == ('"error"', "command line")  # the flag overrides the file
    assert rows["format"] == ('"text"', "default")
    assert rows["waivers"] == (json.dumps(str(WAIVERS.resolve()), ensure_ascii=False), config)
    assert rows["ignore"] == ('["HLJ-79"]', config)


def test_show_config_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = _check("--show-config")
    assert result.exit_code == 0
    assert "# configuration file: none" in result.stdout
    assert _shown(result.stdout)["lang"] == ('"zh"', "default")


def test_the_configuration_is_applied_to_a_check(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CONFIGS / "toml")
    result = _check(str(GAPS), "--today", "2025-04-15")
    out = result.stdout
    assert "Verdict: FAIL" in out  # lang = "en"
    assert "HLJ-79-TYPICAL-CASES" not in out  # ignore = ["HLJ-79"]
    assert "waived" in out and "HLJ-W-2025-003" in out  # waivers, resolved against the file's directory
    assert result.exit_code == 1


def test_command_line_flags_override_the_file(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CONFIGS / "toml")
    out = _check(str(GAPS), "--lang", "zh", "--ignore", "TASK-GAP", "--today", "2025-04-15").stdout
    assert "结论：不通过" in out
    assert "HLJ-79-TYPICAL-CASES" in out and "TASK-GAP" not in out  # --ignore replaces the file's list


def test_yaml_file_and_format(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CONFIGS / "yaml")
    result = _check(str(SAMPLES / "market-regulation-2024-credit-broken.json"))
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("共 ") and "检查报告 1 份" in lines[-1]  # format: concise
    rules = {line.split(" ")[1] for line in lines[:-1]}
    assert rules and all(r.startswith(("DATE-", "CREDIT-", "REPORT-INCONSISTENT", "PENALTY-", "TASK-")) for r in rules)
    assert "CREDIT-CODE-INVALID" not in rules  # an invalid value, not a deadline or inconsistency


def test_pyproject_rules_directory(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CONFIGS / "pyproject")
    result = _check("--show-config")
    rows = _shown(result.stdout)
    assert rows["rules"] == (json.dumps([str((REPO / "rules").resolve())]), str((CONFIGS / "pyproject" / "pyproject.toml").resolve()))
    checked = _check(str(GAPS))
    assert checked.exit_code == 1 and "Found 7 findings (5 errors, 2 warnings, 0 info) in 1 report." in checked.stdout


def test_explicit_config_file_and_output_files(tmp_path: Path):
    config = tmp_path / "审计配置.toml"  # any name, given with --config
    config.write_text('lang = "en"\noutput = { json = "out/findings.json", sarif = "out/findings.sarif" }\n',
                      encoding="utf-8")
    (tmp_path / "out").mkdir()
    result = _check(str(GAPS), "--config", str(config), "--output-sarif", str(tmp_path / "cli.sarif"))
    assert result.exit_code == 1
    assert json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))["format_version"]
    assert (tmp_path / "cli.sarif").is_file() and not (tmp_path / "out" / "findings.sarif").exists()


@pytest.mark.parametrize("folder, expected", [
    ("bad-key", '.plancheck.toml: key "fail_level": unknown setting; did you mean \'fail-level\'?'),
    ("bad-value", ".plancheck.yaml: key \"fail-level\": 'fatal' is not one of error, warning, info"),
    ("bad-toml", ".plancheck.toml: invalid TOML: "),
    ("bad-select", '.plancheck.toml: key "select": \'HLJ-76\' is not a rule id, category or severity; did you mean'),
])
def test_an_invalid_file_is_one_line_naming_file_and_key(folder: str, expected: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CONFIGS / folder)
    result = _check(str(GAPS))
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("plancheck: error: ") and str(CONFIGS / folder) in line and expected in line
    assert "Traceback" not in result.output


def test_a_missing_explicit_config_is_exit_2(tmp_path: Path):
    result = _check(str(GAPS), "--config", str(tmp_path / "nothere.toml"))
    assert result.exit_code == 2 and result.stderr.strip().endswith("nothere.toml: no such file")


def test_load_config_rejects_an_output_of_an_unknown_format(tmp_path: Path):
    path = tmp_path / ".plancheck.toml"
    path.write_text('output = { jsn = "a.json" }\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r'key "output": unknown format \'jsn\'; did you mean \'json\''):
        load_config(path, FORMATS)


def test_explain_and_plans_take_language_and_rules_from_the_file(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CONFIGS / "pyproject")  # lang = "en", rules = the repository's rules
    assert CliRunner().invoke(cli.main, ["explain", "TASK-GAP"]).stdout.startswith("purpose: ")
    assert CliRunner().invoke(cli.main, ["explain", "TASK-GAP", "--lang", "zh"]).stdout.startswith("用途：")
    assert "  issued by " in CliRunner().invoke(cli.main, ["plans"]).stdout


def test_explain_with_an_invalid_file_is_exit_2(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CONFIGS / "bad-value")
    result = CliRunner().invoke(cli.main, ["explain", "TASK-GAP"])
    assert result.exit_code == 2 and 'key "fail-level"' in result.stderr and "Traceback" not in result.output


def test_an_output_file_that_cannot_be_written_is_one_line(tmp_path: Path):
    config = tmp_path / ".plancheck.toml"
    config.write_text('output = { json = "没有这个目录/findings.json" }\n', encoding="utf-8")
    result = _check(str(GAPS), "--config", str(config))
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"plancheck: error: {tmp_path / '没有这个目录' / 'findings.json'}: cannot write json output: ")
    assert "Traceback" not in result.output
