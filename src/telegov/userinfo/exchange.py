"""The whole register as YAML, and each table as CSV. An import validates everything first, then
replaces the register in one transaction, or writes nothing and names the line and the field."""

from __future__ import annotations

import csv
import io
from datetime import date

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from telegov.core.audit import record
from telegov.core.choices import AuditAction
from telegov.userinfo import vocabulary
from telegov.userinfo.models import (
    Contractor,
    HandlingProfile,
    InformationItem,
    SafetyMeasure,
    SupervisionRecord,
    System,
    VocabularyTerm,
)
from telegov.userinfo.services import full_snapshot

FORMAT = "telegov.userinfo.register/1"
PROFILE_FIELDS = ["carrier_name", "contact_point", "incident_response", "assessment_procedure"]
TERM_FIELDS = ["kind", "key", "label_ja", "label_en"]
SUPERVISION_FIELDS = ["reviewed_on", "method", "answers", "evidence", "next_review_on", "note"]
# Table name -> model and its columns, in export order. List columns hold keys of other tables.
TABLES = {
    "items": (InformationItem, ["key", "name", "information_class", "data_categories", "purposes", "method_of_use",
                                "third_party_provision", "secrecy_protected", "specified"]),
    "systems": (System, ["key", "name", "facility", "cloud_provider", "country", "region", "items", "retention",
                         "deletion_method"]),
    "contractors": (Contractor, ["key", "name", "parent", "country", "tasks", "items", "systems",
                                 "contract_reference", "contract_start", "contract_end"]),
    "measures": (SafetyMeasure, ["key", "name", "measure_class", "description", "items", "systems", "owner",
                                 "evidence"]),
}
LIST_COLUMNS = {"data_categories", "purposes", "items", "systems"}
DATE_COLUMNS = {"contract_start", "contract_end", "reviewed_on", "next_review_on"}
BOOL_COLUMNS = {"secrecy_protected", "specified"}


class RegisterImportError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# --- export ---------------------------------------------------------------------------------------


def _value(row, column: str):
    if column in LIST_COLUMNS and column not in {"data_categories", "purposes"}:
        return sorted(getattr(row, column).values_list("key", flat=True))
    if column == "parent":
        return row.parent.key if row.parent_id else None
    value = getattr(row, column)
    return value.isoformat() if isinstance(value, date) else value


def export_register(organisation) -> dict:
    profile = HandlingProfile.objects.filter(organisation=organisation).first()
    document = {
        "format": FORMAT,
        "profile": {name: getattr(profile, name) for name in PROFILE_FIELDS} if profile else None,
        "vocabulary": [{name: getattr(term, name) for name in TERM_FIELDS}
                       for term in VocabularyTerm.objects.filter(organisation=organisation)],
    }
    for table, (model, columns) in TABLES.items():
        rows = []
        for row in model.objects.filter(organisation=organisation).order_by("key"):
            entry = {column: _value(row, column) for column in columns}
            if model is Contractor:
                entry["supervision"] = [
                    {name: _value(sup, name) for name in SUPERVISION_FIELDS}
                    for sup in row.supervision_records.order_by("reviewed_on", "id")
                ]
            rows.append(entry)
        document[table] = rows
    return document


def export_yaml(organisation) -> str:
    return yaml.safe_dump(export_register(organisation), allow_unicode=True, sort_keys=False, width=120)


def export_csv(organisation, table: str) -> str:
    _, columns = TABLES[table]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for entry in export_register(organisation)[table]:
        writer.writerow([" ".join(entry[c]) if c in LIST_COLUMNS else "" if entry[c] is None else entry[c]
                         for c in columns])
    return buffer.getvalue()


# --- reading with line numbers ---------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """Remembers the line of every mapping and of each of its keys, so errors can name them."""

    def __init__(self, stream):
        super().__init__(stream)
        self.lines: dict[int, tuple[int, dict[str, int]]] = {}


def _construct_mapping(loader: _LineLoader, node):
    data: dict = {}
    yield data
    data.update(loader.construct_mapping(node))
    loader.lines[id(data)] = (node.start_mark.line + 1, {str(k.value): k.start_mark.line + 1 for k, _ in node.value})


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _read_yaml(text: str) -> tuple[dict, dict]:
    loader = _LineLoader(text)
    try:
        document = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RegisterImportError([f"line {mark.line + 1 if mark else '?'}: not valid YAML: "
                                   f"{getattr(exc, 'problem', exc)}"]) from exc
    finally:
        loader.dispose()
    return document, loader.lines


