"""Hostile and malformed input (issue 6): exit 2 and one located line, never a crash or a leak.

A file that cannot be read as a report must give exit 2 and exactly one stderr line
`plancheck: error: FILE:POSITION: ...`
(line:col and a JSON pointer for JSON, line and an XPath for XML; file-level problems such as a
missing file have no position), with no traceback, in bounded time (each real process has a
60 s timeout) and bounded memory (RLIMIT_AS of 1 GiB), and without reading any file but the
report or touching the network. Small cases are files under tests/fixtures/hostile/; huge ones and
those that need a path of their own (FIFO, symlink loop, a marker file, a listening port) are
generated at test time into a temporary directory.

A readable report with invalid values inside its records (issue 11) is not an input error: each
such value is a finding located at it (FOUND below), the rest of the report is checked, and the
run exits 1; no case may be silently accepted.

Each case is checked twice: in this process (one InputError, one line, the right position and
message; or the located finding) and in real `cli.py check` processes, many files per process to
keep the suite fast.
Legitimate variants (BOMs, UTF-16, GBK/GB18030 declarations, CRLF) must be accepted and give
exactly the findings of the plain UTF-8 sample.
"""
from __future__ import annotations

import gc
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import pytest
from pydantic import Field, ValidationError
from click.testing import CliRunner

import cli
from engine.checker import Checker
from engine.io.limits import MAX_MEMBERS, MAX_TAGS, MAX_VALUES
from engine.io.problems import MAX_PROBLEMS
from engine.io.read import DEFAULT_MAX_BYTES
from engine.io.validate import lists_without_fail_fast
from engine.io.source import InputError
from engine.io.xml_write import write_xml
from engine.model.report import Report
from install_mode import cli_argv

REPO = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
BAD_RULES = Path(__file__).parent / "fixtures" / "bad_rules"
SAMPLES = REPO / "samples" / "heilongjiang-2023"
PLAIN = SAMPLES / "market-regulation-2024-compliant"
NS = "urn:plancheck:report:1"
TIMEOUT = 60
MEMORY = 1 << 30
MARKER = "PLANCHECK-SECRET-7f3a9c"

# fixture (relative to tests/fixtures/hostile) -> (position after "FILE:", text in the message).
# A position is `line:col: pointer` (JSON), `line: xpath` or `line:col: /` (XML); "" = file level.
EXPECTED = {
    # JSON: syntax, numbers, strings, shape
    "json/bom-only.json": ("", "file is empty"),
    "json/comment.json": ("2:28: /", "Expecting property name"),
    "json/duplicate-key-by-escape.json": ("4:3: /plan", "duplicate key 'plan'"),
    "json/duplicate-key-nested.json": ("7:5: /department/kind", "duplicate key 'kind'"),
    "json/float-overflow.json": ("134:71: /cases/0/amounts/illegal_gains", "beyond the range of a float"),
    "json/infinity.json": ("134:71: /cases/0/amounts/illegal_gains", "Infinity is not a valid JSON number"),
    "json/integer-overflow.json": ("134:71: /cases/0/amounts/illegal_gains", "beyond the range of a float"),
    "json/invalid-utf8-overlong.json": ("13:24: /", "invalid UTF-8"),
    "json/lone-high-surrogate.json": ("13:23: /contact/name", "lone surrogate \\ud800"),
    "json/lone-low-surrogate.json": ("13:23: /contact/name", "lone surrogate \\udc00"),
    "json/nan-amount.json": ("134:71: /cases/0/amounts/illegal_gains", "NaN is not a valid JSON number"),
    "json/negative-infinity.json": ("134:71: /cases/0/amounts/illegal_gains", "-Infinity is not a valid JSON"),
    "json/nested-65-levels.json": ("3:71: /x" + "/0" * 63, "nested deeper than 64 levels"),
    "json/noncharacter-escape.json": ("13:23: /contact/name", "U+FFFF is not allowed"),
    "json/nul-bytes-only.json": ("1:1: /", "Expecting value"),
    "json/nul-escape.json": ("13:23: /contact/name", "U+0000 is not allowed"),
    "json/single-quotes.json": ("3:3: /", "Expecting property name"),
    "json/surrogate-in-key.json": ("9:5: /department", "lone surrogate \\udbff"),
    "json/top-level-null.json": ("1:1: /", "must be an object"),
    "json/top-level-number.json": ("1:1: /", "must be an object"),
    "json/top-level-string.json": ("1:1: /", "must be an object"),
    "json/trailing-comma.json": ("10:3: /", "Expecting property name"),
    "json/truncated-in-string.json": ("5:13: /", "Unterminated string"),
    "json/two-documents.json": ("205:1: /", "Extra data"),
    "json/utf16-bom-invalid.json": ("13:24: /", "invalid UTF-16-LE"),
    "json/utf16-odd-length.json": ("204:2: /", "invalid UTF-16-LE"),
    "json/utf16-without-bom.json": ("5:29: /", "invalid UTF-8"),
    "json/utf8-encoded-surrogate.json": ("13:24: /", "invalid UTF-8"),
    # XML: DTDs and entities, structure, encodings
    "xml/billion-laughs.xml": ("1: /", "DTD/entity declarations are not allowed"),
    "xml/bom-only.xml": ("", "file is empty"),
    "xml/cdata-in-structure.xml": ("222: /report/cases", "is not allowed in <cases>"),
    "xml/declared-gb18030-utf8-bytes.xml": ("1:31: /", "declares encoding GB18030 but the content is UTF-8"),
    "xml/declared-gbk-utf8-bytes.xml": ("1:31: /", "declares encoding GBK but the content is UTF-8"),
    "xml/declared-latin1.xml": ("1:31: /", "encoding 'ISO-8859-1' is not accepted"),
    "xml/declared-unknown-encoding.xml": ("1:31: /", "encoding 'X-PLANCHECK' is not accepted"),
    "xml/declared-utf16-utf8-bytes.xml": ("1:31: /", "declares encoding UTF-16 but the bytes are not UTF-16"),
    "xml/declared-utf7.xml": ("1:31: /", "encoding 'UTF-7' is not accepted"),
    "xml/declared-utf8-gbk-bytes.xml": ("6:11: /", "the file is not UTF-8: it looks saved as GBK/GB18030"),
    "xml/doctype-without-subset.xml": ("1: /", "DTD/entity declarations are not allowed"),
    "xml/empty.xml": ("", "file is empty"),
    "xml/internal-entity.xml": ("1: /", "DTD/entity declarations are not allowed"),
    "xml/invalid-char-ref.xml": ("18:18: /", "invalid xmlChar value 1"),
    "xml/nested-300-levels.xml": ("4:770: /", "Excessive depth in document"),
    "xml/no-namespace.xml": ("2: /report", "in no namespace"),
    "xml/truncated.xml": ("224:2: /", "Premature end of data"),
    "xml/two-roots.xml": ("385:1: /", "Extra content at the end of the document"),
    "xml/undefined-entity.xml": ("18:20: /", "Entity 'nbsp' not defined"),
    "xml/utf16-bom-declared-utf8.xml": ("1:31: /", "declares encoding UTF-8 but starts with a UTF-16 byte-order mark"),
    "xml/utf32.xml": ("1:1: /", "UTF-32 is not accepted"),
    "xml/utf8-bom-declared-gbk.xml": ("1:31: /", "declares encoding GBK but starts with a UTF-8 byte-order mark"),
    "xml/wrong-namespace.xml": ("2: /report", "in namespace urn:plancheck:report:2"),
    "xml/wrong-root.xml": ("2: /rapport", "root element is <rapport>"),
    # values of the header: nothing can be checked against an invalid one
    "values/department-kind-in-chinese.json": ("6:13: /department/kind", "is not one of the allowed values"),
    "values/period-ends-before-start.json": ("11:13: /period", "period ends (2024-01-01) before it starts"),
    "values/unknown-plan.xml": ("4: /report/plan", "unknown plan 'heilongjiang-2099'"),
    # parse-level, though in a value: JSON a report's XML form could not carry
    "values/control-character.json": ("18:20: /tasks/0/narrative", "U+0007 is not allowed"),
}


