"""Every reader takes time linear in its input: long runs of spaces, brackets, digits, dashes.

The work is bounded by an input-size multiplier, not a wall-clock limit: reading an input 8 times
longer may cost at most 24 times as much CPU (linear: ~8; a quadratic regex: ~64, a cubic one ~512).
"""

from __future__ import annotations

import time

import pytest

from govkg.loaders import appointments, duties, metadata, replies, rosters, tasks
from govkg.loaders.text import clean_lines, split_documents
from tests.hostile import SHAPES, hostile_gazette

READERS = {"text": None, **{m.__name__.rsplit(".", 1)[-1]: m for m in (metadata, appointments, rosters, tasks, duties, replies)}}
SMALL, FACTOR, BOUND = 1000, 8, 24


def cpu_cost(shape: str, n: int, reader) -> float:
    """The least CPU time of three runs reading the hostile gazette (least: noise only adds)."""
    text = hostile_gazette(shape, n)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for doc in split_documents(clean_lines(text)):
            if reader is not None:
                reader.extract(doc)
        best = min(best, time.process_time() - start)
    return max(best, 1e-3)  # below a millisecond the clock measures nothing


@pytest.mark.parametrize("reader", READERS, ids=str)
@pytest.mark.parametrize("shape", SHAPES)
def test_reader_work_grows_linearly_with_input(shape: str, reader: str) -> None:
    small = cpu_cost(shape, SMALL, READERS[reader])
    large = cpu_cost(shape, SMALL * FACTOR, READERS[reader])
    assert large <= BOUND * small, (f"{reader} on {shape}: an input {FACTOR}x longer cost {large / small:.0f}x "
                                    f"the CPU (expected at most {BOUND}x: linear time)")
