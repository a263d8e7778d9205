"""Giving each piece of a plan back to its task.

- a piece that starts with a heading belongs to that heading;
- a piece that starts by closing a parenthesis it never opened (`源局、…负责落实）`) completes the
  parenthesis some task left open; the join that forms a known body name or role phrase wins;
- any other piece continues a task whose text stopped mid-sentence (chosen by shared vocabulary,
  a title mark or quote it closes, else document order), or is a further paragraph of the task
  before it;
- then a piece that ran on, with no visible break, into the rest of another task is cut in two.
"""

from __future__ import annotations

import math
import re
from collections import Counter, deque
from functools import cached_property, lru_cache
from itertools import chain, repeat

from govkg.loaders.tasks.pieces import (
    Node,
    Pairs,
    Piece,
    SuffixProse,
    piece_of,
    statements,
    whole_name,
    without_statements,
)
from govkg.loaders.tasks.statements import (
    CLOSE,
    LABEL,
    OPEN,
    ROLE_TAIL,
    TRAILING_ETC,
    role_in_last_paren,
)

MARKS = (("《", "》"), ("“", "”"))
# A task cut mid-sentence is continued on the same page or the next: a block further away than
# this many lines continues something else.
REACH = 120
# A block that closes a 《 or “ it never opened continues the task left with one open.
MARK_BONUS = 0.5
# How much more a block's wording must share with a cut-off item than with its own to be moved.
HIDDEN_GAIN = 0.2
# Pairs a lexicon counts one by one before it counts them all: a pair's count is one C-speed scan
# of the document's prose, a full count some hundred and fifty (and a long plan asks a few dozen).
LEX_PAIR_LOOKS = 64
MAX_REPAIRS = 8

Assigned = list[tuple[Node, Piece, str]]


NON_WORD = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")


def _words(text: str) -> list[str]:
    """Runs of word characters (Han, Latin letters, digits): a bigram never spans two."""
    return NON_WORD.sub("|", text).split("|")


@lru_cache(maxsize=1 << 11)
def _bigram_set(text: str) -> frozenset[str]:
    """The word bigrams of a text, each once: what the scores compare. Remembered for the texts
    of about one gazette (a document asks for the same rests again and again; ~11 KB a set): with
    room for 32k sets this memo alone grew by 1.3 MB a gazette, to ~360 MB; at 2k the hits on 10
    and 40 renamed copies are exactly the same, and the peak of 40 copies is 161 MB, not 206."""
    return frozenset(a + b for w in _words(text) for a, b in zip(w, w[1:]))


class _Weights(dict):
    """bigram -> IDF weight. On the first look every counted bigram's weight is filled in at once
    (one logarithm per document frequency, the filling at C speed: a look-up per bigram through
    __missing__ was most of a score); a bigram never counted is computed when asked."""

    def __init__(self, lex: _Lexicon):
        super().__init__()
        self.lex, self.filled = lex, False

    def __missing__(self, g: str) -> float:
        n, df = self.lex.n, self.lex.df
        if not self.filled:
            self.filled = True
            logs = [math.log((n + 1) / (c + 1)) for c in range(max(df.values(), default=0) + 1)]
            self.update(zip(df.keys(), map(logs.__getitem__, df.values())))
            if g in self:
                return self[g]
        w = self[g] = math.log((n + 1) / (df.get(g, 0) + 1))
        return w


