"""A finding's identity (subject, fingerprint) follows the item it is about, not the item's place
in its list: run diffs and waivers must not move to another posting when a department reorders
or inserts items."""
from __future__ import annotations

import json
from pathlib import Path

from engine.checker import Checker
from engine.subject_keys import natural_keys

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "heilongjiang-2023" / "market-regulation-2024-credit-broken.json"


def _identities(checker: Checker, data: dict, tmp_path: Path, name: str) -> set[tuple[str, str, str]]:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return {(f.rule_id, f.subject, f.fingerprint) for f in checker.check_path(path).findings}


def test_reordered_postings_and_attachments_keep_their_findings(tmp_path: Path, checker: Checker):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    before = _identities(checker, data, tmp_path, "before.json")
    assert any("/publication/" in subject for _, subject, _ in before)
    for entry in data["credit_list"]:
        entry["publications"].reverse()
    for referral in data.get("referrals", []):
        referral["attachments"].reverse()
    for case in data.get("cases", []):
        if case.get("penalty"):
            case["penalty"]["publications"].reverse()
    assert _identities(checker, data, tmp_path, "after.json") == before


def test_natural_keys_name_items_by_kind_and_number_repeats():
    assert natural_keys(["gsxt", "credit_china", "gsxt", "gsxt"]) == ["gsxt", "credit_china", "gsxt/2", "gsxt/3"]
    assert natural_keys([]) == []
