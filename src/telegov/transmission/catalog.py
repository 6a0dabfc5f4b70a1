"""The vendor catalog: who receives on a domain, in which country, for what purpose.

The data lives in `data/vendors.yaml`; organisations may add or override entries with `Catalog.merged`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from telegov.transmission.domains import registrable_domain

DATA_FILE = Path(__file__).resolve().parent / "data" / "vendors.yaml"

Category = Literal[
    "analytics", "advertising", "social", "tag_manager", "session_recording", "cdn", "customer_data",
    "consent", "chat", "video", "maps", "fonts", "payment", "security", "marketing_automation",
    "ab_testing", "other",
]


class CatalogError(ValueError):
    """A catalog that cannot be used; the message names the file, the entry and the field."""


class LocalizedName(BaseModel):
    model_config = ConfigDict(frozen=True)
    ja: str = Field(min_length=1)
    en: str = Field(min_length=1)


class LocalizedPurposes(BaseModel):
    model_config = ConfigDict(frozen=True)
    ja: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)


class Vendor(BaseModel):
    # Keys the schema may gain later are ignored rather than refused, so an older engine still loads newer data.
    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
    domains: tuple[str, ...] = Field(min_length=1)
    organization: LocalizedName
    country: str = Field(pattern=r"^[A-Z]{2}$")
    category: Category
    purposes: LocalizedPurposes
    privacy_policy: str | None = None
    opt_out: str | None = None
    exemption: str | None = None
    source: str = Field(min_length=1)

    @field_validator("domains", mode="before")
    @classmethod
    def _normalise_domains(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return tuple(str(item).strip().rstrip(".").lower() for item in value)
        return value

    @field_validator("domains")
    @classmethod
    def _domains_are_hosts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for domain in value:
            if not domain or "/" in domain or ":" in domain or " " in domain or "." not in domain:
                raise ValueError(f"{domain!r} is not a domain name")
        return value


def _describe(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in item['loc']) or '(entry)'}: {item['msg']}" for item in error.errors()
    )


class Catalog:
    """Vendors indexed by the domains they receive on; each domain belongs to one vendor only."""

    def __init__(self, vendors: Iterable[Vendor]):
        self.vendors: tuple[Vendor, ...] = tuple(vendors)
        self._by_id: dict[str, Vendor] = {}
        self._by_domain: dict[str, Vendor] = {}
        for vendor in self.vendors:
            if vendor.id in self._by_id:
                raise CatalogError(f"vendor id {vendor.id!r} appears twice")
            self._by_id[vendor.id] = vendor
            for domain in vendor.domains:
                owner = self._by_domain.get(domain)
                if owner is not None:
                    raise CatalogError(f"domain {domain!r} is claimed by both {owner.id!r} and {vendor.id!r}")
                self._by_domain[domain] = vendor

    def __len__(self) -> int:
        return len(self.vendors)

    def get(self, vendor_id: str) -> Vendor | None:
        return self._by_id.get(vendor_id)

    def lookup(self, host: str) -> Vendor | None:
        """The vendor receiving on `host`: the most specific listed host wins, then its registrable domain."""
        host = host.rstrip(".").lower()
        site = registrable_domain(host)
        candidate = host
        while candidate:
            vendor = self._by_domain.get(candidate)
            if vendor is not None:
                return vendor
            if candidate == site or "." not in candidate:
                break
            candidate = candidate.split(".", 1)[1]
        return None

    def merged(self, overrides: Iterable[Vendor]) -> Catalog:
        """A catalog where `overrides` replace entries of the same id and take over the domains they list."""
        overrides = tuple(overrides)
        replaced = {vendor.id for vendor in overrides}
        claimed = {domain for vendor in overrides for domain in vendor.domains}
        kept = []
        for vendor in self.vendors:
            if vendor.id in replaced:
                continue
            remaining = tuple(domain for domain in vendor.domains if domain not in claimed)
            if remaining:
                kept.append(vendor if remaining == vendor.domains else vendor.model_copy(update={"domains": remaining}))
        return Catalog([*kept, *overrides])

    @classmethod
    def from_mapping(cls, document: object, label: str = "catalog") -> Catalog:
        if not isinstance(document, dict) or not isinstance(document.get("vendors"), list):
            raise CatalogError(f"{label}: expected a mapping with a list under 'vendors'")
        vendors = []
        for index, entry in enumerate(document["vendors"], start=1):
            name = entry.get("id", "?") if isinstance(entry, dict) else "?"
            try:
                vendors.append(Vendor.model_validate(entry))
            except ValidationError as exc:
                raise CatalogError(f"{label}: entry {index} ({name}): {_describe(exc)}") from exc
        try:
            return cls(vendors)
        except CatalogError as exc:
            raise CatalogError(f"{label}: {exc}") from exc

    @classmethod
    def load(cls, path: Path) -> Catalog:
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CatalogError(f"{path}: cannot be read: {exc.strerror}") from exc
        except yaml.YAMLError as exc:
            raise CatalogError(f"{path.name}: not valid YAML: {exc}") from exc
        return cls.from_mapping(document, path.name)


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The catalog shipped with telegov; empty while the data file is not there yet."""
    if not DATA_FILE.exists():
        return Catalog([])
    return Catalog.load(DATA_FILE)
