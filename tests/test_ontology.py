"""The ontology is the truth: models, mapping and OWL must agree."""

from __future__ import annotations

from importlib import resources

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF

from govkg.graph.mapping import expand, mapping
from govkg.ontology.facts import FACT_MODELS, FIELDS

GK = Namespace("https://w3id.org/govkg/ontology#")


@pytest.fixture(scope="module")
def owl() -> Graph:
    return Graph().parse(data=resources.files("govkg.ontology").joinpath("govkg.ttl").read_text("utf-8"), format="turtle")


@pytest.mark.parametrize("kind", sorted(FACT_MODELS))
def test_every_fact_kind_has_a_class_that_says_so(owl: Graph, kind: str) -> None:
    cls = URIRef(expand(mapping()["kinds"][kind]["class"]))
    assert (cls, RDF.type, OWL.Class) in owl, f"{cls} missing from govkg.ttl"
    assert (cls, GK.factKind, Literal(kind)) in owl, f"{cls} must carry gk:factKind {kind!r}"


@pytest.mark.parametrize("kind", sorted(FACT_MODELS))
def test_mapping_covers_exactly_the_model_fields(kind: str) -> None:
    model_fields = set(FIELDS[FACT_MODELS[kind]]) - {"kind", "doc", "line", "page", "ocr"}
    mapped = set(mapping()["kinds"][kind]["fields"])
    if kind == "task":
        mapped |= {"title"}  # the title lives on the gk:Task the responsibility points at
    assert model_fields == mapped, f"{kind}: model fields {sorted(model_fields)} vs mapping {sorted(mapped)}"


def test_every_gk_term_the_mapping_uses_is_declared(owl: Graph) -> None:
    used = {p for spec in mapping()["kinds"].values() for p, _ in spec["fields"].values() if p.startswith("gk:")}
    undeclared = sorted(p for p in used if not any(owl.triples((URIRef(expand(p)), RDF.type, None))))
    assert not undeclared, f"declare these in govkg.ttl: {undeclared}"
