"""A region bundle: the departments of one region for one period, generated together so that
their cross-references agree. Every referral an enforcement department transferred appears among
the received referrals of the region's public-security report, and every credit-list publication
made by another department of the region appears in that department's report with `decided_by`;
a few per cent of these links are broken on purpose (Mismatches).
"""
from __future__ import annotations

import copy
import random
import re
from typing import Optional

from corpus_content import inject_defect, unit_report
from corpus_grow import FACTS_MAX, FACTS_MIN, grow
from corpus_units import Period, PlanSetup, Region, Unit

MIRROR_HEADROOM = 20  # facts kept free for the mirrored credit entries a report receives after growing
DEFECT_SHARE = 0.25
REFERRAL_PREFIX = {"market_regulation": "SJ", "ip_office": "ZS", "copyright": "BQ", "culture_tourism": "WL",
                   "agriculture": "NY", "forestry": "LC", "customs": "HG"}


class Mismatches:
    """Which links between two reports of a bundle are broken on purpose: `share` of them, spread
    over the corpus by error diffusion (the first link included, so a small corpus has some)."""

    def __init__(self, share: float, modes: tuple[str, ...], rng: random.Random):
        self.share, self.modes, self.rng = share, modes, rng
        self.debt = 1.0
        self.broken = 0

    def next(self) -> Optional[str]:
        broken = self.debt >= 1.0
        self.debt += self.share * self.rng.uniform(0.5, 1.5) - (1.0 if broken else 0.0)
        if not broken:
            return None
        self.broken += 1
        return self.rng.choice(self.modes)


def _typo(text: str, taken: set[str]) -> str:
    """One digit off, as when a number is copied by hand, and not another record's number."""
    match = re.search(r"\d(?=\D*$)", text)
    if match is not None:
        for step in range(1, 10):
            digit = str((int(match.group()) + step) % 10)
            candidate = text[:match.start()] + digit + text[match.end():]
            if candidate not in taken:
                return candidate
    return text[:60] + "A"


def _received(ref: dict, sender: str, mode: Optional[str], taken: set[str]) -> dict:
    """The referral as the police record it (公安机关接受移送), from the sender's own record."""
    out = {"referral_id": _typo(ref["id"], taken) if mode == "typo" else ref["id"], "from_department": sender,
           "case_id": ref["case_id"]}
    letter = next((a.get("doc_number") for a in ref.get("attachments", [])
                   if a["kind"] == "transfer_letter" and a.get("doc_number")), None)
    if letter:
        out["transfer_letter_number"] = letter
    out["received_at"] = ref.get("police_receipt_at") or ref["transferred_at"]
    if ref.get("police_decision"):
        decision = out["decision"] = copy.deepcopy(ref["police_decision"])
        if decision.get("notice_number"):  # the police dated the notice the sender quotes (第八条)
            decision.setdefault("notice_date", decision["date"])
    return out


def _distinct_referral_ids(report: dict, kind: str, seen: set[str]) -> None:
    """Two bureaus of a region may both number a transfer YS-2024-001; the police register each
    under its own number, so a sender's repeat of another's number gets the sender's prefix."""
    for ref in report.get("referrals", []):
        if ref["id"] in seen:
            new_id = f"{REFERRAL_PREFIX.get(kind, 'YS')}-{ref['id']}"[:60]
            while new_id in seen:
                new_id += "A"
            ref["id"] = new_id
        seen.add(ref["id"])


def _route_referrals(bundle: list[tuple[Unit, dict]], referring: frozenset[str],
                     mismatches: Mismatches) -> None:
    police = next((r for u, r in bundle if u.kind == "public_security"), None)
    if police is None:
        return
    seen: set[str] = set()
    for unit, report in bundle:
        if unit.kind not in referring:
            continue
        _distinct_referral_ids(report, unit.kind, seen)
        for ref in report.get("referrals", []):
            if not ref.get("transferred_at"):
                continue
            mode = mismatches.next()
            if mode != "omit":
                received = _received(ref, unit.name, mode, seen)
                seen.add(received["referral_id"])
                police.setdefault("received_referrals", []).append(received)


def _mirror(entry: dict, post: dict, decider: str, serial: int, mode: Optional[str], taken: set[str]) -> dict:
    """The publisher's own entry for a listing it published for the decider (decided_by)."""
    own = {k: v for k, v in post.items() if k != "publisher"}
    number = entry["decision_number"]
    return {
        "id": f"DB{serial}-{entry['id']}"[:64], "entity_name": entry["entity_name"],
        "credit_code": entry["credit_code"], "decision_date": entry["decision_date"],
        "decision_number": _typo(number, taken) if mode == "typo" else number,
        "publications": [own], "decided_by": decider,
    }


def _mirror_credit(bundle: list[tuple[Unit, dict]], period: Period, mismatches: Mismatches) -> None:
    by_name = {unit.name: report for unit, report in bundle}
    start, end = period.start.isoformat(), period.end.isoformat()
    for unit, report in bundle:
        taken = {e.get("decision_number", "") for e in report.get("credit_list", [])}
        for entry in report.get("credit_list", []):
            if entry.get("decided_by") or not entry.get("decision_number"):
                continue  # an entry without a decision number is never compared
            for post in entry.get("publications", []):
                target = by_name.get(post.get("publisher", ""))
                # a posting after the period belongs to the publisher's next report, not in this bundle
                if target is None or not start <= post["date"] <= end:
                    continue
                mode = mismatches.next()
                if mode != "omit":
                    listing = target.setdefault("credit_list", [])
                    listing.append(_mirror(entry, post, unit.name, len(listing) + 1, mode, taken))


def region_bundle(setup: PlanSetup, region: Region, period: Period, rng: random.Random,
                  links: dict[str, Mismatches], cache: dict) -> list[tuple[Unit, dict]]:
    bundle = [(unit, unit_report(setup, unit, region, period, rng, cache)) for unit in region.units]
    for unit, report in bundle:
        if rng.random() < DEFECT_SHARE:
            inject_defect(report, rng)
    for unit, report in bundle:
        if unit.kind != "public_security":
            grow(report, rng, rng.randint(FACTS_MIN, FACTS_MAX - MIRROR_HEADROOM))
    _mirror_credit(bundle, period, links["credit"])
    _route_referrals(bundle, setup.referring_kinds, links["referral"])
    for unit, report in bundle:  # the police grow last: their received referrals count too
        if unit.kind == "public_security":
            grow(report, rng, rng.randint(FACTS_MIN, FACTS_MAX))
    return bundle
