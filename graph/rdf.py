"""Facts -> RDF quads (pyoxigraph terms) following ontology/mapping.json, and back.

The facts export reads the store, not the extraction run, so `govkg export facts` shows exactly
what a SPARQL user sees.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

from govkg.graph.standards import ORG_TYPES, OrgWriter, n, removed_posts, seat_of, text_literal
from govkg.graph.mapping import entity_key, entity_type, expand, fact_key, mapping, place_key, task_key
from govkg.loaders.places import Places, parent_place
from govkg.loaders.resolve import AliasTable
from govkg.ontology.facts import DocumentFact, FactBase, MemberFact, PostFact, TaskFact, fact_from_json

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"


PREF, ALT = n("skos:prefLabel"), n("skos:altLabel")
DERIVED, LINE, DOC_NUMBER = n("prov:wasDerivedFrom"), n("gk:line"), n("gk:docNumber")
PAGE, OCR = n("gk:page"), n("gk:ocr")
TASK_NUMBER, IN_DOCUMENT, TITLE = n("gk:taskNumber"), n("gk:inDocument"), n("dcterms:title")
# an entity's jurisdiction: gk:inPlace, and dcterms:spatial beside it for standard queries (not
# org:subOrganizationOf: that is the group hierarchy here, and a sub-group query must not list
# every body under its district)
PLACE, IN_PLACE, SPATIAL = n("gk:place"), n("gk:inPlace"), n("dcterms:spatial")
PLACED = ("Person", "Body", "Group", "Post")  # the kinds whose identity includes a place


def entity_iri(kind: str, name: str, place: str = "") -> NamedNode:
    return NamedNode(f"{expand('id:')}{kind.lower()}/{entity_key(kind, name, place)}")


def place_iri(place: str) -> NamedNode:
    return NamedNode(f"{expand('id:')}place/{place_key(place)}")


def document_iri(number: str) -> NamedNode:
    return entity_iri("Document", number)


def task_iri(doc: str, number: str) -> NamedNode:
    return NamedNode(f"{expand('id:')}task/{task_key(doc, number)}")


def fact_iri(fact: FactBase) -> NamedNode:
    if isinstance(fact, DocumentFact):
        return document_iri(fact.doc)
    return NamedNode(f"{expand('id:')}{fact.kind}/{fact_key(fact)}")


def _literal(value: object, field_type: str) -> Literal:
    if field_type == "bool":
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if field_type == "date":
        return Literal(str(value), datatype=NamedNode(XSD + "date"))
    return text_literal(str(value))


class QuadWriter:
    """Accumulates quads; entity nodes are typed and labelled once."""

    def __init__(self, places: Places | None = None) -> None:
        self.quads: list[Quad] = []
        self._seen_entities: set[str] = set()
        self.places = places or Places()
        self.doc = ""  # the document of the fact being written: the place of names in it
        self.named: dict[tuple[str, str], list[tuple[NamedNode, str]]] = {}  # (kind, name) -> (IRI, place) per place

    def place_of(self, kind: str, name: str) -> str:
        return self.places.of_entity(kind, self.doc, name) if kind in PLACED else ""

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal | BlankNode) -> None:
        self.quads.append(Quad(s, p, o))

    def entity(self, kind: str, name: str) -> NamedNode:
        """The entity of this kind and name in the current document's place (loaders/places.py)."""
        place = self.place_of(kind, name)
        iri = entity_iri(kind, name, place)
        if iri.value not in self._seen_entities:
            self._seen_entities.add(iri.value)
            self.add(iri, RDF_TYPE, n(mapping()["entities"][kind]))
            for standard in ORG_TYPES.get(kind, ()):
                self.add(iri, RDF_TYPE, n(standard))
            self.add(iri, PREF, text_literal(name))
            self.add(iri, PLACE, text_literal(place))  # "" when no place could be read: queries bind it
            self.named.setdefault((kind, name), []).append((iri, place))
            if place:
                self.add(iri, IN_PLACE, self.place(place))
                self.add(iri, SPATIAL, self.place(place))
        return iri

    def place(self, place: str) -> NamedNode:
        """A jurisdiction's node, inside its parent's when its name says so (吕梁市离石区 in 吕梁市)."""
        iri = place_iri(place)
        if iri.value not in self._seen_entities:
            self._seen_entities.add(iri.value)
            self.add(iri, RDF_TYPE, n("gk:Place"))
            self.add(iri, RDF_TYPE, n("dcterms:Location"))
            self.add(iri, PREF, text_literal(place))
            parent = parent_place(place)
            if parent:
                self.add(iri, IN_PLACE, self.place(parent))
                self.add(iri, SPATIAL, self.place(parent))
        return iri

    def document(self, number: str) -> NamedNode:
        iri = document_iri(number)
        if iri.value not in self._seen_entities:
            self._seen_entities.add(iri.value)
            self.add(iri, RDF_TYPE, n("gk:Document"))
            self.add(iri, DOC_NUMBER, Literal(number))
            self.add(iri, RDF_TYPE, n("prov:Entity"))
            self.add(iri, RDF_TYPE, n("foaf:Document"))
            self.add(iri, PREF, text_literal(number))
        return iri

    def task(self, fact: TaskFact) -> NamedNode:
        iri = task_iri(fact.doc, fact.task)
        if iri.value not in self._seen_entities:
            self._seen_entities.add(iri.value)
            self.add(iri, RDF_TYPE, n("gk:Task"))
            self.add(iri, TASK_NUMBER, Literal(fact.task))
            self.add(iri, TITLE, text_literal(fact.title))
            self.add(iri, IN_DOCUMENT, self.document(fact.doc))
        return iri


