"""The register as YAML and CSV: a round trip is lossless, a bad import changes nothing and says where."""

import pytest
import yaml

from telegov.core import services as actions
from telegov.core.models import AuditLog
from telegov.userinfo.exchange import (
    RegisterImportError,
    export_csv,
    export_register,
    export_yaml,
    import_csv,
    import_yaml,
)
from telegov.userinfo.models import Contractor, InformationItem, System


def test_export_then_import_into_an_empty_organisation_gives_the_same_register(carrier):
    empty = actions.create_organisation(carrier["admin"], "空の組織", "empty")
    text = export_yaml(carrier["organisation"])
    counts = import_yaml(carrier["admin"], empty, text)
    assert counts == {"items": 6, "systems": 4, "contractors": 3, "measures": 4}
    assert export_register(empty) == export_register(carrier["organisation"])
    sub = Contractor.objects.get(organisation=empty, key="vn-datacentre")
    assert sub.parent.key == "vn-support" and sub.parent.organisation == empty
    assert sorted(System.objects.get(organisation=empty, key="analytics").items.values_list("key", flat=True)) == [
        "app-identifiers", "web-activity"]


def test_a_bad_import_changes_nothing_and_names_the_line_and_the_field(carrier):
    organisation = carrier["organisation"]
    before, audit_rows = export_register(organisation), AuditLog.objects.count()
    text = export_yaml(organisation)
    lines = text.splitlines()
    bad_line = next(number for number, line in enumerate(lines, start=1) if "country: SG" in line)
    text = text.replace("country: SG", "country: Singapore").replace("- app-identifiers\n", "- no-such-item\n", 1)
    with pytest.raises(RegisterImportError) as raised:
        import_yaml(carrier["admin"], organisation, text)
    problems = raised.value.problems
    assert any(p.startswith(f"line {bad_line}: systems[") and ".country:" in p for p in problems), problems
    assert any("no item with key 'no-such-item'" in p for p in problems), problems
    assert export_register(organisation) == before
    assert AuditLog.objects.count() == audit_rows


def test_an_unknown_data_category_and_a_cycle_of_sub_contractors_are_refused(carrier, register_document):
    register_document["items"][0]["data_categories"] = ["user.no_such_thing"]
    register_document["contractors"][0]["parent"] = "vn-datacentre"
    with pytest.raises(RegisterImportError) as raised:
        from telegov.userinfo.exchange import import_register

        import_register(carrier["admin"], carrier["organisation"], register_document)
    text = "\n".join(raised.value.problems)
    assert "items[0].data_categories: unknown key 'user.no_such_thing'" in text
    assert "sub-contractors form a cycle" in text


def test_the_organisation_may_add_its_own_vocabulary(carrier, register_document):
    from telegov.userinfo.exchange import import_register

    register_document["vocabulary"] = [{"kind": "data_category", "key": "user.telecom.sim_serial",
                                        "label_ja": "SIMシリアル番号", "label_en": "SIM serial number"}]
    register_document["items"][3]["data_categories"].append("user.telecom.sim_serial")
    import_register(carrier["admin"], carrier["organisation"], register_document)
    item = InformationItem.objects.get(organisation=carrier["organisation"], key="app-identifiers")
    assert "user.telecom.sim_serial" in item.data_categories


def test_csv_per_table_round_trips_and_a_bad_row_names_its_line(carrier):
    organisation = carrier["organisation"]
    before = export_register(organisation)
    text = export_csv(organisation, "systems")
    assert text.splitlines()[0].startswith("key,name,facility")
    import_csv(carrier["admin"], organisation, "systems", text)
    assert export_register(organisation) == before
    broken = text.splitlines()
    broken[2] = broken[2].replace(",SG,", ",XX9,")
    with pytest.raises(RegisterImportError) as raised:
        import_csv(carrier["admin"], organisation, "systems", "\n".join(broken) + "\n")
    assert raised.value.problems[0].startswith("line 3: systems[1].country:")
    assert export_register(organisation) == before


def test_the_export_is_plain_yaml(carrier):
    document = yaml.safe_load(export_yaml(carrier["organisation"]))
    assert document["format"] == "telegov.userinfo.register/1"
    assert {c["country"] for c in document["contractors"]} == {"VN", "JP"}


def test_communication_items_must_be_flagged_as_secret(carrier, register_document):
    from django.utils import translation

    from telegov.userinfo.exchange import import_register

    register_document["items"][1]["secrecy_protected"] = False  # call records: constituent elements
    with translation.override("en"), pytest.raises(RegisterImportError) as raised:
        import_register(carrier["admin"], carrier["organisation"], register_document)
    assert raised.value.problems == [
        "items[1].secrecy_protected: information about individual communications is protected by the secrecy "
        "of communications"]


def test_the_console_command_exports_and_imports_all_or_nothing(carrier, tmp_path):
    import io

    from django.core.management import CommandError, call_command

    organisation = carrier["organisation"]
    out = io.StringIO()
    call_command("userinfo_register", "export", "--org", organisation.slug, stdout=out)
    path = tmp_path / "register.yaml"
    path.write_text(out.getvalue().replace("country: US", "country: USA"), encoding="utf-8")
    with pytest.raises(CommandError, match=r"systems\[0\]\.country"):
        call_command("userinfo_register", "import", "--org", organisation.slug, "--file", str(path),
                     "--as-user", "henshu")
    with pytest.raises(CommandError, match="may not change"):
        call_command("userinfo_register", "import", "--org", organisation.slug, "--file", str(path),
                     "--as-user", "etsuran")
    empty = actions.create_organisation(carrier["admin"], "空の組織", "empty")
    path.write_text(out.getvalue(), encoding="utf-8")
    done = io.StringIO()
    call_command("userinfo_register", "import", "--org", "empty", "--file", str(path), "--as-user", "kanri",
                 stdout=done)
    assert "contractors: 3" in done.getvalue()
    assert export_register(empty) == export_register(organisation)
