"""Can any responsibility statement of a document name a body? A cheap look before the costly reading.

Cutting a plan into pieces, giving them back to their tasks and repairing hidden breaks
(tasks/pieces.py, tasks/assign.py) is most of the tasks reader's time, and most documents (an
emergency plan's prose, a notice, a roster) state no responsibility at all. Every fact of that
reading comes from parse_assignment of a statement, and a statement is
- a closed parenthesis or a label run of a piece, where every piece (and either half of a piece
  cut in two) is a run of whole lines of the document in reading order, so its text is a part of
  the lines joined; or
- the tail of a parenthesis left open at a piece's end (a line end) joined with the head of a
  fragment that closes it (from a line start up to a closing parenthesis).
parse_assignment names a body only after a label it gives a role (`牵头单位：`, `部门分工：`, …) or
before a role word that ends a list (statements.ROLE_WORDS, then `实施` at most, then full stops,
then a separator, a closing parenthesis, a label or the statement's end: `…负责）`, `…配合落实，`);
its one rewriting, dropping a `排名第一为牵头单位` note, needs `为牵头`. So the reading can find
no one in a document whose lines, joined in reading order, print
- no such label and no `为牵头`;
- no role word ending a list where a statement can hold it: inside a parenthesis (the depth read
  from the document's start is at least that of any piece's own reading), where a line end inside
  an open parenthesis also ends it; or in a fragment's head (after a line start from which a
  reading closes a parenthesis it never opened before a sentence ends, with a closing
  parenthesis ahead and no sentence end before it: a statement holds none);
- none of these words across a line end inside an open parenthesis and a line start where a
  fragment may start (the join of the two).
Each condition only widens what the reading could find, so a closed gate never loses a fact;
tests/test_task_gate.py holds it to the full reading on every evaluation document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from govkg.loaders.tasks.statements import (ANY_LABEL, CLOSE, DIVISION_LABELS, OPEN, ROLE_LABEL_NAMES, ROLE_WORDS,
                                            STOP_LABELS, label_role)

SEPARATORS = "，,；;"
_LIST_ENDS = SEPARATORS + CLOSE
# the labels parse_assignment gives a role (the vocabulary gives one to some stop labels: 牵头领导)
ROLE_LABELS = tuple(n for n in dict.fromkeys([*ROLE_LABEL_NAMES, *STOP_LABELS]) if label_role(n) or n in DIVISION_LABELS)
_COLON = re.compile("[：:]")
_LONGEST_LABEL = max(map(len, ROLE_LABELS))
# a role word ending a list, at every offset (a lookahead: `负责任单位` holds 负责 and 责任单位, and only
# the second may end a list); the first lookahead lets the engine skip the offsets no word starts at
_ROLE_END = re.compile(f"(?=[{''.join(dict.fromkeys(w[0] for w in ROLE_WORDS))}])"
                       f"(?=((?:{'|'.join(sorted(ROLE_WORDS, key=len, reverse=True))})(?:实施?)?。*))")
_MARKS = re.compile(f"[{re.escape(OPEN + CLOSE)}]")
# what a join of a line end and a line start could print: a role word (maybe with 实施), a label with its colon
_JOINABLE = tuple(dict.fromkeys([*ROLE_WORDS, *(w + "实施" for w in ROLE_WORDS), *(n + c for n in ROLE_LABELS for c in "：:"),
                                 "为牵头"]))
_SPLITS = tuple((w[:k], w[k:]) for w in _JOINABLE for k in range(1, len(w)))


def may_name_bodies(texts: list[str]) -> bool:
    """False only when no statement of the document (its lines without spaces, in reading order)
    can name a body (see the module docstring); True whenever one might. The costlier looks
    (where fragments may start) are made only for the words that need them."""
    text = "".join(texts)
    if _labeled(text):
        return True
    ends, offset = [], 0
    for t in texts:
        offset += len(t)
        ends.append(offset)
    found = list(_ROLE_END.finditer(text))
    depths = _depths_at(text, [m.start(1) for m in found] + ends)
    open_ends = {e for e, d in zip(ends, depths[len(found):]) if d > 0}
    pending = []  # words ending a list outside any parenthesis: only in a fragment's head
    for m, depth in zip(found, depths):
        q = m.end(1)
        # a list ends at a separator, a closing parenthesis or a label (`…负责完成时限：…`)
        ends_list = q < len(text) and (text[q] in _LIST_ENDS or ANY_LABEL.match(text, q) is not None)
        if depth > 0 and (ends_list or q in open_ends or q == len(text)):
            return True  # inside a parenthesis (a piece's own, or a tail left open and joined)
        if ends_list:
            pending.append(m)
    if not pending and not open_ends:
        return False
    stops = _stops(text)
    frags = sorted(_fragment_starts(text, ends, stops))
    if open_ends and frags and _joined_across(text, open_ends, frags):
        return True
    if not pending or not frags:
        return False
    closes = [m.start() for m in _MARKS.finditer(text) if m.group() in CLOSE]
    return any(_closed_without_stop(m.end(1), closes, stops) and _after_stop(m.start(1), frags, stops) for m in pending)


def _labeled(text: str) -> bool:
    """A label parse_assignment gives a role (looked for before each colon), or 为牵头."""
    return "为牵头" in text or any(text.endswith(ROLE_LABELS, max(m.start() - _LONGEST_LABEL, 0), m.start())
                                 for m in _COLON.finditer(text))


def _stops(text: str) -> list[int]:
    """Where a sentence ends: the full stops of a run not right before a closing parenthesis (a
    statement may end in full stops: `…负责。）`)."""
    return [k for m in _STOP_RUN.finditer(text) if text[m.end():m.end() + 1] not in _CLOSING for k in range(*m.span())]


_STOP_RUN = re.compile("。+")
_SENTENCE_MARKS = re.compile(f"[{re.escape(OPEN + CLOSE)}。]")
_CLOSING = tuple(CLOSE)


def _fragment_starts(text: str, ends: list[int], stops: list[int]) -> set[int]:
    """The line starts (each line's is the end of the one before) from which a reading closes a
    parenthesis it never opened before a sentence ends: where a fragment (tasks/pieces.py's
    `frag`) may start. One pass back over the marks: linear."""
    marks = [(m.start(), m.group()) for m in _SENTENCE_MARKS.finditer(text)]
    stop_at = set(stops)
    sums, total = [], 0
    for at, c in marks:
        total += 1 if c in OPEN else -1 if c in CLOSE else 0
        sums.append(total)
    lowest = [0] * (len(marks) + 1)  # per mark: the lowest running sum from it up to the next sentence end
    lowest[len(marks)] = 1 << 30
    for i in range(len(marks) - 1, -1, -1):
        lowest[i] = 1 << 30 if marks[i][0] in stop_at else min(sums[i], lowest[i + 1])
    out, i = set(), 0
    for s in [0, *ends[:-1]]:
        while i < len(marks) and marks[i][0] < s:
            i += 1
        if lowest[i] - (sums[i - 1] if i else 0) < 0:
            out.add(s)
    return out


def _after_stop(p: int, frag_at: list[int], stops: list[int]) -> bool:
    """Is there a fragment's line start at or before `p` with no sentence end between?"""
    k = bisect_right(frag_at, p)
    if not k:
        return False
    j = bisect_right(stops, p)
    return not j or stops[j - 1] < frag_at[k - 1]


def _closed_without_stop(q: int, closes: list[int], stops: list[int]) -> bool:
    """Is there a closing parenthesis at or after `q` with no sentence end before it?"""
    k = bisect_left(closes, q)
    if k == len(closes):
        return False
    j = bisect_left(stops, q)
    return j == len(stops) or stops[j] > closes[k]


def _depths_at(text: str, points: list[int]) -> list[int]:
    """The parenthesis depth at each point, read from the start, a close at depth 0 passed over:
    at least the depth any piece's own reading has there (it starts later, at 0)."""
    order = sorted(range(len(points)), key=points.__getitem__)
    out, depth, marks = [0] * len(points), 0, _MARKS.finditer(text)
    mark = next(marks, None)
    for k in order:
        while mark is not None and mark.start() < points[k]:
            depth = depth + 1 if mark.group() in OPEN else max(depth - 1, 0)
            mark = next(marks, None)
        out[k] = depth
    return out


def _joined_across(text: str, open_ends: set[int], frags: list[int]) -> bool:
    """Could a role word or label be printed across a line end inside an open parenthesis and a
    line start where a fragment may start (the tail of that parenthesis joined with the fragment)?"""
    last = {text[e - 1] for e in open_ends if e}
    first = {text[s] for s in frags if s < len(text)}
    for head, tail in _SPLITS:
        if head[-1] in last and tail[0] in first \
                and any(text.startswith(head, e - len(head)) for e in open_ends if e >= len(head)) \
                and any(text.startswith(tail, s) for s in frags):
            return True
    return False
