"""Cutting a plan into pieces (runs of lines that surely flow) and numbering its headings.

PDF extraction prints the blocks of two-column pages out of order, so a task's text can stop
mid-sentence and go on several blocks later. A piece ends at a heading, after a closed
responsibility statement, after a bare section title, or where an open parenthesis cannot go on;
tasks/assign.py then gives each piece back to its task.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, pairwise, repeat
from operator import add
from pathlib import Path

from govkg.loaders.tasks.statements import (ANY_LABEL, BODY_HINTS, CLOSE, LABEL, OPEN, ROLE_TAIL, TRAILING_ETC,
                                            looks_like_body, role_in_last_paren)
from govkg.loaders.tables import derived
from govkg.loaders.text import Line
from govkg.ontology.vocabulary import body_suffixes_longest_first

CN_NUM = "一二三四五六七八九十"
# Heading styles, outermost first: 一、 / （一） / 1. / （1）
HEADINGS = [
    re.compile(rf"^([{CN_NUM}]{{1,3}})、"),
    re.compile(rf"^[（(]([{CN_NUM}]{{1,3}})[）)]"),
    re.compile(r"^(\d{1,3})[.．、](?![\d.．])"),
    re.compile(r"^[（(](\d{1,3})[）)]"),
]
# A role marked on one body of a label list (`责任单位：县水利局（牵头）、…`) is part of that list.
ROLE_MARK = re.compile(r"^[（(](?:牵头单位|牵头|主责|负责|配合单位|配合|协助|参与)[）)]$")
# A parenthesis inside a body's name, naming a kind of place: 各乡（镇）人民政府, 镇（街道）, 村（社区）.
NAME_PAREN = re.compile(r"^[（(](?:镇|乡|乡镇|街道|社区|苏木|场|林场|区)[）)]$")
_PAREN = re.compile(f"[{re.escape(OPEN + CLOSE)}]")
# Where a sentence may end; a piece ending elsewhere was cut off mid-sentence.
SENTENCE_END = "。！？；）)”」：:"


@dataclass(eq=False)
class Node:
    """A numbered heading (task or section) and what has been read for it."""

    level: int
    number: str
    path: tuple[str, ...]
    title: str
    line: int
    text: str = ""  # its prose read so far (statements left out)
    cut_at: int = 0  # index of the line where its text last stopped mid-sentence


@dataclass
class Piece:
    """Lines that surely flow into each other; `kind` is head | frag | text."""

    lines: list[Line] = field(default_factory=list)
    kind: str = "text"
    node: Node | None = None
    title_only: bool = False
    depth: int = 0
    frag_end: int = -1  # offset in `text` of the `）` closing a parenthesis opened elsewhere
    parts: list[str] = field(default_factory=list, repr=False)  # each line's text without spaces
    size: int = 0  # characters in `parts`: the length of `text` and `char_lines`

    @property
    def text(self) -> str:
        # Read many times per piece by the assignment passes; `parts` only ever grows (_append),
        # so the size says whether the joined text is still current. Joined from the lines'
        # texts (one string each), not char by char.
        cached = self.__dict__.get("_text")
        if cached is None or cached[0] != self.size:
            cached = (self.size, "".join(self.parts))
            self.__dict__["_text"] = cached
        return cached[1]

    @property
    def char_lines(self) -> list[int]:
        """The source line of each character of the text. Made when first asked for: most pieces
        (those without statements, the rests read in the hidden-break search) never are."""
        cached = self.__dict__.get("_char_lines")
        if cached is None or len(cached) != self.size:
            cached = list(chain.from_iterable(map(repeat, (ln.number for ln in self.lines), map(len, self.parts))))
            self.__dict__["_char_lines"] = cached
        return cached

    def end_state(self) -> str:
        """complete | open (inside an unclosed parenthesis) | cut (stopped mid-sentence)."""
        if self.depth > 0:
            return "open"
        t = self.text
        return "complete" if not t or t[-1] in SENTENCE_END else "cut"


_HEAD_FIRST = frozenset(CN_NUM + "（(")


def heading(text: str) -> tuple[int, str, str] | None:
    first = text[:1]
    if not first or (first not in _HEAD_FIRST and not first.isdigit()):
        return None  # every HEADINGS pattern opens with a numeral, a digit (\d: isdigit) or a parenthesis
    for level, pat in enumerate(HEADINGS):
        m = pat.match(text)
        if m and len(text) > m.end() and not text[m.end()].isdigit():
            return level, m.group(1), text[m.end():]
    return None


@lru_cache(maxsize=1 << 14)
def depth_after(text: str, depth: int) -> tuple[int, int]:
    """Paren depth after `text`; also the offset where depth first went below zero (or -1).
    Only the parentheses are visited (found at C speed; most lines have none)."""
    below = -1
    for m in _PAREN.finditer(text):
        if m.group() in OPEN:
            depth += 1
        else:
            depth -= 1
            if depth < 0 and below < 0:
                below = m.start()
                depth = 0
    return depth, below


def _paren_breaks(texts: list[str], depth: int) -> bool:
    """Does a parenthesis left open at a line end fail to close in the lines that follow?

    It is broken when a sentence ends, or a heading starts, before it closes.
    """
    for t in texts:
        if heading(t):
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


def _bare_title(head: tuple[int, str, str], after: str, seen: Pairs) -> tuple[bool, int]:
    """Is a heading a bare section title (`一、总体要求`), and over how many more lines does it run?

    A title may wrap onto a short bare next line (`四、…协调监督工` + `作体系`): both lines are the
    title. A heading whose next line goes on to a full stop after a few characters and no comma
    (`（一）加强…监` + `督信息化建设。配合…`) is a task with its text, not a bare title.
    """
    level, _, rest = head
    if level > 1 or re.search(r"[。，；：:,]", rest) or len(rest) > 30:
        return False, 0
    if not after or heading(after):
        return True, 0
    if len(after) <= 12 and not re.search(r"[。，、；：,（(）)]", after) and len(rest) + len(after) <= 36:
        return True, 1
    stop = after.find("。")
    if 0 <= stop and len(rest) + stop <= 36 and not re.search(r"[，、；：,]", after[:stop]) \
            and (stop <= 4 or rest[-1] in "、，" or seen[rest[-1] + after[0]] > 0):
        return False, 0
    return True, 0


def _continues_list(text: str) -> bool:
    """Can this line carry on a list of bodies (`改局、县能源局、县自然资`)? The last item may be cut."""
    if not text or heading(text):
        return False
    head = re.split(r"[）)]", text)[0]
    if "。" in head:
        return False
    items = [x for x in re.split(r"[、，,；;]", head)]
    return all(looks_like_body(TRAILING_ETC.sub("", x)) or ROLE_TAIL.search(x) for x in items[:-1] if x) \
        and (len(items) > 1 or head != text)


class Pairs:
    """How often each two characters follow each other within a line (`pairs["企业"]`).

    A document asks about a handful of pairs (a wrapped bare title, a page start), so the first
    few are counted one by one in the lines joined by a line break (a pair of two different
    characters, neither a line break, is found there exactly as often as within the lines); after
    `looks` (PAIR_LOOKS unless given) of them, or for any other pair, every pair is counted once:
    linear either way."""

    def __init__(self, texts: list[str], looks: int | None = None):
        self._texts, self._counts, self._joined = texts, None, None
        self._looked: dict[str, int] = {}
        self._looks = PAIR_LOOKS if looks is None else looks

    def __getitem__(self, pair: str) -> int:
        if self._counts is None:
            if pair in self._looked:
                return self._looked[pair]
            if len(self._looked) < self._looks and len(pair) == 2 and pair[0] != pair[1] and "\n" not in pair:
                if self._joined is None:
                    self._joined = "\n".join(self._texts)
                n = self._looked[pair] = self._joined.count(pair)
                return n
            self._counts = Counter(chain.from_iterable(map(add, t, t[1:]) for t in self._texts))  # at C speed
        return self._counts[pair]


PAIR_LOOKS = 8


def in_line_pairs(texts: list[str]) -> Pairs:
    """How often each two characters follow each other within a line: the document's own words.
    The same for the lines in any order, so unswap_columns and split_pieces can share one count."""
    return Pairs(list(texts))


def split_pieces(lines: list[Line], seen: Pairs | None = None) -> list[Piece]:
    """Cut the document into pieces at headings, after closed responsibility parentheses, after
    bare section titles and where an open parenthesis cannot go on. `seen`: in_line_pairs of the
    lines, if already counted."""
    texts = ["".join(ln.text.split()) for ln in lines]
    seen = in_line_pairs(texts) if seen is None else seen  # words within lines
    pieces: list[Piece] = []
    cur: Piece | None = None
    close_next = False
    title_rest = 0  # lines of a wrapped bare title still to come
    for i, ln in enumerate(lines):
        t = texts[i]
        head = heading(t)
        if cur is None or head or close_next:
            cur = Piece(kind="head" if head else "text")
            pieces.append(cur)
            if head:
                cur.title_only, title_rest = _bare_title(head, texts[i + 1] if i + 1 < len(texts) else "", seen)
            else:
                title_rest = 0
        elif title_rest:
            title_rest -= 1
        _append(cur, ln, t)
        ends_paren = t.endswith(tuple(CLOSE)) or t.endswith(("）。", ")。"))
        close_next = ((cur.title_only and not title_rest)
                      or (cur.depth == 0 and ends_paren and role_in_last_paren(cur.text))
                      or (cur.depth > 0 and _paren_breaks(texts[i + 1:i + 12], cur.depth)
                          and not _continues_list(texts[i + 1] if i + 1 < len(texts) else "")))
    return pieces


def piece_of(lines: list[Line], kind: str = "text", title_only: bool = False) -> Piece:
    """A piece read afresh from its lines (one half of a piece cut in two at a hidden break)."""
    p = Piece(kind=kind, title_only=title_only)
    for ln in lines:
        _append(p, ln, _bare_text(ln.text))
    return p


@lru_cache(maxsize=1 << 14)
def _bare_text(text: str) -> str:
    """A line's text without spaces (remembered: the hidden-break search reads the same lines
    into a piece again at every line start)."""
    return "".join(text.split())


def _append(p: Piece, ln: Line, t: str) -> None:
    """Add a line (`t`: its text without spaces); a text piece that starts by closing a parenthesis
    it never opened, before any full stop, becomes a fragment."""
    start = p.size
    p.lines.append(ln)
    p.parts.append(t)
    p.size += len(t)
    p.depth, below = depth_after(t, p.depth)
    if below >= 0 and p.kind == "text" and p.frag_end < 0 and "。" not in t[:below].rstrip("。"):
        if start == 0 or "。" not in p.text[:start]:
            p.kind, p.frag_end = "frag", start + below


def statements(piece: Piece) -> list[tuple[int, str]]:
    """Responsibility statements in a piece: closed parentheses and label runs; (offset, text).

    Remembered on the piece (keyed by what they depend on: its length, kind and fragment end),
    since the assignment passes ask for them again and again; callers get their own list."""
    key = (piece.size, piece.kind, piece.frag_end)
    cached = piece.__dict__.get("_statements")
    if cached is None or cached[0] != key:
        cached = (key, _statements(piece))
        piece.__dict__["_statements"] = cached
    return list(cached[1])


def _statements(piece: Piece) -> list[tuple[int, str]]:
    text = piece.text
    start = piece.frag_end + 1 if piece.kind == "frag" else 0
    out, depth = _paren_statements(text, start)
    if depth == 0 and (text.find("：", start) >= 0 or text.find(":", start) >= 0):  # label lines: 牵头单位：…
        # (LABEL ends in a colon: without one there is no label run to find)
        bare = _masked(text[start:])
        for m in LABEL.finditer(bare):
            if out and start + m.start() < out[-1][0] + len(out[-1][1]):
                continue  # already inside the run of an earlier label
            off, end = _label_run(piece, bare, start, m)
            out.append((off, text[off:end]))
    return _sentence_free(out)


def _paren_statements(text: str, start: int) -> tuple[list[tuple[int, str]], int]:
    """The closed top-level parentheses from `start` on that are not a role mark or part of a
    name, as (offset, text inside); and the depth left open at the end."""
    out: list[tuple[int, str]] = []
    depth, open_at = 0, -1
    for m in _PAREN.finditer(text, start):  # only the parentheses matter here: visited, not every char
        i, c = m.start(), m.group()
        if c in OPEN:
            depth += 1
            if depth == 1:
                open_at = i
        elif c in CLOSE and depth > 0:
            depth -= 1
            if depth == 0 and not ROLE_MARK.match(text[open_at:i + 1]) and not NAME_PAREN.match(text[open_at:i + 1]):
                out.append((open_at + 1, text[open_at + 1:i]))
    return out, depth


def _masked(text: str) -> str:
    """The text with every parenthesis (one level of nesting) masked by ＃, but for role marks and
    the parentheses of names: where a label's run of bodies may go."""
    return re.sub(r"[（(][^（()）]*(?:[（(][^（()）]*[）)][^（()）]*)*[）)]",
                  lambda m: m.group() if ROLE_MARK.match(m.group()) or NAME_PAREN.match(m.group())
                  else "＃" * len(m.group()), text)


