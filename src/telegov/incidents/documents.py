"""The report documents drawn from an incident record: what is read out or sent as the first report, the
detailed report, and the quarterly report of one operator. Japanese, as they are filed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from telegov.incidents.choices import QUARTERLY_CLASSIFICATIONS, FacilityOwner, IncidentKind, ReportKind
from telegov.incidents.models import Incident
from telegov.incidents.wording import date_ja, duration_ja
from telegov.legal_calendar import add_months, quarter_end, tokyo_date
from telegov.rules import rule_book
from telegov.rules.parameters import QuarterlyDuty

UNKNOWN = "（調査中）"


@dataclass
class Document:
    title: str
    operator: str
    items: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    created: str = ""


def when_ja(moment: datetime | None) -> str:
    if moment is None:
        return UNKNOWN
    local = timezone.localtime(moment)
    return f"{date_ja(local.date())} {local:%H時%M分}"


def _text(value: str) -> str:
    return value.strip() or UNKNOWN


def _users(incident: Incident) -> str:
    return UNKNOWN if incident.affected_users is None else f"{incident.affected_users:,}人"


def facility_party(incident: Incident) -> str:
    if incident.facility_owner == FacilityOwner.OWN:
        return "自社の設備"
    return f"{incident.get_facility_owner_display()}（{incident.facility_owner_name}）"


def _cause(incident: Incident) -> str:
    return f"{_text(incident.cause_description)}　［原因となった設備：{facility_party(incident)}］"


def _recovery(incident: Incident) -> str:
    if incident.ended_at is None:
        return "未復旧"
    length = f"（継続時間{duration_ja(incident.ended_at - incident.started_at)}）" if incident.started_at else ""
    return when_ja(incident.ended_at) + length


def _report_of(incident: Incident, kind: str):
    return incident.reports.filter(kind=kind).first()


def _accident_items(incident: Incident) -> list[tuple[str, str]]:
    """The items of MIC's example form for accident reports (legal facts §1.4)."""
    return [
        ("事故の発生日時", when_ja(incident.started_at)),
        ("事故の原因となった設備の設置場所", _text(incident.facility_location)),
        ("影響を与えた電気通信役務の内容", _text(incident.affected_service)
         or (incident.service.name if incident.service else UNKNOWN)),
        ("影響を与えた範囲", _text(incident.affected_area)),
        ("影響を与えた利用者数", _users(incident) + ("（推計）" if incident.affected_users is not None else "")),
        ("事故の発生原因", _cause(incident)),
        ("復旧日時", _recovery(incident)),
        ("講じた措置", _text(incident.measures_taken)),
    ]


def _leak_items(incident: Incident) -> list[tuple[str, str]]:
    """The items of a report of a leak of the secrecy of communications (SU-23)."""
    operator = incident.operator
    return [
        ("事業者名", operator.name),
        ("登録番号又は届出番号", f"（{operator.get_registration_status_display()}。番号を記入）"),
        ("概要（発生日時）", when_ja(incident.started_at)),
        ("概要（発覚日時）", when_ja(incident.detected_at)),
        ("概要（発覚の経緯）", _text(incident.discovery)),
        ("漏えいした情報", _text(incident.leaked_information)),
        ("漏えいした人数", _users(incident)),
        ("原因", _cause(incident)),
        ("二次被害の有無", _text(incident.secondary_damage)),
        ("公表の状況", _text(incident.publication)),
        ("被害者への対応", _text(incident.response_to_affected)),
        ("再発防止策", _text(incident.prevention_measures)),
    ]


def _items(incident: Incident) -> list[tuple[str, str]]:
    if incident.kind == IncidentKind.SECRECY_LEAK:
        return _leak_items(incident)
    return [("事業者名", incident.operator.name), *_accident_items(incident)]


def _now_ja() -> str:
    return when_ja(timezone.now())


def first_report(incident: Incident) -> Document:
    report = _report_of(incident, ReportKind.FIRST_REPORT)
    means = report.form if report else "電話・FAX・電子メール等"
    doc = Document(title=f"{incident.get_kind_display()}に関する第一報", operator=incident.operator.name,
                   created=_now_ja())
    doc.items = [("報告日時", _now_ja()), ("件名", incident.name), *_items(incident)]
    doc.notes = [f"第一報は判明している範囲で速やかに行います（{means}）。「{UNKNOWN}」の項目は判明次第続報します。"]
    return doc


def first_report_text(incident: Incident) -> str:
    doc = first_report(incident)
    width = max(len(label) for label, _ in doc.items)
    lines = [doc.title, "=" * 20, ""]
    lines += [f"{label.ljust(width, '　')}：{value}" for label, value in doc.items]
    return "\n".join([*lines, "", *doc.notes, ""])


