"""The questions govkg answers, built on any Backend so both stores give the same answer.

Names users type go through the same resolution as extraction: exact canonical name, a recorded
alias, then the abbreviation matcher (区工科局 -> 区工信和科技局). Unknown names raise
UnknownNameError with the closest known names. A name is looked up within a place (--place, or the
place the typed name opens with) when one is given; a name in several places raises
AmbiguousNameError listing them rather than answering for one (loaders/places.py says who is who).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from functools import cached_property

from govkg.errors import AmbiguousNameError, UnknownNameError
from govkg.loaders.names import squash
from govkg.loaders.places import parent_place, place_level, place_tail
from govkg.loaders.resolve import Resolver
from govkg.ontology.vocabulary import group_role_order, is_leadership_title, is_leading_group_role, title_rank
from govkg.queries.backends import Backend, Row
from govkg.queries.name_index import NameIndex

RANK_ORDER = {"正职": 0, "副职": 1, "other": 2}


class Questions:
    def __init__(self, backend: Backend, names: NameIndex | None = None):
        """`names`: the store's name index (queries/name_index.py): a name typed exactly as the graph
        holds it is found there with its places, without reading the whole name table; anything
        else (aliases, abbreviations, --place, suggestions) reads the table once per process."""
        self.backend = backend
        self._index = names
        self._abbreviations: dict[str, Resolver] = {}

    # -- names ---------------------------------------------------------------------------
    @cached_property
    def _names(self) -> tuple[dict[str, dict[str, set[str]]], dict[str, dict[str, str]], dict[str, dict[str, set[str]]]]:
        """(type -> canonical name -> its places, type -> alias -> canonical name, type -> alias -> the
        places of the entities spelled so: 东城区医疗保险服务中心 is only 东城区's)."""
        canonical: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        aliases: dict[str, dict[str, str]] = defaultdict(dict)
        spelled: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        rows = self._index.rows() if self._index is not None else self.backend.rows("names", {})
        for row in rows:  # the store's name index when it has one: no query over the whole store
            canonical[row["type"]][row["name"]].add(row.get("place") or "")
            if row["alias"]:
                aliases[row["type"]][squash(row["alias"])] = row["name"]
                spelled[row["type"]][squash(row["alias"])].add(row.get("place") or "")
        return canonical, aliases, spelled

    @cached_property
    def places(self) -> list[str]:
        """Every place an entity of the graph is in (吕梁市离石区, 吕梁市 ...)."""
        return sorted({p for by_name in self._names[0].values() for ps in by_name.values() for p in ps if p})

    def place(self, typed: str) -> str:
        """The place a user means by --place: a known place, or the one known place ending with what
        was typed (离石区 -> 吕梁市离石区); UnknownNameError otherwise."""
        wanted = squash(typed)
        if wanted in self.places:
            return wanted
        ending = [p for p in self.places if p.endswith(wanted) and len(wanted) >= 2]
        if len(ending) == 1:
            return ending[0]
        raise UnknownNameError("place", typed, ending or difflib.get_close_matches(wanted, self.places, n=5, cutoff=0.3))

    def find(self, name: str, types: tuple[str, ...], place: str | None = None) -> tuple[str, str, str]:
        """(type, canonical name, place) for what a user typed. A name in several places is
        AmbiguousNameError listing them (pass place); with a place, only that place's names (and its
        parents': 市委 of a district is the city's) are candidates, suggestions included; a name that
        itself names an unknown place (吕梁市东城区…专班 on a store without 东城区) is unknown."""
        wanted = squash(name)
        if place is None and self._index is not None:
            for t in types:
                places = self._index.places(t, wanted)
                if len(places) > 1:
                    raise AmbiguousNameError(t.lower(), wanted, sorted(places))
                if places:
                    return t, wanted, places[0]
        canonical, aliases, spelled = self._names
        scope = self.place(place) if place else None
        if scope is None and not any(wanted in canonical[t] or wanted in aliases[t] for t in types):
            scope = self._place_in_name(wanted)  # only a name not in the graph as typed is read for a place
        within = _within(scope) if scope is not None else None
        by_alias = next((t for t in types if wanted not in canonical[t] and wanted in aliases[t]), None)
        if within is None and by_alias:
            within = spelled[by_alias][wanted]  # a spelling names the entities it was read for
        if within is None:  # every name: the tables as they are (no copy per question)
            names: dict = canonical
            known: dict = aliases
        else:
            names = {t: {n for n, ps in canonical[t].items() if ps & within} for t in types}
            known = {t: {a: n for a, n in aliases[t].items() if n in names[t]} for t in types}
        whole = within is None
        folded = _fold_place(wanted, scope) if scope else None
        kind, resolved = "", ""
        if folded and not any(wanted in names[t] or wanted in known[t] for t in types):
            try:  # 东城区医疗保险服务中心 is 区医疗保险服务中心 of 东城区 (bodies are named folded; groups as printed)
                kind, resolved = self._resolve(folded, types, names, known, whole)
            except UnknownNameError:
                pass
        if not resolved:
            kind, resolved = self._resolve(name, types, names, known, whole)
        found = canonical[kind][resolved] & within if within is not None else canonical[kind][resolved]
        if scope in found:
            return kind, resolved, scope  # a name in the place asked for and in its parent: the place's own
        if len(found) > 1:
            raise AmbiguousNameError(kind.lower(), resolved, sorted(found))
        return kind, resolved, next(iter(found), "")

    def resolve(self, name: str, types: tuple[str, ...], place: str | None = None) -> tuple[str, str]:
        """(type, canonical name) for what a user typed (find() without the place)."""
        kind, resolved, _ = self.find(name, types, place)
        return kind, resolved

    def _place_in_name(self, wanted: str) -> str | None:
        """The place a typed name opens with: a known place (or its last part: 离石区…) scopes the
        search to it; a city-and-district prefix the graph does not know is a place of its own, with
        no names in it (so its groups are unknown, never the nearest group elsewhere)."""
        for p in sorted(self.places, key=len, reverse=True):
            if wanted.startswith(p) or (len(place_tail(p)) >= 3 and wanted.startswith(place_tail(p))):
                return p
        if not self.places:
            return None  # a graph of documents without places: nothing to scope by
        named = NAMED_PLACE.match(wanted) or COUNTY_PREFIX.match(wanted)
        return named.group(0) if named and not named.group(0).endswith(NOT_PLACES) else None

    def _abbreviation(self, kind: str, names) -> Resolver:
        """The abbreviation matcher over every canonical name of a kind, built once per process."""
        if kind not in self._abbreviations:
            self._abbreviations[kind] = Resolver(Counter(list(names)), [])
        return self._abbreviations[kind]

    def _resolve(self, name: str, types: tuple[str, ...], canonical: dict[str, set[str]],
                 aliases: dict[str, dict[str, str]], whole: bool = False) -> tuple[str, str]:
        """(type, canonical name) among these names, or UnknownNameError with suggestions from them.
        `whole`: these are all the graph's names, so the kept matchers and the name index (close
        names compared only with the candidates sharing enough characters) stand for them."""
        index = self._index if whole else None
        wanted = squash(name)
        for t in types:
            if wanted in canonical[t]:
                return t, wanted
        for t in types:
            if wanted in aliases[t]:
                return t, aliases[t][wanted]
        for t in types:
            if t in ("Body", "Group") and canonical[t]:
                matcher = self._abbreviation(t, canonical[t]) if whole else Resolver(Counter(list(canonical[t])), [])
                guess = matcher.canonical(wanted)
                if guess in canonical[t]:
                    return t, guess
        for t in types:
            if t in ("Body", "Group"):
                pool = set(_group_candidates(index, wanted, t)) if index else set(canonical[t]) | set(aliases[t])
                close = _close_group(wanted, pool)
                if close:
                    return t, aliases[t].get(close, close)
        if index:
            known = sorted(index.sharing(wanted, types, 0.5)) if wanted else index.first_keys(types, 5)
        else:
            known = sorted({n for t in types for n in canonical[t]} | {a for t in types for a in aliases[t]})
        close = difflib.get_close_matches(wanted, known, n=5, cutoff=0.5)
        close += [k for k in known if (wanted in k or k in wanted) and k not in close][: 5 - len(close)]
        kind = " or ".join(t.lower() for t in types)
        raise UnknownNameError(kind, name, [aliases_to_canonical(c, types, aliases) for c in close])

    def post_rows(self, query: str, name: str, place: str) -> list[Row]:
        """The rows of body_posts or person_posts for one name in one place, each marked `removed`."""
        return mark_removed(self.backend.rows(query, {"name": name, "place": place}))

    # -- questions -----------------------------------------------------------------------
    def who_leads(self, name: str, place: str | None = None) -> dict:
        kind, resolved, where = self.find(name, ("Group", "Body"), place)
        if kind == "Group":
            leaders = [
                {"person": r["member"], "title": r["role"], "body": resolved, "member_type": r["member_type"],
                 "doc": r["doc"], "line": r["line"], "page": r["page"]}
                for r in self.backend.rows("members", {"name": resolved, "place": where}) if is_leading_group_role(r["role"])]
            leaders.sort(key=lambda x: (group_role_order().get(x["title"], 99), x["doc"], x["line"], x["person"]))
        else:
            latest: dict[tuple[str, str], Row] = {}
            for r in self.post_rows("body_posts", resolved, where):
                if r["event"] == "remove" or r["removed"] or not is_leadership_title(r["title"]):
                    continue
                key = (r["person"], r["title"])
                if key not in latest or (r["date"] or "", r["doc"]) > (latest[key]["date"] or "", latest[key]["doc"]):
                    latest[key] = r
            leaders = [{"person": r["person"], "title": r["title"], "body": r["body"], "event": r["event"],
                        "doc": r["doc"], "line": r["line"], "page": r["page"]} for r in latest.values()]
            leaders.sort(key=lambda x: (RANK_ORDER[title_rank(x["title"])], x["title"], x["person"], x["doc"]))
        return {"query": name, "resolved": resolved, "type": kind.lower(), "place": where, "leaders": leaders}

    def person(self, name: str, place: str | None = None) -> dict:
        _, resolved, where = self.find(name, ("Person",), place)
        posts = [{"body": r["body"], "title": r["title"], "event": r["event"],
                  "status": "former" if r["event"] == "remove" or r["removed"] else "current",
                  "qualifier": r["qualifier"], "probation": r["probation"], "date": r["date"],
                  "doc": r["doc"], "line": r["line"], "page": r["page"]}
                 for r in self.post_rows("person_posts", resolved, where)]
        posts.sort(key=lambda p: (p["date"] or "", p["doc"], p["line"], p["body"], p["title"]))
        groups = [{"group": r["group"], "role": r["role"], "doc": r["doc"], "line": r["line"], "page": r["page"]}
                  for r in self.backend.rows("person_groups", {"name": resolved, "place": where})]
        groups.sort(key=lambda g: (g["doc"], g["line"], g["group"], g["role"]))
        return {"query": name, "person": resolved, "place": where, "posts": posts, "groups": groups}

    def members(self, name: str, place: str | None = None) -> dict:
        _, resolved, where = self.find(name, ("Group",), place)
        members = [{"member": r["member"], "member_type": r["member_type"], "role": r["role"],
                    "qualifier": r["qualifier"], "doc": r["doc"], "line": r["line"], "page": r["page"]}
                   for r in self.backend.rows("members", {"name": resolved, "place": where})]
        members.sort(key=lambda m: (group_role_order().get(m["role"], 99), m["doc"], m["line"], m["member"]))
        offices = sorted(self.backend.rows("office", {"name": resolved, "place": where}), key=lambda r: (r["doc"], r["line"]))
        office = ({"host_body": offices[0]["host_body"], "director": offices[0]["director"],
                   "doc": offices[0]["doc"], "line": offices[0]["line"], "page": offices[0]["page"]} if offices else None)
        subgroups = sorted(r["subgroup"] for r in self.backend.rows("subgroups", {"name": resolved, "place": where}))
        return {"query": name, "group": resolved, "place": where, "members": members, "office": office, "subgroups": subgroups}

    def responsible(self, task: str, doc: str | None = None) -> dict:
        number = squash(task).strip("（）()")
        rows = self.backend.rows("responsible", {"task": number, "in_doc": squash(doc or "")})
        docs = sorted({r["doc"] for r in rows})
        if not rows:
            raise UnknownNameError("task", f"{number}" + (f" in {doc}" if doc else ""), [])
        if len(docs) > 1:
            raise UnknownNameError("task", f"{number} (in several documents; pass --doc)", docs)
        bodies = [{"body": r["body"], "role": r["role"], "collective": bool(r["collective"]), "line": r["line"], "page": r["page"]}
                  for r in rows]
        bodies.sort(key=lambda b: (b["line"], b["body"], b["role"]))
        return {"doc": docs[0], "task": number, "title": rows[0]["title"], "bodies": bodies}

    def tasks(self, name: str, place: str | None = None) -> dict:
        _, resolved, where = self.find(name, ("Body",), place)
        tasks = [{"doc": r["doc"], "task": r["task"], "title": r["title"], "role": r["role"], "line": r["line"], "page": r["page"]}
                 for r in self.backend.rows("tasks", {"name": resolved, "place": where})]
        tasks.sort(key=lambda t: (t["doc"], t["line"], t["task"], t["role"]))
        return {"query": name, "body": resolved, "place": where, "tasks": tasks}

    def duties(self, name: str, place: str | None = None) -> dict:
        _, resolved, where = self.find(name, ("Body",), place)
        duties = [{"doc": r["doc"], "context": r["context"], "text": r["text"], "line": r["line"], "page": r["page"]}
                  for r in self.backend.rows("duties", {"name": resolved, "place": where})]
        duties.sort(key=lambda d: (d["doc"], d["line"], d["context"]))
        return {"query": name, "body": resolved, "place": where, "duties": duties}


def mark_removed(rows: list[Row]) -> list[Row]:
    """Each post row with `removed`: true when a removal of the same person, body and title stands
    in a document not earlier than the row's (or either date is unknown).

    Why here and not in the query: the rows of one body (or one person) already hold every removal
    that can end one of them, so one pass over them replaces a per-row EXISTS sub-query (the
    cost that made who-leads grow faster than the store)."""
    removals: dict[tuple[object, object, object], list[object]] = defaultdict(list)
    for r in rows:
        if r["event"] == "remove":
            removals[(r["person"], r["body"], r["title"])].append(r["date"])
    for r in rows:
        dates = removals.get((r["person"], r["body"], r["title"]), ())
        r["removed"] = any(d is None or r["date"] is None or d >= r["date"] for d in dates)  # type: ignore[operator]
    return rows


# a typed city-and-district prefix
NAMED_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,4}[市州盟][\u4e00-\u9fff]{2,3}?[区县旗]")
COUNTY_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2}[区县旗]")  # 东城区医疗保险服务中心
NOT_PLACES = ("开发区", "高新区", "保护区", "示范区", "试验区", "社区", "园区", "景区", "辖区", "片区", "矿区", "库区", "牧区", "林区")