class _Lexicon:
    """IDF-weighted shared vocabulary: which task does a stray block of text talk about?

    The counts are made on first use: most documents (no plan, or a plan with nothing to repair)
    never ask, and counting every bigram of every piece was a third of a task list's reading."""

    def __init__(self, texts: list[str]):
        self.n = max(len(texts), 1)
        self._texts = texts
        self._weight = _Weights(self)
        self._totals: dict[int, tuple[set[str], float]] = {}

    @cached_property
    def df(self) -> Counter:
        """In how many texts each bigram is found. A plan's lexicon is asked for again with a few
        texts more or less (without the pieces before its first heading; after a piece is cut in
        two), so a recent lexicon of nearly the same texts gives its counts, mended by the texts
        in one and not in the other: the same integers as counting afresh, which is one pass over
        every bigram of every text (at C speed, but the largest part of a lexicon's cost)."""
        mine, distinct = None, set(self._texts)
        for other in reversed(_COUNTED):
            if abs(len(other._texts) - len(self._texts)) > KIN_TEXTS or len(distinct ^ set(other._texts)) > KIN_TEXTS:
                continue  # (at C speed) too many texts differ: counting afresh is cheaper than mending
            mine = mine or Counter(self._texts)
            theirs = Counter(other._texts)
            added, removed = mine - theirs, theirs - mine
            if added.total() + removed.total() <= KIN_TEXTS:
                df = Counter(other.df)
                for text, k in added.items():
                    df.update(chain.from_iterable(repeat(_bigram_set(text), k)))
                for text, k in removed.items():
                    df.subtract(chain.from_iterable(repeat(_bigram_set(text), k)))
                break
        else:
            df = Counter(chain.from_iterable(map(_bigram_set, self._texts)))
        _COUNTED.append(self)
        return df

    @cached_property
    def pairs(self) -> Pairs:
        """How often two characters follow each other within a text. For two word characters this
        is how often that word bigram is printed; a document asks about a few dozen such pairs,
        which Pairs counts one by one before it counts them all (a full count was most of the
        cost of asking)."""
        return Pairs(self._texts, LEX_PAIR_LOOKS)

    def joins(self, left: str, right: str) -> bool:
        """Does text cut off as `left` plausibly go on with `right` (`…的企`+`业、…` = 企业)?
        Only word characters form a bigram: a pair with any other character is never printed as one."""
        if not left or not right:
            return False
        if left[-1] in "、，,；;":
            return True
        pair = left[-1] + right[0]
        return not NON_WORD.search(pair) and self.pairs[pair] >= 2

    def score(self, piece: str, node_text: str) -> float:
        return self.score_sets(_bigram_set(piece), _bigram_set(node_text))

    def score_sets(self, a: set[str], b: set[str]) -> float:
        """Share of the IDF weight of `a`'s bigrams found in `b`."""
        total = self.total(a) if a else 0.0
        if not total:
            return 0.0  # no word of `a` tells one text from another (each is in every text)
        return sum(map(self._weight.__getitem__, a & b)) / total

    def share(self, a: frozenset[str], found: list[str]) -> float:
        """Share of the IDF weight of `a`'s bigrams held by `found` (a part of `a`)."""
        total = self.total(a) if a else 0.0
        if not total:
            return 0.0
        return sum(map(self._weight.__getitem__, found)) / total

    def total(self, a: set[str]) -> float:
        """The IDF weight of a whole set, once per set (a seam's side is scored against many items);
        the set is held with its total so that its id is not reused while the lexicon lives."""
        hit = self._totals.get(id(a))
        if hit is None:
            hit = self._totals[id(a)] = (a, sum(map(self._weight.__getitem__, a)))
        return hit[1]

    def weight(self, g: str) -> float:
        """A bigram's IDF weight, computed once per lexicon."""
        return self._weight[g]

    def rest_total(self, rest: _Rest) -> float:
        """total() of a rest's bigrams, from the later rest it grew from and the bigrams it added:
        summing every rest of a piece whole was quadratic in the piece's length. (The same sum
        associated otherwise: it may differ from a whole sum in the last bit, as a whole sum does
        between runs, since a set's order follows the run's string hashes.)"""
        grown: list[_Rest] = []
        node: _Rest | None = rest
        while node is not None and id(node.grams) not in self._totals:
            grown.append(node)
            node = node.base
        for node in reversed(grown):
            if node.base is None:
                self.total(node.grams)
            else:
                below = self._totals[id(node.base.grams)][1]
                self._totals[id(node.grams)] = (node.grams, below + sum(map(self._weight.__getitem__, node.added)))
        return self._totals[id(rest.grams)][1]

    def rest_share(self, rest: _Rest, b: set[str]) -> float:
        """score_sets(rest's bigrams, b), its total grown (rest_total)."""
        total = self.rest_total(rest)
        if not total:
            return 0.0
        return sum(map(self._weight.__getitem__, rest.grams & b)) / total


