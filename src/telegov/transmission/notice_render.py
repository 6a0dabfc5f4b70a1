"""The notice in plain Japanese, as a self-contained HTML page and as Markdown, following transmission.manner:
Japanese, plain words, a readable size. The HTML carries each recipient's key, domains and information codes
in data attributes, so the audit reads a telegov notice exactly."""

from __future__ import annotations

import html
from datetime import date, datetime
from typing import Any

from telegov.legal_calendar import TOKYO
from telegov.transmission.labels import label_ja
from telegov.transmission.report import CATEGORY_LABELS_JA

REVIEW = "要確認"
NOTICE_MARKER = "data-telegov-notice"
INTRO = ("当サイトでは、以下の事業者のサービスを利用しています。"
         "これにより、利用者の端末（パソコンやスマートフォン）から、次の事業者へ情報が送信されます。送信先ごとに、送信される情報、送信先の名称、利用目的をお知らせします。")
REVIEW_TEXT = "この送信先の事業者名・利用目的・プライバシーポリシーを確認して記入してください"
NO_OPT_OUT = "送信先が案内する停止の方法はありません"
SCAN_BASIS = "この内容は、次の日時に次のページを調査して確認した送信の全体に基づいています。"
EXCEPTION_NOTE = ("「適用除外の候補」と記した送信先は、法令の定める例外に当たる可能性があるものです。"
                  "例外に当たるかどうかは運営者が確認しています。")
STYLE = """
body{font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans",sans-serif;font-size:1rem;line-height:1.8;
margin:0 auto;max-width:52rem;padding:1.5rem;color:#1a1a1a}h1{font-size:1.6rem}h2{font-size:1.25rem;
border-bottom:1px solid #ccc;margin-top:2rem}dt{font-weight:bold;margin-top:.6rem}dd{margin-left:1rem}
.review{color:#a40000;font-weight:bold}.exception{background:#fff6d6;padding:.2rem .4rem}
.meta{color:#444}a{word-break:break-all}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def japanese_date(value: str | date) -> str:
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.year}年{day.month}月{day.day}日"


def japanese_moment(value: str | None) -> str:
    if not value:
        return "日時不明"
    try:
        moment = datetime.fromisoformat(value).astimezone(TOKYO)
    except ValueError:
        return value
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}（日本時間）"


def recipient_title(item: dict[str, Any]) -> str:
    name = item["organization"] or f"【{REVIEW}】送信先の事業者名が不明です"
    category = CATEGORY_LABELS_JA.get(item.get("category") or "")
    return f"{name}（{category}）" if category else name


def _link(url: str | None, missing: str) -> str:
    return f'<a href="{_e(url)}">{_e(url)}</a>' if url else missing


def to_html(notice: dict[str, Any]) -> str:
    sections = "".join(_html_recipient(item) for item in notice["recipients"])
    operator = f"<p>運営者: {_e(notice['operator'])}</p>" if notice.get("operator") else ""
    scans = "".join(
        f"<li>{_e(japanese_moment(scan['scanned_at']))}: {_e(scan['site'])}（{len(scan['pages'])}ページ）</li>"
        for scan in notice["scans"]
    )
    pages = sorted({page for scan in notice["scans"] for page in scan["pages"]})
    page_list = "".join(f"<li>{_e(page)}</li>" for page in pages)
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(notice["title"])}</title><style>{STYLE}</style></head>
<body><main {NOTICE_MARKER}="{_e(notice["version"])}" data-site="{_e(notice["site"])}">
<h1>{_e(notice["title"])}</h1>
<p class="meta">公表日: {_e(japanese_date(notice["published_on"]))}</p>{operator}
<p>{INTRO}</p>
<p>{EXCEPTION_NOTE}</p>
{sections or "<p>外部への送信はありません。</p>"}
<h2>この内容の根拠</h2>
<p>{SCAN_BASIS}
同じページでも表示のたびに送信が異なることがあるため、調査で確認したすべての送信を記載しています。</p>
<ul>{scans}</ul>
<details><summary>調査したページ（{len(pages)}件）</summary><ul>{page_list}</ul></details>
<p class="meta">{_e(notice["basis"])}に基づく公表です。</p>
</main></body></html>
"""


