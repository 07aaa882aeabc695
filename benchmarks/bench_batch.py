"""Batch benchmark: one run on one generated corpus, figures printed (targets reported, never asserted).

    python benchmarks/bench_batch.py [--reports 2000] [--seed 7] [--cold-runs 10]
        [--nightly-reports 20000] [--rss-reports 100000] [--rss-seconds 1200] [--skip ...]

Measures, side by side in one run: plancheck batch throughput with 1 and 2 workers (wall time of
the whole run, and the steady rate from the first to the last recorded report, i.e. without
worker start-up); check-jsonschema's throughput validating the same JSON files against
schemas/report.schema.json in one process (structure only); cold `plancheck check` vs cold
`check-jsonschema` on one file (--cold-runs runs each, one after the other, median and best;
plancheck installed with pip into a virtualenv of its own, as check-jsonschema is in its own,
or with --cold-from-checkout run as `python cli.py` in this interpreter);
the targets of issue 16 as ratios of those figures; peak RSS; RSS after 1,000 and 100,000
evaluated reports in one process (a batch worker's loop over the corpus files, again and again;
stops at --rss-seconds and says how far it got).

The national nightly run (--nightly-reports, 0 to leave it out): a corpus of that many reports
checked by `batch` with every core, extrapolated to NATIONAL_REPORTS (about 2,800 county-level
divisions x 30 departments); then 10% of the files are changed and the next night's run is
started (a new run of the same inputs, not a resume), which reuses the recorded result of every
report whose content hash and rules version are unchanged and checks the rest.

check-jsonschema: the one on PATH (`pip install .[bench]`), else one installed into its own
virtualenv (~/.cache/plancheck/cjs-venv, or $PLANCHECK_BENCH_VENV), never into the project's
environment by this script.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import generate  # noqa: E402
from engine.batch.run import BatchOptions, run_batch  # noqa: E402
from engine.batch.store import Store  # noqa: E402

VENV = Path(os.environ.get("PLANCHECK_BENCH_VENV", Path.home() / ".cache" / "plancheck" / "cjs-venv"))
SCHEMA = REPO / "schemas" / "report.schema.json"
# issue 16: batch (1 worker) / check-jsonschema >= 4x; 2 workers / 1 worker >= 1.7x;
# cold plancheck check / cold check-jsonschema <= 0.9x; RSS flat over 100,000 reports
TARGETS = {"ratio": 4.0, "two_workers": 1.7, "cold": 0.9, "rss_growth_mb": 10.0}
NATIONAL_REPORTS = 85_000  # about 2,800 county-level divisions x 30 departments
CHANGED_SHARE = 0.10


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def check_jsonschema() -> Path:
    on_path = shutil.which("check-jsonschema")
    if on_path:
        return Path(on_path)
    exe = VENV / "bin" / "check-jsonschema"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "check-jsonschema"], check=True)
    return exe


def bench_batch(files: list[Path], corpus: Path, workers: int, tmp: Path) -> dict:
    db = tmp / f"bench-{workers}.sqlite"
    stamps: list[tuple[float, int]] = []
    store = Store(db)
    start = time.perf_counter()
    outcome = run_batch(BatchOptions([str(corpus)], db, workers, 60.0), store,
                        lambda done, total: stamps.append((time.perf_counter(), done)))
    end = time.perf_counter()
    wall = end - start
    store.close()
    # Results are recorded (and progress called) a batch at a time: the steady rate runs from the
    # end of the first batch to the end of the last, counting the reports recorded in between.
    flushes = [stamp for i, stamp in enumerate(stamps[1:], 1)
               if i == len(stamps) - 1 or stamps[i + 1][0] - stamp[0] > 0.001]
    if len(flushes) > 1:
        (t0, d0), (t1, d1) = flushes[0], flushes[-1]
        steady = (d1 - d0) / (t1 - t0)
    else:
        steady = float("nan")
    # before the first report: catalog, discovery, worker start-up; after the last: reconciliation
    first_recorded = stamps[1][0] if len(stamps) > 1 else float("nan")
    return {"reports": outcome.discovered, "wall_s": wall, "overall_per_s": outcome.discovered / wall,
            "steady_per_s": steady, "startup_s": first_recorded - start,
            "after_last_s": end - stamps[-1][0] if stamps else float("nan")}


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
    cold = cold_time([str(exe), "--schemafile", str(SCHEMA), str(readable[0])], 3)["best_s"]
    # one process over all files includes one start-up: remove it for the per-file rate
    return {"files": len(readable), "wall_s": wall, "per_s": len(readable) / wall,
            "per_s_without_startup": len(readable) / max(wall - cold, 1e-9), "exit": proc.returncode}


def _parses(path: Path) -> bool:
    try:
        json.loads(path.read_bytes().decode("utf-8"))
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return False
    return True


def cold_time(cmd: list[str], runs: int, env: dict | None = None) -> dict:
    """`runs` cold processes one after the other (what hyperfine would do): median and best wall."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    # CPU time (user + system) beside the wall time: on a loaded machine it is the steadier figure
    return {"median_s": statistics.median(times), "best_s": min(times), "cpu_median_s": statistics.median(cpu),
            "runs": runs}


