"""A seeded, reproducible corpus of realistic reports for the batch benchmark.

    python benchmarks/corpus.py OUT_DIR [--reports 2000] [--seed 7]

A real nightly run checks every department of every county for a period, so the corpus is built
the same way, region by region. For every plan under rules/ it enumerates real units: the plan's
own unit table where it has one (Tianjin, Chengdu, Ruichang), else the real cities, districts and
counties of the plan's area with the departments every one of them has (Heilongjiang: the province,
13 prefectures and 121 county-level divisions; Shanghai: the 16 districts). A *region bundle* is
the departments of one region for one period, generated together so that their cross-references
agree: every referral an enforcement department transferred appears among the received referrals
of the same region's public-security report, and every credit-list publication made by another
department of the region appears in that department's report with `decided_by`. A few per cent of
these links are then broken on purpose, so reconciliation has findings but no cross-products.

Each report starts from a sample of the plan (samples/<plan>/*.json) whose department has the
unit's kind (so kind-dependent rules still apply), moved to the unit and to the period (dates and
years shifted, mid-year periods clipped) and given the tasks the unit answers for; a unit of a kind
no sample has gets a report written from the plan's clauses (as `plancheck template` would list
them, filled in). Content is cloned under new ids until the report has 50-300 facts. The samples
include broken reports and a quarter of the reports gets a defect injected, so a share of the
corpus is non-compliant; about 1% of the files are corrupt (truncated, wrong encoding, not a
report). Periods: the plan's years (the latest first), then half-years; every (plan, department,
period) is distinct until they are exhausted (the printed capacity), after which departments
resubmit. Same seed, same files, byte for byte.

This module writes the files; the units and periods are in corpus_units, one report's content in
corpus_content, its growing in corpus_grow, the region bundles and their links in corpus_links.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script, the sibling modules would not find the engine

from corpus_content import corrupted  # noqa: E402
from corpus_grow import fact_count  # noqa: E402
from corpus_links import Mismatches, region_bundle  # noqa: E402
from corpus_units import bundle_schedule, plan_setups  # noqa: E402

CORRUPT_SHARE = 0.01
REFERRAL_MISMATCH_SHARE = 0.04
CREDIT_MISMATCH_SHARE = 0.05


@dataclass(frozen=True)
class Written:
    path: Path
    plan: str
    department: str
    period: str
    facts: int
    corrupt: bool


@dataclass
class Corpus:
    files: list[Written]
    capacity: int
    broken_links: int


def build(out: Path, reports: int, seed: int) -> Corpus:
    rng = random.Random(seed)
    cache: dict = {}
    setups = plan_setups(REPO, rng, cache)
    corrupt = set(rng.sample(range(reports), min(reports, max(1 if reports >= 50 else 0, round(reports * CORRUPT_SHARE)))))
    links = {"referral": Mismatches(REFERRAL_MISMATCH_SHARE, ("omit", "typo"), rng),
             "credit": Mismatches(CREDIT_MISMATCH_SHARE, ("omit", "typo"), rng)}
    out.mkdir(parents=True, exist_ok=True)
    written: list[Written] = []
    schedule = bundle_schedule(setups, rng)
    while len(written) < reports:
        setup, region, period = next(schedule)
        # Each bundle draws from its own generator, so a department that resubmits (after every
        # combination is used) sends the same report again rather than a contradicting one.
        own = random.Random(f"{seed}/{setup.plan.id}/{region.label}/{period.label}")
        for unit, report in region_bundle(setup, region, period, own, links, cache)[: reports - len(written)]:
            i = len(written)
            data = json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8")
            if i in corrupt:
                data = corrupted(data, rng)
            path = out / setup.plan.id / unit.kind / f"report-{i:06d}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(Written(path, setup.plan.id, unit.name, period.label, fact_count(report), i in corrupt))
    return Corpus(written, sum(s.capacity for s in setups), sum(m.broken for m in links.values()))


def generate(out: Path, reports: int, seed: int) -> list[Path]:
    return [w.path for w in build(out, reports, seed).files]


def summary(corpus: Corpus) -> str:
    files = corpus.files
    plans = Counter(w.plan for w in files)
    combos = Counter((w.plan, w.department, w.period) for w in files)
    facts = [w.facts for w in files]
    return "\n".join([
        f"{len(files)} reports; plans: " + ", ".join(f"{p} {n}" for p, n in sorted(plans.items())),
        f"{len({(w.plan, w.department) for w in files})} distinct departments; {len(combos)} distinct "
        f"(plan, department, period) of {corpus.capacity} possible before departments resubmit",
        f"{sum(w.corrupt for w in files)} corrupt files; {corpus.broken_links} cross-report links broken on purpose",
        f"facts per report: min {min(facts)}, median {statistics.median(facts):g}, max {max(facts)}",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    corpus = build(args.out, args.reports, args.seed)
    print(f"{len(corpus.files)} reports under {args.out} in {time.perf_counter() - started:.1f} s (seed {args.seed})")
    print(summary(corpus))


if __name__ == "__main__":
    main()
