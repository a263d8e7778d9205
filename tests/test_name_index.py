"""Names are resolved through the index the build writes (names.sqlite), not by reading every name:
the same answers as the whole name table gave, for exact names, aliases, abbreviations, typos and
unknown names with their suggestions."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from govkg.errors import UnknownNameError
from govkg.graph.store import open_version
from govkg.queries.answers import Questions
from govkg.queries.backends import OxigraphBackend, Row
from govkg.queries.name_index import FILE, NameIndex

KINDS = [("Group", "Body"), ("Person",), ("Body",), ("Group", "Body", "Person", "Document")]


class CountingBackend(OxigraphBackend):
    """The real store, counting which named queries ran (a resolution must not run `names`)."""

    def __init__(self, store):
        super().__init__(store)
        self.ran: list[str] = []

    def rows(self, query: str, params: dict[str, str]) -> list[Row]:
        self.ran.append(query)
        return super().rows(query, params)


@pytest.fixture(scope="module")
def indexed(sample_store: Path) -> Questions:
    store, version = open_version(sample_store)
    assert (version / FILE).exists(), f"the build should write {FILE} into the store version"
    return Questions(CountingBackend(store), NameIndex.open(version / FILE))


def outcome(q: Questions, name: str, kinds: tuple[str, ...]) -> object:
    try:
        return q.resolve(name, kinds)
    except UnknownNameError as e:
        return ("unknown", e.suggestions)


def typed_names(q: Questions) -> list[str]:
    """What users type: every name and alias, each with a character dropped or replaced, a few
    prefixes and tails, and names that are nowhere."""
    rows = q.backend.rows("names", {})
    names = sorted({r["name"] for r in rows} | {r["alias"] for r in rows if r["alias"]})
    rnd = random.Random(7)
    typed = list(names)
    for n in rnd.sample(names, min(150, len(names))):
        i = rnd.randrange(len(n))
        typed += [n[:i] + n[i + 1:], n[:i] + "汗" + n[i + 1:], "区" + n[-3:], n[:2], n[1:]]
    return typed + ["", "区", "区工科局", "区不存在局", "县防汛抗汗指挥部", "x", '" } ;']


def test_resolving_through_the_index_gives_what_the_whole_name_table_gave(indexed: Questions) -> None:
    table = Questions(indexed.backend)  # no index: made in memory from every `names` row
    differ = [(name, kinds, outcome(table, name, kinds), outcome(indexed, name, kinds))
              for name in typed_names(indexed) for kinds in KINDS
              if outcome(table, name, kinds) != outcome(indexed, name, kinds)]
    assert not differ, f"the index must resolve and suggest as the name table did; first differences: {differ[:3]}"


def test_a_question_never_reads_the_whole_name_table(indexed: Questions) -> None:
    indexed.backend.ran.clear()
    indexed.who_leads("区工科局")
    with pytest.raises(UnknownNameError):
        indexed.person("不存在的人")
    assert "names" not in indexed.backend.ran, f"resolution should use the index, ran: {indexed.backend.ran}"


def test_an_alias_resolves_to_its_canonical_name(indexed: Questions) -> None:
    assert indexed.resolve("区工科局", ("Body",)) == ("Body", "区工信和科技局"), "区工科局 is the sample's alias of 区工信和科技局"


def test_suggestions_for_an_unknown_name_are_the_close_known_names(indexed: Questions) -> None:
    with pytest.raises(UnknownNameError) as e:
        indexed.resolve("区财政", ("Body",))
    assert "区财政局" in e.value.suggestions, f"区财政 should suggest 区财政局, got {e.value.suggestions}"
