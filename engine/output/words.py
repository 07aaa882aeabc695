"""Words the output formats need beyond engine/labels.py (kept here, inside engine/output)."""
from __future__ import annotations

OUT = {
    "zh": {
        "waived": "已豁免", "waiver": "豁免 {id}（{approval_number}，{approver} 批准，有效期至 {expires}）：{justification}",
        "waivers_expired": "已过期的豁免（不再适用）", "waivers_unused": "未匹配任何问题的豁免",
        "expired_line": "{id} 规则 {rule}，{kind}范围，已于 {expires} 到期{would}",
        "would": "；若仍有效将豁免 {n} 项问题", "unused_line": "{id} 规则 {rule}，{kind}范围（{where}）",
        "waived_count": "已豁免 {n} 项", "location": "位置",
        "todo_head": "{department} 自查待办清单（{plan}，{start}—{end}）",
        "todo_none": "没有待办事项：本部门负责的条款均未发现问题。",
        "todo_missing": "缺什么", "todo_add": "补什么", "todo_clause": "依据条款",
        "scope": {"department": "部门", "report": "报告", "subject": "单项"},
        "total": "合计：{total} 项问题（{severity}；{category}）",
        "progress": "检查中 {i}/{n}：{path}",
    },
    "en": {
        "waived": "waived", "waiver": "waiver {id} ({approval_number}, approved by {approver}, until {expires}): {justification}",
        "waivers_expired": "Expired waivers (no longer applied)", "waivers_unused": "Waivers that matched nothing",
        "expired_line": "{id} rule {rule}, {kind} scope, expired on {expires}{would}",
        "would": "; would waive {findings}", "unused_line": "{id} rule {rule}, {kind} scope ({where})",
        "waived_count": "{n} waived", "location": "Location",
        "todo_head": "Self-check to-do list of {department} ({plan}, {start} to {end})",
        "todo_none": "Nothing to do: no findings on the clauses this department answers for.",
        "todo_missing": "Missing", "todo_add": "Add", "todo_clause": "Clause",
        "scope": {"department": "department", "report": "report", "subject": "subject"},
        "total": "Total: {findings} ({severity}; {category})",
        "progress": "checking {i}/{n}: {path}",
    },
}
