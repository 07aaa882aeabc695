"""Per-rule pass/fail cases: the one loader and runner shared by tests/test_rule_cases.py and the
mutation check (tests/test_properties.py).

A pack keeps its cases beside its rules: `rules/<pack>/cases/<RULE-ID>.yaml` names its rule, a
compliant base report (`<base>.json`, found in the pack's own `cases/bases/`, then in the other
packs' of the run, so a national rule's cases use the plans' bases) and named cases, each a JSON-Patch subset (engine/rules/json_patch.py) applied to a
copy of the base, expecting the rule to `pass` (no finding) or `fail` (a finding; with `subject`,
exactly those subjects; with `message_has`, every finding's Chinese message holds each of those
texts). `departments: [...]` runs the case once for each department given (the report's
`department` replaced after the patch), so one case pins a rule's kinds and levels. `xfail: why`
marks a case stating what the law requires where the rule is believed wrong.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Collection, Literal, Optional, Sequence, Union

from pydantic import Field, ValidationError

from ..checker import Checker
from ..io.json_report import JsonSourceMap
from ..io.read import LoadedReport, read_report, validate_report
from ..io.source import InputError
from .json_patch import PatchError, PatchOp, apply_op
from .model import RULE_ID, Closed
from .yaml_source import RuleLoadError, YamlDocument, load_yaml

BASES_DIR = "bases"
EXPECT_BY_PREFIX = {"test_pass_": "pass", "test_fail_": "fail"}
BaseName = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")]


class CaseError(RuleLoadError):
    """A case file or base report that cannot be used. str() is `file:line: case NAME: what`."""


class CaseSpec(Closed):
    description: Optional[str] = None
    base: Optional[BaseName] = None  # overrides the file's base for this case
    patch: list[PatchOp] = []
    expect: Literal["pass", "fail"]
    subject: Optional[Union[str, Annotated[list[str], Field(min_length=1)]]] = None
    # texts every finding of the rule must say (the key values: the right entry, date, figure)
    message_has: Optional[Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]] = None
    # the case once per department (each a report `department` object): the same situation for
    # every kind and level the rule applies to, or must not apply to
    departments: Optional[Annotated[list[dict[str, Any]], Field(min_length=1)]] = None
    xfail: Optional[Annotated[str, Field(min_length=5)]] = None
    self_check: bool = False  # checked as `check --department` would (a department's own check)


class CaseFile(Closed):
    rule: Annotated[str, Field(pattern=RULE_ID)]
    base: BaseName
    cases: Annotated[dict[str, CaseSpec], Field(min_length=2)]


@dataclass(frozen=True)
class RuleCase:
    rule_id: str
    name: str
    path: Path
    line: int
    description: Optional[str]
    expect: str  # "pass" or "fail"
    subjects: tuple[str, ...]  # for fail: exactly these subjects; empty means any
    xfail: Optional[str]
    loaded: LoadedReport
    self_check: bool = False
    message_has: tuple[str, ...] = ()  # for fail: texts every finding's Chinese message holds

    @property
    def id(self) -> str:
        return f"{self.rule_id}::{self.name}"


@dataclass(frozen=True)
class CaseResult:
    case: RuleCase
    findings: tuple[tuple[str, str], ...]  # (rule id, subject) of every finding on the report
    passed: bool
    unsaid: tuple[str, ...] = ()  # message_has texts a finding of the rule does not say

    @property
    def rule_subjects(self) -> tuple[str, ...]:
        return tuple(subject for rule_id, subject in self.findings if rule_id == self.case.rule_id)

    def explain(self) -> str:
        case = self.case
        want = "no finding" if case.expect == "pass" else "a finding"
        if case.subjects:
            want += f" with subjects {', '.join(case.subjects)}"
        if case.message_has:
            want += f" saying {', '.join(case.message_has)}"
        got = ", ".join(self.rule_subjects) or "none"
        others = ", ".join(sorted({r for r, _ in self.findings if r != case.rule_id})) or "none"
        unsaid = f"; not said: {', '.join(self.unsaid)}" if self.unsaid else ""
        return f"{case.path}:{case.line}: {case.id}: expected {want}; its findings: {got}{unsaid}; other rules: {others}"


def _json_value(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):  # unquoted YAML dates and timestamps
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def load_base(path: Path) -> tuple[Any, LoadedReport]:
    """A base report: its raw data (to patch) and the validated report."""
    try:
        loaded = read_report(path)
    except InputError as exc:
        raise CaseError(f"base report {exc}") from None
    if loaded.problems:  # a base is a compliant report; a case patches in the problem it tests
        first = loaded.problems[0]
        raise CaseError(f"base report {path}: {first.line()}")
    return json.loads(loaded.content.decode("utf-8-sig")), loaded


def _structure_error(doc: YamlDocument, exc: ValidationError) -> CaseError:
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    msg = err["msg"].removeprefix("Value error, ")
    known = loc
    if err["type"] in ("extra_forbidden", "missing"):  # name the key, and the object it is in
        msg = f"unknown key {loc[-1]!r}" if err["type"] == "extra_forbidden" else f"required key {loc[-1]!r} is missing"
        known = loc[:-1]
    who, rest = (f"case {known[1]}: ", known[2:]) if len(known) > 1 and known[0] == "cases" else ("", known)
    where = ".".join(str(p) for p in rest)
    return CaseError(f"{doc.path}:{doc.line_of(loc)}: {who}{where + ': ' if where else ''}{msg}")


def _check_names(doc: YamlDocument, spec: CaseFile) -> None:
    plain = {"pass": 0, "fail": 0}
    for name, case in spec.cases.items():
        at = f"{doc.path}:{doc.line_of(('cases', name))}: case {name}"
        prefix = next((p for p in EXPECT_BY_PREFIX if name.startswith(p)), "")
        if not prefix or not name.isascii() or not name[len(prefix):].replace("_", "").isalnum():
            raise CaseError(f"{at}: a case name is test_pass_<words> or test_fail_<words> (ASCII letters, digits, _)")
        if case.expect != EXPECT_BY_PREFIX[prefix]:
            raise CaseError(f"{at}: the name says {EXPECT_BY_PREFIX[prefix]} but expect is {case.expect}")
        if case.subject is not None and case.expect == "pass":
            raise CaseError(f"{at}: subject is only for expect: fail")
        if case.message_has is not None and case.expect == "pass":
            raise CaseError(f"{at}: message_has is only for expect: fail")
        plain[case.expect] += case.xfail is None
    for expect in (e for e, count in plain.items() if count == 0):
        raise CaseError(f"{doc.path}:1: rule {spec.rule}: needs a test_{expect}_* case that is not xfail")


def _variant_name(name: str, department: dict[str, Any]) -> str:
    """test_fail_x[copyright-province]: the department's kind (or kinds) and level, else its name."""
    kinds = department.get("kinds") or ([department["kind"]] if department.get("kind") else [])
    label = "+".join(str(k) for k in kinds) + (f"-{department['level']}" if department.get("level") else "")
    return f"{name}[{label or department.get('name', '?')}]"


