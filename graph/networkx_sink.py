"""Facts -> a networkx MultiDiGraph with exactly Neo4j's nodes and relationships, for analytics
and the GEXF / GraphML exports (Gephi, yEd, Cytoscape).

Why the Neo4j planner: the graph is built from the very rows `govkg load neo4j` MERGEs
(graph/neo4j/load.py, Planner), so both have the same nodes, relationship types and properties by
construction, not by a second hand-written mapping that drifts. Each node's `label` is its human
name (Gephi shows it), `kind` its Neo4j label; each edge's `label` its relationship type.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import networkx as nx

from govkg.graph.neo4j.load import NAMED, RELATIONSHIPS, Planner
from govkg.ontology.facts import FactBase
from govkg.ontology.vocabulary import vocabulary

NODE_KINDS = ("Document", "Place", *NAMED, "Task", "Duty", "Reply")
EDGE_ENDS = {**{name: (a, b) for name, _, a, b in RELATIONSHIPS},  # the loader's own list of fact relationships
             "IN_PLACE:Place": ("Place", "Place"), **{f"IN_PLACE:{label}": (label, "Place") for label in NAMED}}


def _value(v: Any) -> Any:
    """GraphML/GEXF hold scalars: lists joined with 、, dates as ISO text; ints and bools kept."""
    if isinstance(v, list):
        return "、".join(map(str, v))
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v if isinstance(v, (bool, int)) else str(v)


def _props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _value(v) for k, v in props.items() if v is not None}


def _holds_status(rows: list[dict[str, Any]]) -> None:
    """status / since_doc / until_doc on each HOLDS row, as graph/neo4j/load.py (STATUS) computes them after a
    load: `former` when a removal or when a removal of the same person, body and title stands in a
    document not earlier than it."""
    removals: dict[tuple, list[dict[str, Any]]] = {}
    for r in rows:
        if r["props"].get("event") == "remove":
            removals.setdefault((r["a"], r["b"], r["props"].get("title")), []).append(r["props"])
    for r in rows:
        h = r["props"]
        removers = sorted((x for x in removals.get((r["a"], r["b"], h.get("title")), [])
                           if x.get("date") is None or h.get("date") is None or str(x["date"]) >= str(h["date"])),
                          key=lambda x: (str(x.get("date") or ""), x["doc"]))
        removed = h.get("event") == "remove"
        h["status"] = "former" if removed or removers else "current"
        h["since_doc"] = None if removed else h["doc"]
        h["until_doc"] = h["doc"] if removed else (removers[0]["doc"] if removers else None)


def facts_to_networkx(facts: list[FactBase], aliases: Any = None) -> nx.MultiDiGraph:
    rows = Planner(facts, aliases).rows(facts)
    _holds_status(rows.get("HOLDS", []))
    g = nx.MultiDiGraph()
    for kind in NODE_KINDS:
        for r in rows.get(kind, []):
            props = _props(r.get("props", {}))
            name = r.get("name") or r.get("number") or props.get("title") or props.get("text") or props.get("proposal") or r["id"]
            extra = {"name": r["name"]} if "name" in r else {"number": r["number"]} if "number" in r else {}
            if r.get("aliases"):
                extra["aliases"] = _value(r["aliases"])
            g.add_node(f"{kind}:{r['id']}", label=str(name), kind=kind, **extra, **props)
            if "document" in r:
                g.add_edge(f"{kind}:{r['id']}", f"Document:{r['document']}", key=f"IN:{r['id']}", label="IN")
    for name, (a, b) in EDGE_ENDS.items():
        for r in rows.get(name, []):
            key = r.get("id", f"{name}:{r['a']}")  # an entity is IN_PLACE once: its id keys the edge
            g.add_edge(f"{a}:{r['a']}", f"{b}:{r['b']}", key=key, label=name.split(":")[0], **_props(r.get("props", {})))
    _derived(g)
    return g


def _derived(g: nx.MultiDiGraph) -> None:
    """LEADS and HELD as graph/neo4j/derived.py adds them in Neo4j (the same graph in every sink):
    a LEADS beside each MEMBER_OF with a leading role, a HELD beside each former HOLDS."""
    leading = set(vocabulary()["group_roles"]["leading"])
    for a, b, key, d in list(g.edges(keys=True, data=True)):
        if d["label"] == "MEMBER_OF":
            d["leading"] = d.get("role") in leading
            if d["leading"]:
                g.add_edge(a, b, key=f"LEADS:{key}", label="LEADS", role=d["role"], doc=d["doc"], line=d["line"])
        elif d["label"] == "HOLDS" and d.get("status") == "former":
            extra = {k: d[k] for k in ("event", "date", "until_doc") if k in d}
            g.add_edge(a, b, key=f"HELD:{key}", label="HELD", title=d["title"], doc=d["doc"], line=d["line"], **extra)


def graphml(g: nx.MultiDiGraph) -> bytes:
    """GraphML in UTF-8 (Chinese as characters, not &#...; entities)."""
    buf = io.BytesIO()
    nx.write_graphml_xml(g, buf, encoding="utf-8", named_key_ids=True, edge_id_from_attribute=None)
    return buf.getvalue()


def gexf(g: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8")
    return buf.getvalue()
