"""Per-rule pass/fail cases: the one loader and runner shared by pytest and `plancheck rules test`.

A case file `<cases>/<RULE-ID>.yaml` names its rule, a base report (`<cases>/bases/<base>.json`,
compliant on its own) and named cases. Each case patches a copy of the base with a small subset
of JSON Patch (`replace`, `add`, `remove`; `add` to `/-` appends), and expects the rule to
`pass` (no finding of that rule) or `fail` (at least one; with `subject`, exactly those
subjects). Every patched report is validated like a submitted one. A case marked `xfail` records
a rule believed wrong: it states what the law requires, and the reason.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Collection, Literal, Optional, Union

from pydantic import Field, ValidationError, model_validator

from engine.checker import Checker
from engine.io.json_report import JsonSourceMap
from engine.io.read import LoadedReport, read_report, validate_report
from engine.io.source import InputError
from engine.rules.model import RULE_ID, Closed
from engine.rules.yaml_source import RuleLoadError, YamlDocument, load_yaml

BASES_DIR = "bases"
PASS_PREFIX = "test_pass_"
FAIL_PREFIX = "test_fail_"
_EXPECT_BY_PREFIX = {PASS_PREFIX: "pass", FAIL_PREFIX: "fail"}


class CaseError(RuleLoadError):
    """A case file or base report that cannot be used. str() is `file:line: case NAME: what`."""


class PatchError(ValueError):
    """One patch operation that cannot be applied to the document."""


class PatchOp(Closed):
    op: Literal["replace", "add", "remove"]
    path: Annotated[str, Field(pattern=r"^/")]
    value: Any = None

    @model_validator(mode="after")
    def _value_presence(self) -> "PatchOp":
        has_value = "value" in self.model_fields_set
        if self.op == "remove" and has_value:
            raise ValueError("remove takes no value")
        if self.op != "remove" and not has_value:
            raise ValueError(f"{self.op} needs a value")
        return self


class CaseSpec(Closed):
    description: Optional[str] = None
    base: Optional[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")]] = None
    patch: list[PatchOp] = []
    expect: Literal["pass", "fail"]
    subject: Optional[Union[str, Annotated[list[str], Field(min_length=1)]]] = None
    xfail: Optional[Annotated[str, Field(min_length=5)]] = None


class CaseFile(Closed):
    rule: Annotated[str, Field(pattern=RULE_ID)]
    base: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")]
    cases: Annotated[dict[str, CaseSpec], Field(min_length=2)]


@dataclass(frozen=True)
class RuleCase:
    rule_id: str
    name: str
    path: Path
    line: int
    description: Optional[str]
    expect: str  # "pass" or "fail"
    subjects: tuple[str, ...]  # for fail: the exact subjects expected; empty means any
    xfail: Optional[str]
    loaded: LoadedReport

    @property
    def id(self) -> str:
        return f"{self.rule_id}::{self.name}"


@dataclass(frozen=True)
class CaseResult:
    case: RuleCase
    findings: tuple[tuple[str, str], ...]  # (rule id, subject) of every finding of the report
    passed: bool

    @property
    def rule_subjects(self) -> tuple[str, ...]:
        return tuple(subject for rule_id, subject in self.findings if rule_id == self.case.rule_id)

    def explain(self) -> str:
        case = self.case
        want = "no finding" if case.expect == "pass" else "a finding"
        if case.subjects:
            want += " with subjects " + ", ".join(case.subjects)
        got = ", ".join(self.rule_subjects) or "none"
        others = ", ".join(sorted({r for r, _ in self.findings if r != case.rule_id})) or "none"
        return f"{case.path}:{case.line}: {case.id}: expected {want}; its findings: {got}; other rules: {others}"


def _tokens(pointer: str) -> list[str]:
    if not pointer.startswith("/"):
        raise PatchError("a JSON pointer starts with '/'")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _index(items: list, token: str, allow_end: bool = False) -> int:
    if not token.isdigit() or (len(token) > 1 and token.startswith("0")):
        raise PatchError(f"{token!r} is not an array index" + ("" if token != "-" else " ('-' only with add)"))
    limit = len(items) + (1 if allow_end else 0)
    if int(token) >= limit:
        raise PatchError(f"index {token} is out of range (the array has {len(items)} items)")
    return int(token)


def _step(node: Any, token: str) -> Any:
    if isinstance(node, dict):
        if token not in node:
            raise PatchError(f"no member {token!r}")
        return node[token]
    if isinstance(node, list):
        return node[_index(node, token)]
    raise PatchError(f"cannot go into {token!r}: the value there is not an object or array")


def apply_op(document: Any, op: PatchOp) -> None:
    """Apply one operation in place (strict: replace/remove need the target, add must not clobber)."""
    tokens = _tokens(op.path)
    parent = document
    for token in tokens[:-1]:
        parent = _step(parent, token)
    last, value = tokens[-1], copy.deepcopy(op.value)
    if isinstance(parent, list):
        if op.op == "add":
            if last == "-":
                parent.append(value)
            else:
                parent.insert(_index(parent, last, allow_end=True), value)
        elif op.op == "replace":
            parent[_index(parent, last)] = value
        else:
            del parent[_index(parent, last)]
    elif isinstance(parent, dict):
        if op.op == "add" and last in parent:
            raise PatchError(f"member {last!r} already exists (use replace)")
        if op.op != "add" and last not in parent:
            raise PatchError(f"no member {last!r} to {op.op}" + (" (use add)" if op.op == "replace" else ""))
        if op.op == "remove":
            del parent[last]
        else:
            parent[last] = value
    else:
        raise PatchError("the parent of the target is not an object or array")


def apply_patch(document: Any, ops: list[PatchOp]) -> Any:
    """A patched deep copy of `document`; the document itself is never changed."""
    patched = copy.deepcopy(document)
    for op in ops:
        apply_op(patched, op)
    return patched


def _json_value(value: Any) -> str:
    # unquoted YAML dates and timestamps arrive as date/datetime objects
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def validated(data: Any, shown: str) -> LoadedReport:
    """Validate report data exactly as a submitted JSON file would be (raises InputError)."""
    text = json.dumps(data, ensure_ascii=False, indent=1, default=_json_value)
    source = JsonSourceMap(text)
    return LoadedReport(shown, "json", validate_report(json.loads(text), source, shown), source, text.encode("utf-8"))


def load_base(path: Path) -> tuple[Any, LoadedReport]:
    """A base report: its raw data (to patch) and the validated report."""
    try:
        loaded = read_report(path)
    except InputError as exc:
        raise CaseError(f"base report {exc}") from None
    return json.loads(loaded.content.decode("utf-8-sig")), loaded


def _structure_error(doc: YamlDocument, exc: ValidationError) -> CaseError:
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = f"unknown key {loc[-1]!r}"
    elif err["type"] == "missing":
        msg = f"required key {loc[-1]!r} is missing"
    who, rest = (f"case {loc[1]}: ", loc[2:]) if len(loc) > 1 and loc[0] == "cases" else ("", loc)
    where = ".".join(str(p) for p in rest)
    return CaseError(f"{doc.path}:{doc.line_of(loc)}: {who}{where + ': ' if where else ''}{msg}")


def _check_names(doc: YamlDocument, spec: CaseFile) -> None:
    counts = {"pass": 0, "fail": 0}
    for name, case in spec.cases.items():
        at = f"{doc.path}:{doc.line_of(('cases', name))}: case {name}"
        prefix = next((p for p in _EXPECT_BY_PREFIX if name.startswith(p)), None)
        if prefix is None or not name[len(prefix):].replace("_", "").isalnum() or not name.isascii():
            raise CaseError(f"{at}: a case name is test_pass_<words> or test_fail_<words> (ASCII, digits, _)")
        if case.expect != _EXPECT_BY_PREFIX[prefix]:
            raise CaseError(f"{at}: the name says {_EXPECT_BY_PREFIX[prefix]} but expect is {case.expect}")
        if case.subject is not None and case.expect == "pass":
            raise CaseError(f"{at}: subject is only for expect: fail")
        if case.xfail is None:
            counts[case.expect] += 1
    for expect, count in counts.items():
        if count == 0:
            raise CaseError(f"{doc.path}:1: rule {spec.rule}: needs at least one test_{expect}_* case (not xfail)")


def load_case_file(path: Path, rule_ids: Collection[str], bases: Optional[dict[str, Any]] = None) -> list[RuleCase]:
    """Load, patch and validate every case of one file. `bases` caches raw base data by name."""
    bases = {} if bases is None else bases
    doc = load_yaml(path)
    if not isinstance(doc.data, dict):
        raise CaseError(f"{path}:1: a case file must be a mapping")
    try:
        spec = CaseFile.model_validate(doc.data)
    except ValidationError as exc:
        raise _structure_error(doc, exc) from None
    if spec.rule != path.stem:
        raise CaseError(f"{path}:{doc.line_of(('rule',))}: rule {spec.rule} must be in {spec.rule}.yaml")
    if spec.rule not in rule_ids:
        raise CaseError(f"{path}:{doc.line_of(('rule',))}: unknown rule {spec.rule!r}")
    _check_names(doc, spec)
    out = []
    for name, case in spec.cases.items():
        at = f"{path}:{doc.line_of(('cases', name))}: case {name}"
        base = case.base or spec.base
        if base not in bases:
            base_path = path.parent / BASES_DIR / f"{base}.json"
            if not base_path.is_file():
                raise CaseError(f"{at}: base report {base_path} not found")
            bases[base] = load_base(base_path)[0]
        data = copy.deepcopy(bases[base])
        for i, op in enumerate(case.patch):
            try:
                apply_op(data, op)
            except PatchError as exc:
                line = doc.line_of(("cases", name, "patch", i))
                raise CaseError(f"{path}:{line}: case {name}: patch {i + 1} ({op.op} {op.path}): {exc}") from None
        try:
            loaded = validated(data, f"{path}::{name}")
        except TypeError as exc:
            raise CaseError(f"{at}: a patch value is not JSON data: {exc}") from None
        except InputError as exc:
            where = exc.location.pointer if exc.location else ""
            raise CaseError(f"{at}: the patched report is invalid: {where or '/'}: {exc.message}") from None
        subjects = (case.subject,) if isinstance(case.subject, str) else tuple(case.subject or ())
        out.append(RuleCase(spec.rule, name, path, doc.line_of(("cases", name)), case.description,
                            case.expect, subjects, case.xfail, loaded))
    return out


def case_files(cases_dir: Path) -> list[Path]:
    return sorted(cases_dir.glob("*.yaml"))


def load_cases(cases_dir: Path, rule_ids: Collection[str]) -> list[RuleCase]:
    """Every case of every case file in `cases_dir`, in file order."""
    if not cases_dir.is_dir():
        raise CaseError(f"{cases_dir}:1: case directory not found")
    bases: dict[str, Any] = {}
    return [case for path in case_files(cases_dir) for case in load_case_file(path, rule_ids, bases)]


def run_case(case: RuleCase, checker: Checker) -> CaseResult:
    findings = tuple((f.rule_id, f.subject) for f in checker.check_loaded(case.loaded).findings)
    mine = {subject for rule_id, subject in findings if rule_id == case.rule_id}
    if case.expect == "pass":
        passed = not mine
    else:
        passed = bool(mine) and (not case.subjects or mine == set(case.subjects))
    return CaseResult(case, findings, passed)


def run_cases(cases: list[RuleCase], checker: Checker) -> list[CaseResult]:
    return [run_case(case, checker) for case in cases]