def _build_all(doc: YamlDocument, spec: CaseFile, name: str, bases: dict[str, Any],
               base_dirs: Sequence[Path]) -> list[RuleCase]:
    """The case, or one case per department of its `departments`."""
    case = spec.cases[name]
    if case.departments is None:
        return [_build(doc, spec, name, bases, base_dirs)]
    built = [_build(doc, spec, name, bases, base_dirs, (i, department))
             for i, department in enumerate(case.departments)]
    names = [c.name for c in built]
    if len(set(names)) != len(names):
        at = f"{doc.path}:{doc.line_of(('cases', name))}: case {name}"
        raise CaseError(f"{at}: two departments of the case have the same kinds and level")
    return built


def find_base(name: str, own: Path, base_dirs: Sequence[Path]) -> Optional[Path]:
    """The base report `name`: in the case file's own `bases/`, else in the first of `base_dirs`."""
    for folder in (own / BASES_DIR, *base_dirs):
        candidate = folder / f"{name}.json"
        if candidate.is_file():
            return candidate
    return None


def _build(doc: YamlDocument, spec: CaseFile, name: str, bases: dict[str, Any], base_dirs: Sequence[Path],
           variant: Optional[tuple[int, dict[str, Any]]] = None) -> RuleCase:
    case, path, line = spec.cases[name], doc.path, doc.line_of(("cases", name))
    at = f"{path}:{line}: case {name}"
    base = case.base or spec.base
    if base not in bases:
        base_path = find_base(base, path.parent, base_dirs)
        if base_path is None:
            raise CaseError(f"{at}: base report {path.parent / BASES_DIR / (base + '.json')} not found")
        bases[base] = load_base(base_path)[0]
    data = copy.deepcopy(bases[base])
    for i, op in enumerate(case.patch):
        try:
            apply_op(data, op)
        except PatchError as exc:
            where = doc.line_of(("cases", name, "patch", i))
            raise CaseError(f"{path}:{where}: case {name}: patch {i + 1} ({op.op} {op.path}): {exc}") from None
    if variant is not None:
        index, department = variant
        data["department"] = copy.deepcopy(department)
        line = doc.line_of(("cases", name, "departments", index))
        name = _variant_name(name, department)
        at = f"{path}:{line}: case {name}"
    try:  # validated exactly as a submitted JSON file would be (an invalid header is a case error)
        text = json.dumps(data, ensure_ascii=False, indent=1, default=_json_value)
        source = JsonSourceMap(text)
        validated = validate_report(json.loads(text), source, f"{path}::{name}")
    except TypeError as exc:
        raise CaseError(f"{at}: a patch value is not JSON data: {exc}") from None
    except InputError as exc:
        pointer = exc.location.pointer if exc.location else ""
        raise CaseError(f"{at}: the patched report is invalid: {pointer or '/'}: {exc.message}") from None
    # a value the rules must see as invalid stays a problem, judged like one in a submitted file
    loaded = LoadedReport(f"{path}::{name}", "json", validated.report, source, text.encode("utf-8"),
                          validated.problems)
    subjects = (case.subject,) if isinstance(case.subject, str) else tuple(case.subject or ())
    return RuleCase(spec.rule, name, path, line, case.description, case.expect, subjects, case.xfail, loaded,
                    case.self_check, tuple(case.message_has or ()))


