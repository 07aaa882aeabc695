"""The one "did you mean" of every message (engine.close_matches)."""
from __future__ import annotations

from engine.close_matches import close_matches, did_you_mean


def test_a_typo_finds_the_name_it_was_meant_to_be():
    assert close_matches("perod", ["schema_version", "plan", "department", "period"]) == ["period"]


def test_nothing_close_is_nothing():
    assert close_matches("contact", ["schema_version", "plan", "period"]) == []
    assert did_you_mean("contact", ["schema_version", "plan", "period"]) == ("", "")


def test_a_name_differing_only_in_case_comes_first():
    assert close_matches("HLJ-18-attach", ["HLJ-18-ATTACH", "HLJ-18-ATTACK", "HLJ-1-ATTACH"])[0] == "HLJ-18-ATTACH"


def test_at_most_limit_names_best_first():
    found = close_matches("heilongjiang-2031", ["heilongjiang-2023", "heilongjiang-2021", "heilongjiang-2013",
                                                "ruichang-2023"], limit=2)
    assert found == ["heilongjiang-2023", "heilongjiang-2021"]


def test_a_mapping_compares_its_keys_and_shows_its_values_once():
    aliases = {"瑞昌市市场监督管理局": "瑞昌市市场监督管理局", "瑞昌市市场监管局": "瑞昌市市场监督管理局"}
    assert close_matches("瑞昌市市场监管", aliases) == ["瑞昌市市场监督管理局"]


def test_a_key_compares_what_tells_names_apart():
    def digits(name: str) -> str:
        return "".join(ch for ch in name if ch.isdigit())

    assert close_matches("plan 2023", ["a2023", "b1999"], key=digits) == ["a2023"]


def test_did_you_mean_in_both_languages():
    zh, en = did_you_mean("perod", ["period", "plan"])
    assert zh == "；是否应为 period？"
    assert en == "; did you mean 'period'?"
    zh, en = did_you_mean("heilongjiang-2032", ["heilongjiang-2023", "heilongjiang-2022"], limit=2)
    assert " 或 " in zh and " or " in en
