"""The compiled-catalog cache: a cold `plancheck check` unpickles the catalog instead of loading
every rule file, and nothing about a verdict may depend on it: a changed rule is seen at once, a
corrupt or unwritable cache is ignored without a word, bad rules are never cached."""
from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from batch_helpers import REPO, cli

from engine.disk_cache import code_stamps
from engine.rules import catalog_cache
from engine.rules.catalog import load_catalog
from engine.rules.catalog_cache import cache_key, cached_catalog
from engine.rules.yaml_source import RuleLoadError

GAPS = REPO / "samples" / "heilongjiang-2023" / "ip-office-2024-gaps.json"
TRAINING_RULE = Path("heilongjiang-2023") / "HLJ-67-TRAINING-TARGET.yaml"
TRAINING_MESSAGE = "全省知识产权培训4200人次，少于推进计划第67项"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def rules(tmp_path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(REPO / "rules", root)
    return root


def _check(cache: Path, *args: str):
    return cli("check", *args, env={"PLANCHECK_CACHE_DIR": str(cache)})


def _cache_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("catalog-*.pickle"))


def test_the_second_load_comes_from_the_cache_and_is_the_same_catalog(cache, rules, monkeypatch):
    first = cached_catalog(rules)
    assert len(_cache_files(cache)) == 1
    monkeypatch.setattr(catalog_cache, "load_packs", lambda packs: pytest.fail("rules loaded again"))
    second = cached_catalog(rules)
    assert second == first and second is not first
    assert second.rules.keys() == load_catalog(rules).rules.keys()


def test_check_prints_the_same_with_a_cold_and_a_warm_cache(cache):
    samples = sorted(str(p) for p in (REPO / "samples" / "heilongjiang-2023").glob("*.json"))
    cold = _check(cache, "--format", "json", *samples)
    assert _cache_files(cache)
    warm = _check(cache, "--format", "json", *samples)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert cold.returncode == 1 and TRAINING_MESSAGE in cold.stdout


def test_a_changed_rule_is_seen_at_once(cache, rules):
    assert TRAINING_MESSAGE in _check(cache, "--rules", str(rules), str(GAPS)).stdout
    path = rules / TRAINING_RULE
    path.write_text(path.read_text(encoding="utf-8").replace("少于推进计划", "未达到推进计划"), encoding="utf-8")
    again = _check(cache, "--rules", str(rules), str(GAPS))
    assert "全省知识产权培训4200人次，未达到推进计划第67项" in again.stdout
    assert TRAINING_MESSAGE not in again.stdout


def test_a_rules_version_is_cached_per_rules_directory(cache, rules):
    assert cache_key(rules) != cache_key(REPO / "rules")
    cached_catalog(rules)
    cached_catalog(REPO / "rules")
    assert len(_cache_files(cache)) == 2
    assert cached_catalog(rules).root == rules


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(("some other key", "一个目录")),
                                     pickle.dumps(("key", None))[:-3]])
def test_a_corrupt_or_foreign_cache_file_is_ignored_without_a_word(cache, content):
    expected = _check(cache, str(GAPS))
    for path in _cache_files(cache):
        path.write_bytes(content)
    again = _check(cache, str(GAPS))
    assert (again.returncode, again.stdout, again.stderr) == (expected.returncode, expected.stdout, expected.stderr)
    assert again.returncode == 1 and TRAINING_MESSAGE in again.stdout


def test_a_cache_holding_another_type_under_the_right_key_is_ignored(cache, rules):
    cached_catalog(rules)
    (path,) = _cache_files(cache)
    path.write_bytes(pickle.dumps((f"{cache_key(rules)}\ncode {code_stamps()}", {"rules": "伪造"})))
    assert cached_catalog(rules).rules.keys() == load_catalog(rules).rules.keys()


def test_an_unwritable_cache_is_ignored_without_a_word(tmp_path):
    blocked = tmp_path / "a-file-not-a-directory"
    blocked.write_text("占位", encoding="utf-8")
    proc = cli("check", str(GAPS), env={"PLANCHECK_CACHE_DIR": str(blocked / "cache")})
    assert proc.returncode == 1 and proc.stderr == "" and TRAINING_MESSAGE in proc.stdout


def test_rules_that_do_not_load_are_never_cached(cache, rules):
    path = rules / TRAINING_RULE
    path.write_text(path.read_text(encoding="utf-8").replace("message:", "mesage:", 1), encoding="utf-8")
    for _ in range(2):
        proc = _check(cache, "--rules", str(rules), str(GAPS))
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert proc.stderr.startswith(f"plancheck: error: {path}:")
    assert _cache_files(cache) == []
    with pytest.raises(RuleLoadError):
        cached_catalog(rules)


def test_a_missing_rules_directory_is_still_reported(cache, tmp_path):
    proc = _check(cache, "--rules", str(tmp_path / "没有规则"), str(GAPS))
    assert proc.returncode == 2
    assert proc.stderr == f"plancheck: error: {tmp_path / '没有规则'}:1: rules directory not found\n"


def test_the_same_rules_spelt_another_way_keep_their_own_spelling(cache, rules, monkeypatch):
    """Rule paths in messages are spelt as the rules directory was given."""
    monkeypatch.chdir(rules.parent)
    relative = cached_catalog(Path("rules"))
    absolute = cached_catalog(rules)
    assert str(relative.rules["HLJ-67-TRAINING-TARGET"].path) == str(Path("rules") / TRAINING_RULE)
    assert absolute.rules["HLJ-67-TRAINING-TARGET"].path == rules / TRAINING_RULE
    assert len(_cache_files(cache)) == 2


def test_the_place_index_comes_back_from_the_cache_as_built(cache):
    from engine.plans import divisions
    from engine.plans.names import bundled_name_table

    settings = bundled_name_table().divisions
    built = divisions.PlaceIndex(divisions.read_division_list(), settings)
    divisions.place_index.cache_clear()
    first = divisions.place_index(settings)  # built and stored
    divisions.place_index.cache_clear()
    again = divisions.place_index(settings)  # read back
    divisions.place_index.cache_clear()
    assert again is not first
    for index in (first, again):
        assert (index.full, index.short_upper, index.short_county) == (built.full, built.short_upper, built.short_county)
        assert index.level_of_code("230184") == built.level_of_code("230184")
    assert len(list(cache.glob("places-*.pickle"))) == 1