# Lexicons whose counts were made last (see _Lexicon.df), and how many texts may differ for one
# to lend its counts to another.
_COUNTED: deque[_Lexicon] = deque(maxlen=4)
KIN_TEXTS = 8


@lru_cache(maxsize=8)
def _lexicon(texts: tuple[str, ...]) -> _Lexicon:
    """The lexicon of these texts: the repair rounds ask for the same one several times."""
    return _Lexicon(list(texts))


def _cut_bonus(lex: _Lexicon, cut_text: str, text: str, later: list[str]) -> float:
    """Prefer continuing a task cut off mid-sentence, most when the broken word joins up; but
    leave it to a later block that joins it when this one does not."""
    if lex.joins(cut_text, text):
        return 0.25
    if any(lex.joins(cut_text, q) for q in later):
        return -0.1
    return 0.1


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


def _assign(pieces: list[Piece], nodes: dict[int, Node], known: set[str],
            forced: dict[int, Node] | None = None) -> Assigned:
    """Give each piece an owner; returns (node, piece, text prefix from an open parenthesis)."""
    forced = forced or {}
    for n in nodes.values():
        n.text, n.cut_at = "", 0
    # a node's bigrams when last scored, and its text's length then: grown by what was added since
    # (its whole text was read again at every score)
    grams: dict[int, tuple[int, frozenset[str]]] = {}

    def node_grams(n: Node) -> frozenset[str]:
        read, found = grams.get(id(n), (0, frozenset()))
        if read < len(n.text):
            found = found | _bigram_set(n.text[max(read - 1, 0):])
            grams[id(n)] = len(n.text), found
        return found
    plain = {id(p): without_statements(p) for p in pieces}
    lex = _lexicon(tuple(plain.values()))
    out: Assigned = []
    cut: list[Node] = []
    opened: list[tuple[Node, Piece]] = []
    prev: Node | None = None
    order = {ln.number: i for i, ln in enumerate(ln for q in pieces for ln in q.lines)}
    for idx, p in enumerate(pieces):
        cut = [n for n in cut if order[p.lines[0].number] - n.cut_at <= REACH]
        prefix = ""
        if id(p) in forced:
            owner = forced[id(p)]
        elif p.kind == "head":
            owner = nodes[id(p)]
        elif p.kind == "frag" and opened:
            tail = p.text
            best = max(opened, key=lambda o: (_join_score(open_tail(o[1]), tail, known), -opened.index(o)))
            opened.remove(best)
            owner, prefix = best[0], open_tail(best[1])
        elif cut or prev:
            starts_mid = p.text[:1] in "、，,；;。"
            cands = list(dict.fromkeys(cut + ([prev] if prev and not (starts_mid and cut) else [])))
            text = plain[id(p)]
            later = [plain[id(q)] for q in pieces[idx + 1:idx + 9] if q.kind == "text"]
            mark = _closes_mark(p.text)
            mine = _bigram_set(text)
            scored = [(lex.score_sets(mine, node_grams(n)) + (_cut_bonus(lex, n.text, text, later) if n in cut else 0.0)
                       + (MARK_BONUS if mark and n in cut and _open_mark(n.text) == mark else 0.0), -i, n)
                      for i, n in enumerate(cands)]
            owner = max(scored, key=lambda s: (s[0], s[1]))[2]
        else:
            continue
        if owner in cut:
            cut.remove(owner)
        state = p.end_state()
        if state == "cut" and not p.title_only:
            cut.append(owner)
            owner.cut_at = order[p.lines[-1].number]
        elif state == "open":
            opened.append((owner, p))
        owner.text += plain[id(p)]
        prev = owner
        out.append((owner, p, prefix))
    return out


