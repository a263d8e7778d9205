"""Numbered tasks of plans and the bodies responsible for them (FACTS.md kind 5).

A plan lists tasks as `N.标题。正文…（县发改局、县教育局等按职责分工负责）` or with labels
(`（牵头单位：…；责任单位：…）`, `责任单位：…`). PDF extraction shuffles the blocks of two-column
pages, so a task's text can be cut off and continue several blocks later, and a responsibility
parenthesis can be split between two places. We therefore read the document as *pieces* (runs of
lines that surely flow), and put the pieces back to their tasks:

- a piece that starts with a heading belongs to that heading;
- a piece that starts by closing a parenthesis it never opened (`源局、…负责落实）`) completes the
  parenthesis some task left open; the join that forms a known body name or role phrase wins;
- any other piece continues a task whose text stopped mid-sentence (chosen by shared vocabulary,
  else document order), or is a further paragraph of the task before it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from govkg.loaders.names import is_collective as _names_collective
from govkg.loaders.text import Document, Line
from govkg.ontology.facts import FactBase, TaskFact
from govkg.ontology.vocabulary import body_suffixes_longest_first, responsibility_role

CN_NUM = "一二三四五六七八九十"
# Heading styles, outermost first: 一、 / （一） / 1. / （1）
HEADINGS = [
    re.compile(rf"^([{CN_NUM}]{{1,3}})、"),
    re.compile(rf"^[（(]([{CN_NUM}]{{1,3}})[）)]"),
    re.compile(r"^(\d{1,3})[.．、](?![\d.．])"),
    re.compile(r"^[（(](\d{1,3})[）)]"),
]
OPEN, CLOSE = "（(", "）)"
# Where a sentence may end; a piece ending elsewhere was cut off mid-sentence.
SENTENCE_END = "。！？；）)”」：:"
LABEL = re.compile(r"(牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位)[：:]")
# The role phrase closing a list of bodies: 等部门按职责分工负责, 牵头, 配合落实 …
ROLE_TAIL = re.compile(
    r"(?:等(?:有关|相关)?(?:部门|单位)?)?要?(?:按照?(?:各自)?职责(?:分?工?)|按分工|根据职责(?:分工)?)?"
    r"(?P<role>牵头负责|牵头|负责落实|具体负责|负责|配合落实|配合|协助|参与|落实)(?:实施)?$")
TRAILING_ETC = re.compile(r"等(?:有关|相关)?(?:部门|单位)?$")
# Generic nouns that name no body by themselves: `…人民政府、街道办事处` continues the phrase.
GENERIC = ("街道办事处", "街道", "社区", "部门", "单位", "办事处")
BODY_HINTS = ("部门", "单位", "机关", "机构", "政府", "小组", "专班", "指挥部")


@dataclass(eq=False)
class Node:
    """A numbered heading (task or section) and what has been read for it."""

    level: int
    number: str
    path: tuple[str, ...]
    title: str
    line: int
    text: str = ""


@dataclass
class Piece:
    """Lines that surely flow into each other; `kind` is head | frag | text."""

    lines: list[Line] = field(default_factory=list)
    kind: str = "text"
    node: Node | None = None
    title_only: bool = False
    depth: int = 0
    frag_end: int = -1  # offset in `chars` of the `）` closing a parenthesis opened elsewhere
    chars: list[tuple[str, int]] = field(default_factory=list)  # (char, source line), no spaces

    @property
    def text(self) -> str:
        return "".join(c for c, _ in self.chars)

    def end_state(self) -> str:
        """complete | open (inside an unclosed parenthesis) | cut (stopped mid-sentence)."""
        if self.depth > 0:
            return "open"
        t = self.text
        return "complete" if not t or t[-1] in SENTENCE_END else "cut"


def _heading(text: str) -> tuple[int, str, str] | None:
    for level, pat in enumerate(HEADINGS):
        m = pat.match(text)
        if m and len(text) > m.end() and not text[m.end()].isdigit():
            return level, m.group(1), text[m.end():]
    return None


def _chars(line: Line) -> list[tuple[str, int]]:
    return [(c, line.number) for c in line.text if not c.isspace()]


def _depth_after(text: str, depth: int) -> tuple[int, int]:
    """Paren depth after `text`; also the offset where depth first went below zero (or -1)."""
    below = -1
    for i, c in enumerate(text):
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth -= 1
            if depth < 0 and below < 0:
                below = i
                depth = 0
    return depth, below


def _paren_breaks(texts: list[str], depth: int) -> bool:
    """Does a parenthesis left open at a line end fail to close in the lines that follow?

    It is broken when a sentence ends, or a heading starts, before it closes.
    """
    for t in texts:
        if _heading(t):
            return True
        for i, c in enumerate(t):
            if c in OPEN:
                depth += 1
            elif c in CLOSE:
                depth -= 1
                if depth == 0:
                    return False
            elif c == "。" and not (i + 1 < len(t) and t[i + 1] in CLOSE):
                return True
    return True


def _title_goes_on(text: str) -> bool:
    """A section title wrapped onto the next line: `管力度。…` or a short bare `作体系`."""
    if not text or _heading(text):
        return False
    stop = text.find("。")
    return (0 <= stop <= 4 and not re.search(r"[，、；：,]", text[:stop])) or \
        (len(text) <= 12 and not re.search(r"[。，、；：,（(）)]", text))


def _continues_list(text: str) -> bool:
    """Can this line carry on a list of bodies (`改局、区能源局、区自然资`)? The last item may be cut."""
    if not text or _heading(text):
        return False
    head = re.split(r"[）)]", text)[0]
    if "。" in head:
        return False
    items = [x for x in re.split(r"[、，,；;]", head)]
    return all(_looks_like_body(TRAILING_ETC.sub("", x)) or ROLE_TAIL.search(x) for x in items[:-1] if x) \
        and (len(items) > 1 or head != text)


def split_pieces(lines: list[Line]) -> list[Piece]:
    """Cut the document into pieces at headings, after closed responsibility parentheses, after
    bare section titles and where an open parenthesis cannot go on."""
    texts = ["".join(ln.text.split()) for ln in lines]
    pieces: list[Piece] = []
    cur: Piece | None = None
    close_next = False
    for i, ln in enumerate(lines):
        t = texts[i]
        head = _heading(t)
        if cur is None or head or close_next:
            cur = Piece(kind="head" if head else "text")
            pieces.append(cur)
            if head:
                cur.title_only = head[0] <= 1 and not re.search(r"[。，；：:,]", head[2]) and len(head[2]) <= 30 \
                    and not _title_goes_on(texts[i + 1] if i + 1 < len(texts) else "")
        start = len(cur.chars)
        cur.lines.append(ln)
        cur.chars.extend(_chars(ln))
        cur.depth, below = _depth_after(t, cur.depth)
        if below >= 0 and cur.kind == "text" and cur.frag_end < 0 and "。" not in t[:below].rstrip("。"):
            if start == 0 or "。" not in cur.text[:start]:
                cur.kind, cur.frag_end = "frag", start + below
        ends_paren = t.endswith(tuple(CLOSE)) or t.endswith(("）。", ")。"))
        close_next = (cur.title_only or (cur.depth == 0 and ends_paren and _role_in_last_paren(cur.text))
                      or (cur.depth > 0 and _paren_breaks(texts[i + 1:i + 12], cur.depth)
                          and not _continues_list(texts[i + 1] if i + 1 < len(texts) else "")))
    return pieces


def _role_in_last_paren(text: str) -> bool:
    """Is the parenthesis that the final `）` closes a responsibility statement?"""
    text = text.rstrip("。")
    depth, j = 0, -1
    for i in range(len(text) - 1, -1, -1):
        depth += text[i] in CLOSE
        depth -= text[i] in OPEN
        if depth == 0:
            j = i
            break
    return j >= 0 and (bool(LABEL.search(text[j:])) or bool(ROLE_TAIL.search(text[j:].rstrip("。）)").rstrip("。"))))


# --- reading a responsibility statement -------------------------------------------------------

def _split_top(text: str, seps: str) -> list[tuple[int, str]]:
    """Split at separators outside inner parentheses; returns (offset, part)."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth = max(depth - 1, 0)
        elif c in seps and depth == 0:
            out.append((start, text[start:i]))
            start = i + 1
    out.append((start, text[start:]))
    return out


