"""A seeded, reproducible corpus of realistic reports for the batch benchmark.

    python benchmarks/corpus.py OUT_DIR [--reports 2000] [--seed 7]

For every plan under rules/ (whatever plans exist when it runs) it takes that plan's sample
reports (samples/<plan>/*.json; a plan without samples borrows the others' and is relabelled)
and varies them: the department (a unit of the plan with the same kind where the plan lists
units, else the same kind in another city), and the amount of content, by cloning cases with
their referrals, credit-list entries, publications and evidence under new ids until the report
has 50–300 facts. The samples include broken reports, and a further share gets a defect
injected (a missing police receipt, a dropped evidence list, a late posting), so a share of the
corpus is non-compliant; about 1% of the files are corrupt (truncated, wrong encoding, not a
report). Same seed, same files, byte for byte.
"""
from __future__ import annotations

import argparse
import copy
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from engine.rules.catalog import load_catalog  # noqa: E402

HLJ_CITIES = ["哈尔滨市", "齐齐哈尔市", "牡丹江市", "佳木斯市", "大庆市", "鸡西市", "双鸭山市",
              "伊春市", "七台河市", "鹤岗市", "黑河市", "绥化市"]


def _facts(report: dict) -> int:
    """Facts the engine extracts, counted from the structure (see engine/facts.py)."""
    n = 1 + len(report.get("tasks", [])) + len(report.get("metrics", []))
    n += sum(len(t.get("evidence", [])) for t in report.get("tasks", []))
    for case in report.get("cases", []):
        n += 1 + len(case.get("amounts", {})) + len((case.get("penalty") or {}).get("publications", []))
    n += sum(1 + len(r.get("attachments", [])) for r in report.get("referrals", []))
    n += sum(1 + len(e.get("publications", [])) for e in report.get("credit_list", []))
    return n + len(report.get("publications", [])) + len(report.get("received_referrals", []))


def _grow(report: dict, rng: random.Random, target: int, serial: int) -> None:
    cases, referrals = report.get("cases", []), report.get("referrals", [])
    by_case = {r["case_id"]: r for r in referrals}
    pools = [k for k in ("cases", "credit_list", "publications") if report.get(k)]
    k = 0
    while _facts(report) < target and (pools or report.get("tasks")):
        k += 1
        suffix = f"-x{serial}n{k}"
        kind = rng.choice(pools + ["evidence"]) if pools else "evidence"
        if kind == "evidence" and report.get("tasks"):
            task = rng.choice(report["tasks"])
            if task.get("evidence"):
                item = copy.deepcopy(rng.choice(task["evidence"]))
                item.pop("id", None)
                item["title"] = item["title"][:150] + f"（附件{k}）"
                task["evidence"].append(item)
            else:
                pools = pools or []
                if not pools:
                    break
            continue
        if kind == "evidence":
            continue
        source = rng.choice(report[kind])
        clone = copy.deepcopy(source)
        clone["id"] = source["id"].split("-x")[0][:40] + suffix
        report[kind].append(clone)
        if kind == "cases" and source["id"] in by_case:
            ref = copy.deepcopy(by_case[source["id"]])
            ref["id"], ref["case_id"] = ref["id"].split("-x")[0][:40] + suffix, clone["id"]
            referrals.append(ref)


def _inject(report: dict, rng: random.Random) -> None:
    choice = rng.randrange(3)
    if choice == 0 and report.get("referrals"):
        rng.choice(report["referrals"]).pop("police_receipt_at", None)
    elif choice == 1 and report.get("tasks"):
        rng.choice(report["tasks"])["evidence"] = []
    elif report.get("credit_list"):
        entry = rng.choice(report["credit_list"])
        for post in entry.get("publications", []):
            post["date"] = entry["decision_date"][:4] + "-12-30"


def _corrupt(text: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(3)
    if kind == 0:
        return text[: rng.randrange(10, max(11, len(text) // 2))]
    if kind == 1:
        return text.decode("utf-8").encode("gb18030")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<html><body>404</body></html>\n'


def generate(out: Path, reports: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    catalog = load_catalog(REPO / "rules")
    samples = {p.name: sorted(p.glob("*.json")) for p in (REPO / "samples").iterdir() if p.is_dir()}
    every = [s for files in samples.values() for s in files]
    templates = {pid: [json.loads(p.read_text("utf-8")) for p in (samples.get(pid) or every)]
                 for pid in sorted(catalog.plans)}
    out.mkdir(parents=True, exist_ok=True)
    written = []
    plans = sorted(templates)
    for i in range(reports):
        pid = plans[i % len(plans)]
        plan = catalog.plans[pid]
        report = copy.deepcopy(rng.choice(templates[pid]))
        report["plan"] = pid
        dept = report["department"]
        units = [u for u in plan.departments if u.kind.value == dept["kind"]] or list(plan.departments)
        if units:
            unit = rng.choice(units)
            dept.update(name=unit.name, kind=unit.kind.value)
            if unit.level is not None:
                dept["level"] = unit.level.value
        elif pid == "heilongjiang-2023" and dept["level"] == "prefecture":
            city = rng.choice(HLJ_CITIES)
            dept["name"] = dept["name"].replace(dept.get("region", ""), city) if dept.get("region") else dept["name"]
            dept["region"] = city
        _grow(report, rng, rng.randint(50, 300), i)
        if rng.random() < 0.25:
            _inject(report, rng)
        data = json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8")
        if rng.random() < 0.01:
            data = _corrupt(data, rng)
        path = out / pid / f"{dept['kind']}" / f"report-{i:06d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = generate(args.out, args.reports, args.seed)
    print(f"{len(files)} reports under {args.out}")


if __name__ == "__main__":
    main()
