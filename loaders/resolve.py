"""Name resolution: every spelling of a body or group -> one canonical name.

The canonical name is the fullest form the corpus itself prints (FACTS.md). Resolution runs over
all facts at once: collect every body mention, fold the locality prefix (吕梁市离石区 -> 区), apply
the shape rules of ontology/aliases.json (区政府 -> 区人民政府), then map each abbreviation to the
unique longer mention it abbreviates — same level prefix, same kind of head (局, 中心, 街道...),
its characters a subsequence of the full name (区工科局 -> 区工信和科技局; the typo
市生态环境离石分局 -> 市生态环境局离石分局). A mention with no level prefix (住建局) is tried with
the corpus's own level added.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from govkg.loaders.names import is_collective, squash
from govkg.loaders.places import read_place
from govkg.ontology.facts import (
    IDENTITY_FIELDS, DocumentFact, DutyFact, FactBase, MemberFact, OfficeFact, PostFact, ReplyFact, TaskFact,
    with_fields)
from govkg.ontology.vocabulary import body_suffixes_longest_first, level_prefixes

PAREN = str.maketrans({"(": "（", ")": "）"})
ENTERPRISE_HEADS = ("公司", "集团", "银行", "分行", "支行")
TOWNSHIP_HEADS = ("街道办事处", "街道办", "街道", "乡人民政府", "镇人民政府", "苏木")
TRAILING_NOTE = re.compile(r"（[^（）]*）$")


@lru_cache(maxsize=1)
def _registry() -> dict:
    return json.loads(resources.files("govkg.ontology").joinpath("aliases.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _rewrites() -> list[tuple[re.Pattern[str], str]]:
    """The registry's shape rewrites, their {L} filled with the level prefixes and compiled once:
    normal() runs for every mention of a corpus's census (and an add builds the census's resolver
    again), and filling and looking up five patterns per call was most of its time."""
    levels = "|".join(level_prefixes())
    return [(re.compile(rule["from"].replace("{L}", levels)), rule["to"]) for rule in _registry()["rewrites"]]


@lru_cache(maxsize=1)
def _party_departments() -> tuple[frozenset[str], frozenset[str]]:
    """(the party departments' names, the same without their last character): a bare 组织部 is
    the party's department of the level the corpus is at."""
    names = _registry()["party_departments"]
    return frozenset(names), frozenset(p[:-1] for p in names)


@dataclass
class AliasTable:
    """canonical -> aliases, per type ("body", "group"); exported as aliases.jsonl."""

    clusters: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    prefixes: list[tuple[str, str]] = field(default_factory=list)

    def add(self, kind: str, canonical: str, alias: str) -> None:
        if alias != canonical:
            self.clusters[kind][canonical].add(alias)

    def records(self) -> list[dict]:
        out: list[dict] = [{"type": "prefix", "from": f, "to": t} for f, t in self.prefixes]
        for kind in sorted(self.clusters):
            for canonical in sorted(self.clusters[kind]):
                aliases = sorted(self.clusters[kind][canonical])
                if aliases:
                    out.append({"type": kind, "canonical": canonical, "aliases": aliases})
        return out


def head_class(name: str) -> str:
    """The kind of body a name ends in, so 区政府 never merges into 区政府办公室."""
    for cls, heads in _registry()["head_classes"].items():
        if name.endswith(tuple(heads)):
            return cls
    return next((s for s in body_suffixes_longest_first() if name.endswith(s)), name[-1:])


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def split_level(name: str) -> tuple[str, str]:
    """(level prefix, rest): 区工科局 -> (区, 工科局); 莲花池街道办事处 -> ("", 莲花池街道办事处)."""
    if len(name) > 2 and name[0] in level_prefixes():
        return name[0], name[1:]
    return "", name


# a province's own body as the issuer: the province's prefix folds to 省 (河北省财政厅 -> 省财政厅)
PROVINCE_BODY = re.compile(r"^((?:黑龙江|[\u4e00-\u9fff]{2})省)(?![\u4e00-\u9fff]{1,6}?[市县区旗]人民政府)[\u4e00-\u9fff]{2,}")


ISSUER_PLACE = re.compile(r"^((?:[\u4e00-\u9fff]{1,4}[省市州盟])?)([\u4e00-\u9fff]{1,4}?([区县市旗]))人民政府")


def issuer_vote(issuer: str) -> tuple[str, str, str] | None:
    """(city, county, level) an issuer speaks for, for the locality vote: 吕梁市离石区人民政府 ->
    (吕梁市, 离石区, 区); a province's own body -> ("", 河北省, 省)."""
    m = ISSUER_PLACE.match(squash(issuer))
    if m and m.group(2) not in level_prefixes():
        return m.group(1), m.group(2), m.group(3)
    province = PROVINCE_BODY.match(squash(issuer))  # 河北省工业和信息化厅, 山东省人民政府办公厅
    return ("", province.group(1), "省") if province else None


def folds_of(votes: dict[tuple[str, str, str], int]) -> list[tuple[str, str]]:
    """Prefix folds from issuer votes (in the order first voted): 吕梁市离石区人民政府 ->
    [(吕梁市离石区, 区), (离石区, 区), (吕梁市, 市)]. The most frequent issuer comes first, since its
    level is the one a prefixless name (住建局) takes; gazettes of several places fold each place's prefix."""
    folds: list[tuple[str, str]] = []
    for (city, county, level), _ in Counter(votes).most_common():
        candidates = [(city + county, level)] if city else []
        candidates.append((county, level))
        if city and city[-1] != level:
            candidates.append((city, city[-1]))  # the parent city's bodies: 吕梁市委 -> 市委
        folds.extend(c for c in candidates if c not in folds)
    return folds


PROVINCIAL_HEADS = ("厅",)  # kinds of body only a province has (not 办公厅: every government has one)


class Resolver:
    """Maps any spelling to a canonical name; built from all body mentions of a corpus."""

    def __init__(self, mentions: Counter[str], folds: list[tuple[str, str]]):
        self.folds = sorted(folds, key=lambda f: -len(f[0]))
        self.level = folds[0][1] if folds else "区"
        # the folds by their prefix, the first of each in that order, and the prefixes' lengths,
        # longest first: a name's fold is found by a lookup per length, not by trying every fold
        # (one per place: a corpus of many places made every name's fold a scan of them all)
        self._fold_at: dict[str, tuple[str, str]] = {}
        for src, dst in self.folds:
            self._fold_at.setdefault(src, (src, dst))
        self._fold_lengths = sorted({len(src) for src in self._fold_at}, reverse=True)
        self.counts: Counter[str] = Counter()
        for name, n in mentions.items():
            self.counts[self.normal(name)] += n
        self._cache: dict[str, str] = {}
        # Mentions by (kind of head, level prefix), in mention order: an abbreviation is looked
        # up among the names it could abbreviate, not among all names (linear resolution).
        self._buckets: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for cand in self.counts:
            clvl, crest = split_level(cand)
            self._buckets.setdefault((head_class(cand), clvl), []).append((cand, crest))
        self._longer_cache: dict[str, str | None] = {}
        self._bucket_chars: dict[tuple[str, str], dict[str, list[int]]] = {}

    def _fold_rule(self, name: str) -> tuple[str, str] | None:
        """The first prefix fold (src, dst), longest prefix first, whose prefix opens the squashed
        `name` and is not all of it (two prefixes of one length cannot both open a name)."""
        for length in self._fold_lengths:
            if len(name) > length:
                rule = self._fold_at.get(name[:length])
                if rule is not None:
                    return rule
        return None

    def place_printed(self, name: str) -> str:
        """The place prefix the fold takes off `name` (吕梁市东城 of 吕梁市东城区财政局), or ''."""
        rule = self._fold_rule(squash(name).translate(PAREN))
        if rule is None:
            return ""
        src, dst = rule
        return src[: len(src) - len(dst)] if src.endswith(dst) else src

    def fold(self, name: str) -> str:
        name = squash(name).translate(PAREN)
        rule = self._fold_rule(name)
        if rule is not None:
            src, dst = rule
            if src[-1] == self.level or not name.endswith(ENTERPRISE_HEADS):  # a city's company keeps its
                name = dst + name[len(src):]  # registered name (太原市热力集团有限责任公司)
        level, rest = split_level(name)
        if level and rest.endswith(TOWNSHIP_HEADS) and not is_collective(name):
            return rest  # townships and streets are named without the district prefix
        return name

    def normal(self, name: str) -> str:
        """Prefix fold and shape rules, no corpus knowledge."""
        owned = name.rsplit("所属", 1)[-1]  # `省人社厅所属省群体创业服务中心` names the centre
        name = self.fold(owned if len(owned) >= 3 else name)
        for pattern, replacement in _rewrites():
            if pattern.search(name) is None:
                continue  # most names match no rewrite: not worth a sub's template expansion
            new = pattern.sub(replacement, name)
            if new != name:
                name = new
                break
        departments, stems = _party_departments()
        if name in departments or (name.endswith("部") and name[:-1] in stems):
            name = f"{self.level}委{name}"
        return name

    def canonical(self, name: str) -> str:
        if name in self._cache:
            return self._cache[name]
        norm = self.normal(name)
        bare = TRAILING_NOTE.sub("", norm)
        if bare != norm and len(bare) >= 3 and not is_collective(norm):
            norm = bare  # 区工科局（商务局）: a second name in brackets, not part of the first
        result = norm if is_collective(norm) else self._expand(norm)
        self._cache[name] = result
        return result

    def _expand(self, norm: str) -> str:
        if norm in ("街道办事处", "街道", "办事处"):
            return norm  # a bare kind of body, not an abbreviation of one street office
        level, _ = split_level(norm)
        tries = [norm]
        if not level and norm[:1] not in ("市", "省") and not norm.endswith(("街道办事处", "乡", "镇")):
            # the level's own body, when the corpus names it so, before the bare mention (农业农村厅 after
            # 省农业农村厅 is that body)
            tries.insert(0 if self.level + norm in self.counts else 1, self.level + norm)
        for cand in tries:
            if cand in self.counts and self._longer(cand) is None:
                return cand
            longer = self._longer(cand)
            if longer:
                return self._expand(longer) if longer != cand else longer
        if not level and norm.endswith(PROVINCIAL_HEADS) and not norm.endswith("办公厅") and len(norm) >= 3 \
                and not norm.startswith(("中共", "国家")):
            return "省" + norm  # only a province has 厅: `教育厅` in a list after `省发展改革委` is 省教育厅
        return norm

    def _longer(self, short: str) -> str | None:
        """The unique fuller mention that `short` abbreviates, if any."""
        if short not in self._longer_cache:
            self._longer_cache[short] = self._find_longer(short)
        return self._longer_cache[short]

    def _candidates(self, key: tuple[str, str], rest: str) -> list[tuple[str, str]]:
        """The mentions of a bucket whose rest holds every character of `rest`, in mention order:
        only they can hold it as a subsequence. A bucket can grow with the places of a corpus
        (a city's 市公安局东城分局, 市公安局西山分局, ... one per district), so a large one is read
        through an index of its characters (built at its first lookup) instead of scanned."""
        bucket = self._buckets.get(key, [])
        if len(bucket) < 32:
            return bucket
        index = self._bucket_chars.get(key)
        if index is None:
            index = self._bucket_chars[key] = {}
            for i, (_, crest) in enumerate(bucket):
                for ch in dict.fromkeys(crest):
                    index.setdefault(ch, []).append(i)
        rarest = min((index.get(ch, []) for ch in set(rest)), key=len)
        return [bucket[i] for i in rarest]

    def _find_longer(self, short: str) -> str | None:
        lvl, rest = split_level(short)
        if not rest:
            return None
        head = head_class(short)
        found = [cand for cand, crest in self._candidates((head, lvl), rest)
                 if len(cand) > len(short) and crest and is_subsequence(rest, crest)]
        if not found:
            return None
        maximal = [c for c in found if not any(c != o and is_subsequence(split_level(c)[1], split_level(o)[1])
                                                and head_class(o) == head_class(c) for o in found)]
        if len(maximal) == 1:
            return maximal[0]
        ranked = sorted(maximal, key=lambda c: (-self.counts[c], -len(c)))
        if self.counts[ranked[0]] > self.counts[ranked[1]]:
            return ranked[0]
        return None


BODY_FIELDS: dict[type, tuple[str, ...]] = {
    PostFact: ("body",),
    OfficeFact: ("host_body",),
    TaskFact: ("body",),
    DutyFact: ("body",),
    DocumentFact: ("issuer",),
    ReplyFact: ("responder",),
}


def _body_names(f: FactBase) -> list[tuple[str, bool]]:
    """The body names a fact prints, each with whether resolution maps it (a collective is kept as
    printed, but still counts as a mention)."""
    out = [(getattr(f, name), not getattr(f, "collective", False)) for name in BODY_FIELDS.get(type(f), ())]
    if isinstance(f, MemberFact) and f.member_type == "body":
        out.append((f.member, not f.collective))
    return [(name, mapped) for name, mapped in out if name]


@dataclass
class NameCensus:
    """Everything name resolution reads from a corpus, small enough to keep beside its store.

    Resolution is corpus-wide (a body's canonical name is its fullest form anywhere, the issuers'
    places decide the prefix folds), but it reads only these tallies, not the facts themselves. A
    store keeps its census, so an add resolves its new documents with the census of the whole
    corpus and re-resolves only the earlier *spellings* (a few hundred), not every earlier fact.
    All tallies keep first-seen order, so a census grown by adds equals one taken in one pass."""

    mentions: dict[str, int] = field(default_factory=dict)  # body spelling -> times printed
    votes: dict[tuple[str, str, str], int] = field(default_factory=dict)  # issuer place -> documents
    groups: dict[str, None] = field(default_factory=dict)  # printed group names, in order of last printing
    mapped: dict[str, None] = field(default_factory=dict)  # the spellings facts ask resolution for

    @classmethod
    def of(cls, facts: list[FactBase]) -> "NameCensus":
        census = cls()
        census.add(facts)
        return census

    def add(self, facts: list[FactBase]) -> None:
        for f in facts:
            if isinstance(f, DocumentFact) and f.issuer:
                vote = issuer_vote(f.issuer)
                if vote:
                    self.votes[vote] = self.votes.get(vote, 0) + 1
            for name, mapped in _body_names(f):
                self.mentions[name] = self.mentions.get(name, 0) + 1
                if mapped:
                    self.mapped[name] = None
            if isinstance(f, MemberFact | OfficeFact):
                for g in (f.group, getattr(f, "parent", None)):
                    if g:
                        self.groups.pop(g, None)
                        self.groups[g] = None

    def folds(self) -> list[tuple[str, str]]:
        return folds_of(self.votes)

    def copy(self) -> "NameCensus":
        return NameCensus(dict(self.mentions), dict(self.votes), dict(self.groups), dict(self.mapped))

    def to_json(self) -> dict:
        return {"mentions": self.mentions, "votes": [[*k, n] for k, n in self.votes.items()],
                "groups": list(self.groups), "mapped": list(self.mapped)}

    @classmethod
    def from_json(cls, data: dict) -> "NameCensus":
        return cls(dict(data["mentions"]), {(a, b, c): n for a, b, c, n in data["votes"]},
                   dict.fromkeys(data["groups"]), dict.fromkeys(data["mapped"]))


class _GroupPlaces:
    """The groups printed under one folded name, found by place: the last printed group whose place
    is the asking name's place, ends with it or is its tail, or that names no place.

    A district's 区…专班 folds to the same string in every district, so trying each printed group
    made every lookup cost as many places as the corpus has (quadratic in the places over a
    build); here a lookup costs the suffixes of its place. Groups keep their print order."""

    def __init__(self, printed: dict[str, str]):
        self.names = list(printed)
        self.placeless: list[int] = []
        self.by_place: dict[str, list[int]] = defaultdict(list)  # a group's place -> its groups
        self.by_tail: dict[str, list[int]] = defaultdict(list)  # every tail of a group's place -> its groups
        for i, where in enumerate(printed.values()):
            if not where:
                self.placeless.append(i)
                continue
            self.by_place[where].append(i)
            for k in range(len(where)):
                self.by_tail[where[k:]].append(i)

    def last_of(self, place: str) -> str | None:
        if not place:
            return self.names[-1]
        found = [self.placeless[-1]] if self.placeless else []
        found += self.by_tail[place][-1:] if place in self.by_tail else []  # its place ends with ours
        for k in range(len(place)):  # ours ends with its place
            group = self.by_place.get(place[k:])
            if group:
                found.append(group[-1])
        return self.names[max(found)] if found else None


class Resolution:
    """A corpus's names resolved: each spelling to its canonical name, and the alias table of the
    spellings asked for. Built from a census; facts of any part of the corpus are then resolved
    with `resolve`."""

    def __init__(self, census: NameCensus):
        folds = census.folds()
        self.resolver = Resolver(Counter(census.mentions), folds)
        self.table = AliasTable(prefixes=folds)
        # folded group name -> the groups printed so (in print order): a district's 区…专班 folds to
        # the same string in every district, so a name is matched only with a group of its own place
        self.groups: dict[str, dict[str, str]] = defaultdict(dict)
        for g in census.groups:
            self.groups[self.resolver.fold(g)][g] = self.resolver.place_printed(g)
        self._group_places: dict[str, _GroupPlaces] = {}
        self.memo: dict[str, str] = {}

    def group_named(self, name: str, stem: str) -> str | None:
        """The group a body name stands for: the last printed group of that folded name whose place
        is the name's own (or either names none)."""
        printed = self.groups.get(stem)
        if not printed:
            return None
        places = self._group_places.get(stem)
        if places is None:
            places = self._group_places[stem] = _GroupPlaces(printed)
        return places.last_of(self.resolver.place_printed(name))

    def body(self, name: str | None) -> str | None:
        """A body's canonical name (once per spelling: the answer depends on the spelling only)."""
        if not name:
            return name
        if name not in self.memo:
            self.memo[name] = self._body_of(name)
        return self.memo[name]

    def _body_of(self, name: str) -> str:
        folded = self.resolver.fold(name)
        for suffix in ("", "办公室"):
            stem = folded[: len(folded) - len(suffix)] if folded.endswith(suffix) else None
            group = self.group_named(name, stem) if stem else None
            if group:  # a group (or its office) acting as a body keeps the group's printed name
                return group + suffix
        canon = self.resolver.canonical(name)
        self.table.add("body", canon, squash(name))
        return canon

    def resolve(self, facts: list[FactBase]) -> list[FactBase]:
        """Canonical names on every fact, duplicates (same key after resolution) dropped."""
        out: list[FactBase] = []
        seen: set = set()
        for f in facts:
            changes = {name: self.body(getattr(f, name)) for name in BODY_FIELDS.get(type(f), ())
                       if not getattr(f, "collective", False)}
            if isinstance(f, MemberFact) and f.member_type == "body" and not f.collective:
                changes["member"] = self.body(f.member)
            if isinstance(f, DocumentFact) and f.place is None:
                changes["place"] = read_place(f.issuer)  # before folding: 吕梁市离石区人民政府 names the place
            if isinstance(f, PostFact | MemberFact):
                if isinstance(f, PostFact):
                    changes["person"] = squash(f.person)
                elif f.member_type == "person":
                    changes["member"] = squash(f.member)
            changed = {k: v for k, v in changes.items() if v != getattr(f, k)}
            new = with_fields(f, **changed) if changed else f  # facts are frozen: sharing is safe
            key = _identity(new)
            if key in seen:
                continue
            seen.add(key)
            out.append(new)
        return out


def _identity(fact: FactBase) -> tuple:
    """What makes two facts the same fact: every field but where it was read, lists as tuples so
    the whole is hashable (the same equality as the fields' JSON, without encoding it). The
    fields, in name order, are those of the fact's model, sorted once per model."""
    return tuple((name, tuple(value) if type(value := getattr(fact, name)) is list else value)
                 for name in IDENTITY_FIELDS[type(fact)])


def resolve_facts(facts: list[FactBase]) -> tuple[list[FactBase], AliasTable]:
    """Canonical names on every fact, duplicates (same key after resolution) dropped."""
    resolution = Resolution(NameCensus.of(facts))
    return resolution.resolve(facts), resolution.table
