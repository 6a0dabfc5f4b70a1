"""Secrecy leaks, business suspensions and near-misses, and due dates that land on closed days."""

from __future__ import annotations

import pytest

from telegov.incidents.classification import classify_many
from tests.incidents.helpers import due_of, outage, run


def near_miss(**fields):
    record = {
        "id": "nm", "kind": "near_miss", "detected_at": "2026-05-12T10:00:00+09:00",
        "operator_users_prev_fy": 30_000, "situation": "could_not_stop",
        "facility": {"multi_prefecture": True, "terminal_or_access_line": False, "core_function": "switching"},
    }
    facility = fields.pop("facility", {})
    record["facility"] = {**record["facility"], **facility}
    record.update(fields)
    return record


class TestSecrecyLeak:
    def test_reports_and_the_30_days_run_from_the_day_it_was_learned_of(self):
        result = run({"id": "s", "kind": "secrecy_leak", "started_at": "2026-01-05T10:00:00+09:00",
                      "detected_at": "2026-06-05T10:00:00+09:00"})
        assert result.classification == "secrecy_leak"
        assert [(r.kind, r.form) for r in result.reports] == [
            ("first_report", "電話・FAX・電子メール等、書式自由"), ("detailed_report", "様式第50の2")]
        assert result.reports[0].due == "promptly"
        # 5 July 2026 is a Sunday.
        assert due_of(result, "detailed_report") == "2026-07-06"
        assert result.basis == ["accident.report.secrecy_leak"]
        assert any("漏えいを知った日から30日以内" in r and "第57条" in r for r in result.reasons)

    def test_a_deadline_in_the_year_end_closure_moves_to_4_january(self):
        result = run({"id": "s", "kind": "secrecy_leak", "detected_at": "2026-12-01T10:00:00+09:00"})
        assert due_of(result, "detailed_report") == "2027-01-04"


class TestSuspension:
    def test_form_50_within_30_days_of_the_start(self):
        result = run({"id": "b", "kind": "business_suspension", "started_at": "2026-05-12T10:00:00+09:00"})
        assert result.classification == "suspension"
        assert [(r.kind, r.form, str(r.due)) for r in result.reports] == [
            ("first_report", "電話・FAX・電子メール等、書式自由", "promptly"),
            ("detailed_report", "様式第50", "2026-06-11"),
        ]

    def test_a_deadline_on_a_national_holiday_moves_to_the_next_open_day(self):
        # 3 November 2026 (文化の日) is a Tuesday.
        result = run({"id": "b", "kind": "business_suspension", "started_at": "2026-10-04T10:00:00+09:00"})
        assert due_of(result, "detailed_report") == "2026-11-04"


class TestSeriousDueDates:
    def test_a_deadline_on_a_saturday_or_sunday_moves_to_monday(self):
        # 30 days after 5 June 2026 is Sunday 5 July.
        result = run(outage(service_category="voice_emergency", affected_users=30_000, duration_minutes=60,
                            started_at="2026-06-05T10:00:00+09:00"))
        assert due_of(result, "detailed_report") == "2026-07-06"

    def test_a_utc_timestamp_counts_from_the_tokyo_day(self):
        # 16:00 UTC on 31 May is 01:00 on 1 June in Tokyo: due 1 July, not 30 June.
        result = run(outage(service_category="voice_emergency", affected_users=30_000, duration_minutes=60,
                            started_at="2026-05-31T16:00:00Z"))
        assert due_of(result, "detailed_report") == "2026-07-01"


class TestNearMiss:
    @pytest.mark.parametrize("situation", ["could_not_stop", "standby_switch_failed", "other_listed"])
    def test_in_scope_reports_within_30_days_of_awareness(self, situation):
        result = run(near_miss(situation=situation))
        assert result.classification == "near_miss"
        assert [(r.kind, str(r.due)) for r in result.reports] == [("near_miss_report", "2026-06-11")]
        assert result.basis[:3] == ["accident.near_miss_report", "accident.near_miss.scope",
                                    "accident.near_miss.situations"]

    def test_a_deadline_in_golden_week_moves_past_it(self):
        result = run(near_miss(detected_at="2026-04-03T10:00:00+09:00"))
        assert due_of(result, "near_miss_report") == "2026-05-07"

    @pytest.mark.parametrize(
        ("change", "reason"),
        [
            ({"operator_users_prev_fy": 29_999}, "3万人未満"),
            ({"facility": {"multi_prefecture": False}}, "2以上の都道府県"),
            ({"facility": {"terminal_or_access_line": True}}, "端末系伝送路設備"),
            ({"facility": {"core_function": "none"}}, "いずれの機能も持たない"),
            ({"situation": "unlisted"}, "列挙された事態に当たりません"),
        ],
        ids=["operator_users", "multi_prefecture", "terminal_or_access_line", "core_function", "situation"],
    )
    def test_each_out_of_scope_condition_alone_makes_it_not_reportable(self, change, reason):
        result = run(near_miss(**change))
        assert result.classification == "not_reportable"
        assert result.reports == []
        out_of_scope = [r for r in result.reasons if "対象外" not in r]
        assert len(out_of_scope) == 1 and reason in out_of_scope[0]

    def test_before_the_2022_amendment_took_effect_there_was_no_such_report(self):
        result = run(near_miss(detected_at="2023-06-15T10:00:00+09:00"))
        assert result.classification == "not_reportable"
        assert any("2023年6月16日施行" in r for r in result.reasons)
        assert run(near_miss(detected_at="2023-06-16T10:00:00+09:00")).classification == "near_miss"

    def test_missing_facility_is_named(self):
        record = near_miss()
        del record["facility"]
        [outcome] = classify_many([record])
        assert [p.field for p in outcome.problems] == ["facility"]
