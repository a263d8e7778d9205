"""The typed facts: the seam between extraction and the graph (see ../shared/eval/FACTS.md).

Each model mirrors one fact kind of the interchange format and one class of ontology/govkg.ttl;
tests/test_ontology.py holds the two to each other so they cannot drift apart.
Every fact carries `doc` (the document number as printed) and `line` (1-based line in the source
text where its key evidence starts): provenance is not optional. A fact read from a PDF also
carries `page` (and `ocr: true` when its page was a scan read by OCR); its `line` then counts the
lines of the text govkg read from the PDF (`govkg text FILE.pdf` prints them).

The models are frozen dataclasses that check their fields' types when made, not pydantic models:
importing pydantic and building these seven models took ~80 ms of every command's start-up, a
fifth of a one-gazette `govkg add`. The checks are strict (no coercion): a fact is made by
govkg's own readers or read back from a store govkg wrote, so a value of the wrong type is a bug
to report, not input to repair.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal, Union

# where a fact was read, not what it says: left out of a fact's identity (graph/mapping.py's
# fact_key, and the duplicates name resolution drops)
PROVENANCE = frozenset({"line", "page", "ocr", "note"})


class FactError(ValueError):
    """A fact that breaks its model: a missing or unknown field, or a value of the wrong type."""


def _about(description: str, **kwargs: Any) -> Any:
    return field(metadata={"description": description}, **kwargs)


def _test(hint: str) -> tuple[str, str]:
    """(a Python expression true when `v` fits the field's annotation, the annotation in words).
    Read from the annotation's text, which these models keep (typing.get_type_hints evaluating
    them was a third of this module's import). Every int of a fact counts from 1 (a line, a page)."""
    if hint.endswith(" | None"):
        inner, words = _test(hint.removesuffix(" | None"))
        return f"v is None or ({inner})", f"{words} or null"
    if hint.startswith("Literal[") and hint.endswith("]"):
        choices = tuple(choice.strip().strip("'\"") for choice in hint[len("Literal["):-1].split(","))
        return f"type(v) is str and v in {choices!r}", " | ".join(choices)
    if hint == "list[str]":
        return "type(v) is list and all(type(x) is str for x in v)", "a list of strings"
    if hint == "int":
        return "type(v) is int and v >= 1", "an integer >= 1"
    if hint in ("str", "bool"):
        return f"type(v) is {hint}", hint
    raise TypeError(f"no check for a fact field annotated {hint!r}")


def _refuse(fact: Any, name: str, value: Any, words: str) -> None:
    raise FactError(f"{type(fact).__name__}.{name}: expected {words}, got {value!r}")


def _fact_model(cls: type) -> type:
    """Make `cls` a frozen, slotted, keyword-only dataclass whose __post_init__ checks every
    field. The check is written out as one function per model, as dataclasses writes __init__:
    a loop over the fields took a third more time per fact than pydantic's compiled validator."""
    cls = dataclass(frozen=True, slots=True, kw_only=True)(cls)
    lines = ["def __post_init__(self):"]
    for f in dataclasses.fields(cls):
        test, words = _test(f.type)
        lines += [f"    v = self.{f.name}", f"    if not ({test}): _refuse(self, {f.name!r}, v, {words!r})"]
    scope: dict[str, Any] = {"_refuse": _refuse}
    exec("\n".join(lines), scope)
    cls.__post_init__ = scope["__post_init__"]
    return cls


class FactBase:
    """Fields every fact shares: where it was read. The models below are dataclasses of these
    fields and their own (FactBase itself is only their common type)."""

    __slots__ = ()
    doc: str
    line: int
    page: int | None
    ocr: bool | None
    note: str | None
    kind: str


@_fact_model
class _Provenance(FactBase):
    doc: str = _about("document number exactly as printed, e.g. 离政发〔2024〕31号")
    line: int = _about("1-based source line where the key evidence starts")
    page: int | None = _about("1-based PDF page of that line (facts read from a PDF)", default=None)
    ocr: bool | None = _about("true when the line was read by OCR from a scanned page", default=None)
    note: str | None = None


@_fact_model
class DocumentFact(_Provenance):
    kind: Literal["document"] = "document"
    title: str
    date: str | None = _about("YYYY-MM-DD", default=None)
    issuer: str | None = None
    addressees: list[str] = field(default_factory=list)
    doc_type: str | None = _about("发 | 函 | 办发 | 办函 ...", default=None)
    place: str | None = _about("the jurisdiction read from the issuer, e.g. 吕梁市离石区 (loaders/places.py); "
                               "part of every entity's identity", default=None)


@_fact_model
class PostFact(_Provenance):
    kind: Literal["post"] = "post"
    person: str
    body: str
    title: str
    event: Literal["appoint", "remove", "hold"]
    probation: bool | None = None
    qualifier: str | None = None
    title_alt: list[str] | None = None


@_fact_model
class MemberFact(_Provenance):
    kind: Literal["member"] = "member"
    group: str
    member: str
    member_type: Literal["person", "body", "post"]
    role: str
    qualifier: str | None = None
    parent: str | None = None
    collective: bool | None = None
    role_alt: list[str] | None = None


@_fact_model
class OfficeFact(_Provenance):
    kind: Literal["office"] = "office"
    group: str
    host_body: str
    director: str | None = None
    deputy_directors: list[str] | None = None


@_fact_model
class TaskFact(_Provenance):
    kind: Literal["task"] = "task"
    task: str
    title: str
    body: str
    role: Literal["lead", "responsible", "support"]
    collective: bool | None = None


@_fact_model
class DutyFact(_Provenance):
    kind: Literal["duty"] = "duty"
    body: str
    context: str
    text: str
    collective: bool | None = None


@_fact_model
class ReplyFact(_Provenance):
    kind: Literal["reply"] = "reply"
    proposer: str
    proposer_role: Literal["委员", "代表", "body"]
    proposal: str
    responder: str | None = None
    handler: str | None = None
    head: str | None = None
    date: str | None = None


Fact = Union[DocumentFact, PostFact, MemberFact, OfficeFact, TaskFact, DutyFact, ReplyFact]
FACT_MODELS: dict[str, type[FactBase]] = {
    m.__dataclass_fields__["kind"].default: m  # type: ignore[attr-defined]
    for m in (DocumentFact, PostFact, MemberFact, OfficeFact, TaskFact, DutyFact, ReplyFact)
}
# each model's field names in their order (the order of a FACTS.md record after its kind)
FIELDS: dict[type, tuple[str, ...]] = {m: tuple(f.name for f in dataclasses.fields(m)) for m in FACT_MODELS.values()}
# each model's identity fields (all but PROVENANCE) in name order: what fact_key digests and what
# makes two facts the same fact in name resolution
IDENTITY_FIELDS: dict[type, tuple[str, ...]] = {
    model: tuple(sorted(name for name in names if name not in PROVENANCE)) for model, names in FIELDS.items()}


def fact_dict(fact: FactBase, exclude: frozenset[str] = frozenset(), exclude_none: bool = False) -> dict[str, Any]:
    """The fact's fields as a dict, in model order, lists copied (the fact stays unchanged)."""
    out: dict[str, Any] = {}
    for name in FIELDS[type(fact)]:
        value = getattr(fact, name)
        if name in exclude or (exclude_none and value is None):
            continue
        out[name] = list(value) if type(value) is list else value
    return out


def with_fields(fact: FactBase, **changes: Any) -> FactBase:
    """A copy of the fact with these fields changed (checked like a new fact)."""
    return dataclasses.replace(fact, **changes)  # type: ignore[type-var]


def fact_to_json(fact: FactBase) -> dict:
    """The FACTS.md record: kind first, empty optional fields left out."""
    data = fact_dict(fact, exclude_none=True)
    return {"kind": data.pop("kind"), **data}


def fact_from_json(data: dict) -> FactBase:
    """A FACTS.md record as its fact; FactError names what is wrong with a record that is not one."""
    model = FACT_MODELS.get(data.get("kind"))  # type: ignore[arg-type]
    if model is None:
        raise FactError(f"unknown fact kind {data.get('kind')!r}; expected one of {', '.join(FACT_MODELS)}")
    try:
        return model(**data)
    except TypeError as e:  # a missing or unknown field
        raise FactError(f"{data['kind']} fact: {str(e).split('.', 1)[-1].replace('__init__() ', '')}") from None
