"""Serious-accident thresholds (施行規則 Art. 58(2)) at, just below and just above every boundary."""

from __future__ import annotations

import pytest

from telegov.incidents.wording import hours_ja, users_ja
from telegov.rules import rule_book
from telegov.rules.parameters import SeriousAccidentThresholds
from tests.incidents.helpers import outage, run

# The table of legal-facts §1.2, pinned here independently of the rule book.
PAIRS = {
    "voice_emergency": [(1, 30_000)],
    "voice": [(2, 30_000), (1, 100_000)],
    "lpwa": [(12, 30_000), (2, 1_000_000)],
    "free_internet": [(12, 1_000_000), (24, 100_000)],
    "other": [(2, 30_000), (1, 1_000_000)],
}
CASES = [(category, hours, users) for category, pairs in PAIRS.items() for hours, users in pairs]
CASE_IDS = [f"{c}-{h}h-{u}" for c, h, u in CASES]


def test_the_rule_book_holds_exactly_the_pinned_table():
    from datetime import date

    book = rule_book()
    for category, pairs in PAIRS.items():
        terms = book.parameters(f"accident.serious.{category}", date(2026, 5, 12), SeriousAccidentThresholds)
        assert [(p.min_hours, p.min_users) for p in terms.pairs] == pairs


@pytest.mark.parametrize(("category", "hours", "users"), CASES, ids=CASE_IDS)
def test_exactly_at_the_pair_is_serious(category, hours, users):
    result = run(outage(service_category=category, affected_users=users, duration_minutes=hours * 60))
    assert result.classification == "serious"
    assert result.basis[0] == f"accident.serious.{category}"
    assert any(f"{hours_ja(hours)}以上かつ{users_ja(users)}以上" in r and "第58条第2項" in r for r in result.reasons)


@pytest.mark.parametrize(("category", "hours", "users"), CASES, ids=CASE_IDS)
def test_just_above_the_pair_is_serious(category, hours, users):
    result = run(outage(service_category=category, affected_users=users + 1, duration_minutes=hours * 60 + 1))
    assert result.classification == "serious"


@pytest.mark.parametrize(("category", "hours", "users"), CASES, ids=CASE_IDS)
def test_one_user_short_is_not_serious(category, hours, users):
    result = run(outage(service_category=category, affected_users=users - 1, duration_minutes=hours * 60))
    assert result.classification != "serious"
    assert f"accident.serious.{category}" in result.basis
    assert any("重大な事故には該当しません" in r for r in result.reasons)


@pytest.mark.parametrize(("category", "hours", "users"), CASES, ids=CASE_IDS)
def test_one_minute_short_is_not_serious(category, hours, users):
    # Timestamps, not duration_minutes: the duration is measured from started_at to ended_at.
    from datetime import datetime, timedelta

    start = datetime.fromisoformat("2026-05-12T10:00:00+09:00")
    end = start + timedelta(hours=hours) - timedelta(minutes=1)
    result = run(outage(service_category=category, affected_users=users, duration_minutes=None,
                        started_at=start.isoformat(), ended_at=end.isoformat()))
    assert result.classification != "serious"


def test_serious_outage_reports_first_promptly_and_detailed_on_form_50_3_within_30_days():
    result = run(outage(service_category="voice_emergency", affected_users=30_000, duration_minutes=60))
    assert [(r.kind, r.form, str(r.due)) for r in result.reports] == [
        ("first_report", "電話・FAX・電子メール等、書式自由", "promptly"),
        ("detailed_report", "様式第50の3", "2026-06-11"),
    ]
    assert result.basis == ["accident.serious.voice_emergency", "accident.report.serious"]


def test_a_serious_decision_on_an_unverified_pair_says_so():
    unverified = run(outage(service_category="voice", affected_users=30_000, duration_minutes=120))
    confirmed = run(outage(service_category="voice", affected_users=100_000, duration_minutes=60))
    assert any("一次資料で確認できていない" in r for r in unverified.reasons)
    assert not any("一次資料で確認できていない" in r for r in confirmed.reasons)


def test_outage_of_equipment_that_is_not_a_telecom_facility_is_never_serious():
    result = run(outage(cause="other_facility", affected_users=5_000_000, duration_minutes=48 * 60))
    assert result.classification == "quarterly"
    assert not any(rule.startswith("accident.serious.") for rule in result.basis)


@pytest.mark.parametrize(("minutes", "serious"), [(119, False), (120, True), (121, True)])
def test_important_facility_with_all_traffic_stopped_for_two_hours(minutes, serious):
    result = run(outage(affected_users=0, duration_minutes=minutes, important_facility=True, all_traffic_stopped=True))
    assert (result.classification == "serious") is serious
    assert "accident.serious.important_facility" in result.basis


def test_important_facility_without_all_traffic_stopped_is_judged_by_the_category():
    result = run(outage(affected_users=0, duration_minutes=300, important_facility=True, all_traffic_stopped=False))
    assert result.classification == "quarterly"
    assert "accident.serious.important_facility" not in result.basis


class TestPre2015UniformRule:
    def test_a_2014_outage_uses_the_uniform_rule(self):
        result = run(outage(service_category="voice_emergency", affected_users=30_000, duration_minutes=120,
                            started_at="2014-06-10T10:00:00+09:00"))
        assert result.classification == "serious"
        assert result.basis[0] == "accident.serious.other"
        assert any("緊急通報を取り扱う音声伝送役務" in r and "施行されていない" in r for r in result.reasons)
        assert any("役務の区分によらない一律の基準" in r for r in result.reasons)
        # The pre-2015 report rule is an assumption and is flagged.
        assert any("一次資料で確認できていない" in r for r in result.reasons)

    def test_one_hour_is_serious_for_emergency_voice_since_april_2015_but_not_before(self):
        before = outage(service_category="voice_emergency", affected_users=30_000, duration_minutes=60,
                        started_at="2015-03-31T23:30:00+09:00")
        after = dict(before, started_at="2015-04-01T00:30:00+09:00")
        assert run(after).classification == "serious"
        from telegov.incidents.classification import classify_many

        [outcome] = classify_many([before])
        # Under the uniform rule it is not serious, and the quarterly criteria before 2015 are not in the book.
        assert outcome.problems[0].field == "started_at"
        assert "accident.quarterly.telecom_facility" in outcome.problems[0].message

    def test_a_utc_timestamp_on_31_march_that_is_1_april_in_tokyo_uses_the_new_rule(self):
        result = run(outage(service_category="voice_emergency", affected_users=30_000, duration_minutes=60,
                            started_at="2015-03-31T15:30:00Z"))
        assert result.classification == "serious"
        assert result.basis[0] == "accident.serious.voice_emergency"

    def test_lpwa_before_its_own_category_is_judged_as_other_services(self):
        result = run(outage(service_category="lpwa", affected_users=30_000, duration_minutes=120,
                            started_at="2019-03-31T12:00:00+09:00"))
        assert result.classification == "serious"
        assert result.basis[0] == "accident.serious.other"
        later = run(outage(service_category="lpwa", affected_users=30_000, duration_minutes=120,
                           started_at="2019-04-01T12:00:00+09:00"))
        assert later.classification == "quarterly"
        assert later.basis[0] == "accident.serious.lpwa"