def _unfinished(assigned: Assigned, nodes: dict[int, Node]) -> list[tuple[Node, int]]:
    """Items whose text stops mid-sentence and never goes on: (node, index in `assigned` of its last piece).

    Only items without sub-items count: a section title has no text of its own to go on with.
    """
    parents = {n.path[:-1] for n in nodes.values()}
    last: dict[int, int] = {}
    for k, (n, _, _) in enumerate(assigned):
        last[id(n)] = k
    out = []
    for k in sorted(last.values()):
        n, p, _ = assigned[k]
        if p.end_state() == "cut" and not p.title_only and n.path not in parents and not ends_with_label_list(p):
            out.append((n, k))
    return out


def ends_with_label_list(p: Piece) -> bool:
    """Does the piece end with a label line whose list is complete (`责任单位：省住建厅、各市人民政府`)?
    Such a line has no full stop, yet the item said all it has to say."""
    found = statements(p)
    if not found:
        return False
    off, stmt = found[-1]
    if off + len(stmt) < len(p.text) or not LABEL.match(stmt):
        return False
    last = re.split(r"[、，,；;：:]", stmt)[-1]
    return whole_name(re.sub(r"[（(][^（()）]*[）)]$", "", last)) or bool(ROLE_TAIL.search(last))


class _Rest:
    """The bigrams of a piece's rest from a line start on, and how they grew from a later rest
    (`base`, plus the bigrams `added` by the lines between): what rest_total sums."""

    __slots__ = ("grams", "base", "added")

    def __init__(self, grams: frozenset[str], base: _Rest | None, added: frozenset[str]):
        self.grams, self.base, self.added = grams, base, added


class _Seam:
    """The two sides of a line start inside a piece: the bigrams of the rest, and (read only when
    asked: most seams are ruled out by the rest alone) those of the lines before it."""

    __slots__ = ("rest", "grown", "_left", "piece", "j", "plain")

    def __init__(self, grown: _Rest, piece: Piece, j: int, plain: bool):
        self.rest, self.grown, self._left, self.piece, self.j, self.plain = grown.grams, grown, None, piece, j, plain

    def left(self) -> frozenset[str]:
        if self._left is None:
            p, j = self.piece, self.j
            prose = "".join(p.parts[:j]) if self.plain else without_statements(piece_of(p.lines[:j], p.kind))
            self._left = _bigram_set(prose)
        return self._left


def _seams(p: Piece, cache: dict[int, list[tuple[int, _Seam]]]) -> list[tuple[int, _Seam]]:
    """The line starts inside a piece where a hidden break may be: (line index, its two sides).

    Not inside a heading's first sentence, not after an enumeration comma or an open parenthesis
    (the list goes on), not where the rest would start by closing a parenthesis. Read once per
    piece (keyed by its id: the caller keeps every piece alive) and asked for per cut-off item."""
    found = cache.get(id(p))
    if found is None:
        texts = p.parts  # each line's text without spaces
        first = _after_first_sentence(texts) if p.kind == "head" else 1
        found = cache[id(p)] = _read_seams(p, range(max(first, 1), len(texts)))
    return found


def _read_seams(p: Piece, starts: range) -> list[tuple[int, _Seam]]:
    """The seams of a piece at these line starts, read last first: a rest that is a line more of
    a later rest (most are: the statements come at the end) has that rest's bigrams and those of
    its own first line and the join, so each line's bigrams are read once, not once per rest
    after it."""
    texts = p.parts
    plain_to, plain_from = _plain_runs(texts)
    suffix = None
    later: tuple[str, _Rest | None] = ("", None)  # the last rest read, and its bigrams
    out = []
    for j in reversed(starts):
        if texts[j - 1].endswith(("、", "（", "(")):
            continue
        if plain_from[j]:
            rest = "".join(texts[j:])
        else:
            suffix = suffix or SuffixProse(p)
            rest = suffix(j)
        if rest is None:
            continue
        tail, base = later
        if base is not None and rest.endswith(tail):
            head = _bigram_set(rest[:len(rest) - len(tail) + 1])
            grown = _Rest(head | base.grams, base, head - base.grams)
        else:
            grown = _Rest(_bigram_set(rest), None, frozenset())
        later = rest, grown
        if len(grown.grams) >= 4:
            out.append((j, _Seam(grown, p, j, plain_to[j])))
    return out[::-1]


