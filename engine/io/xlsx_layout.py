"""The Excel layout of the report: which sheet and column holds which model field (shared by the
workbook reader, the writer and the template).

Like engine.io.xml_layout, nothing here lists the report's fields: sheets and columns are read
off the pydantic models, so a field added to the models gets a column (headed by its field name
until a Chinese label is added below) without touching the reader or the writer.

- The report's header (format version, plan, department, period, submission, contact) is the
  sheet 报告信息, one field a row: label, value, field name.
- Every list of records is a sheet, one record a row. Row 1 holds the Chinese column labels, row
  2 the field names the reader goes by (a nested record's fields are dotted: `conduct.kind`), the
  records start on row 3. A list of plain values (penalty kinds, team members) is one cell,
  its values separated by 、 or a new line.
- A list of records inside a record (a task's evidence, a penalty's postings, a referral's
  attachments) is a sheet of its own whose first column names the record it belongs to by that
  record's identifier (the task's clause, the case's id).
- A column whose field name starts with `#` is a note for the person filling in the workbook
  (the clause text beside a task) and is never read.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Optional

from pydantic import BaseModel

from .duplicates import IDENTIFIERS
from .xml_layout import Scalar, fields_of
from ..labels import CHOICES, VALUE
from ..model.report import Report

HEADER_SHEET = "报告信息"
README_SHEET = "填表说明"
OPTIONS_SHEET = "选项"  # the drop-down lists' values (hidden)
# Sheets the reader knows and skips: they explain the workbook and carry no report data.
AUXILIARY_SHEETS = (README_SHEET, OPTIONS_SHEET)
LABEL_ROW, FIELD_ROW, FIRST_DATA_ROW = 1, 2, 3
NOTE_PREFIX = "#"
REQUIRED_MARK = "（必填）"  # after a required field's label on the header sheet
# Values of a list held in one cell are separated by one of these: the first of them the cell
# holds, in this order, so a name with a comma in a list split by new lines stays whole. A clerk
# types 、 or a comma; Excel's Alt+Enter gives a new line. The writer uses 、, or new lines where a
# value holds a separator (join_list).
LIST_SEPARATORS = ("\n", "、", "；", ";", "，", ",")
WRITTEN_SEPARATOR = "、"


def split_list(text: str) -> list[str]:
    """The values of a list held in one cell."""
    separator = next((s for s in LIST_SEPARATORS if s in text), None)
    parts = text.split(separator) if separator else [text]
    return [p.strip() for p in parts if p.strip()]


def join_list(values: list[str]) -> str:
    """One cell's text for a list of values (the reader's split_list gives them back). Values that
    hold a separator are put on lines of their own, ending with a new line, so that even a single
    value (江苏、浙江联合执法组) is read whole."""
    if not any(s in v for v in values for s in LIST_SEPARATORS):
        return WRITTEN_SEPARATOR.join(values)
    return "\n".join(values) + "\n"


TRUE_WORDS = ("是", "true", "TRUE", "True", "1", "Y", "y", "yes")
FALSE_WORDS = ("否", "false", "FALSE", "False", "0", "N", "n", "no")

# Sheet names of the report's lists, by the dotted path of the list from the report (a child
# list: from its parent record). A list missing here gets its path as sheet name.
SHEET_NAMES: dict[str, str] = {
    "tasks": "任务",
    "tasks.evidence": "任务佐证",
    "metrics": "指标",
    "cases": "案件",
    "cases.penalty.publications": "处罚公示",
    "referrals": "移送",
    "referrals.attachments": "移送材料",
    "received_referrals": "接收移送",
    "credit_list": "失信名单",
    "credit_list.publications": "名单公示",
    "publications": "发布物",
}

# Chinese words for the field names (a nested record's prefix and its field are joined:
# conduct.end -> 违法行为 + 终了日期). A coded field takes its enum's name from engine.labels.
_WORDS: dict[str, str] = {
    "schema_version": "格式版本", "plan": "计划编号", "department": "报送部门", "name": "名称",
    "kinds": "其他类型", "aliases": "别名", "code": "统一社会信用代码", "region": "地区",
    "period": "报告期", "start": "开始日期", "end": "结束日期", "submitted": "报送日期",
    "contact": "联系人", "phone": "电话", "email": "电子邮箱",
    "clause": "条款编号", "justification": "不适用理由", "narrative": "落实情况",
    "id": "编号", "title": "标题", "doc_number": "文号", "issuer": "发文单位", "date": "日期",
    "url": "网址", "file_name": "文件名", "sha256": "文件SHA-256", "output": "成果编号",
    "key": "指标", "value": "数值", "unit": "单位", "evidence_refs": "佐证编号",
    "conduct": "违法行为", "description": "描述", "party": "当事人", "type": "类型",
    "credit_code": "统一社会信用代码", "filed_date": "立案日期", "closed_date": "结案日期",
    "amounts": "", "items_seized": "是否查扣物品", "testing_required": "是否需检验鉴定",
    "suspected_crime": "是否涉嫌犯罪", "penalty": "处罚", "decision_number": "决定书文号",
    "decision_date": "决定日期", "fine": "罚款金额（元）", "site_name": "网站名称",
    "publisher": "发布单位", "registration_place_push": "推送登记地", "recipient": "接收部门",
    "case_id": "案件编号", "team_members": "办案人员", "report_received": "收到移送报告日期",
    "decision": "决定", "at": "时间", "reasons": "理由", "transferred_at": "移送时间",
    "police_unit": "接受移送的公安机关", "police_receipt_at": "公安机关回执时间",
    "police_decision": "公安机关决定", "notice_number": "通知书文号", "notice_date": "通知书日期",
    "notice_received": "收到通知书日期", "handover": "移交", "note": "说明",
    "procuratorate_copy": "抄送检察院", "referral_id": "移送编号", "from_department": "移送部门",
    "transfer_letter_number": "移送书文号", "received_at": "接受移送时间", "forwarded": "转送",
    "entity_name": "当事人名称", "reason": "理由", "removal_date": "移出日期",
    "removal_decision_number": "移出决定书文号", "decided_by": "列入决定机关",
    "year_covered": "所涉年度", "published": "发布日期", "not_applicable": "不适用",
    "role": "角色", "status": "状态", "scope": "统计范围",
    **{name: VALUE["zh"][name] for name in ("illegal_business_volume", "illegal_gains", "sales_amount",
                                             "rights_holder_loss", "infringing_copies", "counterfeit_marks")},
}


# Whole labels where the composed one would mislead.
_LABELS = {"department.kinds": "部门其他类型", "period.start": "报告期开始日期", "period.end": "报告期结束日期",
           "conduct.end": "违法行为终了日期", "penalty.fine": "罚款金额（元）"}


@dataclass(frozen=True)
class Column:
    """One cell of a record: the field's path inside the record and what it may hold."""

    path: tuple[str, ...]
    scalar: Scalar
    required: bool  # required in its record (and its record's enclosing records)
    many: bool = False  # a list of plain values, held in one cell

    @property
    def key(self) -> str:
        return ".".join(self.path)

    @property
    def label(self) -> str:
        """The Chinese column label: a coded field by its enum's name (违法行为类型), any other by
        its record's words and its own (违法行为终了日期); the field name where there are none."""
        if self.key in _LABELS:
            return _LABELS[self.key]
        choices = _choices(self.scalar)
        if choices:
            return CHOICES[choices][0]
        return "".join(_word(part) for part in self.path) or self.key


