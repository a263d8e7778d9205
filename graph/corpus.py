"""The corpus behind an embedded store: build it, add documents to it, take documents out.

Name resolution needs the whole corpus (a body's canonical name is its fullest form anywhere),
so a store keeps the facts as they were read, before resolution (`raw-facts.jsonl`, one FACTS.md
record a line), and what resolution read of them (corpus.json, graph/corpus_state.py). Adding a
gazette extracts only the new documents and resolves them with the corpus's name census. When
no earlier fact changes, the new documents' quads are added to a copy of the live version that
shares its table files (an add costs what the new documents cost); when one does (a fuller name,
a removal of an earlier post), the store is rewritten from the kept raw facts, atomically. The
other gazettes are never re-read either way.
"""

from __future__ import annotations

import json
from itertools import chain
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from pyoxigraph import Quad, Store

from govkg.errors import StoreError, UnknownNameError
from govkg.graph.corpus_state import FILE as STATE, CorpusState
from govkg.graph.rdf import ALT, DERIVED, IN_DOCUMENT, PLACE, PREF, RDF_TYPE, facts_to_quads, iter_quads
from govkg.graph.standards import ontology_quads, removed_posts, seat, seat_of
from govkg.graph.store import MARKER, extend_store, write_store, store_file
from govkg.loaders.pipeline import Extraction, Progress, extract_raw
from govkg.loaders.places import Places, place_tail
from govkg.loaders.resolve import NameCensus, Resolution
from govkg.ontology.facts import FactBase, PostFact, fact_from_json, fact_to_json
from govkg.queries.backends import OxigraphBackend
from govkg.queries.name_index import FILE as NAME_INDEX, NameIndex

LABELS = (PREF, ALT)
NAME_PREDICATES = (RDF_TYPE, PREF, ALT, PLACE)  # all that queries/names.rq reads of an entity
RAW = "raw-facts.jsonl"  # the facts as read (FACTS.md records); an add in place appends a segment


def name_index_bytes(store: Store) -> bytes:
    """The name index (queries/name_index.py) of a store just written: from its own names rows."""
    return NameIndex.from_rows(OxigraphBackend(store).rows("names", {})).to_bytes()


def grown_name_index(earlier: Path, quads: list[Quad], held: set) -> Callable[[Store], bytes]:
    """The name index of a store extended by `quads`: the earlier index's rows and the names rows
    of every entity these quads say something of (an entity's name row changes only when a quad
    about it is added, and the quad writer labels every entity it writes: the subjects labelled
    here). The index is a set of rows, so this is the index a rebuild writes, without reading every
    name of the store. An entity the store `held` before is read from the extended store (its
    earlier names count); of a new one, every quad is among `quads`."""
    def make(store: Store) -> bytes:
        subjects = {q.subject for q in quads if q.predicate in LABELS}
        touched = Store()
        touched.extend([q for s in subjects & held for p in NAME_PREDICATES for q in store.quads_for_pattern(s, p, None)])
        touched.extend([q for q in quads if q.subject in subjects and q.subject not in held and q.predicate in NAME_PREDICATES])
        return NameIndex.grown(earlier, OxigraphBackend(touched).rows("names", {})).to_bytes()
    return make


@dataclass
class Change:
    """What a build, add or remove did: documents by number, and the resulting store's size."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # already in the store: their facts were replaced
    duplicates: list[str] = field(default_factory=list)  # printed more than once in the input
    removed: list[str] = field(default_factory=list)
    documents: int = 0
    kinds: dict[str, int] = field(default_factory=dict)  # the store's facts per kind
    triples: int = 0
    extraction: Extraction | None = None
    incremental: bool = False  # the store was extended in place (an add that changed no earlier fact)

    @property
    def facts(self) -> int:
        return sum(self.kinds.values())


def _state(path: Path) -> CorpusState | None:
    """The live version's corpus state; None for a store written before states were kept."""
    if not (path / MARKER).exists():
        raise StoreError(f"{path}: no govkg store here; run `govkg build --store {path}` first")
    file = store_file(path, STATE)
    return CorpusState.read(file) if file.exists() else None


def raw_facts(path: Path, state: CorpusState | None = None) -> list[FactBase]:
    """The facts the store was built from, as read (before name resolution); `state`: the live
    version's, when the caller has read it already."""
    state = state or _state(path)
    segments = state.segments if state else [RAW]
    if not store_file(path, segments[0]).exists():
        raise StoreError(f"{path}: this store keeps no raw facts (built by an older govkg); rebuild it with `govkg build`")
    facts: list[FactBase] = []
    for segment in segments:
        with store_file(path, segment).open(encoding="utf-8") as f:
            facts.extend(fact_from_json(json.loads(line)) for line in f if line.strip())
    return facts


def _lines(facts: list[FactBase]) -> Iterator[str]:
    """The raw-facts file, a line at a time: written as it is made (the whole file as one string
    was tens of megabytes at the peak of a large build)."""
    return (json.dumps(fact_to_json(f), ensure_ascii=False) + "\n" for f in facts)


def _write(path: Path, raw: list[FactBase], change: Change) -> Change:
    """Write the store of exactly these raw facts, and the state an add grows from."""
    census = NameCensus.of(raw)
    resolution = Resolution(census)
    facts = resolution.resolve(raw)
    places = Places.of(facts)
    quads = chain(iter_quads(facts, resolution.table, removed_posts(facts, places), places), ontology_quads())
    state = CorpusState().grown(raw, facts, census, resolution, places)
    state.segments = [RAW]

    def files(count: int) -> dict:
        state.triples = count
        return {RAW: _lines(raw), STATE: state.to_bytes(), NAME_INDEX: name_index_bytes}
    write_store(path, quads, files)
    change.kinds, change.triples, change.documents = state.kinds, state.triples, len(state.docs)
    return change


