"""Facts -> a networkx MultiDiGraph for analytics and GraphML export.

Nodes and edge types follow the same mapping as Neo4j (graph/neo4j_load.py): people, bodies,
groups, posts, tasks and documents as nodes; HOLDS, MEMBER_OF, HAS_OFFICE, RESPONSIBLE_FOR,
HAS_DUTY as edges carrying doc and line.
"""

from __future__ import annotations

import networkx as nx

from govkg.ontology.facts import (
    DocumentFact, DutyFact, FactBase, MemberFact, OfficeFact, PostFact, ReplyFact, TaskFact)

MEMBER_LABEL = {"person": "Person", "body": "Body", "post": "Post"}


def facts_to_networkx(facts: list[FactBase]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()

    def node(label: str, name: str, **props: object) -> str:
        key = f"{label}:{name}"
        if key not in g:
            g.add_node(key, label=label, name=name)
        g.nodes[key].update({k: v for k, v in props.items() if v is not None})
        return key

    for f in facts:
        prov = {"doc": f.doc, "line": f.line}
        if isinstance(f, DocumentFact):
            node("Document", f.doc, title=f.title, date=f.date)
        elif isinstance(f, PostFact):
            g.add_edge(node("Person", f.person), node("Body", f.body), key=f"HOLDS:{f.title}:{f.event}:{f.doc}",
                       type="HOLDS", title=f.title, event=f.event, probation=bool(f.probation), **prov)
        elif isinstance(f, MemberFact):
            group = node("Group", f.group)
            if f.parent:
                g.add_edge(group, node("Group", f.parent), key="PART_OF", type="PART_OF", **prov)
            g.add_edge(node(MEMBER_LABEL[f.member_type], f.member), group, key=f"MEMBER_OF:{f.role}:{f.doc}",
                       type="MEMBER_OF", role=f.role, **prov)
        elif isinstance(f, OfficeFact):
            g.add_edge(node("Group", f.group), node("Body", f.host_body), key=f"HAS_OFFICE:{f.doc}",
                       type="HAS_OFFICE", director=f.director or "", **prov)
        elif isinstance(f, TaskFact):
            task = node("Task", f"{f.doc}#{f.task}", number=f.task, title=f.title)
            g.add_edge(task, node("Document", f.doc), key="IN", type="IN")
            g.add_edge(node("Body", f.body, collective=bool(f.collective)), task, key=f"RESPONSIBLE_FOR:{f.role}",
                       type="RESPONSIBLE_FOR", role=f.role, **prov)
        elif isinstance(f, DutyFact):
            duty = node("Duty", f"{f.doc}#{f.body}#{f.line}", text=f.text, context=f.context)
            g.add_edge(node("Body", f.body), duty, key="HAS_DUTY", type="HAS_DUTY", **prov)
        elif isinstance(f, ReplyFact):
            reply = node("Reply", f"{f.doc}", proposal=f.proposal, proposer=f.proposer)
            if f.responder:
                g.add_edge(node("Body", f.responder), reply, key="REPLIED", type="REPLIED", **prov)
    return g
