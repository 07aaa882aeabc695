"""The batch-benchmark corpus (benchmarks/corpus.py) on a small corpus: the same seed gives the
same bytes, every plan is there, each report is another department or period, reports are of a
realistic size, about 1% of the files are corrupt and nothing else is rejected, and the
cross-report reconciliation finds a few deliberate inconsistencies without cross-products.

Guarantee tested: every (plan, department, period) is distinct while the corpus is smaller than
the number of such combinations (thousands with the bundled rules; 120 reports here)."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from batch_helpers import REPO, batch_json, cli

from engine.departments import department_identity
from engine.facts import report_facts
from engine.io.read import read_report
from engine.io.source import InputError

sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import generate  # noqa: E402

REPORTS = 120
SEED = 7


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[Path]]:
    root = tmp_path_factory.mktemp("corpus")
    return root, generate(root, REPORTS, SEED)


@pytest.fixture(scope="module")
def readings(corpus, checker) -> dict[str, list]:
    """Each file read as `plancheck` reads it: unreadable, rejected after reading, or accepted."""
    out: dict[str, list] = {"unreadable": [], "rejected": [], "accepted": []}
    for path in corpus[1]:
        try:
            loaded = read_report(path)
        except InputError:
            out["unreadable"].append(path)
            continue
        try:
            checker.prepare(loaded)  # known plan, department resolved against it
        except InputError as exc:
            out["rejected"].append(exc.line())
            continue
        out["accepted"].append(loaded)
    return out


def _contents(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.json"))}


def test_same_seed_gives_the_same_files_byte_for_byte(corpus, tmp_path):
    root, files = corpus
    assert len(files) == REPORTS
    again = generate(tmp_path / "again", REPORTS, SEED)
    assert [p.relative_to(tmp_path / "again") for p in again] == [p.relative_to(root) for p in files]
    assert _contents(tmp_path / "again") == _contents(root)


def test_another_seed_gives_another_corpus(corpus, tmp_path):
    other = _contents(Path(generate(tmp_path / "other", REPORTS, SEED + 1)[0]).parents[2])
    assert other != _contents(corpus[0])


def test_every_plan_is_covered(readings, checker):
    plans = Counter(loaded.report.plan for loaded in readings["accepted"])
    assert set(plans) == set(checker.catalog.plans)


def test_each_report_is_another_department_or_period(readings, checker):
    keys = [(r.plan, department_identity(checker.catalog.plans[r.plan], r.department.name), r.period.start, r.period.end)
            for r in (loaded.report for loaded in readings["accepted"])]
    repeated = [key for key, n in Counter(keys).items() if n > 1]
    assert repeated == []
    # many departments, not a few relabelled many times over
    assert len({key[:2] for key in keys}) >= 0.9 * len(keys)


def test_reports_have_50_to_300_facts(readings, checker):
    sizes = [len(list(report_facts(loaded.report, checker.prepare(loaded).department)))
             for loaded in readings["accepted"]]
    assert min(sizes) >= 50 and max(sizes) <= 300


def test_about_one_percent_is_corrupt_and_nothing_else_is_rejected(readings):
    assert 1 <= len(readings["unreadable"]) <= max(2, 0.03 * REPORTS)
    assert readings["rejected"] == []
    assert len(readings["accepted"]) + len(readings["unreadable"]) == REPORTS


def test_reconciliation_finds_some_inconsistencies_without_cross_products(corpus, readings, tmp_path):
    root, _ = corpus
    db = tmp_path / "runs.sqlite"
    code, summary = batch_json(str(root), "--db", str(db), "--workers", "2")
    assert code == 2  # the corrupt files; every other report was checked
    assert summary["unreadable"] == len(readings["unreadable"])
    assert summary["checked"] == len(readings["accepted"])
    rows = cli("runs", "show", str(summary["run"]), "--db", str(db), "--format", "jsonl").stdout.splitlines()
    recon = [r for r in map(json.loads, rows) if r["rule_id"].startswith("RECON-")]
    per_report = Counter(r["path"] for r in recon)
    assert recon, "no deliberate inconsistency reached reconciliation"
    assert len(per_report) <= 0.1 * summary["checked"]
    assert max(per_report.values()) <= 5  # a broken link, not one report against many
