"""The shape of one rule-book entry, and typed shapes for the parameters code reads."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator

RULE_ID_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"
ParametersT = TypeVar("ParametersT", bound="Parameters")


class Confidence(StrEnum):
    CONFIRMED = "confirmed"
    UNVERIFIED = "unverified"


class Rule(BaseModel):
    """One version of one rule: what the law said from `effective_from` to `effective_to` (inclusive)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=RULE_ID_PATTERN)
    title_ja: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    article: str = Field(min_length=1)
    source: AnyHttpUrl
    effective_from: date
    effective_to: date | None = None
    confidence: Confidence
    parameters: dict[str, Any] = Field(default_factory=dict)
    facts: list[str] = Field(default_factory=list, description="row ids in docs/legal-facts.md")
    note_ja: str | None = None
    note_en: str | None = None

    @model_validator(mode="after")
    def _period_is_ordered(self) -> Rule:
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(f"effective_to {self.effective_to} is before effective_from {self.effective_from}")
        return self

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def title(self, language: str) -> str:
        return self.title_en if language.startswith("en") else self.title_ja

    def note(self, language: str) -> str | None:
        return self.note_en if language.startswith("en") else self.note_ja

    def typed(self, model: type[ParametersT]) -> ParametersT:
        return model.model_validate(self.parameters)


class Parameters(BaseModel):
    """Base of the typed parameter shapes; a rule whose id has one is validated against it on load."""

    model_config = ConfigDict(extra="forbid", frozen=True)

