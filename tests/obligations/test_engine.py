"""The obligations engine on contrasting profiles: each registration status, each threshold just
below and at its value. Thresholds are read from the rule book, so the tests follow the data."""

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from telegov.cli import app
from telegov.obligations.engine import assess
from telegov.obligations.profile import ProfileError, parse_profile
from telegov.rules import rule_book

ON = date(2026, 11, 26)
BOOK = rule_book()
DESIGNATION = BOOK.get("specified.designation_thresholds", ON).parameters
NEAR_MISS_MIN = BOOK.get("accident.near_miss.scope", ON).parameters["operator_min_users_prev_fy"]
CONFORMANCE_MIN = BOOK.get("facilities.conformance", ON).parameters["paid_min_users_prev_fy"]
SPECIFIED = {"specified.info_rules", "specified.info_policy", "specified.chief_manager", "specified.self_assessment"}
CARRIER_BASE = {
    "secrecy.protection", "userinfo.safety_management", "userinfo.contractor_supervision",
    "accident.serious_report", "accident.quarterly_report",
}


def profile(status="notified", users_prev_fy=1000, installs=False, designated_on=None, services=()):
    return parse_profile({
        "operator": {"name": "試験通信", "registration_status": status, "users_prev_fy": users_prev_fy,
                     "installs_circuit_facilities": installs, "designated_on": designated_on},
        "services": list(services),
    })


def service(name="svc", paid=True, users=100, category="other", transmission_type="none", outward=False):
    return {"name": name, "category": category, "paid": paid, "users": users,
            "transmission_type": transmission_type, "sends_user_info_outward": outward}


def duties(p, on=ON):
    return {item.id: item for item in assess(p, on).obligations}


def test_none_operator_has_no_duties_and_says_so():
    result = assess(profile(status="none", services=[service(users=50_000_000, outward=True,
                                                             transmission_type="information")]), ON)
    assert result.obligations == []
    assert "義務はありません" in result.message_ja


@pytest.mark.parametrize("status", ["registered", "notified"])
def test_small_carrier_has_the_base_duties_and_effort_duties(status):
    found = duties(profile(status=status))
    assert set(found) == CARRIER_BASE | SPECIFIED
    assert {found[i].level for i in SPECIFIED} == {"effort"}
    assert {found[i].level for i in CARRIER_BASE} == {"mandatory"}


def test_third_category_below_thresholds_has_only_secrecy():
    assert set(duties(profile(status="third_category", services=[service(paid=False, users=9_999_999)]))) == {
        "secrecy.protection"
    }


def test_free_service_just_below_designation_threshold():
    found = duties(profile(services=[service(paid=False, users=DESIGNATION["free_min_users"] - 1)]))
    assert {found[i].level for i in SPECIFIED} == {"effort"}


def test_free_service_at_designation_threshold_is_mandatory_with_due_dates():
    found = duties(profile(designated_on="2026-09-30",
                           services=[service(name="無料メッセージ", paid=False, users=DESIGNATION["free_min_users"])]))
    assert {found[i].level for i in SPECIFIED} == {"mandatory"}
    # Three months counted from 1 October end on 31 December, inside the year-end closure: filings
    # move to 4 January; publishing the policy is no filing and stays on 31 December.
    assert found["specified.info_rules"].due == date(2027, 1, 4)
    assert found["specified.chief_manager"].due == date(2027, 1, 4)
    assert found["specified.info_policy"].due == date(2026, 12, 31)
    assert found["specified.self_assessment"].due == date(2027, 3, 31)
    assert found["specified.info_rules"].services == ["無料メッセージ"]
    assert [b.rule for b in found["specified.info_rules"].basis] == [
        "specified.info_rules", "specified.designation_thresholds"]


def test_paid_service_just_below_and_at_designation_threshold():
    below = duties(profile(services=[service(paid=True, users=DESIGNATION["paid_min_users"] - 1)]))
    at = duties(profile(services=[service(paid=True, users=DESIGNATION["paid_min_users"])]))
    assert below["specified.info_rules"].level == "effort"
    assert at["specified.info_rules"].level == "mandatory"
    assert at["specified.info_rules"].due is None  # no designation date yet


def test_third_category_at_designation_threshold_is_mandatory():
    designated = service(paid=False, users=DESIGNATION["free_min_users"])
    found = duties(profile(status="third_category", services=[designated]))
    assert set(found) >= SPECIFIED
    assert "accident.quarterly_report" not in found


