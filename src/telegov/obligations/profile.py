"""The operator profile: what the obligations engine needs to know, from a file or the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from telegov.core.choices import PREFECTURES, RegistrationStatus, ServiceCategory, TransmissionServiceType
from telegov.core.validators import corporate_number_error


class ProfileError(ValueError):
    """A profile that cannot be used; each line names the field."""


class OperatorProfile(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    name: str = Field(min_length=1)
    corporate_number: str | None = None
    registration_status: RegistrationStatus
    installs_circuit_facilities: bool = False
    users_prev_fy: int = Field(default=0, ge=0)
    designated_on: date | None = None
    business_year_start_month: int = Field(default=4, ge=1, le=12)

    @field_validator("corporate_number")
    @classmethod
    def _check_digit(cls, value: str | None) -> str | None:
        if value:
            error = corporate_number_error(value)
            if error:
                raise ValueError(error)
        return value or None


class ServiceProfile(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    name: str = Field(min_length=1)
    category: ServiceCategory
    paid: bool
    users: int = Field(ge=0)
    monthly_active_users: int | None = Field(default=None, ge=0)
    transmission_type: TransmissionServiceType = TransmissionServiceType.NONE
    sends_user_info_outward: bool = False
    prefectures: list[str] = Field(default_factory=list)

    @field_validator("prefectures")
    @classmethod
    def _known_prefectures(cls, value: list[str]) -> list[str]:
        unknown = [name for name in value if name not in PREFECTURES]
        if unknown:
            raise ValueError(f"unknown prefecture: {', '.join(unknown)}")
        return value


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    operator: OperatorProfile
    services: list[ServiceProfile] = Field(default_factory=list)


def describe_validation_error(error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(profile)"
        lines.append(f"{where}: {item['msg']}")
    return "\n".join(lines)


def parse_profile(data: object) -> Profile:
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(describe_validation_error(exc)) from None


def load_profile(path: Path) -> Profile:
    """A profile from a YAML or JSON file (JSON is YAML)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"{path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path}: not valid YAML or JSON: {exc}") from None
    return parse_profile(data)


def profile_from_operator(operator) -> Profile:
    """The profile of an operator stored in the database."""
    return Profile(
        operator=OperatorProfile(**{name: getattr(operator, name) for name in OperatorProfile.model_fields}),
        services=[
            ServiceProfile(**{name: getattr(service, name) for name in ServiceProfile.model_fields})
            for service in operator.services.all()
        ],
    )