def facts_to_quads(facts: Iterable[FactBase], aliases: AliasTable | None = None,
                   removed: set[tuple[str, str, str, str, str]] | None = None,
                   places: Places | None = None) -> list[Quad]:
    """The facts as govkg n-ary nodes, with the W3C ORG/SKOS/PROV view beside them (standards.py).
    When `facts` are only part of the corpus (an add): `removed`, the seats removed anywhere in it,
    and `places`, who is who over all of it (loaders/places.py)."""
    facts = list(facts)
    places = places or Places.of(facts)
    return list(iter_quads(facts, aliases, removed_posts(facts, places) if removed is None else removed, places))


def iter_quads(facts: Iterable[FactBase], aliases: AliasTable | None, removed: set[tuple[str, str, str, str, str]],
               places: Places) -> Iterator[Quad]:
    """facts_to_quads, fact by fact, for a build that streams them into the store: a corpus's
    quads are never all held in memory at once (the alias labels come last, after every fact)."""
    w = QuadWriter(places)
    org = OrgWriter(w.add, w.entity, w.place_of)
    for fact in facts:
        yield from w.quads
        w.quads.clear()
        w.doc = fact.doc
        spec = mapping()["kinds"][fact.kind]
        node = fact_iri(fact)
        doc = w.document(fact.doc)
        w.add(node, RDF_TYPE, n(spec["class"]))
        w.add(node, DERIVED, doc)
        w.add(node, LINE, Literal(str(fact.line), datatype=NamedNode(XSD + "integer")))
        if fact.page is not None:
            w.add(node, PAGE, Literal(str(fact.page), datatype=NamedNode(XSD + "integer")))
        if fact.ocr:
            w.add(node, OCR, _literal(True, "bool"))
        for name, (predicate, field_type) in spec["fields"].items():
            value = getattr(fact, name)
            if value is None:
                continue
            if field_type == "Task":
                w.add(node, n(predicate), w.task(fact))  # type: ignore[arg-type]
            elif field_type in ("Person", "Body", "Group", "Post", "Member"):
                w.add(node, n(predicate), w.entity(entity_type(fact, field_type), value))
            elif field_type == "list":
                for item in value:
                    w.add(node, n(predicate), text_literal(str(item)))
            else:
                w.add(node, n(predicate), _literal(value, field_type))
        if fact.kind != "document":
            w.add(node, RDF_TYPE, n("prov:Entity"))
        if isinstance(fact, MemberFact):
            org.membership(node, fact, entity_type(fact, "Member"))
        elif isinstance(fact, PostFact):
            org.occupancy(fact, seat_of(fact, w.places) in removed)
    if aliases is not None:
        for kind, clusters in aliases.clusters.items():
            entity = "Body" if kind == "body" else "Group"
            for canonical, names in clusters.items():
                for iri, place in w.named.get((entity, canonical), ()):
                    for alias in w.places.aliases_for(sorted(names), place):
                        w.add(iri, ALT, text_literal(alias))
    yield from w.quads


def facts_from_store(store: Store) -> list[FactBase]:
    """Rebuild every fact from the store's triples, in document and line order."""
    labels: dict[str, str] = {}
    task_props: dict[str, dict[str, str]] = defaultdict(dict)
    for q in store.quads_for_pattern(None, PREF, None):
        labels[q.subject.value] = q.object.value
    for q in store.quads_for_pattern(None, TASK_NUMBER, None):
        task_props[q.subject.value]["task"] = q.object.value
    for q in store.quads_for_pattern(None, TITLE, None):
        if q.subject.value in task_props:
            task_props[q.subject.value]["title"] = q.object.value
    facts: list[FactBase] = []
    for kind, spec in mapping()["kinds"].items():
        by_predicate = {expand(p): (name, t) for name, (p, t) in spec["fields"].items()}
        for q in store.quads_for_pattern(None, RDF_TYPE, n(spec["class"])):
            node = q.subject
            record: dict = {"kind": kind}
            for t in store.quads_for_pattern(node, None, None):
                p, o = t.predicate.value, t.object
                if t.predicate == DERIVED:
                    record["doc"] = labels[o.value]
                elif t.predicate == LINE:
                    record["line"] = int(o.value)
                elif t.predicate == PAGE:
                    record["page"] = int(o.value)
                elif t.predicate == OCR:
                    record["ocr"] = o.value == "true"
                elif p in by_predicate:
                    name, field_type = by_predicate[p]
                    if field_type == "Task":
                        record.update(task_props[o.value])
                    elif isinstance(o, NamedNode):
                        record[name] = labels[o.value]
                    elif field_type == "list":
                        record.setdefault(name, []).append(o.value)
                    elif field_type == "bool":
                        record[name] = o.value == "true"
                    else:
                        record[name] = o.value
            if kind == "document":
                if "line" not in record:
                    continue  # a document node only referenced by other facts
                record["doc"] = labels[node.value]
            facts.append(fact_from_json(record))
    return sorted(facts, key=lambda f: (f.doc, f.line, f.kind))


def aliases_from_store(store: Store) -> list[dict]:
    clusters: dict[tuple[str, str], list[str]] = defaultdict(list)
    types = {expand("gk:Body"): "body", expand("gk:LeadingGroup"): "group"}
    for q in store.quads_for_pattern(None, ALT, None):
        kind = next((types[t.object.value] for t in store.quads_for_pattern(q.subject, RDF_TYPE, None)
                     if t.object.value in types), "body")
        label = next(store.quads_for_pattern(q.subject, PREF, None)).object.value
        clusters[(kind, label)].append(q.object.value)
    return [{"type": k, "canonical": c, "aliases": sorted(a)} for (k, c), a in sorted(clusters.items())]
