import pytest
from django.core.exceptions import ValidationError

from telegov.core import services as actions
from telegov.core.audit import snapshot
from telegov.core.models import AuditLog, Operator
from telegov.core.models.audit import AppendOnlyError


@pytest.fixture
def admin(db):
    return actions.create_user("admin", "pw-admin-123")


@pytest.fixture
def organisation(admin):
    return actions.create_organisation(admin, "試験グループ", "shiken")


def rows_for(instance):
    return list(AuditLog.objects.filter(object_type=instance._meta.label_lower, object_id=str(instance.pk))
                .order_by("id"))


def test_create_update_delete_each_write_one_row_with_before_and_after(admin, organisation):
    operator = actions.create_operator(admin, organisation, name="試験回線", registration_status="notified")
    actions.update_operator(admin, operator, users_prev_fy=31000)
    pk = operator.pk
    actions.delete_operator(admin, operator)
    created, updated, deleted = AuditLog.objects.filter(object_type="core.operator", object_id=str(pk)).order_by("id")
    assert (created.action, created.before, created.after["name"]) == ("create", None, "試験回線")
    assert updated.action == "update" and updated.changed_fields() == ["users_prev_fy"]
    assert (updated.before["users_prev_fy"], updated.after["users_prev_fy"]) == (0, 31000)
    assert (deleted.action, deleted.after, deleted.before["users_prev_fy"]) == ("delete", None, 31000)
    assert {row.actor_name for row in (created, updated, deleted)} == {"admin"}
    assert created.organisation == organisation


def test_an_update_that_changes_nothing_writes_no_row(admin, organisation):
    operator = actions.create_operator(admin, organisation, name="試験回線", registration_status="notified")
    actions.update_operator(admin, operator, name="試験回線")
    assert [row.action for row in rows_for(operator)] == ["create"]


def test_a_failing_change_leaves_neither_change_nor_row(admin, organisation):
    # Deleting an organisation that has audit rows is refused by the database (PROTECT) after the
    # delete's own audit row was written: both must roll back together.
    count = AuditLog.objects.count()
    with pytest.raises(actions.RecordInUse, match="監査ログ"):
        actions.delete_record(admin, organisation, organisation)
    assert AuditLog.objects.count() == count
    assert type(organisation).objects.filter(pk=organisation.pk).exists()


def test_a_failing_audit_write_undoes_the_change(admin, organisation, monkeypatch):
    operator = actions.create_operator(admin, organisation, name="試験回線", registration_status="notified")

    def broken_record(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(actions, "record", broken_record)
    with pytest.raises(RuntimeError):
        actions.update_operator(admin, operator, users_prev_fy=99)
    assert Operator.objects.get(pk=operator.pk).users_prev_fy == 0
    assert [row.action for row in rows_for(operator)] == ["create"]


def test_invalid_input_writes_nothing_and_names_the_field(admin, organisation):
    count = AuditLog.objects.count()
    with pytest.raises(ValidationError) as error:
        actions.create_operator(admin, organisation, name="x", registration_status="licensed")
    assert "registration_status" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.create_operator(admin, organisation, name="x", registration_status="notified",
                                corporate_number="1234567890123")
    assert "corporate_number" in error.value.message_dict
    actions.create_operator(admin, organisation, name="重複", registration_status="notified")
    with pytest.raises(ValidationError):
        actions.create_operator(admin, organisation, name="重複", registration_status="notified")
    assert Operator.objects.filter(name="x").count() == 0
    assert AuditLog.objects.count() == count + 1


def test_a_service_with_an_unknown_prefecture_is_refused(admin, organisation):
    operator = actions.create_operator(admin, organisation, name="試験回線", registration_status="notified")
    with pytest.raises(ValidationError) as error:
        actions.create_service(admin, operator, name="s", category="other", users=1, prefectures=["東京"])
    assert "prefectures" in error.value.message_dict


def test_the_audit_log_is_append_only(admin, organisation):
    row = AuditLog.objects.filter(organisation=organisation).first()
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.filter(pk=row.pk).update(actor_name="someone else")
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.all().delete()


def test_snapshot_is_json_ready(admin, organisation):
    operator = actions.create_operator(admin, organisation, name="試験回線", registration_status="notified",
                                       designated_on="2026-09-30")
    assert snapshot(Operator.objects.get(pk=operator.pk))["designated_on"] == "2026-09-30"
