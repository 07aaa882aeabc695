"""The XML form of the report: round trips, the generated XSD, hostile input, encodings, locations."""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pydantic import ValidationError

from hypothesis_profiles import examples

from engine import credit_code
from engine.io.read import validate_report
from engine.io.source import InputError, pointer_from_loc
from engine.io.xml_report import NAMESPACE, parse_xml
from engine.io.xml_write import write_xml
from engine.io.xsd import generate_xsd
from engine.model import report as m

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "report.xsd"
CST = dt.timezone(dt.timedelta(hours=8))


# ---- hand-built reports ------------------------------------------------------------------------


def minimal_report() -> m.Report:
    return m.Report(
        plan="hlj-ip-2023",
        department=m.Department(name="黑龙江省市场监督管理局", kind=m.DepartmentKind.market_regulation,
                                level=m.AdminLevel.province),
        period=m.Period(start=dt.date(2023, 1, 1), end=dt.date(2023, 6, 30)),
        submitted=dt.date(2023, 7, 28),
        contact=m.Contact(name="王某某"),
    )


def full_report() -> m.Report:
    publication = m.Posting(platform=m.PublicationPlatform.credit_china, site_name="信用中国（黑龙江）",
                            date=dt.date(2023, 5, 12), url="https://credit.hlj.gov.cn/xzcf/2023/0512.html")
    return m.Report(
        plan="hlj-ip-2023",
        department=m.Department(name="黑龙江省市场监督管理局", kind=m.DepartmentKind.market_regulation,
                                level=m.AdminLevel.province, code="11230000MB1234567X", region="黑龙江省"),
        period=m.Period(start=dt.date(2023, 1, 1), end=dt.date(2023, 6, 30)),
        submitted=dt.date(2023, 7, 28),
        contact=m.Contact(name="王某某", phone="0451-88888888", email="zscq@scjgj.hlj.gov.cn"),
        tasks=[
            m.TaskProgress(clause="三(一)", status=m.TaskStatus.completed,
                           narrative="开展“铁拳”行动，查办商标侵权案件 12 件 & 移送 2 件 <重点>。",
                           evidence=[m.Evidence(id="ev-1", kind=m.EvidenceKind.notice, title="关于开展2023年铁拳行动的通知",
                                                doc_number="黑市监发〔2023〕15号", issuer="黑龙江省市场监督管理局",
                                                date=dt.date(2023, 3, 1), sha256="ab" * 32)]),
            m.TaskProgress(clause="三(二)", status=m.TaskStatus.not_applicable, justification="本部门无此职能"),
        ],
        metrics=[m.Metric(key="cases_closed", value=52000, unit="件", scope=m.MetricScope.own,
                          period=m.Period(start=dt.date(2023, 1, 1), end=dt.date(2023, 6, 30)),
                          clause="四", evidence_refs=["ev-1"]),
                 m.Metric(key="fine_total", value=12345.67, unit="元", scope=m.MetricScope.region,
                          period=m.Period(start=dt.date(2023, 1, 1), end=dt.date(2023, 6, 30)))],
        cases=[m.EnforcementCase(
            id="HLJ-2023-001", ip_type=m.IpType.trademark,
            conduct=m.Conduct(kind=m.ConductKind.sell_counterfeit_trademark_goods, description="销售假冒“茅台”白酒",
                              start=dt.date(2022, 11, 1), end=dt.date(2023, 2, 10)),
            party=m.Party(name="哈尔滨某某商贸有限公司", type=m.PartyType.company, credit_code="91230100MA1B2C3D4E"),
            filed_date=dt.date(2023, 2, 15), closed_date=dt.date(2023, 5, 10),
            amounts=m.Amounts(illegal_business_volume=52000, sales_amount=48000.5, counterfeit_marks=1200),
            items_seized=True, testing_required=True, suspected_crime=False,
            disposition=m.Disposition.penalised,
            penalty=m.Penalty(decision_number="哈市监处罚〔2023〕88号", decision_date=dt.date(2023, 5, 10),
                              procedure=m.PenaltyProcedure.ordinary,
                              kinds=[m.PenaltyKind.fine, m.PenaltyKind.confiscation], fine=150000,
                              publications=[publication],
                              registration_place_push=m.RegistrationPlacePush(
                                  date=dt.date(2023, 5, 17), recipient="吉林省长春市市场监督管理局")))],
        referrals=[m.Referral(
            id="YS-2023-01", case_id="HLJ-2023-001", team_members=["张三", "李四"],
            report_received=dt.date(2023, 3, 1),
            decision=m.ApprovalDecision(outcome=m.ApprovalOutcome.approved, at=dt.datetime(2023, 3, 3, 9, 30, tzinfo=CST)),
            transferred_at=dt.datetime(2023, 3, 5, 14, 0), police_unit="哈尔滨市公安局道里分局",
            attachments=[m.Attachment(kind=m.AttachmentKind.transfer_letter, title="涉嫌犯罪案件移送书",
                                      doc_number="哈市监移〔2023〕1号"),
                         m.Attachment(kind=m.AttachmentKind.investigation_report, title="调查报告"),
                         m.Attachment(kind=m.AttachmentKind.test_report, not_applicable=True, reason="无需检验")],
            police_receipt_at=dt.datetime(2023, 3, 5, 16, 0, tzinfo=dt.timezone.utc),
            police_decision=m.PoliceDecision(outcome=m.PoliceOutcome.filed, date=dt.date(2023, 3, 8),
                                             notice_number="哈公道立字〔2023〕12号"),
            handover=m.Handover(date=dt.date(2023, 3, 10)),
            procuratorate_copy=m.ProcuratorateCopy(date=dt.date(2023, 3, 6), unit="哈尔滨市道里区人民检察院"))],
        credit_list=[m.CreditListEntry(id="SX-1", entity_name="哈尔滨某某商贸有限公司", credit_code="91230100MA1B2C3D4E",
                                       decision_date=dt.date(2023, 6, 1), reason="严重侵犯知识产权",
                                       publications=[publication], removal_date=dt.date(2026, 6, 1),
                                       removal_decision_number="黑市监信修〔2026〕4号"),
                     m.CreditListEntry(id="ZSCQ-1", entity_name="哈尔滨某某专利代理有限公司", credit_code="91230102MA1C5DLW8K",
                                       decision_date=dt.date(2023, 6, 5), decision_number="黑知局信〔2023〕1号",
                                       decided_by="黑龙江省知识产权局",
                                       publications=[m.Posting(platform=m.PublicationPlatform.gsxt,
                                                               date=dt.date(2023, 6, 14),
                                                               publisher="黑龙江省市场监督管理局")])],
        publications=[m.Publication(id="wp-2022", kind=m.PublicationKind.ip_protection_white_paper,
                                    title="2022年黑龙江省知识产权保护状况白皮书", year_covered=2022,
                                    publisher="黑龙江省知识产权局", published=dt.date(2023, 4, 26),
                                    url="https://zscqj.hlj.gov.cn/bps/2022.html")],
    )


