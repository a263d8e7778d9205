"""The questions govkg answers, built on any Backend so both stores give the same answer.

Names users type go through the same resolution as extraction: exact canonical name, a recorded
alias, then the abbreviation matcher (区工科局 -> 区工信和科技局). Unknown names raise
UnknownNameError with the closest known names.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from functools import cached_property

from govkg.errors import UnknownNameError
from govkg.loaders.names import squash
from govkg.loaders.resolve import Resolver
from govkg.ontology.vocabulary import group_role_order, is_leadership_title, is_leading_group_role, title_rank
from govkg.queries.backends import Backend, Row

RANK_ORDER = {"正职": 0, "副职": 1, "other": 2}


class Questions:
    def __init__(self, backend: Backend):
        self.backend = backend

    # -- names ---------------------------------------------------------------------------
    @cached_property
    def _names(self) -> tuple[dict[str, set[str]], dict[str, dict[str, str]]]:
        canonical: dict[str, set[str]] = defaultdict(set)
        aliases: dict[str, dict[str, str]] = defaultdict(dict)
        for row in self.backend.rows("names", {}):
            canonical[row["type"]].add(row["name"])
            if row["alias"]:
                aliases[row["type"]][squash(row["alias"])] = row["name"]
        return canonical, aliases

    def resolve(self, name: str, types: tuple[str, ...]) -> tuple[str, str]:
        """(type, canonical name) for what a user typed, or UnknownNameError with suggestions."""
        canonical, aliases = self._names
        wanted = squash(name)
        for t in types:
            if wanted in canonical[t]:
                return t, wanted
        for t in types:
            if wanted in aliases[t]:
                return t, aliases[t][wanted]
        for t in types:
            if t in ("Body", "Group") and canonical[t]:
                guess = Resolver(Counter(canonical[t]), []).canonical(wanted)
                if guess in canonical[t]:
                    return t, guess
        for t in types:
            if t in ("Body", "Group"):
                close = _close_group(wanted, canonical[t] | set(aliases[t]))
                if close:
                    return t, aliases[t].get(close, close)
        known = sorted({n for t in types for n in canonical[t]} | {a for t in types for a in aliases[t]})
        close = difflib.get_close_matches(wanted, known, n=5, cutoff=0.5)
        close += [k for k in known if (wanted in k or k in wanted) and k not in close][: 5 - len(close)]
        kind = " or ".join(t.lower() for t in types)
        raise UnknownNameError(kind, name, [aliases_to_canonical(c, types, aliases) for c in close])

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


def _close_group(wanted: str, names: set[str]) -> str | None:
    """The one group whose name differs from what was typed by a place prefix and a character or
    two (县防汛抗汗指挥部, a typo, for 某某县防汛抗旱指挥部); None when not unique."""
    core = _group_core(wanted)
    scored = sorted(((difflib.SequenceMatcher(None, core, _group_core(n)).ratio(), n) for n in names), reverse=True)
    good = [n for ratio, n in scored if ratio >= 0.85]
    return good[0] if len(good) == 1 or (good and scored[0][0] > scored[1][0] + 0.05) else None


def aliases_to_canonical(name: str, types: tuple[str, ...], aliases: dict[str, dict[str, str]]) -> str:
    """Suggest the canonical form when the close match was an alias."""
    for t in types:
        if name in aliases[t]:
            return aliases[t][name]
    return name
