"""Turn a scan into the report: one recipient per registrable domain, as JSON and as a Japanese HTML page."""

from __future__ import annotations

import html
import json
from datetime import datetime
from typing import Any

from telegov.legal_calendar import TOKYO, today_in_tokyo, tokyo_date
from telegov.transmission.capture import PageCapture
from telegov.transmission.catalog import Catalog, default_catalog
from telegov.transmission.domains import registrable_domain
from telegov.transmission.inference import IMPLICIT_THIRD_PARTY, ordered
from telegov.transmission.labels import information_labels, notice_basis
from telegov.transmission.scanner import ScanResult

TRIGGER_ORDER = ("load", "scroll", "consent")
EVIDENCE_PER_RECIPIENT = 8

# The same plain words as the notice (data/information.yaml).
CODE_LABELS_JA = {code: label.ja for code, label in information_labels().items()}
TRIGGER_LABELS_JA = {"load": "ページ表示時", "scroll": "スクロール時", "consent": "同意ボタンのクリック後"}
# Japan keeps no daylight saving time, so a fixed offset is exact.
CATEGORY_LABELS_JA = {
    "analytics": "アクセス解析", "advertising": "広告", "social": "ソーシャルメディア", "tag_manager": "タグ管理",
    "session_recording": "セッション記録", "cdn": "コンテンツ配信（CDN）", "customer_data": "顧客データ基盤",
    "consent": "同意管理", "chat": "チャット", "video": "動画", "maps": "地図", "fonts": "ウェブフォント",
    "payment": "決済", "security": "セキュリティ", "marketing_automation": "マーケティングオートメーション",
    "ab_testing": "A/Bテスト", "other": "その他",
}


def _cookie_entry(cookie: dict[str, Any]) -> dict[str, Any]:
    return {key: cookie.get(key) for key in ("name", "domain", "path", "value", "expires", "secure", "httpOnly",
                                             "sameSite")}


def _ordered_triggers(triggers: set[str]) -> list[str]:
    return sorted(triggers, key=lambda trigger: (TRIGGER_ORDER.index(trigger) if trigger in TRIGGER_ORDER else 99,
                                                 trigger))


def _page_entry(page: PageCapture) -> dict[str, Any]:
    entry: dict[str, Any] = {"url": page.url, "status": page.status, "error": page.error}
    if page.final_url and page.final_url != page.url:
        entry["final_url"] = page.final_url
    if page.consent:
        entry["consent"] = page.consent
    if page.dialogs:
        entry["dialogs"] = page.dialogs
    if page.popups:
        entry["popups"] = page.popups
    return entry


def build_report(result: ScanResult, catalog: Catalog | None = None) -> dict[str, Any]:
    """The scan as plain data: pages, the first party, and one recipient per third-party registrable domain."""
    catalog = catalog if catalog is not None else default_catalog()
    recipients: dict[str, dict[str, Any]] = {}
    first_party = {"domain": result.site_domain, "hosts": set(), "requests": 0, "cookies": {}, "storage": []}
    storage_seen: set[tuple[str, str]] = set()

    def recipient(domain: str) -> dict[str, Any]:
        if domain not in recipients:
            recipients[domain] = {"hosts": set(), "information": set(), "pages": [], "triggers": set(),
                                  "requests": 0, "cookies": {}, "storage": [], "vendor": None, "evidence": []}
        return recipients[domain]

    for page in result.pages:
        page_url = page.final_url or page.url
        for transmission in page.transmissions:
            host = transmission.host
            if not host:
                continue
            domain = registrable_domain(host)
            if domain == result.site_domain:
                first_party["hosts"].add(host)
                first_party["requests"] += 1
                continue
            entry = recipient(domain)
            entry["hosts"].add(host)
            entry["information"].update(transmission.information)
            entry["triggers"].add(transmission.trigger)
            entry["requests"] += 1
            if page_url not in entry["pages"]:
                entry["pages"].append(page_url)
            if entry["vendor"] is None:
                entry["vendor"] = catalog.lookup(host)
            if len(entry["evidence"]) < EVIDENCE_PER_RECIPIENT:
                entry["evidence"].append({
                    "url": transmission.url[:500], "method": transmission.method, "type": transmission.kind,
                    "trigger": transmission.trigger, "page": page_url, "frame": transmission.frame_url[:300],
                    "information": ordered(transmission.information),
                })
        for cookie in page.cookies:
            domain = registrable_domain(cookie.get("domain", "").lstrip("."))
            key = (cookie.get("name"), cookie.get("domain"), cookie.get("path"))
            target = first_party if domain == result.site_domain else recipient(domain)
            target["cookies"].setdefault(key, _cookie_entry(cookie))
        for area in page.storage:
            origin = area["origin"]
            domain = registrable_domain(origin.split("://", 1)[-1].split(":", 1)[0])
            for kind in ("local", "session"):
                for name, value in area[kind].items():
                    if (origin, f"{kind}:{name}") in storage_seen:
                        continue
                    storage_seen.add((origin, f"{kind}:{name}"))
                    item = {"origin": origin, "area": f"{kind}Storage", "key": name, "value": (value or "")[:200]}
                    target = first_party if domain == result.site_domain else recipient(domain)
                    target["storage"].append(item)

    return {
        "site": result.site,
        "scanned_at": result.scanned_at.isoformat(timespec="seconds"),
        "duration_seconds": round(result.duration, 1),
        "pages": [_page_entry(page) for page in result.pages],
        "unvisited_pages": result.unvisited,
        "first_party": {
            "domain": first_party["domain"], "hosts": sorted(first_party["hosts"]),
            "requests": first_party["requests"], "cookies": list(first_party["cookies"].values()),
            "storage": first_party["storage"],
        },
        "recipients": [_recipient_entry(domain, recipients[domain], catalog) for domain in sorted(recipients)],
    }


