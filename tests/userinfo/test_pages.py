"""The register's pages: they render, change records through the audited actions, and keep tenants
apart (404 for other organisations, 403 for viewers)."""

import pytest
from django.conf import settings
from django.urls import reverse

from telegov.core import services as actions
from telegov.core.models import AuditLog
from telegov.userinfo import versions
from telegov.userinfo.models import Contractor, System


@pytest.fixture
def other(carrier):
    outsider = actions.create_user("soto", "pw-soto-123")
    organisation = actions.create_organisation(outsider, "他社", "tasha")
    from telegov.userinfo.demo import load_register

    load_register(organisation, outsider)
    return organisation


def _pages(slug, system_pk, version_pk):
    return [
        reverse("userinfo:overview", args=[slug]),
        reverse("userinfo:table", args=[slug, "items"]),
        reverse("userinfo:table", args=[slug, "systems"]),
        reverse("userinfo:table", args=[slug, "contractors"]),
        reverse("userinfo:table", args=[slug, "measures"]),
        reverse("userinfo:table", args=[slug, "vocabulary"]),
        reverse("userinfo:exchange", args=[slug]),
        reverse("userinfo:documents", args=[slug]),
        reverse("userinfo:document", args=[slug, version_pk]),
        reverse("userinfo:cycles", args=[slug]),
    ]


def test_every_page_renders_in_japanese_and_english(client, carrier):
    from datetime import date

    from telegov.userinfo import cycles

    organisation = carrier["organisation"]
    version = versions.generate(carrier["admin"], organisation, "rules")
    cycle = cycles.open_cycle(carrier["admin"], organisation, date(2026, 11, 26))
    client.force_login(carrier["etsuran"])
    pages = [*_pages(organisation.slug, 0, version.pk), reverse("userinfo:cycle", args=[organisation.slug, cycle.pk])]
    for language in ("ja", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            assert f'<html lang="{language}">' in response.content.decode()
    english = client.get(reverse("userinfo:overview", args=[organisation.slug])).content.decode()
    assert "User information" in english and "Vietnam (VN)" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    overview = client.get(reverse("userinfo:overview", args=[organisation.slug])).content.decode()
    assert "利用者情報" in overview and "ベトナム (VN)" in overview


def test_other_organisations_pages_answer_404(client, carrier, other):
    foreign_system = System.objects.filter(organisation=other).first()
    foreign_version = versions.generate(other.memberships.first().user, other, "policy")
    client.force_login(carrier["admin"])
    for url in [*_pages(other.slug, foreign_system.pk, foreign_version.pk),
                reverse("userinfo:edit", args=[other.slug, "systems", foreign_system.pk]),
                reverse("userinfo:document_file", args=[other.slug, foreign_version.pk, "pdf"]),
                # B's rows through A's address do not exist either.
                reverse("userinfo:edit", args=[carrier["organisation"].slug, "systems", foreign_system.pk]),
                reverse("userinfo:document", args=[carrier["organisation"].slug, foreign_version.pk])]:
        assert client.get(url).status_code == 404, url


def test_a_viewer_gets_403_on_every_change(client, carrier):
    organisation = carrier["organisation"]
    system = System.objects.filter(organisation=organisation).first()
    version = versions.generate(carrier["admin"], organisation, "policy")
    client.force_login(carrier["etsuran"])
    slug = organisation.slug
    for url in [reverse("userinfo:create", args=[slug, "systems"]),
                reverse("userinfo:edit", args=[slug, "systems", system.pk]),
                reverse("userinfo:delete", args=[slug, "systems", system.pk]),
                reverse("userinfo:profile", args=[slug]), reverse("userinfo:appoint", args=[slug])]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "x"}).status_code == 403, url
    for url in [reverse("userinfo:generate", args=[slug, "policy"]), reverse("userinfo:exchange", args=[slug]),
                reverse("userinfo:document_step", args=[slug, version.pk, "release"]),
                reverse("userinfo:cycle_open", args=[slug])]:
        assert client.post(url).status_code == 403, url
    assert System.objects.filter(pk=system.pk).exists()


