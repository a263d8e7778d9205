"""The load plan (no server): a replacing load prunes only the documents the database holds."""

from __future__ import annotations

from govkg.graph.neo4j.load import PRUNE, Planner, _plan, _planning, batches, by_document
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


def planned(in_process: bool, units: list[list[FactBase]]) -> list[dict]:
    executor, submit = _planning(Planner(FACTS), units, True, set(), in_process)
    with executor:
        return [submit(i).result() for i in range(len(units))]


def test_batches_planned_in_a_process_are_the_batches_planned_in_a_thread() -> None:
    units = batches(by_document(FACTS), 1)
    assert len(units) == 2
    assert planned(True, units) == planned(False, units), \
        "a forked planning process should hand back exactly the rows a planning thread computes"


def test_created_rows_carry_no_null_properties_and_merged_rows_keep_them() -> None:
    rows = _plan(Planner(FACTS), FACTS, True, {"A发〔2024〕2号"})
    created = [r for name, rs in rows.items() if name.startswith("NEW:") for r in rs if "props" in r]
    assert created and all(None not in r["props"].values() for r in created), \
        "a CREATEd node or relationship should be sent without null properties (there is nothing to remove)"
    merged = [r for r in rows["Document"] if r["number"] == "A发〔2024〕2号"]
    assert merged and None in merged[0]["props"].values(), \
        "a MERGEd (held) document should keep its nulls: they remove what an earlier load had set"
