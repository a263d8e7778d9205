"""The fact models check what they are given: a fact govkg cannot trust is refused by name."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from govkg.ontology.facts import (
    FACT_MODELS, FactError, MemberFact, PostFact, fact_from_json, fact_to_json, with_fields)

POST = {"kind": "post", "doc": "离政发〔2024〕31号", "line": 12, "person": "任凯旋", "body": "吕梁市离石区财政局",
        "title": "局长", "event": "appoint"}


def refusal(record: dict) -> str:
    with pytest.raises(FactError) as caught:
        fact_from_json(record)
    return str(caught.value)


def test_a_record_becomes_its_kinds_fact_and_back() -> None:
    fact = fact_from_json(POST)
    assert isinstance(fact, PostFact), f"expected a PostFact, got {type(fact).__name__}"
    assert fact_to_json(fact) == POST, "expected the record back, kind first and no empty fields"


def test_a_line_counts_from_one() -> None:
    message = refusal({**POST, "line": 0})
    assert "PostFact.line" in message and "got 0" in message, f"expected line 0 refused by name, got {message!r}"


def test_an_event_outside_the_three_is_refused() -> None:
    message = refusal({**POST, "event": "promote"})
    assert "appoint | remove | hold" in message, f"expected the allowed events named, got {message!r}"


def test_a_number_where_a_name_belongs_is_not_turned_into_text() -> None:
    message = refusal({**POST, "person": 7})
    assert "PostFact.person" in message, f"expected person=7 refused, got {message!r}"


def test_a_list_field_holds_strings_only() -> None:
    record = {"kind": "member", "doc": "d", "line": 3, "group": "领导小组", "member": "任凯旋", "member_type": "person",
              "role": "组长", "role_alt": ["副组长", 2]}
    assert "MemberFact.role_alt" in refusal(record), "expected a list with a number in it refused"


def test_an_unknown_field_is_refused_by_name() -> None:
    message = refusal({**POST, "salary": "high"})
    assert "salary" in message, f"expected the unknown field named, got {message!r}"


def test_a_missing_field_is_refused_by_name() -> None:
    record = dict(POST)
    del record["person"]
    assert "person" in refusal(record), "expected the missing field named"


def test_an_unknown_kind_lists_the_kinds() -> None:
    message = refusal({**POST, "kind": "rumour"})
    assert all(kind in message for kind in FACT_MODELS), f"expected every kind listed, got {message!r}"


def test_a_fact_cannot_be_changed_in_place() -> None:
    fact = fact_from_json(POST)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fact.person = "某某"  # type: ignore[misc]


def test_a_changed_copy_is_checked_like_a_new_fact() -> None:
    fact = fact_from_json(POST)
    assert with_fields(fact, probation=True).probation is True, "expected the copy to carry probation"
    with pytest.raises(FactError):
        with_fields(fact, line=-1)


def test_facts_travel_to_worker_processes_whole() -> None:
    fact = fact_from_json(POST)
    assert pickle.loads(pickle.dumps(fact)) == fact, "expected a pickled fact to come back equal"


def test_a_list_field_defaults_to_a_fresh_list() -> None:
    a = MemberFact(doc="d", line=1, group="g", member="m", member_type="body", role="成员单位")
    assert a.role_alt is None, "expected an optional list to default to null"
    first = fact_from_json({"kind": "document", "doc": "d", "line": 1, "title": "t"})
    second = fact_from_json({"kind": "document", "doc": "e", "line": 1, "title": "t"})
    assert first.addressees == [] and first.addressees is not second.addressees, "expected a list per fact"