# Values inside records: fixture -> (rule, where the finding is (line:col pointer, or line XPath),
# text in its English message). Each is a finding, not an input error, and the run exits 1.
FOUND = {
    "values/amount-over-limit.json": ("REPORT-INVALID-VALUE", "134:71 /cases/0/amounts/illegal_gains",
                                      "out of range: it must be at most 10000000000000"),
    "values/blank-name.json": ("REPORT-INVALID-VALUE", "13:23 /contact/name", "must not be blank"),
    "values/case-closed-before-filed.json": ("REPORT-INCONSISTENT", "133:22 /cases/0/closed_date",
                                             "closed (2024-02-21) before it was filed"),
    "values/conduct-ends-before-start.json": ("REPORT-INCONSISTENT", "143:111 /cases/1/conduct/end",
                                              "ends (2024-03-01) before it starts"),
    "values/credit-code-17-chars.json": ("CREDIT-CODE-INVALID", "187:22 /credit_list/0/credit_code",
                                         "it has 17 characters, not 18"),
    "values/credit-code-lowercase.json": ("PENALTY-PARTY-CODE-INVALID", "144:76 /cases/1/party/credit_code",
                                          "lower-case letter"),
    "values/department-code-lowercase.json": ("REPORT-INVALID-VALUE", "8:13 /department/code", "lower-case letter"),
    "values/february-29-2023.json": ("REPORT-INVALID-VALUE", "132:21 /cases/0/filed_date",
                                     "not a valid date: 2023-02 has no day 29"),
    "values/hour-25.json": ("REPORT-INVALID-VALUE", "167:49 /referrals/0/decision/at", "the hour is out of range"),
    "values/negative-fine.json": ("REPORT-INVALID-VALUE", "153:17 /cases/1/penalty/fine", "it must be at least 0"),
    "values/metric-clause-not-a-clause.json": ("REPORT-INVALID-VALUE", "410:153 /metrics/1/clause",
                                               "not in the expected form"),
    "values/negative-metric.json": ("REPORT-INVALID-VALUE", "122:47 /metrics/0/value", "it must be at least 0"),
    "values/repeated-case-id.xml": ("REPORT-INCONSISTENT", "249 /report/cases/case[2]/id", "'HSJ-2024-0031' repeats /cases/0"),
    "values/repeated-credit-entry-id.json": ("REPORT-INCONSISTENT", "186:13 /credit_list/1/id",
                                             "'SX-2024-001' repeats /credit_list/0"),
    "values/repeated-evidence-id.json": ("REPORT-INCONSISTENT", "28:16 /tasks/1/evidence/0/id",
                                         "'EV-1' repeats /tasks/0/evidence/0"),
    "values/repeated-publication-id.json": ("REPORT-INCONSISTENT", "201:12 /publications/1/id",
                                            "'PUB-2024-01' repeats /publications/0"),
    "values/repeated-referral-id.json": ("REPORT-INCONSISTENT", "164:13 /referrals/1/id",
                                         "'YS-2024-001' repeats /referrals/0"),
    "values/repeated-task-clause.json": ("REPORT-INCONSISTENT", "24:17 /tasks/1/clause", "'2' repeats /tasks/0"),
    "values/url-data.json": ("REPORT-INVALID-VALUE", "29:119 /tasks/1/evidence/1/url", "not an http(s) URL"),
    "values/url-escaped-newline.json": ("REPORT-INVALID-VALUE", "29:119 /tasks/1/evidence/1/url",
                                        "contains a space or control character"),
    "values/url-file-scheme.json": ("REPORT-INVALID-VALUE", "29:119 /tasks/1/evidence/1/url", "not an http(s) URL"),
    "values/url-javascript.xml": ("REPORT-INVALID-VALUE", "54 /report/tasks/task[2]/evidence/item[2]/url",
                                  "not an http(s) URL"),
    "values/url-userinfo.json": ("REPORT-INVALID-VALUE", "29:119 /tasks/1/evidence/1/url", "carries a user name"),
    "xml/float-overflow.xml": ("REPORT-INVALID-VALUE", "241 /report/cases/case[1]/amounts/illegal_gains",
                               "should be a number, not '1e999'"),
}


