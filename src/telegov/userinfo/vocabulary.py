"""The vocabulary of data categories and data uses: the shipped subset of fideslang plus the
organisation's own terms."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "vocabulary.yaml"
KINDS = {"data_category": "data_categories", "data_use": "data_uses"}


@dataclass(frozen=True)
class Term:
    key: str
    label_ja: str
    label_en: str
    source: str

    def label(self, english: bool) -> str:
        return self.label_en if english else self.label_ja


@lru_cache(maxsize=1)
def shipped() -> dict[str, dict[str, Term]]:
    document = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return {
        kind: {entry["key"]: Term(entry["key"], entry["label_ja"], entry["label_en"], entry.get("source", "fideslang"))
               for entry in document[section]}
        for kind, section in KINDS.items()
    }


def attribution() -> str:
    return yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))["attribution"]


def terms(organisation, kind: str) -> dict[str, Term]:
    """Shipped terms of `kind` with the organisation's own added (theirs win on a shared key)."""
    from telegov.userinfo.models import VocabularyTerm

    found = dict(shipped()[kind])
    for term in VocabularyTerm.objects.filter(organisation=organisation, kind=kind):
        found[term.key] = Term(term.key, term.label_ja, term.label_en, "organisation")
    return found


def unknown_keys(organisation, kind: str, keys) -> list[str]:
    known = terms(organisation, kind)
    return [key for key in keys if key not in known]
