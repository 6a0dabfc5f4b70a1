"""The policy and the rules generated from the register: versions, diffs, approval, immutability,
and the PDF and DOCX files."""

import io
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from telegov.userinfo import rendering, versions
from telegov.userinfo.countries import country
from telegov.userinfo.models import Contractor, DocumentVersion, ReleasedVersionError
from telegov.userinfo.services import save_row


def _released_policy(carrier):
    version = versions.generate(carrier["henshu"], carrier["organisation"], "policy")
    versions.approve(carrier["sekinin"], version)
    return versions.release(carrier["henshu"], version)


def _country_section(version, number):
    return next(s for s in version.content["sections"] if s["heading"].startswith(f"{number}. "))


def test_the_policy_names_exactly_the_countries_of_the_register(carrier):
    version = versions.generate(carrier["henshu"], carrier["organisation"], "policy")
    storage = _country_section(version, 5)["items"]
    contractors = _country_section(version, 6)["items"]
    assert storage == ["日本（JP）", "シンガポール（SG）", "アメリカ合衆国（US）"]
    assert contractors == ["日本（JP）", "ベトナム（VN）"]


def test_a_contractor_in_a_new_country_makes_a_version_that_names_it_and_a_diff_that_shows_it(carrier):
    organisation = carrier["organisation"]
    first = _released_policy(carrier)
    save_row(carrier["henshu"], Contractor(organisation=organisation, key="ph-support", name="Example Manila Inc.",
                                           country="PH", tasks="問い合わせ対応"))
    second = versions.generate(carrier["henshu"], organisation, "policy")
    assert second.number == first.number + 1 and second.previous == first
    assert "フィリピン（PH）" in _country_section(second, 6)["items"]
    assert "+・フィリピン（PH）" in second.diff.splitlines()
    assert "フィリピン" not in first.text


def test_without_a_change_no_new_version_is_made(carrier):
    versions.generate(carrier["henshu"], carrier["organisation"], "policy")
    with pytest.raises(ValidationError, match="nothing changed"):
        versions.generate(carrier["henshu"], carrier["organisation"], "policy")


def test_only_the_chief_manager_approves_and_nothing_is_published_unapproved(carrier):
    version = versions.generate(carrier["henshu"], carrier["organisation"], "policy")
    with pytest.raises(ValidationError, match="approve"):
        versions.release(carrier["henshu"], version)
    for who in ("henshu", "admin"):
        with pytest.raises(PermissionDenied):
            versions.approve(carrier[who], version)
    assert DocumentVersion.objects.get(pk=version.pk).state == "draft"
    assert not (versions.public_dir(carrier["organisation"]) / "index.html").exists()
    versions.approve(carrier["sekinin"], version)
    versions.release(carrier["henshu"], version)
    assert DocumentVersion.objects.get(pk=version.pk).state == "published"
    page = (versions.public_dir(carrier["organisation"]) / "index.html").read_text(encoding="utf-8")
    assert "情報取扱方針" in page and "ベトナム（VN）" in page


def test_a_published_version_never_changes(carrier):
    version = _released_policy(carrier)
    stored = DocumentVersion.objects.get(pk=version.pk)
    stored.text = "書き換え"
    with pytest.raises(ReleasedVersionError):
        stored.save()
    with pytest.raises(ReleasedVersionError):
        stored.delete()
    with pytest.raises(ReleasedVersionError):
        DocumentVersion.objects.filter(pk=version.pk).update(text="書き換え")
    with pytest.raises(ReleasedVersionError):
        DocumentVersion.objects.filter(pk=version.pk).delete()
    fresh = DocumentVersion.objects.get(pk=version.pk)
    assert fresh.text == version.text and fresh.intact()


def test_the_rules_describe_handling_abroad_from_the_country_table(carrier):
    version = versions.generate(carrier["henshu"], carrier["organisation"], "rules")
    headings = [section["heading"] for section in version.content["sections"]]
    assert headings[1:5] == ["第2章 組織的安全管理措置", "第3章 人的安全管理措置", "第4章 物理的安全管理措置",
                             "第5章 技術的安全管理措置"]
    abroad = next(s for s in version.content["sections"] if s["heading"] == "第7章 外国における取扱い")
    vietnam = next(row for row in abroad["table"]["rows"] if row[0] == "ベトナム")
    assert vietnam[3].startswith("あり") and vietnam[4].startswith("あり")
    assert country("VN", version.created_at.date()).facts.localisation_note in vietnam[4]


def _pdf_text_and_fonts(data: bytes, tmp_path) -> tuple[str, str]:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return text, fonts


@pytest.mark.parametrize("kind", ["policy", "rules"])
def test_pdfs_carry_the_japanese_text_with_the_font_embedded(carrier, tmp_path, kind):
    version = versions.generate(carrier["henshu"], carrier["organisation"], kind)
    text, fonts = _pdf_text_and_fonts(rendering.pdf(version), tmp_path)
    assert version.content["title"] in text and "架空モバイル株式会社" in text
    cjk = [line for line in fonts.splitlines() if "Noto-Sans-CJK-JP" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), fonts


def test_the_docx_of_the_rules_holds_every_section(carrier):
    from docx import Document

    version = versions.generate(carrier["henshu"], carrier["organisation"], "rules")
    document = Document(io.BytesIO(rendering.docx(version)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for expected in ["第2章 組織的安全管理措置", "第3章 人的安全管理措置", "第4章 物理的安全管理措置",
                     "第5章 技術的安全管理措置", "第6章 委託先の監督", "第7章 外国における取扱い",
                     "第8章 事故等への対応", "第9章 自己評価"]:
        assert expected in headings
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "ベトナム" in cells


def test_the_chief_managers_appointment_makes_a_notification_to_file(carrier):
    from datetime import date

    appointment = versions.appoint_chief_manager(
        carrier["admin"], carrier["organisation"], person_name="架空 花子", position="取締役 CISO",
        user=carrier["sekinin"], appointed_on=date(2026, 10, 1))
    notice = appointment.notice
    assert notice.kind == "appointment_notice" and "架空 花子" in notice.text
    versions.approve(carrier["sekinin"], notice)
    assert versions.release(carrier["admin"], notice).state == "filed"
    rules = versions.generate(carrier["henshu"], carrier["organisation"], "rules")
    assert "取締役 CISO 架空 花子" in rules.text
    with pytest.raises(ValidationError):
        versions.appoint_chief_manager(carrier["admin"], carrier["organisation"], person_name="x", position="y",
                                       user=carrier["henshu"], appointed_on=date(2026, 10, 1))