def is_collective(name: str) -> bool:
    """names.is_collective plus plural phrases such as `各行业主管部门`, `区直各相关单位`."""
    return _names_collective(name) or bool(re.search(r"(^各|相关|有关|各级|成员单位$|主管部门$)", name))


def _looks_like_body(name: str) -> bool:
    bare = re.sub(r"[（(][^）)]*[）)]", "", name)
    return bool(bare) and (bare.endswith(tuple(body_suffixes_longest_first()) + BODY_HINTS)
                           or is_collective(name))


def _bodies(text: str, base: int) -> list[tuple[int, str]]:
    """`区发改局、区工科局及各乡镇（街道）` -> [(offset, name)], generic tails merged into the phrase."""
    out: list[tuple[int, str]] = []
    for off, part in _split_top(text, "、，,"):
        for sub in re.split(r"(?<=[局委办院所站队部心司])(?:及|和|以及)(?=\S)", part):
            sub_off = off + part.find(sub)
            name = TRAILING_ETC.sub("", sub).lstrip("由").strip()
            if not name:
                continue
            if out and name in GENERIC and is_collective(out[-1][1]):
                out[-1] = (out[-1][0], out[-1][1] + "、" + name)
                continue
            out.append((base + sub_off + (len(sub) - len(sub.lstrip("由"))), name))
    return out


