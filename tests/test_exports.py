"""Each export is read back by its own library and holds as many people, bodies and relationships as
the facts do (counted here from the facts JSONL, independently of the exporters)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import run_cli


class Expected:
    """What the facts say: distinct people, bodies, groups, and facts per kind."""

    def __init__(self, facts_file: Path):
        facts = [json.loads(line) for line in facts_file.read_text("utf-8").splitlines()]
        self.kinds = Counter(f["kind"] for f in facts)
        by = lambda kind: [f for f in facts if f["kind"] == kind]  # noqa: E731
        members = by("member")
        self.people = {f["person"] for f in by("post")} | {m["member"] for m in members if m["member_type"] == "person"}
        self.ftm_bodies = ({f["body"] for f in by("post")} | {m["member"] for m in members if m["member_type"] == "body"}
                           | {f["body"] for f in by("task")})
        self.bodies = (self.ftm_bodies | {f["body"] for f in by("duty")} | {f["host_body"] for f in by("office")}
                       | {f["issuer"] for f in by("document") if f.get("issuer")}
                       | {f["responder"] for f in by("reply") if f.get("responder")})
        self.member_groups = {m["group"] for m in members} | {m["parent"] for m in members if m.get("parent")}
        self.groups = self.member_groups | {f["group"] for f in by("office")}
        self.post_members = sum(m["member_type"] == "post" for m in members)


@pytest.fixture(scope="module")
def expected(sample_facts_file: Path) -> Expected:
    return Expected(sample_facts_file)


def export(fmt: str, store: Path, dest: Path) -> Path:
    result = run_cli("export", fmt, "--store", str(store), "--out", str(dest))
    assert result.returncode == 0, f"export {fmt} failed: {result.stderr}"
    return dest


def test_ftm_entities_are_valid_followthemoney_with_every_person_body_and_relation(sample_store: Path, tmp_path: Path,
                                                                                   expected: Expected) -> None:
    from followthemoney import model
    path = export("ftm", sample_store, tmp_path / "kg.ftm.json")
    proxies = [model.get_proxy(json.loads(line), cleaned=False) for line in path.read_text("utf-8").splitlines()]
    by_id = {p.id: p for p in proxies}
    for p in proxies:
        assert p.schema.validate(p.to_dict()) is None, f"{p.id} is not valid {p.schema.name}"
        missing = [r for r in p.schema.required if not p.get(r)]
        assert not missing, f"{p.schema.name} {p.id} lacks required {missing}"
        for prop, value in p.itervalues():
            if prop.type.name == "entity":
                assert value in by_id, f"{p.schema.name}.{prop.name} points at {value}, not in the export"
    schemas = Counter(p.schema.name for p in proxies)
    assert {p.first("name") for p in proxies if p.schema.name == "Person"} == expected.people
    assert {p.first("name") for p in proxies if p.schema.name == "PublicBody"} == expected.ftm_bodies
    assert schemas["Occupancy"] == expected.kinds["post"], f"one Occupancy per post fact: {schemas}"
    assert schemas["Membership"] + schemas["UnknownLink"] == expected.kinds["member"], f"one per member fact: {schemas}"
    assert schemas["ProjectParticipant"] == expected.kinds["task"], f"one per task fact: {schemas}"
    assert all(p.first("summary") and "line" in p.first("summary") for p in proxies if p.schema.name == "Occupancy"), \
        "every occupancy names its document and line"


def test_popolo_is_read_by_everypolitician_popolo_and_every_id_resolves(sample_store: Path, tmp_path: Path,
                                                                        expected: Expected) -> None:
    from popolo_data.importer import Popolo
    path = export("popolo", sample_store, tmp_path / "kg.popolo.json")
    popolo = Popolo.from_filename(str(path))
    assert {p.name for p in popolo.persons} == expected.people
    orgs = {o.id: o for o in popolo.organizations}
    assert len(popolo.memberships) == expected.kinds["post"] + expected.kinds["member"]
    assert sum(1 for o in orgs.values() if o.classification == "leading group") == len(expected.member_groups)
    posts = {p.id for p in popolo.posts}
    for m in popolo.memberships:
        assert m.organization_id in orgs, f"membership {m.id} names an unknown organization"
        if m.person_id:
            assert m.person.name in expected.people
        if m.post_id:
            assert m.post_id in posts, f"membership {m.id} names an unknown post"
    raw = json.loads(path.read_text("utf-8"))
    body_seats = [m for m in raw["memberships"] if "member" in m]
    assert all(m["member"]["id"] in orgs for m in body_seats), "a body's seat names a known organization"


def _check_graph(g: nx.MultiDiGraph, expected: Expected) -> None:
    kinds = Counter(d["kind"] for _, d in g.nodes(data=True))
    people = {d["label"] for _, d in g.nodes(data=True) if d["kind"] == "Person"}
    assert people == expected.people, "node labels are the people's names"
    assert {d["label"] for _, d in g.nodes(data=True) if d["kind"] == "Body"} == expected.bodies
    assert kinds["Group"] == len(expected.groups)
    edges = Counter(d["label"] for _, _, d in g.edges(data=True))
    assert edges["HOLDS"] == expected.kinds["post"], edges
    assert edges["MEMBER_OF"] == expected.kinds["member"], edges
    assert edges["RESPONSIBLE_FOR"] == expected.kinds["task"], edges
    assert edges["HAS_DUTY"] == expected.kinds["duty"], edges
    assert edges["HAS_OFFICE"] == expected.kinds["office"], edges
    assert all("doc" in d and "line" in d for _, _, d in g.edges(data=True) if d["label"] == "HOLDS")


def test_graphml_is_utf8_with_human_labels_and_every_relationship(sample_store: Path, tmp_path: Path,
                                                                  expected: Expected) -> None:
    path = export("graphml", sample_store, tmp_path / "kg.graphml")
    raw = path.read_bytes()
    assert "区财政局".encode("utf-8") in raw and b"&#" not in raw, "Chinese is written as UTF-8 characters"
    _check_graph(nx.read_graphml(path, force_multigraph=True), expected)


def test_gexf_is_read_by_networkx_with_every_relationship(sample_store: Path, tmp_path: Path, expected: Expected) -> None:
    path = export("gexf", sample_store, tmp_path / "kg.gexf")
    _check_graph(nx.read_gexf(path), expected)


def test_csv_zip_has_one_file_per_fact_kind_and_the_entities(sample_store: Path, tmp_path: Path, expected: Expected) -> None:
    path = export("csv", sample_store, tmp_path / "kg.zip")
    with zipfile.ZipFile(path) as z:
        tables = {name: list(csv.DictReader(io.StringIO(z.read(name).decode("utf-8")))) for name in z.namelist()}
    for kind, n in expected.kinds.items():
        assert len(tables[f"{kind}.csv"]) == n, f"{kind}.csv should have {n} rows"
        assert all(r["doc"] and r["line"] for r in tables[f"{kind}.csv"]), f"{kind}.csv rows carry doc and line"
    assert {r["name"] for r in tables["persons.csv"]} == expected.people
    assert {r["name"] for r in tables["bodies.csv"]} == expected.bodies
    assert {r["name"] for r in tables["groups.csv"]} == expected.groups


def test_jsonld_is_compact_with_a_context_and_reads_back_as_the_same_graph(sample_store: Path, tmp_path: Path,
                                                                           expected: Expected) -> None:
    from rdflib import Graph, Namespace
    from rdflib.namespace import FOAF, RDF, SKOS
    jsonld = export("jsonld", sample_store, tmp_path / "kg.jsonld")
    nt = export("ntriples", sample_store, tmp_path / "kg.nt")
    doc = json.loads(jsonld.read_text("utf-8"))
    assert "@context" in doc and "@graph" in doc, "compact JSON-LD: an @context and a @graph"
    g = Graph().parse(jsonld, format="json-ld")
    assert len(g) == len(Graph().parse(nt, format="nt")), "the JSON-LD holds every triple of the store"
    people = {str(o) for s in g.subjects(RDF.type, FOAF.Person) for o in g.objects(s, SKOS.prefLabel)}
    assert people == expected.people
    org = Namespace("http://www.w3.org/ns/org#")
    assert len(set(g.subjects(RDF.type, org.Membership))) == expected.kinds["member"]


def test_graph_exports_say_whether_a_post_is_current(sample_store: Path, tmp_path: Path) -> None:
    g = nx.read_graphml(export("graphml", sample_store, tmp_path / "kg.graphml"), force_multigraph=True)
    names = {n: d["label"] for n, d in g.nodes(data=True)}
    status = {(names[a], names[b], d["title"]): d["status"] for a, b, d in g.edges(data=True) if d["label"] == "HOLDS"}
    assert status[("任凯旋", "区医疗保险服务中心", "主任")] == "current", "appointed in 31号"
    assert status[("任凯旋", "区综合检验检测中心", "副主任")] == "former", "removed in 31号"
