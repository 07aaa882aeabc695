"""Where one report's check time goes, phase by phase, on the benchmark corpus. Prints figures.

    python benchmarks/phases.py [--reports 300] [--seed 7]

Phases, each timed over every JSON report of the corpus in one process (one core):
read+validate (bytes to a pydantic Report, with the JSON source map), facts (Report to rule
facts), evaluation (durable_rules over the facts), findings (matches to located, rendered
findings) and the batch worker's whole per-report path (content hash, all of the above, and the
rows it sends to the SQLite writer). The batch benchmark (bench_batch.py) says how fast;
this says why.
"""
from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import generate  # noqa: E402
from engine.batch.worker import ReportWorker  # noqa: E402
from engine.io.read import DEFAULT_MAX_BYTES, read_report  # noqa: E402
from engine.io.source import InputError  # noqa: E402


def _timed(label: str, count: int, action) -> list:
    start = time.perf_counter()
    out = action()
    per = (time.perf_counter() - start) / max(count, 1) * 1e3
    print(f"  {label:<22} {per:6.2f} ms/report")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plancheck-phases-") as tmp:
        files = [p for p in generate(Path(tmp), args.reports, args.seed) if p.suffix == ".json"]
        worker = ReportWorker()
        checker = worker.checker

        def read_all() -> list:
            loaded = []
            for path in files:
                try:
                    item = read_report(path)
                    checker.prepare(item)  # accepted: known plan, department resolved
                    loaded.append(item)
                except InputError:
                    pass
            return loaded

        for path in files[:20]:  # warm: per-plan rulesets are built on a plan's first report
            worker.check(str(path), DEFAULT_MAX_BYTES)
        # as a batch worker does once its ruleset is built (engine.batch.worker.serve): the
        # modules, catalog and rulesets stay out of every garbage collection pass
        gc.freeze()
        print(f"{len(files)} JSON reports (corrupt ones fail in reading and are not counted after it)")
        loaded = _timed("read+validate", len(files), read_all)
        prepared = _timed("facts", len(loaded), lambda: [checker.prepare(item) for item in loaded])
        print(f"  ({sum(len(p.facts) for p in prepared) / max(len(prepared), 1):.0f} facts per report)")
        _timed("evaluation", len(loaded), lambda: [checker.matches(p.facts) for p in prepared])
        results = _timed("evaluation+findings", len(loaded),
                         lambda: [checker.check_prepared(p) for p in prepared])
        print(f"  ({sum(len(r.findings) for r in results) / max(len(results), 1):.1f} findings per report)")
        _timed("whole worker path", len(files), lambda: [worker.check(str(p), DEFAULT_MAX_BYTES) for p in files])


if __name__ == "__main__":
    main()
