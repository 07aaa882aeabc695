"""What the words before the first clause say of the plan: its title, issuer, date and place."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from ..plans.names import infer_level

_PLAN_WORDS = r"(?:方案|计划|措施|要点|意见|规划|纲要|办法|举措)"
_NOTICE = re.compile(rf"^(?P<issuer>.*?)关于印发《(?P<title>[^\n]*?{_PLAN_WORDS})》的通知")
_TITLE_LINE = re.compile(rf"^(?P<title>[^。\n]{{4,80}}?{_PLAN_WORDS}(?:[(（][^()（）\n]{{2,20}}[)）])*)(?=\n|为|$)")
_DATE = re.compile(r"(?m)^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
_ISSUER_LINE = re.compile(r"(?m)^(?P<issuer>[^\n，,。:：]{4,40}(?:办公室|领导小组|人民政府|委员会|局|厅))\n(?:[(（][^\n]*[)）]\n)?\d{4}年\d{1,2}月\d{1,2}日$")
_PLACE = re.compile(r"^(?:市|中共)?(?P<place>[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|县|区|旗))")


@dataclass(frozen=True)
class PlanHeader:
    title: Optional[str]
    issuer: Optional[str]
    date: Optional[dt.date]
    place: Optional[str]  # 湖口县, 天津市: the government whose plan it is, where the text shows it


def read_header(preamble: str) -> PlanHeader:
    title = issuer = None
    lines = [line for line in preamble.split("\n") if line.strip()]
    for i, line in enumerate(lines):
        found = _TITLE_LINE.match(line)
        if found and not _NOTICE.match(line):
            title = found.group("title")
            # a title broken over two lines ("天津市全面加强知识产权保护" / "激发创新活力的工作措施"),
            # or followed by its status on its own line ("（征求意见稿）")
            if i > 0 and len(lines[i - 1]) <= 24 and not re.search(r"[。，,:：;；\d()（）]", lines[i - 1]) and not _ends_notice(lines[i - 1]):
                title = lines[i - 1] + title
            if i + 1 < len(lines) and re.fullmatch(r"[(（][^()（）]{2,10}[)）]", lines[i + 1]):
                title += lines[i + 1]
    notice = next((m for m in map(_NOTICE.match, lines) if m), None)
    if notice:
        title = title or notice.group("title")
        issuer = notice.group("issuer") or None
    signed = _ISSUER_LINE.search("\n".join(lines))
    if signed:
        issuer = signed.group("issuer")
    dated = _DATE.search("\n".join(lines))
    date = None
    if dated:
        try:
            date = dt.date(int(dated.group("y")), int(dated.group("m")), int(dated.group("d")))
        except ValueError:
            date = None
    place = _place(title, issuer)
    if issuer and place and issuer[0] == place[-1] and not issuer.startswith(place):
        issuer = place + issuer[1:]  # 市知识产权战略领导小组 of the 天津市 plan
    return PlanHeader(title, issuer, date, place)


def _ends_notice(line: str) -> bool:
    return line.endswith(("单位", "：", ":")) or "印发" in line


def _place(*names: Optional[str]) -> Optional[str]:
    for name in names:
        found = _PLACE.match(name or "")
        if found and infer_level(found.group("place")) is not None:
            return found.group("place")
    return None