# A line without parentheses or a colon holds no responsibility statement (a closed parenthesis
# or a label) and cannot make a piece a fragment: a run of such lines is prose as it stands.
STATEMENT_MARKS = re.compile(f"[{re.escape(OPEN + CLOSE)}：:]")


def _plain_runs(texts: list[str]) -> tuple[list[bool], list[bool]]:
    """For each cut j: are the lines before it (`to`), and from it on (`from`), all without marks?"""
    marked = [bool(STATEMENT_MARKS.search(t)) for t in texts]
    to, ok = [True], True
    for m in marked:
        ok = ok and not m
        to.append(ok)
    frm, ok = [True], True
    for m in reversed(marked):
        ok = ok and not m
        frm.append(ok)
    return to, frm[::-1]


def _hidden_break(assigned: Assigned, nodes: dict[int, Node], forced: dict[int, Node],
                  cache: dict[int, list[tuple[int, _Seam]]]) -> tuple[Piece, int, Node] | None:
    """A piece that runs on, with no visible break, into the rest of another item's text.

    PDF column order can put the last block of one item straight before a block that finishes an
    item cut off earlier (`…全面提升工业企业环` then `使用低（无）VOCs含量涂料…`), with nothing in the
    text to show the seam. When an item stops mid-sentence and nothing goes on with it, we look
    for the tail of a nearby piece that talks about that item's matter much more than about its
    own; the seam is at the line where that contrast is strongest.
    """
    unfinished = _unfinished(assigned, nodes)
    if not unfinished:
        return None  # nothing stops mid-sentence: no seam to look for (and no vocabulary to read)
    plain = [without_statements(p) for _, p, _ in assigned]
    grams = [_bigram_set(t) for t in plain]
    lex = _lexicon(tuple(plain))
    order = {ln.number: i for i, ln in enumerate(ln for _, p, _ in assigned for ln in p.lines)}
    held = _pieces_by_node(assigned)
    # per item: in how many of its pieces each bigram is found, so that `is it in the item's other
    # pieces` is one look-up (a union of an item's pieces per candidate grew with the item: quadratic);
    # counted for an item only when one of its seams passes the first test
    counts: dict[int, Counter] = {}

    def own_counts(m: Node) -> Counter:
        if id(m) not in counts:
            counts[id(m)] = Counter(chain.from_iterable(grams[i] for i in held[id(m)]))
        return counts[id(m)]

    best: tuple[float, Piece, int, Node] | None = None
    for c, kc in unfinished:
        end = order[assigned[kc][1].lines[-1].number]
        theirs = set().union(*(grams[i] for i in held[id(c)]))
        for k in range(kc + 1, len(assigned)):
            n, p, _ = assigned[k]
            if order[p.lines[0].number] - end > REACH:
                break
            if n is c or p.kind == "frag" or id(p) in forced or n.path[:len(c.path)] == c.path:
                continue
            mine = grams[k]
            for j, seam in _seams(p, cache):
                rest = seam.rest
                theirs_share = lex.rest_share(seam.grown, theirs)
                if theirs_share < HIDDEN_GAIN or (best is not None and theirs_share <= best[0]):
                    continue  # the gain is at most this share: no better break here
                own = own_counts(n)
                # the share of the rest's words found in its own item's other pieces or before the seam
                left = seam.left()
                kept = [g for g in rest if g in left or own.get(g, 0) > (g in mine)]
                gain = theirs_share - lex.share(rest, kept)
                if gain >= HIDDEN_GAIN and (best is None or gain > best[0]):
                    best = (gain, p, j, c)
    return best[1:] if best else None


def _pieces_by_node(assigned: Assigned) -> dict[int, list[int]]:
    """Indexes in `assigned` of each node's pieces, in order: looked up, not rescanned, per piece."""
    held: dict[int, list[int]] = {}
    for i, (m, _, _) in enumerate(assigned):
        held.setdefault(id(m), []).append(i)
    return held