def _html_recipient(item: dict[str, Any]) -> str:
    information = "".join(f"<li>{_e(label_ja(code))}</li>" for code in item["information"])
    purposes = ("".join(f"<li>{_e(purpose)}</li>" for purpose in item["purposes"])
                or f'<li class="review">【{REVIEW}】利用目的を記入してください</li>')
    review = (f'<p class="review">【{REVIEW}】{REVIEW_TEXT}'
              f"（送信先のドメイン: {_e('、'.join(item['domains']))}）。</p>" if item["needs_review"] else "")
    exception = item.get("exception")
    exception_html = (f'<dt>適用除外の候補</dt><dd class="exception">{_e(exception["label_ja"])}'
                      f"（{_e(exception['reason'])}）</dd>" if exception else "")
    english = (f' <span lang="en">({_e(item["organization_en"])})</span>'
               if item.get("organization_en") and item["organization_en"] != item["organization"] else "")
    name = (_e(item["organization"]) + english if item["organization"]
            else f'<span class="review">【{REVIEW}】</span>')
    return (
        f'<section class="recipient" data-key="{_e(item["key"])}" data-vendor="{_e(item.get("vendor") or "")}" '
        f'data-domains="{_e(" ".join(item["domains"]))}" data-information="{_e(" ".join(item["information"]))}">'
        f"<h2>{_e(recipient_title(item))}</h2>{review}<dl>"
        f"<dt>送信先</dt><dd>{name}</dd>"
        f"<dt>送信される情報</dt><dd><ul>{information}</ul></dd>"
        f"<dt>利用目的</dt><dd><ul>{purposes}</ul></dd>"
        f"<dt>送信先のプライバシーポリシー</dt><dd>{_link(item['privacy_policy'], _missing_policy(item))}</dd>"
        f"<dt>送信の停止（オプトアウト）</dt><dd>{_link(item['opt_out'], NO_OPT_OUT)}</dd>"
        f"<dt>送信先のドメイン</dt><dd>{_e('、'.join(item['domains']))}</dd>{exception_html}</dl></section>"
    )


def _missing_policy(item: dict[str, Any]) -> str:
    return f'<span class="review">【{REVIEW}】</span>' if item["needs_review"] else "送信先が公開していません"


def to_markdown(notice: dict[str, Any]) -> str:
    lines = [f"# {notice['title']}", "", f"公表日: {japanese_date(notice['published_on'])}", ""]
    if notice.get("operator"):
        lines += [f"運営者: {notice['operator']}", ""]
    lines += [INTRO, "", EXCEPTION_NOTE, ""]
    for item in notice["recipients"]:
        lines += [f"## {recipient_title(item)}", ""]
        if item["needs_review"]:
            lines += [f"**【{REVIEW}】{REVIEW_TEXT}（送信先のドメイン: {'、'.join(item['domains'])}）。**", ""]
        lines.append(f"- 送信先: {item['organization'] or f'【{REVIEW}】'}")
        lines.append("- 送信される情報: " + "、".join(label_ja(code) for code in item["information"]))
        lines.append("- 利用目的: " + ("、".join(item["purposes"]) or f"【{REVIEW}】利用目的を記入してください"))
        policy = item["privacy_policy"] or (f"【{REVIEW}】" if item["needs_review"] else "送信先が公開していません")
        lines.append(f"- 送信先のプライバシーポリシー: {policy}")
        lines.append(f"- 送信の停止（オプトアウト）: {item['opt_out'] or NO_OPT_OUT}")
        lines.append(f"- 送信先のドメイン: {'、'.join(item['domains'])}")
        if item.get("exception"):
            lines.append(f"- 適用除外の候補: {item['exception']['label_ja']}（{item['exception']['reason']}）")
        lines.append("")
    if not notice["recipients"]:
        lines += ["外部への送信はありません。", ""]
    lines += ["## この内容の根拠", "", SCAN_BASIS, ""]
    lines += [f"- {japanese_moment(scan['scanned_at'])}: {scan['site']}（{len(scan['pages'])}ページ）"
              for scan in notice["scans"]]
    lines += ["", f"{notice['basis']}に基づく公表です。", ""]
    return "\n".join(lines)
