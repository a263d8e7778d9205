"""What Neo4j Browser must show that its style file cannot: derived relationships and captions.

A .grass file colours by label and relationship type only, never by a property, and wraps a
caption only at spaces. So the graph gets, computed from the facts (nothing here is a new fact):

- `(:Person|Body|Post)-[:LEADS {id, role, doc, line, caption}]->(:Group)` for every MEMBER_OF whose
  role is a leading one (组长, 副组长, ... from ontology/vocabulary.json), and `MEMBER_OF.leading`
  true/false: pictures draw leaders as LEADS (red, heavy) and plain members as MEMBER_OF.
- `(:Person)-[:HELD {title, doc, line, until_doc}]->(:Body)` for every HOLDS whose `status` is
  `former`: pictures draw current posts as HOLDS (status 'current') and former ones as HELD (grey).
- `caption` on every node: its name (a task: number and title) cut into pieces of CAPTION_CHUNK
  characters joined by spaces, so Browser wraps a long Chinese name inside its circle instead of
  cutting it off; and on every relationship a Chinese caption (办公室设在, 下设于, 曾任…, 牵头…).

Why on the client: a caption, `leading` and a LEADS depend on their own row only, so `decorate`
adds them to the rows the load writes anyway (no second write of every node and relationship,
which was a quarter of a load). Only what spans documents is left for after the batches
(`after_load`): a HOLDS ended by a removal in another document (`status`, `until_doc`, caption)
and the HELD beside each former HOLDS. Those are few and found through the indexes on
HOLDS.status and HOLDS.event, so that pass does not grow with the graph. A replacing load deletes
a document's LEADS and HELD with its facts (load.PRUNE_RELS): the graph after any sequence of
loads is the one a whole-graph recomputation would give (tests/test_neo4j_derived.py checks it).
"""

from __future__ import annotations

from typing import Any

from govkg.ontology.vocabulary import vocabulary

CAPTION_CHUNK = 6

ROLE_WORDS = {"lead": "牵头", "responsible": "负责", "support": "配合"}
# the caption of every relationship of these types
CONSTANT_CAPTIONS = {"PART_OF": "下设于", "IN": "属于", "ISSUED_BY": "发文", "HAS_DUTY": "职责", "ANSWERED_BY": "答复单位"}
FORMER_MARK = "（已免）"
HELD_MARK = "曾任"

Rows = dict[str, list[dict[str, Any]]]


def caption(text: str | None) -> str | None:
    """text in pieces of CAPTION_CHUNK characters joined by spaces (Browser wraps at spaces)."""
    if text is None:
        return None
    return " ".join(text[i:i + CAPTION_CHUNK] for i in range(0, len(text), CAPTION_CHUNK))


def holds_caption(title: str | None, former: bool) -> str | None:
    return None if title is None else title + (FORMER_MARK if former else "")


def _relationship_caption(kind: str, p: dict[str, Any]) -> str | None:
    if kind in CONSTANT_CAPTIONS:
        return CONSTANT_CAPTIONS[kind]
    if kind == "HOLDS":
        return holds_caption(p.get("title"), p.get("status") == "former")
    if kind == "MEMBER_OF":
        return p.get("role")
    if kind == "HAS_OFFICE":
        return "办公室设在" + ("" if p.get("director") is None else f"（主任 {p['director']}）")
    if kind == "RESPONSIBLE_FOR":
        return ROLE_WORDS.get(p.get("role"))  # type: ignore[arg-type]
    return None


def _holds_status(p: dict[str, Any]) -> None:
    """A HOLDS as its own document says it: a removal is former, anything else current until
    after_load finds a removal of it in some document."""
    removed = p.get("event") == "remove"
    p["status"] = "former" if removed else "current"
    p["since_doc"] = None if removed else p["doc"]
    p["until_doc"] = p["doc"] if removed else None


def decorate(rows: Rows) -> Rows:
    """Add captions, HOLDS.status, MEMBER_OF.leading and the LEADS rows to a batch's rows
    (load.Planner.rows; statement names such as `Person`, `HOLDS`, `NEW:MEMBER_OF:Body`)."""
    leading = set(vocabulary()["group_roles"]["leading"])
    for name in list(rows):
        new = "NEW:" if name.startswith("NEW:") else ""
        kind, _, label = name[len(new):].partition(":")
        if kind in ("PRUNE", "IN_PLACE", "LEADS"):
            continue
        for row in rows[name]:
            if kind == "Task":
                row["props"]["caption"] = caption(f"{row['props']['number']}. {row['props'].get('title') or ''}")
            elif kind == "Document":
                row["props"]["caption"] = caption(row["number"])
            elif "name" in row:
                row["caption"] = caption(row["name"])
            elif "props" in row and "a" in row:
                p = row["props"]
                if kind == "HOLDS":
                    _holds_status(p)
                elif kind == "MEMBER_OF":
                    p["leading"] = None if p.get("role") is None else p["role"] in leading
                    if p["leading"]:
                        rows.setdefault(f"{new}LEADS:{label}", []).append({"id": row["id"], "a": row["a"], "b": row["b"], "props": {
                            "role": p["role"], "doc": p["doc"], "line": p["line"], "caption": p["role"]}})
                p["caption"] = _relationship_caption(kind, p)
    return rows


# After the batches, in this order: HOLDS that a removal no longer ends go back to current; those
# a removal ends (the `removed` flag of queries/body_posts: same person, body and title, the removal
# not earlier) become former; then HELD is rebuilt beside every former HOLDS.
REOPEN = """
MATCH ()-[h:HOLDS {status: 'former'}]->() WHERE coalesce(h.event, '') <> 'remove'
SET h.status = 'current', h.until_doc = null, h.caption = h.title
"""

# from the (few) removals to the posts they end: no per-post search of the whole graph
END = """
MATCH (p:Person)-[r:HOLDS {event: 'remove'}]->(b:Body)
MATCH (p)-[h:HOLDS]->(b)
  WHERE coalesce(h.event, '') <> 'remove' AND h.title = r.title AND (r.date IS NULL OR h.date IS NULL OR r.date >= h.date)
WITH h, r ORDER BY r.date, r.doc
WITH h, collect(r.doc) AS removers
SET h.status = 'former', h.until_doc = removers[0], h.caption = h.title + $former_mark
"""

CLEAR_HELD = "MATCH ()-[d:HELD]->() DELETE d"

HELD = """
MATCH (p:Person)-[h:HOLDS {status: 'former'}]->(b:Body) USING INDEX h:HOLDS(status)
CREATE (p)-[:HELD {id: h.id, title: h.title, event: h.event, doc: h.doc, line: h.line, date: h.date,
                   until_doc: h.until_doc, caption: $held_mark + h.title}]->(b)
"""


def after_load() -> list[tuple[str, dict]]:
    """(Cypher, parameters) to run, in order, after every batch of a load is written."""
    return [(REOPEN, {}), (END, {"former_mark": FORMER_MARK}), (CLEAR_HELD, {}), (HELD, {"held_mark": HELD_MARK})]
