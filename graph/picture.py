"""What a picture of one group, body, person or plan shows, as plain data (no drawing here).

A picture is a centre node and columns of nodes joined to it (or to each other) by edges. Every
edge keeps the document and line that say it, and two flags a reader must be able to see at a
glance: `leader` (a leading role or a leadership post, drawn heavier than a plain membership) and
`former` (a post the person was removed from, drawn dashed and grey). The answers come from
queries/answers.py on any backend, so the picture shows exactly what `govkg ask` says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govkg.errors import UnknownNameError
from govkg.ontology.vocabulary import is_leadership_title, is_leading_group_role
from govkg.queries.answers import Questions

ROLE_WORDS = {"lead": "牵头", "responsible": "负责", "support": "配合"}
KIND_WORDS = {"group": "领导小组", "body": "单位", "person": "人员", "post": "职务", "task": "任务", "document": "文件"}


@dataclass(frozen=True)
class Node:
    id: str
    label: str  # the full Chinese name, never shortened
    kind: str  # group | body | person | post | task | document


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str  # the role or title, in Chinese
    doc: str
    line: int
    kind: str = "member"  # member | leader | post | office | part_of | task
    former: bool = False
    role: str = ""  # task role: lead | responsible | support

    @property
    def leader(self) -> bool:
        return self.kind == "leader"


@dataclass
class Column:
    """A titled list of nodes; columns of the same level stack one under the other."""

    heading: str
    nodes: list[Node] = field(default_factory=list)
    level: int = 1


@dataclass
class Picture:
    """A centre node, columns left to right, the edges between them, and what the picture answers."""

    kind: str
    centre: Node
    question: str
    columns: list[Column]
    edges: list[Edge]
    posts: list[dict] = field(default_factory=list)  # a person's posts, for the timeline

    def add(self, column: Column, node: Node) -> None:
        if all(n.id != node.id for c in self.columns for n in c.nodes) and node.id != self.centre.id:
            column.nodes.append(node)


def _id(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def group_picture(q: Questions, name: str, place: str | None = None) -> Picture:
    a = q.members(name, place)
    centre = Node(_id("group", a["group"]), a["group"], "group")
    leaders, members, others = Column("领导（组长、副组长等）"), Column("成员"), Column("办公室与下设机构")
    p = Picture("group", centre, f"{a['group']}：谁领导、谁是成员", [leaders, members, others], [])
    for m in a["members"]:  # members() lists leading roles first
        node = Node(_id(m["member_type"], m["member"]), m["member"], m["member_type"])
        lead = is_leading_group_role(m["role"])
        p.add(leaders if lead else members, node)
        p.edges.append(Edge(node.id, centre.id, m["role"], m["doc"], m["line"], "leader" if lead else "member"))
    if a["office"]:
        o = a["office"]
        node = Node(_id("body", o["host_body"]), o["host_body"], "body")
        p.add(others, node)
        label = "办公室设在" + (f"（主任 {o['director']}）" if o["director"] else "")
        p.edges.append(Edge(centre.id, node.id, label, o["doc"], o["line"], "office"))
    for sub in a["subgroups"]:
        node = Node(_id("group", sub), sub, "group")
        p.add(others, node)
        p.edges.append(Edge(node.id, centre.id, "下设于", "", 0, "part_of"))
    p.columns = [c for c in p.columns if c.nodes]
    return p


def body_picture(q: Questions, name: str, place: str | None = None) -> Picture:
    _, resolved, where = q.find(name, ("Body",), place)
    centre = Node(_id("body", resolved), resolved, "body")
    current, former, tasks = Column("现任领导"), Column("曾任（已免去）"), Column("承担的任务")
    p = Picture("body", centre, f"{resolved}：谁领导、承担哪些任务", [current, former, tasks], [])
    rows = q.post_rows("body_posts", resolved, where)
    for r in sorted(rows, key=lambda r: (r["date"] or "", r["doc"], r["line"])):
        if not is_leadership_title(r["title"]):
            continue
        gone = r["event"] == "remove" or bool(r["removed"])
        node = Node(_id("person", r["person"]), r["person"], "person")
        p.add(former if gone else current, node)
        p.edges.append(Edge(node.id, centre.id, r["title"] + ("（已免）" if gone else ""), r["doc"], r["line"],
                            "leader", former=gone))
    for t in q.tasks(resolved, where or None)["tasks"]:
        node = Node(_id("task", f"{t['doc']}#{t['task']}"), f"{t['task']}. {t['title']}", "task")
        p.add(tasks, node)
        p.edges.append(Edge(centre.id, node.id, ROLE_WORDS.get(t["role"], t["role"]), t["doc"], t["line"], "task",
                            role=t["role"]))
    p.columns = [c for c in p.columns if c.nodes]
    return p


def person_picture(q: Questions, name: str, place: str | None = None) -> Picture:
    a = q.person(name, place)
    centre = Node(_id("person", a["person"]), a["person"], "person")
    current, former, groups = Column("现任职务"), Column("曾任职务（已免去）"), Column("所在领导小组")
    p = Picture("person", centre, f"{a['person']}：任过哪些职务、现任什么", [current, former, groups], [],
                posts=a["posts"])
    for post in a["posts"]:
        gone = post["status"] == "former"
        node = Node(_id("body", post["body"]), post["body"], "body")
        p.add(former if gone else current, node)
        p.edges.append(Edge(centre.id, node.id, post["title"] + ("（已免）" if gone else ""), post["doc"], post["line"],
                            "leader" if is_leadership_title(post["title"]) else "post", former=gone))
    for g in a["groups"]:
        node = Node(_id("group", g["group"]), g["group"], "group")
        p.add(groups, node)
        p.edges.append(Edge(centre.id, node.id, g["role"], g["doc"], g["line"],
                            "leader" if is_leading_group_role(g["role"]) else "member"))
    p.columns = [c for c in p.columns if c.nodes]
    return p


def plan_picture(q: Questions, number: str, place: str | None = None) -> Picture:
    """A plan's tasks and the bodies responsible (a document number names one document: no place)."""
    _, doc = q.resolve(number, ("Document",))
    rows = q.backend.rows("responsible", {"in_doc": doc})
    if not rows:
        raise UnknownNameError("plan with tasks", number, [])
    centre = Node(_id("document", doc), doc, "document")
    tasks, bodies = Column("任务（编号与标题）"), Column("责任单位", level=2)
    p = Picture("plan", centre, f"{doc}：每项任务由哪些单位负责", [tasks, bodies], [])
    for r in rows:
        task = Node(_id("task", f"{doc}#{r['task']}"), f"{r['task']}. {r['title']}", "task")
        if task not in tasks.nodes:
            p.add(tasks, task)
            p.edges.append(Edge(centre.id, task.id, "", doc, r["line"], "part_of"))
        body = Node(_id("body", r["body"]), r["body"], "body")
        p.add(bodies, body)
        p.edges.append(Edge(task.id, body.id, ROLE_WORDS.get(r["role"], r["role"]), doc, r["line"], "task",
                            role=r["role"]))
    return p


def picture(q: Questions, name: str, place: str | None = None) -> Picture:
    """The picture of whatever NAME names: a group, a body, a person or a plan (document number).
    A name in several places is AmbiguousNameError listing them, as `ask` does; `place` picks one."""
    kind, _ = q.resolve(name, ("Group", "Body", "Person", "Document"), place)
    build = {"Group": group_picture, "Body": body_picture, "Person": person_picture, "Document": plan_picture}[kind]
    return build(q, name, place if kind != "Document" else None)
