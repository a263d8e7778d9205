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


def test_a_value_is_written_as_one_term_even_when_it_reads_like_a_parameter() -> None:
    from govkg.queries.backends import with_terms
    text = with_terms("SELECT * WHERE { ?t gk:taskNumber $task ; gk:in $in_doc }", {"task": "$in_doc", "in_doc": "x"})
    assert text == 'SELECT * WHERE { ?t gk:taskNumber "$in_doc" ; gk:in "x" }', f"each $param replaced once by its own term, got {text!r}"


def test_a_parameter_the_query_names_only_as_a_variable_is_given_by_values() -> None:
    from govkg.queries.backends import with_terms
    text = with_terms("# parameters: $task\nSELECT ?task WHERE { ?t gk:taskNumber ?task }", {"task": "26"})
    assert text == '\nSELECT ?task WHERE { VALUES ?task { "26" } ?t gk:taskNumber ?task }', \
        f"a header comment's $task is no use of the parameter; ?task is given by VALUES, got {text!r}"


def post(person: str, event: str, date: str | None, title: str = "局长") -> dict:
    return {"person": person, "body": "区财政局", "title": title, "event": event, "date": date}


def test_a_removal_in_a_later_document_ends_the_post() -> None:
    from govkg.queries.answers import mark_removed
    rows = mark_removed([post("张三", "appoint", "2024-01-05"), post("张三", "remove", "2024-06-01")])
    assert rows[0]["removed"] is True, "appointed in January, removed in June: the post is former"


def test_a_removal_before_a_new_appointment_does_not_end_it() -> None:
    from govkg.queries.answers import mark_removed
    rows = mark_removed([post("张三", "remove", "2024-01-05"), post("张三", "appoint", "2024-06-01")])
    assert rows[1]["removed"] is False, "removed in January, appointed again in June: the post is current"


def test_a_removal_ends_only_the_same_persons_same_title() -> None:
    from govkg.queries.answers import mark_removed
    rows = mark_removed([post("张三", "appoint", None), post("李四", "appoint", None), post("张三", "appoint", None, "副局长"),
                         post("张三", "remove", None)])
    assert [r["removed"] for r in rows[:3]] == [True, False, False], "only 张三's 局长 post was removed"
