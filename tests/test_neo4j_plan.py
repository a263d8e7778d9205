"""The load plan (no server): a replacing load prunes only the documents the database holds."""

from __future__ import annotations

from govkg.graph.neo4j.load import PRUNE, Planner
from govkg.ontology.facts import DocumentFact, FactBase, PostFact

FACTS: list[FactBase] = [
    DocumentFact(doc="A发〔2024〕1号", line=1, title="甲", issuer="某区人民政府"),
    PostFact(doc="A发〔2024〕1号", line=2, person="张三", body="某区财政局", title="局长", event="appoint"),
    DocumentFact(doc="A发〔2024〕2号", line=1, title="乙", issuer="某区人民政府"),
]


def pruned_docs(rows: dict) -> set[str]:
    return {r["doc"] for name, _ in PRUNE for r in rows.get(name, [])}


def test_a_document_the_database_does_not_hold_gets_no_prune_rows() -> None:
    rows = Planner(FACTS).rows(FACTS, replace=True, held={"A发〔2024〕2号"})
    assert pruned_docs(rows) == {"A发〔2024〕2号"}, "only the held document should be pruned before its facts are written again"


def test_without_knowing_what_is_held_every_document_is_pruned() -> None:
    rows = Planner(FACTS).rows(FACTS, replace=True)
    assert pruned_docs(rows) == {"A发〔2024〕1号", "A发〔2024〕2号"}, "with held unknown every document should be pruned"
