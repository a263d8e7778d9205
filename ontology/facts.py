"""The typed facts: the seam between extraction and the graph (see ../shared/eval/FACTS.md).

Each model mirrors one fact kind of the interchange format and one class of ontology/govkg.ttl;
tests/test_ontology.py holds the two to each other so they cannot drift apart.
Every fact carries `doc` (the document number as printed) and `line` (1-based line in the source
text where its key evidence starts): provenance is not optional. A fact read from a PDF also
carries `page` (and `ocr: true` when its page was a scan read by OCR); its `line` then counts the
lines of the text govkg read from the PDF (`govkg text FILE.pdf` prints them).
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter


# where a fact was read, not what it says: left out of a fact's identity (graph/mapping.py's
# fact_key, and the duplicates name resolution drops)
PROVENANCE = frozenset({"line", "page", "ocr", "note"})


class FactBase(BaseModel):
    """Fields every fact shares: where it was read."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    doc: str = Field(description="document number exactly as printed, e.g. 离政发〔2024〕31号")
    line: int = Field(ge=1, description="1-based source line where the key evidence starts")
    page: int | None = Field(default=None, ge=1, description="1-based PDF page of that line (facts read from a PDF)")
    ocr: bool | None = Field(default=None, description="true when the line was read by OCR from a scanned page")
    note: str | None = None


class DocumentFact(FactBase):
    kind: Literal["document"] = "document"
    title: str
    date: str | None = Field(default=None, description="YYYY-MM-DD")
    issuer: str | None = None
    addressees: list[str] = Field(default_factory=list)
    doc_type: str | None = Field(default=None, description="发 | 函 | 办发 | 办函 ...")
    place: str | None = Field(default=None, description="the jurisdiction read from the issuer, e.g. 吕梁市离石区 "
                                                        "(loaders/places.py); part of every entity's identity")


class PostFact(FactBase):
    kind: Literal["post"] = "post"
    person: str
    body: str
    title: str
    event: Literal["appoint", "remove", "hold"]
    probation: bool | None = None
    qualifier: str | None = None
    title_alt: list[str] | None = None


class MemberFact(FactBase):
    kind: Literal["member"] = "member"
    group: str
    member: str
    member_type: Literal["person", "body", "post"]
    role: str
    qualifier: str | None = None
    parent: str | None = None
    collective: bool | None = None
    role_alt: list[str] | None = None


class OfficeFact(FactBase):
    kind: Literal["office"] = "office"
    group: str
    host_body: str
    director: str | None = None
    deputy_directors: list[str] | None = None


class TaskFact(FactBase):
    kind: Literal["task"] = "task"
    task: str
    title: str
    body: str
    role: Literal["lead", "responsible", "support"]
    collective: bool | None = None


class DutyFact(FactBase):
    kind: Literal["duty"] = "duty"
    body: str
    context: str
    text: str
    collective: bool | None = None


class ReplyFact(FactBase):
    kind: Literal["reply"] = "reply"
    proposer: str
    proposer_role: Literal["委员", "代表", "body"]
    proposal: str
    responder: str | None = None
    handler: str | None = None
    head: str | None = None
    date: str | None = None


Fact = Annotated[
    Union[DocumentFact, PostFact, MemberFact, OfficeFact, TaskFact, DutyFact, ReplyFact],
    Field(discriminator="kind"),
]
FACT_ADAPTER: TypeAdapter[Fact] = TypeAdapter(Fact)
FACT_MODELS: dict[str, type[FactBase]] = {
    m.model_fields["kind"].default: m
    for m in (DocumentFact, PostFact, MemberFact, OfficeFact, TaskFact, DutyFact, ReplyFact)
}


def fact_to_json(fact: FactBase) -> dict:
    """The FACTS.md record: kind first, empty optional fields left out."""
    data = fact.model_dump(exclude_none=True)
    return {"kind": data.pop("kind"), **data}


def fact_from_json(data: dict) -> FactBase:
    return FACT_ADAPTER.validate_python(data)