def load_case_file(path: Path, rule_ids: Collection[str], bases: Optional[dict[str, Any]] = None,
                   base_dirs: Sequence[Path] = ()) -> list[RuleCase]:
    """Load, patch and validate every case of one file; `bases` caches raw base data by name;
    `base_dirs`: where else to look for a base the file's own `bases/` lacks."""
    try:
        doc = load_yaml(path, allow_aliases=True)
    except RuleLoadError as exc:
        raise CaseError(str(exc)) from None
    if not isinstance(doc.data, dict):
        raise CaseError(f"{path}:1: a case file must be a mapping")
    try:
        spec = CaseFile.model_validate(doc.data)
    except ValidationError as exc:
        raise _structure_error(doc, exc) from None
    if spec.rule != path.stem:
        raise CaseError(f"{path}:{doc.line_of(('rule',))}: the cases of rule {spec.rule} belong in {spec.rule}.yaml")
    if spec.rule not in rule_ids:
        raise CaseError(f"{path}:{doc.line_of(('rule',))}: unknown rule {spec.rule!r}")
    _check_names(doc, spec)
    bases = {} if bases is None else bases
    return [built for name in spec.cases for built in _build_all(doc, spec, name, bases, base_dirs)]


def load_cases(cases_dir: Path, rule_ids: Collection[str], base_dirs: Sequence[Path] = (),
               bases: Optional[dict[str, Any]] = None) -> list[RuleCase]:
    """Every case of every `*.yaml` file in `cases_dir`, files in name order."""
    if not cases_dir.is_dir():
        raise CaseError(f"{cases_dir}:1: case directory not found")
    bases = {} if bases is None else bases
    return [case for path in sorted(cases_dir.glob("*.yaml"))
            for case in load_case_file(path, rule_ids, bases, base_dirs)]


def run_case(case: RuleCase, checker: Checker) -> CaseResult:
    try:
        checked = checker.check_loaded(case.loaded, self_check=case.self_check)
    except InputError as exc:  # valid on its own but not checkable here, e.g. an unknown plan
        raise CaseError(f"{case.path}:{case.line}: case {case.name}: {exc.message}") from None
    findings = tuple((f.rule_id, f.subject) for f in checked.findings)
    mine = {subject for rule_id, subject in findings if rule_id == case.rule_id}
    if case.expect == "pass":
        return CaseResult(case, findings, not mine)
    messages = [f.message_zh for f in checked.findings if f.rule_id == case.rule_id]
    unsaid = tuple(text for text in case.message_has if not all(text in message for message in messages))
    passed = bool(mine) and (not case.subjects or mine == set(case.subjects)) and not unsaid
    return CaseResult(case, findings, passed, unsaid)


def run_cases(cases: list[RuleCase], checker: Checker) -> list[CaseResult]:
    return [run_case(case, checker) for case in cases]