def test_an_editor_adds_a_contractor_through_the_form_with_an_audit_row(client, carrier):
    organisation = carrier["organisation"]
    client.force_login(carrier["henshu"])
    parent = Contractor.objects.get(organisation=organisation, key="vn-support")
    url = reverse("userinfo:create", args=[organisation.slug, "contractors"])
    response = client.post(url, {"key": "vn-callcentre", "name": "Example Call Centre HCMC", "parent": parent.pk,
                                 "country": "VN", "tasks": "電話受付"})
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Contractor.objects.get(organisation=organisation, key="vn-callcentre")
    assert created.parent == parent
    assert AuditLog.objects.filter(object_type="userinfo.contractor", object_id=str(created.pk)).exists()
    duplicate = client.post(url, {"key": "vn-callcentre", "name": "again", "country": "VN"})
    assert duplicate.status_code == 200 and "vn-callcentre" in duplicate.content.decode()


def test_a_bad_upload_names_the_line_and_changes_nothing(client, carrier):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from telegov.userinfo.exchange import export_register, export_yaml

    organisation = carrier["organisation"]
    before = export_register(organisation)
    client.force_login(carrier["henshu"])
    text = export_yaml(organisation).replace("information_class: content", "information_class: gossip")
    upload = SimpleUploadedFile("register.yaml", text.encode(), content_type="application/yaml")
    response = client.post(reverse("userinfo:exchange", args=[organisation.slug]), {"table": "", "file": upload})
    assert response.status_code == 422
    assert "items[" in response.content.decode() and ".information_class" in response.content.decode()
    assert export_register(organisation) == before


def test_the_published_policy_is_served_from_its_static_file(client, carrier):
    organisation = carrier["organisation"]
    url = reverse("userinfo:public_policy", args=[organisation.slug])
    assert client.get(url).status_code == 404
    version = versions.generate(carrier["henshu"], organisation, "policy")
    versions.approve(carrier["sekinin"], version)
    versions.release(carrier["henshu"], version)
    page = client.get(url)
    assert page.status_code == 200 and "情報取扱方針" in b"".join(page.streaming_content).decode()
    pdf = client.get(reverse("userinfo:public_policy_file", args=[organisation.slug, "policy.pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.get(reverse("userinfo:public_policy_file", args=[organisation.slug, "..%2Fsecret.html"])
                      ).status_code == 404


def test_a_review_with_an_evidence_file_is_kept_for_members_only(client, carrier, other):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from telegov.userinfo.models import SupervisionRecord

    organisation = carrier["organisation"]
    contractor = Contractor.objects.get(organisation=organisation, key="vn-datacentre")
    client.force_login(carrier["henshu"])
    evidence = SimpleUploadedFile("点検票.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    response = client.post(reverse("userinfo:supervision", args=[organisation.slug, contractor.pk]), {
        "reviewed_on": "2026-11-20", "method": "on_site", "answers": "{}", "evidence": "実地監査報告",
        "evidence_file": evidence, "next_review_on": "2027-11-20"})
    assert response.status_code == 302, response.content.decode()[:1500]
    record = SupervisionRecord.objects.get(contractor=contractor)
    assert record.evidence_file.path.startswith(str(carrier["tmp"]))
    listing = client.get(reverse("userinfo:table", args=[organisation.slug, "contractors"])).content.decode()
    assert "2027-11-20" in listing and "実地監査報告" in listing
    url = reverse("userinfo:evidence", args=[organisation.slug, record.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 evidence"
    client.force_login(other.memberships.first().user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("userinfo:evidence", args=[other.slug, record.pk])).status_code == 404


def test_a_risk_is_rated_again_with_its_treatment_and_a_rating_off_the_matrix_is_refused(client, carrier):
    from datetime import date

    from telegov.userinfo import cycles

    organisation = carrier["organisation"]
    cycle = cycles.open_cycle(carrier["admin"], organisation, date(2026, 11, 26))
    risk = cycle.risks.get(country="VN")
    client.force_login(carrier["henshu"])
    url = reverse("userinfo:risk", args=[organisation.slug, cycle.pk, risk.pk])
    refused = client.post(url, {"title": risk.title, "likelihood": 9, "impact": 3, "treatment": "", "owner": ""})
    assert refused.status_code == 200 and "1から5まで" in refused.content.decode()
    done = client.post(url, {"title": risk.title, "likelihood": 3, "impact": risk.impact,
                             "treatment": "委託先を国内に切り替える", "owner": "調達部"})
    assert done.status_code == 302
    risk.refresh_from_db()
    assert (risk.likelihood, risk.treatment, risk.owner) == (3, "委託先を国内に切り替える", "調達部")
    assert client.post(reverse("userinfo:cycle_step", args=[organisation.slug, cycle.pk, "nonsense"])
                       ).status_code == 404
