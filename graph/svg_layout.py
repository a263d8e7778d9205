"""A Picture drawn as SVG on the server: columns left to right, every label its full Chinese name.

Why columns and not a force layout: the pictures people asked for are stars and two-level fans (a
group and its members, a plan's tasks and their bodies); columns keep every name on one line,
uncut and unoverlapped, and need no JavaScript library. All text is escaped: names are data.
"""

from __future__ import annotations

from html import escape

from govkg.graph.picture import Edge, Node, Picture

FONT = 14
ROW = 30
GAP = 150  # between columns, room for the edge labels
PAD = 20
NODE_FILL = {"group": "#fde9c8", "body": "#dbe9f6", "person": "#e3f4df", "post": "#efe3f6", "task": "#fff7d6",
             "document": "#eeeeee"}


def text_width(text: str) -> int:
    """Pixels at FONT size: a CJK character is square, Latin and digits about half as wide."""
    return sum(FONT if ord(ch) > 0x2E7F else FONT * 0.6 for ch in text).__int__() + 16


def _info(edge: Edge) -> str:
    if not edge.doc:
        return ""
    return f"{edge.doc} 第{edge.line}行" if edge.line else edge.doc


def layout(p: Picture) -> tuple[dict[str, tuple[int, int, int]], list[tuple[str, int, int]], int, int]:
    """Node id -> (x, y, width); headings (text, x, y); the drawing's width and height.

    The centre stands at the left; each level is one column to its right, in which the columns of
    that level stack one under the other, each under its heading, so no line crosses a name.
    """
    levels = sorted({c.level for c in p.columns})
    stacks = {lv: [c for c in p.columns if c.level == lv] for lv in levels}
    rows = {lv: sum(len(c.nodes) + 1 for c in stacks[lv]) for lv in levels}
    most = max(list(rows.values()) + [1])
    height = PAD * 2 + most * ROW
    pos: dict[str, tuple[int, int, int]] = {}
    headings: list[tuple[str, int, int]] = []
    cw = text_width(p.centre.label)
    pos[p.centre.id] = (PAD, PAD + (most * ROW) // 2 - ROW // 2, cw)
    x = PAD + cw + GAP
    for lv in levels:
        y = PAD + ((most - rows[lv]) * ROW) // 2
        width = 0
        for column in stacks[lv]:
            headings.append((column.heading, x, y + ROW - 10))
            y += ROW
            width = max([width, text_width(column.heading)] + [text_width(n.label) for n in column.nodes])
            for node in column.nodes:
                pos[node.id] = (x, y, text_width(node.label))
                y += ROW
        x += width + GAP
    return pos, headings, x - GAP + PAD, height


def merged(edges: list[Edge]) -> list[Edge]:
    """One line per pair of nodes: roles joined (办公室主任、成员), the strongest kind, each source kept."""
    by_pair: dict[tuple[str, str], list[Edge]] = {}
    for e in edges:
        by_pair.setdefault((e.source, e.target), []).append(e)
    out = []
    for group in by_pair.values():
        first = next((e for e in group if e.leader), group[0])
        labels = list(dict.fromkeys(e.label for e in group if e.label))
        infos = list(dict.fromkeys(_info(e) for e in group if _info(e)))
        out.append(Edge(first.source, first.target, "、".join(labels), "；".join(infos), 0, first.kind,
                        former=all(e.former for e in group), role=first.role))
    return out


def _node(node: Node, x: int, y: int, w: int, classes: str, info: str) -> str:
    return (f'<g class="node {escape(node.kind)}{classes}" data-name="{escape(node.label)}" '
            f'data-kind="{escape(node.kind)}" data-info="{escape(info)}">'
            f"<title>{escape(node.label)}{escape(' — ' + info if info else '')}</title>"
            f'<rect x="{x}" y="{y}" width="{w}" height="{ROW - 6}" rx="5" fill="{NODE_FILL.get(node.kind, "#fff")}"/>'
            f'<text x="{x + 8}" y="{y + ROW - 12}">{escape(node.label)}</text></g>')


def _edge(e: Edge, a: tuple[int, int, int], b: tuple[int, int, int]) -> str:
    (ax, ay, aw), (bx, by, bw) = (a, b) if a[0] <= b[0] else (b, a)
    x1, y1, x2, y2 = ax + aw, ay + (ROW - 6) // 2, bx, by + (ROW - 6) // 2
    mid = (x1 + x2) / 2
    classes = " ".join(filter(None, ["edge", e.kind, "former" if e.former else "current", e.role]))
    label = (f'<text class="edge-label" x="{x2 - 6}" y="{y2 - 4}" text-anchor="end">{escape(e.label)}</text>'
             if e.label else "")
    info = _info(e)
    return (f'<g class="{classes}" data-label="{escape(e.label)}" data-info="{escape(info)}">'
            f"<title>{escape(e.label)}{escape(' — ' + info if info else '')}</title>"
            f'<path d="M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}" fill="none"/>{label}</g>')


def svg(p: Picture) -> str:
    pos, headings, width, height = layout(p)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">']
    parts += [f'<text class="heading" x="{hx}" y="{hy}">{escape(text)}</text>' for text, hx, hy in headings]
    edges = merged(p.edges)
    parts += [_edge(e, pos[e.source], pos[e.target]) for e in edges if e.source in pos and e.target in pos]
    first_info: dict[str, str] = {}
    leaders: set[str] = set()
    for e in edges:
        for end in (e.source, e.target):
            first_info.setdefault(end, _info(e))
        if e.leader and not e.former:
            leaders.add(e.source if e.target == p.centre.id else e.target)
    cx, cy, cw = pos[p.centre.id]
    parts.append(_node(p.centre, cx, cy, cw, " centre", ""))
    for column in p.columns:
        for node in column.nodes:
            nx, ny, nw = pos[node.id]
            parts.append(_node(node, nx, ny, nw, " leader" if node.id in leaders else "", first_info.get(node.id, "")))
    parts.append("</svg>")
    return "".join(parts)
