"""What a store version keeps of its corpus so that an add need not read the corpus again.

An add in place must know whether the new documents change anything the store already says, and
write only the new documents' quads. Reading and re-resolving every earlier fact for that made an
add cost as much as the corpus is large; this state is what those checks actually read, a few
tallies per distinct name (not per fact):

- the name census (loaders/resolve.py) and the canonical name each earlier spelling resolved to:
  earlier facts resolve as before exactly when every earlier spelling does (a fact's resolution
  is a function of its spellings, given the census);
- the places (loaders/places.py) with their merge evidence, the earlier posts (to see whether a
  new removal ends an earlier seat) and the (person, place) keys earlier facts name;
- the short strings earlier facts name (resolved) and print (as read), for the check that a new
  place does not turn an earlier spelling into another place's name. Strings longer than
  SHORT are not kept: a name that long is taken as possibly named (the add then rewrites).

Everything keeps first-seen order, so a state grown by adds equals the state of a build of the
same documents (tests/test_incremental.py compares the stores quad for quad).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from govkg.loaders.names import squash
from govkg.loaders.places import Places
from govkg.loaders.resolve import NameCensus, Resolution
from govkg.ontology.facts import FactBase, MemberFact, PostFact, fact_dict

FILE = "corpus.json"
SHORT = 64  # longest string kept for the place-shift check (body and group names are far shorter)

Post = tuple[str, str, str, str, str]  # (doc, person, body, title, event)


def _strings(fact: FactBase, fold=lambda v: v) -> set[str]:
    return {fold(v) for v in fact_dict(fact).values() if isinstance(v, str) and len(v) <= SHORT}


@dataclass
class CorpusState:
    """The corpus behind one store version, as far as an add in place needs it."""

    census: NameCensus = field(default_factory=NameCensus)
    spellings: dict[str, str] = field(default_factory=dict)  # spelling -> canonical name
    places: Places = field(default_factory=Places)
    posts: dict[Post, None] = field(default_factory=dict)
    people: dict[tuple[str, str], None] = field(default_factory=dict)  # (person, document place)
    named: set[str] = field(default_factory=set)  # short strings of the resolved facts
    printed: set[str] = field(default_factory=set)  # short strings of the facts as read, squashed
    docs: dict[str, None] = field(default_factory=dict)  # document numbers
    kinds: dict[str, int] = field(default_factory=dict)  # resolved facts per kind
    segments: list[str] = field(default_factory=list)  # the raw-facts files, in order
    triples: int = 0

    def grown(self, raw: list[FactBase], facts: list[FactBase], census: NameCensus,
              resolution: Resolution, places: Places) -> "CorpusState":
        """This state with new documents: `raw` as read, `facts` resolved by `resolution` (made
        from `census`, this census grown by `raw`), `places` this state's grown by `facts`."""
        out = CorpusState(census, {s: resolution.memo[s] for s in census.mapped}, places, dict(self.posts),
                          dict(self.people), set(self.named), set(self.printed), dict(self.docs),
                          dict(self.kinds), list(self.segments), self.triples)
        for f in raw:
            out.docs[f.doc] = None
            out.printed |= _strings(f, squash)
        for f in facts:
            out.kinds[f.kind] = out.kinds.get(f.kind, 0) + 1
            out.named |= _strings(f)
            if isinstance(f, PostFact):
                out.posts[(f.doc, f.person, f.body, f.title, f.event or "")] = None
                out.people[(f.person, places.doc(f.doc))] = None
            elif isinstance(f, MemberFact) and f.member_type == "person":
                out.people[(f.member, places.doc(f.doc))] = None
        return out

    def is_named(self, text: str) -> bool:
        return len(text) > SHORT or text in self.named

    def is_printed(self, text: str) -> bool:
        return len(text) > SHORT or text in self.printed

    def to_bytes(self) -> bytes:
        return json.dumps({
            "census": self.census.to_json(), "spellings": self.spellings, "places": self.places.to_json(),
            "posts": list(self.posts), "people": list(self.people), "named": sorted(self.named),
            "printed": sorted(self.printed), "docs": list(self.docs), "kinds": self.kinds,
            "segments": self.segments, "triples": self.triples,
        }, ensure_ascii=False).encode("utf-8")

    @classmethod
    def read(cls, path: Path) -> "CorpusState":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(NameCensus.from_json(data["census"]), data["spellings"], Places.from_json(data["places"]),
                   dict.fromkeys(tuple(p) for p in data["posts"]), dict.fromkeys(tuple(p) for p in data["people"]),
                   set(data["named"]), set(data["printed"]), dict.fromkeys(data["docs"]), data["kinds"],
                   data["segments"], data["triples"])

