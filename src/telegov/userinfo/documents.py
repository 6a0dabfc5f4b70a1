"""The content of the policy (情報取扱方針), the rules (情報取扱規程) and the notification of the chief
manager, built from the register so that they cannot drift from it. A document is plain data:
a title and sections of paragraphs, bullet items and tables; `as_text` is what versions are diffed on."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_noop

from telegov.rules import rule_book
from telegov.userinfo import vocabulary
from telegov.userinfo.choices import DocumentKind, InformationClass, MeasureClass
from telegov.userinfo.countries import HOME_COUNTRY, country, register_countries
from telegov.userinfo.models import (
    ChiefManagerAppointment,
    Contractor,
    HandlingProfile,
    InformationItem,
    SafetyMeasure,
    System,
)

NO_PROVISION = "法令に基づく場合を除き、第三者に提供しません。"
MEASURE_HEADINGS = {
    MeasureClass.ORGANISATIONAL: "組織的安全管理措置",
    MeasureClass.PERSONNEL: "人的安全管理措置",
    MeasureClass.PHYSICAL: "物理的安全管理措置",
    MeasureClass.TECHNICAL: "技術的安全管理措置",
}
CLASS_LABELS = {
    InformationClass.CONTENT: "通信の内容",
    InformationClass.CONSTITUENT: "通信の構成要素（日時・場所・当事者・識別符号等）",
    InformationClass.USER_PROVIDED: "利用者から提供を受けた情報",
    InformationClass.OBTAINED: "役務の提供に伴い取得した情報",
}


class DocumentNotReady(ValueError):
    """The register lacks what the document must say (e.g. no contact point)."""


def _section(heading: str, paragraphs=(), items=(), table=None) -> dict:
    return {"heading": heading, "paragraphs": list(paragraphs), "items": list(items), "table": table}


def _profile(organisation) -> HandlingProfile:
    profile = HandlingProfile.objects.filter(organisation=organisation).first()
    if profile is None or not profile.contact_point.strip():
        raise DocumentNotReady(gettext_noop("the register has no carrier profile with a contact point"))
    return profile


def _labels(organisation, kind: str, keys) -> str:
    known = vocabulary.terms(organisation, kind)
    return "、".join(known[key].label_ja if key in known else key for key in keys)


def _country_line(code: str, on: date) -> str:
    found = country(code, on)
    if not found.known:
        return f"{code}（国の制度の情報が未登録）"
    return f"{found.name()}（{code}）"


def _countries_section(heading: str, codes: set[str], on: date, what: str) -> dict:
    foreign = sorted(code for code in codes if code != HOME_COUNTRY)
    items = [_country_line(code, on) for code in sorted(codes)]
    note = (f"{what}は日本国内にのみ所在します。" if not foreign else
            f"{what}の所在国は次のとおりです（外国を含みます）。")
    return _section(heading, [note], items)


def policy(organisation, on: date) -> dict:
    profile = _profile(organisation)
    items = list(InformationItem.objects.filter(organisation=organisation))
    countries = register_countries(organisation)
    measures = SafetyMeasure.objects.filter(organisation=organisation)
    provided = [f"{item.name}：{item.third_party_provision}" for item in items if item.third_party_provision.strip()]
    return {
        "kind": DocumentKind.POLICY.value,
        "title": "情報取扱方針",
        "carrier": profile.carrier_name,
        "sections": [
            _section("1. 取得する利用者情報", [f"{profile.carrier_name}は、次の利用者情報を取得します。"], table={
                "header": ["情報", "区分", "種類"],
                "rows": [[item.name, CLASS_LABELS[item.information_class],
                          _labels(organisation, "data_category", item.data_categories)] for item in items],
            }),
            _section("2. 利用目的及び利用方法", items=[
                f"{item.name}：{_labels(organisation, 'data_use', item.purposes)}。{item.method_of_use}".rstrip("。")
                + "。" for item in items]),
            _section("3. 第三者への提供", [NO_PROVISION] if not provided else [], provided),
            _section("4. 安全管理措置", items=[
                f"{MEASURE_HEADINGS[m.measure_class]}：{m.name}（{m.description}）" for m in measures]),
            _countries_section("5. 利用者情報を保管する電気通信設備の所在国", countries["storage"], on,
                               "利用者情報を保管する電気通信設備"),
            _countries_section("6. 利用者情報の取扱いを委託した第三者の所在国", countries["contractor"], on,
                               "利用者情報の取扱いの委託先（再委託先を含む）"),
            _section("7. お問い合わせ窓口", [profile.contact_point]),
        ],
    }


def _contractor_lines(organisation) -> list[str]:
    lines = []

    def walk(contractor: Contractor, depth: int) -> None:
        review = contractor.last_review()
        reviewed = (f"前回点検 {review.reviewed_on.isoformat()}・次回点検 {review.next_review_on.isoformat()}"
                    if review else "点検記録なし")
        role = "再委託先" if depth else "委託先"
        lines.append(f"{'　' * depth}{role}：{contractor.name}（{contractor.country}）{contractor.tasks}／{reviewed}")
        for child in contractor.children.order_by("key"):
            walk(child, depth + 1)

    for root in Contractor.objects.filter(organisation=organisation, parent=None):
        walk(root, 0)
    return lines


def _abroad_rows(organisation, on: date) -> list[list[str]]:
    rows = []
    systems = System.objects.filter(organisation=organisation)
    contractors = Contractor.objects.filter(organisation=organisation)
    for code in sorted(set().union(*register_countries(organisation).values()) - {HOME_COUNTRY}):
        found = country(code, on)
        here = [s.name for s in systems if s.country == code] + [c.name for c in contractors if c.country == code]
        if not found.known:
            rows.append([code, "、".join(here), "国の制度の情報が未登録", "—", "—"])
            continue
        facts = found.facts
        rows.append([found.name(), "、".join(here), facts.law_name,
                     _yes_no(facts.gov_access_duty, facts.gov_access_note),
                     _yes_no(facts.localisation_duty, facts.localisation_note)])
    return rows


def _yes_no(value: bool | None, note: str) -> str:
    return {True: "あり", False: "なし", None: "不明"}[value] + (f"：{note}" if note else "")


def rules(organisation, on: date) -> dict:
    profile = _profile(organisation)
    measures = SafetyMeasure.objects.filter(organisation=organisation)
    by_class = {cls: [f"{m.name}：{m.description}（責任者：{m.owner}）" for m in measures if m.measure_class == cls]
                for cls in MeasureClass}
    items = InformationItem.objects.filter(organisation=organisation)
    manager = ChiefManagerAppointment.objects.filter(organisation=organisation).first()
    sections = [
        _section("第1章 総則", [
            f"この規程は、{profile.carrier_name}が取り扱う特定利用者情報の適正な取扱いを確保するため、"
            f"{rule_book().get('specified.info_rules', on).article}に基づき定める。",
            "対象とする情報は次のとおりとする。"],
            [f"{item.name}（{CLASS_LABELS[item.information_class]}"
             f"{'・通信の秘密' if item.secrecy_protected else ''}{'・特定利用者情報' if item.specified else ''}）"
             for item in items]),
    ]
    for number, cls in enumerate(MeasureClass, start=2):
        sections.append(_section(f"第{number}章 {MEASURE_HEADINGS[cls]}",
                                 [] if by_class[cls] else ["定めなし（登録簿に措置がない）"], by_class[cls]))
    sections += [
        _section("第6章 委託先の監督", [
            "委託先には当社と同等の安全管理措置を求め、契約で定めたうえで定期に点検する。再委託は事前の承認を要する。"],
            _contractor_lines(organisation)),
        _section("第7章 外国における取扱い", [
            "外国で利用者情報を保管し、又は外国の委託先に取り扱わせるときは、その国の制度"
            "（政府による情報収集への協力義務、国内保存義務等）を把握し、自己評価で影響を評価する。"],
            table={"header": ["国", "設備・委託先", "個人情報保護制度", "政府アクセス", "国内保存義務"],
                   "rows": _abroad_rows(organisation, on)}),
        _section("第8章 事故等への対応", [profile.incident_response or "定めなし"]),
        _section("第9章 自己評価", [
            "毎事業年度、特定利用者情報の取扱状況を評価し、その結果を情報取扱方針及びこの規程に反映する。",
            profile.assessment_procedure or ""]),
        _section("第10章 特定利用者情報統括管理者", [
            f"特定利用者情報統括管理者は{manager.position} {manager.person_name}とする"
            f"（{manager.appointed_on.isoformat()}選任）。" if manager else "特定利用者情報統括管理者は未選任。"]),
    ]
    return {"kind": DocumentKind.RULES.value, "title": "情報取扱規程", "carrier": profile.carrier_name,
            "sections": sections}


def appointment_notice(organisation, on: date) -> dict:
    profile = _profile(organisation)
    manager = ChiefManagerAppointment.objects.filter(organisation=organisation).first()
    if manager is None:
        raise DocumentNotReady(gettext_noop("no chief manager has been appointed"))
    article = rule_book().get("specified.chief_manager", on).article
    return {
        "kind": DocumentKind.APPOINTMENT_NOTICE.value,
        "title": "特定利用者情報統括管理者選任届出書",
        "carrier": profile.carrier_name,
        "sections": [
            _section("総務大臣 殿", [f"{profile.carrier_name}は、{article}の規定により、"
                                     "特定利用者情報統括管理者を選任したので届け出ます。"]),
            _section("選任した者", table={"header": ["項目", "内容"], "rows": [
                ["氏名", manager.person_name], ["役職", manager.position],
                ["選任の日", manager.appointed_on.isoformat()], ["経歴", manager.experience or "—"]]}),
        ],
    }


BUILDERS = {DocumentKind.POLICY: policy, DocumentKind.RULES: rules, DocumentKind.APPOINTMENT_NOTICE: appointment_notice}


def build(kind: str, organisation, on: date) -> dict:
    return BUILDERS[DocumentKind(kind)](organisation, on)


def as_text(content: dict) -> str:
    lines = [content["title"], content["carrier"], ""]
    for section in content["sections"]:
        lines.append(section["heading"])
        lines.extend(paragraph for paragraph in section["paragraphs"] if paragraph)
        lines.extend(f"・{item}" for item in section["items"])
        if section["table"]:
            lines.append(" | ".join(section["table"]["header"]))
            lines.extend(" | ".join(row) for row in section["table"]["rows"])
        lines.append("")
    return "\n".join(lines)
