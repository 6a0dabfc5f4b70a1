"""Countries of the register against the country fact table of the rule book (`country.<code>`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from telegov.rules import Rule, rule_book
from telegov.rules.parameters import CountryFacts

HOME_COUNTRY = "JP"


@dataclass(frozen=True)
class Country:
    code: str
    facts: CountryFacts | None
    rule: Rule | None

    @property
    def known(self) -> bool:
        return self.facts is not None

    def name(self, english: bool = False) -> str:
        if self.facts is None:
            return self.code
        return self.facts.name_en if english else self.facts.name_ja

    @property
    def unverified(self) -> bool:
        return self.rule is not None and self.rule.confidence.value == "unverified"


def rule_id(code: str) -> str:
    return f"country.{code.lower()}"


def country(code: str, on: date) -> Country:
    rule = rule_book().find(rule_id(code), on)
    return Country(code, rule.typed(CountryFacts) if rule else None, rule)


def register_countries(organisation) -> dict[str, set[str]]:
    """Storage countries (of systems) and contractor countries (of contractors and sub-contractors)."""
    from telegov.userinfo.models import Contractor, System

    return {
        "storage": set(System.objects.filter(organisation=organisation).values_list("country", flat=True)),
        "contractor": set(Contractor.objects.filter(organisation=organisation).values_list("country", flat=True)),
    }


def missing_countries(organisation, on: date) -> list[str]:
    """Countries the register uses that the fact table lacks: the UI reports them."""
    used = set().union(*register_countries(organisation).values())
    return sorted(code for code in used if not country(code, on).known)