def _label_role(label: str) -> str | None:
    """牵头单位 -> lead, 责任部门 -> responsible, 配合单位 -> support (vocabulary first)."""
    return responsibility_role(label) or responsibility_role(label.replace("部门", "单位")) or \
        ("responsible" if label.startswith("责任") else None)


def parse_assignment(text: str) -> list[tuple[int, str, str]]:
    """A responsibility statement -> [(offset, body, role)].

    `县生态环境分局牵头，县直各部门按职责分工负责`: each list takes the role phrase
    that closes it; `牵头单位：区发改局；责任单位：…` takes the role from its label.
    """
    found: list[tuple[int, str, str]] = []
    for c_off, clause in _split_top(text, "；;"):
        clause = clause.rstrip("。")
        label = LABEL.search(clause)
        if label and not clause[:label.start()].strip("，, "):
            role = _label_role(label.group(1))
            found += [(c_off + label.end() + o, n, role) for o, n in _bodies(clause[label.end():], 0) if role]
            continue
        pending: list[tuple[int, str]] = []
        for s_off, seg in _split_top(clause, "，,"):
            m = ROLE_TAIL.search(seg)
            if not m:
                pending.append((s_off, seg))
                continue
            role = responsibility_role(m.group("role"))
            items = pending + [(s_off, seg[:m.start()])]
            pending = []
            for p_off, p in items:
                found += [(c_off + p_off + o, n, role) for o, n in _bodies(p, 0) if role]
    return [f for f in found if _looks_like_body(f[1])]


def _statements(piece: Piece) -> list[tuple[int, str]]:
    """Responsibility statements in a piece: closed parentheses and label runs; (offset, text)."""
    text, out = piece.text, []
    start = piece.frag_end + 1 if piece.kind == "frag" else 0
    depth, open_at = 0, -1
    for i in range(start, len(text)):
        c = text[i]
        if c in OPEN:
            depth += 1
            if depth == 1:
                open_at = i
        elif c in CLOSE and depth > 0:
            depth -= 1
            if depth == 0:
                out.append((open_at + 1, text[open_at + 1:i]))
    if depth == 0:  # label lines outside parentheses: 牵头单位：…  责任单位：…
        bare = re.sub(r"[（(][^（()）]*(?:[（(][^（()）]*[）)][^（()）]*)*[）)]", lambda m: "＃" * len(m.group()),
                      text[start:])
        for m in re.finditer(r"(?:牵头单位|牵头部门|责任单位|责任部门|配合单位)[：:][^。\n＃]*", bare):
            out.append((start + m.start(), text[start + m.start():start + m.end()]))
    return [(o, s) for o, s in out if "。" not in s.rstrip("。")]


