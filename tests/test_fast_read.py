"""The fast JSON read path (engine.io.json_fast) and locator (engine.io.json_locate) give exactly
what the exact ones give: the same report, value problems, findings (messages, locations) and
input errors, over the benchmark corpus (valid and corrupt files) and hostile variants of it, with
PLANCHECK_EXACT_READ=1 as the reference. Plus: each doubt the fast path must not settle itself
sends the file to the exact path, the closed report models bound depth and width (the proof the
fast path relies on), and the CLI prints the same either way."""
from __future__ import annotations

import codecs
import json
import random
import re
import sys
from pathlib import Path
from typing import Any, Callable, Optional

import pytest
from pydantic import BaseModel

from batch_helpers import REPO, cli
from engine.io.exact import EXACT_READ_ENV
from engine.io.json_fast import model_shape, read_json_fast
from engine.io.json_locate import FastJsonPositions
from engine.io.json_scan import JsonPositions, escape_token
from engine.io.limits import MAX_DEPTH, MAX_MEMBERS, MAX_VALUES
from engine.io.read import read_report
from engine.io.source import InputError
from engine.model.report import Report

sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import generate  # noqa: E402

REPORTS = 300
SEED = 7
_NUMBER_VALUE = re.compile(r'(": )(\d+(?:\.\d+)?)([,\n])')
_DATE_VALUE = re.compile(r'"\d{4}-\d{2}-\d{2}"')
_CJK = re.compile(r"[一-龥]")


def _first_number(replacement: str) -> Callable[[str], str]:
    return lambda text: _NUMBER_VALUE.sub(lambda m: m.group(1) + replacement + m.group(3), text, count=1)


def _into_first_string(inserted: str) -> Callable[[str], str]:
    return lambda text: text.replace('"name": "', '"name": "' + inserted, 1)  # the department's


def _top(member: str) -> Callable[[str], str]:
    return lambda text: text.replace("{", "{" + member + ", ", 1)


def _redumped(**options: Any) -> Callable[[str], str]:
    return lambda text: json.dumps(json.loads(text), **options)


