"""The publication platforms a clause names for penalties or credit-list entries, drafted in the
pack's own vocabulary (`publication_platforms` of plan.yaml, read by the PENALTY-*/CREDIT-*
rules): "将行政处罚信息…在“信用中国(江西九江)”网站公示" becomes a penalty platform of that clause."""
from __future__ import annotations

import re
from typing import Any, Optional

from ..plans.names import infer_level

# the platforms by the words a plan uses for them -> the report's `platform` value
_WHERE = r"(?:[(（][^()（）]{2,12}[)）])?"  # 信用中国(黑龙江)
_SITES = (
    (re.compile(rf"信用中国{_WHERE}"), "credit_china"),
    (re.compile(rf"(?:全国|本级|省级|市级|县级)?(?:公共)?信用信息(?:共享)?平台{_WHERE}"), "credit_china"),
    (re.compile(rf"国家企业信用信息公示系统{_WHERE}"), "gsxt"),
    # 天津市市场主体信用信息公示系统: the place before it is kept (see _with_place)
    (re.compile(rf"(?P<place>[\u4e00-\u9fff]{{0,8}})(?:市场主体|企业)信用信息公示系统{_WHERE}"), "gsxt"),
)
# 失信惩戒 is a sanction, not a listing: only a list of the untrustworthy is a credit list
_DECISIONS = (("penalty", re.compile(r"行政处罚|案件信息")),
              ("credit_list", re.compile(r"失信(?:当事人|主体|名单)|黑名单|列入[^。；;]{0,12}名单")))
_PUBLISH = re.compile(r"公示|公开|推送|发布|纳入")
_DAYS = re.compile(r"(\d+)个工作日内")
RULES_BY_DECISION = {"penalty": ["PENALTY-*", "DATE-PENALTY-*"], "credit_list": ["CREDIT-*"]}
_REASON = ("pack init 草稿：由条款文字推定平台、公示事项和部门类别，严重程度暂定为 warning，"
           "时限未写明时按总局令第45号第九条类推为20个工作日。待人工确认。")


def draft_platforms(clause_id: str, text: str, kinds: list[str], basis_word: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for sentence in re.split(r"(?<=[。；;])", text):
        decisions = [name for name, words in _DECISIONS if words.search(sentence)]
        if not decisions or not _PUBLISH.search(sentence):
            continue
        for name, platform in _sites(sentence):
            entry: dict[str, Any] = {"decisions": decisions, "clause": clause_id, "name": name, "platform": platform,
                                     "names": [name], "department_kinds": kinds or ["market_regulation"],
                                     "severity": "warning"}
            days = _DAYS.search(sentence)
            if days and 1 <= int(days.group(1)) <= 250:
                entry["within_working_days"] = int(days.group(1))
            entry.update({"basis": f"{basis_word}第{clause_id}项", "quote": sentence.strip(), "reason": _REASON})
            found.append(entry)
    return found


def _sites(sentence: str) -> list[tuple[str, str]]:
    sites: dict[str, str] = {}
    taken: list[tuple[int, int]] = []
    for pattern, platform in _SITES:
        for match in pattern.finditer(sentence):
            span = match.span()
            name = _with_place(match)
            span = (match.end() - len(name), match.end())
            if not any(a < span[1] and span[0] < b for a, b in taken):
                taken.append(span)
                sites.setdefault(name, platform)
    return sorted(sites.items(), key=lambda item: sentence.find(item[0]))


def _with_place(match: re.Match[str]) -> str:
    """The match without the words before it that are not a place ("纳入天津市" -> "天津市")."""
    place = match.groupdict().get("place")
    if not place:
        return match.group()
    rest = match.group()[len(place):]
    for start in range(len(place)):
        if _PLACE_NAME.fullmatch(place[start:]) and infer_level(place[start:]) is not None:
            return place[start:] + rest
    return rest


_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}(?:省|自治区|市|县|区|旗)")


def plan_word(title: Optional[str]) -> str:
    """What the plan calls itself, for a basis line: 计划第11项, 方案第4项."""
    found = re.findall(r"(方案|计划|措施|要点|意见|规划|纲要|办法)", title or "")
    return found[-1] if found else "计划"