def county_report() -> m.Report:
    return m.Report(
        plan="hlj-ip-2023",
        department=m.Department(name="呼兰区文化广电和旅游局", kind=m.DepartmentKind.culture_tourism,
                                level=m.AdminLevel.county, region="  哈尔滨市呼兰区 "),
        period=m.Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)),
        submitted=dt.date(2025, 1, 15),
        contact=m.Contact(name="赵某"),
        cases=[m.EnforcementCase(id="HL-1", ip_type=m.IpType.copyright,
                                 conduct=m.Conduct(kind=m.ConductKind.sell_infringing_copies, end=dt.date(2024, 3, 1)),
                                 party=m.Party(name="刘某某", type=m.PartyType.natural_person),
                                 filed_date=dt.date(2024, 3, 5), disposition=m.Disposition.pending)],
    )


HAND_BUILT = [minimal_report, full_report, county_report]


def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.fromstring(generate_xsd().encode("utf-8")))


def _without_empty_lists(value):
    if isinstance(value, dict):
        return {k: _without_empty_lists(v) for k, v in value.items() if v != []}
    if isinstance(value, list):
        return [_without_empty_lists(v) for v in value]
    return value


def _assert_round_trip(report: m.Report, schema: etree.XMLSchema) -> None:
    xml = write_xml(report)
    assert schema.validate(etree.fromstring(xml)), schema.error_log
    data, _ = parse_xml(xml, "r.xml")
    assert m.Report.model_validate(data) == report
    # the XML reader yields the very data the JSON form holds (empty lists aside)
    assert data == _without_empty_lists(json.loads(report.model_dump_json(exclude_none=True)))