def import_yaml(actor, organisation, text: str) -> dict[str, int]:
    document, lines = _read_yaml(text)
    return import_register(actor, organisation, document, lines)


def import_csv(actor, organisation, table: str, text: str) -> dict[str, int]:
    """Replace one table from CSV; the rest of the register stays as it is."""
    if table not in TABLES:
        raise RegisterImportError([f"unknown table {table!r}"])
    document, lines = export_register(organisation), {}
    kept = {entry["key"]: entry.get("supervision", []) for entry in document.get("contractors", [])}
    rows = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    for row in reader:
        entry = {}
        for column, value in row.items():
            value = (value or "").strip()
            if column in LIST_COLUMNS:
                entry[column] = value.split()
            elif column in BOOL_COLUMNS:
                entry[column] = value.lower() in {"1", "true", "yes"}
            else:
                entry[column] = value or (None if column in DATE_COLUMNS | {"parent"} else "")
        if table == "contractors":
            entry["supervision"] = kept.get(entry.get("key"), [])
        lines[id(entry)] = (reader.line_num, dict.fromkeys(entry, reader.line_num))
        rows.append(entry)
    document[table] = rows
    return import_register(actor, organisation, document, lines)


# --- validation and writing ------------------------------------------------------------------------


class _Problems:
    def __init__(self, lines: dict):
        self.lines, self.found = lines, []

    def add(self, entry, where: str, field: str, message: str) -> None:
        line, keys = self.lines.get(id(entry), (None, {}))
        line = keys.get(field.split(".")[0], line)
        prefix = f"line {line}: " if line else ""
        self.found.append(f"{prefix}{where}.{field}: {message}")


