"""Evaluation speed on the bundled samples, one process, one core. Prints its figures.

    python benchmarks/eval_speed.py [--seconds 5]

Measures: reports/s for the full check of an already-read report (facts, durable_rules,
findings), the same with the reference evaluator for comparison, reading+validation alone,
and RSS before/after, so a memory leak per report shows as growth.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from engine.checker import Checker  # noqa: E402
from engine.io.read import read_report  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rate(action, seconds: float) -> tuple[float, int]:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        action()
        count += 1
    return count / (time.perf_counter() - start), count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    samples = sorted((REPO / "samples").glob("*/*.json"))
    loaded = [read_report(p) for p in samples]
    facts = sum(len(Checker.default().facts(x)) for x in loaded) / len(loaded)
    print(f"samples: {len(loaded)} JSON reports, {facts:.0f} facts each on average")
    for name in ("durable", "reference"):
        checker = Checker.default(evaluator=name)
        i = iter(range(10**12))
        rate, n = _rate(lambda: checker.check_loaded(loaded[next(i) % len(loaded)]), args.seconds)
        print(f"check ({name:9}): {rate:8.1f} reports/s  ({n} reports)")
    rate, n = _rate(lambda: [read_report(p) for p in samples], args.seconds)
    print(f"read+validate    : {rate * len(samples):8.1f} reports/s")
    checker = Checker.default()
    before = _rss_mb()
    for k in range(5000):
        checker.check_loaded(loaded[k % len(loaded)])
    print(f"RSS: {before:.1f} MB before, {_rss_mb():.1f} MB after 5000 more checks")


if __name__ == "__main__":
    main()