# --- putting pieces back together ---------------------------------------------------------------

def _bigrams(text: str) -> Counter:
    t = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "|", text)
    return Counter(t[i:i + 2] for i in range(len(t) - 1) if "|" not in t[i:i + 2])


class _Lexicon:
    """IDF-weighted shared vocabulary: which task does a stray block of text talk about?"""

    def __init__(self, texts: list[str]):
        self.n = max(len(texts), 1)
        self.df = Counter(b for t in texts for b in set(_bigrams(t)))
        self.tf = Counter(b for t in texts for b in _bigrams(t).elements())

    def joins(self, left: str, right: str) -> bool:
        """Does text cut off as `left` plausibly go on with `right` (`…的企`+`业、…` = 企业)?"""
        if not left or not right:
            return False
        return left[-1] in "、，,；;" or self.tf.get(left[-1] + right[0], 0) >= 2

    def score(self, piece: str, node_text: str) -> float:
        a, b = set(_bigrams(piece)), set(_bigrams(node_text))
        if not a:
            return 0.0
        w = lambda g: math.log((self.n + 1) / (self.df.get(g, 0) + 1))  # noqa: E731
        return sum(w(g) for g in a & b) / sum(w(g) for g in a)


def _cut_bonus(lex: _Lexicon, cut_text: str, text: str, later: list[str]) -> float:
    """Prefer continuing a task cut off mid-sentence, most when the broken word joins up; but
    leave it to a later block that joins it when this one does not."""
    if lex.joins(cut_text, text):
        return 0.25
    if any(lex.joins(cut_text, q) for q in later):
        return -0.1
    return 0.1


def _without_statements(piece: Piece) -> str:
    """The piece's prose: responsibility statements name the same bodies everywhere, so drop them."""
    text = piece.text[piece.frag_end + 1:] if piece.kind == "frag" else piece.text
    base = piece.frag_end + 1 if piece.kind == "frag" else 0
    for off, stmt in sorted(_statements(piece), reverse=True):
        o = off - base
        if o >= 0:
            text = text[:max(o - 1, 0)] + text[o + len(stmt) + 1:]
    return text


def _join_score(head: str, tail: str, known: set[str]) -> int:
    """How well does an open parenthesis's end `…区自然资` join a fragment's start `源局、…`?"""
    left = re.split(r"[（(、，,；;：:]", head)[-1]
    right = re.split(r"[、，,；;）)]", tail)[0]
    joined = left + right
    if joined in known or TRAILING_ETC.sub("", joined) in known:
        return 2
    if ROLE_TAIL.search(joined) or ROLE_TAIL.search(left + tail.split("）")[0]) and not right:
        return 1
    return 0


def _assign(pieces: list[Piece], nodes: dict[int, Node], known: set[str]) -> list[tuple[Node, Piece, str]]:
    """Give each piece an owner; returns (node, piece, text prefix from an open parenthesis)."""
    plain = {id(p): _without_statements(p) for p in pieces}
    lex = _Lexicon(list(plain.values()))
    out: list[tuple[Node, Piece, str]] = []
    cut: list[Node] = []
    opened: list[tuple[Node, Piece]] = []
    prev: Node | None = None
    for idx, p in enumerate(pieces):
        prefix = ""
        if p.kind == "head":
            owner = nodes[idx]
        elif p.kind == "frag" and opened:
            tail = p.text
            best = max(opened, key=lambda o: (_join_score(_open_tail(o[1]), tail, known), -opened.index(o)))
            opened.remove(best)
            owner, prefix = best[0], _open_tail(best[1])
        elif cut or prev:
            starts_mid = p.text[:1] in "、，,；;。"
            cands = list(dict.fromkeys(cut + ([prev] if prev and not (starts_mid and cut) else [])))
            text = plain[id(p)]
            later = [plain[id(q)] for q in pieces[idx + 1:idx + 9] if q.kind == "text"]
            scored = [(lex.score(text, n.text) + (_cut_bonus(lex, n.text, text, later) if n in cut else 0.0), -i, n)
                      for i, n in enumerate(cands)]
            owner = max(scored, key=lambda s: (s[0], s[1]))[2]
        else:
            continue
        if owner in cut:
            cut.remove(owner)
        state = p.end_state()
        if state == "cut" and not p.title_only:
            cut.append(owner)
        elif state == "open":
            opened.append((owner, p))
        owner.text += plain[id(p)]
        prev = owner
        out.append((owner, p, prefix))
    return out