def _flatten(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [(field, " ".join(messages)) for field, messages in error.message_dict.items()]
    return [("__all__", " ".join(error.messages))]


def _build(organisation, document: dict, problems: _Problems):
    """Unsaved rows with their links by key; every problem is collected, nothing is written."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        problems.found.append(f"line 1: format: expected {FORMAT!r}")
        return None
    built = {"profile": None, "vocabulary": [], "links": [], "supervision": []}
    profile = document.get("profile")
    if profile is not None:
        instance = HandlingProfile(organisation=organisation, **{k: profile.get(k) or "" for k in PROFILE_FIELDS})
        _clean(instance, profile, "profile", problems, exclude=["organisation"])
        built["profile"] = instance
    known = {kind: set(vocabulary.shipped()[kind]) for kind in vocabulary.KINDS}
    for index, term in enumerate(document.get("vocabulary") or []):
        instance = VocabularyTerm(organisation=organisation, **{k: term.get(k) or "" for k in TERM_FIELDS})
        _clean(instance, term, f"vocabulary[{index}]", problems)
        known.setdefault(instance.kind, set()).add(instance.key)
        built["vocabulary"].append(instance)
    keys: dict[str, dict[str, object]] = {}
    for table, (model, columns) in TABLES.items():
        keys[table] = {}
        rows = document.get(table) or []
        if not isinstance(rows, list):
            problems.found.append(f"{table}: a list is expected")
            continue
        for index, entry in enumerate(rows):
            where = f"{table}[{index}]"
            if not isinstance(entry, dict):
                problems.found.append(f"{where}: a mapping is expected")
                continue
            unknown = set(entry) - set(columns) - ({"supervision"} if model is Contractor else set())
            for field in sorted(unknown):
                problems.add(entry, where, field, "unknown field")
            fields = {c: entry.get(c) for c in columns if c not in LIST_COLUMNS - {"data_categories", "purposes"}
                      and c != "parent"}
            fields = {k: ([] if v is None and k in LIST_COLUMNS else "" if v is None and k not in DATE_COLUMNS
                          else v) for k, v in fields.items()}
            instance = model(organisation=organisation, **fields)
            _clean(instance, entry, where, problems)
            if instance.key in keys[table]:
                problems.add(entry, where, "key", f"{instance.key!r} appears twice")
            keys[table][instance.key] = instance
            if model is InformationItem:
                for field, kind in (("data_categories", "data_category"), ("purposes", "data_use")):
                    values = entry.get(field) or []
                    if not isinstance(values, list):
                        problems.add(entry, where, field, "a list of keys is expected")
                        continue
                    for key in values:
                        if key not in known[kind]:
                            problems.add(entry, where, field, f"unknown key {key!r}")
            built["links"].append((table, instance, entry, where))
    for table, instance, entry, where in built["links"]:
        for field, target in (("items", "items"), ("systems", "systems")):
            if field in TABLES[table][1]:
                values = entry.get(field) or []
                if not isinstance(values, list):
                    problems.add(entry, where, field, "a list of keys is expected")
                    continue
                for key in values:
                    if key not in keys[target]:
                        problems.add(entry, where, field, f"no {target[:-1]} with key {key!r}")
        if table == "contractors":
            parent = entry.get("parent")
            if parent and parent not in keys["contractors"]:
                problems.add(entry, where, "parent", f"no contractor with key {parent!r}")
            for index, sup in enumerate(entry.get("supervision") or []):
                record_ = SupervisionRecord(**{k: sup.get(k) for k in SUPERVISION_FIELDS if sup.get(k) is not None})
                _clean(record_, sup, f"{where}.supervision[{index}]", problems, exclude=["contractor"])
                built["supervision"].append((instance, record_))
    _check_cycles(document.get("contractors") or [], problems)
    built["keys"] = keys
    return built


def _check_cycles(rows: list, problems: _Problems) -> None:
    parents = {e.get("key"): e.get("parent") for e in rows if isinstance(e, dict)}
    for index, entry in enumerate(rows):
        seen, key = set(), entry.get("key") if isinstance(entry, dict) else None
        while key in parents and key not in seen:
            seen.add(key)
            key = parents[key]
        if key is not None and key in seen:
            problems.add(entry, f"contractors[{index}]", "parent", "sub-contractors form a cycle")


def _clean(instance, entry: dict, where: str, problems: _Problems, exclude=None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field, message in _flatten(error):
            problems.add(entry, where, field, message)


def import_register(actor, organisation, document: dict, lines: dict | None = None) -> dict[str, int]:
    """Replace the organisation's register with `document`: all of it, or nothing."""
    problems = _Problems(lines or {})
    built = _build(organisation, document, problems)
    if problems.found:
        raise RegisterImportError(problems.found)
    with transaction.atomic():
        _clear(actor, organisation)
        if built["profile"] is not None:
            _create(actor, organisation, built["profile"])
        for term in built["vocabulary"]:
            _create(actor, organisation, term)
        keys = built["keys"]
        for table, instance, entry, _ in built["links"]:
            if table == "contractors" and entry.get("parent"):
                continue
            instance.save()
        for table, instance, entry, _ in built["links"]:
            if table == "contractors" and entry.get("parent"):
                _save_child(instance, entry, keys["contractors"], document)
        for table, instance, entry, _ in built["links"]:
            for field in ("items", "systems"):
                if field in TABLES[table][1]:
                    getattr(instance, field).set([keys[field][key] for key in entry.get(field) or []])
            record(actor, organisation, AuditAction.CREATE, instance, None, full_snapshot(instance))
        for contractor, supervision in built["supervision"]:
            supervision.contractor = contractor
            _create(actor, organisation, supervision)
    return {table: len(keys[table]) for table in TABLES}


def _save_child(instance, entry, contractors: dict, document: dict) -> None:
    """Save a sub-contractor after its parent, however deep the tree."""
    if instance.pk:
        return
    parent = contractors[entry["parent"]]
    if not parent.pk:
        parent_entry = next(e for e in document["contractors"] if e.get("key") == entry["parent"])
        _save_child(parent, parent_entry, contractors, document)
    instance.parent = parent
    instance.save()


def _create(actor, organisation, instance) -> None:
    instance.save()
    record(actor, organisation, AuditAction.CREATE, instance, None, full_snapshot(instance))


def _clear(actor, organisation) -> None:
    for model in (SafetyMeasure, SupervisionRecord, Contractor, System, InformationItem, VocabularyTerm,
                  HandlingProfile):
        scope = {"contractor__organisation": organisation} if model is SupervisionRecord else {
            "organisation": organisation}
        rows = list(model.objects.filter(**scope))
        if model is Contractor:
            rows.sort(key=_depth, reverse=True)
        for row in rows:
            record(actor, organisation, AuditAction.DELETE, row, full_snapshot(row), None)
            row.delete()


def _depth(contractor: Contractor) -> int:
    depth, parent = 0, contractor.parent
    while parent is not None:
        depth, parent = depth + 1, parent.parent
    return depth
