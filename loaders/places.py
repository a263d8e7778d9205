"""Places: the jurisdiction a document speaks for, and who is who across jurisdictions.

A body's folded name (区财政局) is the same string in every district, so a name alone does not
say which body is meant: its identity is (place, name), the place read from the document's issuer
(吕梁市离石区人民政府办公室 -> 吕梁市离石区). Rules, in one place so both stores key alike:

- body: the document's place; a body whose level prefix is the parent's level (市委, 市公安局离石分局
  in a district's document) belongs to the parent place (吕梁市), so a city body named by two of its
  districts is one body;
- group, post description: the document's place;
- person: the document's place, so the same name in two places is two people, EXCEPT when both
  hold the same post (same body, same title): one seat named by two places' documents is explicit
  evidence of one person (吕梁市委书记 孙大军 in two districts' documents). The merged person's
  place is that body's place.
- a document whose place cannot be read (no issuer, or one that names no government) has place
  "": its entities are keyed by name alone, as before places existed, and share one scope.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from govkg.loaders.names import squash
from govkg.ontology.facts import DocumentFact, FactBase, PostFact

# (city)(county or city)人民政府 / 委员会 ...: 吕梁市离石区人民政府办公室 -> (吕梁市, 离石区)
ISSUER = re.compile(r"^(?:中共)?((?:[\u4e00-\u9fff]{1,4}[省市州盟])?)([\u4e00-\u9fff]{1,4}?[区县市旗])(?:人民政府|人民代表大会|委员会|委)")
PROVINCE = re.compile(r"^((?:黑龙江|内蒙古|[\u4e00-\u9fff]{2})(?:省|自治区))(?![\u4e00-\u9fff]{1,6}?[市县区旗]人民政府)[\u4e00-\u9fff]{2,}")
PLACE_PARTS = re.compile(r"^((?:[\u4e00-\u9fff]{1,4}[省市州盟])?)([\u4e00-\u9fff]{1,4}?[区县市旗])$")
LEVELS = "省市州盟区县旗"
NOT_LEVEL = ("市场", "市政", "县城", "区域")  # a first character that is a word, not a level prefix


def read_place(issuer: str | None) -> str | None:
    """The jurisdiction an issuer speaks for: 吕梁市离石区人民政府办公室 -> 吕梁市离石区, 吕梁市人民政府 ->
    吕梁市, 河北省财政厅 -> 河北省; None when the issuer names no place (区政府办公室, a company)."""
    name = squash(issuer or "")
    m = ISSUER.match(name)
    if m and len(m.group(2)) > 1 and m.group(2)[0] not in LEVELS:
        return m.group(1) + m.group(2)
    p = PROVINCE.match(name)
    return p.group(1) if p else None


def parent_place(place: str) -> str | None:
    """The place a place lies in, when its name says so: 吕梁市离石区 -> 吕梁市; 吕梁市 -> None."""
    m = PLACE_PARTS.match(place)
    return m.group(1) if m and m.group(1) else None


def place_tail(place: str) -> str:
    """A place's own name without its parent's: 吕梁市离石区 -> 离石区; 吕梁市 -> 吕梁市."""
    m = PLACE_PARTS.match(place)
    return m.group(2) if m else place


def place_level(place: str) -> str:
    """The level character a place's own bodies are prefixed with: 吕梁市离石区 -> 区."""
    return place[-1:] if place else ""


Key = tuple[str, str]  # (person's name, document place)
Seat = tuple[str, str, str, str]  # (person, body's place, body, title)


