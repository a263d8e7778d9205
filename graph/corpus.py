"""The corpus behind an embedded store: build it, add documents to it, take documents out.

Name resolution needs the whole corpus (a body's canonical name is its fullest form anywhere),
so a store keeps the facts as they were read, before resolution (`raw-facts.jsonl`, one FACTS.md
record a line). Adding a gazette then extracts only the new documents, resolves them together
with the kept raw facts (cheap: linear in facts) and writes the store again atomically: the
other gazettes are never re-read. Why not patch quads in place: a new document can change the
canonical name of a body other documents name, and rewriting is a small part of a build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Store

from govkg.errors import StoreError, UnknownNameError
from govkg.graph.rdf import facts_to_quads
from govkg.graph.standards import ontology_quads, removed_posts, seat_of
from govkg.graph.store import MARKER, extend_store, write_store, store_file
from govkg.loaders.pipeline import Extraction, Progress, extract_raw
from govkg.loaders.resolve import AliasTable, resolve_facts
from govkg.loaders.names import squash
from govkg.loaders.places import Places, place_tail
from govkg.ontology.facts import FactBase, MemberFact, PostFact, fact_from_json, fact_to_json
from govkg.queries.backends import OxigraphBackend
from govkg.queries.name_index import FILE as NAME_INDEX, NameIndex

RAW = "raw-facts.jsonl"
RESOLVED = "facts.jsonl"  # the facts as resolved into this version: what an add compares against


def name_index_bytes(store: Store) -> bytes:
    """The name index (queries/name_index.py) of a store just written: from its own names rows."""
    return NameIndex.from_rows(OxigraphBackend(store).rows("names", {})).to_bytes()


@dataclass
class Change:
    """What a build, add or remove did: documents by number, and the resulting store's size."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # already in the store: their facts were replaced
    duplicates: list[str] = field(default_factory=list)  # printed more than once in the input
    removed: list[str] = field(default_factory=list)
    documents: int = 0
    facts: list[FactBase] = field(default_factory=list)
    triples: int = 0
    extraction: Extraction | None = None
    incremental: bool = False  # the store was extended in place (an add that changed no earlier fact)


def raw_facts(path: Path) -> list[FactBase]:
    """The facts the store was built from, as read (before name resolution)."""
    if not (path / MARKER).exists():
        raise StoreError(f"{path}: no govkg store here; run `govkg build --store {path}` first")
    raw = store_file(path, RAW)
    if not raw.exists():
        raise StoreError(f"{path}: this store keeps no raw facts (built by an older govkg); rebuild it with `govkg build`")
    with raw.open(encoding="utf-8") as f:
        return [fact_from_json(json.loads(line)) for line in f if line.strip()]


def _lines(facts: list[FactBase]) -> list[str]:
    return [json.dumps(fact_to_json(f), ensure_ascii=False) + "\n" for f in facts]


def _write(path: Path, raw: list[FactBase], change: Change,
           resolved: tuple[list[FactBase], AliasTable] | None = None) -> Change:
    """Write the store of these raw facts; `resolved`: their resolution, when the caller has it."""
    facts, aliases = resolved or resolve_facts(raw)
    quads = [*facts_to_quads(facts, aliases), *ontology_quads()]
    write_store(path, quads, {RAW: "".join(_lines(raw)), RESOLVED: "".join(_lines(facts)), NAME_INDEX: name_index_bytes})
    change.facts, change.triples, change.documents = facts, len(quads), len({f.doc for f in raw})
    return change


def _extend(path: Path, old_raw: list[FactBase], new_raw: list[FactBase], change: Change,
            resolved: tuple[list[FactBase], AliasTable]) -> Change | None:
    """Add new documents' quads to a copy of the live version, when they change nothing the store
    already says: every earlier fact resolves exactly as before (no new fuller name, no new prefix
    fold) and no new removal ends an earlier post. Then the old quads stay, untouched, and only the
    new documents' quads are written (a build's quads are the union of per-fact quads, so this is
    the same store a rebuild makes). Otherwise None: the caller rewrites the whole store.
    `resolved` is resolve_facts(old_raw + new_raw), which the rewrite then uses too."""
    resolved_file = store_file(path, RESOLVED)
    if not resolved_file.exists():
        return None  # a store from before this file existed: rewrite once
    facts, aliases = resolved
    new_docs = {f.doc for f in new_raw}
    lines = _lines(facts)
    before = resolved_file.read_text(encoding="utf-8").splitlines(keepends=True)
    if sorted(line for f, line in zip(facts, lines) if f.doc not in new_docs) != sorted(before):
        return None
    places = Places.of(facts)
    held_posts = {seat_of(f, places) for f in facts if isinstance(f, PostFact) and f.doc not in new_docs}
    new_removals = {seat_of(f, places) for f in facts
                    if isinstance(f, PostFact) and f.doc in new_docs and f.event == "remove"}
    if new_removals & held_posts:
        return None  # an earlier seat is no longer held: its standard (org:heldBy) quads change
    if _places_shift(facts, new_docs, places, aliases.records(), old_raw):
        return None  # an earlier person or alias is now of another place: its IRI or altLabels change
    added = facts_to_quads([f for f in facts if f.doc in new_docs], aliases, removed=removed_posts(facts, places),
                           places=places)
    raw_text = store_file(path, RAW).read_text(encoding="utf-8") + "".join(_lines(new_raw))
    triples = extend_store(path, resolved_file.parent, added, {RAW: raw_text, RESOLVED: "".join(lines),
                                                                        NAME_INDEX: name_index_bytes})
    change.facts, change.triples, change.documents = facts, triples, len({f.doc for f in facts})
    change.incremental = True
    return change


def _places_shift(facts: list[FactBase], new_docs: set[str], places: Places, aliases: list[dict],
                  old_raw: list[FactBase]) -> bool:
    """Whether the new documents change who is who in earlier ones: a person merged with a new
    place's (a shared seat), or a new place that an earlier spelling names (no longer an alias there)."""
    old = [f for f in facts if f.doc not in new_docs]
    before = Places.of(old)
    people = {(f.person, places.doc(f.doc)) for f in old if isinstance(f, PostFact)}
    people |= {(f.member, places.doc(f.doc)) for f in old if isinstance(f, MemberFact) and f.member_type == "person"}
    if any(places.persons.get(k, k[1]) != before.persons.get(k, k[1]) for k in people):
        return True
    new = [(p, place_tail(p)) for p in set(places.known) - set(before.known)]
    named = {v for f in old for v in f.model_dump().values() if isinstance(v, str)}  # earlier entities' names
    printed = {squash(v) for f in old_raw for v in f.model_dump().values() if isinstance(v, str)}  # as earlier documents print them
    spellings = [a for rec in aliases if rec.get("canonical") in named for a in rec.get("aliases", ()) if a in printed]
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
    old = raw_facts(path)
    run = extract_raw(paths, jobs, progress)
    numbers, dups = _numbers(run)
    incoming = set(numbers)
    held = {f.doc for f in old}
    kept = [f for f in old if f.doc not in incoming]
    change = Change(added=[n for n in numbers if n not in held], replaced=[n for n in numbers if n in held],
                    duplicates=dups, extraction=run)
    if change.replaced:
        return _write(path, kept + run.raw, change)
    raw = old + run.raw  # nothing replaced: every earlier fact is kept
    resolved = resolve_facts(raw)
    return _extend(path, old, run.raw, change, resolved) or _write(path, raw, change, resolved)


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