def _word(name: str) -> str:
    return _WORDS.get(name, name)


def _choices(scalar: Scalar) -> Optional[str]:
    """The engine.labels CHOICES entry of a coded field, if there is one."""
    if isinstance(scalar.type, type) and issubclass(scalar.type, Enum) and scalar.type.__name__ in CHOICES:
        return scalar.type.__name__
    return None


def value_labels(scalar: Scalar) -> dict[str, str]:
    """code -> the Chinese word shown in the workbook (the code itself where there is none)."""
    if scalar.choices is None:
        return {}
    name = _choices(scalar)
    words = CHOICES[name][2] if name else {}
    return {code: words.get(code, code) for code in scalar.choices}


@dataclass(frozen=True)
class SheetLayout:
    """One list of the report as a sheet."""

    name: str
    path: tuple[str, ...]  # the list's field path: from the report, or from the parent record
    model: type[BaseModel]
    columns: tuple[Column, ...]
    parent: Optional[str] = None  # the parent list's sheet name (a list inside a record)
    parent_key: Optional[str] = None  # the parent record's identifying field

    @property
    def key_label(self) -> str:
        return f"所属{self.parent}（{_word(self.parent_key or '')}）"

    @property
    def key_field(self) -> str:
        """The field-row name of the first column of a child sheet."""
        return f"^{self.parent_key}"


def _flatten(model: type[BaseModel], prefix: tuple[str, ...], required: bool, columns: list,
             children: list) -> None:
    """The columns of a record: its values and those of the records inside it (an optional one
    that is left blank is simply absent when read); lists of records go to `children`."""
    for name, f in fields_of(model).items():
        path = prefix + (name,)
        if f.kind == "scalar":
            columns.append(Column(path, f.scalar, required and f.required))
        elif f.kind == "model":
            _flatten(f.model, path, required and f.required, columns, children)
        elif f.model is None:
            columns.append(Column(path, f.scalar, required and f.required, many=True))
        else:
            children.append((path, f.model))


def _sheet_name(dotted: str) -> str:
    return SHEET_NAMES.get(dotted, dotted)[:31]


@cache
def header_columns() -> tuple[Column, ...]:
    """The header sheet's fields (the report's values that are not lists of records)."""
    columns: list[Column] = []
    children: list = []
    _flatten(Report, (), True, columns, children)
    return tuple(columns)


@cache
def sheets() -> tuple[SheetLayout, ...]:
    """The report's list sheets, each parent before its children, in model field order."""
    out: list[SheetLayout] = []
    for name, f in fields_of(Report).items():
        if f.kind != "list" or f.model is None:
            continue
        _add_sheet(out, (name,), name, f.model, None, None)
    return tuple(out)


def _add_sheet(out: list, path: tuple[str, ...], dotted: str, model: type[BaseModel],
               parent: Optional[str], parent_key: Optional[str]) -> None:
    columns: list[Column] = []
    children: list = []
    _flatten(model, (), True, columns, children)
    sheet = SheetLayout(_sheet_name(dotted), path, model, tuple(columns), parent, parent_key)
    out.append(sheet)
    key = IDENTIFIERS.get(dotted.split(".")[0])
    for child_path, child_model in children:
        if key is None:
            raise KeyError(f"list {dotted!r} has records inside its records but no identifier in IDENTIFIERS")
        _add_sheet(out, child_path, f"{dotted}.{'.'.join(child_path)}", child_model, sheet.name, key)


def sheet_named(name: str) -> Optional[SheetLayout]:
    return next((s for s in sheets() if s.name == name), None)


def is_date(scalar: Scalar) -> bool:
    return scalar.type is dt.date


def is_datetime(scalar: Scalar) -> bool:
    return scalar.type is dt.datetime
