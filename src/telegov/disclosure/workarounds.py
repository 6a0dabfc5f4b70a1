"""The workaround texts of workarounds.yaml, checked when first read."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from telegov.disclosure.choices import Impact

WORKAROUNDS_FILE = Path(__file__).with_name("workarounds.yaml")
IMPACT_ORDER = [Impact.NONE, Impact.MINOR, Impact.MAJOR, Impact.CRITICAL]


@dataclass(frozen=True)
class Workaround:
    key: str
    label_ja: str
    label_en: str
    text_ja: str
    text_en: str
    suggested_for: tuple[str, ...]
    min_impact: str

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_ja

    def text(self, language: str) -> str:
        return self.text_en if language == "en" else self.text_ja


@cache
def workarounds() -> dict[str, Workaround]:
    entries = yaml.safe_load(WORKAROUNDS_FILE.read_text(encoding="utf-8"))
    found: dict[str, Workaround] = {}
    for position, entry in enumerate(entries, start=1):
        try:
            item = Workaround(**{**entry, "suggested_for": tuple(entry.get("suggested_for", ()))})
        except TypeError as error:
            raise ValueError(f"{WORKAROUNDS_FILE.name}: entry {position}: {error}") from None
        if item.key in found:
            raise ValueError(f"{WORKAROUNDS_FILE.name}: entry {position}: duplicate key {item.key!r}")
        if item.min_impact not in Impact.values:
            raise ValueError(f"{WORKAROUNDS_FILE.name}: {item.key}: min_impact {item.min_impact!r} is not an impact")
        found[item.key] = item
    return found


def suggested(categories: set[str], impact: str) -> list[str]:
    """Keys of the workarounds offered for an incident touching services of `categories`."""
    level = IMPACT_ORDER.index(impact)
    return [
        item.key for item in workarounds().values()
        if categories & set(item.suggested_for) and level >= IMPACT_ORDER.index(item.min_impact)
    ]
