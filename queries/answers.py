"""The questions govkg answers, built on any Backend so both stores give the same answer.

Names users type go through the same resolution as extraction: exact canonical name, a recorded
alias, then the abbreviation matcher (区工科局 -> 区工信和科技局). Unknown names raise
UnknownNameError with the closest known names.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict

from govkg.errors import UnknownNameError
from govkg.loaders.names import squash
from govkg.loaders.resolve import Resolver
from govkg.ontology.vocabulary import group_role_order, is_leadership_title, is_leading_group_role, title_rank
from govkg.queries.backends import Backend, Row
from govkg.queries.name_index import NameIndex

RANK_ORDER = {"正职": 0, "副职": 1, "other": 2}


class Questions:
    def __init__(self, backend: Backend, names: NameIndex | None = None):
        """`names`: the store's name index (queries/name_index.py); without one (Neo4j, a store
        built before the index), one is made in memory from the backend's `names` rows."""
        self.backend = backend
        self._index = names
        self._abbreviations: dict[str, Resolver] = {}

    # -- names ---------------------------------------------------------------------------
    @property
    def names(self) -> NameIndex:
        if self._index is None:
            self._index = NameIndex.from_rows(self.backend.rows("names", {}))
        return self._index

    def _abbreviation(self, kind: str, wanted: str) -> str | None:
        """The abbreviation matcher (区工科局 -> 区工信和科技局) over one kind's canonical names,
        built on first use and kept: only names not found exactly or as an alias get here."""
        if kind not in self._abbreviations:
            known = self.names.canonical_names(kind)
            if not known:
                return None
            self._abbreviations[kind] = Resolver(Counter(known), [])
        return self._abbreviations[kind].canonical(wanted)

    def resolve(self, name: str, types: tuple[str, ...]) -> tuple[str, str]:
        """(type, canonical name) for what a user typed, or UnknownNameError with suggestions."""
        index = self.names
        wanted = squash(name)
        for t in types:
            if index.is_canonical(t, wanted):
                return t, wanted
        for t in types:
            canonical = index.alias(t, wanted)
            if canonical:
                return t, canonical
        for t in types:
            if t in ("Body", "Group"):
                guess = self._abbreviation(t, wanted)
                if guess and index.is_canonical(t, guess):
                    return t, guess
        for t in types:
            if t in ("Body", "Group"):
                close = _close_group(wanted, _group_candidates(index, wanted, t))
                if close:
                    return t, index.alias(t, close) or close
        kind = " or ".join(t.lower() for t in types)
        raise UnknownNameError(kind, name, [_canonical_of(index, c, types) for c in _suggestions(index, wanted, types)])

    def post_rows(self, query: str, name: str) -> list[Row]:
        """The rows of body_posts or person_posts for one name, each marked `removed`."""
        return mark_removed(self.backend.rows(query, {"name": name}))

    # -- questions -----------------------------------------------------------------------
    def who_leads(self, name: str) -> dict:
        kind, resolved = self.resolve(name, ("Group", "Body"))
        if kind == "Group":
            leaders = [
                {"person": r["member"], "title": r["role"], "body": resolved, "member_type": r["member_type"],
                 "doc": r["doc"], "line": r["line"], "page": r["page"]}
                for r in self.backend.rows("members", {"name": resolved}) if is_leading_group_role(r["role"])]
            leaders.sort(key=lambda x: (group_role_order().get(x["title"], 99), x["doc"], x["line"], x["person"]))
        else:
            latest: dict[tuple[str, str], Row] = {}
            for r in self.post_rows("body_posts", resolved):
                if r["event"] == "remove" or r["removed"] or not is_leadership_title(r["title"]):
                    continue
                key = (r["person"], r["title"])
                if key not in latest or (r["date"] or "", r["doc"]) > (latest[key]["date"] or "", latest[key]["doc"]):
                    latest[key] = r
            leaders = [{"person": r["person"], "title": r["title"], "body": r["body"], "event": r["event"],
                        "doc": r["doc"], "line": r["line"], "page": r["page"]} for r in latest.values()]
            leaders.sort(key=lambda x: (RANK_ORDER[title_rank(x["title"])], x["title"], x["person"], x["doc"]))
        return {"query": name, "resolved": resolved, "type": kind.lower(), "leaders": leaders}

    def person(self, name: str) -> dict:
        _, resolved = self.resolve(name, ("Person",))
        posts = [{"body": r["body"], "title": r["title"], "event": r["event"],
                  "status": "former" if r["event"] == "remove" or r["removed"] else "current",
                  "qualifier": r["qualifier"], "probation": r["probation"], "date": r["date"],
                  "doc": r["doc"], "line": r["line"], "page": r["page"]}
                 for r in self.post_rows("person_posts", resolved)]
        posts.sort(key=lambda p: (p["date"] or "", p["doc"], p["line"], p["body"], p["title"]))
        groups = [{"group": r["group"], "role": r["role"], "doc": r["doc"], "line": r["line"], "page": r["page"]}
                  for r in self.backend.rows("person_groups", {"name": resolved})]
        groups.sort(key=lambda g: (g["doc"], g["line"], g["group"], g["role"]))
        return {"query": name, "person": resolved, "posts": posts, "groups": groups}

    def members(self, name: str) -> dict:
        _, resolved = self.resolve(name, ("Group",))
        members = [{"member": r["member"], "member_type": r["member_type"], "role": r["role"],
                    "qualifier": r["qualifier"], "doc": r["doc"], "line": r["line"], "page": r["page"]}
                   for r in self.backend.rows("members", {"name": resolved})]
        members.sort(key=lambda m: (group_role_order().get(m["role"], 99), m["doc"], m["line"], m["member"]))
        offices = sorted(self.backend.rows("office", {"name": resolved}), key=lambda r: (r["doc"], r["line"]))
        office = ({"host_body": offices[0]["host_body"], "director": offices[0]["director"],
                   "doc": offices[0]["doc"], "line": offices[0]["line"], "page": offices[0]["page"]} if offices else None)
        subgroups = sorted(r["subgroup"] for r in self.backend.rows("subgroups", {"name": resolved}))
        return {"query": name, "group": resolved, "members": members, "office": office, "subgroups": subgroups}

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

    def tasks(self, name: str) -> dict:
        _, resolved = self.resolve(name, ("Body",))
        tasks = [{"doc": r["doc"], "task": r["task"], "title": r["title"], "role": r["role"], "line": r["line"], "page": r["page"]}
                 for r in self.backend.rows("tasks", {"name": resolved})]
        tasks.sort(key=lambda t: (t["doc"], t["line"], t["task"], t["role"]))
        return {"query": name, "body": resolved, "tasks": tasks}

    def duties(self, name: str) -> dict:
        _, resolved = self.resolve(name, ("Body",))
        duties = [{"doc": r["doc"], "context": r["context"], "text": r["text"], "line": r["line"], "page": r["page"]}
                  for r in self.backend.rows("duties", {"name": resolved})]
        duties.sort(key=lambda d: (d["doc"], d["line"], d["context"]))
        return {"query": name, "body": resolved, "duties": duties}


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


