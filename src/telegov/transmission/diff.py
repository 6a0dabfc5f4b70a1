"""What changed between two scans of a site: recipients added or removed, and per recipient the information
items added or removed — 「このリリースでTikTokが追加されました」. Plain data in, plain data out."""

from __future__ import annotations

from typing import Any

from telegov.transmission.labels import label_ja


def _name(recipient: dict[str, Any]) -> str:
    return recipient.get("organization") or "、".join(recipient.get("domains", [])) or recipient["key"]


def diff_recipients(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    """The recipients (as the notice names them: key, organization, domains, information) of two scans compared."""
    old = {item["key"]: item for item in before}
    new = {item["key"]: item for item in after}
    changed = []
    for key in sorted(old.keys() & new.keys()):
        gained = [code for code in new[key]["information"] if code not in old[key]["information"]]
        lost = [code for code in old[key]["information"] if code not in new[key]["information"]]
        if gained or lost:
            changed.append({"key": key, "name": _name(new[key]), "information_added": gained,
                            "information_removed": lost})
    return {
        "added": [{"key": key, "name": _name(new[key]), "domains": new[key]["domains"]}
                  for key in new if key not in old],
        "removed": [{"key": key, "name": _name(old[key]), "domains": old[key]["domains"]}
                    for key in old if key not in new],
        "changed": changed,
    }


def is_empty(diff: dict[str, Any]) -> bool:
    return not (diff["added"] or diff["removed"] or diff["changed"])


def sentences_ja(diff: dict[str, Any]) -> list[str]:
    """The changes in plain Japanese, one sentence each."""
    lines = [f"このリリースで{item['name']}が送信先に追加されました。" for item in diff["added"]]
    lines += [f"このリリースで{item['name']}が送信先からなくなりました。" for item in diff["removed"]]
    for item in diff["changed"]:
        if item["information_added"]:
            labels = "、".join(label_ja(code) for code in item["information_added"])
            lines.append(f"{item['name']}に送信される情報に{labels}が加わりました。")
        if item["information_removed"]:
            labels = "、".join(label_ja(code) for code in item["information_removed"])
            lines.append(f"{item['name']}に{labels}が送信されなくなりました。")
    return lines