@pytest.mark.parametrize("build", HAND_BUILT, ids=lambda b: b.__name__)
def test_hand_built_reports_round_trip_and_validate(build):
    _assert_round_trip(build(), _schema())


def test_write_xml_is_deterministic_utf8_with_declaration():
    first, second = write_xml(full_report()), write_xml(full_report())
    assert first == second
    assert first.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<report xmlns=\"urn:plancheck:report:1\">")
    text = first.decode("utf-8")
    assert "<illegal_business_volume>52000</illegal_business_volume>" in text
    assert "<items_seized>true</items_seized>" in text and "<code>" in text
    assert "<closed_date>" not in write_xml(county_report()).decode()  # None -> element absent
    order = [text.index(f"\n  <{name}>") for name in m.Report.model_fields if f"\n  <{name}>" in text]  # top-level children present, in model order
    assert order == sorted(order)


# ---- hypothesis --------------------------------------------------------------------------------

_ALPHABET = st.characters(blacklist_categories=("Cs", "Cc", "Cn"), max_codepoint=0x1F600) | st.sampled_from(
    list("黑龙江省哈尔滨市场监督管理局&<>\"'\n\r\t ]]>"))
text = st.text(_ALPHABET, min_size=1, max_size=12).filter(str.strip)
ident = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,10}", fullmatch=True)
clause_numbers = st.from_regex(r"[0-9A-Za-z一-龥()（）.\-]{1,20}", fullmatch=True)
credit = st.from_regex(r"[0-9A-Z]{18}", fullmatch=True)  # others' codes: any form, judged by the rules
own_code = st.from_regex(credit_code.STRUCTURE, fullmatch=True)  # the department's own: well formed
dates = st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31))
times = st.datetimes(dt.datetime(2023, 1, 1), dt.datetime(2026, 12, 31),
                     timezones=st.sampled_from([None, dt.timezone.utc, CST]))
money = st.floats(0, 1e13, allow_nan=False, allow_infinity=False)
urls = st.builds(lambda p: f"https://www.hlj.gov.cn/{p}", st.from_regex(r"[a-z0-9/]{0,12}", fullmatch=True))


def opt(strategy):
    return st.none() | strategy


def few(strategy):
    return st.lists(strategy, max_size=3)


@st.composite
def periods(draw):
    start, end = sorted([draw(dates), draw(dates)])
    return m.Period(start=start, end=end)


@st.composite
def cases(draw):
    start, end, filed, closed = sorted(draw(st.lists(dates, min_size=4, max_size=4)))
    postings = few(st.builds(m.Posting, platform=st.sampled_from(m.PublicationPlatform), site_name=opt(text),
                             date=dates, url=opt(urls)))
    return m.EnforcementCase(
        id=draw(ident), ip_type=draw(st.sampled_from(m.IpType)),
        conduct=m.Conduct(kind=draw(st.sampled_from(m.ConductKind)), description=draw(opt(text)),
                          start=draw(opt(st.just(start))), end=end),
        party=draw(st.builds(m.Party, name=text, type=st.sampled_from(m.PartyType), credit_code=opt(credit))),
        filed_date=filed, closed_date=draw(opt(st.just(closed))),
        amounts=draw(st.builds(m.Amounts, illegal_business_volume=opt(money), illegal_gains=opt(money),
                               sales_amount=opt(money), rights_holder_loss=opt(money),
                               infringing_copies=opt(st.integers(0, 10**12)),
                               counterfeit_marks=opt(st.integers(0, 10**12)))),
        items_seized=draw(st.booleans()), testing_required=draw(st.booleans()), suspected_crime=draw(st.booleans()),
        disposition=draw(st.sampled_from(m.Disposition)),
        penalty=draw(opt(st.builds(m.Penalty, decision_number=opt(text), decision_date=dates,
                                   kinds=few(st.sampled_from(m.PenaltyKind)), fine=opt(money),
                                   publications=postings))),
    )


