"""Fuzz target: the JSON and XML readers and the whole `plancheck check` path (atheris/libFuzzer).

Every input is run through one of four modes, chosen by its first byte:
  0 JSON bytes -> read_report (file on disk, like the CLI) -> check -> every output format
  1 XML bytes  -> the same
  2 bytes of unknown kind (no suffix: format sniffed from the content) -> the same
  3 structured: a bundled sample with values at fuzzer-chosen places replaced by fuzzer-chosen
    values, so most inputs get past validation and exercise facts, rules and findings; for
    those, the XML twin must give the same findings and both evaluators the same matches.
The only acceptable failure is an InputError (exit 2 in the CLI); any other exception, an
AssertionError from the invariants of mode 3 included, is a crash libFuzzer records.

Run: python fuzz/fuzz_readers.py fuzz/corpus -max_total_time=3600 (see fuzz/README.md).
"""
from __future__ import annotations

import copy
import json
import os
import sys
import tempfile
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

with atheris.instrument_imports(include=["engine"]):
    from engine.checker import Checker
    from engine.io.read import LoadedReport, validate_report
    from engine.io.source import InputError
    from engine.io.xml_report import parse_xml
    from engine.io.xml_write import write_xml
    from engine.model.report import Report
    from engine.output import FORMATTERS
    from engine.output.base import FormatOptions, RunOutcome
    from engine.rules.model import Severity

SAMPLES = sorted((REPO / "samples").glob("*/*.json"))
SAMPLE_DATA = [json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES]
# PLANCHECK_FUZZ_RULES: a rules directory to use instead of rules/ (e.g. a copy that stays fixed)
RULES = Path(os.environ.get("PLANCHECK_FUZZ_RULES", REPO / "rules"))
CHECKER = Checker.default(RULES)
REFERENCE = Checker.default(RULES, evaluator="reference")
WORK = Path(tempfile.mkdtemp(prefix="plancheck-fuzz-"))
SUFFIXES = (".json", ".xml", "")

# Values that sit on the boundaries the rules and validators care about.
INTERESTING = [
    None, True, False, 0, -1, 1, 2, 3, 4, 5, 4999, 5000, 30000, 50000, 1e13, 1e13 + 1, -0.0, 0.5,
    "", " ", "x", "2023-02-30", "2024-02-29", "2024-10-01", "2024-10-08", "2025-01-28", "2027-01-04",
    "1969-12-31", "9999-12-31", "2024-03-01T23:59:59+08:00", "2024-03-01T00:00:00Z",
    "2024-03-01T12:00:00", "javascript:alert(1)", "https://credit.hlj.gov.cn/x", "http://a b",
    "91230100MA1C8Q7K2X", "HSJ-2024-001", "YS-2024-001", "SX-2024-001", "court", "province",
    "not_applicable", "completed", "region", "own", "training_person_times", "heilongjiang-2023",
    "黑龙江省市场监督管理局", "\u0000", "\ud800", [], {}, [1], {"a": 1},
]


def _pointers(node, prefix=""):
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _pointers(value, f"{prefix}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _pointers(value, f"{prefix}/{i}")


def _set(doc, pointer, value, remove):
    *parents, last = pointer.split("/")[1:]
    node = doc
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    key = int(last) if isinstance(node, list) else last
    if remove:
        del node[key]
    else:
        node[key] = value


def _mutated_sample(fdp: atheris.FuzzedDataProvider) -> bytes:
    doc = copy.deepcopy(SAMPLE_DATA[fdp.ConsumeIntInRange(0, len(SAMPLE_DATA) - 1)])
    for _ in range(fdp.ConsumeIntInRange(1, 6)):
        places = [p for p, _ in _pointers(doc) if p]
        if not places:
            break
        pointer = places[fdp.ConsumeIntInRange(0, len(places) - 1)]
        choice = fdp.ConsumeIntInRange(0, 9)
        if choice < 6:  # a copy: one shared list placed twice could end up inside itself
            value = copy.deepcopy(INTERESTING[fdp.ConsumeIntInRange(0, len(INTERESTING) - 1)])
        elif choice < 8:
            value = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40))
        else:
            value = fdp.ConsumeIntInRange(-10**6, 10**6)
        _set(doc, pointer, value, remove=choice == 9)
    # surrogatepass: a lone surrogate becomes the (invalid) UTF-8 bytes a careless writer emits
    return json.dumps(doc, ensure_ascii=fdp.ConsumeBool()).encode("utf-8", "surrogatepass")


def _outputs(outcome: RunOutcome) -> None:
    for name, formatter in FORMATTERS.items():
        for lang in ("zh", "en"):
            text = formatter(outcome, FormatOptions(lang=lang, color=False, fail_level=Severity.error))
            text.encode("utf-8")  # what stdout must be able to take


def _findings(result) -> list[tuple]:
    # not the location: a JSON null is a place to point at, an absent XML element is not
    return sorted((f.rule_id, f.subject, f.message_zh) for f in result.findings)


def _invariants(loaded: LoadedReport) -> None:
    """A report that checks must check the same from its XML twin and with either evaluator."""
    result = CHECKER.check_loaded(loaded)
    facts = CHECKER.facts(loaded)
    durable = sorted(m.signature() for m in CHECKER.matches(facts))
    reference = sorted(m.signature() for m in REFERENCE.matches(facts))
    assert durable == reference, "evaluators disagree"
    if not isinstance(loaded.report, Report):
        return  # read past invalid values: what was left out cannot be written into a twin
    xml = write_xml(loaded.report)
    raw, source = parse_xml(xml, "twin.xml")
    twin = validate_report(raw, source, "twin.xml")
    assert twin.report == loaded.report, "XML round trip changed the report"
    twin_result = CHECKER.check_loaded(LoadedReport("twin.xml", "xml", twin.report, source, xml, twin.problems))
    assert _findings(twin_result) == _findings(result), "XML twin has other findings"


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 3)
    content = _mutated_sample(fdp) if mode == 3 else fdp.ConsumeBytes(sys.maxsize)
    path = WORK / f"report{SUFFIXES[mode] if mode < 3 else '.json'}"
    path.write_bytes(content)
    results, errors = [], []
    try:
        results.append(CHECKER.check_path(path, max_bytes=1 << 20))
    except InputError as exc:
        assert "\n" not in exc.line(), "error message is not one line"
        errors.append(exc)
    if mode == 3 and results:
        _invariants(results[0].loaded)
    _outputs(RunOutcome(tuple(results), tuple(errors), catalog=CHECKER.catalog))


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    main()
