import json

from typer.testing import CliRunner

from telegov.cli import app

runner = CliRunner()


def test_rules_list_on_a_date_as_json():
    result = runner.invoke(app, ["rules", "list", "--on", "2023-06-15", "--json"])
    assert result.exit_code == 0, result.output
    ids = {rule["id"] for rule in json.loads(result.stdout)}
    assert "secrecy.protection" in ids
    assert "transmission.notice" not in ids  # in force from 2023-06-16


def test_rules_list_filters_by_prefix():
    result = runner.invoke(app, ["rules", "list", "--on", "2026-11-26", "--prefix", "specified.", "--json"])
    ids = {rule["id"] for rule in json.loads(result.stdout)}
    assert ids and all(rule_id.startswith("specified.") for rule_id in ids)


def test_rules_show_gives_article_source_and_confidence():
    result = runner.invoke(app, ["rules", "show", "specified.info_rules", "--on", "2026-11-26"])
    assert result.exit_code == 0
    (rule,) = json.loads(result.stdout)
    assert rule["article"] == "電気通信事業法第27条の6"
    assert rule["source"].startswith("http") and rule["confidence"] == "confirmed"


def test_rules_show_refuses_unknown_ids_and_dates_out_of_force():
    assert runner.invoke(app, ["rules", "show", "no.such.rule"]).exit_code == 2
    assert runner.invoke(app, ["rules", "show", "transmission.notice", "--on", "2020-01-01"]).exit_code == 2
    assert runner.invoke(app, ["rules", "list", "--on", "yesterday"]).exit_code == 2
