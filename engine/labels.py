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
        # a task's status
        "not_started": "未开始", "in_progress": "推进中", "completed": "已完成", "not_applicable": "不适用",
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
        "not_started": "not started", "in_progress": "in progress", "completed": "completed",
        "not_applicable": "not applicable",
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

# The values each coded field of a report may take (engine.model.report's enums, by class name):
# what the field is called, and each value's Chinese label, for messages that say what to write.
CHOICES: dict[str, tuple[str, str, dict[str, str]]] = {
    "DepartmentKind": ("部门类型", "department kind", {
        "market_regulation": "市场监管", "ip_office": "知识产权局", "copyright": "版权局",
        "culture_tourism": "文化和旅游", "public_security": "公安", "court": "法院", "procuratorate": "检察院",
        "agriculture": "农业农村", "forestry": "林业和草原", "customs": "海关", "justice": "司法行政",
        "commerce": "商务", "cyberspace": "网信", "industry_it": "工业和信息化", "financial_regulation": "金融监管",
        "education": "教育", "other": "其他部门",
    }),
    "AdminLevel": ("层级", "level", {"province": "省级", "prefecture": "市级", "county": "县级"}),
    "EvidenceKind": ("佐证类型", "evidence kind", {
        "document": "文件", "notice": "通知", "minutes": "会议纪要", "web_page": "网页", "statistics": "统计数据",
        "photo": "照片", "other": "其他",
    }),
    "TaskStatus": ("状态", "status", {
        "not_started": "未开始", "in_progress": "推进中", "completed": "已完成", "not_applicable": "不适用",
        "unreported": "待填报",
    }),
    "TaskRole": ("角色", "role", {"lead": "牵头", "participant": "参与"}),
    "MetricScope": ("统计范围", "scope", {"own": "本部门", "region": "本地区"}),
    "IpType": ("知识产权类型", "IP type", {
        "patent": "专利", "trademark": "商标", "copyright": "著作权", "geographical_indication": "地理标志",
        "plant_variety": "植物新品种", "trade_secret": "商业秘密", "other": "其他",
    }),
    "ConductKind": ("违法行为类型", "conduct", {
        "counterfeit_trademark": "假冒注册商标", "sell_counterfeit_trademark_goods": "销售假冒注册商标的商品",
        "illegal_trademark_marks": "非法制造、销售非法制造的注册商标标识", "counterfeit_patent": "假冒专利",
        "copyright_infringement": "侵犯著作权", "sell_infringing_copies": "销售侵权复制品",
        "trade_secret_infringement": "侵犯商业秘密", "other": "其他",
    }),
    "PartyType": ("当事人类型", "party type", {
        "company": "企业", "individual_business": "个体工商户", "natural_person": "自然人",
    }),
    "AmountKind": ("数额类型", "amount kind", {
        "illegal_business_volume": "非法经营数额", "illegal_gains": "违法所得数额", "sales_amount": "销售金额",
        "rights_holder_loss": "给权利人造成的损失", "infringing_copies": "复制品数量", "counterfeit_marks": "标识数量",
    }),
    "Disposition": ("处理结果", "disposition", {
        "pending": "办理中", "referred": "已移送", "penalised": "已处罚",
        "penalised_after_police_declined": "公安机关不予立案后处罚", "closed_without_penalty": "结案未处罚",
    }),
    "PenaltyKind": ("处罚种类", "penalty kind", {
        "warning": "警告", "fine": "罚款", "confiscation": "没收", "licence_suspension": "暂扣许可证件",
        "licence_revocation": "吊销许可证件", "business_suspension": "责令停产停业", "other": "其他",
    }),
    "PenaltyProcedure": ("处罚程序", "penalty procedure", {"ordinary": "普通程序", "summary": "简易程序"}),
    "PublicationPlatform": ("公示平台", "platform", {
        "credit_china": "信用中国", "gsxt": "国家企业信用信息公示系统", "department_website": "部门网站", "other": "其他",
    }),
    "ApprovalOutcome": ("审批结果", "outcome", {"approved": "批准移送", "refused": "不批准移送"}),
    "AttachmentKind": ("材料类型", "attachment kind", {
        "transfer_letter": "涉嫌犯罪案件移送书", "investigation_report": "涉嫌犯罪案件情况的调查报告",
        "seized_items_list": "涉案物品清单", "test_report": "检验报告或鉴定结论", "other_materials": "其他有关涉嫌犯罪的材料",
    }),
    "PoliceOutcome": ("公安机关决定", "police decision", {"filed": "立案", "not_filed": "不予立案"}),
    "PublicationKind": ("发布物类型", "publication kind", {
        "ip_protection_white_paper": "知识产权保护状况白皮书",
        "court_judicial_protection_white_paper": "法院知识产权司法保护状况白皮书",
        "court_ip_trial_white_paper": "知识产权审判工作白皮书",
        "satisfaction_survey": "知识产权保护社会满意度调查报告",
        "protection_level_assessment": "知识产权保护水平评估", "typical_cases": "典型案例",
    }),
}
# Values a report may hold but a message never suggests: 待填报 is the template's placeholder.
NOT_SUGGESTED = {("TaskStatus", "unreported")}


def choices_help(enum_name: str, values: list[str]) -> str:
    """A coded field's values with what each means, Chinese then one English line: the help the
    report's schemas (JSON Schema description, XSD documentation) give on hover."""
    zh, en, labels = CHOICES[enum_name]
    return (f"{zh}：" + "；".join(f"{v} {labels.get(v, v)}" for v in values) + "。\n"
            f"{en[:1].upper()}{en[1:]}: one of {', '.join(values)}.")
