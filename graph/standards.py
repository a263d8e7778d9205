"""The W3C ORG / SKOS / PROV terms materialised beside govkg's own, and @zh on Chinese text.

The ontology declares gk:GroupMembership a sub-class of org:Membership, but pyoxigraph does no
reasoning: a researcher's `?m a org:Membership` would find nothing. So the standard terms are
written into the data itself, from the same facts:

- a membership: `org:Membership` with `org:member`, `org:organization`, `org:role` (a skos:Concept
  of the role scheme, `skos:prefLabel "组长"@zh`); the member `org:hasMembership` it;
- a post occupancy: an `org:Post` (one per body and title) `org:postIn` the body with `org:role`
  (a concept of the title scheme); `org:heldBy` / `org:holds` for appointments and holdings not
  removed by a later fact of the same person, body and title; `org:headOf` when the title heads
  its body (正职 in vocabulary.json) or the role heads its group (组长, 总指挥 ...);
- a sub-group `org:subOrganizationOf` its parent group; bodies `org:FormalOrganization` (and
  `org:Organization`), groups `org:Organization`, post descriptions `org:Post` (ORG_TYPES), documents
  `prov:Entity` + `foaf:Document`, relation nodes `prov:Entity`.

Time and provenance stay on govkg's n-ary nodes (prov:wasDerivedFrom + gk:line): the ORG view is
a convenience for standard queries, not a second truth.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterable

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from govkg.graph.mapping import expand, stable_id
from govkg.loaders.places import Places
from govkg.ontology.facts import FactBase, MemberFact, PostFact
from govkg.ontology.vocabulary import is_leading_group_role, title_rank

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ONTOLOGY_GRAPH = NamedNode("https://w3id.org/govkg/ontology")
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
# the standard classes each govkg entity kind refines (govkg.ttl), written beside govkg's own type
ORG_TYPES: dict[str, tuple[str, ...]] = {"Body": ("org:FormalOrganization", "org:Organization"),
                                         "Group": ("org:Organization",), "Post": ("org:Post",)}
SCHEMES = {"role": "group roles (组长, 成员 ...)", "title": "post titles (局长, 副区长 ...)"}


@lru_cache(maxsize=None)  # node terms are immutable: one per CURIE serves every quad
def n(curie: str) -> NamedNode:
    return NamedNode(expand(curie))


def text_literal(text: str) -> Literal:
    """Chinese text carries @zh; codes and numbers (appoint, 26) stay plain strings."""
    return Literal(text, language="zh") if CJK.search(text) else Literal(text)


def scheme_iri(kind: str) -> NamedNode:
    return NamedNode(f"{expand('id:')}scheme/{kind}")


def concept_iri(kind: str, label: str) -> NamedNode:
    return NamedNode(f"{expand('id:')}concept/{kind}/{stable_id(kind, label)}")


def org_post_iri(body: str, title: str, place: str = "") -> NamedNode:
    """One org:Post per seat: a body (of a place) and a title."""
    parts = ("OrgPost", place, body, title) if place else ("OrgPost", body, title)
    return NamedNode(f"{expand('id:')}orgpost/{stable_id(*parts)}")


def is_group_head_role(role: str) -> bool:
    """组长, 总指挥, 指挥长, 召集人, 主任, 专班长: a leading role that is no deputy's."""
    return is_leading_group_role(role) and "副" not in role


class OrgWriter:
    """Adds the standard terms for facts whose govkg node and entity IRIs are already known."""

    def __init__(self, add, entity, place_of=lambda kind, name: "") -> None:
        self.add, self.entity, self.place_of = add, entity, place_of
        self._seen: set[str] = set()

    def _once(self, key: str) -> bool:
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def concept(self, kind: str, label: str) -> NamedNode:
        iri = concept_iri(kind, label)
        if self._once(iri.value):
            scheme = scheme_iri(kind)
            if self._once(scheme.value):
                self.add(scheme, RDF_TYPE, n("skos:ConceptScheme"))
                self.add(scheme, n("skos:prefLabel"), Literal(SCHEMES[kind], language="en"))
            self.add(iri, RDF_TYPE, n("skos:Concept"))
            self.add(iri, n("skos:prefLabel"), text_literal(label))
            self.add(iri, n("skos:inScheme"), scheme)
        return iri

    def membership(self, node: NamedNode, f: MemberFact, member_kind: str) -> None:
        group, member = self.entity("Group", f.group), self.entity(member_kind, f.member)
        self.add(node, RDF_TYPE, n("org:Membership"))
        self.add(node, n("org:organization"), group)
        self.add(node, n("org:member"), member)
        self.add(node, n("org:role"), self.concept("role", f.role))
        self.add(member, n("org:hasMembership"), node)
        if f.parent:
            parent = self.entity("Group", f.parent)
            if self._once(f"sub {group.value} {parent.value}"):
                self.add(group, n("org:subOrganizationOf"), parent)
                self.add(parent, n("org:hasSubOrganization"), group)
        if member_kind == "Person" and is_group_head_role(f.role) and self._once(f"head {member.value} {group.value}"):
            self.add(member, n("org:headOf"), group)

    def occupancy(self, f: PostFact, removed: bool) -> None:
        person, body = self.entity("Person", f.person), self.entity("Body", f.body)
        post = org_post_iri(f.body, f.title, self.place_of("Body", f.body))
        if self._once(post.value):
            self.add(post, RDF_TYPE, n("org:Post"))
            self.add(post, n("skos:prefLabel"), text_literal(f.body + f.title))
            self.add(post, n("org:postIn"), body)
            self.add(body, n("org:hasPost"), post)
            self.add(post, n("org:role"), self.concept("title", f.title))
        if f.event == "remove" or removed:
            return
        if self._once(f"held {post.value} {person.value}"):
            self.add(post, n("org:heldBy"), person)
            self.add(person, n("org:holds"), post)
        if title_rank(f.title) == "正职" and self._once(f"head {person.value} {body.value}"):
            self.add(person, n("org:headOf"), body)


def seat_of(f: PostFact, places: Places) -> tuple[str, str, str, str, str]:
    """(person's place, person, body's place, body, title): who holds which seat, places included."""
    return seat(places, f.doc, f.person, f.body, f.title)


def seat(places: Places, doc: str, person: str, body: str, title: str) -> tuple[str, str, str, str, str]:
    """seat_of for a post named by its parts (a store's corpus state keeps posts as tuples)."""
    return places.person(doc, person), person, places.body(doc, body), body, title


def removed_posts(facts: Iterable[FactBase], places: Places) -> set[tuple[str, str, str, str, str]]:
    """The seats (seat_of) of every removal: such a post is no longer org:heldBy the person."""
    return {seat_of(f, places) for f in facts if isinstance(f, PostFact) and f.event == "remove"}


@lru_cache(maxsize=1)
def ontology_quads() -> tuple[Quad, ...]:
    """ontology/govkg.ttl in its own named graph, so class and property labels are queryable
    (GRAPH <https://w3id.org/govkg/ontology> { ... }) without mixing into the data."""
    data = resources.files("govkg.ontology").joinpath("govkg.ttl").read_bytes()
    return tuple(Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH) for t in parse(data, format=RdfFormat.TURTLE))