def test_near_miss_threshold_just_below_and_at():
    assert "accident.near_miss_report" not in duties(profile(users_prev_fy=NEAR_MISS_MIN - 1))
    assert duties(profile(users_prev_fy=NEAR_MISS_MIN))["accident.near_miss_report"].level == "mandatory"


def test_near_miss_is_for_carriers_only():
    assert "accident.near_miss_report" not in duties(profile(status="third_category", users_prev_fy=NEAR_MISS_MIN))


def test_facility_conformance_by_paid_users_just_below_and_at():
    assert "facilities.conformance" not in duties(profile(services=[service(paid=True, users=CONFORMANCE_MIN - 1)]))
    assert "facilities.conformance" in duties(profile(services=[service(paid=True, users=CONFORMANCE_MIN)]))
    assert "facilities.conformance" not in duties(profile(services=[service(paid=False, users=CONFORMANCE_MIN)]))


def test_installing_circuit_facilities_brings_conformance_and_self_confirmation():
    found = duties(profile(status="registered", installs=True))
    assert found["facilities.self_confirmation"].frequency == "before_use"
    assert "facilities.conformance" in found


@pytest.mark.parametrize(
    ("status", "transmission_type", "outward", "expected"),
    [
        ("third_category", "information", True, True),
        ("notified", "messaging", True, True),
        ("notified", "search", False, False),
        ("notified", "none", True, False),
        ("none", "sns_sharing", True, False),
    ],
)
def test_external_transmission_notice(status, transmission_type, outward, expected):
    found = duties(profile(status=status, services=[service(transmission_type=transmission_type, outward=outward)]))
    assert ("transmission.notice" in found) is expected


@pytest.mark.parametrize(
    ("on", "due"),
    [
        (date(2026, 7, 1), date(2026, 8, 31)),   # Q1 (Apr–Jun) report
        (date(2026, 9, 1), date(2026, 11, 30)),  # Q1 is past due; Q2 (Jul–Sep) next
        (date(2027, 1, 10), date(2027, 3, 1)),   # Q3 ends 31 Dec; 28 Feb 2027 is a Sunday
        (date(2028, 1, 10), date(2028, 2, 29)),  # leap year
        (date(2027, 4, 2), date(2027, 5, 31)),   # Q4 (Jan–Mar)
    ],
)
def test_next_quarterly_report_due(on, due):
    assert duties(profile(), on)["accident.quarterly_report"].due == due


def test_duties_follow_the_rule_book_dates():
    # Before the 2022 amendment took effect, there was no external-transmission rule.
    before = duties(profile(status="third_category", services=[service(transmission_type="information", outward=True)]),
                    on=date(2023, 6, 15))
    assert "transmission.notice" not in before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"services": [dict(service(), category="satellite")]}, "services.0.category"),
        ({"services": [dict(service(), users=-1)]}, "services.0.users"),
        ({"operator": {"name": "x", "registration_status": "licensed"}}, "operator.registration_status"),
        ({"operator": {"name": "x", "registration_status": "notified", "corporate_number": "1234567890123"}},
         "operator.corporate_number"),
        ({"operator": {"name": "x", "registration_status": "notified", "users_prev_fy": -5}}, "operator.users_prev_fy"),
    ],
)
def test_bad_profile_is_refused_naming_the_field(change, field):
    data = {"operator": {"name": "x", "registration_status": "notified"}, "services": []}
    data.update(change)
    with pytest.raises(ProfileError, match=field.replace(".", r"\.")):
        parse_profile(data)


def test_cli_json_output(tmp_path):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({
        "operator": {"name": "試験ISP", "registration_status": "notified", "users_prev_fy": 40000},
        "services": [service(paid=True, users=1_200_000)],
    }), encoding="utf-8")
    result = CliRunner().invoke(app, ["obligations", str(path), "--on", "2026-11-26", "--format", "json"])
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert output["operator"] == "試験ISP"
    ids = [item["id"] for item in output["obligations"]]
    assert "facilities.conformance" in ids and "accident.near_miss_report" in ids
    quarterly = next(item for item in output["obligations"] if item["id"] == "accident.quarterly_report")
    assert quarterly["due"] == "2026-11-30" and quarterly["level"] == "mandatory"
    assert quarterly["basis"][0]["article"] == "電気通信事業報告規則第7条の3"


def test_cli_bad_profile_exits_2_naming_the_field(tmp_path):
    path = tmp_path / "profile.yaml"
    path.write_text("operator: {name: x, registration_status: notified}\nservices:\n"
                    "  - {name: a, category: satellite, paid: true, users: 1}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["obligations", str(path)])
    assert result.exit_code == 2
    assert "services.0.category" in result.stderr
