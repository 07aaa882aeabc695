"""Which province a party or a department is registered in, as the two-digit province code of
GB/T 2260 (the first two digits of the region code, characters 3-4 of a 统一社会信用代码).

总局令第45号 第九条/第十条 turn on whether the party and the deciding department are "在同一省、
自治区、直辖市". A valid credit code gives the province of the authority that issued it. A
department that reports no credit code is placed by its `region`, or else its name, when either
begins with a province's name (黑龙江省…, 天津市…, 江西省九江市瑞昌市); a name that begins with a
city (大庆市市场监督管理局) places it nowhere by itself, and the question stays open rather than
guessed, unless the plan's area does (plan.yaml `province`: every unit reporting on the Heilongjiang
plan lies in Heilongjiang; engine.plans.identity).
"""
from __future__ import annotations

from typing import Optional

from . import credit_code

# GB/T 2260 province-level codes and the names a region or department name begins with.
# Autonomous regions are matched by their short name, with which their full names begin too.
PROVINCES: dict[str, str] = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省",
    "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西", "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏", "65": "新疆",
    "71": "台湾省", "81": "香港", "82": "澳门",
}


def of_code(code: Optional[str]) -> Optional[str]:
    """Province of registration: characters 3-4 of a valid code (a code failing its check
    character is not trusted for anything)."""
    if code is None or not credit_code.is_valid(code):
        return None
    return code[2:4]


def of_text(text: Optional[str]) -> Optional[str]:
    """Province whose name `text` begins with (a region such as 江西省九江市瑞昌市, or a
    department name such as 天津市市场监督管理委员会), else None."""
    if not text:
        return None
    compact = "".join(text.split())
    return next((number for number, name in PROVINCES.items() if compact.startswith(name)), None)


def of_department(code: Optional[str], region: Optional[str], name: str) -> Optional[str]:
    """A department's province: from its credit code, else its region, else its name."""
    return of_code(code) or of_text(region) or of_text(name)


def same_province(party: Optional[str], department: Optional[str]) -> Optional[bool]:
    """Known only when both provinces are."""
    return None if party is None or department is None else party == department
