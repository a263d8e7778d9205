"""The hidden-break search reads what a fresh reading would, only faster.

A plan's pieces are cut at hidden breaks (tasks/assign.py, _hidden_break): at every line start of a
piece the rest is read as a piece of its own, and a lexicon of the plan's pieces is asked for
again after each cut. Both are now read from what was read before; these tests hold them to a
fresh reading, on the real plans of the sample gazette."""

from __future__ import annotations

import sys
from collections import Counter
from itertools import chain

from govkg.loaders.tasks.assign import _bigram_set, _Lexicon
from govkg.loaders.tasks.pieces import (SuffixProse, in_line_pairs, piece_of, split_pieces, unswap_columns,
                                        without_statements)
from govkg.loaders.text import Line, read_documents
from tests.conftest import SAMPLE


def sample_pieces() -> list:
    """Every piece of every document of the sample gazette, cut as the task reader cuts them."""
    docs, _ = read_documents(SAMPLE)
    out = []
    for doc in docs:
        lines = [ln for ln in doc.lines[1:] if ln.text.strip()]
        pairs = in_line_pairs(["".join(ln.text.split()) for ln in lines])
        out.extend(split_pieces(unswap_columns(lines, pairs), pairs))
    return out


def fresh(lines: list[Line]) -> str | None:
    """The rest read afresh: its prose, or None for a fragment."""
    rest = piece_of(lines)
    return None if rest.kind == "frag" else without_statements(rest)


def test_the_rest_of_every_sample_piece_reads_as_a_fresh_reading_of_it() -> None:
    within = fragments = labelled = 0
    for p in sample_pieces():
        rest_of = SuffixProse(p)
        for j in range(1, len(p.lines)):
            want = fresh(p.lines[j:])
            assert rest_of(j) == want, f"expected the rest of {p.text[:40]}… from line {j} read as {want!r}"
            if rest_of.read_as_within(j):
                within += 1
                fragments += want is None
                labelled += "：" in p.text[rest_of.starts[j]:]
    assert within > 1000 and fragments and labelled, \
        f"expected most rests read from the piece, fragments and label lines among them ({within}, {fragments}, {labelled})"


def test_a_rest_with_its_label_lines_reads_as_a_fresh_reading() -> None:
    """A task's text, then its label lines (sample plan 离政办发〔2024〕18号): the labels' runs are
    found in the whole piece and stand for the rest's own."""
    texts = ["（三）加强校园安全管理。落实学校安全主体责任，健全安全管理制度，", "定期开展安全隐患排查整治。",
             "牵头单位：区教育科技局", "责任单位：区公安分局、区卫生健康局、区市场监管局（按职责分工负责）",
             "完成时限：长期坚持"]
    lines = [Line(k + 1, t) for k, t in enumerate(texts)]
    p = piece_of(lines, "head")
    rest_of = SuffixProse(p)
    for j in range(1, len(lines)):
        assert rest_of.read_as_within(j), f"expected line {j} read from the piece"
        assert rest_of(j) == fresh(lines[j:]), f"expected the rest from line {j} as a fresh reading gives it"


def test_the_search_over_every_line_start_of_a_long_piece_grows_linearly() -> None:
    """Line starts of one piece whose text runs on for n lines: the calls made to read all the
    rests grow with n (reading each rest afresh grew with n squared)."""
    def calls(n: int) -> int:
        texts = ["推进工业企业技术改造，实施设备更新和数字化转型" + "，" * (k % 2) for k in range(n)]
        texts += ["（区工科局、区发改局按职责分工负责）。"]
        lines = [Line(k + 1, t) for k, t in enumerate(texts)]
        p = piece_of(lines, "head")
        count = 0

        def profile(frame, event, arg) -> None:
            nonlocal count
            count += event in ("call", "c_call")
        sys.setprofile(profile)
        try:
            rest_of = SuffixProse(p)
            for j in range(1, len(lines)):
                rest_of(j)
        finally:
            sys.setprofile(None)
        return count
    small, large = calls(100), calls(400)
    assert large <= 4.4 * small, f"expected calls to grow as the piece does: {small} at 100 lines, {large} at 400"


