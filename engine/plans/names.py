"""Read a department's kinds and administrative level off a standard Chinese name.

Used where a report omits `kind`/`level` and the plan's table does not know the unit.
"""
from __future__ import annotations

import re
from typing import Optional

from engine.model.report import AdminLevel, DepartmentKind

# (pattern, kind), most specific first; every match adds its kind.
_KIND_WORDS: tuple[tuple[str, DepartmentKind], ...] = (
    (r"文化市场综合(行政)?执法", DepartmentKind.culture_tourism),
    (r"市场监督管理|市场监管", DepartmentKind.market_regulation),
    (r"知识产权局", DepartmentKind.ip_office),
    (r"版权局", DepartmentKind.copyright),
    (r"公安", DepartmentKind.public_security),
    (r"法院|中院|高院", DepartmentKind.court),
    (r"检察院", DepartmentKind.procuratorate),
    (r"文化和旅游|文化广电(新闻出版)?旅游|文广(新)?旅|文旅", DepartmentKind.culture_tourism),
    (r"农业农村", DepartmentKind.agriculture),
    (r"林业", DepartmentKind.forestry),
    (r"海关", DepartmentKind.customs),
    (r"司法(厅|局)", DepartmentKind.justice),
    (r"商务(厅|局|委)", DepartmentKind.commerce),
    (r"网信办|网络安全和信息化", DepartmentKind.cyberspace),
    (r"工业和信息化|工信(厅|局)", DepartmentKind.industry_it),
    (r"金融监管|金融监督管理", DepartmentKind.financial_regulation),
    (r"教育(厅|局|委)", DepartmentKind.education),
)


def infer_kinds(name: str) -> tuple[DepartmentKind, ...]:
    found: list[DepartmentKind] = []
    for pattern, kind in _KIND_WORDS:
        if re.search(pattern, name) and kind not in found:
            found.append(kind)
    return tuple(found)


def infer_level(name: str, code: Optional[str] = None) -> Optional[AdminLevel]:
    if re.match(r"^(中共)?[^市县区旗]{2,8}(省|自治区)", name) or re.match(r"^(北京|天津|上海|重庆)市[^区县]*$", name):
        return AdminLevel.province
    if re.search(r"(县|区|旗)", name):
        return AdminLevel.county
    if re.search(r"市", name):
        return AdminLevel.prefecture
    return None
