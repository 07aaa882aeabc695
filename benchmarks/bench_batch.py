"""Batch benchmark: one run on one generated corpus, figures printed (targets reported, never asserted).

    python benchmarks/bench_batch.py [--reports 2000] [--seed 7] [--rss-reports 100000] [--rss-seconds 1200]

Measures: plancheck batch throughput with 1 and 2 workers (wall time of the whole run, and the
steady rate from the first to the last recorded report, i.e. without worker start-up);
check-jsonschema's throughput validating the same JSON files against schemas/report.schema.json
in one process (structure only) and the ratio; cold `plancheck check` vs cold `check-jsonschema`
on one file; peak RSS; RSS after 1,000 and 100,000 evaluated reports in one process (a batch
worker's loop over the corpus files, again and again; stops at --rss-seconds and says how far it
got).
check-jsonschema is installed into its own virtualenv (~/.cache/plancheck/cjs-venv, or
$PLANCHECK_BENCH_VENV), never into the project's environment.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import generate  # noqa: E402
from engine.batch.run import BatchOptions, run_batch  # noqa: E402
from engine.batch.store import Store  # noqa: E402

VENV = Path(os.environ.get("PLANCHECK_BENCH_VENV", Path.home() / ".cache" / "plancheck" / "cjs-venv"))
SCHEMA = REPO / "schemas" / "report.schema.json"
TARGETS = {"ratio": 5.0, "two_workers": 1500.0, "rss_growth_mb": 10.0}


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def check_jsonschema() -> Path:
    exe = VENV / "bin" / "check-jsonschema"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "check-jsonschema"], check=True)
    return exe


def bench_batch(files: list[Path], corpus: Path, workers: int, tmp: Path) -> dict:
    db = tmp / f"bench-{workers}.sqlite"
    stamps: list[float] = []
    store = Store(db)
    start = time.perf_counter()
    outcome = run_batch(BatchOptions([str(corpus)], db, workers, 60.0), store,
                        lambda done, total: stamps.append(time.perf_counter()))
    end = time.perf_counter()
    wall = end - start
    store.close()
    steady = (len(stamps) - 2) / (stamps[-1] - stamps[1]) if len(stamps) > 3 else float("nan")
    # before the first report: catalog, discovery, worker start-up; after the last: reconciliation
    return {"reports": outcome.discovered, "wall_s": wall, "overall_per_s": outcome.discovered / wall,
            "steady_per_s": steady, "startup_s": stamps[1] - start if len(stamps) > 1 else float("nan"),
            "after_last_s": end - stamps[-1] if stamps else float("nan")}


def bench_cjs(exe: Path, files: list[Path]) -> dict:
    # check-jsonschema stops the whole run with a traceback at the first file that is not UTF-8
    # (a corrupt file of the corpus), so it is given only the files it can read; those are the
    # files a user would validate, and dropping the ~1% corrupt ones does not flatter plancheck.
    readable = [f for f in files if _parses(f)]
    start = time.perf_counter()
    proc = subprocess.run([str(exe), "--schemafile", str(SCHEMA), *map(str, readable)],
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    if "Traceback" in proc.stdout + proc.stderr:
        raise SystemExit("check-jsonschema crashed on the corpus: its figure would be meaningless\n"
                         + (proc.stdout + proc.stderr)[-2000:])
    cold = cold_time([str(exe), "--schemafile", str(SCHEMA), str(readable[0])])
    # one process over all files includes one start-up: remove it for the per-file rate
    return {"files": len(readable), "wall_s": wall, "per_s": len(readable) / wall,
            "per_s_without_startup": len(readable) / max(wall - cold, 1e-9), "exit": proc.returncode}


def _parses(path: Path) -> bool:
    try:
        json.loads(path.read_bytes().decode("utf-8"))
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return False
    return True


def cold_time(cmd: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def rss_loop(files: list[Path], limit: int, seconds: float) -> dict:
    """One batch worker's own loop (read, validate, check, findings: ReportWorker.check) over the
    corpus again and again, as a worker of a nightly run does over 85,000 files. The corpus is not
    held in memory: an earlier version evaluated preloaded parsed reports (600 MB for 2,000 of
    them) and saw RSS creep by ~0.2 KB per report, which held 200 reports did not show and the
    worker's own loop does not show either: it measured the held heap, not a worker."""
    from engine.batch.worker import ReportWorker
    from engine.io.read import DEFAULT_MAX_BYTES

    worker = ReportWorker()
    paths = [str(f) for f in files]
    marks, n, start = {}, 0, time.perf_counter()
    base = rss_mb()
    checkpoints = {1_000, 10_000, 25_000, 50_000, limit}
    while n < limit and time.perf_counter() - start < seconds:
        worker.check(paths[n % len(paths)], DEFAULT_MAX_BYTES)
        n += 1
        if n in checkpoints:
            marks[n] = rss_mb()
    marks.setdefault(n, rss_mb())
    return {"rss_start_mb": base, "marks": marks, "evaluated": n, "seconds": time.perf_counter() - start}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rss-reports", type=int, default=100_000)
    parser.add_argument("--rss-seconds", type=float, default=1200.0)
    parser.add_argument("--skip", nargs="*", default=[], choices=["batch", "cjs", "cold", "rss"])
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="plancheck-bench-"))
    try:
        corpus = tmp / "corpus"
        files = generate(corpus, args.reports, args.seed)
        print(f"corpus: {len(files)} reports, seed {args.seed}, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB")
        results: dict = {}
        if "batch" not in args.skip:
            for workers in (1, 2):
                r = results[f"batch_{workers}"] = bench_batch(files, corpus, workers, tmp)
                print(f"plancheck batch, {workers} worker(s): {r['overall_per_s']:.0f} reports/s overall "
                      f"({r['wall_s']:.1f} s wall), {r['steady_per_s']:.0f} reports/s steady; "
                      f"{r['startup_s']:.1f} s to the first report, {r['after_last_s']:.1f} s after the last "
                      f"(cross-report reconciliation)")
        if "cjs" not in args.skip:
            exe = check_jsonschema()
            r = results["cjs"] = bench_cjs(exe, files)
            print(f"check-jsonschema, one process, {r['files']} readable files: {r['per_s']:.0f} reports/s ({r['wall_s']:.1f} s), "
                  f"{r['per_s_without_startup']:.0f}/s without its start-up")
            if "batch_1" in results:
                ratio = results["batch_1"]["steady_per_s"] / r["per_s_without_startup"]
                print(f"ratio plancheck (1 worker, steady) / check-jsonschema: {ratio:.2f}x (target >= {TARGETS['ratio']:.0f}x)")
        if "cold" not in args.skip:
            one = str(files[1])
            pc = cold_time([sys.executable, str(REPO / "cli.py"), "check", one])
            cj = cold_time([str(check_jsonschema()), "--schemafile", str(SCHEMA), one])
            print(f"cold start, one file: plancheck check {pc:.2f} s, check-jsonschema {cj:.2f} s (best of 3)")
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS: this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
              f"largest child (worker / subprocess) {children:.0f} MB")
        if "rss" not in args.skip:
            r = rss_loop(files, args.rss_reports, args.rss_seconds)
            marks = ", ".join(f"{n:,}: {mb:.1f} MB" for n, mb in sorted(r["marks"].items()))
            print(f"RSS in one process (start {r['rss_start_mb']:.1f} MB): {marks}; "
                  f"{r['evaluated']:,} reports evaluated in {r['seconds']:.0f} s")
            if 1_000 in r["marks"]:
                growth = r["marks"][max(r["marks"])] - r["marks"][1_000]
                print(f"RSS growth after the first 1,000 reports: {growth:.1f} MB (target <= {TARGETS['rss_growth_mb']:.0f} MB over 100,000)")
        print(json.dumps(results, indent=1, default=str), file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