def plancheck_venv(tmp: Path) -> Path:
    """plancheck installed as a user installs it (`pip install .`, not editable) into a virtualenv
    of its own, as check-jsonschema is: the command the cold comparison runs. The interpreter a
    checkout runs under may carry an editable-install finder and site-wide .pth imports that a
    fresh virtualenv does not, and comparing those with check-jsonschema's clean one would measure
    the environment, not plancheck."""
    venv = tmp / "plancheck-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(REPO)], capture_output=True, text=True)
    if install.returncode != 0:
        sys.exit(f"bench_batch: pip install of plancheck into {venv} failed:\n{install.stderr}")
    return venv / "bin" / "plancheck"


def bench_cold(one: Path, runs: int, tmp: Path, from_checkout: bool = False) -> dict:
    """Cold `plancheck check one.json` (a new process; the compiled-catalog cache warm, as for
    every check after the first with these rules) and the very first one (caches empty, bytecode
    not yet written), against cold check-jsonschema on the same file. plancheck runs from its own
    virtualenv (plancheck_venv), or with `from_checkout` as `python cli.py` in this interpreter."""
    cache = tmp / "catalog-cache"
    # Bytecode as an installed package has it (pip compiles it; check-jsonschema's venv has it):
    # a checkout run under PYTHONDONTWRITEBYTECODE would compile every engine module from source
    # in every process, a third of the cold start, and measure the environment, not plancheck.
    env = dict(os.environ, PLANCHECK_CACHE_DIR=str(cache), PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if from_checkout:
        command = [sys.executable, str(REPO / "cli.py"), "check", str(one)]
    else:
        env.pop("PYTHONPATH", None)
        command = [str(plancheck_venv(tmp)), "check", str(one)]
    first = cold_time(command, 1, env)  # writes the catalog cache and the bytecode
    warm = cold_time(command, runs, env)
    cjs = cold_time([str(check_jsonschema()), "--schemafile", str(SCHEMA), str(one)], runs)
    return {"plancheck": warm, "plancheck_empty_cache_s": first["best_s"], "check_jsonschema": cjs}


def _timed_run(corpus: Path, db: Path, store: Store, workers: int) -> tuple[Any, float, float, float]:
    """(outcome, wall seconds, seconds of worker start-up, seconds before the first progress call).
    Start-up is the time between the first progress call (inputs found, hashed, unchanged ones
    reused) and the first result, which does not grow with the number of reports."""
    stamps: list[float] = []
    start = time.perf_counter()
    outcome = run_batch(BatchOptions([str(corpus)], db, workers, 60.0), store,
                        lambda done, total: stamps.append(time.perf_counter()))
    wall = time.perf_counter() - start
    startup = (stamps[1] - stamps[0]) if len(stamps) > 1 and outcome.checked_now else 0.0
    return outcome, wall, startup, (stamps[0] - start) if stamps else 0.0


def bench_nightly(reports: int, seed: int, tmp: Path) -> dict:
    """A nightly run over `reports` generated reports with every core, then the next night's run
    (a new run, not a resume) after CHANGED_SHARE of the files changed, which reuses the unchanged
    reports' results; both extrapolated to NATIONAL_REPORTS (worker start-up once, everything else
    in proportion to the number of reports)."""
    corpus = tmp / "nightly"
    files = generate(corpus, reports, seed + 1)
    db = tmp / "nightly.sqlite"
    store = Store(db)
    workers = os.cpu_count() or 1
    first, full, full_fixed, _ = _timed_run(corpus, db, store, workers)
    changed = files[:: round(1 / CHANGED_SHARE)]
    for path in changed:  # a changed byte is a changed report to the content hash
        path.write_bytes(path.read_bytes() + b"\n")
    again, rerun, rerun_fixed, rerun_prep = _timed_run(corpus, db, store, workers)
    assert not again.resumed and again.run_id != first.run_id
    store.close()
    scale = NATIONAL_REPORTS / len(files)
    return {"reports": len(files), "workers": workers, "full_s": full, "rerun_s": rerun,
            "rerun_checked": again.checked_now, "rerun_reused": again.reused,
            "rerun_hash_and_reuse_s": rerun_prep,
            "national_full_s": full_fixed + (full - full_fixed) * scale,
            "national_rerun_s": rerun_fixed + (rerun - rerun_fixed) * scale}


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds < 5400 else f"{seconds / 3600:.1f} h"


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


def _print_targets(results: dict) -> None:
    """The issue's targets, each a ratio of figures measured above in this run."""
    lines = []
    one, two, cjs, cold = (results.get(k) for k in ("batch_1", "batch_2", "cjs", "cold"))
    if one and cjs:
        ratio = one["steady_per_s"] / cjs["per_s_without_startup"]
        lines.append(f"batch, 1 worker / check-jsonschema (schema only), reports per second: {ratio:.2f}x "
                     f"(target >= {TARGETS['ratio']:g}x)")
    if one and two:
        ratio = two["steady_per_s"] / one["steady_per_s"]
        lines.append(f"batch, 2 workers / 1 worker: {ratio:.2f}x (target >= {TARGETS['two_workers']:g}x)")
    if cold:
        ratio = cold["plancheck"]["median_s"] / cold["check_jsonschema"]["median_s"]
        cpu = cold["plancheck"]["cpu_median_s"] / max(cold["check_jsonschema"]["cpu_median_s"], 1e-9)
        lines.append(f"cold plancheck check / cold check-jsonschema, one file: {ratio:.2f}x "
                     f"(target <= {TARGETS['cold']:g}x; CPU time {cpu:.2f}x)")
    if lines:
        print("targets:\n  " + "\n  ".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rss-reports", type=int, default=100_000)
    parser.add_argument("--rss-seconds", type=float, default=1200.0)
    parser.add_argument("--cold-runs", type=int, default=10)
    parser.add_argument("--cold-from-checkout", action="store_true",
                        help="Cold start as `python cli.py` in this interpreter instead of from a virtualenv "
                             "with plancheck installed (as check-jsonschema is in its own).")
    parser.add_argument("--nightly-reports", type=int, default=20_000,
                        help="reports of the national-nightly estimate (at least 20,000 for the README; 0: none)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["batch", "cjs", "cold", "nightly", "rss"])
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
        if "cold" not in args.skip:
            r = results["cold"] = bench_cold(files[1], args.cold_runs, tmp, args.cold_from_checkout)
            pc, cj = r["plancheck"], r["check_jsonschema"]
            print(f"cold start, one file, {args.cold_runs} runs each: plancheck check {pc['median_s']:.2f} s median "
                  f"({pc['best_s']:.2f} best; the first ever, caches empty: {r['plancheck_empty_cache_s']:.2f} s), "
                  f"check-jsonschema {cj['median_s']:.2f} s median ({cj['best_s']:.2f} best); CPU time "
                  f"{pc['cpu_median_s']:.2f} s and {cj['cpu_median_s']:.2f} s")
        _print_targets(results)
        if args.nightly_reports and "nightly" not in args.skip:
            r = results["nightly"] = bench_nightly(args.nightly_reports, args.seed, tmp)
            print(f"nightly: {r['reports']:,} reports with {r['workers']} workers in {r['full_s']:.0f} s -> "
                  f"{NATIONAL_REPORTS:,} reports in about {_minutes(r['national_full_s'])}; after "
                  f"{CHANGED_SHARE:.0%} changed, the next night's run checked {r['rerun_checked']:,} and reused "
                  f"{r['rerun_reused']:,} in {r['rerun_s']:.0f} s (finding, hashing and reusing: "
                  f"{r['rerun_hash_and_reuse_s']:.1f} s) -> about {_minutes(r['national_rerun_s'])} nationally")
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
