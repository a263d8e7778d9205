"""One self-contained HTML page for a Picture: the SVG drawn on the server, a legend, a person's
timeline, and a few lines of inline script that show the document and line of what is clicked.

Nothing is loaded from anywhere: no link, no remote script, font or image, so the page opens the
same offline and makes no request. A Content-Security-Policy forbids any fetch to make that hold.
"""

from __future__ import annotations

from html import escape

from govkg.graph.picture import Picture
from govkg.graph.svg_layout import svg
from govkg.graph.timeline import timeline_svg

CSS = """
body { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 16px; color: #222; }
h1 { font-size: 20px; margin: 0 0 4px; } p.question { margin: 0 0 12px; color: #555; }
svg text { font-size: 14px; fill: #222; } svg text.heading { font-weight: bold; fill: #444; }
svg text.edge-label, svg text.doc, svg text.tick { font-size: 11px; fill: #666; }
.node rect { stroke: #888; stroke-width: 1; } .node.centre rect { stroke: #222; stroke-width: 2.5; }
.node.leader rect { stroke: #c0392b; stroke-width: 2.5; } .node.leader text { font-weight: bold; }
.node, .edge, .event { cursor: pointer; }
.edge path { stroke: #9aa5ad; stroke-width: 1.2; }
.edge.leader path { stroke: #c0392b; stroke-width: 3; }
.edge.post path { stroke: #2c7fb8; stroke-width: 2; }
.edge.office path { stroke: #8e44ad; stroke-width: 2; }
.edge.task.lead path { stroke: #d35400; stroke-width: 2.5; }
.edge.task.support path { stroke: #7fb3d5; stroke-dasharray: 2 3; }
.edge.former path { stroke: #b0b0b0; stroke-dasharray: 7 5; stroke-width: 1.5; }
.edge.former text { fill: #999; text-decoration: line-through; }
.post.current rect { fill: #2c7fb8; } .post.former rect { fill: #e0e0e0; stroke: #999; stroke-dasharray: 6 4; }
.post.former text { fill: #888; }
.event circle { fill: #fff; stroke: #333; stroke-width: 2; } .event.remove circle { fill: #999; }
.axis { stroke: #666; }
#legend { display: flex; flex-wrap: wrap; gap: 18px; margin: 8px 0 14px; font-size: 13px; }
#legend span.swatch { display: inline-block; width: 34px; height: 0; vertical-align: middle; margin-right: 6px;
                      border-top: 3px solid; }
#panel { position: fixed; right: 16px; top: 16px; max-width: 360px; background: #fffef5; border: 1px solid #bbb;
         padding: 8px 12px; font-size: 13px; box-shadow: 0 2px 6px rgba(0,0,0,.15); }
#panel:empty { display: none; }
section { margin-top: 24px; }
"""

LEGEND = [
    ("border-color:#c0392b", "领导（组长、副组长、正副职）"),
    ("border-color:#9aa5ad;border-top-width:1px", "成员"),
    ("border-color:#2c7fb8", "现任职务"),
    ("border-color:#b0b0b0;border-top-style:dashed", "曾任（已免去）"),
    ("border-color:#d35400", "牵头单位"),
    ("border-color:#9aa5ad;border-top-width:1px", "负责单位"),
    ("border-color:#7fb3d5;border-top-style:dotted", "配合单位"),
    ("border-color:#8e44ad", "办公室设在"),
]

SCRIPT = """
document.addEventListener('click', function (ev) {
  var g = ev.target.closest('[data-info]');
  var panel = document.getElementById('panel');
  if (!g) { panel.textContent = ''; return; }
  var name = g.getAttribute('data-name') || g.getAttribute('data-label') || '';
  var info = g.getAttribute('data-info') || '（无出处）';
  panel.textContent = '';
  var b = document.createElement('b'); b.textContent = name; panel.appendChild(b);
  panel.appendChild(document.createElement('br'));
  panel.appendChild(document.createTextNode('出处：' + info));
});
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def legend_html() -> str:
    items = "".join(f'<span class="item"><span class="swatch" style="{style}"></span>{escape(text)}</span>'
                    for style, text in LEGEND)
    return f'<div id="legend">{items}</div>'


def page(p: Picture, network: bool = True) -> str:
    """The whole HTML document; a person's page carries the timeline of their posts below the network."""
    timeline = (f'<section id="timeline">{timeline_svg(p.centre.label, p.posts)}</section>'
                if p.kind == "person" and p.posts else "")
    drawing = f'<section id="network">{svg(p)}</section>' if network else ""
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f"<title>{escape(p.centre.label)} — govkg</title><style>{CSS}</style></head><body>"
            f'<h1 id="centre-name">{escape(p.centre.label)}</h1><p class="question">{escape(p.question)}'
            f"（点击任一名称或连线查看文件与行号）</p>{legend_html()}"
            f'{drawing}{timeline}<div id="panel"></div>'
            f"<script>{SCRIPT}</script></body></html>")


def timeline_page(p: Picture) -> str:
    """A person's page with the timeline only (`govkg view PERSON --timeline`)."""
    return page(p, network=False)