def _label_run(piece: Piece, bare: str, start: int, m: re.Match) -> tuple[int, int]:
    """(offset, end) in the piece's text of the run of a label matched at `m` in `bare` (the
    masked text from `start` on): up to a full stop or mask, or where the list is complete."""
    end = start + m.end() + re.search(r"[。＃]|$", bare[m.end():]).start()
    return start + m.start(), _label_run_end(piece, start + m.end(), end)


def _sentence_free(found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A statement holds no full stop inside it (one at its end is the sentence's own)."""
    return [(o, s) for o, s in found if "。" not in s.rstrip("。")]


def whole_name(name: str) -> bool:
    """Does the name end as a body's name does (`…人民政府`, `…有关部门`), not cut short (`阳城县人`,
    `各乡镇人民`)? Plural phrases count only by their ending here."""
    bare = re.sub(r"[（(][^）)]*[）)]", "", TRAILING_ETC.sub("", name))
    return bool(bare) and bare.endswith(tuple(body_suffixes_longest_first()) + BODY_HINTS)


def _label_run_end(piece: Piece, begin: int, end: int) -> int:
    """Where a label's list of bodies stops: at `end`, or at the first line end before it where
    the list is complete (its last name whole, or a role phrase) and the next line does not go on
    with it. A label line printed before its item's text (`责任单位：县农业农村局、县林业局` then
    `引导农民以…`) runs on into prose with no full stop between them."""
    text = piece.text
    at = piece.char_lines
    for k in range(begin + 1, min(end, len(at))):
        if at[k] == at[k - 1]:
            continue  # not a line start
        done = text[begin:k]
        last = re.split(r"[、，,；;]", done)[-1]
        if not last or done.endswith(("、", "，", ",", "；", ";", "：", ":")):
            continue
        complete = whole_name(re.sub(r"[（(][^（()）]*[）)]$", "", last)) or bool(ROLE_TAIL.search(last))
        nxt = text[k:end]
        line_end = next((q for q in range(k, end) if at[q] != at[k]), end)
        first = re.split(r"[、，,；;。（(：:]", text[k:line_end])[0]
        if complete and nxt[:1] not in "、，,；;）)" and not looks_like_body(first) and not ANY_LABEL.match(nxt):
            return k
    return end


def without_statements(piece: Piece) -> str:
    """The piece's prose: responsibility statements name the same bodies everywhere, so drop them."""
    key = (piece.size, piece.kind, piece.frag_end)
    cached = piece.__dict__.get("_prose")
    if cached is None or cached[0] != key:
        cached = (key, _without_statements(piece))
        piece.__dict__["_prose"] = cached
    return cached[1]


def _without_statements(piece: Piece) -> str:
    text = piece.text[piece.frag_end + 1:] if piece.kind == "frag" else piece.text
    base = piece.frag_end + 1 if piece.kind == "frag" else 0
    for off, stmt in sorted(statements(piece), reverse=True):
        o = off - base
        if o >= 0:
            text = text[:max(o - 1, 0)] + text[o + len(stmt) + 1:]
    return text


class SuffixProse:
    """The prose of a piece's lines from a line start on, as `piece_of(lines[j:])` reads it (None
    where that is a fragment), for any j, without reading each rest afresh.

    The hidden-break search asks this at every line start of a piece; reading each rest afresh
    was quadratic in the piece's length. At a line start where the piece's own reading is in the
    state a fresh reading starts in (no parenthesis open by _append's count nor by _statements'
    scan, no label name running across it), the rest's parenthesis statements and label matches
    are the piece's own from there on; a label's run is the same wherever the reading started
    (it looks only ahead), so it is found once per label; only which labels a run hides is
    replayed. Whether the rest is a fragment is decided by its first line that closes more than
    it opens. Any other line start is read afresh."""

    def __init__(self, piece: Piece):
        self.piece = piece
        texts = piece.parts
        n = len(texts)
        self.starts = [0]
        for t in texts:
            self.starts.append(self.starts[-1] + len(t))
        # _append's parenthesis count before each line, and where a line first closes more than it opened
        self.before, self.below, depth = [], [], 0
        for t in texts:
            self.before.append(depth)
            depth, below = depth_after(t, depth)
            self.below.append(below)
        self.colon_from, self.stop_from, self.below_from = [False] * (n + 1), [n] * (n + 1), [n] * (n + 1)
        for j in range(n - 1, -1, -1):
            t = texts[j]
            self.colon_from[j] = self.colon_from[j + 1] or "：" in t or ":" in t
            self.stop_from[j] = j if "。" in t else self.stop_from[j + 1]
            self.below_from[j] = j if self.below[j] >= 0 else self.below_from[j + 1]
        text = piece.text
        self.parens, self.end_depth = _paren_statements(text, 0)
        self.scan_depth = self._scan_depths()
        self.bare = _masked(text) if self.colon_from[0] else ""
        self.labels = list(LABEL.finditer(self.bare))
        self.label_starts = [m.start() for m in self.labels]
        self.runs: dict[int, tuple[int, str, bool]] = {}  # label -> (offset, its run, free of full stops)
        # statements are in offset order: a rest's own are found by bisection, and whether each
        # is free of full stops is decided once
        self.paren_offsets = [o for o, _ in self.parens]
        self.free = _sentence_free(self.parens)  # (a rest's own are a slice of these: no filtering per rest)
        self.free_offsets = [o for o, _ in self.free]

    def _scan_depths(self) -> list[int]:
        """_statements' parenthesis depth at each line start (a close at depth 0 is passed over)."""
        out, depth, marks = [], 0, _PAREN.finditer(self.piece.text)
        mark = next(marks, None)
        for start in self.starts[:-1]:
            while mark is not None and mark.start() < start:
                depth = depth + 1 if mark.group() in OPEN else max(depth - 1, 0)
                mark = next(marks, None)
            out.append(depth)
        return out

    def read_as_within(self, j: int) -> bool:
        """Is the rest from line j read just as it is within the piece?"""
        s = self.starts[j]
        if self.piece.kind == "frag" or self.before[j] != 0 or self.scan_depth[j] != 0:
            return False
        k = bisect_left(self.label_starts, s) - 1  # labels do not overlap: only the last one before s may run across it
        return k < 0 or self.labels[k].end() <= s

    def statements(self, j: int) -> list[tuple[int, str]]:
        """_statements of the rest from line j (offsets in the piece's text), for a j read as within."""
        s, text = self.starts[j], self.piece.text
        first = bisect_right(self.paren_offsets, s)  # opened at or after s
        out = self.free[bisect_right(self.free_offsets, s):]
        last = self.parens[-1] if first < len(self.parens) else None  # the statement a label may fall inside
        if self.end_depth == 0 and self.colon_from[j]:
            for k in range(bisect_left(self.label_starts, s), len(self.labels)):
                m = self.labels[k]
                if last and m.start() < last[0] + len(last[1]):
                    continue
                if k not in self.runs:
                    off, end = _label_run(self.piece, self.bare, 0, m)
                    self.runs[k] = off, text[off:end], bool(_sentence_free([(off, text[off:end])]))
                off, run, free = self.runs[k]
                last = off, run
                if free:
                    out.append(last)
        return out

    def __call__(self, j: int) -> str | None:
        if not self.read_as_within(j):
            rest = piece_of(self.piece.lines[j:])
            return None if rest.kind == "frag" else without_statements(rest)
        m = self.below_from[j]
        texts = self.piece.parts
        if m < len(texts) and "。" not in texts[m][:self.below[m]].rstrip("。") and self.stop_from[j] >= m:
            return None  # it starts by closing a parenthesis opened before it: a fragment
        s = self.starts[j]
        text = self.piece.text[s:]
        for off, stmt in sorted(((o - s, st) for o, st in self.statements(j)), reverse=True):
            text = text[:max(off - 1, 0)] + text[off + len(stmt) + 1:]
        return text


def number_value(number: str) -> int:
    """`3` -> 3, `十二` -> 12, `二十` -> 20 (0 when it is no number)."""
    if number.isdigit():
        return int(number)
    if "十" in number:
        tens, _, ones = number.partition("十")
        return (CN_NUM.index(tens) + 1 if tens else 1) * 10 + (CN_NUM.index(ones) + 1 if ones else 0)
    return CN_NUM.index(number) + 1 if number in CN_NUM else 0


def _in_sequence(numbers: list[int]) -> bool:
    """Are these the numbers 1..n, each once?"""
    return sorted(numbers) == list(range(1, len(numbers) + 1))


def heading_paths(heads: list[tuple[int, str]]) -> list[tuple[str, ...]]:
    """The section path of each (level, number) heading, in document order.

    PDF column order can print a section heading before the last items of the section above it
    (`四、…` then `（五）…`, the item after `（四）` of section 三). When a section's items are not
    numbered 1..n but would be without the first ones printed under it, and those first ones carry
    on the numbering of the section before (1..m, then m+1 …), they belong to the section before.
    """
    parent = [-1] * len(heads)
    stack: list[int] = []
    for i, (level, _) in enumerate(heads):
        while stack and heads[stack[-1]][0] >= level:
            stack.pop()
        parent[i] = stack[-1] if stack else -1
        stack.append(i)
    groups: dict[tuple[int, int], list[int]] = {}
    children: dict[int, list[int]] = {}  # heading -> its child levels, in order of first child
    for i, (level, _) in enumerate(heads):
        if (parent[i], level) not in groups:
            children.setdefault(parent[i], []).append(level)
        groups.setdefault((parent[i], level), []).append(i)
    value = [number_value(n) for _, n in heads]
    # Each group's list stays in document order (headings moved to a section come after its own),
    # so the sibling before a heading is found by bisection, not by a scan per heading.
    for p, (level, _) in enumerate(heads):
        siblings = groups[(parent[p], level)]
        k = bisect_left(siblings, p)
        q = siblings[k - 1] if k else -1
        if q < 0:
            continue
        for child_level in children.get(p, []):
            items = groups[(p, child_level)]
            prior = groups.setdefault((q, child_level), [])
            numbers = [value[i] for i in items]
            if _in_sequence(numbers):
                continue
            have = {value[i] for i in prior}
            lead = 0
            while lead < len(items) and value[items[lead]] not in have:
                lead += 1
            for n in range(lead, 0, -1):
                moved = [value[i] for i in items[:n]]
                if numbers[n:] and _in_sequence(list(have) + moved) and _in_sequence(numbers[n:]):
                    for i in items[:n]:
                        parent[i] = q
                    prior.extend(items[:n])
                    del items[:n]
                    break
    paths: list[tuple[str, ...]] = []
    for i, (_, number) in enumerate(heads):
        paths.append((paths[parent[i]] if parent[i] >= 0 else ()) + (number,))
    return paths


# Two-column pages may come out of PDF extraction with their columns swapped: the right column
# (A) printed before the left one (B). Seams in words broken across lines give it away: the
# page's first line goes on from its last (`…二次供` + `水设施改造…`), B's first line does not go on
# from A's last, and the next page's first line goes on from A's last (`…补贴政` + `策，每年…`), not
# from B's. Pages are told apart by the page furniture dropped between them (a gap in line numbers).
# Government prose whose in-line bigrams tell a word broken across lines from a seam.
LEXICON_SOURCE = Path(__file__).resolve().parent.parent / "sample" / "lishi-gazette-2024-3.txt"


def count_bigrams(text: str) -> dict[str, int]:
    """In-line bigrams of a text and their counts (spaces dropped: a bigram may span one)."""
    return dict(Counter(t[k:k + 2] for t in ("".join(ln.split()) for ln in text.splitlines()) for k in range(len(t) - 1)))


@lru_cache(maxsize=1)
def _lexicon() -> Counter:
    """The bigrams of the shipped gazette, kept by `make setup` (loaders/tables.py). A missing
    gazette is a broken install: it fails (and the tasks extractor's failure is reported), never
    silently reads with an empty lexicon."""
    lexicon: Counter = Counter()
    lexicon.update(derived("tasks-lexicon", LEXICON_SOURCE, count_bigrams))  # a mapping: copied at C speed
    return lexicon


def page_starts(lines: list[Line]) -> list[int]:
    """Indexes of lines that open a page: where at least two more source lines than usual were
    dropped before them (a page number and a running header)."""
    gaps = [b.number - a.number for a, b in pairwise(lines)]
    if not gaps:
        return []
    usual = Counter(gaps).most_common(1)[0][0]
    return [k + 1 for k, g in enumerate(gaps) if g >= usual + 2]


def unswap_columns(lines: list[Line], local: Pairs | None = None) -> list[Line]:
    """Put the columns of a page printed right column first back in reading order (B before A).
    `local`: in_line_pairs of the lines, if already counted."""
    texts = ["".join(ln.text.split()) for ln in lines]
    lexicon = _lexicon()  # shared and large: looked up beside this document's bigrams, never copied
    local = in_line_pairs(texts) if local is None else local

    def link(left: str, right: str) -> int:
        if not (left and right):
            return 0
        pair = left[-1] + right[0]
        return lexicon[pair] + local[pair]

    def cut(t: str) -> bool:  # stops mid-sentence (a bare heading line is a title, not cut)
        return bool(t) and t[-1] not in SENTENCE_END and not (heading(t) and "。" not in t)

    starts = page_starts(lines)
    out = list(range(len(lines)))
    for i, k in pairwise(starts):
        last = texts[k - 1]
        if not (cut(last) and link(last, texts[k]) == 0 and link(last, texts[i]) >= 2 and not heading(texts[i])
                and (not cut(texts[i - 1]) or link(texts[i - 1], texts[i]) == 0)):
            continue
        seams = [j for j in range(i + 1, k) if cut(texts[j - 1]) and link(texts[j - 1], texts[j]) == 0
                 and link(texts[j - 1], texts[k]) >= 2]
        if len(seams) == 1:
            j = seams[0]
            out[i:k] = list(range(j, k)) + list(range(i, j))
    return [lines[x] for x in out]
