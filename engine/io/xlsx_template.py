"""The Excel form of a department's blank report (`plancheck template --format xlsx`): the report
engine.template builds, with the clause's title and text and what to report and which evidence
it needs beside each task row (from the template builder's own text), and a 填表说明 sheet.

In the workbook the task's guidance stands beside the row, so the row's 落实情况 (narrative)
cell holds only the template's marker (【待填报】, engine.template_markers) instead of the whole
guidance as the JSON template's does: a workbook sent back untouched fails as the JSON one does
(TASK-NARRATIVE-UNFILLED).
"""
from __future__ import annotations

from .xlsx_layout import HEADER_SHEET, SHEET_NAMES, WRITTEN_SEPARATOR
from .xlsx_write import Note, write_xlsx
from ..labels import CHOICES
from ..model.report import Report
from ..rules.plan_model import Plan
from ..template_markers import UNFILLED

TASKS_SHEET = SHEET_NAMES["tasks"]


def readme(plan: Plan, report: Report) -> list[str]:
    """The lines of the 填表说明 sheet."""
    statuses = "、".join(word for code, word in CHOICES["TaskStatus"][2].items() if code != "unreported")
    return [
        f"{report.department.name} {report.period.start}至{report.period.end} 落实《{plan.title}》情况报告（填报表）",
        "",
        "一、怎么填",
        f"1. 「{HEADER_SHEET}」填写报送部门、报告期、报送日期和联系人；B 列填写内容，C 列字段名不要改动。",
        f"2. 「{TASKS_SHEET}」每行一个条款：把状态从“待填报”改为{statuses}，在“落实情况”写明做了什么；"
        "不适用的写明理由。右侧黄色列是条款原文、列入依据和所需佐证，只供参考，不会被读取。",
        "3. 其他工作表（任务佐证、指标、案件、移送、移送材料、接收移送、失信名单、名单公示、处罚公示、发布物）每行一条记录，"
        "没有的留空即可。「任务佐证」「处罚公示」「移送材料」「名单公示」的第一列填所属记录的条款编号或编号。",
        "4. 第 1 行是中文列名，第 2 行（灰色）是系统读取用的字段名，请勿修改或删除；数据从第 3 行起填写，可以插入行、排序、筛选。",
        "5. 带下拉箭头的单元格请从列表中选择（状态、角色、类型、平台等）；“是否”类列填 是 或 否。",
        "6. 日期填 2024-03-01 这样的日期（日期格式单元格或文本均可）；时间填 2024-03-01 09:30，按北京时间理解。",
        f"7. 一格填多个值（如处罚种类、办案人员）时用“{WRITTEN_SEPARATOR}”分隔（或逗号、分号、Alt+Enter 换行）。",
        "8. 金额以元为单位填数字。设置为百分比格式的单元格按显示的数字读取（显示 98.6% 即读作 98.6），"
        "单位列写 %。",
        "",
        "二、怎么检查",
        "填好后保存为 .xlsx（Excel 或 WPS 均可，不要加密码、不要带宏或外部链接），运行：",
        "    plancheck check 报告.xlsx",
        "问题会指明所在单元格，如 案件!D5。",
    ]


def template_xlsx(plan: Plan, report: Report) -> bytes:
    """The workbook of the blank report `report` (built by engine.template.build_template)."""
    clauses = [plan.clause(task.clause) for task in report.tasks]
    notes = [
        Note("#clause_title", "条款名称（参考）", [c.title if c else "" for c in clauses], 24),
        Note("#clause_text", "条款原文（参考）", [c.text if c else "" for c in clauses], 60),
        Note("#guidance", "列入依据、填报要求和所需佐证（参考）", [t.narrative or "" for t in report.tasks], 80),
    ]
    marker = f"{UNFILLED}请在此写明本部门的落实情况（要求见本行右侧的说明）"
    blank = report.model_copy(update={"tasks": [t.model_copy(update={"narrative": marker}) for t in report.tasks]})
    return write_xlsx(blank, readme(plan, report), {TASKS_SHEET: notes})

