"""Quarterly-report accidents (報告規則 Art. 7-3): criteria, the three classes and the due dates."""

from __future__ import annotations

import pytest

from telegov.incidents.classification import classify_many
from tests.incidents.helpers import due_of, outage, run

NOTICE_FORM_CLASSES = ["mobile_access_line", "remote_subscriber_unit", "dslam"]


def quarterly_outage(**fields):
    """Below every serious pair of `other`, above the quarterly user count."""
    return outage(affected_users=30_000, duration_minutes=30, **fields)


def test_ordinance_form_for_a_general_facility():
    result = run(quarterly_outage())
    assert result.classification == "quarterly"
    assert [(r.kind, r.form) for r in result.reports] == [("quarterly_report", "様式第27")]
    assert result.basis == ["accident.serious.other", "accident.quarterly.telecom_facility",
                            "accident.quarterly.class.ordinance_form", "accident.quarterly_report"]
    assert any("第7条の3第1項第1号の四半期報告事故に該当します" in r for r in result.reasons)


@pytest.mark.parametrize("facility_class", NOTICE_FORM_CLASSES)
def test_notice_form_for_each_of_the_three_facility_classes(facility_class):
    result = run(quarterly_outage(facility_class=facility_class))
    assert result.classification == "quarterly_simplified"
    assert [(r.kind, r.form) for r in result.reports] == [("quarterly_report", "告示に定める様式")]
    assert "accident.quarterly.class.notice_form" in result.basis


def test_a_notice_form_facility_that_reaches_a_serious_pair_is_still_serious():
    result = run(outage(facility_class="dslam", affected_users=30_000, duration_minutes=120))
    assert result.classification == "serious"


def test_customer_premises_with_impact_within_the_premises_is_minor_and_needs_no_report():
    result = run(quarterly_outage(facility_class="customer_premises", impact_within_premises=True))
    assert result.classification == "minor_no_report"
    assert result.reports == []
    assert "accident.quarterly.class.minor" in result.basis
    assert any("第7条の3第2項" in r and "軽微な事故" in r for r in result.reasons)


def test_customer_premises_with_impact_beyond_the_premises_takes_the_ordinance_form():
    result = run(quarterly_outage(facility_class="customer_premises", impact_within_premises=False))
    assert result.classification == "quarterly"
    assert result.reports[0].form == "様式第27"


def test_customer_premises_without_the_premises_flag_names_the_missing_field():
    [outcome] = classify_many([quarterly_outage(facility_class="customer_premises")])
    assert [p.field for p in outcome.problems] == ["impact_within_premises"]


def test_other_facility_cause_two_hours_and_few_users():
    result = run(outage(cause="other_facility", affected_users=10, duration_minutes=120, facility_class="dslam"))
    # The facility classes name telecom facilities; another cause takes the ordinance form.
    assert result.classification == "quarterly"
    assert result.reports[0].form == "様式第27"
    assert result.basis[0] == "accident.quarterly.other_facility"
    assert any("第7条の3第1項第2号" in r for r in result.reasons)


def test_other_facility_cause_below_both_criteria_is_not_reportable():
    result = run(outage(cause="other_facility", affected_users=29_999, duration_minutes=119))
    assert result.classification == "not_reportable"


def test_facility_info_leak_is_always_quarterly_in_the_quarter_it_was_detected():
    result = run({"id": "leak", "kind": "facility_info_leak", "detected_at": "2026-07-01T09:00:00+09:00"})
    assert result.classification == "quarterly"
    assert [(r.kind, r.form, str(r.due)) for r in result.reports] == [("quarterly_report", "様式第27", "2026-11-30")]
    assert result.basis[0] == "accident.quarterly.facility_info_leak"


@pytest.mark.parametrize(
    ("users", "minutes", "expected"),
    [
        (30_000, 0, "quarterly"),
        (29_999, 0, "not_reportable"),
        (0, 120, "quarterly"),
        (0, 119, "not_reportable"),
        (29_999, 119, "not_reportable"),
    ],
)
def test_quarterly_criteria_at_their_boundaries(users, minutes, expected):
    result = run(outage(service_category="voice_emergency", affected_users=users, duration_minutes=minutes))
    assert result.classification == expected
    if expected == "not_reportable":
        assert result.reports == []
        assert any("報告を要しません" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("started_at", "due"),
    [
        ("2026-08-10T10:00:00+09:00", "2026-11-30"),  # Jul–Sep: 30 Nov 2026 is a Monday
        ("2023-11-15T10:00:00+09:00", "2024-02-29"),  # Oct–Dec, leap year: a Thursday
        ("2024-11-15T10:00:00+09:00", "2025-02-28"),  # Oct–Dec, common year: a Friday
        ("2026-11-15T10:00:00+09:00", "2027-03-01"),  # Oct–Dec: 28 Feb 2027 is a Sunday
        ("2027-02-10T10:00:00+09:00", "2027-05-31"),  # Jan–Mar: a Monday
        ("2026-02-10T10:00:00+09:00", "2026-06-01"),  # Jan–Mar: 31 May 2026 is a Sunday
        ("2026-05-12T10:00:00+09:00", "2026-08-31"),  # Apr–Jun: 31 Aug 2026 is a Monday
    ],
)
def test_quarterly_due_two_months_after_the_end_of_the_quarter(started_at, due):
    assert due_of(run(quarterly_outage(started_at=started_at)), "quarterly_report") == due


def test_apr_jun_quarter_is_due_on_31_august_in_a_year_where_30_august_is_open():
    # 2027-08-30 is a Monday and 2027-08-31 a Tuesday, so only the correct count gives 31 August.
    assert due_of(run(quarterly_outage(started_at="2027-05-12T10:00:00+09:00")), "quarterly_report") == "2027-08-31"


def test_a_utc_time_on_the_last_day_of_a_quarter_that_is_the_next_quarter_in_tokyo():
    # 15:30 UTC on 30 June is 00:30 on 1 July in Tokyo: the Jul–Sep quarter, due 30 November.
    result = run(quarterly_outage(started_at="2026-06-30T15:30:00Z"))
    assert due_of(result, "quarterly_report") == "2026-11-30"
    assert any("2026年9月30日に終わる四半期" in r for r in result.reasons)
