"""The embedded store: facts survive the round trip, rebuilds are idempotent, failures change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govkg.graph.rdf import facts_from_store, facts_to_quads
from govkg.graph.store import open_store, write_store
from govkg.ontology.facts import fact_from_json, fact_to_json

GOLD = Path(__file__).parent / "eval" / "facts.jsonl"


def gold_facts() -> list:
    return [fact_from_json(json.loads(line)) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]


def canonical(records: list) -> set[str]:
    out = set()
    for f in records:
        d = fact_to_json(f)
        if "addressees" in d:
            d["addressees"] = sorted(d["addressees"])
        out.add(json.dumps(d, ensure_ascii=False, sort_keys=True))
    return out


def test_every_fact_comes_back_out_of_the_store(tmp_path: Path) -> None:
    facts = gold_facts()
    write_store(tmp_path / "s", facts_to_quads(facts))
    back = facts_from_store(open_store(tmp_path / "s"))
    missing = canonical(facts) - canonical(back)
    assert not missing, f"facts lost in the store round trip: {sorted(missing)[:3]}"
    assert len(back) == len(facts)


def test_rebuilding_gives_the_same_triples(tmp_path: Path) -> None:
    quads = facts_to_quads(gold_facts())
    write_store(tmp_path / "s", quads)
    first = {str(q) for q in open_store(tmp_path / "s")}
    write_store(tmp_path / "s", facts_to_quads(gold_facts()))
    second = {str(q) for q in open_store(tmp_path / "s")}
    assert first == second, "a rebuild from the same facts must give exactly the same graph"


def test_a_failed_build_leaves_the_previous_store_untouched(tmp_path: Path) -> None:
    write_store(tmp_path / "s", facts_to_quads(gold_facts()[:5]))
    before = {str(q) for q in open_store(tmp_path / "s")}

    class Boom(Exception):
        pass

    def exploding():
        yield from facts_to_quads(gold_facts())
        raise Boom()

    with pytest.raises(Boom):
        write_store(tmp_path / "s", exploding())  # type: ignore[arg-type]
    assert {str(q) for q in open_store(tmp_path / "s")} == before
    assert [p.name for p in tmp_path.iterdir()] == ["s"], "no staging directory may be left behind"


def test_a_directory_that_is_not_a_store_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "thesis.txt").write_text("keep me")
    from govkg.errors import StoreError
    with pytest.raises(StoreError, match="not a govkg store"):
        write_store(tmp_path / "precious", facts_to_quads(gold_facts()[:1]))
    assert (tmp_path / "precious" / "thesis.txt").read_text() == "keep me"


def _live_version(path: Path) -> Path:
    return path / (path / "current").readlink()


def test_an_extension_declined_by_its_maker_writes_nothing(tmp_path: Path) -> None:
    """extend_store's quads() may find that the store must be rewritten instead (an add whose new
    documents change earlier facts): it gives None, and the store stays as it was."""
    from govkg.graph.store import extend_store
    write_store(tmp_path / "s", facts_to_quads(gold_facts()[:5]))
    before, version = {str(q) for q in open_store(tmp_path / "s")}, _live_version(tmp_path / "s")
    assert extend_store(tmp_path / "s", version, lambda: None) is None, "expected None: nothing was written"
    assert _live_version(tmp_path / "s") == version, "expected the same live version"
    assert {str(q) for q in open_store(tmp_path / "s")} == before
    assert not [p for p in (tmp_path / "s").iterdir() if p.name.startswith(".staging-")], "no staging left behind"


def test_an_extension_that_fails_while_the_copy_opens_leaves_the_store_untouched(tmp_path: Path) -> None:
    from govkg.graph.store import extend_store
    write_store(tmp_path / "s", facts_to_quads(gold_facts()[:5]))
    before, version = {str(q) for q in open_store(tmp_path / "s")}, _live_version(tmp_path / "s")

    def failing():
        raise ValueError("the quads could not be made")
    with pytest.raises(ValueError):
        extend_store(tmp_path / "s", version, failing)
    assert {str(q) for q in open_store(tmp_path / "s")} == before
    assert not [p for p in (tmp_path / "s").iterdir() if p.name.startswith(".staging-")], "no staging left behind"


def test_an_extension_adds_exactly_the_quads_not_held(tmp_path: Path) -> None:
    """The quads the caller says are new are not looked up; the others are, and only the ones the
    store lacks count."""
    from govkg.graph.store import extend_store
    quads = facts_to_quads(gold_facts())
    write_store(tmp_path / "s", quads[:100])
    version = _live_version(tmp_path / "s")
    fresh = extend_store(tmp_path / "s", version, lambda: (quads[50:150], {q.subject for q in quads[100:150]} -
                                                              {q.subject for q in quads[:100]}))
    assert fresh == len(set(quads[:150]) - set(quads[:100])), f"expected only the quads not held to count, got {fresh}"
    assert {str(q) for q in open_store(tmp_path / "s")} == {str(q) for q in quads[:150]}
