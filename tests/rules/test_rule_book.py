from datetime import date
from pathlib import Path

import pytest

from telegov.rules import RuleBook, RuleBookError, RuleNotInForce, rule_book
from telegov.rules.book import DATA_DIR
from telegov.rules.parameters import PARAMETER_MODELS

RULE_FILES = sorted(DATA_DIR.glob("*.yaml"))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_rule_file_validates(path: Path, tmp_path: Path):
    (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert RuleBook.from_directory(tmp_path).ids()


def test_the_shipped_book_loads_and_every_typed_rule_is_present():
    book = rule_book()
    assert set(PARAMETER_MODELS) <= set(book.ids())


def test_every_rule_names_article_source_and_confidence():
    for rule in rule_book().all_versions():
        assert rule.article and str(rule.source).startswith("http")
        assert rule.confidence in {"confirmed", "unverified"}


VERSIONED = """
rules:
  - id: demo.threshold
    title_ja: 旧基準
    title_en: Old threshold
    article: 第1条
    source: https://example.org/old
    effective_from: 2010-04-01
    effective_to: 2015-03-31
    confidence: confirmed
    parameters: {users: 30000}
  - id: demo.threshold
    title_ja: 新基準
    title_en: New threshold
    article: 第1条
    source: https://example.org/new
    effective_from: 2015-04-01
    confidence: unverified
    parameters: {users: 100000}
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_date_selection_across_an_effective_to_boundary(tmp_path):
    book = RuleBook.from_directory(write(tmp_path, VERSIONED))
    assert book.get("demo.threshold", date(2015, 3, 31)).parameters == {"users": 30000}
    assert book.get("demo.threshold", date(2015, 4, 1)).parameters == {"users": 100000}
    with pytest.raises(RuleNotInForce):
        book.get("demo.threshold", date(2010, 3, 31))


def test_date_selection_in_the_shipped_book():
    book = rule_book()
    assert book.find("specified.info_rules", date(2023, 6, 15)) is None
    assert book.get("specified.info_rules", date(2023, 6, 16)).article == "電気通信事業法第27条の6"


def test_overlapping_versions_are_refused(tmp_path):
    text = VERSIONED.replace("effective_to: 2015-03-31", "effective_to: 2015-04-01")
    with pytest.raises(RuleBookError, match="overlaps"):
        RuleBook.from_directory(write(tmp_path, text))


def test_a_missing_field_is_named_with_file_and_entry(tmp_path):
    text = VERSIONED.replace("    article: 第1条\n    source: https://example.org/new\n", "    source: https://example.org/new\n")
    with pytest.raises(RuleBookError, match=r"rules.yaml: entry 2 \(demo.threshold\): article: Field required"):
        RuleBook.from_directory(write(tmp_path, text))


def test_an_unknown_confidence_is_refused(tmp_path):
    with pytest.raises(RuleBookError, match="confidence"):
        RuleBook.from_directory(write(tmp_path, VERSIONED.replace("unverified", "probably")))


def test_typed_parameters_are_validated_on_load(tmp_path):
    text = (DATA_DIR / "userinfo.yaml").read_text(encoding="utf-8").replace(
        "free_min_users: 10000000", "free_min_users: lots"
    )
    with pytest.raises(RuleBookError, match=r"specified.designation_thresholds.*parameters.free_min_users"):
        RuleBook.from_directory(write(tmp_path, text))
