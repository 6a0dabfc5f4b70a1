"""Report documents: the first report as text and PDF, the detailed report, and the quarterly report as
PDF and Excel. The PDFs are read back with poppler's tools to prove the Japanese glyphs and font are in them."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import timedelta

import openpyxl
import pytest

from telegov.core import services as core
from telegov.incidents import services
from telegov.incidents.rendering import header_row_of
from tests.incidents.conftest import outage_fields, tokyo

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                   reason="poppler-utils is not installed (make test installs it)")


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_fonts(content: bytes, tmp_path) -> list[dict]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    fonts = []
    for line in lines[2:]:
        # name, type…, encoding, emb, sub, uni, object, generation — read from the right.
        parts = line.split()
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts


@pytest.fixture
def serious(world):
    return services.open_incident(world["alice"], world["op_a"], service=world["svc_a"],
                                  **outage_fields(affected_users=40_000, measures_taken="予備系へ切替え"))


@pytest.fixture
def alice(client, world):
    client.force_login(world["alice"])
    return client


def test_first_report_text_has_the_items_of_the_example_form(alice, serious):
    response = alice.get(f"/o/a-tsushin/incidents/{serious.pk}/first-report.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode("utf-8")
    for expected in ["役務の停止・品質の低下に関する第一報", "事故の発生日時", "2026年5月12日 10時00分",
                     "事故の原因となった設備の設置場所", "東京都千代田区 第一データセンター",
                     "影響を与えた電気通信役務の内容",
                     "影響を与えた範囲", "東京都、神奈川県", "影響を与えた利用者数", "40,000人（推計）",
                     "クラウド事業者の設備（架空クラウド株式会社）", "2026年5月12日 13時00分（継続時間3時間）",
                     "予備系へ切替え"]:
        assert expected in text, expected


def test_first_report_of_a_secrecy_leak_has_the_ten_items(alice, world):
    leak = services.open_incident(world["alice"], world["op_a"], name="通信履歴の漏えい", kind="secrecy_leak",
                                  detected_at=tokyo("2026-07-20T15:00"), affected_users=120,
                                  leaked_information="通信日時と通信先", discovery="利用者からの申告")
    text = alice.get(f"/o/a-tsushin/incidents/{leak.pk}/first-report.txt").content.decode()
    for label in ["事業者名", "登録番号又は届出番号", "概要（発生日時）", "概要（発覚日時）", "概要（発覚の経緯）",
                  "漏えいした情報", "漏えいした人数", "原因", "二次被害の有無", "公表の状況", "被害者への対応",
                  "再発防止策"]:
        assert f"{label}　" in text or f"{label}：" in text, label
    assert "通信日時と通信先" in text and "120人" in text and "2026年7月20日 15時00分" in text


@needs_poppler
def test_the_pdfs_carry_the_japanese_text_in_an_embedded_japanese_font(alice, serious, tmp_path):
    for url, heading in [
        (f"/o/a-tsushin/incidents/{serious.pk}/first-report.pdf", "役務の停止・品質の低下に関する第一報"),
        (f"/o/a-tsushin/incidents/{serious.pk}/detailed-report.pdf", "役務の停止・品質の低下に関する詳細な報告"),
    ]:
        response = alice.get(url)
        assert response["Content-Type"] == "application/pdf"
        content = response.content
        assert content.startswith(b"%PDF-")
        text = pdf_text(content, tmp_path)
        for expected in [heading, "事故の原因となった設備の設置場所", "架空クラウド株式会社", "40,000人", "A回線"]:
            assert expected in text, (url, expected)
        fonts = pdf_fonts(content, tmp_path)
        cjk = [font for font in fonts if "CJK" in font["name"] or "IPA" in font["name"]]
        assert cjk, fonts
        assert all(font["emb"] == "yes" and font["uni"] == "yes" for font in cjk), fonts
    assert "様式第50の3" in text and "2026年6月11日" in text


class TestQuarterlyReport:
    @pytest.fixture
    def quarter(self, world):
        alice, op_a = world["alice"], world["op_a"]
        other_operator = core.create_operator(alice, world["org_a"], name="A無線", registration_status="notified",
                                              users_prev_fy=100)

        def outage(name, start, operator=op_a, owner=alice, **changes):
            begin = tokyo(start)
            fields = {"name": name, "started_at": begin, "ended_at": begin + timedelta(hours=3), **changes}
            return services.open_incident(owner, operator, **outage_fields(**fields))

        made = {
            "leak": services.open_incident(alice, op_a, name="設備情報の漏えい", kind="facility_info_leak",
                                           detected_at=tokyo("2026-04-03T09:00")),
            "may": outage("5月の障害", "2026-05-12T10:00"),
            "june_notice": outage("基地局回線の障害", "2026-06-10T10:00", facility_class="mobile_access_line"),
            "june_last_hour": outage("6月30日深夜の障害", "2026-06-30T23:30", ended_at=tokyo("2026-07-01T02:00")),
            "july_in_tokyo": outage("7月1日未明の障害", "2026-07-01T00:30", ended_at=tokyo("2026-07-01T03:00")),
            "serious": outage("重大な障害", "2026-05-20T10:00", affected_users=50_000),
            "minor": outage("短時間の障害", "2026-05-21T10:00", affected_users=100,
                            ended_at=tokyo("2026-05-21T10:20")),
            "other_operator": outage("A無線の障害", "2026-05-13T10:00", operator=other_operator),
            "other_org": outage("B回線の障害", "2026-05-14T10:00", operator=world["op_b"], owner=world["bob"]),
        }
        assert made["june_notice"].classification == "quarterly_simplified"
        assert made["serious"].classification == "serious" and made["minor"].classification == "not_reportable"
        return made

    def test_the_workbook_has_one_row_per_quarterly_accident_of_that_quarter(self, alice, world, quarter):
        response = alice.get(f"/o/a-tsushin/incidents/quarterly/{world['op_a'].pk}/2026-06-30.xlsx")
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        header = header_row_of(sheet)
        columns = [cell.value for cell in sheet[header]]
        rows = [dict(zip(columns, row, strict=False)) for row in sheet.iter_rows(min_row=header + 1, values_only=True)]
        assert [row["件名"] for row in rows] == [
            "設備情報の漏えい", "5月の障害", "基地局回線の障害", "6月30日深夜の障害"]
        assert [row["番号"] for row in rows] == ["1", "2", "3", "4"]
        assert rows[2]["様式"] == "告示に定める様式" and rows[1]["様式"] == "様式第27"
        assert rows[1]["原因となった設備"] == "クラウド事業者の設備（架空クラウド株式会社）"
        assert rows[1]["影響を与えた利用者数"] == "10,000"
        assert sheet["B3"].value == "2026年4月1日〜2026年6月30日"

    def test_the_next_quarter_holds_the_accident_that_began_after_midnight_in_tokyo(self, alice, world, quarter):
        response = alice.get(f"/o/a-tsushin/incidents/quarterly/{world['op_a'].pk}/2026-09-30.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        names = [row[1] for row in sheet.iter_rows(min_row=header_row_of(sheet) + 1, values_only=True)]
        assert names == ["7月1日未明の障害"]

    @needs_poppler
    def test_the_pdf_lists_the_same_accidents(self, alice, world, quarter, tmp_path):
        response = alice.get(f"/o/a-tsushin/incidents/quarterly/{world['op_a'].pk}/2026-06-30.pdf")
        text = pdf_text(response.content, tmp_path)
        assert "四半期報告事故の報告" in text and "2026年6月30日" in text
        for name in ["設備情報の漏えい", "5月の障害", "基地局回線の障害"]:
            assert name in text
        for name in ["7月1日未明の障害", "重大な障害", "短時間の障害", "A無線の障害", "B回線の障害"]:
            assert name not in text

    def test_the_incident_list_offers_each_quarter_of_each_operator(self, alice, world, quarter):
        page = alice.get("/o/a-tsushin/incidents/").content.decode()
        section = page[page.index('id="quarterly"'):]
        op_a, op_other = world["op_a"].pk, quarter["other_operator"].operator_id
        assert section.index(f"/quarterly/{op_a}/2026-09-30.xlsx") < section.index(f"/quarterly/{op_a}/2026-06-30.xlsx")
        assert f"/quarterly/{op_other}/2026-06-30.pdf" in section
        assert "/quarterly/{}/".format(world["op_b"].pk) not in section

    def test_other_organisations_and_dates_that_end_no_quarter_are_not_found(self, alice, world, quarter):
        assert alice.get(f"/o/a-tsushin/incidents/quarterly/{world['op_a'].pk}/2026-06-29.xlsx").status_code == 404
        assert alice.get(f"/o/b-tsushin/incidents/quarterly/{world['op_b'].pk}/2026-06-30.xlsx").status_code == 404
        assert alice.get(f"/o/a-tsushin/incidents/quarterly/{world['op_b'].pk}/2026-06-30.xlsx").status_code == 404
