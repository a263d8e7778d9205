"""The written mapping (ontology/mapping.json) loaded once, with the id scheme both stores share.

Ids hash a fact's key fields (zavod's make_id habit): a rebuild or a second Neo4j load lands on
the same nodes, so idempotence holds by construction.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from json.encoder import encode_basestring  # the C encoder json.dumps(ensure_ascii=False) uses

from govkg.ontology.facts import IDENTITY_FIELDS, FactBase


@lru_cache(maxsize=1)
def mapping() -> dict[str, Any]:
    return json.loads(resources.files("govkg.ontology").joinpath("mapping.json").read_text("utf-8"))


@lru_cache(maxsize=None)  # a mapping's few dozen CURIEs, expanded for every quad written
def expand(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return mapping()["prefixes"][prefix] + local


def stable_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


MEMBER_ENTITY = {"person": "Person", "body": "Body", "post": "Post"}


def entity_type(fact: FactBase, field_type: str) -> str:
    """Member fields point at a Person, Body or Post depending on member_type."""
    if field_type == "Member":
        return MEMBER_ENTITY[getattr(fact, "member_type")]
    return field_type


def entity_key(kind: str, name: str, place: str = "") -> str:
    """An entity's id: its kind, place and name (loaders/places.py); with no place (a document
    whose place cannot be read) the name alone, as before places were part of identity."""
    return stable_id(kind, place, name) if place else stable_id(kind, name)


def place_key(place: str) -> str:
    return stable_id("Place", place)


def task_key(doc: str, number: str) -> str:
    return stable_id("Task", doc, number)


# each model's identity fields (in name order, as sort_keys writes them) with their JSON keys written once
_KEY_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {
    model: tuple((name, f'"{name}": ') for name in names) for model, names in IDENTITY_FIELDS.items()}


def fact_key(fact: FactBase) -> str:
    """Identity of a fact: every field but provenance and free text notes.

    The digest is of `json.dumps(fields, ensure_ascii=False, sort_keys=True)` without its null
    fields (ids stay what earlier builds and loads wrote), written here field by field from the
    model's sorted names: a fact's fields are only str, int, bool and lists of str (facts.py
    checks them), and the general encoder, a dict and a sort per fact were two thirds of a
    Neo4j load's planning."""
    parts = []
    for name, key in _KEY_FIELDS[type(fact)]:
        value = getattr(fact, name)
        if value is None:
            continue
        kind = type(value)
        if kind is str:
            parts.append(key + encode_basestring(value))
        elif kind is bool:
            parts.append(key + ("true" if value else "false"))
        elif kind is int:
            parts.append(key + repr(value))
        elif kind is list:
            parts.append(key + "[" + ", ".join(map(encode_basestring, value)) + "]")
        else:
            parts.append(key + json.dumps(value, ensure_ascii=False, sort_keys=True))
    return stable_id("{" + ", ".join(parts) + "}")
