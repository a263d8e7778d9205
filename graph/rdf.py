"""Facts -> RDF quads (pyoxigraph terms) following ontology/mapping.json, and back.

The facts export reads the store, not the extraction run, so `govkg export facts` shows exactly
what a SPARQL user sees.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

from govkg.graph.standards import ORG_TYPES, OrgWriter, removed_posts, text_literal
from govkg.graph.mapping import entity_key, entity_type, expand, fact_key, mapping, task_key
from govkg.loaders.resolve import AliasTable
from govkg.ontology.facts import DocumentFact, FactBase, MemberFact, PostFact, TaskFact, fact_from_json

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"


def n(curie: str) -> NamedNode:
    return NamedNode(expand(curie))


PREF, ALT = n("skos:prefLabel"), n("skos:altLabel")
DERIVED, LINE, DOC_NUMBER = n("prov:wasDerivedFrom"), n("gk:line"), n("gk:docNumber")
PAGE, OCR = n("gk:page"), n("gk:ocr")
TASK_NUMBER, IN_DOCUMENT, TITLE = n("gk:taskNumber"), n("gk:inDocument"), n("dcterms:title")


def entity_iri(kind: str, name: str) -> NamedNode:
    return NamedNode(f"{expand('id:')}{kind.lower()}/{entity_key(kind, name)}")


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

    def __init__(self) -> None:
        self.quads: list[Quad] = []
        self._seen_entities: set[str] = set()

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal | BlankNode) -> None:
        self.quads.append(Quad(s, p, o))

    def entity(self, kind: str, name: str) -> NamedNode:
        iri = entity_iri(kind, name)
        if iri.value not in self._seen_entities:
            self._seen_entities.add(iri.value)
            self.add(iri, RDF_TYPE, n(mapping()["entities"][kind]))
            for standard in ORG_TYPES.get(kind, ()):
                self.add(iri, RDF_TYPE, n(standard))
            self.add(iri, PREF, text_literal(name))
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
                   removed: set[tuple[str, str, str]] | None = None) -> list[Quad]:
    """The facts as govkg n-ary nodes, with the W3C ORG/SKOS/PROV view beside them (standards.py).
    `removed`: the posts removed anywhere in the corpus, when `facts` are only part of it (an add)."""
    w = QuadWriter()
    facts = list(facts)
    org = OrgWriter(w.add, w.entity)
    removed = removed_posts(facts) if removed is None else removed
    for fact in facts:
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
            org.occupancy(fact, (fact.person, fact.body, fact.title) in removed)
    if aliases is not None:
        for kind, clusters in aliases.clusters.items():
            entity = "Body" if kind == "body" else "Group"
            for canonical, names in clusters.items():
                if entity_iri(entity, canonical).value in w._seen_entities:
                    for alias in sorted(names):
                        w.add(entity_iri(entity, canonical), ALT, text_literal(alias))
    return w.quads


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
