"""What Neo4j Browser must show that its style file cannot: derived relationships and captions.

A .grass file colours by label and relationship type only, never by a property, and wraps a
caption only at spaces. So after every load the graph gets, computed from the facts already in it
(nothing here is a new fact; all of it is rebuilt from scratch, so reloads stay idempotent):

- `(:Person|Body|Post)-[:LEADS {role, doc, line}]->(:Group)` for every MEMBER_OF whose role is a
  leading one (组长, 副组长, ... from ontology/vocabulary.json), and `MEMBER_OF.leading` true/false:
  pictures draw leaders as LEADS (red, heavy) and plain members as MEMBER_OF.
- `(:Person)-[:HELD {title, doc, line, until_doc}]->(:Body)` for every HOLDS whose `status` is
  `former`: pictures draw current posts as HOLDS (status 'current') and former ones as HELD (grey).
- `caption` on every node: its name (a task: number and title) cut into pieces of CAPTION_CHUNK
  characters joined by spaces, so Browser wraps a long Chinese name inside its circle instead of
  cutting it off; and on every relationship a Chinese caption (办公室设在, 下设于, 曾任…, 牵头…).
"""

from __future__ import annotations

from govkg.ontology.vocabulary import vocabulary

CAPTION_CHUNK = 6

CLEAR = "MATCH ()-[d:LEADS|HELD]->() DELETE d"

LEADS = """
MATCH (m)-[mo:MEMBER_OF]->(g:Group)
SET mo.leading = mo.role IN $leading_roles
WITH m, mo, g WHERE mo.leading
CREATE (m)-[:LEADS {id: mo.id, role: mo.role, doc: mo.doc, line: mo.line, caption: mo.role}]->(g)
"""

HELD = """
MATCH (p:Person)-[h:HOLDS {status: 'former'}]->(b:Body)
CREATE (p)-[:HELD {id: h.id, title: h.title, event: h.event, doc: h.doc, line: h.line, date: h.date,
                   until_doc: h.until_doc, caption: '曾任' + h.title}]->(b)
"""

NODE_CAPTIONS = """
MATCH (n) WHERE n.name IS NOT NULL OR n:Task OR n:Document
WITH n, CASE WHEN n:Task THEN n.number + '. ' + coalesce(n.title, '')
             WHEN n:Document THEN n.number ELSE n.name END AS text
WITH n, [i IN range(0, size(text) - 1, $chunk) | substring(text, i, $chunk)] AS pieces
SET n.caption = reduce(s = '', x IN pieces | s + CASE WHEN s = '' THEN '' ELSE ' ' END + x)
"""

REL_CAPTIONS = """
MATCH ()-[r:HOLDS|MEMBER_OF|HAS_OFFICE|PART_OF|RESPONSIBLE_FOR|IN|ISSUED_BY|HAS_DUTY|ANSWERED_BY]->()
SET r.caption = CASE type(r)
  WHEN 'HOLDS' THEN r.title + CASE WHEN r.status = 'former' THEN '（已免）' ELSE '' END
  WHEN 'MEMBER_OF' THEN r.role
  WHEN 'HAS_OFFICE' THEN '办公室设在' + CASE WHEN r.director IS NULL THEN '' ELSE '（主任 ' + r.director + '）' END
  WHEN 'PART_OF' THEN '下设于'
  WHEN 'RESPONSIBLE_FOR' THEN $role_words[r.role]
  WHEN 'IN' THEN '属于'
  WHEN 'ISSUED_BY' THEN '发文'
  WHEN 'HAS_DUTY' THEN '职责'
  WHEN 'ANSWERED_BY' THEN '答复单位'
END
"""

ROLE_WORDS = {"lead": "牵头", "responsible": "负责", "support": "配合"}


def statements() -> list[tuple[str, dict]]:
    """(Cypher, parameters) to run, in order, after the facts and HOLDS.status are written."""
    leading = sorted(vocabulary()["group_roles"]["leading"])
    return [(CLEAR, {}), (LEADS, {"leading_roles": leading}), (HELD, {}),
            (NODE_CAPTIONS, {"chunk": CAPTION_CHUNK}), (REL_CAPTIONS, {"role_words": ROLE_WORDS})]