def _open_tail(piece: Piece) -> str:
    """The unclosed parenthesis at the end of a piece, without its `（`."""
    text, depth = piece.text, 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in CLOSE:
            depth += 1
        elif text[i] in OPEN:
            if depth == 0:
                return text[i + 1:]
            depth -= 1
    return ""


# --- task numbers -------------------------------------------------------------------------------

def _task_ids(nodes: list[Node]) -> dict[int, str]:
    """The number as printed, or the shortest section path that makes it unique (`三.2`, `一.一`)."""
    ids: dict[int, str] = {}
    for n in nodes:
        same = [m for m in nodes if m.level == n.level]
        numbers = Counter(m.number for m in same)
        if max(numbers.values()) == 1:  # numbered through the whole document
            ids[id(n)] = n.number
            continue
        top = n.path[:1] + (n.number,)
        if len(n.path) > 1 and sum(m.path[:1] + (m.number,) == top for m in same) == 1:
            ids[id(n)] = ".".join(top)
        else:
            ids[id(n)] = ".".join(n.path)
    return ids


def _title(text: str) -> str:
    depth = 0
    for i, c in enumerate(text):
        if c in OPEN:
            if depth == 0 and _role_in_last_paren(text[: _close_of(text, i) + 1]):
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
    pieces = split_pieces(lines)
    nodes: dict[int, Node] = {}
    path: list[str] = []
    levels: list[int] = []
    for idx, p in enumerate(pieces):
        if p.kind != "head":
            continue
        level, number, _ = _heading(p.text)
        while levels and levels[-1] >= level:
            levels.pop()
            path.pop()
        levels.append(level)
        path.append(number)
        m = _heading(p.text)
        nodes[idx] = Node(level, number, tuple(path), _title(m[2]), p.lines[0].number)
    known = {n for p in pieces for _, s in _statements(p) for _, n, _ in parse_assignment(s)}
    assigned = _assign(pieces, nodes, known)
    ids = _task_ids(list(nodes.values()))
    facts: dict[tuple[str, str, str], TaskFact] = {}
    for node, piece, prefix in assigned:
        statements = _statements(piece)
        lines_of = [ln for _, ln in piece.chars]
        if prefix and piece.kind == "frag":
            statements.append((-len(prefix), prefix + piece.text[:piece.frag_end]))
        for off, stmt in statements:
            for b_off, body, role in parse_assignment(stmt):
                at = off + b_off
                line = lines_of[at] if 0 <= at < len(lines_of) else _prefix_line(assigned, node, piece, at)
                key = (ids[id(node)], body, role)
                if key in facts:
                    continue
                facts[key] = TaskFact(doc=doc.number, line=line, task=ids[id(node)], title=node.title,
                                      body=body, role=role, collective=True if is_collective(body) else None)
    return list(facts.values())


def _prefix_line(assigned: list[tuple[Node, Piece, str]], node: Node, piece: Piece, at: int) -> int:
    """Line of a body named in the first half of a split parenthesis (before the fragment)."""
    for n, p, _ in assigned:
        if n is node and p is not piece and p.end_state() == "open":
            lines_of = [ln for _, ln in p.chars]
            return lines_of[max(len(lines_of) + at, 0)] if lines_of else node.line
    return node.line
