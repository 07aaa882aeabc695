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
        # what a stated date (engine.stated_dates) is the date of
        "evidence_date": "佐证材料日期", "conduct_end": "违法行为终了日期", "case_filed": "立案日期", "case_closed": "结案日期",
        "penalty_decision": "行政处罚决定日期", "penalty_publication": "行政处罚信息公示日期",
        "referral_report_received": "收到移送报告日期", "referral_decision": "移送审批决定时间",
        "referral_transferred": "移送时间", "police_receipt": "公安机关回执时间", "police_decision": "公安机关立案或不予立案决定日期",
        "handover": "涉案物品和材料移交日期", "procuratorate_copy": "抄送检察院日期", "referral_received": "接受移送时间",
        "credit_decision": "列入严重违法失信名单决定日期", "credit_publication": "失信名单公示日期", "publication": "发布日期",
        "penalty_push": "推送登记地市场监管部门日期", "police_notice": "立案（不予立案）通知书日期",
        "police_notice_received": "收到立案（不予立案）通知书日期", "referral_forwarded": "转送有管辖权机关时间",
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
        # what a stated date (engine.stated_dates) is the date of
        "evidence_date": "evidence date", "conduct_end": "end of the conduct", "case_filed": "filing date",
        "case_closed": "closing date", "penalty_decision": "penalty decision date",
        "penalty_publication": "penalty publication date",
        "referral_report_received": "date the referral report was received",
        "referral_decision": "referral approval time", "referral_transferred": "transfer time",
        "police_receipt": "police receipt time", "police_decision": "police filing decision date",
        "handover": "handover date", "procuratorate_copy": "procuratorate copy date",
        "referral_received": "time the referral was received", "credit_decision": "listing decision date",
        "credit_publication": "listing publication date", "publication": "publication date",
        "penalty_push": "date of the push to the registration-place regulator", "police_notice": "date of the filing notice",
        "police_notice_received": "date the filing notice was received", "referral_forwarded": "time the case was forwarded",
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
