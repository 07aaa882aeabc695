"""What a cold `plancheck check` keeps on disk besides the catalog (engine.disk_cache), and what it
no longer imports: nothing about a verdict may depend on either. A changed source is seen at once,
a corrupt cache is ignored without a word, a source that does not load is never cached."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from batch_helpers import REPO

from engine.plans import name_table
from engine.plans.name_table import TABLE_PATH, bundled_name_table, load_name_table
from engine.rules.yaml_source import RuleLoadError


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def rules(tmp_path) -> Path:
    root = tmp_path / "rules"
    (root / TABLE_PATH).parent.mkdir(parents=True)
    shutil.copy(REPO / "rules" / TABLE_PATH, root / TABLE_PATH)
    return root


@pytest.fixture(autouse=True)
def _fresh_process():
    """Each call below stands for a new process: the in-process memo is dropped."""
    bundled_name_table.cache_clear()
    yield
    bundled_name_table.cache_clear()


def _table_entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("names-*.pickle"))


def test_the_name_table_comes_back_from_the_cache_as_loaded(cache, rules, monkeypatch):
    first = bundled_name_table(rules)
    assert len(_table_entries(cache)) == 1
    bundled_name_table.cache_clear()
    monkeypatch.setattr(name_table, "load_name_table", lambda path: pytest.fail("table loaded again"))
    again = bundled_name_table(rules)
    assert again == first and again is not first
    assert again == load_name_table(rules / TABLE_PATH)


def test_a_changed_name_table_is_seen_at_once(cache, rules):
    before = bundled_name_table(rules)
    path = rules / TABLE_PATH
    path.write_text(path.read_text(encoding="utf-8").replace("in_force_since:", "in_force_since: 1999 #", 1),
                    encoding="utf-8")
    bundled_name_table.cache_clear()
    after = bundled_name_table(rules)
    assert before.divisions.in_force_since != 1999 and after.divisions.in_force_since == 1999
    assert len(_table_entries(cache)) == 1  # the entry of this path is replaced, not added to


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_corrupt_name_table_cache_is_ignored_without_a_word(cache, rules, content):
    first = bundled_name_table(rules)
    for entry in _table_entries(cache):
        entry.write_bytes(content)
    bundled_name_table.cache_clear()
    assert bundled_name_table(rules) == first


def test_a_name_table_that_does_not_load_is_never_cached(cache, rules):
    path = rules / TABLE_PATH
    path.write_text("kinds: [\n", encoding="utf-8")
    for _ in range(2):
        bundled_name_table.cache_clear()
        with pytest.raises(RuleLoadError, match="invalid YAML"):
            bundled_name_table(rules)
    assert not _table_entries(cache)


def test_a_missing_name_table_is_still_reported(cache, tmp_path):
    with pytest.raises(RuleLoadError, match="cannot read"):
        bundled_name_table(tmp_path / "nowhere")


def test_the_credit_code_check_character_is_python_stdnums():
    """credit_code computes the check character itself (importing stdnum.cn.uscc costs a cold
    start ~10 ms); it must agree with python-stdnum's on every body."""
    import random

    from stdnum.cn import uscc

    from engine.credit_code import _ALPHABET, check_character, is_valid, with_check_digit

    rng = random.Random(16)
    bodies = ["".join(rng.choice(_ALPHABET) for _ in range(17)) for _ in range(5000)]
    bodies += ["0" * 17, "Y" * 17, "91110108MA01A2B3C"]
    for body in bodies:
        assert check_character(body) == uscc.calc_check_digit(body), body
    for body in bodies[:300]:
        code = with_check_digit(body[:2] + f"{rng.randrange(10**6):06d}" + body[8:])
        assert is_valid(code), code
        assert not any(is_valid(code[:17] + ch) for ch in _ALPHABET if ch != code[17])


def test_a_cold_check_imports_neither_yaml_nor_stdnum_once_the_caches_are_warm(tmp_path):
    """With the catalog and the name table cached, a check of one JSON report needs no YAML parser,
    and python-stdnum only for its version and division list, read without importing it."""
    import json
    import os
    import subprocess
    import sys

    report = REPO / "samples" / "heilongjiang-2023" / "copyright-2024-audit-missing.json"
    probe = ("import sys, runpy; sys.argv = ['cli.py', 'check', sys.argv[1]]\n"
             "try:\n    runpy.run_path('cli.py', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "import json; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'stdnum'))),"
             " file=sys.stderr)")
    env = dict(os.environ, PLANCHECK_CACHE_DIR=str(tmp_path / "cache"))
    for _ in range(2):  # the first run fills the caches
        run = subprocess.run([sys.executable, "-c", probe, str(report)], cwd=REPO, env=env, capture_output=True,
                             text=True, check=True)
    assert json.loads(run.stderr.strip().splitlines()[-1]) == []


def test_the_place_index_is_cached_per_settings_and_a_corrupt_entry_is_rebuilt(cache):
    from engine.plans import divisions

    settings = bundled_name_table().divisions
    older = settings.model_copy(update={"in_force_since": 1990})
    divisions.place_index.cache_clear()
    built = {s.in_force_since: divisions.place_index(s) for s in (settings, older)}
    assert len(list(cache.glob("places-*.pickle"))) == 2  # one entry per settings
    assert built[1990].full != built[settings.in_force_since].full  # names that ended since 1990
    for entry in cache.glob("places-*.pickle"):
        entry.write_bytes(b"\x80\x05K\x01.")
    divisions.place_index.cache_clear()
    again = divisions.place_index(settings)
    divisions.place_index.cache_clear()
    assert again.full == built[settings.in_force_since].full


def test_the_years_the_holiday_calendar_covers_are_those_it_answers_for():
    """workdays.covered_years reads chinese-calendar's range from its table instead of asking it
    about every year (a cold-start cost): the two must agree."""
    from engine import workdays

    asked = frozenset(y for y in range(workdays._FIRST_YEAR, workdays._LAST_YEAR + 1) if workdays._calendar_knows(y))
    assert workdays.covered_years() == asked and asked
