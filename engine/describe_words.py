"""Plain words for what rules look at, so `explain` and `rules show` describe a condition the way
a clerk reads a report ("一项移送：移送时间未填写"), never by the engine's fact and field names.

Every fact type and field a bundled rule names has words here (tests/test_describe.py checks
it); a field of a new rule without words is shown as it is spelled, so nothing is hidden.
Dates a rule compares as working days (`_wd`, `_wdc`) or timestamps (`_ts`) read as the date.
"""
from __future__ import annotations

# fact type -> (zh, en): what one fact of that type is, as a noun
FACTS: dict[str, tuple[str, str]] = {
    "report": ("报告", "report"),
    "required_clause": ("本部门应报告的条款", "clause the department answers for"),
    "suggested_clause": ("建议本部门报告的条款", "clause suggested to the department"),
    "task": ("任务（条款落实情况）", "task (how a clause was carried out)"),
    "evidence": ("佐证材料", "evidence item"),
    "plan_output": ("计划列明的成果", "output the plan names"),
    "output_evidence": ("显示计划成果的佐证材料", "evidence item showing a plan output"),
    "metric": ("指标", "metric"),
    "publication": ("发布记录", "publication"),
    "case": ("案件", "case"),
    "amount": ("案件涉案数额", "amount of a case"),
    "referral": ("移送涉嫌犯罪案件", "referral of a suspected crime"),
    "received_referral": ("接受移送的案件", "referral received"),
    "attachment": ("移送材料", "referral document"),
    "credit_entry": ("严重违法失信名单记录", "serious-dishonesty list entry"),
    "credit_posting": ("失信名单公示", "listing publication"),
    "penalty_posting": ("行政处罚信息公示", "penalty publication"),
    "threshold": ("刑事追诉标准", "criminal prosecution threshold"),
    "threshold_change": ("追诉标准的调整", "change of the prosecution threshold"),
    "threshold_not_encoded": ("未收录追诉标准的时段", "period with no prosecution threshold on record"),
    "stated_date": ("报告中填写的日期", "date stated in the report"),
    "value_problem": ("无效或矛盾的填报值", "invalid or contradictory value"),
}

# binding names whose role says more than their fact type (the reports of a batch reconciliation)
BINDINGS: dict[str, tuple[str, str]] = {
    "rep": ("本报告", "this report"),
    "sender": ("移送部门的报告", "the referring department's report"),
    "police": ("公安机关的报告", "the public-security bureau's report"),
    "decider": ("作出列入决定的部门的报告", "the deciding department's report"),
    "publisher_report": ("公示部门的报告", "the publishing department's report"),
    "published": ("另一部门报告中的失信名单记录", "a list entry in another department's report"),
    "received": ("公安机关接受移送的记录", "the referral as the police received it"),
}

# fact type -> (zh, en): how a condition names another fact of the same rule ("that referral")
REFERRED: dict[str, tuple[str, str]] = {
    "required_clause": ("该条款", "that clause"), "suggested_clause": ("该条款", "that clause"),
    "task": ("该任务", "that task"), "evidence": ("该佐证材料", "that evidence item"),
    "plan_output": ("该成果", "that output"), "output_evidence": ("该佐证材料", "that evidence item"),
    "case": ("该案件", "that case"), "referral": ("该移送", "that referral"),
    "received_referral": ("该接受移送记录", "that received referral"), "credit_entry": ("该名单记录", "that entry"),
    "credit_posting": ("该公示", "that publication"), "penalty_posting": ("该公示", "that publication"),
    "threshold": ("该追诉标准", "that threshold"), "threshold_change": ("该调整", "that change"),
    "metric": ("该指标", "that metric"), "publication": ("该发布记录", "that publication"),
}

