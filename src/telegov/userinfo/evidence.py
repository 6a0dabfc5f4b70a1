"""What the register and the document versions already show for some requirements of the
self-assessment, written into the evidence when a cycle opens so the assessor starts from facts."""

from __future__ import annotations

from datetime import date

from telegov.userinfo.choices import DocumentKind
from telegov.userinfo.countries import missing_countries, register_countries
from telegov.userinfo.models import ChiefManagerAppointment, Contractor
from telegov.userinfo.versions import latest_released


def _released(organisation, kind: str, what: str) -> str:
    version = latest_released(organisation, kind)
    if version is None:
        return f"{what}：公表・届出の記録なし"
    return f"{what}：第{version.number}版（{version.released_at.date().isoformat()}、SHA-256 {version.sha256[:12]}…）"


def _countries(organisation, on: date) -> str:
    used = register_countries(organisation)
    policy = latest_released(organisation, DocumentKind.POLICY)
    named = {code for code in set().union(*used.values()) if policy and f"（{code}）" in policy.text}
    lines = [f"登録簿の保管国：{', '.join(sorted(used['storage'])) or 'なし'}",
             f"登録簿の委託先所在国：{', '.join(sorted(used['contractor'])) or 'なし'}"]
    unnamed = sorted(set().union(*used.values()) - named)
    lines.append(f"公表中の方針に記載のない国：{', '.join(unnamed)}" if unnamed else "公表中の方針はすべての国を記載")
    missing = missing_countries(organisation, on)
    if missing:
        lines.append(f"国の制度の表に登録のない国：{', '.join(missing)}")
    return "\n".join(lines)


def _chief_manager(organisation) -> str:
    appointment = ChiefManagerAppointment.objects.filter(organisation=organisation).first()
    if appointment is None:
        return "統括管理者の選任の記録なし"
    notice = appointment.notice
    filed = "届出済み" if notice is not None and notice.released else "届出未了"
    return f"{appointment.position} {appointment.person_name}（{appointment.appointed_on.isoformat()}選任、{filed}）"


def _reviews(organisation, on: date) -> str:
    overdue, never = [], []
    for contractor in Contractor.objects.filter(organisation=organisation):
        review = contractor.last_review()
        if review is None:
            never.append(contractor.name)
        elif review.next_review_on < on:
            overdue.append(f"{contractor.name}（{review.next_review_on.isoformat()}）")
    lines = []
    if overdue:
        lines.append(f"点検期限を過ぎた委託先：{'、'.join(overdue)}")
    if never:
        lines.append(f"点検記録のない委託先：{'、'.join(never)}")
    return "\n".join(lines) or "すべての委託先に期限内の点検記録あり"


def suggested_evidence(organisation, on: date) -> dict[str, str]:
    return {
        "SA-LAW-01": _released(organisation, DocumentKind.RULES, "情報取扱規程"),
        "SA-LAW-02": _released(organisation, DocumentKind.POLICY, "情報取扱方針"),
        "SA-LAW-03": _countries(organisation, on),
        "SA-LAW-04": _chief_manager(organisation),
        "SA-CON-03": _reviews(organisation, on),
    }
