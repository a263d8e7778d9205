"""One answer shape for every question (the CLI's --json, the Python API's `.envelope()`):

    {"question": "who-leads", "query": "区工科局", "resolved": "区工信和科技局",
     "resolved_from": "区工科局",   # what was typed, when it was corrected; else null
     "answers": [ {..., "doc": "...", "line": 9016}, ... ],   # one flat row per answer
     "context": {...}}             # what the question adds: a group's office, a task's title ...

Rows are flat so they print as a table, CSV or TSV with the same columns; every row keeps its
`doc` and `line`.
"""

from __future__ import annotations

from govkg.loaders.names import squash

# question -> (the answer dict's key naming what was resolved, the columns of its rows, in order)
COLUMNS: dict[str, list[str]] = {
    "who-leads": ["person", "title", "body", "event", "member_type", "doc", "line"],
    "person": ["relation", "organization", "title", "status", "event", "date", "doc", "line"],
    "members": ["member", "member_type", "role", "qualifier", "doc", "line"],
    "responsible": ["body", "role", "collective", "doc", "line"],
    "tasks": ["doc", "task", "title", "role", "line"],
    "duties": ["doc", "context", "text", "line"],
}
RESOLVED_KEY = {"who-leads": "resolved", "person": "person", "members": "group", "tasks": "body", "duties": "body"}


def _answers(question: str, answer: dict) -> list[dict]:
    if question == "who-leads":
        return answer["leaders"]
    if question == "person":
        posts = [{"relation": "post", "organization": p["body"], **{k: v for k, v in p.items() if k != "body"}}
                 for p in answer["posts"]]
        groups = [{"relation": "group", "organization": g["group"], "title": g["role"], "status": "member",
                   "doc": g["doc"], "line": g["line"]} for g in answer["groups"]]
        return posts + groups
    if question == "members":
        return answer["members"]
    if question == "responsible":
        return [{**b, "doc": answer["doc"]} for b in answer["bodies"]]
    return answer[question]


def envelope(question: str, answer: dict) -> dict:
    """The shared envelope around a Questions method's answer."""
    if question == "responsible":
        query = answer.get("query") or answer["task"]
        resolved = f"{answer['doc']} task {answer['task']}"
        context = {"doc": answer["doc"], "task": answer["task"], "title": answer["title"]}
        typed = None
    else:
        query, resolved = answer["query"], answer[RESOLVED_KEY[question]]
        context = {k: v for k, v in answer.items()
                   if k not in ("query", "resolved", RESOLVED_KEY[question], "leaders", "posts", "groups", "members", question)}
        typed = query
    corrected = typed is not None and squash(typed) != resolved
    return {"question": question, "query": query, "resolved": resolved,
            "resolved_from": typed if corrected else None, "answers": _answers(question, answer), "context": context}
