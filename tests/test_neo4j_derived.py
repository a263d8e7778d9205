"""The derived part of the Neo4j graph (graph/neo4j/derived.py) that Browser pictures rely on:
LEADS for leading roles, HELD for former posts, captions that wrap and are Chinese."""

from __future__ import annotations

import difflib
import json
import re
from typing import Iterator

import pytest

from govkg.graph.neo4j.load import load_facts, wipe
from govkg.ontology.facts import DocumentFact, MemberFact, PostFact
from govkg.ontology.vocabulary import is_leading_group_role, vocabulary
from tests.test_neo4j import loaded, neo4j_settings, sample_facts  # noqa: F401  (fixtures)

pytestmark = pytest.mark.neo4j


def _one(loaded: dict, cypher: str) -> object:  # noqa: F811
    with loaded["driver"].session(database=loaded["database"]) as session:
        return session.run(cypher).single()[0]


def test_every_leading_role_is_a_leads_relationship(loaded: dict, sample_facts) -> None:  # noqa: F811
    facts, _ = sample_facts
    leading = {(f.member, f.group, f.role, f.line) for f in facts if isinstance(f, MemberFact)
               and is_leading_group_role(f.role)}
    assert leading, "the sample gazette has 组长/副组长 roles"
    assert _one(loaded, "MATCH ()-[r:LEADS]->() RETURN count(r)") == _one(
        loaded, "MATCH ()-[r:MEMBER_OF {leading: true}]->() RETURN count(r)") > 0
    assert _one(loaded, "MATCH ()-[r:MEMBER_OF {leading: true}]->() WHERE r.role = '成员' RETURN count(r)") == 0, \
        "a plain 成员 never LEADS"


def test_former_posts_and_only_they_are_held(loaded: dict) -> None:  # noqa: F811
    held = _one(loaded, "MATCH ()-[r:HELD]->() RETURN count(r)")
    former = _one(loaded, "MATCH ()-[r:HOLDS {status: 'former'}]->() RETURN count(r)")
    assert held == former > 0, f"one HELD per former HOLDS: {held} vs {former}"
    ren = _one(loaded, "MATCH (:Person {name: '任凯旋'})-[r:HELD]->(b:Body) RETURN collect(b.name + r.title)")
    assert ren == ["区综合检验检测中心副主任"], f"任凯旋 was removed as 副主任 of 区综合检验检测中心: {ren}"


def test_captions_keep_the_whole_name_and_are_chinese(loaded: dict) -> None:  # noqa: F811
    bad = _one(loaded, "MATCH (n) WHERE n.name IS NOT NULL AND replace(n.caption, ' ', '') <> replace(n.name, ' ', '') "
                       "RETURN count(n)")
    assert bad == 0, "every node's caption is its whole name, cut into pieces"
    task = _one(loaded, "MATCH (t:Task {number: '26', doc: '离政发〔2024〕30号'}) RETURN t.caption")
    assert task.replace(" ", "") == "26.加快重点行业污染深度治理", task
    captions = _one(loaded, "MATCH ()-[r:HAS_OFFICE|PART_OF|IN|RESPONSIBLE_FOR]->() RETURN collect(DISTINCT r.caption)")
    assert captions and all(re.search(r"[\u4e00-\u9fff]", c) for c in captions), captions


# The derived part as a whole-graph recomputation (what the loader did after every load before it
# wrote captions and LEADS with the rows): the loader's incremental result must equal it.
RECOMPUTE = [
    """MATCH ()-[h:HOLDS]->()
SET h.status = CASE WHEN h.event = 'remove' THEN 'former' ELSE 'current' END,
    h.since_doc = CASE WHEN h.event = 'remove' THEN null ELSE h.doc END,
    h.until_doc = CASE WHEN h.event = 'remove' THEN h.doc ELSE null END""",
    """MATCH (p:Person)-[r:HOLDS {event: 'remove'}]->(b:Body)
MATCH (p)-[h:HOLDS]->(b)
  WHERE coalesce(h.event, '') <> 'remove' AND h.title = r.title AND (r.date IS NULL OR h.date IS NULL OR r.date >= h.date)
WITH h, r ORDER BY r.date, r.doc
WITH h, collect(r.doc) AS removers
SET h.status = 'former', h.until_doc = removers[0]""",
    "MATCH ()-[d:LEADS|HELD]->() DELETE d",
    """MATCH (m)-[mo:MEMBER_OF]->(g:Group)
SET mo.leading = mo.role IN $leading_roles
WITH m, mo, g WHERE mo.leading
CREATE (m)-[:LEADS {id: mo.id, role: mo.role, doc: mo.doc, line: mo.line, caption: mo.role}]->(g)""",
    """MATCH (p:Person)-[h:HOLDS {status: 'former'}]->(b:Body)
CREATE (p)-[:HELD {id: h.id, title: h.title, event: h.event, doc: h.doc, line: h.line, date: h.date,
                   until_doc: h.until_doc, caption: '曾任' + h.title}]->(b)""",
    """MATCH (n) WHERE n.name IS NOT NULL OR n:Task OR n:Document
WITH n, CASE WHEN n:Task THEN n.number + '. ' + coalesce(n.title, '')
             WHEN n:Document THEN n.number ELSE n.name END AS text
WITH n, [i IN range(0, size(text) - 1, 6) | substring(text, i, 6)] AS pieces
SET n.caption = reduce(s = '', x IN pieces | s + CASE WHEN s = '' THEN '' ELSE ' ' END + x)""",
    """MATCH ()-[r:HOLDS|MEMBER_OF|HAS_OFFICE|PART_OF|RESPONSIBLE_FOR|IN|ISSUED_BY|HAS_DUTY|ANSWERED_BY]->()
SET r.caption = CASE type(r)
  WHEN 'HOLDS' THEN r.title + CASE WHEN r.status = 'former' THEN '（已免）' ELSE '' END
  WHEN 'MEMBER_OF' THEN r.role
  WHEN 'HAS_OFFICE' THEN '办公室设在' + CASE WHEN r.director IS NULL THEN '' ELSE '（主任 ' + r.director + '）' END
  WHEN 'PART_OF' THEN '下设于'
  WHEN 'RESPONSIBLE_FOR' THEN {lead: '牵头', responsible: '负责', support: '配合'}[r.role]
  WHEN 'IN' THEN '属于'
  WHEN 'ISSUED_BY' THEN '发文'
  WHEN 'HAS_DUTY' THEN '职责'
  WHEN 'ANSWERED_BY' THEN '答复单位'
END""",
]


