"""The law as data: every threshold, deadline, form and article telegov relies on."""

from telegov.rules.book import RuleBook, RuleBookError, RuleNotInForce, rule_book
from telegov.rules.schema import Confidence, Rule

__all__ = ["Confidence", "Rule", "RuleBook", "RuleBookError", "RuleNotInForce", "rule_book"]