# ---- generated cases --------------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    name: str
    build: Callable[[Path], None]  # writes the file at the given path
    position: str  # regular expression for what follows "FILE:" up to ": message"
    text: str


def _sample(suffix: str) -> str:
    return PLAIN.with_suffix(suffix).read_text(encoding="utf-8")


def _json_with(old: str, new: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(_sample(".json").replace(old, new, 1), encoding="utf-8")


def _xml_with(old: str, new: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(_sample(".xml").replace(old, new, 1), encoding="utf-8")


def _line(suffix: str, needle: str) -> int:
    text = _sample(suffix)
    return text[: text.index(needle)].count("\n") + 1


def _sparse(size: int) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        with open(path, "wb") as handle:  # a hole: no disk space, no time
            handle.truncate(size)
    return build


def _bad_statuses(count: int) -> str:
    """`count` tasks, each with one invalid value (a status outside the list)."""
    return "".join(f'{{"clause": "X{i}", "status": "基本完成"}},' for i in range(count))


_DEEP = 100_000
_TASKS = '"tasks": ['
_TASKS_LINE, _TASKS_XML_LINE = _line(".json", _TASKS), _line(".xml", "<tasks>")
_NAME_LINE = _line(".xml", "<name>王立新")
GENERATED = [
    # the root object is level 1, so the 64th '[' opens level 65
    Generated("deep-100000.json", lambda p: p.write_text('{"plan": ' + "[" * _DEEP + "]" * _DEEP + "}"),
              r"1:73: /plan(/0){63}", "nested deeper than 64 levels"),
    Generated("deep-100000.xml", lambda p: p.write_text(f'<report xmlns="{NS}">' + "<a>" * _DEEP + "</a>" * _DEEP
                                                        + "</report>"), r"1:\d+: /", "Excessive depth"),
    Generated("too-many-values.json", _json_with(_TASKS, _TASKS + "{}," * (MAX_VALUES // 2 + 1)),
              rf"{_TASKS_LINE}:\d+: /", f"more than {MAX_VALUES} values and keys"),
    Generated("too-many-tags.xml", _xml_with("<tasks>", "<tasks>" + "<x/>" * (MAX_TAGS + 1)),
              rf"{_TASKS_XML_LINE}: /", f"more than {MAX_TAGS} tags"),
    # just under the value limit: 190,000 invalid items are counted, not held (a few hundred are);
    # past MAX_PROBLEMS the file is no report with mistakes: how many there are and the first
    Generated("many-invalid-items.json", _json_with(_TASKS, _TASKS + "{}," * 190_000),
              rf"{_TASKS_LINE}:\d+: /tasks/0/clause",
              f"380000 invalid or inconsistent values, more than the {MAX_PROBLEMS} a report can be checked with; "
              "the first: required field 'clause' is missing"),
    Generated("many-invalid-items.xml", _xml_with("<tasks>", "<tasks>" + "<task/>" * 190_000),
              rf"{_TASKS_XML_LINE}: /report/tasks/task\[1\]", "the first: required field 'clause' is missing"),
    Generated("one-value-over-the-cap.json", _json_with(_TASKS, _TASKS + _bad_statuses(MAX_PROBLEMS + 1)),
              rf"{_TASKS_LINE}:\d+: /tasks/0/status", f"{MAX_PROBLEMS + 1} invalid or inconsistent values"),
    Generated("many-members.json", _json_with('"region": "黑龙江省"', '"region": "黑龙江省", '
                                              + ", ".join(f'"k{i}": 0' for i in range(MAX_MEMBERS))),
              r"\d+:\d+: /department/k\d+", f"object has more than {MAX_MEMBERS} members"),
    Generated("huge-text-node.xml", _xml_with("<name>王立新</name>", "<name>" + "王" * 12_000_000 + "</name>"),
              rf"{_NAME_LINE}:\d+: /", "Text node too long"),
    Generated("huge-key.json",
              _json_with('"region": "黑龙江省"', '"region": "黑龙江省", "' + "k" * 10_000_000 + '": 1'),
              r"\d+:\d+: /department/k+…k+", "unknown field 'kkkk"),
    Generated("quadratic-blowup.xml",
              lambda p: p.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE report [<!ENTITY a "{"a" * 100_000}">]>\n'
                                     f'<report xmlns="{NS}"><plan>{"&a;" * 100_000}</plan></report>'),
              r"1: /", "DTD/entity declarations are not allowed"),
    Generated("over-default-size-limit.json", _sparse(DEFAULT_MAX_BYTES + 1), "",
              f"over the {DEFAULT_MAX_BYTES}-byte limit"),
]
GENERATED_BY_NAME = {case.name: case for case in GENERATED}


@dataclass(frozen=True)
class GeneratedFinding:
    name: str
    build: Callable[[Path], None]
    rule_id: str
    position: str  # regular expression for the finding's Location.describe()
    text: str  # in its English message
    count: int = 1  # findings of the rule


# Huge or many values inside records: findings (exit 1), in bounded time and memory, with short
# messages however long the value.
GENERATED_FOUND = [
    GeneratedFinding("long-text-under-libxml-limit.xml",
                     _xml_with("<name>王立新</name>", "<name>" + "王" * 3_000_000 + "</name>"),
                     "REPORT-INVALID-VALUE", rf"{_NAME_LINE} /report/contact/name", "at most 300"),
    GeneratedFinding("huge-string.json", _json_with('"name": "王立新"', '"name": "' + "王" * 15_000_000 + '"'),
                     "REPORT-INVALID-VALUE", r"\d+:\d+ /contact/name", "is too long: 15000000 characters"),
    GeneratedFinding("just-under-the-cap.json", _json_with(_TASKS, _TASKS + _bad_statuses(MAX_PROBLEMS)),
                     "REPORT-INVALID-VALUE", rf"{_TASKS_LINE}:\d+ /tasks/\d+/status", "status '基本完成'",
                     count=MAX_PROBLEMS),
]


@pytest.fixture(scope="session")
def generated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-generated")
    for case in [*GENERATED, *GENERATED_FOUND]:
        case.build(root / case.name)
    return root


# ---- helpers ----------------------------------------------------------------------------------


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_cli(*args: str, timeout: float = TIMEOUT,
            wrap: tuple[str, ...] = ()) -> tuple[subprocess.CompletedProcess, float]:
    """`cli.py check ARGS` in a real process (under `wrap`, e.g. strace): 1 GiB of address space
    (inherited by the wrapped process), a timeout, no proxy settings."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(PYTHONPATH=str(REPO), NO_COLOR="1", PYTHONIOENCODING="utf-8")
    started = time.monotonic()
    proc = subprocess.run([*wrap, *cli_argv(), "check", *args], capture_output=True,
                          timeout=timeout, preexec_fn=_limits, env=env, cwd=str(REPO))
    return proc, time.monotonic() - started


def _stderr_lines(proc: subprocess.CompletedProcess) -> list[str]:
    text = proc.stderr.decode("utf-8", "backslashreplace")
    assert "Traceback" not in text and "Error:" not in text.replace("plancheck: error:", ""), text[-3000:]
    return [line for line in text.splitlines() if line]


def _head(path: str, position: str) -> str:
    return f"{path}:{position}: " if position else f"{path}: "


def _assert_line(line: str, path: str, position: str, text: str, regex: bool = False) -> None:
    prefix = "plancheck: error: "
    assert line.startswith(prefix), line
    assert len(line) < len(prefix) + len(path) + 1000, f"a {len(line)}-character error line"
    rest = line[len(prefix):]
    if regex:
        assert re.match(re.escape(path) + (":" + position if position else "") + ": ", rest), rest[:300]
    else:
        assert rest.startswith(_head(path, position)), rest[:300]
    assert text in rest, rest[:300]


def _fixture_cases() -> list[str]:
    return sorted(p.relative_to(HOSTILE).as_posix() for p in HOSTILE.rglob("*") if p.is_file())


# ---- the cases --------------------------------------------------------------------------------


def test_every_fixture_has_an_expectation():
    assert not set(EXPECTED) & set(FOUND)
    assert _fixture_cases() == sorted([*EXPECTED, *FOUND])


def test_there_are_at_least_sixty_hostile_cases():
    assert len(EXPECTED) + len(FOUND) + len(GENERATED) + len(GENERATED_FOUND) + len(NO_ACCESS_CASES) \
        + len(FILE_CASES) >= 60


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_is_one_located_input_error(name: str, checker: Checker):
    position, text = EXPECTED[name]
    path = HOSTILE / name
    with pytest.raises(InputError) as caught:
        checker.check_path(path)
    line = caught.value.line()
    assert "\n" not in line and "\r" not in line
    assert line.startswith(_head(str(path), position)), line[:300]
    assert text in line, line[:300]


def _assert_found(result, rule_id: str, position: str, text: str, count: int = 1, regex: bool = False) -> None:
    """`count` findings of the rule, located as expected, with the text in their English message."""
    found = [f for f in result.findings if f.rule_id == rule_id]
    assert len(found) == count, [(f.rule_id, f.location.describe()) for f in result.findings]
    for finding in found:
        where = finding.location.describe()
        assert re.fullmatch(position, where) if regex else where == position, where
        assert text in (finding.message_en or ""), finding.message_en
        assert len(finding.message_zh) < 1000 and len(finding.message_en or "") < 1000


@pytest.mark.parametrize("name", sorted(FOUND))
def test_value_fixture_is_a_located_finding(name: str, checker: Checker):
    rule_id, position, text = FOUND[name]
    _assert_found(checker.check_path(HOSTILE / name), rule_id, position, text)


@pytest.mark.parametrize("name", [c.name for c in GENERATED_FOUND])
def test_generated_value_case_is_a_located_finding(name: str, generated_dir: Path, checker: Checker):
    case = next(c for c in GENERATED_FOUND if c.name == name)
    started = time.monotonic()
    result = checker.check_path(generated_dir / name)
    assert time.monotonic() - started < TIMEOUT
    _assert_found(result, case.rule_id, case.position, case.text, case.count, regex=True)


@pytest.mark.parametrize("name", [c.name for c in GENERATED])
def test_generated_case_is_one_located_input_error(name: str, generated_dir: Path, checker: Checker):
    case = GENERATED_BY_NAME[name]
    path = generated_dir / name
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        checker.check_path(path)
    assert time.monotonic() - started < TIMEOUT
    line = caught.value.line()
    assert "\n" not in line
    _assert_line("plancheck: error: " + line, str(path), case.position, case.text, regex=True)


def test_every_fixture_in_a_real_process():
    """All fixtures in one `plancheck check` run: exit 2, one line per file, in file order."""
    names = sorted(EXPECTED)
    proc, _ = run_cli("--lang", "en", *(str(HOSTILE / name) for name in names))
    assert proc.returncode == 2
    lines = _stderr_lines(proc)
    assert len(lines) == len(names), "\n".join(lines)
    for name, line in zip(names, lines):
        _assert_line(line, str(HOSTILE / name), *EXPECTED[name])


def _json_findings(proc: subprocess.CompletedProcess) -> dict[str, list[tuple[str, str, str]]]:
    """path -> (rule, location, message) of each finding of a `--format json --lang en` run."""
    reports = json.loads(proc.stdout)["reports"]
    return {r["path"]: [(f["rule_id"], f["location"]["display"], f["message"]) for f in r["findings"]]
            for r in reports}


def test_found_fixtures_in_a_real_process():
    """All value fixtures in one run: exit 1, nothing on stderr, each finding where expected."""
    names = sorted(FOUND)
    proc, _ = run_cli("--format", "json", "--lang", "en", *(str(HOSTILE / name) for name in names))
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert _stderr_lines(proc) == []
    findings = _json_findings(proc)
    for name in names:
        rule_id, position, text = FOUND[name]
        assert any(f[:2] == (rule_id, position) and text in f[2] for f in findings[str(HOSTILE / name)]), \
            (name, findings[str(HOSTILE / name)])


def test_generated_value_cases_in_a_real_process(generated_dir: Path):
    """The huge values, in one process limited to 1 GiB of address space and 60 s: findings."""
    paths = [str(generated_dir / c.name) for c in GENERATED_FOUND]
    proc, took = run_cli("--format", "json", "--lang", "en", *paths)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert _stderr_lines(proc) == []
    findings = _json_findings(proc)
    for case, path in zip(GENERATED_FOUND, paths):
        hits = [f for f in findings[path] if f[0] == case.rule_id and re.fullmatch(case.position, f[1])]
        assert len(hits) == case.count and all(case.text in f[2] for f in hits), findings[path][:5]
    assert took < TIMEOUT


def test_generated_cases_in_a_real_process(generated_dir: Path):
    """The huge cases, in one process limited to 1 GiB of address space and 60 s."""
    proc, took = run_cli("--lang", "en", *(str(generated_dir / c.name) for c in GENERATED))
    assert proc.returncode == 2, proc.stderr[-2000:]
    lines = _stderr_lines(proc)
    assert len(lines) == len(GENERATED), "\n".join(line[:200] for line in lines)
    for case, line in zip(GENERATED, lines):
        _assert_line(line, str(generated_dir / case.name), case.position, case.text, regex=True)
    assert took < TIMEOUT


def _leads(text: str) -> int:
    return sum(text.count(ch) for ch in "[{,:")


def test_report_just_under_the_value_limit_checks_within_bounds(tmp_path: Path):
    """The limits are set so that any report below them, JSON or its XML twin, checks within the
    time and memory bounds."""
    source = json.loads((SAMPLES / "market-regulation-2024-referral-broken.json").read_text(encoding="utf-8"))
    lists = ("cases", "referrals", "credit_list")

    def copy(n: int) -> dict[str, list]:
        renamed = {"id": lambda v: f"{v}-{n}", "case_id": lambda v: f"{v}-{n}"}
        return {name: [{k: renamed[k](v) if k in renamed else v for k, v in item.items()} for item in source[name]]
                for name in lists}

    empty = dict(source, **{name: [] for name in lists})
    # one copy's values and keys, plus the commas that join it to the copy before
    per_copy = _leads(json.dumps(copy(0), ensure_ascii=False)) - _leads(json.dumps({n: [] for n in lists})) + len(lists)
    copies = (MAX_VALUES - _leads(json.dumps(empty, ensure_ascii=False))) // per_copy
    grown = empty
    for n in range(copies):
        for name, items in copy(n).items():
            grown[name] += items
    text = json.dumps(grown, ensure_ascii=False)
    assert MAX_VALUES - 2 * per_copy < _leads(text) <= MAX_VALUES
    path = tmp_path / "at-limit.json"
    path.write_text(text, encoding="utf-8")
    twin = tmp_path / "at-limit.xml"
    twin.write_bytes(write_xml(Report.model_validate(grown)))
    assert twin.read_bytes().count(b"<") <= MAX_TAGS
    proc, took = run_cli(str(path), str(twin), "--format", "json")
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert took < TIMEOUT


# ---- no file or network access beyond the report ----------------------------------------------


class _Listener:
    """A TCP port on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _doc(prolog: str, plan: str = "heilongjiang-2023") -> str:
    return f'<?xml version="1.0"?>\n{prolog}\n<report xmlns="{NS}"><plan>{plan}</plan></report>\n'


# name -> builder(marker file URI, listener URL, closed-port URL) -> document text
NO_ACCESS_CASES: dict[str, Callable[[str, str, str], str]] = {
    "xxe-file.xml": lambda f, h, c: _doc(f'<!DOCTYPE report [<!ENTITY x SYSTEM "{f}">]>', "&x;"),
    "xxe-http.xml": lambda f, h, c: _doc(f'<!DOCTYPE report [<!ENTITY x SYSTEM "{h}/x">]>', "&x;"),
    "xxe-closed-port.xml": lambda f, h, c: _doc(f'<!DOCTYPE report [<!ENTITY x SYSTEM "{c}/x">]>', "&x;"),
    "parameter-entity-http.xml": lambda f, h, c: _doc(f'<!DOCTYPE report [<!ENTITY % p SYSTEM "{h}/p.dtd"> %p;]>'),
    "parameter-entity-file.xml": lambda f, h, c: _doc(f'<!DOCTYPE report [<!ENTITY % p SYSTEM "{f}"> %p;]>'),
    "external-dtd-http.xml": lambda f, h, c: _doc(f'<!DOCTYPE report SYSTEM "{h}/report.dtd">'),
    "external-dtd-file.xml": lambda f, h, c: _doc(f'<!DOCTYPE report SYSTEM "{f}">'),
    "external-dtd-public.xml": lambda f, h, c: _doc(f'<!DOCTYPE report PUBLIC "-//X//DTD R//EN" "{h}/r.dtd">'),
    "xinclude-file.xml": lambda f, h, c: _doc("").replace(
        "<plan>", f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{f}" parse="text"/><plan>'),
    "xinclude-http.xml": lambda f, h, c: _doc("").replace(
        "<plan>", f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{h}/x.xml"/><plan>'),
}
NO_ACCESS_EXPECTED = {name: ("1: /", "DTD/entity declarations are not allowed") for name in NO_ACCESS_CASES}
NO_ACCESS_EXPECTED["xinclude-file.xml"] = ("3: /report/include", "XInclude}include")
NO_ACCESS_EXPECTED["xinclude-http.xml"] = ("3: /report/include", "XInclude}include")
# Allowed by the format, and still never fetched: a stylesheet instruction and a schema location.
ACCEPTED_REFERENCES: dict[str, Callable[[str], bytes]] = {
    "stylesheet-pi.xml": lambda h: PLAIN.with_suffix(".xml").read_bytes().replace(
        b"?>", f'?>\n<?xml-stylesheet type="text/xsl" href="{h}/s.xsl"?>'.encode(), 1),
    "schema-location.xml": lambda h: PLAIN.with_suffix(".xml").read_bytes().replace(
        f'<report xmlns="{NS}">'.encode(),
        f'<report xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{NS} {h}/report.xsd">'.encode(), 1),
}


@pytest.fixture
def references(tmp_path: Path):
    """A marker file, a listening port and a closed port; the hostile documents that point at them."""
    secret = tmp_path / "secret.txt"
    secret.write_text(MARKER, encoding="utf-8")
    listener = _Listener()
    http, closed = f"http://127.0.0.1:{listener.port}", f"http://127.0.0.1:{_closed_port()}"
    hostile = []
    for name, build in NO_ACCESS_CASES.items():
        (tmp_path / name).write_text(build(secret.as_uri(), http, closed), encoding="utf-8")
        hostile.append(tmp_path / name)
    accepted = []
    for name, build in ACCEPTED_REFERENCES.items():
        (tmp_path / name).write_bytes(build(http))
        accepted.append(tmp_path / name)
    yield secret, listener, hostile, accepted
    listener.close()


def test_no_file_or_network_access_in_a_real_process(references):
    secret, listener, hostile, accepted = references
    proc, _ = run_cli("--lang", "en", *map(str, hostile + accepted))
    assert proc.returncode == 2
    lines = _stderr_lines(proc)
    assert len(lines) == len(hostile)
    for path, line in zip(hostile, lines):
        _assert_line(line, str(path), *NO_ACCESS_EXPECTED[path.name])
    assert MARKER.encode() not in proc.stdout + proc.stderr
    time.sleep(0.3)  # a connection attempt, had there been one, has reached the listener
    assert listener.connections == 0


def test_no_file_or_network_access_at_the_system_call_level(references):
    """strace proves libxml2 itself opened no marker file and connected nowhere."""
    secret, listener, hostile, accepted = references
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed")
    log = secret.parent / "strace.log"
    wrap = (strace, "-f", "-qq", "-e", "trace=open,openat,openat2,connect", "-o", str(log))
    proc, _ = run_cli("--lang", "en", *map(str, hostile + accepted), wrap=wrap)
    if proc.returncode != 2 and b"ptrace" in proc.stderr:
        pytest.skip("ptrace is not permitted here")
    assert proc.returncode == 2, proc.stderr[-2000:]
    calls = log.read_text(encoding="utf-8", errors="replace")
    assert str(secret) not in calls
    assert not re.search(r"connect\(\d+, \{sa_family=AF_INET6?", calls), "a network connection was attempted"
    assert all(str(path) in calls for path in hostile)  # the trace did see the reports being opened


_AUDIT: list[list] = []


def _audit(event: str, args: tuple) -> None:
    for events in _AUDIT:
        if event in ("open", "socket.connect", "urllib.Request"):
            events.append((event, args))


sys.addaudithook(_audit)  # hooks cannot be removed; this one records only while a test listens


def test_no_python_level_access_in_process(references, checker: Checker):
    """An audit hook sees every open() and connect() made from Python while each case is checked."""
    secret, listener, hostile, accepted = references
    events: list[tuple[str, str]] = []
    _AUDIT.append(events)
    try:
        for path in hostile + accepted:
            events.clear()
            try:
                checker.check_path(path)
            except InputError:
                pass
            opened = {str(args[0]) for name, args in events if name == "open" and isinstance(args[0], (str, Path))}
            assert opened <= {str(path)}, opened
            assert not [e for e in events if e[0] in ("socket.connect", "urllib.Request")]
    finally:
        _AUDIT.remove(events)
    assert listener.connections == 0


# ---- files ------------------------------------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # no writer ever opens it: a blocking open or read would hang


def _loop(path: Path) -> None:
    other = path.with_name(path.name + "-b")
    os.symlink(other, path)
    os.symlink(path, other)


# name -> (how to make it (None: leave it absent), message)
FILE_CASES: dict[str, tuple[Optional[Callable[[Path], None]], str]] = {
    "missing.json": (None, "no such file"),
    # searched for reports, as any directory given to check is (issue 13)
    "a-directory.json": (lambda p: p.mkdir(), "no .json/.xml/.xlsx report files found in this directory"),
    "fifo.json": (_fifo, "is not a regular file"),
    "symlink-loop.json": (_loop, "Too many levels of symbolic links"),
    "under-a-file.json": (None, "Not a directory"),
    "name\nwith-newline.json": (lambda p: p.write_text("{", encoding="utf-8"), "invalid JSON"),
}


def test_file_problems_in_a_real_process(tmp_path: Path):
    paths = []
    for name, (make, _) in FILE_CASES.items():
        path = tmp_path / name
        if name == "under-a-file.json":
            (tmp_path / "plain-file").write_text("x", encoding="utf-8")
            path = tmp_path / "plain-file" / name
        elif make is not None:
            make(path)
        paths.append(path)
    proc, took = run_cli("--lang", "en", *map(str, paths), "/dev/zero", timeout=30)
    assert proc.returncode == 2
    lines = _stderr_lines(proc)
    assert len(lines) == len(paths) + 1, "\n".join(lines)
    for path, (name, (_, text)), line in zip(paths, FILE_CASES.items(), lines):
        shown = str(path).replace("\n", "\\n")
        assert line.startswith(f"plancheck: error: {shown}"), line
        assert text in line, line
    assert lines[-1] == "plancheck: error: /dev/zero: is not a regular file"
    assert took < 30  # the FIFO did not block


def test_unreadable_file(checker: Checker):
    """chmod 000. Root reads anything, so as root the read runs in a child that drops to nobody."""
    folder = Path(tempfile.mkdtemp(prefix="plancheck-unreadable-"))
    folder.chmod(0o755)  # nobody may enter it: only the file itself is closed
    path = folder / "unreadable.json"
    shutil.copy(PLAIN.with_suffix(".json"), path)
    path.chmod(0)
    try:
        if os.geteuid() != 0:
            with pytest.raises(InputError) as caught:
                checker.check_path(path)
            line = caught.value.line()
        else:
            line = _read_as_nobody(path, checker)
    finally:
        shutil.rmtree(folder)
    assert line == f"{path}: cannot read: Permission denied"


def _read_as_nobody(path: Path, checker: Checker) -> str:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: drop privileges, try to read, report the error line
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            try:
                checker.check_path(path)
                message = "read succeeded"
            except InputError as exc:
                message = exc.line()
            os.write(write_end, message.encode("utf-8"))
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode("utf-8")
    os.waitpid(pid, 0)
    return message


# ---- values that are findings, not input errors -----------------------------------------------


def test_invalid_credit_code_check_digit_is_a_finding_not_an_input_error(tmp_path: Path, checker: Checker):
    """A well-formed 统一社会信用代码 with a wrong check digit is CREDIT-CODE-INVALID, located."""
    text = _sample(".json").replace('"credit_code": "91230102MA19XW4P3J"', '"credit_code": "91230102MA19XW4P3K"', 1)
    path = tmp_path / "credit-code-check-digit.json"
    path.write_text(text, encoding="utf-8")
    result = checker.check_path(path)
    invalid = [f for f in result.findings if f.rule_id == "CREDIT-CODE-INVALID"]
    assert len(invalid) == 1
    assert invalid[0].location.pointer.startswith("/credit_list/0")
    proc, _ = run_cli(str(path), "--format", "json")
    assert proc.returncode == 1 and b"CREDIT-CODE-INVALID" in proc.stdout


# ---- rule files -------------------------------------------------------------------------------


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(REPO / "rules", target)
    return target


@pytest.mark.parametrize("fixture", ["broken-yaml.yaml", "unknown-operator.yaml", "duplicate-id.yaml"])
def test_bad_rule_file_through_the_cli(fixture: str, rules_copy: Path):
    """The CLI face of tests/test_rule_loading.py: exit 2 and one line naming file and line."""
    placed = rules_copy / "common" / fixture
    shutil.copy(BAD_RULES / fixture, placed)
    result = CliRunner().invoke(cli.main, ["check", "--rules", str(rules_copy), str(PLAIN.with_suffix(".json"))])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1 and re.match(rf"plancheck: error: {re.escape(str(placed))}:\d+: ", lines[0]), lines


def test_rule_citing_a_missing_clause_through_the_cli(rules_copy: Path):
    rule = next((rules_copy / "heilongjiang-2023").glob("HLJ-79-*.yaml"))
    rule.write_text(re.sub(r'clause: "79"', 'clause: "799"', rule.read_text(encoding="utf-8")), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "--rules", str(rules_copy), str(PLAIN.with_suffix(".json"))])
    assert result.exit_code == 2
    expected = rf"plancheck: error: {re.escape(str(rule))}:\d+: .*'799' does not exist"
    assert re.match(expected, result.stderr), result.stderr


def _yaml_alias_bomb() -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\nid: X-BOMB\n"


def test_yaml_alias_bomb_in_a_rule_file_is_a_load_error(rules_copy: Path):
    (rules_copy / "common" / "BOMB.yaml").write_text(_yaml_alias_bomb(), encoding="utf-8")
    try:
        proc, _ = run_cli("--rules", str(rules_copy), str(PLAIN.with_suffix(".json")), timeout=15)
    except subprocess.TimeoutExpired:
        pytest.fail("a 1 KB rule file kept the loader busy for 15 s")
    assert proc.returncode == 2 and len(_stderr_lines(proc)) == 1


def test_deeply_nested_rule_file_is_a_load_error(rules_copy: Path):
    (rules_copy / "common" / "DEEP.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    proc, _ = run_cli("--rules", str(rules_copy), str(PLAIN.with_suffix(".json")))
    assert proc.returncode == 2 and len(_stderr_lines(proc)) == 1


# ---- legitimate variants ----------------------------------------------------------------------


def _json_variants(text: str) -> dict[str, bytes]:
    return {
        "utf8-bom.json": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf16le-bom.json": text.encode("utf-16"),  # Python writes the little-endian BOM
        "utf16be-bom.json": b"\xfe\xff" + text.encode("utf-16-be"),
        "crlf.json": text.replace("\n", "\r\n").encode("utf-8"),
    }


def _xml_variants(text: str) -> dict[str, bytes]:
    declared = lambda enc: text.replace("<?xml version='1.0' encoding='UTF-8'?>",  # noqa: E731
                                        f'<?xml version="1.0" encoding="{enc}"?>', 1)
    assert declared("X") != text
    return {
        "utf8-bom.xml": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf16le-bom.xml": declared("UTF-16").encode("utf-16"),
        "utf16be-bom.xml": b"\xfe\xff" + declared("UTF-16").encode("utf-16-be"),
        "gb18030.xml": declared("GB18030").encode("gb18030"),
        "gbk.xml": declared("GBK").encode("gbk"),
        "crlf.xml": text.replace("\n", "\r\n").encode("utf-8"),
    }


def _finding_rows(result) -> list[tuple]:
    return sorted((f.rule_id, f.severity.value, f.subject, f.message_zh, f.location.pointer,
                   f.location.line, f.location.column, f.location.xpath) for f in result.findings)


SAMPLE_FILES = sorted(SAMPLES.glob("*.json")) + sorted(SAMPLES.glob("*.xml"))


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_legitimate_encodings_give_the_findings_of_the_plain_file(sample: Path, tmp_path: Path, checker: Checker):
    plain = checker.check_path(sample)
    text = sample.read_text(encoding="utf-8")
    variants = _json_variants(text) if sample.suffix == ".json" else _xml_variants(text)
    for name, data in variants.items():
        if sample.suffix == ".xml" and name in ("gb18030.xml", "gbk.xml"):
            assert data != text.encode("utf-8")
        path = tmp_path / name
        path.write_bytes(data)
        variant = checker.check_path(path)
        assert variant.loaded.report == plain.loaded.report, name
        assert _finding_rows(variant) == _finding_rows(plain), name


def test_legitimate_variants_in_a_real_process(tmp_path: Path):
    """Exit code and JSON findings of every variant equal those of the plain file."""
    paths = [PLAIN.with_suffix(".json"), PLAIN.with_suffix(".xml")]
    for sample, variants in ((paths[0], _json_variants), (paths[1], _xml_variants)):
        for name, data in variants(sample.read_text(encoding="utf-8")).items():
            (tmp_path / name).write_bytes(data)
            paths.append(tmp_path / name)
    proc, _ = run_cli("--format", "json", *map(str, paths))
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    reports = json.loads(proc.stdout)["reports"]
    assert len(reports) == len(paths)
    rows = {r["path"]: sorted((f["rule_id"], f["subject"], f["message"]) for f in r["findings"])
            for r in reports}
    assert all(value == rows[str(paths[0])] for value in rows.values())


def test_every_list_in_a_report_stops_at_its_first_invalid_item():
    """Without fail_fast a list of many bad items is one error each: memory grows with the file."""
    assert lists_without_fail_fast(Report) == []


def test_a_list_without_fail_fast_is_noticed():
    from pydantic import BaseModel

    class Item(BaseModel):
        n: int

    class Holder(BaseModel):
        careful: list[Item] = Field(default=[], fail_fast=True)
        careless: list[Item] = []

    assert lists_without_fail_fast(Holder) == ["Holder.careless"]


def _check_keeping_errors(checker: Checker, path: Path, times: int) -> int:
    """Checks `path` repeatedly and keeps every error, as `check` over many files does."""
    kept = []
    for _ in range(times):
        try:
            checker.check_path(path)
        except InputError as exc:
            kept.append(exc)
    return len(kept)


def _alive_validation_errors() -> int:
    gc.collect()
    return sum(isinstance(o, ValidationError) for o in gc.get_objects())


def test_kept_errors_do_not_keep_invalid_reports_alive(checker: Checker):
    # A validator's ValueError inside pydantic-core's ValidationError (which the garbage
    # collector cannot see into) once held, through its traceback, every frame up to the caller:
    # a caller keeping its InputErrors leaked each invalid report's text and parse tree. The
    # fuzzer's RSS grew by 5 KB per input until this was fixed.
    path = HOSTILE / "values" / "period-ends-before-start.json"
    before = _alive_validation_errors()
    assert _check_keeping_errors(checker, path, 30) == 30
    assert _alive_validation_errors() == before


@pytest.mark.parametrize("name", ["values/case-closed-before-filed.json", "values/url-userinfo.json",
                                  "values/february-29-2023.json"])
def test_kept_results_of_salvaged_reports_keep_no_validation_error(name: str, checker: Checker):
    """Reading past invalid values catches a ValidationError per bad record (and a validator's
    ValueError inside it): none may outlive the reading, whatever the caller keeps."""
    before = _alive_validation_errors()
    kept = [checker.check_path(HOSTILE / name) for _ in range(30)]
    assert all(r.loaded.problems or r.findings for r in kept)
    assert _alive_validation_errors() == before
