"""The self-assessment: requirements as data, country risks from the fact table, findings become
actions, closing records what changed; reminders before every due date."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from telegov.core import services as actions
from telegov.rules.parameters import CountryFacts
from telegov.userinfo import assessment, cycles, versions
from telegov.userinfo.models import Contractor, SupervisionRecord, System
from telegov.userinfo.reminders import reminders
from telegov.userinfo.services import save_row

ON = date(2026, 11, 26)


def _facts(**changes) -> CountryFacts:
    base = {"name_ja": "架空国", "name_en": "Fictland", "has_comprehensive_law": True, "law_name": "個人情報法",
            "gov_access_duty": False, "gov_access_note": "", "localisation_duty": False, "localisation_note": "",
            "source_url": "https://example.org/", "as_of": "2026-01-01"}
    return CountryFacts.model_validate({**base, **changes})


def test_the_framework_has_permanent_ids_texts_and_articles():
    framework = assessment.framework()
    ids = [r.id for r in framework.requirements]
    assert len(ids) == len(set(ids)) >= 15
    assert all(r.text_ja and r.text_en and r.article for r in framework.requirements)
    assert framework.requirement("SA-LAW-05").article == "電気通信事業法第27条の9"


def test_a_government_access_duty_raises_the_likelihood():
    matrix = assessment.framework().risk_matrix
    plain, _ = assessment.country_likelihood("XA", _facts(), "JP", matrix)
    with_access, reasons = assessment.country_likelihood("XA", _facts(gov_access_duty=True), "JP", matrix)
    assert with_access > plain and "gov_access_duty" in reasons
    localised, _ = assessment.country_likelihood("XA", _facts(localisation_duty=True), "JP", matrix)
    no_law, _ = assessment.country_likelihood("XA", _facts(has_comprehensive_law=False), "JP", matrix)
    assert localised > plain and no_law > plain
    home, _ = assessment.country_likelihood("JP", _facts(), "JP", matrix)
    assert home < plain


def test_the_cycle_rates_storage_and_contractor_countries_from_the_fact_table(carrier):
    cycle = cycles.open_cycle(carrier["henshu"], carrier["organisation"], ON)
    assert (cycle.fiscal_year, cycle.starts_on, cycle.ends_on) == (2026, date(2026, 4, 1), date(2027, 3, 31))
    risks = {(r.source, r.country): r for r in cycle.risks.all()}
    assert set(risks) == {("storage_country", "US"), ("storage_country", "SG"), ("contractor_country", "VN")}
    us, sg, vn = risks["storage_country", "US"], risks["storage_country", "SG"], risks["contractor_country", "VN"]
    assert "gov_access_duty" in us.reasons and us.likelihood > sg.likelihood
    assert vn.likelihood > sg.likelihood and {"gov_access_duty", "localisation_duty"} <= set(vn.reasons)
    assert sg.reasons == ["abroad"]
    assert cycle.answers.count() == len(assessment.framework().requirements)


def test_a_country_missing_from_the_table_counts_as_a_risk_of_its_own(carrier):
    organisation = carrier["organisation"]
    save_row(carrier["henshu"], System(organisation=organisation, key="br", name="BR store", country="BR"))
    cycle = cycles.open_cycle(carrier["henshu"], organisation, ON)
    risk = cycle.risks.get(country="BR")
    assert "missing_country_facts" in risk.reasons and risk.title.startswith("BR")


def test_a_cycle_closes_only_when_answered_and_every_finding_has_an_action(carrier):
    organisation, editor = carrier["organisation"], carrier["henshu"]
    policy = versions.generate(editor, organisation, "policy")
    versions.approve(carrier["sekinin"], policy)
    versions.release(editor, policy)
    cycle = cycles.open_cycle(editor, organisation, ON)
    with pytest.raises(ValidationError, match="unanswered"):
        cycles.close_cycle(editor, cycle)
    for answer in cycle.answers.all():
        cycles.answer(editor, cycle, answer.requirement, "compliant", "記録あり")
    cycles.answer(editor, cycle, "SA-CON-03", "partial", "再委託先の点検記録なし")
    with pytest.raises(ValidationError, match="SA-CON-03"):
        cycles.close_cycle(editor, cycle)
    cycles.add_action(editor, cycle, requirement="SA-CON-03", title="再委託先を点検する", owner="調達部",
                      due_on=date(2027, 1, 31))
    save_row(editor, Contractor(organisation=organisation, key="ph", name="Example Manila", country="PH"))
    second = versions.generate(editor, organisation, "policy")
    versions.approve(carrier["sekinin"], second)
    versions.release(editor, second)
    closed = cycles.close_cycle(editor, cycle, "委託先の所在国にフィリピンを追加")
    assert closed.state == "closed"
    assert "情報取扱方針：第1版 → 第2版" in closed.changes and "フィリピン" in closed.changes
    with pytest.raises(ValidationError):
        cycles.answer(editor, cycle, "SA-LAW-01", "non_compliant", "")


def test_one_cycle_per_business_year(carrier):
    cycles.open_cycle(carrier["henshu"], carrier["organisation"], ON)
    with pytest.raises(ValidationError):
        cycles.open_cycle(carrier["henshu"], carrier["organisation"], date(2027, 3, 31))
    assert cycles.open_cycle(carrier["henshu"], carrier["organisation"], date(2027, 4, 1)).fiscal_year == 2027


def _designated(carrier, designated_on):
    operator = actions.create_operator(carrier["admin"], carrier["organisation"], name="架空モバイル",
                                       registration_status="registered", designated_on=designated_on)
    actions.create_service(carrier["admin"], operator, name="無料通話", category="free_internet", paid=False,
                           users=12_000_000)
    return operator


def test_reminders_cover_the_engines_duties_reviews_and_actions(carrier):
    today = date(2026, 11, 26)
    _designated(carrier, today - timedelta(days=80))
    contractor = Contractor.objects.get(organisation=carrier["organisation"], key="vn-datacentre")
    save_row(carrier["henshu"], SupervisionRecord(contractor=contractor, reviewed_on=date(2025, 12, 1),
                                                  method="questionnaire", next_review_on=date(2026, 12, 10)))
    found = reminders(carrier["organisation"], today, days=30)
    sources = {item.source for item in found}
    assert {"specified.info_rules", "specified.info_policy", "specified.chief_manager", "contractor_review"} <= sources
    assert all(item.due <= today + timedelta(days=30) for item in found)
    assert "specified.self_assessment" not in sources  # due at the business year's end, months away
    assert "specified.self_assessment" in {item.source for item in reminders(carrier["organisation"], today, 200)}


def test_the_reminder_command_mails_the_members_who_can_act(carrier):
    carrier["henshu"].email = "henshu@example.jp"
    carrier["henshu"].save()
    carrier["etsuran"].email = "etsuran@example.jp"
    carrier["etsuran"].save()
    _designated(carrier, date(2026, 9, 1))
    call_command("userinfo_reminders", "--on", "2026-11-26", "--days", "30")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["henshu@example.jp"]
    assert "情報取扱規程の策定・届出" in mail.outbox[0].body


def test_a_new_cycle_starts_from_what_the_register_and_the_documents_show(carrier):
    organisation, editor = carrier["organisation"], carrier["henshu"]
    policy = versions.generate(editor, organisation, "policy")
    versions.approve(carrier["sekinin"], policy)
    versions.release(editor, policy)
    save_row(editor, Contractor(organisation=organisation, key="kr", name="Example Seoul", country="KR"))
    cycle = cycles.open_cycle(editor, organisation, ON)
    evidence = dict(cycle.answers.values_list("requirement", "evidence"))
    assert evidence["SA-LAW-02"].startswith("情報取扱方針：第1版")
    assert evidence["SA-LAW-01"] == "情報取扱規程：公表・届出の記録なし"
    assert "公表中の方針に記載のない国：KR" in evidence["SA-LAW-03"]
    assert evidence["SA-LAW-04"] == "統括管理者の選任の記録なし"
    assert "点検記録のない委託先：" in evidence["SA-CON-03"] and "Example Seoul" in evidence["SA-CON-03"]
    assert all(not cycle.answers.get(requirement=r).result for r in evidence)
