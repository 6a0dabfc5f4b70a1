"""Creating, editing and deleting operators and services through the pages: validated by the forms,
saved by the audited service functions, refused to read-only roles."""

import pytest
from django.conf import settings
from django.urls import reverse

from telegov.core import services as actions
from telegov.core.choices import AuditAction, Role
from telegov.core.models import AuditLog, Operator, Service

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-42"
VALID_CORPORATE_NUMBER = "7000012050002"  # 国税庁's own 法人番号


@pytest.fixture
def admin():
    return actions.create_user("kanri", PASSWORD)


@pytest.fixture
def org(admin):
    return actions.create_organisation(admin, "試験グループ", "shiken")


@pytest.fixture
def operator(admin, org):
    return actions.create_operator(admin, org, name="試験通信", registration_status="notified")


@pytest.fixture
def service(admin, operator):
    return actions.create_service(admin, operator, name="メール", category="other", paid=True, users=100)


def member(org, admin, username, role):
    user = actions.create_user(username, PASSWORD)
    actions.add_member(admin, org, user, role)
    return user


def as_user(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    return client


def operator_data(**overrides):
    return {"name": "新事業者", "corporate_number": "", "registration_status": "registered",
            "users_prev_fy": "0", "designated_on": "", "business_year_start_month": "4", **overrides}


def test_create_operator_saves_it_and_writes_the_audit_row(client, admin, org):
    response = as_user(client, admin).post(reverse("core:operator_create", args=[org.slug]), operator_data())
    created = Operator.objects.get(organisation=org, name="新事業者")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:operator", args=[org.slug, created.pk])
    entry = AuditLog.objects.get(object_type="core.operator", object_id=str(created.pk))
    assert entry.action == AuditAction.CREATE and entry.actor == admin


def test_edit_operator_records_before_and_after(client, admin, org, operator):
    url = reverse("core:operator_edit", args=[org.slug, operator.pk])
    as_user(client, admin).post(url, operator_data(name="試験通信", users_prev_fy="1500000"))
    entry = AuditLog.objects.filter(action=AuditAction.UPDATE, object_id=str(operator.pk)).get()
    assert entry.changed_fields() == ["registration_status", "users_prev_fy"]
    assert (entry.before["users_prev_fy"], entry.after["users_prev_fy"]) == (0, 1_500_000)


def test_form_errors_are_shown_and_nothing_is_saved(client, admin, org):
    response = as_user(client, admin).post(reverse("core:operator_create", args=[org.slug]),
                                           operator_data(corporate_number="1234567890123"))
    assert response.status_code == 200
    assert "法人番号のチェックデジットが一致しません" in response.content.decode()
    assert not Operator.objects.filter(name="新事業者").exists()


def test_a_valid_corporate_number_is_accepted(client, admin, org):
    as_user(client, admin).post(reverse("core:operator_create", args=[org.slug]),
                                operator_data(corporate_number=VALID_CORPORATE_NUMBER))
    assert Operator.objects.get(name="新事業者").corporate_number == VALID_CORPORATE_NUMBER


def test_validation_error_of_the_service_function_is_shown_on_the_form(client, admin, org, operator):
    # The form does not know the organisation, so only the service's full_clean() sees the duplicate.
    response = as_user(client, admin).post(reverse("core:operator_create", args=[org.slug]),
                                           operator_data(name="試験通信"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Operator.objects.filter(organisation=org, name="試験通信").count() == 1


def test_create_and_edit_a_service_with_prefectures(client, admin, org, operator):
    as_user(client, admin)
    data = {"name": "動画配信", "category": "free_internet", "paid": "", "users": "2000",
            "monthly_active_users": "", "transmission_type": "sns_sharing", "sends_user_info_outward": "on",
            "prefectures": ["東京都", "大阪府"]}
    response = client.post(reverse("core:service_create", args=[org.slug, operator.pk]), data)
    assert response.status_code == 302
    created = Service.objects.get(operator=operator, name="動画配信")
    assert created.prefectures == ["東京都", "大阪府"] and created.sends_user_info_outward and not created.paid
    client.post(reverse("core:service_edit", args=[org.slug, operator.pk, created.pk]),
                {**data, "users": "3000", "prefectures": ["北海道"]})
    created.refresh_from_db()
    assert (created.users, created.prefectures) == (3000, ["北海道"])
    assert AuditLog.objects.filter(action=AuditAction.UPDATE, object_type="core.service").count() == 1


def test_delete_needs_a_confirming_post(client, admin, org, operator, service):
    url = reverse("core:operator_delete", args=[org.slug, operator.pk])
    page = as_user(client, admin).get(url)
    assert page.status_code == 200 and "試験通信" in page.content.decode()
    assert Operator.objects.filter(pk=operator.pk).exists()
    response = client.post(url)
    assert response["Location"] == reverse("core:dashboard", args=[org.slug])
    assert not Operator.objects.filter(pk=operator.pk).exists()
    deleted = set(AuditLog.objects.filter(action=AuditAction.DELETE).values_list("object_type", flat=True))
    assert deleted == {"core.operator", "core.service"}


def test_delete_a_service(client, admin, org, operator, service):
    response = as_user(client, admin).post(reverse("core:service_delete", args=[org.slug, operator.pk, service.pk]))
    assert response.status_code == 302 and not Service.objects.filter(pk=service.pk).exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.AUDITOR])
def test_read_only_roles_get_403_on_every_write_view(client, admin, org, operator, service, role):
    as_user(client, member(org, admin, "readonly", role))
    urls = [
        reverse("core:operator_create", args=[org.slug]),
        reverse("core:operator_edit", args=[org.slug, operator.pk]),
        reverse("core:operator_delete", args=[org.slug, operator.pk]),
        reverse("core:service_create", args=[org.slug, operator.pk]),
        reverse("core:service_edit", args=[org.slug, operator.pk, service.pk]),
        reverse("core:service_delete", args=[org.slug, operator.pk, service.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, operator_data()).status_code == 403, url
    assert Operator.objects.filter(pk=operator.pk).exists() and Service.objects.filter(pk=service.pk).exists()


def test_editor_may_write(client, admin, org, operator):
    as_user(client, member(org, admin, "henshu", Role.EDITOR))
    assert client.get(reverse("core:operator_edit", args=[org.slug, operator.pk])).status_code == 200


def test_another_organisations_service_is_404_under_this_operator(client, admin, org, operator):
    other = actions.create_organisation(admin, "他社", "other")
    foreign = actions.create_operator(admin, other, name="他社通信", registration_status="notified")
    foreign_service = actions.create_service(admin, foreign, name="他社役務", category="other", paid=True, users=1)
    url = reverse("core:service_edit", args=[org.slug, operator.pk, foreign_service.pk])
    assert as_user(client, admin).get(url).status_code == 404
    assert client.get(reverse("core:operator", args=[org.slug, foreign.pk])).status_code == 404
