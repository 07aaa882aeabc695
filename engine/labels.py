"""Human labels for severities, categories and report values, in Chinese and English."""
from __future__ import annotations

SEVERITY = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
CATEGORY = {
    "zh": {
        "gap": "缺项", "missing_evidence": "缺少佐证", "deadline": "超期",
        "threshold": "未达标", "inconsistency": "不一致", "invalid_value": "无效值",
    },
    "en": {
        "gap": "gap", "missing_evidence": "missing evidence", "deadline": "missed deadline",
        "threshold": "missed target", "inconsistency": "inconsistency", "invalid_value": "invalid value",
    },
}
WORDS = {
    "zh": {
        "clause": "第{clause}项", "no_clause": "（不对应计划条款）", "basis": "依据", "fix": "整改",
        "note": "注", "verdict_pass": "结论：通过", "verdict_fail": "结论：不通过",
        "counts": "错误 {error}，警告 {warning}，提示 {info}", "none": "未发现问题。",
        "why": "说明",
    },
    "en": {
        "clause": "Item {clause}", "no_clause": "(no plan clause)", "basis": "Basis", "fix": "Fix",
        "note": "Note", "verdict_pass": "Verdict: PASS", "verdict_fail": "Verdict: FAIL",
        "counts": "{error} errors, {warning} warnings, {info} info", "none": "No findings.",
        "why": "Why",
    },
}

# Report values as they should read inside a Chinese or English message.
VALUE = {
    "zh": {
        "illegal_business_volume": "非法经营数额", "illegal_gains": "违法所得数额",
        "sales_amount": "销售金额", "rights_holder_loss": "给权利人造成的损失",
        "infringing_copies": "复制品数量", "counterfeit_marks": "标识数量",
        "credit_china": "信用中国", "gsxt": "国家企业信用信息公示系统",
        "department_website": "部门网站", "transfer_letter": "涉嫌犯罪案件移送书",
        "investigation_report": "涉嫌犯罪案件情况的调查报告", "seized_items_list": "涉案物品清单",
        "test_report": "检验报告或鉴定结论", "other_materials": "其他有关涉嫌犯罪的材料",
        "filed": "立案", "not_filed": "不予立案",
        "ordinary": "普通程序", "summary": "简易程序",
    },
    "en": {
        "illegal_business_volume": "illegal business volume", "illegal_gains": "illegal gains",
        "sales_amount": "sales amount", "rights_holder_loss": "loss to the rights holder",
        "infringing_copies": "infringing copies", "counterfeit_marks": "counterfeit marks",
        "credit_china": "Credit China", "gsxt": "the National Enterprise Credit Information Publicity System",
        "department_website": "the department's website", "transfer_letter": "referral letter",
        "investigation_report": "investigation report", "seized_items_list": "list of seized items",
        "test_report": "test report or appraisal", "other_materials": "other materials",
        "filed": "to file", "not_filed": "not to file",
        "ordinary": "ordinary procedure", "summary": "summary procedure",
    },
}

# Penalty kinds (engine.model.report.PenaltyKind) as a decision names them, in the enum's order.
PENALTY_KIND = {
    "zh": {
        "warning": "警告", "fine": "罚款", "confiscation": "没收违法所得、非法财物",
        "licence_suspension": "暂扣许可证件、降低资质等级", "licence_revocation": "吊销许可证件",
        "business_suspension": "责令停产停业、限制生产经营", "other": "其他行政处罚",
    },
}