police_decisions = st.builds(m.PoliceDecision, outcome=st.sampled_from(m.PoliceOutcome), date=dates,
                             notice_number=opt(text), reasons=opt(text), notice_date=opt(dates),
                             notice_received=opt(dates))

referrals = st.builds(
    m.Referral, id=ident, case_id=ident, team_members=few(text), report_received=opt(dates),
    decision=opt(st.builds(m.ApprovalDecision, outcome=st.sampled_from(m.ApprovalOutcome), at=times,
                           reasons=opt(text))),
    transferred_at=opt(times), police_unit=opt(text),
    attachments=few(st.builds(m.Attachment, kind=st.sampled_from(m.AttachmentKind), title=opt(text),
                              doc_number=opt(text), not_applicable=st.booleans(), reason=opt(text))),
    police_receipt_at=opt(times),
    police_decision=opt(police_decisions),
    handover=opt(st.builds(m.Handover, date=dates, note=opt(text))),
    procuratorate_copy=opt(st.builds(m.ProcuratorateCopy, date=dates, unit=text)),
)

received_referrals = st.builds(
    m.ReceivedReferral, referral_id=ident, from_department=text, case_id=opt(ident),
    transfer_letter_number=opt(text), received_at=times, decision=opt(police_decisions),
    forwarded=opt(st.builds(m.Forwarding, at=times, unit=text)),
)

reports = st.builds(
    m.Report,
    plan=st.from_regex(r"[a-z0-9][a-z0-9\-]{1,20}", fullmatch=True),
    department=st.builds(m.Department, name=text, kind=st.sampled_from(m.DepartmentKind),
                         level=st.sampled_from(m.AdminLevel), code=opt(own_code), region=opt(text)),
    period=periods(), submitted=dates,
    contact=st.builds(m.Contact, name=text, phone=opt(st.from_regex(r"[0-9+\-() ]{5,30}", fullmatch=True)),
                      email=opt(st.from_regex(r"[a-z0-9.]{1,8}@[a-z0-9]{1,8}\.cn", fullmatch=True))),
    tasks=few(st.builds(m.TaskProgress, clause=clause_numbers,
                        status=st.sampled_from(m.TaskStatus), justification=opt(text), narrative=opt(text),
                        evidence=few(st.builds(m.Evidence, id=opt(ident), kind=st.sampled_from(m.EvidenceKind),
                                               title=text, doc_number=opt(text), issuer=opt(text),
                                               date=opt(dates), url=opt(urls), file_name=opt(text),
                                               sha256=opt(st.from_regex(r"[0-9a-f]{64}", fullmatch=True)))))),
    metrics=few(st.builds(m.Metric, key=ident, value=money, unit=text, scope=st.sampled_from(m.MetricScope),
                          period=periods(), clause=opt(clause_numbers), evidence_refs=few(ident))),
    cases=few(cases()),
    referrals=few(referrals),
    received_referrals=few(received_referrals),
    # a removal on or after the listing (one before it is a contradiction the model refuses)
    credit_list=few(st.tuples(dates, opt(st.integers(0, 1500))).flatmap(lambda listed: st.builds(
        m.CreditListEntry, id=ident, entity_name=text, credit_code=credit,
        decision_date=st.just(listed[0]), decision_number=opt(text), reason=opt(text),
        publications=few(st.builds(m.Posting, platform=st.sampled_from(m.PublicationPlatform),
                                   date=dates, publisher=opt(text))),
        removal_date=st.just(None if listed[1] is None else listed[0] + dt.timedelta(days=listed[1])),
        decided_by=opt(text)))),
    publications=few(st.builds(m.Publication, id=ident, kind=st.sampled_from(m.PublicationKind), title=text,
                               year_covered=opt(st.integers(1990, 2100)), publisher=opt(text),
                               published=opt(dates), url=opt(urls))),
)