def _recipient_entry(domain: str, entry: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    vendor = entry["vendor"] or catalog.lookup(domain)
    return {
        "domain": domain,
        "hosts": sorted(entry["hosts"]),
        "vendor": vendor.id if vendor else None,
        "organization": vendor.organization.ja if vendor else None,
        "organization_en": vendor.organization.en if vendor else None,
        "country": vendor.country if vendor else None,
        "category": vendor.category if vendor else None,
        "purposes": list(vendor.purposes.ja) if vendor else [],
        "privacy_policy": vendor.privacy_policy if vendor else None,
        "opt_out": vendor.opt_out if vendor else None,
        "information": ordered(entry["information"]),
        "implicit": list(IMPLICIT_THIRD_PARTY) if entry["requests"] else [],
        "pages": entry["pages"],
        "triggers": _ordered_triggers(entry["triggers"]),
        "requests": entry["requests"],
        "cookies": list(entry["cookies"].values()),
        "storage": entry["storage"],
        "exemption": vendor.exemption if vendor else None,
        "evidence": entry["evidence"],
    }


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _list(items: list[str], labels: dict[str, str] | None = None) -> str:
    if not items:
        return "—"
    return "、".join(_e(labels.get(item, item) if labels else item) for item in items)


STYLE = """
body{font-family:"Noto Sans CJK JP","Noto Sans JP",sans-serif;margin:2rem;line-height:1.6;color:#222}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.35rem .5rem;
vertical-align:top;text-align:left;font-size:.9rem}th{background:#f3f3f3}code{word-break:break-all;font-size:.8rem}
.unknown{color:#a40000;font-weight:bold}.failed{color:#a40000}section{margin-top:2rem}
"""


def to_html(report: dict[str, Any]) -> str:
    """A self-contained Japanese report; every value from the scanned site is escaped."""
    recipients = report["recipients"]
    unknown = sum(1 for item in recipients if item["organization"] is None)
    rows = []
    for item in recipients:
        organization = (_e(item["organization"]) if item["organization"]
                        else '<span class="unknown">不明（要確認）</span>')
        rows.append(
            f'<tr><td><a href="#r-{_e(item["domain"])}">{_e(item["domain"])}</a></td><td>{organization}</td>'
            f'<td>{_e(item["country"] or "—")}</td><td>{_e(CATEGORY_LABELS_JA.get(item["category"] or "", "—"))}</td>'
            f'<td>{_list(item["purposes"])}</td>'
            f'<td>{_list(ordered(item["information"] + item["implicit"]), CODE_LABELS_JA)}</td>'
            f'<td>{_list(item["triggers"], TRIGGER_LABELS_JA)}</td><td>{len(item["pages"])}</td>'
            f'<td>{_e(item["exemption"] or "—")}</td></tr>'
        )
    pages = "".join(
        f'<tr><td><code>{_e(page["url"])}</code></td><td>{_e(page["status"] or "—")}</td>'
        f'<td class="failed">{_e(page["error"] or "")}</td>'
        f'<td>{_e((page.get("consent") or {}).get("button", ""))}</td></tr>'
        for page in report["pages"]
    )
    details = "".join(_recipient_details(item) for item in recipients)
    failed = sum(1 for page in report["pages"] if page["error"])
    unvisited = report.get("unvisited_pages", 0)
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>外部送信の調査結果 — {_e(report["site"])}</title>
<style>{STYLE}</style></head><body>
<h1>外部送信の調査結果</h1>
<p>対象サイト: <code>{_e(report["site"])}</code><br>調査日時: {_e(_in_japan(report["scanned_at"]))}<br>
調査したページ: {len(report["pages"])}件（うち失敗 {failed}件、上限により未調査 {unvisited}件）<br>
外部の送信先: {len(recipients)}件
（うち事業者名が不明 {unknown}件）</p>
<p>{_e(notice_basis(_scan_day(report["scanned_at"])))}（外部送信規律）に基づく通知・公表の内容を確認するための資料です。
事業者名が不明の送信先は、送信先の事業者を確認して記入してください。同じページでも読み込みごとに送信が異なることがあり、
本結果は調査中に観測された送信の和集合です。IPアドレスとユーザーエージェントは、外部へのすべての通信で送信されます。</p>
<section><h2>送信先一覧</h2><table><tr><th>送信先ドメイン</th><th>送信先の事業者</th><th>国</th><th>区分</th>
<th>利用目的</th><th>送信される情報</th><th>送信のきっかけ</th><th>ページ数</th><th>適用除外の候補</th></tr>
{"".join(rows)}</table></section>
<section><h2>調査したページ</h2><table><tr><th>URL</th><th>HTTPステータス</th><th>エラー</th><th>同意ボタン</th></tr>
{pages}</table></section>
<section><h2>送信先ごとの根拠</h2>{details}</section>
</body></html>
"""


def _scan_day(moment: str):
    try:
        return tokyo_date(datetime.fromisoformat(moment))
    except ValueError:
        return today_in_tokyo()


def _in_japan(moment: str) -> str:
    try:
        return datetime.fromisoformat(moment).astimezone(TOKYO).strftime("%Y年%m月%d日 %H:%M（日本時間）")
    except ValueError:
        return moment


def _recipient_details(item: dict[str, Any]) -> str:
    evidence = "".join(
        f'<tr><td>{_e(TRIGGER_LABELS_JA.get(sample["trigger"], sample["trigger"]))}</td><td>{_e(sample["method"])}</td>'
        f'<td>{_e(sample["type"])}</td><td><code>{_e(sample["url"])}</code></td>'
        f'<td>{_list(sample["information"], CODE_LABELS_JA)}</td><td><code>{_e(sample["page"])}</code></td></tr>'
        for sample in item["evidence"]
    )
    cookies = "".join(
        f'<li><code>{_e(cookie["name"])}</code>（{_e(cookie["domain"])}）</li>' for cookie in item["cookies"]
    )
    storage = "".join(
        f'<li><code>{_e(entry["key"])}</code>（{_e(entry["area"])}, {_e(entry["origin"])}）</li>'
        for entry in item["storage"]
    )
    return (
        f'<h3 id="r-{_e(item["domain"])}">{_e(item["domain"])}</h3>'
        f'<p>ホスト: {_list(item["hosts"])}<br>リクエスト数: {_e(item["requests"])}<br>'
        f'プライバシーポリシー: {_e(item["privacy_policy"] or "—")}<br>オプトアウト: {_e(item["opt_out"] or "—")}</p>'
        f'<p>保存されたCookie:</p><ul>{cookies or "<li>なし</li>"}</ul>'
        f'<p>ストレージ:</p><ul>{storage or "<li>なし</li>"}</ul>'
        f'<table><tr><th>きっかけ</th><th>方式</th><th>種類</th><th>送信先URL</th><th>推定される情報</th><th>ページ</th></tr>'
        f"{evidence}</table>"
    )
