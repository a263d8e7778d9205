"""The load plan (no server): a replacing load prunes only the documents the database holds."""

from __future__ import annotations

from govkg.graph.neo4j.load import PRUNE, Planner, RowList, _plan, _planning, batches, by_document
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


def packed(data: dict) -> tuple[bytes, bytes]:
    """(the Rust packer's bytes, the pure-Python packer's bytes) of a RUN's parameters."""
    from neo4j._codec.packstream.v1 import Packer
    from neo4j._rust.codec.packstream.v1 import pack
    buffer = Packer.new_packable_buffer()
    Packer(buffer)._py_pack(data)
    return bytes(pack(data, None)), bytes(buffer.data)


def test_rows_in_a_row_list_go_over_the_wire_as_the_same_list() -> None:
    rows = Planner(FACTS).rows(FACTS)["Document"]
    for props in rows:  # a Neo4j DATE is packed through the driver's hooks: plain values here
        props["props"] = {k: v for k, v in props["props"].items() if not hasattr(v, "isoformat")}
    assert packed({"rows": RowList(rows)}) == packed({"rows": rows}), \
        "both packers should send a RowList exactly as they send the list it holds"


def test_a_row_list_reads_as_its_length_only() -> None:
    rows = RowList(Planner(FACTS).rows(FACTS)["Document"])
    assert repr(rows) == "<2 rows>", "the driver's debug line formats the rows: it should get their count, not their text"


def test_a_load_pauses_the_cycle_collector_and_leaves_it_as_it_found_it() -> None:
    import gc
    from govkg.graph.neo4j.load import _cycle_collector_paused
    assert gc.isenabled()
    try:
        with _cycle_collector_paused():
            assert not gc.isenabled(), "the collector should be off while the rows are unpickled and sent"
            raise RuntimeError("a failed batch")
    except RuntimeError:
        pass
    assert gc.isenabled(), "a failed load should turn the collector back on"
    gc.disable()
    try:
        with _cycle_collector_paused():
            pass
        assert not gc.isenabled(), "a caller that had turned the collector off should find it off"
    finally:
        gc.enable()