def _fold_place(wanted: str, place: str) -> str | None:
    """A typed name opening with its place, folded as bodies are (东城区X -> 区X): None otherwise."""
    for prefix in (place, place_tail(place)):
        if wanted.startswith(prefix) and len(wanted) > len(prefix) + 1:
            return place_level(place) + wanted[len(prefix):]
    return None


def _within(place: str) -> set[str]:
    """A place and the places it lies in: a district's question may name its city's bodies."""
    out = {place}
    while parent_place(place):
        place = parent_place(place)  # type: ignore[assignment]
        out.add(place)
    return out


PLACE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}[市州盟])?(?:[\u4e00-\u9fff]{2,3}[区县旗])?")


def _group_core(name: str) -> str:
    """A group name without its place prefix: 吕梁市离石区X领导小组 / 离石区X / 区X -> X."""
    core = PLACE_PREFIX.sub("", name)
    if core == name and name[:1] in "区县市省":
        core = name[1:]
    return core


CLOSE_GROUP = 0.85  # similarity of two group names without their place prefixes


def _close_group(wanted: str, names: set[str]) -> str | None:
    """The one group whose name differs from what was typed by a place prefix and a character or
    two (县防汛抗汗指挥部, a typo, for 某某县防汛抗旱指挥部); None when not unique."""
    core = _group_core(wanted)
    ratios: dict[str, float] = {}  # per place-free core: a group printed in 100 districts is compared once

    def ratio(other: str) -> float:
        if other not in ratios:
            ratios[other] = difflib.SequenceMatcher(None, core, other).ratio()
        return ratios[other]
    scored = sorted(((ratio(_group_core(n)), n) for n in names), reverse=True)
    good = [n for ratio, n in scored if ratio >= CLOSE_GROUP]
    return good[0] if len(good) == 1 or (good and scored[0][0] > scored[1][0] + 0.05) else None


def _group_candidates(index: NameIndex, wanted: str, kind: str) -> list[str]:
    """The names of a kind that can be within CLOSE_GROUP of `wanted`, place prefixes aside (the
    typed core's characters, against whole names: a core is its name's tail)."""
    core = _group_core(wanted)
    return index.sharing(core, (kind,), CLOSE_GROUP, with_length=False) if core else index.keys(kind)


def aliases_to_canonical(name: str, types: tuple[str, ...], aliases: dict[str, dict[str, str]]) -> str:
    """Suggest the canonical form when the close match was an alias."""
    for t in types:
        if name in aliases[t]:
            return aliases[t][name]
    return name
