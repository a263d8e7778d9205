"""Numbered tasks of plans and the bodies responsible for them (FACTS.md kind 5).

A plan lists tasks as `N.标题。正文…（县发改局、县教育局等按职责分工负责）`, with labels
(`（牵头单位：…；责任单位：…）`, `责任单位：…` lines after the item) or as a table
(`序号 任务 牵头单位 配合单位`). The work is split in four: tasks/statements.py reads a
responsibility statement, tasks/pieces.py cuts the text into pieces and numbers the headings,
tasks/assign.py gives the pieces back to their tasks (PDF column order shuffles them), and this
module turns the result into facts.
"""

from __future__ import annotations

import re
from collections import Counter

from govkg.loaders.tasks.assign import Assigned, assign_repaired
from govkg.loaders.tasks.gate import may_name_bodies
from govkg.loaders.tasks.pieces import (CLOSE, OPEN, Node, Piece, heading, heading_paths, in_line_pairs, split_pieces,
                                        statements, unswap_columns)
from govkg.loaders.tasks.statements import (FIRST_LISTED_LEADS, is_collective, parse_assignment, prose_assignment,
                                            role_in_last_paren)
from govkg.loaders.tasks.table import extract_table
from govkg.loaders.text import Document, Line
from govkg.ontology.facts import FactBase, TaskFact

__all__ = ["extract", "heading_paths", "is_collective", "parse_assignment", "split_pieces"]

# A heading that names a working group (`（一）综合协调组`, `（一）综合协调组：由…牵头`): its 牵头单位 / 成员单位 are the group's
# members (loaders/rosters), not a task's responsible bodies.
WORKING_GROUP = re.compile(r"^[^，。；、：:]{2,10}(?:组|专班)(?:[：:].*)?$")


def _names_working_group(piece: Piece) -> bool:
    """Does the heading's own line name a working group (`1.综合协调组`, then 牵头单位 / 成员单位 /
    主要职责 lines)? `（一）成立工作专班` is a task, not a group's name."""
    head = heading("".join(piece.lines[0].text.split())) if piece.lines else None
    return bool(head and WORKING_GROUP.match(head[2]) and not head[2].startswith(("成立", "组建", "建立"))
                and re.search(r"成员单位|组成|职责", piece.text))


def _task_ids(nodes: list[Node]) -> dict[int, str]:
    """The number as printed, or the shortest section path that makes it unique (`三.2`, `一.一`)."""
    ids: dict[int, str] = {}
    numbers: dict[int, Counter] = {}  # per level: how often each number is printed
    tops: dict[int, Counter] = {}  # per level: how often each (section, number) is printed
    for m in nodes:
        numbers.setdefault(m.level, Counter())[m.number] += 1
        tops.setdefault(m.level, Counter())[m.path[:1] + (m.number,)] += 1
    unique = {level: max(c.values()) == 1 for level, c in numbers.items()}
    for n in nodes:
        if unique[n.level]:  # numbered through the whole document
            ids[id(n)] = n.number
            continue
        top = n.path[:1] + (n.number,)
        if len(n.path) > 1 and tops[n.level][top] == 1:
            ids[id(n)] = ".".join(top)
        else:
            ids[id(n)] = ".".join(n.path)
    return ids


def _title(text: str) -> str:
    """The heading up to its first full stop, or up to the responsibility parenthesis that closes it."""
    depth = 0
    for i, c in enumerate(text):
        if c in OPEN:
            if depth == 0 and role_in_last_paren(text[: _close_of(text, i) + 1]):
                return text[:i][:60]
            depth += 1
        elif c in CLOSE:
            depth = max(depth - 1, 0)
        elif c == "。" and depth == 0:
            return text[:i]
    return text[:60]


def _close_of(text: str, i: int) -> int:
    depth = 0
    for j in range(i, len(text)):
        depth += text[j] in OPEN
        depth -= text[j] in CLOSE
        if depth == 0:
            return j
    return len(text) - 1


