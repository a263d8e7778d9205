"""Every query file parses, declares its parameters and columns, and binds parameters."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from govkg.queries.backends import OxigraphBackend
from govkg.queries.catalog import columns, names, query_text


@pytest.mark.parametrize("name", names())
def test_sparql_file_parses_and_runs_on_an_empty_store(name: str) -> None:
    params = {"name": "x", "task": "1", "in_doc": ""}
    text = query_text(name, "sparql")
    used = {p: v for p, v in params.items() if f"${p}" in text or f"?{p}" in text.split("WHERE")[0]}
    assert OxigraphBackend(Store()).rows(name, used) == [], f"{name}.rq should run and find nothing in an empty store"


@pytest.mark.parametrize("name", names())
def test_query_file_header_names_parameters_and_columns(name: str) -> None:
    text = query_text(name, "sparql")
    assert text.startswith(f"# {name}:"), f"{name}.rq must open with '# {name}: what it answers'"
    assert "# parameters:" in text and columns(name), f"{name}.rq must declare parameters and columns"


def test_user_text_is_bound_not_formatted_into_the_query() -> None:
    hostile = '" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o'
    assert OxigraphBackend(Store()).rows("tasks", {"name": hostile}) == []