_SCHEMA = _schema()


@settings(max_examples=examples(0.2))  # each example validates against the XSD too: slow
@given(reports)
def test_generated_reports_round_trip_and_validate(report):
    _assert_round_trip(report, _SCHEMA)


# ---- the XSD -----------------------------------------------------------------------------------


def test_committed_xsd_is_current():
    assert SCHEMA_FILE.read_bytes().decode("utf-8") == generate_xsd(), (
        "schemas/report.xsd is stale: regenerate with `python -m engine.io.xsd > schemas/report.xsd`")


def test_xsd_rejects_unknown_element():
    doc = etree.fromstring(write_xml(minimal_report()))
    etree.SubElement(doc.find(f"{{{NAMESPACE}}}department"), f"{{{NAMESPACE}}}nickname").text = "x"
    schema = _schema()
    assert not schema.validate(doc)
    assert "nickname" in str(schema.error_log)


def test_xsd_rejects_bad_enum_and_pattern():
    text = write_xml(full_report()).decode()
    schema = _schema()
    for old, new in (("<kind>market_regulation</kind>", "<kind>police</kind>"),
                     ("<code>11230000MB1234567X</code>", "<code>bad</code>")):
        assert old in text
        assert not schema.validate(etree.fromstring(text.replace(old, new, 1).encode()))


# ---- hostile and broken input ------------------------------------------------------------------


def _error(data: bytes | str, name: str = "bad.xml") -> InputError:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(InputError) as info:
        parse_xml(raw, name)
    message = str(info.value)
    assert "\n" not in message
    assert re.match(rf"{re.escape(name)}:\d+", message), message
    return info.value


def _replace(old: str, new: str, report: m.Report | None = None) -> str:
    text = write_xml(report or full_report()).decode()
    assert old in text
    return text.replace(old, new, 1)


def test_malformed_xml_reports_line_and_column():
    err = _error(f'<report xmlns="{NAMESPACE}">\n  <plan>hlj\n</report>\n')
    assert err.location.line == 3 and err.location.column is not None
    assert "invalid XML" in err.message


def test_billion_laughs_is_refused_without_expansion():
    entities = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    doc = (f'<?xml version="1.0"?>\n<!DOCTYPE report [<!ENTITY l0 "lol">{entities}]>\n'
           f'<report xmlns="{NAMESPACE}"><plan>&l9;</plan></report>')
    started = time.monotonic()
    err = _error(doc)
    assert time.monotonic() - started < 2
    assert "DTD/entity declarations are not allowed" in str(err)
    assert "lollol" not in str(err)


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE report [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE report SYSTEM "file:///etc/passwd">',
])
def test_external_entities_are_never_read(doctype):
    doc = f'<?xml version="1.0"?>\n{doctype}\n<report xmlns="{NAMESPACE}"><plan>&xxe;</plan></report>'
    if "ENTITY" not in doctype:
        doc = doc.replace("&xxe;", "x")
    err = _error(doc)
    assert "DTD/entity declarations are not allowed" in str(err)
    assert "root:" not in str(err)


def test_wrong_root_element():
    err = _error(f'<?xml version="1.0"?>\n<rapport xmlns="{NAMESPACE}"/>')
    assert "<rapport>" in err.message and err.location.line == 2


@pytest.mark.parametrize("root", ['<report xmlns="urn:other"/>', "<report/>"])
def test_wrong_namespace(root):
    err = _error(root)
    assert NAMESPACE in err.message


def _validation_error(text: str, name: str = "bad.xml") -> InputError:
    """The input error of a document that parses but cannot be checked (its header is invalid)."""
    data, source = parse_xml(text.encode(), name)
    with pytest.raises(InputError) as info:
        validate_report(data, source, name)
    assert "\n" not in str(info.value) and re.match(rf"{re.escape(name)}:\d+", str(info.value)), str(info.value)
    return info.value


