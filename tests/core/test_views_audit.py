"""The audit log page and its exports: one organisation's rows only, paginated, Excel-ready CSV."""

import csv
import io
import json

import pytest
from django.urls import reverse

from telegov.core import services as actions
from telegov.core.choices import Role
from telegov.core.models import AuditLog
from telegov.core.views import AUDIT_PAGE_SIZE

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-42"


@pytest.fixture
def admin():
    return actions.create_user("kanri", PASSWORD)


@pytest.fixture
def org(admin):
    organisation = actions.create_organisation(admin, "試験グループ", "shiken")
    operator = actions.create_operator(admin, organisation, name="試験通信", registration_status="notified")
    actions.update_operator(admin, operator, users_prev_fy=1_200_000)
    return organisation


@pytest.fixture
def other_org(admin):
    organisation = actions.create_organisation(admin, "他社グループ", "other")
    actions.create_operator(admin, organisation, name="他社通信", registration_status="registered")
    return organisation


def test_page_shows_the_changes_with_before_and_after(client, admin, org, other_org):
    client.force_login(admin)
    page = client.get(reverse("core:audit", args=[org.slug])).content.decode()
    assert "試験通信" in page and "他社通信" not in page
    assert "<code>users_prev_fy</code>" in page
    assert '<span class="before">0</span> → <span class="after">1200000</span>' in page
    # Values that are not text are shown as JSON.
    assert '<span class="before">—</span> → <span class="after">false</span>' in page


def test_csv_export_has_a_bom_and_all_rows_of_the_organisation(client, admin, org, other_org):
    client.force_login(admin)
    response = client.get(reverse("core:audit", args=[org.slug]), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == AuditLog.objects.filter(organisation=org).count()
    assert {row["object"] for row in rows} >= {"試験グループ", "試験通信"}
    assert "他社通信" not in {row["object"] for row in rows}
    update = next(row for row in rows if row["action"] == "update")
    assert update["changed_fields"] == "users_prev_fy"
    assert json.loads(update["after"])["users_prev_fy"] == 1_200_000


def test_json_export(client, admin, org, other_org):
    client.force_login(admin)
    response = client.get(reverse("core:audit", args=[org.slug]), {"format": "json"})
    body = json.loads(response.content.decode("utf-8"))
    assert body["organisation"] == "shiken"
    assert len(body["entries"]) == AuditLog.objects.filter(organisation=org).count()
    assert all(entry["object"] != "他社通信" for entry in body["entries"])
    assert "試験通信" in response.content.decode("utf-8")  # not \u-escaped


def test_pages_of_the_log(client, admin, org):
    operator = org.operators.get()
    for users in range(1, AUDIT_PAGE_SIZE + 2):
        actions.update_operator(admin, operator, users_prev_fy=users)
    total = AuditLog.objects.filter(organisation=org).count()
    client.force_login(admin)
    first = client.get(reverse("core:audit", args=[org.slug]))
    assert len(first.context["rows"]) == AUDIT_PAGE_SIZE
    last = client.get(reverse("core:audit", args=[org.slug]), {"page": 2})
    assert len(last.context["rows"]) == total - AUDIT_PAGE_SIZE
    assert "?page=1" in last.content.decode()


def test_auditor_reads_the_log_and_outsiders_get_404(client, admin, org, other_org):
    auditor = actions.create_user("kansa", PASSWORD)
    actions.add_member(admin, org, auditor, Role.AUDITOR)
    client.force_login(auditor)
    assert client.get(reverse("core:audit", args=[org.slug])).status_code == 200
    for export in ("", "csv", "json"):
        response = client.get(reverse("core:audit", args=[other_org.slug]), {"format": export} if export else {})
        assert response.status_code == 404