def _extend(path: Path, state: CorpusState, new_raw: list[FactBase], change: Change) -> Change | None:
    """Add new documents' quads to a copy of the live version, when they change nothing the store
    already says: every earlier spelling resolves as before (no new fuller name, no new prefix
    fold), no new removal ends an earlier post and no earlier person or spelling changes place.
    Then the old quads stay, untouched, and only the new documents' quads are written (a build's
    quads are the union of per-fact quads, so this is the same store a rebuild makes). Otherwise
    None: the caller rewrites the whole store. The cost is that of the new documents and of the
    corpus's distinct names, never of its earlier facts."""
    live = store_file(path, STATE).parent
    segment = f"raw-facts-{len(state.segments)}.jsonl"
    grown: list[CorpusState] = []  # the state with the new documents, once they pass the checks

    def quads() -> tuple[list[Quad], set] | None:
        """The new documents' quads and the nodes only they can have made (their facts, tasks and
        documents: a fact's node is keyed by its document), or None when they change what the
        store says; made while the store's copy opens (graph/store.py)."""
        census = state.census.copy()
        census.add(new_raw)
        resolution = Resolution(census)
        if any(resolution.body(spelling) != canonical for spelling, canonical in state.spellings.items()):
            return None  # an earlier spelling now names another body: earlier facts change
        facts = resolution.resolve(new_raw)
        places = state.places.extended(facts)
        new_removals = {seat_of(f, places) for f in facts if isinstance(f, PostFact) and f.event == "remove"}
        earlier = [(seat(places, *post[:4]), post[4]) for post in state.posts]  # (seat, event)
        if new_removals & {s for s, _ in earlier}:
            return None  # an earlier seat is no longer held: its standard (org:heldBy) quads change
        if _places_shift(state, places, resolution.table.records()):
            return None  # an earlier person or alias is now of another place: its IRI or altLabels change
        removed = {s for s, event in earlier if event == "remove"} | new_removals
        grown.append(state.grown(new_raw, facts, census, resolution, places))
        grown[0].segments = [*state.segments, segment]
        made = facts_to_quads(facts, resolution.table, removed=removed, places=places)
        return made, {node for q in made if q.predicate == DERIVED for node in (q.subject, q.object)} | {
            q.subject for q in made if q.predicate == IN_DOCUMENT}

    def files(fresh: int, held: set, made: list[Quad]) -> dict:
        grown[0].triples = state.triples + fresh
        return {**{name: live / name for name in state.segments},  # earlier segments: linked, never copied
                segment: _lines(new_raw), STATE: grown[0].to_bytes(), NAME_INDEX: grown_name_index(live / NAME_INDEX, made, held)}
    if extend_store(path, live, quads, files) is None:
        return None
    change.kinds, change.triples, change.documents = grown[0].kinds, grown[0].triples, len(grown[0].docs)
    change.incremental = True
    return change


def _places_shift(state: CorpusState, places: Places, aliases: list[dict]) -> bool:
    """Whether the new documents change who is who in earlier ones: a person merged with a new
    place's (a shared seat), or a new place that an earlier spelling names (no longer an alias there)."""
    before = state.places
    if any(places.persons.get(k, k[1]) != before.persons.get(k, k[1]) for k in state.people):
        return True
    new = [(p, place_tail(p)) for p in set(places.known) - set(before.known)]
    if not new:
        return False
    spellings = [a for rec in aliases if rec.get("canonical") is not None and state.is_named(rec["canonical"])
                 for a in rec.get("aliases", ()) if state.is_printed(a)]  # earlier entities' names, as printed earlier
    return any(a.startswith(p) or (len(t) >= 3 and a.startswith(t)) for a in spellings for p, t in new)


def _numbers(run: Extraction) -> tuple[list[str], list[str]]:
    """The input's document numbers in order, and those printed more than once."""
    seen: dict[str, int] = {}
    for d in run.documents:
        seen[d.number] = seen.get(d.number, 0) + 1
    return list(seen), [n for n, k in seen.items() if k > 1]


def build(path: Path, paths: list[Path], jobs: int = 1, progress: Progress | None = None) -> Change:
    """Replace the store with exactly these gazettes."""
    run = extract_raw(paths, jobs, progress)
    added, dups = _numbers(run)
    return _write(path, run.raw, Change(added=added, duplicates=dups, extraction=run))


def add(path: Path, paths: list[Path], jobs: int = 1, progress: Progress | None = None) -> Change:
    """Add gazettes to the store; a document already in it is replaced (its old facts dropped)."""
    state = _state(path)
    held = state.docs if state else {f.doc: None for f in raw_facts(path)}
    run = extract_raw(paths, jobs, progress)
    numbers, dups = _numbers(run)
    change = Change(added=[n for n in numbers if n not in held], replaced=[n for n in numbers if n in held],
                    duplicates=dups, extraction=run)
    if state is not None and not change.replaced:
        extended = _extend(path, state, run.raw, change)
        if extended:
            return extended
    incoming = set(numbers)
    return _write(path, [f for f in raw_facts(path, state) if f.doc not in incoming] + run.raw, change)


def remove(path: Path, numbers: list[str]) -> Change:
    """Take documents (by number) out of the store; an unknown number changes nothing and fails."""
    old = raw_facts(path)
    held = {f.doc for f in old}
    for number in numbers:
        if number not in held:
            near = sorted(d for d in held if number in d or d in number)[:5]
            raise UnknownNameError("document", number, near)
    gone = set(numbers)
    return _write(path, [f for f in old if f.doc not in gone], Change(removed=list(dict.fromkeys(numbers))))