def _problems(text: str) -> dict[str, tuple[str, object]]:
    """pointer -> (English message, location) of each problem with a value of a readable document."""
    data, source = parse_xml(text.encode(), "ok.xml")
    return {p.pointer: (p.said.en, source.locate(p.pointer)) for p in validate_report(data, source, "ok.xml").problems}


def test_unknown_element_in_the_header_is_named_with_its_xpath():
    text = _replace("<region>黑龙江省</region>", "<region>黑龙江省</region>\n    <nickname>龙江</nickname>")
    err = _validation_error(text)
    assert "'nickname'" in err.message
    assert "/report/department/nickname" in str(err)
    assert err.location.line == text.splitlines().index("    <nickname>龙江</nickname>") + 1


def test_unknown_element_in_a_record_is_a_problem_at_its_line():
    """As an unknown JSON field: a finding at the element, the record and the rest still read."""
    text = _replace("<police_unit>", "<police_station>道里分局</police_station>\n      <police_unit>")
    problems = _problems(text)
    message, where = problems["/referrals/0/police_station"]
    assert "unknown field 'police_station'" in message
    fix = [p.said.fix_en for p in validate_report(*parse_xml(text.encode(), "ok.xml"), "ok.xml").problems]
    assert "police_unit" in fix[0]  # the names allowed there
    assert where.xpath == "/report/referrals/referral[1]/police_station"
    assert where.line == text.splitlines().index("      <police_station>道里分局</police_station>") + 1


def test_unknown_item_element_in_container():
    text = _replace("<attachment>", "<enclosure>").replace("</attachment>", "</enclosure>", 1)
    err = _error(text)
    assert "'enclosure'" in err.message and "/report/referrals/referral[1]/attachments/enclosure" in str(err)


def test_element_in_another_namespace_is_unknown():
    err = _error(_replace("<region>黑龙江省</region>", '<x:region xmlns:x="urn:x">黑龙江省</x:region>'))
    assert "{urn:x}region" in err.message


def test_invalid_boolean_text_is_a_problem_not_an_input_error():
    problems = _problems(_replace("<items_seized>true</items_seized>", "<items_seized>yes</items_seized>"))
    message, where = problems["/cases/0/items_seized"]
    assert "true or false" in message and "'yes'" in message
    assert where.xpath == "/report/cases/case[1]/items_seized"


@pytest.mark.parametrize("value, expected", [("1", True), ("0", False), (" false ", False)])
def test_boolean_lexical_forms(value, expected):
    data, _ = parse_xml(_replace("<items_seized>true</items_seized>", f"<items_seized>{value}</items_seized>")
                        .encode(), "ok.xml")
    assert data["cases"][0]["items_seized"] is expected


def test_invalid_number_text_is_a_problem_not_an_input_error():
    """Every bad number of the document is listed, each at its element, none read leniently."""
    text = _replace("<counterfeit_marks>1200</counterfeit_marks>", "<counterfeit_marks>12.5</counterfeit_marks>")
    text = text.replace("<fine>150000</fine>", "<fine>15万元</fine>", 1)
    problems = _problems(text)
    assert "should be a whole number, not '12.5'" in problems["/cases/0/amounts/counterfeit_marks"][0]
    assert "should be a number, not '15万元'" in problems["/cases/0/penalty/fine"][0]
    assert problems["/cases/0/penalty/fine"][1].xpath == "/report/cases/case[1]/penalty/fine"


@pytest.mark.parametrize("text", ["inf", "NaN", "1_000", "1e999", "0x10"])
def test_numbers_pydantic_would_read_from_a_string_are_refused(text: str):
    problems = _problems(_replace("<fine>150000</fine>", f"<fine>{text}</fine>"))
    assert list(problems) == ["/cases/0/penalty/fine"]


def test_scalar_field_given_child_elements():
    err = _error(_replace("<plan>hlj-ip-2023</plan>", "<plan><name>hlj</name></plan>"))
    assert "holds a value" in err.message and "/report/plan" in str(err)


