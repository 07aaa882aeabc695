"""The pages' words in Chinese (the default, for clerks) and English, and which language a
request wants: `?lang=` (remembered in a cookie), else the cookie, else Chinese."""
from __future__ import annotations

from starlette.requests import Request

LANGS = ("zh", "en")
COOKIE = "plancheck_lang"

WORDS = {
    "zh": {
        "site": "知识产权保护计划落实情况自查",
        "nav_check": "核查报告", "nav_start": "开始填报", "nav_plans": "浏览计划", "nav_api": "接口说明",
        "switch": "English",
        "check_title": "核查报告",
        "check_intro": "选择计划（可选择部门），上传一份或多份报告（JSON、XML 或 Excel），即可看到与命令行 "
                       "--format html 相同的核查结果。报告只在内存中核查，不保存。",
        "plan": "计划", "any_plan": "（按报告中填写的计划）", "department": "部门（可选，填写后为本部门自查）", "department_required": "部门",
        "department_hint": "输入时会提示相近的部门名称", "files": "报告文件",
        "drop": "把报告文件拖到这里，或点击选择文件", "submit_check": "核查",
        "fail_level": "不通过的最低级别", "level_error": "错误", "level_warning": "警告", "level_info": "提示",
        "result_title": "核查结果", "download": "下载核查结果", "check_another": "再核查一份",
        "result_gone": "核查结果已过期或不存在（结果只在内存中保留一小时），请重新上传报告。",
        "start_title": "开始填报", "start_intro": "选择计划、部门和年度，下载空白报告模板；模板列出本部门应填报的每一项及所需佐证材料。",
        "year": "年度", "kind": "部门类型（计划未列明时填写）", "level": "行政级别（计划未列明时填写）",
        "auto": "（按部门名称判断）", "format": "格式", "submit_template": "下载模板",
        "plans_title": "浏览计划", "clauses": "条款", "clause": "条款", "check": "核查方式", "rules": "规则",
        "reason": "说明", "issuer": "发文机关", "plan_period": "计划期", "departments": "计划列明的部门",
        "rule_title": "规则说明", "explain": "说明", "other_rules": "适用于各条款或国家规定的规则",
        "check_rules": "由规则核查", "check_evidence": "仅核查佐证材料", "check_not_checkable": "无法自动核查",
        "error_title": "无法核查", "busy": "服务器正忙，请稍后再试。", "too_large": "上传的文件超过大小限制（{limit} 字节）。",
        "no_files": "请至少选择一份报告文件。", "too_many_files": "一次最多上传 {limit} 份报告。", "not_found": "页面不存在。", "unknown_plan": "未知的计划：{plan}",
        "unknown_rule": "未知的规则：{rule}",
        "verdict_summary": "共核查 {reports} 份报告，{failing} 个问题达到不通过级别；{errors} 份文件无法读取。",
        "printable": "本页可直接打印。",
    },
    "en": {
        "site": "IP-protection plan report self-check",
        "nav_check": "Check a report", "nav_start": "Start a report", "nav_plans": "Browse plans", "nav_api": "API",
        "switch": "中文",
        "check_title": "Check a report",
        "check_intro": "Pick the plan (and optionally the department), upload one or more reports (JSON, XML or "
                       "Excel) and get the same findings as --format html. Reports are checked in memory and not kept.",
        "plan": "Plan", "any_plan": "(the plan the report names)", "department": "Department (optional: a self-check)", "department_required": "Department",
        "department_hint": "close matches are offered as you type", "files": "Report files",
        "drop": "Drop report files here, or click to choose", "submit_check": "Check",
        "fail_level": "Lowest failing severity", "level_error": "error", "level_warning": "warning", "level_info": "info",
        "result_title": "Findings", "download": "Download the findings", "check_another": "Check another report",
        "result_gone": "These findings have expired or never existed (results are kept in memory for an hour); "
                       "please upload the report again.",
        "start_title": "Start a report", "start_intro": "Choose the plan, your department and the year, and download "
                       "a blank report listing every item your department reports on and the evidence each needs.",
        "year": "Year", "kind": "Kind of department (where the plan does not say)",
        "level": "Administrative level (where the plan does not say)", "auto": "(read off the name)",
        "format": "Format", "submit_template": "Download the template",
        "plans_title": "Browse plans", "clauses": "Clauses", "clause": "Clause", "check": "Checked by", "rules": "Rules",
        "reason": "Note", "issuer": "Issued by", "plan_period": "Plan period", "departments": "Departments the plan names",
        "rule_title": "Rule", "explain": "Explanation", "other_rules": "Rules on every clause or from national law",
        "check_rules": "rules", "check_evidence": "evidence only", "check_not_checkable": "not checkable",
        "error_title": "Cannot check", "busy": "The server is busy; please try again shortly.",
        "too_large": "The upload is over the size limit ({limit} bytes).", "no_files": "Choose at least one report file.",
        "too_many_files": "At most {limit} reports per upload.",
        "not_found": "No such page.", "unknown_plan": "Unknown plan: {plan}", "unknown_rule": "Unknown rule: {rule}",
        "verdict_summary": "{reports} report(s) checked, {failing} finding(s) at or above the failing level; "
                           "{errors} file(s) could not be read.",
        "printable": "This page prints as it is.",
    },
}


def request_lang(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    remembered = request.cookies.get(COOKIE)
    return remembered if remembered in LANGS else "zh"