PLACE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}[市州盟])?(?:[\u4e00-\u9fff]{2,3}[区县旗])?")


def _group_core(name: str) -> str:
    """A group name without its place prefix: 吕梁市离石区X领导小组 / 离石区X / 区X -> X."""
    core = PLACE_PREFIX.sub("", name)
    if core == name and name[:1] in "区县市省":
        core = name[1:]
    return core


def _close_group(wanted: str, names: list[str]) -> str | None:
    """The one group whose name differs from what was typed by a place prefix and a character or
    two (县防汛抗汗指挥部, a typo, for 某某县防汛抗旱指挥部); None when not unique."""
    core = _group_core(wanted)
    scored = sorted(((difflib.SequenceMatcher(None, core, _group_core(n)).ratio(), n) for n in names), reverse=True)
    good = [n for ratio, n in scored if ratio >= CLOSE_GROUP]
    return good[0] if len(good) == 1 or (good and scored[0][0] > scored[1][0] + 0.05) else None


CLOSE_GROUP = 0.85  # similarity of the names without place prefixes
CLOSE_NAME = 0.5  # similarity of a suggestion (difflib's ratio)


def _group_candidates(index: NameIndex, wanted: str, kind: str) -> list[str]:
    """The names of a kind that can be within CLOSE_GROUP of `wanted`, place prefixes aside (the
    typed core's characters, against whole names: a core is its name's tail)."""
    core = _group_core(wanted)
    return index.sharing(core, (kind,), CLOSE_GROUP, with_length=False) if core else index.keys(kind)


def _suggestions(index: NameIndex, wanted: str, types: tuple[str, ...]) -> list[str]:
    """Up to five known names like `wanted`: difflib's closest (cutoff CLOSE_NAME), then names that
    contain it or that it contains, in name order; compared only with the names the index finds
    sharing enough characters to qualify."""
    if not wanted:
        return index.first_keys(types, 5)
    candidates = index.sharing(wanted, types, CLOSE_NAME)
    close = difflib.get_close_matches(wanted, candidates, n=5, cutoff=CLOSE_NAME)
    close += [k for k in sorted(candidates) if (wanted in k or k in wanted) and k not in close][: 5 - len(close)]
    return close


def _canonical_of(index: NameIndex, name: str, types: tuple[str, ...]) -> str:
    """Suggest the canonical form when the close match was an alias."""
    for t in types:
        canonical = index.alias(t, name)
        if canonical:
            return canonical
    return name
