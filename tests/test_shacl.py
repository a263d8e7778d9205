"""The built graph satisfies ontology/shapes.ttl."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pyshacl import validate
from rdflib import Graph

from tests.conftest import run_cli


def test_built_sample_graph_conforms_to_the_shapes(sample_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    assert run_cli("export", "ntriples", "--store", str(sample_store), "--out", str(out)).returncode == 0
    data = Graph().parse(out, format="nt")
    shapes = Graph().parse(data=resources.files("govkg.ontology").joinpath("shapes.ttl").read_text("utf-8"), format="turtle")
    conforms, _, report = validate(data, shacl_graph=shapes)
    assert conforms, report[:3000]