@dataclass
class Places:
    """The place of every entity mention of a corpus: built from all facts (the person merge rule
    needs every document), asked per (kind, document, name). It keeps what the merge read (the
    first holder of each seat, the evidence of each merge), so that a store can keep it and an
    add extends it with new documents instead of reading every earlier one again."""

    docs: dict[str, str] = field(default_factory=dict)
    persons: dict[Key, str] = field(default_factory=dict)  # (name, doc place) -> merged place
    seats: dict[Seat, Key] = field(default_factory=dict)  # seat -> the first (name, place) to hold it
    evidence: list[tuple[Key, Key, str]] = field(default_factory=list)  # (first holder, other holder, seat's place)

    @classmethod
    def of(cls, facts: list[FactBase]) -> "Places":
        return cls().extended(facts)

    def extended(self, facts: list[FactBase]) -> "Places":
        """These places and those of more documents' facts (a new object: `known` is cached).
        The same as Places.of(all the facts) when the documents are new ones."""
        out = Places(dict(self.docs), {}, dict(self.seats), list(self.evidence))
        out.docs.update({f.doc: f.place or "" for f in facts if isinstance(f, DocumentFact)})
        for f in facts:
            if isinstance(f, PostFact):
                key, where = (f.person, out.doc(f.doc)), out.body(f.doc, f.body)
                other = out.seats.setdefault((f.person, where, f.body, f.title), key)
                if other != key:
                    out.evidence.append((other, key, where))
        out._merge_people()
        return out

    def to_json(self) -> dict:
        return {"docs": self.docs, "seats": [[*seat, *key] for seat, key in self.seats.items()],
                "evidence": [[*a, *b, place] for a, b, place in self.evidence]}

    @classmethod
    def from_json(cls, data: dict) -> "Places":
        out = cls(dict(data["docs"]), {}, {tuple(r[:4]): tuple(r[4:]) for r in data["seats"]},  # type: ignore[misc]
                  [((r[0], r[1]), (r[2], r[3]), r[4]) for r in data["evidence"]])
        out._merge_people()
        return out

    def doc(self, doc: str) -> str:
        return self.docs.get(doc, "")

    def body(self, doc: str, name: str) -> str:
        place = self.doc(doc)
        parent = parent_place(place)
        if parent and len(name) >= 2 and name[0] == place_level(parent) != place_level(place) \
                and not name.startswith(NOT_LEVEL):
            return parent  # 市委 in a district's document: the city's
        return place

    def person(self, doc: str, name: str) -> str:
        place = self.doc(doc)
        return self.persons.get((name, place), place)

    def of_entity(self, kind: str, doc: str, name: str) -> str:
        """The place that, with the name, identifies an entity of this kind named in this document."""
        if kind == "Body":
            return self.body(doc, name)
        if kind == "Person":
            return self.person(doc, name)
        return self.doc(doc)  # Group, Post

    @cached_property
    def known(self) -> list[str]:
        """Every place an entity can be in (document places, their parents, merged people's)."""
        out = {p for p in self.docs.values() if p} | {p for p in self.persons.values() if p}
        out |= {parent_place(p) for p in list(out) if parent_place(p)}  # type: ignore[misc]
        return sorted(out)

    def aliases_for(self, aliases: list[str], place: str) -> list[str]:
        """The spellings that may name an entity of this place: 东城区医疗保险服务中心 (an alias of
        区医疗保险服务中心, read in 东城区's documents) is not an alias of 离石区's. A spelling opening with
        another known place (its full name or its own part, 东城区) is left out."""
        foreign = self._foreign_prefixes.get(place)
        if foreign is None:
            mine = set()
            p: str | None = place
            while p:
                mine.add(p)
                p = parent_place(p)
            others = [q for q in self.known if q not in mine]
            foreign = self._foreign_prefixes[place] = frozenset(
                others + [t for t in map(place_tail, others) if len(t) >= 3])
        # a spelling's prefixes looked up, not every known place tried: linear in the corpus
        return [a for a in aliases if not any(a[:k] in foreign for k in range(len(a) + 1))]

    @cached_property
    def _foreign_prefixes(self) -> dict[str, frozenset[str]]:
        """place -> the names (and own parts of 3+ characters) of the known places it does not lie in."""
        return {}

    def _merge_people(self) -> None:
        """Union of (name, place) keys that hold the same seat (body place, body, title): the one
        stated merge rule. A merged cluster's place is the seat's place (the first, if several)."""
        parent: dict[Key, Key] = {}

        def find(k: Key) -> Key:
            while parent.get(k, k) != k:
                k = parent[k]
            return k

        for first, other, _ in self.evidence:
            a, b = find(first), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
        where: dict[Key, str] = {}
        for _, key, place in self.evidence:
            root = find(key)
            where[root] = min(where.get(root, place), place)
        self.persons = {key: where[find(key)] for key in {*parent, *parent.values()}}
