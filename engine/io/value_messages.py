"""What is wrong with one value of a report and what to write instead, in Chinese and English.

Said from what the value should be (its type and constraints, engine.io.xml_layout.Scalar) and
what pydantic found, never field by field: a new field of the models gets its messages at once.
A value that is recognisably a date in another form (2024/03/01, 2024年3月1日) or a number with a
unit (15万元) is turned into what it should have been written as.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import Enum
from typing import Any, Iterable, Optional

from .. import credit_code
from ..close_matches import close_matches, did_you_mean
from .other_forms import as_date, as_datetime, as_number, date_reason, plain_number, time_reason
from .problems import Said
from .xml_layout import FieldLayout, Scalar, fields_of
from ..labels import CHOICES, NOT_SUGGESTED
from ..model.report import ClauseNumber, Contact, Identifier, Report, Sha256
from ..model.values import InvalidValue

_DATE_FIX = ("日期应为 YYYY-MM-DD，如 2024-03-01", "a date is written YYYY-MM-DD, e.g. 2024-03-01")
_TIME_FIX = ("日期时间应为 YYYY-MM-DDThh:mm:ss，可加时区，如 2024-03-01T09:30:00+08:00",
             "a date-time is written YYYY-MM-DDThh:mm:ss with an optional offset, e.g. 2024-03-01T09:30:00+08:00")
_BOOL_FIX = ("应为 true（是）或 false（否）", "write true or false")
_BOUNDS = {"greater_than_equal": ("不小于", "at least"), "greater_than": ("大于", "more than"),
           "less_than_equal": ("不大于", "at most"), "less_than": ("小于", "less than")}


def _pattern(annotation: Any) -> str:
    for meta in getattr(annotation, "__metadata__", ()):
        for inner in [meta, *getattr(meta, "metadata", [])]:
            if getattr(inner, "pattern", None):
                return inner.pattern
    raise ValueError(f"{annotation!r} has no pattern")


def _pattern_hints() -> dict[str, tuple[str, str]]:
    contact = fields_of(Contact)
    return {
        _pattern(Identifier): ("编号以字母或数字开头，只含字母、数字和 _ . -（不含汉字和空格），不超过64个字符，如 HSJ-2024-0031",
                               "an id starts with a letter or digit and has only letters, digits, _ . and - "
                               "(at most 64), e.g. HSJ-2024-0031"),
        _pattern(ClauseNumber): ("条款号按方案的写法，如 33、三(一)2、3-5（不含空格和“第”“项”以外的标点）",
                                 "a clause number as the plan writes it, e.g. 33, 三(一)2 or 3-5"),
        _pattern(Sha256): ("SHA-256 摘要是64位小写十六进制字符", "a SHA-256 digest is 64 lower-case hex digits"),
        contact["phone"].scalar.pattern: ("电话为5-30位数字，可含 + - ( ) 和空格，如 0451-82621234",
                                          "a phone number has 5-30 digits and + - ( ) or spaces, e.g. 0451-82621234"),
        contact["email"].scalar.pattern: ("电子邮箱形如 name@example.gov.cn", "an e-mail address looks like name@example.gov.cn"),
        fields_of(Report)["plan"].scalar.pattern: (
            "方案编号由小写字母、数字和连字符组成，如 heilongjiang-2023（plancheck rules coverage 列出已有的方案）",
            "a plan id has lower-case letters, digits and hyphens, e.g. heilongjiang-2023 "
            "(plancheck rules coverage lists the plans)"),
    }


PATTERN_HINTS = _pattern_hints()


def shown(value: Any, size: int = 40) -> str:
    """A value as it was written, on one line and clipped (a 10 MB string makes a short message)."""
    text = getattr(value, "text", value)  # the XML reader's Unconverted keeps the text as written
    if isinstance(text, bool):
        text = "true" if text else "false"
    elif isinstance(text, (int, float)):
        text = plain_number(text)
    elif text is None:
        text = "null"
    elif not isinstance(text, str):
        text = repr(text)
    text = " ".join(text.split()) if text.strip() else text
    return text if len(text) <= size else text[: size - 1] + "…"


def _join(items: Iterable[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def choices(scalar: Scalar) -> tuple[str, str]:
    """The values a coded field may take, with their Chinese labels: (zh, en)."""
    name = scalar.type.__name__ if isinstance(scalar.type, type) and issubclass(scalar.type, Enum) else ""
    _, _, labels = CHOICES.get(name, ("", "", {}))
    offered = [v for v in scalar.choices or () if (name, v) not in NOT_SUGGESTED]
    zh = _join((f"{v}（{labels[v]}）" if v in labels else v for v in offered), "zh")
    return zh, _join(offered, "en")


def _choice_meant(scalar: Scalar, value: Any) -> Optional[str]:
    """The coded value meant by one written as its Chinese label (市场监管), or mistyped
    (Completed, market-regulation, complted): the closest of the choices, if one is close."""
    text = getattr(value, "text", value)
    if not isinstance(text, str) or not text.strip():
        return None
    name = scalar.type.__name__ if isinstance(scalar.type, type) else ""
    _, _, labels = CHOICES.get(name, ("", "", {}))
    offered = [v for v in scalar.choices or () if (name, v) not in NOT_SUGGESTED]
    names = {v: v for v in offered}
    names.update({labels[v]: v for v in offered if v in labels})
    near = close_matches(text.strip().lower().replace("-", "_").replace(" ", "_"), names, limit=1)
    return near[0] if near else None


def _choice_name(scalar: Scalar, field: str) -> tuple[str, str]:
    name = scalar.type.__name__ if isinstance(scalar.type, type) else ""
    zh, en, _ = CHOICES.get(name, (field, field, {}))
    return zh, en


def expected(scalar: Scalar, field: str) -> tuple[str, str]:
    """What a value of this kind looks like: (zh, en), each a sentence saying how to write it."""
    kind = scalar.type
    if scalar.choices is not None:
        zh, en = choices(scalar)
        name_zh, name_en = _choice_name(scalar, field)
        return f"{name_zh}应为 {zh}之一", f"{name_en} is one of {en}"
    if kind is dt.date:
        return _DATE_FIX
    if kind is dt.datetime:
        return _TIME_FIX
    if kind is bool:
        return _BOOL_FIX
    if kind in (int, float):
        what_zh, what_en = ("整数", "a whole number") if kind is int else ("数", "a number")
        if scalar.ge is not None and scalar.le is not None:
            low, high = plain_number(scalar.ge), plain_number(scalar.le)
            return (f"应为 {low} 至 {high} 之间的{what_zh}，只写阿拉伯数字，不带单位和千分位逗号",
                    f"write {what_en} from {low} to {high}, digits only, without unit or thousands separators")
        return f"应为{what_zh}，只写阿拉伯数字", f"write {what_en} in digits"
    if scalar.pattern in PATTERN_HINTS:
        return PATTERN_HINTS[scalar.pattern]
    if scalar.pattern:
        return f"应符合格式 {scalar.pattern}", f"write it in the form {scalar.pattern}"
    if scalar.max_length is not None:
        return (f"应为文字，不超过{scalar.max_length}个字符", f"write text of at most {scalar.max_length} characters")
    return "应为文字", "write text"


def _rewritten(scalar: Scalar, value: Any) -> tuple[str, str]:
    """What the value would be in the right form, when that can be told: (zh, en) or ("", "")."""
    written = getattr(value, "text", value)
    if not isinstance(written, str):
        return "", ""
    # full-width digits and punctuation typed with a Chinese input method (２０２４－０３－０１)
    text = unicodedata.normalize("NFKC", written)
    if scalar.type is dt.date:
        day = as_date(text) or (as_date(text[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text) else None)
        if day is not None:
            return f"；“{shown(written)}”应写作 {day.isoformat()}", f"; {shown(written)!r} is written {day.isoformat()}"
    if scalar.type is dt.datetime:
        moment = as_datetime(text)
        if moment is not None:
            return f"；“{shown(written)}”应写作 {moment}", f"; {shown(written)!r} is written {moment}"
    if scalar.type in (int, float):
        number = as_number(text)
        if number is not None:
            return f"；“{shown(written)}”应写作 {number}", f"; {shown(written)!r} is written {number}"
    return "", ""


def invalid(field: str, scalar: Scalar, error: dict[str, Any], value: Any) -> Said:
    """A value pydantic refused (`error` from ValidationError.errors(), its ctx kept)."""
    kind, ctx, said = error["type"], error.get("ctx") or {}, shown(value)
    fix_zh, fix_en = expected(scalar, field)
    cause = ctx.get("error")
    if isinstance(cause, InvalidValue):
        return Said(f"{field}：{cause.zh}", f"{field}: {cause}", cause.fix_zh, cause.fix_en)
    if scalar.choices is not None:
        name_zh, name_en = _choice_name(scalar, field)
        meant = _choice_meant(scalar, value)
        if meant is not None:
            fix_zh, fix_en = f"“{said}”应写作 {meant}；{fix_zh}", f"{said!r} is written {meant}; {fix_en}"
        return Said(f"{name_zh}“{said}”不是可选的值", f"{name_en} {said!r} is not one of the allowed values",
                    fix_zh, fix_en)
    if kind in ("string_too_long", "too_long"):
        most, length = ctx.get("max_length"), len(value) if isinstance(value, str) else "?"
        return Said(f"{field}过长：{length}个字符，最多{most}个", f"{field} is too long: {length} characters, at most {most}",
                    f"精简到{most}个字符以内", f"shorten it to at most {most} characters")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = plain_number(next(iter(ctx.values()))) if ctx else "?"
        zh, en = _BOUNDS[kind]
        return Said(f"{field}的值 {said} 超出范围：应{zh} {bound}", f"{field} {said} is out of range: it must be {en} {bound}",
                    fix_zh, fix_en)
    if kind == "string_pattern_mismatch" and scalar.pattern == credit_code.STRUCTURE and isinstance(value, str):
        zh, en = credit_code.explain(value) or ("", "")
        return Said(f"{field}“{said}”不是有效的统一社会信用代码：{zh}", f"{field} {said!r} is not a valid "
                    f"unified social credit code: {en}", "从营业执照或登记证书上照录18位代码",
                    "copy the 18-character code from the business licence or registration certificate")
    if kind == "string_pattern_mismatch":
        return Said(f"{field}“{said}”格式不对", f"{field} {said!r} is not in the expected form", fix_zh, fix_en)
    more_zh, more_en = _rewritten(scalar, value)
    if scalar.type is dt.date:
        why_zh, why_en = date_reason(value) if isinstance(value, str) else ("", "")
        return Said(f"{field}“{said}”不是有效日期{why_zh}", f"{field} {said!r} is not a valid date{why_en}",
                    fix_zh + more_zh, fix_en + more_en)
    if scalar.type is dt.datetime:
        why_zh, why_en = time_reason(value) if isinstance(value, str) else ("", "")
        return Said(f"{field}“{said}”不是有效的日期时间{why_zh}", f"{field} {said!r} is not a valid date-time{why_en}",
                    fix_zh + more_zh, fix_en + more_en)
    what_zh, what_en = {bool: ("true 或 false", "true or false"), int: ("整数", "a whole number"),
                        float: ("数字", "a number")}.get(scalar.type, ("文字", "text"))
    return Said(f"{field}应为{what_zh}，实为“{said}”", f"{field} should be {what_en}, not {said!r}",
                fix_zh + more_zh, fix_en + more_en)


def null(field: str, layout: FieldLayout) -> Said:
    """null where the format has an object or a list that cannot be left empty that way."""
    what_zh, what_en = ("对象", "an object") if layout.kind == "model" else ("列表", "a list")
    return Said(f"{field}应为{what_zh}，不能为 null", f"{field} should be {what_en}, not null",
                f"写成{what_zh}，或删去该字段（选填时）", f"write {what_en}, or leave the field out where it is optional")


def missing(field: str, layout: FieldLayout) -> Said:
    if layout.kind == "scalar":
        how_zh, how_en = expected(layout.scalar, field)
    else:
        names = ", ".join(fields_of(layout.model)) if layout.model is not None else ""
        how_zh, how_en = (f"{field}是一个对象，字段有 {names}", f"{field} is an object with the fields {names}") \
            if layout.kind == "model" else (f"{field}是一个列表", f"{field} is a list")
    return Said(f"缺少必填字段 {field}", f"required field {field!r} is missing",
                f"填写 {field}：{how_zh}", f"add {field}: {how_en}")


def unknown(field: str, allowed: Iterable[str]) -> Said:
    names = list(allowed)
    guess_zh, guess_en = did_you_mean(field, names, limit=1)
    said = shown(field)
    return Said(f"未知字段 {said}（格式中没有该字段，其内容未核查）",
                f"unknown field {said!r} (not in the format; its content was not checked)",
                f"删去该字段，或改用此处允许的字段名：{_join(names, 'zh')}{guess_zh}",
                f"remove it, or use one of the names allowed here: {_join(names, 'en')}{guess_en}")


def too_many(field: str, count: int, most: int) -> Said:
    return Said(f"{field}最多{most}项，实为{count}项；只核查了前{most}项",
                f"{field} has {count} items, at most {most} are allowed; only the first {most} were checked",
                f"删去多余的{count - most}项", f"remove the {count - most} items over the limit")


def duplicate(field: str, value: Any, first: str) -> Said:
    return Said(f"{field}“{shown(value)}”与 {first} 重复", f"{field} {shown(value)!r} repeats {first}",
                f"每项的{field}应唯一：更正其中一项；若同一事项填了两次，删去一项",
                f"each {field} must be unique: correct one of them, or remove the item entered twice")


def inconsistent(cause: InvalidValue) -> Said:
    return Said(cause.zh, str(cause), cause.fix_zh, cause.fix_en)