def detailed_report(incident: Incident) -> Document:
    report = _report_of(incident, ReportKind.DETAILED_REPORT)
    form = report.form if report else ""
    doc = Document(title=f"{incident.get_kind_display()}に関する詳細な報告", operator=incident.operator.name,
                   created=_now_ja())
    doc.items = [("様式", form or "（詳細な報告を要する分類ではありません）"), ("件名", incident.name),
                 *_items(incident)]
    if incident.kind != IncidentKind.SECRECY_LEAK:
        doc.items.append(("再発防止策", _text(incident.prevention_measures)))
    doc.items.append(("分類", incident.get_classification_display() or "未判定"))
    if report and report.due:
        doc.items.append(("提出期限", date_ja(report.due)))
    doc.notes = list(incident.classification_reasons)
    return doc


# --- Quarterly report: every quarterly accident of one operator in one quarter.

def _quarter_start_month() -> int:
    duty = rule_book().versions("accident.quarterly_report")[-1]
    return duty.typed(QuarterlyDuty).reporting_year_start_month


def event_day(incident: Incident) -> date | None:
    """The Tokyo date the engine judges the incident by."""
    moment = incident.started_at if incident.kind in {IncidentKind.OUTAGE, IncidentKind.BUSINESS_SUSPENSION} \
        else incident.detected_at
    return tokyo_date(moment) if moment else None


def quarter_of(incident: Incident) -> date | None:
    day = event_day(incident)
    return quarter_end(day, _quarter_start_month()) if day else None


def quarter_start(end: date) -> date:
    return add_months(date(end.year, end.month, 1), -2)


def quarterly_incidents(operator, end: date) -> list[Incident]:
    if quarter_end(end, _quarter_start_month()) != end:
        raise ValueError(f"{end} is not the last day of a quarter")
    start = quarter_start(end)
    # Widened by a day each side because the stored times are UTC and the quarter is a Tokyo one.
    low, high = start - timedelta(days=1), end + timedelta(days=1)
    found = Incident.objects.filter(
        Q(started_at__date__range=(low, high)) | Q(detected_at__date__range=(low, high)),
        operator=operator, classification__in=QUARTERLY_CLASSIFICATIONS,
    ).select_related("service")
    chosen = [i for i in found if (day := event_day(i)) is not None and start <= day <= end]
    return sorted(chosen, key=lambda i: (event_day(i), i.pk))


QUARTERLY_COLUMNS = [
    "番号", "件名", "様式", "発生日時", "復旧日時", "継続時間", "影響を与えた利用者数", "影響を与えた電気通信役務",
    "影響を与えた範囲", "事故の区分", "原因となった設備", "設置場所", "発生原因", "講じた措置", "再発防止策",
]


def _duration(incident: Incident) -> str:
    if incident.started_at and incident.ended_at:
        return duration_ja(incident.ended_at - incident.started_at)
    return "" if incident.kind == IncidentKind.FACILITY_INFO_LEAK else UNKNOWN


def quarterly_row(number: int, incident: Incident) -> list[str]:
    report = _report_of(incident, ReportKind.QUARTERLY_REPORT)
    occurred = incident.started_at or incident.detected_at
    return [
        str(number), incident.name, report.form if report else "", when_ja(occurred),
        when_ja(incident.ended_at) if incident.ended_at else "", _duration(incident),
        "" if incident.affected_users is None else f"{incident.affected_users:,}",
        incident.affected_service or (incident.service.name if incident.service else ""), incident.affected_area,
        incident.get_kind_display() + (f"・{incident.get_cause_display()}" if incident.kind == IncidentKind.OUTAGE
                                       else ""), facility_party(incident),
        incident.facility_location, incident.cause_description, incident.measures_taken,
        incident.prevention_measures,
    ]


def quarterly_report(operator, end: date) -> Document:
    incidents = quarterly_incidents(operator, end)
    start = quarter_start(end)
    doc = Document(title=f"四半期報告事故の報告（{date_ja(start)}から{date_ja(end)}まで）", operator=operator.name,
                   created=_now_ja(), columns=QUARTERLY_COLUMNS)
    doc.rows = [quarterly_row(number, incident) for number, incident in enumerate(incidents, start=1)]
    dues = {r.due for i in incidents for r in i.reports.filter(kind=ReportKind.QUARTERLY_REPORT) if r.due}
    doc.items = [("事業者名", operator.name), ("対象期間", f"{date_ja(start)}〜{date_ja(end)}"),
                 ("件数", f"{len(incidents)}件")]
    if dues:
        doc.items.append(("提出期限", "、".join(date_ja(d) for d in sorted(dues))))
    return doc
