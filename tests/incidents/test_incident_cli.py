"""`telegov incidents classify` through the real command: output, exit status and bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from telegov.cli import app
from tests.incidents.helpers import outage

runner = CliRunner()

GOOD_SERIOUS = outage(id="serious-1", service_category="voice_emergency", affected_users=30_000, duration_minutes=60)
GOOD_LEAK = {"id": "leak-1", "kind": "secrecy_leak", "detected_at": "2026-06-05T10:00:00+09:00"}


def classify(payload, *args: str):
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return runner.invoke(app, ["incidents", "classify", "-", *args], input=text)


def test_a_list_in_gives_a_list_out_in_the_same_order_and_exit_0():
    result = classify([GOOD_LEAK, GOOD_SERIOUS])
    assert result.exit_code == 0, result.stderr
    output = json.loads(result.stdout)
    assert [item["id"] for item in output] == ["leak-1", "serious-1"]
    assert output[1]["classification"] == "serious"
    assert output[1]["reports"][1] == {"kind": "detailed_report", "form": "様式第50の3", "due": "2026-06-11"}
    assert result.stderr == ""


def test_a_single_object_in_gives_a_single_object_out():
    result = classify(GOOD_LEAK)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["classification"] == "secrecy_leak"


def test_reading_a_file_and_writing_the_output_file(tmp_path):
    source, target = tmp_path / "events.json", tmp_path / "out.json"
    source.write_text(json.dumps([GOOD_SERIOUS]), encoding="utf-8")
    result = runner.invoke(app, ["incidents", "classify", str(source), "--output", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))[0]["basis"][0] == "accident.serious.voice_emergency"


def test_table_format_shows_the_classification():
    result = classify([GOOD_SERIOUS], "--format", "table")
    assert result.exit_code == 0
    assert "serious-1" in result.stdout and "serious" in result.stdout and "様式第50の3" in result.stdout


BAD_RECORDS = [
    pytest.param({"service_category": "satellite"}, "service_category", id="unknown-enum"),
    pytest.param({"affected_users": -1}, "affected_users", id="negative-users"),
    pytest.param({"duration_minutes": None, "started_at": "2026-05-12T10:00:00+09:00",
                  "ended_at": "2026-05-12T09:00:00+09:00"}, "ended_at", id="end-before-start"),
    pytest.param({"service_category": None}, "service_category", id="missing-field"),
    pytest.param({"started_at": "2026-05-12T10:00:00"}, "started_at", id="naive-datetime"),
    pytest.param({"affected_user": 5}, "affected_user", id="unknown-field"),
]


@pytest.mark.parametrize(("change", "field"), BAD_RECORDS)
def test_a_bad_record_is_named_with_its_field_and_the_good_ones_are_still_printed(change, field):
    bad = {**GOOD_SERIOUS, "id": "bad-1", **change}
    result = classify([GOOD_LEAK, bad, GOOD_SERIOUS])
    assert result.exit_code == 2
    assert f"record 'bad-1': field '{field}'" in result.stderr
    assert [item["id"] for item in json.loads(result.stdout)] == ["leak-1", "serious-1"]


def test_a_record_without_an_id_is_named_by_its_index():
    nameless = {key: value for key, value in GOOD_SERIOUS.items() if key != "id"} | {"affected_users": -5}
    result = classify([GOOD_LEAK, nameless])
    assert result.exit_code == 2
    assert "record at index 1: field 'affected_users'" in result.stderr
    assert [item["id"] for item in json.loads(result.stdout)] == ["leak-1"]


def test_a_record_that_is_not_an_object_is_named_by_its_index():
    result = classify([GOOD_LEAK, 42])
    assert result.exit_code == 2
    assert "record at index 1: field '(record)'" in result.stderr


def test_input_that_is_not_json_exits_2_with_a_message():
    result = classify("{not json")
    assert result.exit_code == 2
    assert "not valid JSON" in result.stderr
    assert result.stdout == ""


def test_every_fault_of_a_record_is_reported():
    result = classify([{"id": "empty", "kind": "outage"}])
    assert result.exit_code == 2
    for field in ("service_category", "affected_users", "started_at", "ended_at"):
        assert f"record 'empty': field '{field}'" in result.stderr
