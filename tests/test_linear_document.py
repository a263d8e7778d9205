"""Extraction work grows linearly with one document's length, over every genre of the sample.

tests/test_scaling.py repeats one plan; here one document holds the whole sample gazette (rosters,
duty lists, appointments, replies, plans) several times over, each copy naming another place, and
the work is counted, not timed: Python calls (sys.setprofile), with every remembered table emptied
first so that both sizes start cold.
"""

from __future__ import annotations

import sys
from functools import _lru_cache_wrapper

from govkg.loaders.text import Document, Line, read_documents
from tests.conftest import SAMPLE
from tests.test_scaling import calls_to_extract

PLACES = ["离石", "东城", "西山", "南湖", "北塔", "青岩", "红泉", "白川"]


def gazette_as_one_document(copies: int) -> Document:
    """The sample's documents, their number lines left out, `copies` times (copy i in place i)."""
    docs, _ = read_documents(SAMPLE)
    lines = [Line(1, docs[0].lines[0].text)]
    for i in range(copies):
        for doc in docs:
            for ln in doc.lines[1:]:
                lines.append(Line(len(lines) + 1, ln.text.replace("离石", PLACES[i % len(PLACES)])))
    return Document(docs[0].number, lines, "gazette-as-one")


def forget_remembered() -> None:
    """Empty every lru_cache of govkg, so that a run pays for all it reads."""
    for name, module in list(sys.modules.items()):
        if name.startswith("govkg."):
            for value in vars(module).values():
                if isinstance(value, _lru_cache_wrapper):
                    value.cache_clear()


def calls_per_byte(doc: Document) -> float:
    forget_remembered()
    return calls_to_extract(doc) / sum(len(ln.text.encode()) for ln in doc.lines)


def test_the_whole_gazette_as_one_megabyte_document_costs_no_more_per_byte_than_one_copy():
    one, four = gazette_as_one_document(1), gazette_as_one_document(4)
    assert sum(len(ln.text.encode()) for ln in four.lines) >= 850_000
    small, large = calls_per_byte(one), calls_per_byte(four)
    # linear: at most the calls per byte of one copy (fewer: what is read once serves four copies,
    # 0.84x here); the per-line scans this replaced (duty runs, attachment titles, heading
    # sections, an item's pieces per candidate) gave 1.10x
    assert large <= small, (f"expected linear extraction: {large:.2f} calls per byte at 4 copies "
                                  f"vs {small:.2f} at one copy of the gazette")
