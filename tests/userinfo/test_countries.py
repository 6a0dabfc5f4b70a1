"""The country fact table in the rule book and the countries the register uses."""

from datetime import date

import pytest

from telegov.rules import rule_book
from telegov.userinfo.countries import country, missing_countries
from telegov.userinfo.models import Contractor
from telegov.userinfo.services import save_row

LEGAL_FACTS_COUNTRIES = ["US", "CN", "SG", "IN", "KR", "IE", "EU", "GB", "VN", "PH", "RU", "AE", "JP"]


@pytest.mark.parametrize("code", LEGAL_FACTS_COUNTRIES)
def test_every_country_of_the_fact_base_has_an_entry_with_its_basis(code):
    rule = rule_book().get(f"country.{code.lower()}", date(2026, 11, 26))
    found = country(code, date(2026, 11, 26))
    assert found.known and rule.article and str(rule.source).startswith("http")
    assert str(found.facts.source_url).startswith("http") and found.facts.as_of.year >= 2025


def test_confidence_follows_the_fact_base():
    on = date(2026, 11, 26)
    assert not country("CN", on).unverified and not country("VN", on).unverified
    assert country("KR", on).unverified and country("GB", on).unverified and country("US", on).unverified


def test_localisation_and_government_access_as_the_fact_base_says():
    on = date(2026, 11, 26)
    assert country("CN", on).facts.localisation_duty and country("CN", on).facts.gov_access_duty
    assert country("RU", on).facts.localisation_duty and country("VN", on).facts.localisation_duty
    assert country("US", on).facts.has_comprehensive_law is False
    assert country("AE", on).facts.has_comprehensive_law is False
    assert country("SG", on).facts.localisation_duty is False


def test_a_country_missing_from_the_fact_table_is_reported(carrier, client):
    organisation = carrier["organisation"]
    assert missing_countries(organisation, date(2026, 11, 26)) == []
    save_row(carrier["admin"], Contractor(organisation=organisation, key="br-dev", name="Exemplo Ltda", country="BR"))
    assert missing_countries(organisation, date(2026, 11, 26)) == ["BR"]
