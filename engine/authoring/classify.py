"""A draft classification of one clause, with the words it rests on: a number with a unit, a date
or month window, a frequency, a named document or platform, and the soft words that make a miss
a warning. Written into plan.yaml as `draft: true` with `reason:` for a person to confirm."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

UNITS = "人次|家|件|个|项|场次|场|次|人|%|％|亿元|万元|元|所|户|名|篇|期"
_NUMBER = re.compile(
    rf"(?P<context>[^,，。；;:：]*?)(?P<cmp>不少于|不低于|不超过|超过|达到|到达|至少|累计)?"
    rf"(?P<n>\d+(?:\.\d+)?)(?P<wan>万)?(?P<unit>{UNITS})(?!工作日|月|日)(?P<tail>以上)?"
)
_WINDOW = re.compile(r"(?P<y1>\d{4})年(?P<m1>\d{1,2})月\s*[-—–至~]\s*(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月")
_BY_DAY = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:前|之前|以前)")
_BY_MONTH = re.compile(r"(?P<to>到|至)?(?P<y>\d{4})年(?P<m>\d{1,2})月(?:底|末)?(?P<before>前|之前|以前)?")
_BY_YEAR = re.compile(r"(?:到|至|于)(?P<y>\d{4})年(?:年?(?:底|末))?|(?P<y2>\d{4})年年?(?:底|末)(?:前)?")
_DATED_YEAR_END = re.compile(r"\d{4}年年?(?:底|末)")  # a dated deadline, not a yearly one
_ONE_MONTH = re.compile(r"(?<![\d\-—–至~])(?P<y>\d{4})年(?P<m>\d{1,2})月(?![\d底末]|[-—–至~])")
_WORKING_DAYS = re.compile(r"\d+个工作日内")
FREQUENCIES = (("每季度", "quarterly"), ("季度末", "quarterly"), ("每半年", "half_yearly"), ("半年", "half_yearly"),
               ("每年度", "annual"), ("每年", "annual"), ("年度", "annual"), ("年底前", "annual"), ("每月", None))
# dated yearly occasions: work tied to one falls due every year
YEARLY_OCCASIONS = ("知识产权宣传周", "世界知识产权日", "4·26", "4.26", "3·15", "消费者权益日", "12·4", "宪法日")
# the words that make a requirement an aim: a miss is a warning (HELPERS: 力争/适时/视情/鼓励)
SOFT_WORDS = ("力争", "适时", "视情", "鼓励", "探索", "争取")
_QUOTED = re.compile(r"《[^《》]*》|“[^“”]*”")
# a document the clause's units are to produce: a making verb before its title; "印发的《…》" is
# someone else's document the clause implements (cited, not produced)
_DOCUMENT = re.compile(r"(?P<verb>制定|制订|出台|印发|编制|发布|修订|起草)(?![^。；;《]{0,12}?的《)[^。；;《]{0,12}?(?P<title>《[^《》]{2,60}》(?:白皮书)?)")
_CITED = re.compile(r"《[^《》]{2,60}》")
# 发布 followed by a list of publications: "发布知识产权保护状况白皮书和知识产权审判工作白皮书"
_PUBLISHED = re.compile(r"发布(?!会)(?P<list>[^。；;,，《》]{2,120})")
_PUBLICATION = re.compile(r"(?:白皮书|报告)$")
_PLATFORM = re.compile(r"“(?P<name>[^“”一二三四五六七八九十多]{1}[^“”]{1,29}(?:平台|网站|系统))”|“?(?P<credit>信用中国(?:[(（][^()（）]{2,12}[)）])?)”?")
_BODY = re.compile(r"(?P<verb>建成|成立|组建|设立)(?:运行|并运行)?(?P<name>[^，,。；;“”]{2,30}?(?:工作站|中心|专家库|人才库|基地|联盟))")


@dataclass(frozen=True)
class DraftOutput:
    kind: str  # document | body | platform
    title: str
    firm: bool
    yearly: bool


@dataclass(frozen=True)
class Classification:
    check: str  # rules | evidence
    reasons: tuple[str, ...]
    target: Optional[str] = None
    schedule: Optional[dict] = None
    outputs: tuple[DraftOutput, ...] = ()
    soft_words: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def reason(self) -> str:
        return "；".join(self.reasons) + "。待人工确认。"


def classify(text: str) -> Classification:
    plain = _QUOTED.sub(lambda m: "□" * len(m.group()), text)  # soft words in a title are not soft
    soft = tuple(w for w in SOFT_WORDS if w in plain)
    reasons: list[str] = []
    targets = [_target(m) for m in _NUMBER.finditer(text) if _is_target(m)]
    if targets:
        reasons.append("数量指标：" + "、".join(targets))
    schedule, when = _schedule(text)
    if when:
        reasons.append(when)
    undated = _DATED_YEAR_END.sub("", plain)
    cadence = next((c for word, c in FREQUENCIES if word in undated), None)
    frequency_words = [word for word, _ in FREQUENCIES if word in undated]
    if frequency_words:
        reasons.append("频次：" + "、".join(dict.fromkeys(frequency_words)))
        if schedule is None and cadence is not None:
            schedule = {"cadence": cadence}
    occasions = [w for w in YEARLY_OCCASIONS if w in text]
    if occasions:
        reasons.append("年度节点：" + "、".join(occasions))
        if schedule is None:
            schedule, cadence = {"cadence": "annual"}, "annual"
    yearly = cadence == "annual"
    outputs = _outputs(text, soft, yearly)
    for output in outputs:
        reasons.append(f"{_OUTPUT_WORDS[output.kind]}：{output.title}")
    for name in _platforms(text):
        reasons.append(f"点名平台：{name}")
    produced = {o.title for o in outputs}
    cited = [t for t in dict.fromkeys(_CITED.findall(text)) if not any(t in p for p in produced)]
    if cited:
        reasons.append("引用文件（贯彻落实，不是产出）：" + "".join(cited))
    if soft:
        reasons.append("软性措辞：" + "、".join(soft) + "（未做到时为警告 warning）")
    concrete = bool(targets or schedule or outputs or _platforms(text))
    if not reasons:
        reasons.append("未见数量、日期、频次或点名的文件和平台：按报告事项和佐证材料核查")
    return Classification("rules" if concrete else "evidence", tuple(reasons),
                          "；".join(targets) or None, schedule, outputs, soft)


_OUTPUT_WORDS = {"document": "点名文件", "body": "点名机构", "platform": "点名平台"}


def _is_target(match: re.Match[str]) -> bool:
    # a bare count ("5部门", "第二批") is no target; a comparator or a percentage makes one
    return bool(match.group("cmp") or match.group("tail") or match.group("unit") in ("%", "％"))


def _target(match: re.Match[str]) -> str:
    context = match.group("context").strip()
    context = re.split(r"[“”《》()（）]", context)[-1]
    return (context + (match.group("cmp") or "") + match.group("n") + (match.group("wan") or "")
            + match.group("unit") + (match.group("tail") or "")).strip()


def _schedule(text: str) -> tuple[Optional[dict], Optional[str]]:
    window = _WINDOW.search(text)
    if window:
        y1, m1 = int(window.group("y1")), int(window.group("m1"))
        y2 = int(window.group("y2") or y1)
        m2 = int(window.group("m2"))
        if _valid(y1, m1) and _valid(y2, m2) and (y2, m2) >= (y1, m1):
            return ({"cadence": "window", "start": dt.date(y1, m1, 1), "end": _month_end(y2, m2)},
                    f"时间窗口：{window.group()}")
    day = _BY_DAY.search(text)
    if day and _valid(int(day.group("y")), int(day.group("m"))):
        try:
            by = dt.date(int(day.group("y")), int(day.group("m")), int(day.group("d")))
            return {"cadence": "once", "by": by}, f"期限：{day.group()}"
        except ValueError:
            pass
    month = next((m for m in _BY_MONTH.finditer(text) if m.group("to") or m.group("before")), None)
    if month and _valid(int(month.group("y")), int(month.group("m"))):
        return {"cadence": "once", "by": _month_end(int(month.group("y")), int(month.group("m")))}, f"期限：{month.group()}"
    year = _BY_YEAR.search(text)
    if year:
        y = int(year.group("y") or year.group("y2"))
        if 1990 <= y <= 2100:
            return {"cadence": "once", "by": dt.date(y, 12, 31)}, f"期限：{year.group()}"
    one = _ONE_MONTH.search(text)
    if one and _valid(int(one.group("y")), int(one.group("m"))):
        y, m = int(one.group("y")), int(one.group("m"))
        return ({"cadence": "window", "start": dt.date(y, m, 1), "end": _month_end(y, m)}, f"时间窗口：{one.group()}")
    limit = _WORKING_DAYS.search(text)
    if limit:
        return None, f"时限：{limit.group()}"
    return None, None


def _valid(year: int, month: int) -> bool:
    return 1990 <= year <= 2100 and 1 <= month <= 12


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _sentence_of(text: str, at: int) -> str:
    start = max(text.rfind(ch, 0, at) for ch in "。；;") + 1
    ends = [i for i in (text.find(ch, at) for ch in "。；;") if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def _outputs(text: str, soft: tuple[str, ...], yearly: bool) -> tuple[DraftOutput, ...]:
    found: dict[str, DraftOutput] = {}
    for match in _DOCUMENT.finditer(text):
        sentence = _QUOTED.sub("", _sentence_of(text, match.start()))
        found.setdefault(match.group("title"), DraftOutput("document", match.group("title"),
                                                           not any(w in sentence for w in soft), yearly))
    for match in _PUBLISHED.finditer(text):
        sentence = _QUOTED.sub("", _sentence_of(text, match.start()))
        for part in re.split(r"[、和及]", match.group("list")):
            title = part.strip().removeprefix("上一年度").removeprefix("年度")
            if _PUBLICATION.search(title) and len(title) >= 4 and not any(title in t or t in title for t in found):
                found[title] = DraftOutput("document", title, not any(w in sentence for w in soft),
                                           yearly or "年度" in match.group())
    for match in _BODY.finditer(text):
        sentence = _QUOTED.sub("", _sentence_of(text, match.start()))
        found.setdefault(match.group("name"), DraftOutput("body", match.group("name"),
                                                          not any(w in sentence for w in soft), False))
    return tuple(found.values())


def _platforms(text: str) -> list[str]:
    return list(dict.fromkeys(m.group("name") or m.group("credit") for m in _PLATFORM.finditer(text)))
