"""A person's career as an SVG timeline: one row per post (body + title), a bar from the first
document that appoints or lists the person to the removal (former, grey and dashed) or to today's
end of the axis (current, solid), and a marker for every document with its number and line.

Dates are the documents' dates; a post whose documents carry no date is drawn at the right end
and says so ("日期不详") rather than being left out.
"""

from __future__ import annotations

from datetime import date
from html import escape

from govkg.graph.svg_layout import FONT, text_width

ROW = 34
LEFT_PAD = 20
AXIS = 60
EVENT_WORDS = {"appoint": "任命", "remove": "免去", "hold": "列明在任"}


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def career_rows(posts: list[dict]) -> list[dict]:
    """Posts grouped by (body, title), in order of their first date; each with its events."""
    rows: dict[tuple[str, str], dict] = {}
    for p in sorted(posts, key=lambda p: (p["date"] or "9999", p["doc"], p["line"])):
        row = rows.setdefault((p["body"], p["title"]), {"body": p["body"], "title": p["title"], "events": [],
                                                        "former": False})
        row["events"].append(p)
        row["former"] = row["former"] or p["status"] == "former"
    return list(rows.values())


def timeline_svg(person: str, posts: list[dict]) -> str:
    rows = career_rows(posts)
    days = [d for p in posts if (d := _day(p["date"]))]
    lo = min(days) if days else date.today()
    hi = max(days) if days else date.today()
    span = max((hi - lo).days, 30)
    label_w = max([text_width(f"{r['body']} {r['title']}（已免）") for r in rows] + [120]) + LEFT_PAD
    plot_w = 640
    width, height = label_w + plot_w + 120, AXIS + len(rows) * ROW + 40

    def x(d: date | None) -> float:
        return label_w + plot_w if d is None else label_w + 20 + (d - lo).days / span * (plot_w - 40)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">',
             f'<text class="heading" x="{LEFT_PAD}" y="24">{escape(person)} 任职经历（按文件日期）</text>',
             f'<line class="axis" x1="{label_w}" y1="{AXIS - 10}" x2="{label_w + plot_w}" y2="{AXIS - 10}"/>']
    for d in sorted(set(days)):
        parts.append(f'<text class="tick" x="{x(d)}" y="{AXIS - 16}" text-anchor="middle">{d.isoformat()}</text>')
    for i, r in enumerate(rows):
        y = AXIS + i * ROW
        starts = [_day(e["date"]) for e in r["events"] if e["event"] != "remove"]
        ends = [_day(e["date"]) for e in r["events"] if e["event"] == "remove"]
        x1 = x(min([d for d in starts if d] or [lo]))
        x2 = x(max([d for d in ends if d] or [lo])) if r["former"] else label_w + plot_w
        status = "former" if r["former"] else "current"
        name = f"{r['body']} {r['title']}"
        word = "（已免）" if r["former"] else "（现任）"
        parts.append(f'<g class="post {status}" data-name="{escape(name)}">'
                     f'<text x="{LEFT_PAD}" y="{y + FONT + 2}">{escape(name + word)}</text>'
                     f'<rect x="{x1:.1f}" y="{y + 4}" width="{max(x2 - x1, 6):.1f}" height="{ROW - 14}" rx="4"/></g>')
        for e in r["events"]:
            d = _day(e["date"])
            info = f"{e['doc']} 第{e['line']}行 {e['date'] or '日期不详'} {EVENT_WORDS.get(e['event'], e['event'])}"
            parts.append(f'<g class="event {escape(e["event"])}" data-name="{escape(name)}" data-info="{escape(info)}">'
                         f"<title>{escape(info)}</title>"
                         f'<circle cx="{x(d):.1f}" cy="{y + ROW // 2 - 3}" r="6"/>'
                         f'<text class="doc" x="{x(d) + 9:.1f}" y="{y + ROW - 2}">{escape(e["doc"])}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
