"""A tile-grid map of the 47 prefectures as inline SVG: one square per prefecture, roughly where it lies,
so the page needs no geodata."""

from __future__ import annotations

from django.utils.html import escape

# (column, row) of each prefecture's tile.
TILES = {
    "北海道": (12, 0), "青森県": (11, 1), "秋田県": (11, 2), "岩手県": (12, 2), "山形県": (11, 3), "宮城県": (12, 3),
    "石川県": (8, 4), "富山県": (9, 4), "新潟県": (10, 4), "福島県": (11, 4),
    "福井県": (7, 5), "岐阜県": (8, 5), "長野県": (9, 5), "群馬県": (10, 5), "栃木県": (11, 5), "茨城県": (12, 5),
    "島根県": (3, 6), "鳥取県": (4, 6), "兵庫県": (5, 6), "京都府": (6, 6), "滋賀県": (7, 6), "愛知県": (8, 6),
    "山梨県": (9, 6), "埼玉県": (10, 6), "東京都": (11, 6), "千葉県": (12, 6),
    "福岡県": (1, 7), "山口県": (2, 7), "広島県": (3, 7), "岡山県": (4, 7), "大阪府": (5, 7), "奈良県": (6, 7),
    "三重県": (7, 7), "静岡県": (9, 7), "神奈川県": (10, 7),
    "長崎県": (0, 8), "佐賀県": (1, 8), "大分県": (2, 8), "愛媛県": (3, 8), "香川県": (4, 8), "徳島県": (5, 8),
    "和歌山県": (6, 8),
    "熊本県": (1, 9), "宮崎県": (2, 9), "高知県": (4, 9),
    "鹿児島県": (1, 10),
    "沖縄県": (0, 11),
}
TILE, GAP = 40, 3


def short_name(prefecture: str) -> str:
    return prefecture if prefecture == "北海道" else prefecture[:-1]


def tile_map(affected: list[str], recovered: list[str], title: str = "") -> str:
    """The SVG: affected tiles marked `affected`, recovered ones `recovered` (recovery wins)."""
    recovered_set, affected_set = set(recovered), set(affected) - set(recovered)
    width = (max(col for col, _ in TILES.values()) + 1) * (TILE + GAP)
    height = (max(row for _, row in TILES.values()) + 1) * (TILE + GAP)
    parts = [f'<svg class="prefecture-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(title)}">']
    for name, (col, row) in TILES.items():
        state = "recovered" if name in recovered_set else "affected" if name in affected_set else "normal"
        x, y = col * (TILE + GAP), row * (TILE + GAP)
        parts.append(
            f'<g class="tile {state}" data-prefecture="{escape(name)}" data-state="{state}">'
            f'<title>{escape(name)}</title>'
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4"/>'
            f'<text x="{x + TILE / 2:g}" y="{y + TILE / 2 + 4:g}" text-anchor="middle">'
            f"{escape(short_name(name))}</text>"
            "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)