# What a clerk's tool, a careless edit or a hostile sender can make of a valid report. Each is
# judged by both paths; the ones marked in DOUBTS must also be sent to the exact path.
MUTATIONS: dict[str, Callable[[str], str]] = {
    "duplicate_top_key": _top('"plan": "heilongjiang-2023"'),
    "duplicate_key_escaped": _top('"pl\\u0061n": "tianjin-2021"'),
    "duplicate_key_with_colons": _top('"plan": "a:b:c"'),
    "duplicate_key_colon_escape": _top('"pl\\u0061n": "x\\u003a"'),
    "duplicate_key_space_before_colon": _top('"plan" : "ruichang"'),
    "space_before_colon": lambda text: text.replace('"plan":', '"plan" :', 1),
    "nan": _first_number("NaN"),
    "infinity": _first_number("-Infinity"),
    "float_overflow": _first_number("1e400"),
    "float_underflow": _first_number("1e-400"),
    "long_integer": _first_number("123456789012345678901234567890"),
    "integer_19_digits": _first_number("1234567890123456789"),
    "integer_17_digits": _first_number("12345678901234567"),
    "exponent": _first_number("1.5e2"),
    "negative_zero": _first_number("-0"),
    "deep_100": _top('"deep": ' + "[" * 100 + "]" * 100),
    "deep_300": _top('"deep": ' + "[" * 300 + "]" * 300),
    "deep_2000": _top('"deep": ' + "[" * 2000 + "]" * 2000),
    "deep_60": _top('"deep": ' + "[" * 60 + "]" * 60),
    "wide_1001": _top('"wide": {' + ", ".join(f'"k{i}": {i}' for i in range(1001)) + "}"),
    "too_many_values": _top('"many": [' + "0," * MAX_VALUES + "0]"),
    "unknown_field": _top('"remark": "已报送"'),
    "invalid_date": lambda text: _DATE_VALUE.sub('"2024-02-30"', text, count=1),
    "header_missing": lambda text: text.replace('"plan":', '"plan_name":', 1),
    "cjk_escaped": lambda text: _CJK.sub(lambda m: f"\\u{ord(m.group()):04x}", text, count=5),
    "ascii_only": _redumped(ensure_ascii=True, indent=2),
    "compact": _redumped(ensure_ascii=False, separators=(",", ":")),
    "control_escape": _into_first_string("\\u0001"),
    "control_escape_1f": _into_first_string("\\u001F"),
    "escaped_backslash_before_u0001": _into_first_string("\\\\u0001"),
    "delete_escape": _into_first_string("\\u007f"),
    "lone_surrogate": _into_first_string("\\ud800"),
    "surrogate_pair": _into_first_string("\\ud83d\\ude00"),
    "noncharacter_raw": _into_first_string("\ufffe"),
    "noncharacter_escape": _into_first_string("\\uFFFF"),
    "raw_control": _into_first_string("\x01"),
    "colon_escape": _into_first_string("\\u003a"),
    "trailing_data": lambda text: text + "}",
    "top_level_list": lambda text: f"[{text}]",
    "top_level_string": lambda text: json.dumps(text, ensure_ascii=False),
    "truncated": lambda text: text[: len(text) // 3],
}
ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf8": lambda text: text.encode("utf-8"),
    "utf8_bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf16_bom": lambda text: text.encode("utf-16"),
    "gb18030": lambda text: text.encode("gb18030"),
}
# Mutations the fast path leaves to the exact one: each a doubt it must not settle itself, or a
# value validation rejects (a control character, 17 digits in a count), or one the exact path's
# own hint flags (any surrogate escape, even a pair). It settles the others itself.
DOUBTS = {"duplicate_top_key", "duplicate_key_escaped", "duplicate_key_with_colons",
          "duplicate_key_colon_escape", "duplicate_key_space_before_colon", "nan", "infinity",
          "float_overflow", "long_integer", "integer_19_digits", "deep_100", "deep_300", "deep_2000", "deep_60",
          "wide_1001", "too_many_values",
          "unknown_field", "invalid_date", "header_missing", "control_escape", "control_escape_1f",
          "escaped_backslash_before_u0001", "delete_escape", "lone_surrogate", "surrogate_pair",
          "integer_17_digits", "noncharacter_raw",
          "noncharacter_escape", "raw_control", "colon_escape", "trailing_data", "top_level_list",
          "top_level_string", "truncated"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return generate(tmp_path_factory.mktemp("corpus"), REPORTS, SEED)


@pytest.fixture(scope="module")
def bases(corpus) -> list[str]:
    """One readable report of each plan, as text."""
    chosen: dict[str, str] = {}
    for path in corpus:
        try:
            text = path.read_bytes().decode("utf-8")
            plan = json.loads(text)["plan"]
        except (UnicodeDecodeError, ValueError, KeyError, TypeError):
            continue
        chosen.setdefault(plan, text)
    assert len(chosen) >= 5
    return list(chosen.values())


@pytest.fixture(scope="module")
def hostile(bases, tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("hostile")
    files = []
    for n, text in enumerate(bases):
        for name, mutate in MUTATIONS.items():
            mutated = mutate(text)
            assert mutated != text or name == "space_before_colon", name
            path = out / f"{n}-{name}.json"
            path.write_text(mutated, encoding="utf-8", errors="surrogatepass")
            files.append(path)
        for name, encode in ENCODINGS.items():
            path = out / f"{n}-{name}.json"
            path.write_bytes(encode(text))
            files.append(path)
    return files


def _outcome(path: Path, checker) -> tuple:
    """All a user can see of a file's check: the input error, or the report read (strict or
    lenient), its value problems and the findings with their messages and locations."""
    try:
        loaded = read_report(path)
    except InputError as exc:
        return ("unreadable", exc.line())
    read = (type(loaded.report).__name__, loaded.report.model_dump(mode="json"), loaded.problems)
    try:
        result = checker.check_loaded(loaded)
    except InputError as exc:
        return ("rejected", read, exc.line())
    return ("checked", read, result.findings)


def _both_paths(paths: list[Path], checker, monkeypatch) -> tuple[list, list]:
    monkeypatch.delenv(EXACT_READ_ENV, raising=False)
    fast = [_outcome(p, checker) for p in paths]
    monkeypatch.setenv(EXACT_READ_ENV, "1")
    exact = [_outcome(p, checker) for p in paths]
    return fast, exact


def _first_difference(paths: list[Path], fast: list, exact: list) -> Optional[str]:
    for path, a, b in zip(paths, fast, exact):
        if a != b:
            return f"{path.name}:\n  fast:  {str(a)[:800]}\n  exact: {str(b)[:800]}"
    return None


def test_the_corpus_reads_and_checks_the_same_on_both_paths(corpus, checker, monkeypatch):
    fast, exact = _both_paths(corpus, checker, monkeypatch)
    assert _first_difference(corpus, fast, exact) is None
    kinds = {kind for kind, *_ in exact}
    assert {"unreadable", "checked"} <= kinds  # the corpus has corrupt files and good ones


def test_hostile_variants_read_and_check_the_same_on_both_paths(hostile, checker, monkeypatch):
    fast, exact = _both_paths(hostile, checker, monkeypatch)
    assert _first_difference(hostile, fast, exact) is None
    assert sum(kind == "unreadable" for kind, *_ in exact) > len(hostile) // 4


def test_the_fast_path_reads_most_of_the_corpus_itself(corpus):
    texts = []
    for path in corpus:
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            continue
    settled = [text for text in texts if read_json_fast(text) is not None]
    assert len(settled) > 0.6 * len(corpus)


@pytest.mark.parametrize("name", sorted(DOUBTS))
def test_a_doubtful_file_goes_to_the_exact_path(bases, name):
    for text in bases:
        assert read_json_fast(MUTATIONS[name](text)) is None


@pytest.mark.parametrize("name", sorted(set(MUTATIONS) - DOUBTS))
def test_a_harmless_variant_stays_on_the_fast_path(bases, name):
    """Escapes, layout, a surrogate pair, small numbers: nothing for the exact path to say."""
    settled = [read_json_fast(MUTATIONS[name](text)) for text in bases]
    assert any(result is not None for result in settled)


def test_a_filled_in_template_naming_its_schema_stays_on_the_fast_path(bases, checker, monkeypatch):
    """Every template names its schema ($schema): a clerk's report keeps it, and is as fast; a
    $schema that is not text is a finding, which the exact path gives."""
    for text in bases:
        named = json.dumps({"$schema": "file:///opt/plancheck/report.schema.json", **json.loads(text)},
                           ensure_ascii=False)
        assert read_json_fast(named) is not None
        assert read_json_fast(json.dumps({"$schema": 7, **json.loads(text)}, ensure_ascii=False)) is None


def _pointers(value: Any, pointer: str = "") -> list[str]:
    """Every container's and value's pointer, and pointers to what is not there."""
    out = [pointer, f"{pointer}/absent", f"{pointer}/999", f"{pointer}/~0~1", f"{pointer}/01"]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _pointers(item, f"{pointer}/{escape_token(key)}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _pointers(item, f"{pointer}/{i}")
    return out


def test_every_pointer_is_located_the_same_by_both_locators(corpus, bases):
    texts = list(bases)
    for path in corpus[::10]:
        try:
            texts.append(path.read_bytes().decode("utf-8"))
            json.loads(texts[-1])
        except ValueError:
            texts.pop()
    texts += [MUTATIONS["ascii_only"](bases[0]), MUTATIONS["compact"](bases[0]),
              '{"a": {"b~/c": [1, "x", {"d": null}], "b": "\\" ]}"}, "a": 2}', '  [ 1 , [ ] , { } ]  ', "7"]
    shuffle = random.Random(SEED).shuffle
    for text in texts:
        exact = JsonPositions(text)
        pointers = _pointers(json.loads(text))
        expected = {pointer: exact.value_offset(pointer) for pointer in pointers}
        # the fast locator reads containers only as far as asked: ask in document order, in
        # reverse (the far end first) and at random
        at_random = pointers[:]
        shuffle(at_random)
        for order in (pointers, pointers[::-1], at_random):
            fast = FastJsonPositions(text)
            for pointer in order:
                found = expected[pointer]
                assert fast.value_offset(pointer) == found, pointer
                assert fast.line_col(found[1]) == exact.line_col(found[1]), pointer


def test_line_and_column_of_every_offset_are_the_same():
    text = '\n{"a":\n  [1,\r\n 2],\n\n"b": "中文"}\n'
    exact = JsonPositions(text)
    offsets = list(range(len(text) + 2))
    at_random = offsets[:]
    random.Random(SEED).shuffle(at_random)
    # the fast locator counts lines from the nearest offset it has counted before: any order
    for order in (offsets, offsets[::-1], at_random, [5, 5, 0, 9, 9, 3]):
        fast = FastJsonPositions(text)
        assert [fast.line_col(i) for i in order] == [exact.line_col(i) for i in order], order


def test_the_report_models_bound_what_a_valid_report_can_be():
    """What lets validation stand for the exact path's depth and width checks: a document the
    models accept is far shallower and narrower than the limits."""
    depth, widest = model_shape(Report)
    assert depth < MAX_DEPTH and widest < MAX_MEMBERS


def test_a_model_open_to_any_shape_voids_the_bound():
    class Open(BaseModel):
        model_config = {"extra": "forbid"}
        anything: dict

    class Lax(BaseModel):
        name: str

    with pytest.raises(TypeError, match="Open.anything"):
        model_shape(Open)
    with pytest.raises(TypeError, match="unknown fields"):
        model_shape(Lax)


def test_the_cli_prints_the_same_on_both_paths(hostile, tmp_path):
    chosen = [str(p) for p in hostile if p.stem.split("-", 1)[1] in (
        "duplicate_key_escaped", "invalid_date", "cjk_escaped", "long_integer", "deep_100", "utf16_bom")][:6]
    fast = cli("check", *chosen)
    exact = cli("check", *chosen, env={EXACT_READ_ENV: "1"})
    assert (fast.returncode, fast.stdout, fast.stderr) == (exact.returncode, exact.stdout, exact.stderr)
    assert fast.returncode == 2 and "Traceback" not in fast.stderr
    assert "字段“plan”重复出现" in fast.stderr
