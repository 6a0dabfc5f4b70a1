"""An operator that accident records refer to cannot be deleted, and saying so changes nothing."""

from datetime import datetime, timedelta, timezone

import pytest

from telegov.core import services as actions
from telegov.core.models import AuditLog, Operator, Service
from telegov.incidents.services import open_incident
from tests.api.conftest import TokenClient

JST = timezone(timedelta(hours=9))


@pytest.fixture
def operator_with_incident(db):
    admin = actions.create_user("admin", "pw-admin-123")
    organisation = actions.create_organisation(admin, "試験グループ", "shiken")
    operator = actions.create_operator(admin, organisation, name="試験回線", registration_status="notified")
    actions.create_service(admin, operator, name="試験光", category="other", users=10)
    open_incident(admin, operator, name="通信の秘密の漏えい", kind="secrecy_leak",
                  detected_at=datetime(2026, 11, 2, 9, tzinfo=JST))
    return admin, operator


def test_the_action_refuses_and_keeps_operator_services_and_audit_log(operator_with_incident):
    admin, operator = operator_with_incident
    rows = AuditLog.objects.count()
    with pytest.raises(actions.RecordInUse) as error:
        actions.delete_operator(admin, operator)
    assert "試験回線" in error.value.messages[0]
    assert Operator.objects.filter(pk=operator.pk).exists()
    assert Service.objects.filter(operator=operator).count() == 1  # the services' deletion rolled back too
    assert AuditLog.objects.count() == rows


def test_the_api_answers_409(operator_with_incident):
    admin, operator = operator_with_incident
    response = TokenClient(admin).delete(f"/api/operators/{operator.pk}")
    assert response.status_code == 409
    assert "試験回線" in response.json()["detail"]


def test_the_page_explains_why(operator_with_incident, client):
    admin, operator = operator_with_incident
    client.force_login(admin)
    response = client.post(f"/o/shiken/operators/{operator.pk}/delete/")
    assert response.status_code == 409
    assert "試験回線" in response.content.decode()
    assert Operator.objects.filter(pk=operator.pk).exists()
