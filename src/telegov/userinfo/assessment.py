"""The self-assessment framework (requirements held as data) and the risk matrix, where the country
fact table raises the likelihood of risks in storage and contractor countries. No database here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from telegov.rules.parameters import CountryFacts

FRAMEWORK_FILE = Path(__file__).resolve().parent / "data" / "self_assessment.yaml"


class Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^SA-[A-Z]{3}-\d{2}$")
    group: str
    article: str
    confidence: str
    text_ja: str
    text_en: str

    def text(self, english: bool) -> str:
        return self.text_en if english else self.text_ja


class Level(BaseModel):
    id: str
    max_score: int
    label_ja: str
    label_en: str


class Matrix(BaseModel):
    size: int = Field(ge=2)
    levels: list[Level]
    likelihood: dict[str, int]
    impact: dict[str, int]

    def level(self, score: int) -> Level:
        return next((level for level in self.levels if score <= level.max_score), self.levels[-1])


class Framework(BaseModel):
    framework: dict[str, str]
    requirements: list[Requirement]
    risk_matrix: Matrix

    @property
    def name(self) -> str:
        return f"{self.framework['id']}@{self.framework['version']}"

    def requirement(self, requirement_id: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == requirement_id), None)


@lru_cache(maxsize=1)
def framework() -> Framework:
    loaded = Framework.model_validate(yaml.safe_load(FRAMEWORK_FILE.read_text(encoding="utf-8")))
    ids = [r.id for r in loaded.requirements]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{FRAMEWORK_FILE.name}: a requirement id appears twice")
    return loaded


@dataclass(frozen=True)
class Rating:
    likelihood: int
    impact: int
    reasons: list[str]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


def country_likelihood(code: str, facts: CountryFacts | None, home: str, matrix: Matrix) -> tuple[int, list[str]]:
    """How likely the foreign legal system is to compromise the information, with the reasons."""
    weights = matrix.likelihood
    if code == home:
        return weights["home"], []
    value, reasons = weights["abroad"], ["abroad"]
    if facts is None:
        value += weights["missing_country_facts"]
        reasons.append("missing_country_facts")
    else:
        for flag, reason in ((facts.gov_access_duty, "gov_access_duty"),
                             (facts.localisation_duty, "localisation_duty"),
                             (facts.has_comprehensive_law is False, "no_comprehensive_law")):
            if flag:
                value += weights[reason]
                reasons.append(reason)
    return min(value, matrix.size), reasons


def impact_of(secrecy: bool, specified: bool, linked: bool, matrix: Matrix) -> int:
    weights = matrix.impact
    if secrecy:
        return weights["secrecy_protected"]
    if specified:
        return weights["specified"]
    return weights["other"] if linked else weights["nothing_linked"]