def test_a_lexicon_of_nearly_the_same_texts_counts_as_counting_afresh() -> None:
    """The repair rounds ask for a plan's lexicon with a piece left out or cut in two: its bigram
    counts, taken from the lexicon before, are the counts a fresh pass gives, and so its weights."""
    from govkg.loaders.tasks.assign import _COUNTED

    texts = [without_statements(p) for p in sample_pieces()[:120]]
    _COUNTED.clear()
    first = _Lexicon(texts)
    assert first.df, "the first lexicon counts afresh"
    cut = texts[40]
    later = texts[1:40] + [cut[:len(cut) // 2], cut[len(cut) // 2:]] + texts[41:]
    second = _Lexicon(later)
    before = _bigram_set.cache_info()
    counts = +second.df
    read = _bigram_set.cache_info()
    assert read.hits + read.misses - before.hits - before.misses <= 4, \
        "expected the second lexicon to read only the texts it does not share with the first"
    want = Counter(chain.from_iterable(map(_bigram_set, later)))
    assert counts == want, "expected the lent counts, mended, to equal a fresh count"
    fresh_lex = _Lexicon(later)
    fresh_lex.__dict__["df"] = want
    for g in list(want)[:500] + [first_gone for first_gone in first.df if first_gone not in want][:20]:
        assert second.weight(g) == fresh_lex.weight(g), f"expected the weight of {g} as a fresh count gives it"


def test_the_total_weights_of_every_rest_of_a_long_piece_grow_linearly() -> None:
    """Every line start of one piece of n lines of the sample's prose: the weight look-ups made to
    total all its rests grow with n (each rest summed whole grew with n squared), and each total
    is the whole sum's up to rounding."""
    import math
    import re

    from govkg.loaders.tasks.assign import _read_seams, _Weights

    docs, _ = read_documents(SAMPLE)
    # the sample's lines, parentheses and colons made commas (a piece of plain prose: no statements)
    prose = [re.sub(r"[（()）：:]", "，", ln.text) for d in docs for ln in d.lines[1:] if len(ln.text.strip()) > 10]

    class Counted(_Weights):
        looked = 0

        def __getitem__(self, g: str) -> float:
            Counted.looked += 1
            return super().__getitem__(g)

    def lookups(n: int) -> int:
        lines = [Line(k + 1, text) for k, text in enumerate(prose[:n])]
        p = piece_of(lines)
        seams = _read_seams(p, range(1, n))
        lex = _Lexicon(p.parts)
        lex._weight = Counted(lex)
        whole = _Lexicon(p.parts)
        Counted.looked = 0
        for _, seam in seams:
            got = lex.rest_total(seam.grown)
            assert math.isclose(got, whole.total(seam.rest), rel_tol=1e-12), "expected the whole sum, up to rounding"
        return Counted.looked
    assert len(prose) >= 400, "the sample holds 400 lines of text"
    small, large = lookups(100), lookups(400)
    assert large <= 4.4 * small, f"expected look-ups to grow as the piece does: {small} at 100 lines, {large} at 400"


def test_every_seam_of_the_sample_holds_the_bigrams_of_its_rest_read_afresh() -> None:
    """Seams are read last first, a rest's bigrams grown from a later rest's: every seam of every
    sample piece holds the bigrams of its rest read afresh, and its grown total weight is the
    whole sum up to rounding."""
    import math

    from govkg.loaders.tasks.assign import _read_seams

    pieces = sample_pieces()
    lex = _Lexicon([without_statements(p) for p in pieces])
    grown = 0
    for p in pieces:
        for j, seam in _read_seams(p, range(1, len(p.lines))):
            want = _bigram_set(fresh(p.lines[j:]))
            assert seam.rest == want, f"expected the bigrams of the rest of {p.text[:30]}… from line {j}"
            grown += seam.grown.base is not None
            whole = sum(map(lex.weight, seam.rest))
            assert math.isclose(lex.rest_total(seam.grown), whole, rel_tol=1e-12), "expected the whole sum"
    assert grown > 1000, f"expected most rests grown from a later one, got {grown}"
