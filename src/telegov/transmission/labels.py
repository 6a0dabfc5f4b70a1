"""Plain words for what a notice declares: information labels (data/information.yaml) and the exceptions
of the rule book (transmission.exceptions) that a recipient may fall under."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from telegov.transmission.inference import ALL_CODES

DATA_FILE = Path(__file__).resolve().parent / "data" / "information.yaml"


@dataclass(frozen=True)
class InformationLabel:
    code: str
    ja: str
    en: str
    keywords_ja: tuple[str, ...]
    keywords_en: tuple[str, ...]


@dataclass(frozen=True)
class ExceptionLabel:
    code: str
    label_ja: str
    label_en: str


@lru_cache(maxsize=1)
def _document() -> dict:
    document = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    missing = [code for code in ALL_CODES if code not in document["information"]]
    if missing:
        raise ValueError(f"{DATA_FILE.name}: no label for {', '.join(missing)}")
    return document


@lru_cache(maxsize=1)
def information_labels() -> dict[str, InformationLabel]:
    return {
        code: InformationLabel(code, entry["ja"], entry["en"], tuple(entry.get("keywords_ja", ())),
                               tuple(entry.get("keywords_en", ())))
        for code, entry in _document()["information"].items()
    }


def label_ja(code: str) -> str:
    found = information_labels().get(code)
    return found.ja if found else code


def label_en(code: str) -> str:
    found = information_labels().get(code)
    return found.en if found else code


def exception_for_exemption(exemption: str | None) -> str | None:
    """The rule book's exception code that a catalog exemption hint points to."""
    return _document()["exemptions"].get(exemption) if exemption else None


def exceptions(on: date) -> dict[str, ExceptionLabel]:
    """The exceptions of the rule book in force on `on`, by code."""
    from telegov.rules.book import rule_book
    from telegov.rules.parameters import TransmissionExceptions

    found = rule_book().parameters("transmission.exceptions", on, TransmissionExceptions)
    return {item.code: ExceptionLabel(item.code, item.label_ja, item.label_en) for item in found.exceptions}


def notice_basis(on: date) -> str:
    """The article a notice is given under, from the rule book."""
    from telegov.rules.book import rule_book

    return rule_book().get("transmission.notice", on).article
