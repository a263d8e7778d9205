"""The derived part of the Neo4j graph (graph/neo4j_derived.py) that Browser pictures rely on:
LEADS for leading roles, HELD for former posts, captions that wrap and are Chinese."""

from __future__ import annotations

import re

import pytest

from govkg.ontology.facts import MemberFact
from govkg.ontology.vocabulary import is_leading_group_role
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