def extract(doc: Document) -> list[FactBase]:
    """TaskFacts of one document: one per (task, body, role), at the line where the body is named."""
    lines = [ln for ln in doc.lines[1:] if ln.text.strip()]
    pairs = in_line_pairs(["".join(ln.text.split()) for ln in lines])  # the same after unswapping
    lines = unswap_columns(lines, pairs)
    if not may_name_bodies(["".join(ln.text.split()) for ln in lines]):
        return _with_table(doc.number, lines, {})  # no statement can name a body: only a table can
    pieces = split_pieces(lines, pairs)
    heads = [(idx, heading(p.text)) for idx, p in enumerate(pieces) if p.kind == "head"]
    paths = heading_paths([(h[0], h[1]) for _, h in heads])
    nodes: dict[int, Node] = {}
    for (idx, (level, number, rest)), path in zip(heads, paths):
        nodes[id(pieces[idx])] = Node(level, number, path, _title(rest), pieces[idx].lines[0].number)
    known = {n for p in pieces for _, s in statements(p) for _, n, _ in parse_assignment(s)}
    assigned = assign_repaired(pieces, nodes, known)
    ids = _task_ids(list(nodes.values()))
    facts: dict[tuple[str, str, str], TaskFact] = {}
    first_leads = bool(FIRST_LISTED_LEADS.search(doc.joined().text))
    groups = {id(nodes[id(p)]) for p in pieces if id(p) in nodes and _names_working_group(p)}
    for node, piece, prefix in assigned:
        if WORKING_GROUP.match(node.title) or id(node) in groups:
            continue
        found = statements(piece)
        if prefix and piece.kind == "frag":
            found.append((-len(prefix), prefix + piece.text[:piece.frag_end]))
        if not found:
            continue
        lines_of = piece.char_lines
        for off, stmt in found:
            for k, (b_off, body, role) in enumerate(parse_assignment(stmt)):
                if first_leads and k == 0 and role == "responsible" and not is_collective(body):
                    role = "lead"  # `排名第一为牵头单位，下同`: the first unit of every list leads
                at = off + b_off
                line = lines_of[at] if 0 <= at < len(lines_of) else _prefix_line(assigned, node, piece, at)
                key = (ids[id(node)], body, role)
                if key in facts:
                    continue
                facts[key] = TaskFact(doc=doc.number, line=line, task=ids[id(node)], title=node.title,
                                      body=body, role=role, collective=True if is_collective(body) else None)
    _add_prose(doc.number, assigned, ids, groups, facts)
    return _with_table(doc.number, lines, facts)


def _with_table(number: str, lines: list[Line], facts: dict[tuple[str, str, str], TaskFact]) -> list[FactBase]:
    """The facts read from the statements, then those of a task table not already read."""
    for fact in extract_table(number, lines):
        facts.setdefault((fact.task, fact.body, fact.role), fact)
    return list(facts.values())


def _prefix_line(assigned: Assigned, node: Node, piece: Piece, at: int) -> int:
    """Line of a body named in the first half of a split parenthesis (before the fragment)."""
    for n, p, _ in assigned:
        if n is node and p is not piece and p.end_state() == "open":
            lines_of = p.char_lines
            return lines_of[max(len(lines_of) + at, 0)] if lines_of else node.line
    return node.line


def _add_prose(number: str, assigned: Assigned, ids: dict[int, str], groups: set[int],
               facts: dict[tuple[str, str, str], TaskFact]) -> None:
    """Items with no responsibility statement of their own may name their bodies in the running text
    (`由区城管局负责，相关街道办事处配合`; `县财政局负责统筹安排…`), in a plan whose other items
    state theirs. Section titles are left out."""
    stated = {task for task, _, _ in facts}
    if not stated:
        return  # a plan whose items state no one (an emergency plan's prose) is no task list
    parents = {n.path[:-1] for n, _, _ in assigned}
    for node, piece, _ in assigned:
        task = ids[id(node)]
        if task in stated or node.path in parents or id(node) in groups or WORKING_GROUP.match(node.title):
            continue
        start = piece.frag_end + 1 if piece.kind == "frag" else 0
        lines_of = piece.char_lines
        for off, body, role in prose_assignment(piece.text[start:]):
            facts.setdefault((task, body, role), TaskFact(
                doc=number, line=lines_of[start + off], task=task, title=node.title, body=body, role=role,
                collective=True if is_collective(body) else None))