def _dump(tx) -> tuple[list[str], list[str]]:
    """Every node and relationship with all its properties, canonical (sorted) text."""
    def text(*parts: object) -> str:
        return json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    nodes = sorted(text(sorted(r["l"]), r["p"]) for r in tx.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p"))
    rels = sorted(text(r["t"], r["a"], r["b"], r["p"]) for r in tx.run(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p"))
    return nodes, rels


def _recomputed_differences(driver, database: str) -> list[str]:
    """What a whole-graph recomputation of the derived part would change (rolled back)."""
    leading = sorted(vocabulary()["group_roles"]["leading"])
    with driver.session(database=database) as session:
        tx = session.begin_transaction()
        try:
            before = _dump(tx)
            for cypher in RECOMPUTE:
                tx.run(cypher, leading_roles=leading).consume()
            after = _dump(tx)
        finally:
            tx.rollback()
    return [f"{part}: {line}" for part, (a, b) in zip(("node", "relationship"), zip(before, after))
            for line in difflib.unified_diff(a, b, lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")][:10]


def test_the_derived_part_equals_a_recomputation_over_the_whole_graph(loaded: dict) -> None:  # noqa: F811
    diff = _recomputed_differences(loaded["driver"], loaded["database"])
    assert diff == [], f"captions, LEADS, HELD and HOLDS.status written with the rows should equal a whole-graph recomputation: {diff}"


A1, A2 = "甲发〔2024〕1号", "甲发〔2024〕2号"
APPOINTED = [DocumentFact(doc=A1, line=1, title="任命", issuer="某区人民政府", date="2024-01-05"),
             PostFact(doc=A1, line=2, person="张三", body="某区财政局", title="局长", event="appoint")]
REMOVED = [DocumentFact(doc=A2, line=1, title="免职", issuer="某区人民政府", date="2024-03-01"),
           PostFact(doc=A2, line=2, person="张三", body="某区财政局", title="局长", event="remove")]


@pytest.fixture()
def own_graph(loaded: dict, sample_facts) -> Iterator[dict]:  # noqa: F811
    """The database to oneself; afterwards it holds the sample again, as the other tests expect."""
    yield loaded
    wipe(loaded["driver"], loaded["database"])
    load_facts(loaded["driver"], *sample_facts, database=loaded["database"])


def test_a_removal_in_a_later_document_ends_the_post_and_reloading_without_it_reopens_it(own_graph: dict) -> None:
    driver, db = own_graph["driver"], own_graph["database"]
    wipe(driver, db)
    load_facts(driver, APPOINTED + REMOVED, database=db)
    status = "MATCH (:Person)-[h:HOLDS {doc: $doc}]->() RETURN h.status + '/' + coalesce(h.until_doc, '') + '/' + h.caption"
    with driver.session(database=db) as s:
        assert s.run(status, doc=A1).single()[0] == f"former/{A2}/局长（已免）", "a later removal ends the post"
    assert _recomputed_differences(driver, db) == []
    load_facts(driver, REMOVED[:1], database=db)  # the second document again, without the removal
    with driver.session(database=db) as s:
        assert s.run(status, doc=A1).single()[0] == "current//局长", "without its removal the post is current again"
        assert s.run("MATCH ()-[r:HELD]->() RETURN count(r)").single()[0] == 0, "no HELD without a former post"
    assert _recomputed_differences(driver, db) == []


@pytest.mark.parametrize("fewer", [APPOINTED + REMOVED[:1], APPOINTED[:1] + REMOVED[:1]],
                         ids=["without-the-removal", "without-any-post"])
def test_a_replacing_load_gives_the_graph_of_a_fresh_load(own_graph: dict, fewer: list) -> None:
    """Both documents reloaded with fewer facts leave what loading them that way first would (a
    post no removal ends is current, without HELD; a person left without any post goes)."""
    driver, db = own_graph["driver"], own_graph["database"]
    wipe(driver, db)
    load_facts(driver, APPOINTED + REMOVED, database=db)
    load_facts(driver, fewer, database=db)
    with driver.session(database=db) as s:
        replaced = s.execute_read(_dump)
    wipe(driver, db)
    load_facts(driver, fewer, database=db)
    with driver.session(database=db) as s:
        fresh = s.execute_read(_dump)
    assert replaced == fresh, "a replacing load should leave the graph a fresh load of the same facts gives"
