"""Growing one report to its size: content cloned under new ids until the report has the facts
it was given (FACTS_MIN-FACTS_MAX), within realistic numbers of referrals, listings and publications.
"""
from __future__ import annotations

import copy
import random
import re
from typing import Callable

FACTS_MIN, FACTS_MAX = 50, 300
MAX_REFERRALS = 8  # a county bureau transfers a handful of cases a year; keeps the police report small
MAX_CREDIT_ENTRIES = 6
MAX_PUBLICATIONS = 12  # white papers and typical-case collections: a few a year, not a hundred
_LAST_NUMBER = re.compile(r"(\d+)(\D*)$")
_ATTACHMENT_SUFFIX = re.compile(r"（附件\d+）$")


def fact_count(report: dict) -> int:
    """Facts the engine extracts, counted from the structure (see engine/facts.py)."""
    n = 1 + len(report.get("tasks", [])) + len(report.get("metrics", []))
    n += sum(len(t.get("evidence", [])) for t in report.get("tasks", []))
    for case in report.get("cases", []):
        n += 1 + len(case.get("amounts", {})) + len((case.get("penalty") or {}).get("publications", []))
    n += sum(1 + len(r.get("attachments", [])) for r in report.get("referrals", []))
    n += sum(1 + len(e.get("publications", [])) for e in report.get("credit_list", []))
    return n + len(report.get("publications", [])) + len(report.get("received_referrals", []))


def _clone_id(source: str, k: int) -> str:
    return f"{source.split('-x')[0][:40]}-x{k}"


def _renumber(number: str, k: int) -> str:
    """Another decision of the same series: 黑知局信〔2024〕2号 -> 黑知局信〔2024〕102号."""
    match = _LAST_NUMBER.search(number)
    if match is None:
        return f"{number}-{k}"
    return number[:match.start()] + str(int(match.group(1)) + 100 * k) + match.group(2)


def _cloneable_cases(report: dict) -> list[dict]:
    referred = {r["case_id"] for r in report.get("referrals", [])}
    if len(report.get("referrals", [])) < MAX_REFERRALS:
        return report.get("cases", [])
    return [c for c in report.get("cases", []) if c["id"] not in referred]


def _grow_case(report: dict, rng: random.Random, k: int) -> None:
    source = rng.choice(_cloneable_cases(report))
    clone = copy.deepcopy(source)
    clone["id"] = _clone_id(source["id"], k)
    report["cases"].append(clone)
    for ref in [r for r in report.get("referrals", []) if r["case_id"] == source["id"]][:1]:
        twin = copy.deepcopy(ref)
        twin["id"], twin["case_id"] = _clone_id(ref["id"], k), clone["id"]
        for attachment in twin.get("attachments", []):
            if attachment.get("doc_number"):  # each transfer has its own letter (移送书文号)
                attachment["doc_number"] = _renumber(attachment["doc_number"], k)
        report["referrals"].append(twin)


def _grow_credit(report: dict, rng: random.Random, k: int) -> None:
    source = rng.choice(report["credit_list"])
    clone = copy.deepcopy(source)
    clone["id"] = _clone_id(source["id"], k)
    if clone.get("decision_number"):
        clone["decision_number"] = _renumber(clone["decision_number"], k)
    report["credit_list"].append(clone)


def _grow_publication(report: dict, rng: random.Random, k: int) -> None:
    clone = copy.deepcopy(rng.choice(report["publications"]))
    clone["id"] = _clone_id(clone["id"], k)
    report["publications"].append(clone)


def _grow_evidence(report: dict, rng: random.Random, k: int) -> None:
    task = rng.choice([t for t in report["tasks"] if t.get("evidence")])
    item = copy.deepcopy(rng.choice(task["evidence"]))
    item.pop("id", None)
    item["title"] = _ATTACHMENT_SUFFIX.sub("", item["title"])[:150] + f"（附件{k}）"
    task["evidence"].append(item)


GROWERS: dict[str, Callable[[dict, random.Random, int], None]] = {
    "cases": _grow_case, "credit_list": _grow_credit, "publications": _grow_publication, "evidence": _grow_evidence,
}


def growable(report: dict) -> list[str]:
    """What can be cloned: a task's evidence only where it has some (a task without evidence is a
    deliberate gap); referrals, credit listings and publications up to a realistic number."""
    out = []
    if _cloneable_cases(report):
        out.append("cases")
    if report.get("credit_list") and len(report["credit_list"]) < MAX_CREDIT_ENTRIES:
        out.append("credit_list")
    if report.get("publications") and len(report["publications"]) < MAX_PUBLICATIONS:
        out.append("publications")
    if any(t.get("evidence") for t in report.get("tasks", [])):
        out.append("evidence")
    return out


def grow(report: dict, rng: random.Random, target: int) -> None:
    k = 0
    while fact_count(report) < target:
        options = growable(report)
        if not options:
            return
        k += 1
        GROWERS[rng.choice(options)](report, rng, k)