# field -> (zh, en)
FIELDS: dict[str, tuple[str, str]] = {
    # the report and its department
    "plan": ("计划", "plan"), "report_plan": ("所属计划", "plan"),
    "dept_name": ("部门名称", "department name"), "report_dept_name": ("报告部门名称", "reporting department"),
    "report_dept_level": ("报告部门层级", "reporting department's level"),
    "report_dept_region": ("报告部门所在地区", "reporting department's region"),
    "dept_in_table": ("部门在计划的单位名单中", "department is in the plan's list of units"),
    "kind_public_security": ("报告部门是公安机关", "the department is a public-security bureau"),
    "self_check": ("是部门自查", "is a department's self-check"),
    "period_start": ("报告期起始日", "start of the reporting period"),
    "period_end": ("报告期截止日", "end of the reporting period"),
    "report_period_start": ("报告期起始日", "start of the reporting period"),
    "report_period_end": ("报告期截止日", "end of the reporting period"),
    "period_year": ("报告年度", "reporting year"),
    "period_covers_year_end": ("报告期包含年末", "the period covers the year end"),
    "submitted": ("报送日期", "submission date"),
    "report_path": ("所在报告", "report it is in"),
    # clauses and tasks
    "clause": ("条款", "clause"), "task_clause": ("所属条款", "clause"),
    "cadence": ("完成周期", "cadence"), "due": ("本报告期到期", "due in this period"),
    "ends_in_period": ("期限在本报告期内届满", "its deadline falls in this period"),
    "window_end": ("阶段截止日", "end of the phase"),
    "status": ("状态", "status"), "justification": ("理由", "justification"),
    "evidence_count": ("佐证材料数量", "number of evidence items"),
    "narrative_unfilled": ("情况说明仍是模板原文", "the narrative is still the template's text"),
    # a record and one of its fields, as an invalid value names them (value_problem)
    "record": ("所在记录", "record"), "field": ("字段", "field"), "key": ("记录", "the record"),
    # evidence and outputs
    "date": ("日期", "date"), "date_year": ("日期所在年度", "year of its date"),
    "doc_number": ("文号", "document number"), "url": ("网址", "URL"),
    "output": ("所示成果", "output shown"), "output_id": ("成果", "output"),
    "strength": ("计划要求的力度", "how firmly the plan asks for it"),
    "yearly": ("每年一次", "yearly"), "year_from": ("起算年度", "first year counted"),
    "in_years": ("在计划要求的年度内", "within the years the plan asks for"),
    # metrics
    "metric_key": ("指标名称", "metric"), "scope": ("统计范围", "scope"), "value": ("数值", "value"),
    "full_calendar_year": ("覆盖整个自然年", "covers a whole calendar year"),
    # publications
    "kind": ("类型", "kind"), "lag_years": ("所涉年度与发布年度之差", "years between the year covered and publication"),
    "published": ("发布日期", "publication date"), "published_year": ("发布年度", "year published"),
    "publisher": ("发布单位", "publisher"), "publisher_is_self": ("由本部门发布", "published by the department itself"),
    "publisher_level": ("发布单位层级", "publisher's level"), "year_covered": ("所涉年度", "year covered"),
    # cases and penalties
    "case_id": ("案件编号", "case number"), "conduct": ("违法行为类型", "conduct"),
    "conduct_from": ("违法行为开始日期", "start of the conduct"), "conduct_end": ("违法行为终了日期", "end of the conduct"),
    "party_type": ("当事人类型", "party type"), "disposition": ("处理结果", "disposition"),
    "items_seized": ("查扣了涉案物品", "items were seized"),
    "party_credit_code_valid": ("当事人统一社会信用代码有效", "the party's credit code is valid"),
    "suspected_crime": ("涉嫌犯罪", "suspected crime"), "testing_required": ("需要检验鉴定", "testing or appraisal needed"),
    "penalty_days_after_filing": ("处罚决定距立案的天数", "days from filing to the penalty decision"),
    "penalty_procedure": ("处罚程序", "penalty procedure"),
    "penalty_summary_possible": ("可适用简易程序", "summary procedure possible"),
    "penalty_push_delay_wd": ("推送登记地市场监管部门用时（工作日）", "working days to push to the registration-place regulator"),
    "penalty_push_missing_delay_wd": ("未记载推送时处罚决定至报告提交日的工作日数", "working days from the decision to the submission, no push recorded"),
    "party_in_dept_province": ("当事人登记地与本部门同省", "the party is registered in this department's province"),
    "penalty_publication_duty": ("按总局令第45号第二条的公示义务", "the duty to publish under 总局令第45号 art. 2"),
    "penalty_late_count": ("逾期公示的平台数", "platforms published on late"),
    "penalty_late_error_count": ("依据明确的逾期公示平台数", "platforms published on late, by a firm basis"),
    "penalty_unpublished_count": ("未公示的平台数", "platforms not published on"),
    "penalty_unpublished_error_count": ("依据明确的未公示平台数", "platforms not published on, by a firm basis"),
    # referrals
    "referral_id": ("移送编号", "referral number"), "team_size": ("专案组人数", "size of the case team"),
    "report_received": ("收到移送报告日期", "date the referral report was received"),
    "decision_at": ("移送审批决定时间", "referral approval time"),
    "decision_delay_wd": ("作出移送审批决定用时（工作日）", "working days to the approval decision"),
    "decision_days_past_calendar_deadline": ("超过决定期限的天数", "days past the decision deadline"),
    "decision_outcome": ("审批结果", "approval outcome"), "decision_reasons": ("不批准的理由", "reasons for refusal"),
    "transferred_at": ("移送时间", "transfer time"),
    "transfer_delay_hours": ("批准后移送用时（小时）", "hours from approval to transfer"),
    "receipt_at": ("公安机关回执时间", "police receipt time"),
    "handover": ("涉案物品和材料移交日期", "handover date"),
    "handover_delay_wd": ("移交涉案物品用时（工作日）", "working days to the handover"),
    "handover_delay_after_decision_wd": ("公安机关立案后移交涉案物品用时（工作日）",
                                         "working days from the police filing to the handover"),
    "police_unit": ("接受移送的公安机关", "receiving police unit"),
    "police_outcome": ("公安机关决定", "police decision"), "police_decision": ("公安机关决定日期", "police decision date"),
    "police_notice": ("立案（不予立案）通知书日期", "date of the filing notice"),
    "police_notice_number": ("立案（不予立案）通知书文号", "number of the filing notice"),
    "police_notice_received": ("收到立案（不予立案）通知书日期", "date the filing notice was received"),
    "notice_receipt_delay_days": ("收到通知书距公安机关决定的天数", "days from the police decision to receiving the notice"),
    "police_reasons": ("不予立案的理由", "reasons for not filing"),
    "procuratorate_unit": ("抄送的检察院", "procuratorate copied"), "procuratorate_copy": ("抄送检察院日期", "date copied to the procuratorate"),
    "from_department": ("移送部门", "referring department"),
    "received_at": ("接受移送时间", "time the referral was received"),
    "forwarded_at": ("转送有管辖权机关时间", "time the case was forwarded"),
    "forward_delay_hours": ("转送用时（小时）", "hours to forward the case"),
    # referral documents
    "not_applicable": ("标明不适用", "marked not applicable"), "reason": ("理由", "reason"),
    # credit lists
    "entry_id": ("名单记录编号", "entry number"), "credit_code": ("统一社会信用代码", "unified social credit code"),
    "credit_code_valid": ("统一社会信用代码有效", "the credit code is valid"),
    "decided_by": ("作出列入决定的部门", "deciding department"), "decision_number": ("决定书文号", "decision number"),
    "decision": ("决定日期", "decision date"),
    "removal": ("移出名单日期", "removal date"), "removal_decision_number": ("移出决定文号", "removal decision number"),
    "removed_within_one_year": ("列入不满一年即移出", "removed within a year of listing"),
    "late_count": ("逾期公示的平台数", "platforms published on late"),
    "unpublished_count": ("未公示的平台数", "platforms not published on"),
    "unpublished_error_count": ("依据明确的未公示平台数", "platforms not published on, by a firm basis"),
    "delay_days": ("公示距决定的天数", "days from the decision to publication"),
    "expected_site": ("应公示的平台", "platform it should be on"),
    # prosecution thresholds
    "amount_kind": ("数额类型", "amount kind"), "minimum": ("追诉标准数额", "threshold amount"),
    "lower_minimum": ("调整后的追诉标准数额", "threshold amount after the change"),
    "effective_from": ("施行日期", "in force from"), "effective_until": ("失效日期", "in force until"),
    "change": ("调整日期", "date of the change"),
    # invalid values
    "category": ("问题类别", "kind of problem"),
}

_DATE_SUFFIXES = ("_day", "_wdc", "_wd", "_ts")


def field_words(field: str, lang: str) -> str:
    """A field in words; a date compared as a day, working day or time reads as the date."""
    index = 0 if lang == "zh" else 1
    if field in FIELDS:
        return FIELDS[field][index]
    for suffix in _DATE_SUFFIXES:
        if field.endswith(suffix) and field[: -len(suffix)] in FIELDS:
            return FIELDS[field[: -len(suffix)]][index]
    return field


def has_words(field: str) -> bool:
    return field_words(field, "zh") != field


def fact_words(fact_type: str, lang: str) -> str:
    index = 0 if lang == "zh" else 1
    return FACTS[fact_type][index] if fact_type in FACTS else fact_type


def binding_words(binding: str, fact_type: str, lang: str) -> str:
    """How a condition refers to another fact of the rule: by its role, or by its type."""
    index = 0 if lang == "zh" else 1
    if binding in BINDINGS:
        return BINDINGS[binding][index]
    if fact_type in REFERRED:
        return REFERRED[fact_type][index]
    noun = fact_words(fact_type, lang)
    return f"该{noun}" if lang == "zh" else f"that {noun}"
