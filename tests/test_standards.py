"""W3C ORG / SKOS / PROV in the data itself (no reasoner needed), @zh on Chinese text, the ontology
in its own named graph, and shapes that catch what the last review found."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from pyoxigraph import Store

from govkg.graph.store import open_store
from govkg.queries.sparql import prefix_header


@pytest.fixture(scope="module")
def store(sample_store: Path) -> Store:
    return open_store(sample_store)


@pytest.fixture(scope="module")
def facts(sample_facts_file: Path) -> list[dict]:
    return [json.loads(line) for line in sample_facts_file.read_text("utf-8").splitlines()]


def select(store: Store, text: str) -> list[dict]:
    result = store.query(prefix_header() + text)
    names = [v.value for v in result.variables]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]


def test_a_standard_org_query_returns_every_membership(store: Store, facts: list[dict]) -> None:
    rows = select(store, """SELECT ?m ?member ?group ?role WHERE {
        ?m a org:Membership ; org:member/skos:prefLabel ?member ; org:organization/skos:prefLabel ?group ;
           org:role/skos:prefLabel ?role }""")
    expected = {(f["member"], f["group"], f["role"]) for f in facts if f["kind"] == "member"}
    assert len(rows) == sum(f["kind"] == "member" for f in facts), "one org:Membership per membership fact"
    assert {(r["member"], r["group"], r["role"]) for r in rows} == expected


def test_roles_and_titles_are_skos_concepts_with_chinese_labels(store: Store) -> None:
    rows = select(store, """SELECT ?c ?label ?scheme WHERE { ?c a skos:Concept ; skos:prefLabel ?label ; skos:inScheme ?scheme .
        ?scheme a skos:ConceptScheme . FILTER(lang(?label) = "zh") }""")
    labels = {r["label"] for r in rows}
    assert {"组长", "成员", "局长"} <= labels, f"roles and titles as concepts, got {sorted(labels)[:10]}"
    assert len({r["scheme"] for r in rows}) == 2, "one scheme for group roles, one for post titles"


def test_posts_are_org_posts_in_their_body_held_by_their_holders(store: Store, facts: list[dict]) -> None:
    posts = select(store, "SELECT ?post ?body ?title WHERE { ?post a org:Post ; org:postIn/skos:prefLabel ?body ; org:role/skos:prefLabel ?title }")
    assert {(r["body"], r["title"]) for r in posts} == {(f["body"], f["title"]) for f in facts if f["kind"] == "post"}
    held = select(store, """SELECT ?person ?body ?title WHERE { ?post org:heldBy ?p ; org:postIn/skos:prefLabel ?body ;
        org:role/skos:prefLabel ?title . ?p skos:prefLabel ?person ; org:holds ?post }""")
    removed = {(f["person"], f["body"], f["title"]) for f in facts if f["kind"] == "post" and f["event"] == "remove"}
    current = {(f["person"], f["body"], f["title"]) for f in facts if f["kind"] == "post" and f["event"] != "remove"} - removed
    assert {(r["person"], r["body"], r["title"]) for r in held} == current, "held by = appointed or holding, not removed"


def test_heads_and_sub_groups(store: Store, facts: list[dict]) -> None:
    heads = select(store, "SELECT ?person ?org WHERE { ?p org:headOf/skos:prefLabel ?org ; skos:prefLabel ?person }")
    assert ("侯永强", "区工信和科技局") in {(r["person"], r["org"]) for r in heads}, "a 局长 heads his 局"
    group_heads = {(f["member"], f["group"]) for f in facts if f["kind"] == "member" and f["role"] == "组长"
                   and f["member_type"] == "person"}
    assert group_heads <= {(r["person"], r["org"]) for r in heads}, "a 组长 heads the group"
    subs = select(store, "SELECT ?sub ?parent WHERE { ?s org:subOrganizationOf/skos:prefLabel ?parent ; skos:prefLabel ?sub }")
    assert {(r["sub"], r["parent"]) for r in subs} == {(f["group"], f["parent"]) for f in facts
                                                       if f["kind"] == "member" and f.get("parent")}


def test_every_relation_node_is_derived_from_its_document(store: Store) -> None:
    missing = select(store, """SELECT ?n WHERE { ?n a prov:Entity . FILTER NOT EXISTS { ?n prov:wasDerivedFrom ?d }
        FILTER NOT EXISTS { ?n a gk:Document } FILTER NOT EXISTS { ?n a gk:Task } }""")
    assert not missing, f"{len(missing)} relation nodes without prov:wasDerivedFrom"


def test_chinese_text_is_tagged_zh(store: Store) -> None:
    rows = select(store, 'SELECT ?l (lang(?l) AS ?lang) WHERE { ?p a foaf:Person ; skos:prefLabel ?l }')
    assert rows and all(r["lang"] == "zh" for r in rows), "every person's name is @zh"
    codes = select(store, 'SELECT DISTINCT ?e WHERE { ?o gk:event ?e FILTER(lang(?e) != "") }')
    assert not codes, "codes such as appoint/remove stay untagged"


def test_the_ontology_is_queryable_in_its_own_graph(store: Store) -> None:
    rows = select(store, """SELECT ?super WHERE { GRAPH <https://w3id.org/govkg/ontology> { gk:GroupMembership rdfs:subClassOf ?super } }""")
    assert {"http://www.w3.org/ns/org#Membership"} <= {r["super"] for r in rows}
    default = select(store, "SELECT ?c WHERE { gk:GroupMembership rdfs:subClassOf ?c }")
    assert not default, "the ontology stays out of the default graph"


# -- shapes ------------------------------------------------------------------------------------
def _conforms(data_ttl: str) -> tuple[bool, str]:
    from pyshacl import validate
    from rdflib import Graph
    shapes = Graph().parse(data=resources.files("govkg.ontology").joinpath("shapes.ttl").read_text("utf-8"), format="turtle")
    conforms, _, report = validate(Graph().parse(data=data_ttl, format="turtle"), shacl_graph=shapes)
    return conforms, report


PREFIXES = """@prefix gk: <https://w3id.org/govkg/ontology#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix : <urn:x:> .
:d a gk:Document ; gk:docNumber "离政发〔2024〕1号" ; skos:prefLabel "离政发〔2024〕1号"@zh .
:g a gk:LeadingGroup , org:Organization ; skos:prefLabel "某领导小组"@zh ; gk:place "某市某区"@zh .
:p a foaf:Person ; skos:prefLabel "张三"@zh ; gk:place "某市某区"@zh .
:r a skos:Concept ; skos:prefLabel "组长"@zh ; skos:inScheme :s . :s a skos:ConceptScheme .
"""
MEMBERSHIP = """:m a gk:GroupMembership , org:Membership ; prov:wasDerivedFrom :d ; gk:line 3 ; gk:group :g ; gk:member :p ;
   gk:memberType "person" ; gk:role "组长"@zh ; org:member :p ; org:organization :g ; org:role :r ."""


def test_shapes_accept_a_well_formed_membership() -> None:
    conforms, report = _conforms(PREFIXES + MEMBERSHIP)
    assert conforms, report[:2000]


def test_shapes_refuse_an_entity_without_its_place() -> None:
    conforms, report = _conforms(PREFIXES.replace(':p a foaf:Person ; skos:prefLabel "张三"@zh ; gk:place "某市某区"@zh .',
                                                  ':p a foaf:Person ; skos:prefLabel "张三"@zh .') + MEMBERSHIP)
    assert not conforms and "place" in report, "a person's place is part of who they are (\"\" when unread)"


def test_shapes_refuse_an_entity_typed_twice() -> None:
    conforms, report = _conforms(PREFIXES + MEMBERSHIP + ":p a gk:Body .")
    assert not conforms and "typed as two" in report


def test_shapes_refuse_a_stray_property_on_a_fact_node() -> None:
    conforms, report = _conforms(PREFIXES + MEMBERSHIP + ':m gk:title "局长"@zh .')
    assert not conforms and "Closed" in report, "fact nodes carry their mapping.json fields and nothing else"


def test_shapes_refuse_a_member_that_is_not_a_person_body_or_post() -> None:
    conforms, report = _conforms(PREFIXES + MEMBERSHIP.replace("gk:member :p", "gk:member :d"))
    assert not conforms, "a document cannot sit on a group"


def test_every_body_and_group_is_an_org_organization(store: Store) -> None:
    untyped = select(store, """SELECT ?e WHERE { { ?e a gk:Body FILTER NOT EXISTS { ?e a org:FormalOrganization , org:Organization } }
        UNION { ?e a gk:LeadingGroup FILTER NOT EXISTS { ?e a org:Organization } } }""")
    assert not untyped, f"{len(untyped)} bodies or groups lack their W3C ORG class"