@pytest.mark.parametrize("old, new", [
    ("<department>", "<department>黑龙江"),
    ("<cases>", "<cases>\n    一件"),
    ("</party>", "</party>尾巴"),
])
def test_text_where_structure_is_expected(old, new):
    err = _error(_replace(old, new))
    assert "is not allowed" in err.message


def test_repeated_element_and_attributes_are_refused():
    assert "repeats" in _error(_replace("<plan>hlj-ip-2023</plan>", "<plan>a</plan><plan>b</plan>")).message
    assert "attribute" in _error(_replace("<plan>", '<plan lang="zh">')).message
    ok = _replace(f'<report xmlns="{NAMESPACE}">', f'<report xmlns="{NAMESPACE}" xmlns:xsi='
                  f'"http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="{NAMESPACE} report.xsd">')
    assert parse_xml(ok.encode(), "ok.xml")[0]["plan"] == "hlj-ip-2023"


def test_empty_document():
    assert "invalid XML" in _error(b"").message


# ---- encodings ---------------------------------------------------------------------------------


def _declared(encoding: str) -> str:
    return write_xml(full_report()).decode("utf-8").replace(
        "<?xml version='1.0' encoding='UTF-8'?>", f'<?xml version="1.0" encoding="{encoding}"?>', 1)


@pytest.mark.parametrize("name, encode", [
    ("utf-8", lambda: _declared("UTF-8").encode("utf-8")),
    ("utf-8-bom", lambda: b"\xef\xbb\xbf" + _declared("UTF-8").encode("utf-8")),
    ("utf-16-bom", lambda: _declared("UTF-16").encode("utf-16")),
    ("utf-16-be-bom", lambda: b"\xfe\xff" + _declared("UTF-16").encode("utf-16-be")),
    ("gb18030", lambda: _declared("GB18030").encode("gb18030")),
    ("gbk", lambda: _declared("GBK").encode("gbk")),
])
def test_encodings_parse_to_the_same_data(name, encode):
    expected, _ = parse_xml(write_xml(full_report()), "utf8.xml")
    raw = encode()
    if name in ("gb18030", "gbk"):
        assert raw != _declared(name.upper()).encode("utf-8")  # really not UTF-8 bytes
    data, source = parse_xml(raw, f"{name}.xml")
    assert data == expected
    assert data["department"]["name"] == "黑龙江省市场监督管理局"
    assert source.locate("/cases/0/party/name").line == parse_xml(write_xml(full_report()), "u.xml")[1].locate(
        "/cases/0/party/name").line


# ---- locations ---------------------------------------------------------------------------------


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_validation_error_location_maps_to_the_element_line():
    text = _replace("<filed_date>2023-02-15</filed_date>", "<filed_date>2023-13-45</filed_date>")
    data, source = parse_xml(text.encode(), "r.xml")
    with pytest.raises(ValidationError) as info:
        m.Report.model_validate(data)
    loc = tuple(info.value.errors()[0]["loc"])
    assert loc == ("cases", 0, "filed_date")
    where = source.locate(pointer_from_loc(loc))
    assert where.line == _line_of(text, "<filed_date>2023-13-45")
    assert where.pointer == "/cases/0/filed_date"
    assert where.xpath == "/report/cases/case[1]/filed_date"


def test_locate_falls_back_to_nearest_existing_element():
    text = write_xml(full_report()).decode()
    _, source = parse_xml(text.encode(), "r.xml")
    third = source.locate("/referrals/0/attachments/2")
    assert third.xpath == "/report/referrals/referral[1]/attachments/attachment[3]"
    assert third.line == _line_of(text, "<kind>test_report") - 1
    missing = source.locate("/referrals/0/attachments/1/doc_number")  # not written: None
    assert missing.pointer == "/referrals/0/attachments/1"
    assert source.locate("/cases/0/party/credit_code").line == _line_of(text, "<credit_code>91230100MA1B2C3D4E")
    assert source.locate("/metrics/0/evidence_refs/0").xpath == "/report/metrics/metric[1]/evidence_refs/ref[1]"
    assert source.locate("/nothing/here").pointer == ""
    assert source.locate("").line == 2
