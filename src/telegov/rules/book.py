"""Loads the rule-book YAML files, validates them, and answers "what held on date D"."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from telegov.rules.parameters import parameter_model
from telegov.rules.schema import ParametersT, Rule

DATA_DIR = Path(__file__).resolve().parent / "data"


class RuleBookError(ValueError):
    """A rule file that cannot be used; the message names the file, the entry and the field."""


class RuleNotInForce(LookupError):
    pass


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "(entry)"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def _load_file(path: Path) -> list[Rule]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleBookError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("rules"), list):
        raise RuleBookError(f"{path.name}: expected a mapping with a list under 'rules'")
    rules = []
    for index, entry in enumerate(document["rules"], start=1):
        label = entry.get("id", "?") if isinstance(entry, dict) else "?"
        try:
            rule = Rule.model_validate(entry)
        except ValidationError as exc:
            raise RuleBookError(f"{path.name}: entry {index} ({label}): {_describe(exc)}") from exc
        model = parameter_model(rule.id)
        if model is not None:
            try:
                model.model_validate(rule.parameters)
            except ValidationError as exc:
                raise RuleBookError(
                    f"{path.name}: entry {index} ({label}): parameters.{_describe(exc)}"
                ) from exc
        rules.append(rule)
    return rules


class RuleBook:
    def __init__(self, rules: Iterable[Rule]):
        versions: dict[str, list[Rule]] = defaultdict(list)
        for rule in rules:
            versions[rule.id].append(rule)
        for rule_id, items in versions.items():
            items.sort(key=lambda r: r.effective_from)
            for earlier, later in zip(items, items[1:], strict=False):
                if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
                    raise RuleBookError(
                        f"{rule_id}: the version from {earlier.effective_from} overlaps the one from "
                        f"{later.effective_from}; give the earlier one an effective_to before it"
                    )
        self._versions = dict(versions)

    @classmethod
    def from_directory(cls, directory: Path = DATA_DIR) -> RuleBook:
        files = sorted(directory.glob("*.yaml"))
        if not files:
            raise RuleBookError(f"no rule files in {directory}")
        rules: list[Rule] = []
        for path in files:
            rules.extend(_load_file(path))
        return cls(rules)

    def ids(self) -> list[str]:
        return sorted(self._versions)

    def versions(self, rule_id: str) -> list[Rule]:
        if rule_id not in self._versions:
            raise KeyError(f"no rule {rule_id!r} in the rule book")
        return list(self._versions[rule_id])

    def get(self, rule_id: str, on: date) -> Rule:
        for rule in self.versions(rule_id):
            if rule.in_force_on(on):
                return rule
        raise RuleNotInForce(f"rule {rule_id!r} was not in force on {on.isoformat()}")

    def find(self, rule_id: str, on: date) -> Rule | None:
        try:
            return self.get(rule_id, on)
        except (KeyError, RuleNotInForce):
            return None

    def parameters(self, rule_id: str, on: date, model: type[ParametersT]) -> ParametersT:
        return self.get(rule_id, on).typed(model)

    def in_force(self, on: date, prefix: str = "") -> list[Rule]:
        found = (self.find(rule_id, on) for rule_id in self.ids() if rule_id.startswith(prefix))
        return [rule for rule in found if rule is not None]

    def all_versions(self) -> list[Rule]:
        return [rule for rule_id in self.ids() for rule in self._versions[rule_id]]


@lru_cache(maxsize=1)
def rule_book() -> RuleBook:
    """The shipped rule book, loaded and validated once per process."""
    return RuleBook.from_directory()