def _misplaced_labels(assigned: Assigned, nodes: dict[int, Node],
                      forced: dict[int, Node]) -> tuple[Piece, int, Node] | None:
    """The rest of a cut-off item, with its own label lines, run on after the next item's text.

    An item whose label lines come straight after its heading (`（六）…。` `责任单位：…` then its
    text) has said who does it; label lines after its text belong to another item: the one above
    that stopped mid-sentence and states no one (PDF column order printed the middle of that item
    after this one). The seam is a line start after a full stop, between the two label runs; of
    several, the one whose rest talks most about the cut-off item."""
    unfinished = _unfinished(assigned, nodes)
    if not unfinished:
        return None
    plain = [without_statements(p) for _, p, _ in assigned]
    grams = [_bigram_set(t) for t in plain]
    lex = _lexicon(tuple(plain))
    held = _pieces_by_node(assigned)
    for c, kc in unfinished:
        if any(LABEL.search(s) or role_in_last_paren("（" + s + "）") for i in held[id(c)]
               for _, s in statements(assigned[i][1])):
            continue  # it states who does it
        theirs = set().union(*(grams[i] for i in held[id(c)]))
        for k in range(kc + 1, min(kc + 3, len(assigned))):
            n, p, _ = assigned[k]
            if p.kind != "head" or id(p) in forced or n is c:
                continue
            runs = [(o, st) for o, st in statements(p) if LABEL.match(st)]
            if len(runs) < 2 or "。" in p.text[:runs[0][0]].rstrip("。"):
                continue
            lo, hi = runs[0][0] + len(runs[0][1]), runs[-1][0]
            starts = {}
            for off, line in enumerate(p.char_lines):
                starts.setdefault(line, off)
            seams = [j for j, ln in enumerate(p.lines) if j and ln.number in starts
                     and lo < starts[ln.number] <= hi and p.text[starts[ln.number] - 1] in "。！？"]
            if not seams:
                continue
            prose = [j for j in seams if starts[p.lines[j].number] < hi] or seams
            best = max(prose, key=lambda j: lex.score_sets(_bigram_set(without_statements(piece_of(p.lines[j:]))),
                                                           theirs))
            return p, best, c
    return None


def _after_first_sentence(texts: list[str]) -> int:
    """Index of the first line after the one where a heading's first sentence ends (len if none)."""
    acc = ""
    for j, t in enumerate(texts):
        acc += t
        if "。" in acc:
            return j + 1
    return len(texts)


def assign_repaired(pieces: list[Piece], nodes: dict[int, Node], known: set[str]) -> Assigned:
    """Assign pieces, then cut pieces at hidden breaks (one at a time) and assign again."""
    forced: dict[int, Node] = {}
    cache: dict[int, list[tuple[int, _Seam]]] = {}  # keyed by id(piece): every piece is kept alive below
    retired: list[Piece] = []  # pieces cut in two: held so that no new piece reuses their id
    assigned = _assign(pieces, nodes, known, forced)
    for _ in range(MAX_REPAIRS):
        found = _misplaced_labels(assigned, nodes, forced) or _hidden_break(assigned, nodes, forced, cache)
        if found is None:
            break
        p, j, other = found
        idx = pieces.index(p)
        head = piece_of(p.lines[:j], p.kind, p.title_only)
        rest = piece_of(p.lines[j:])
        if id(p) in nodes:
            nodes[id(head)] = nodes.pop(id(p))
        pieces[idx:idx + 1] = [head, rest]
        retired.append(p)
        forced[id(rest)] = other
        assigned = _assign(pieces, nodes, known, forced)
    return assigned


def _closes_mark(text: str) -> str | None:
    """The title mark or quote a piece closes without opening it first (`服务安全基本规范》…`)."""
    for left, right in MARKS:
        i = text.find(right)
        if i >= 0 and not 0 <= text.find(left) < i and "。" not in text[:i]:
            return left
    return None


def _open_mark(text: str) -> str | None:
    """The title mark or quote left open at the end of a task's text (`…落实《养老机构`)."""
    for left, right in MARKS:
        if text.rfind(left) > text.rfind(right):
            return left
    return None


def open_tail(piece: Piece) -> str:
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
