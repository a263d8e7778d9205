"""Extraction is linear in document length and the same in one process or many.

Time is never asserted (the machines are shared); operations are: Python calls counted with
sys.setprofile while one document is extracted.
"""

from __future__ import annotations

import sys

import pytest

from govkg.errors import InputError
from govkg.loaders.pipeline import extract_document, extract_paths
from govkg.loaders.text import Document, Line, read_documents
from govkg.ontology.facts import fact_to_json
from tests.conftest import SAMPLE

PLAN = "离政发〔2024〕30号"  # the sample's longest plan: headings, statements, pieces cut mid-sentence


def plan_repeated(times: int) -> Document:
    """One document made of the sample plan's text `times` over (about 28 KB each: 37 is 1 MB)."""
    docs, _ = read_documents(SAMPLE)
    plan = next(d for d in docs if d.number == PLAN)
    lines = [plan.lines[0]]
    for _ in range(times):
        for ln in plan.lines[1:]:
            lines.append(Line(len(lines) + 1, ln.text))
    return Document(plan.number, lines, "repeated")


def calls_to_extract(doc: Document) -> int:
    count = 0

    def profile(frame, event, arg) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1
    sys.setprofile(profile)
    try:
        extract_document(doc)
    finally:
        sys.setprofile(None)
    return count


def test_a_one_megabyte_document_costs_no_more_per_kilobyte_than_a_small_one():
    small, large = plan_repeated(4), plan_repeated(37)
    size = lambda d: sum(len(ln.text.encode()) for ln in d.lines)
    assert size(large) >= 1_000_000
    per_small = calls_to_extract(small) / size(small)
    per_large = calls_to_extract(large) / size(large)
    # linear extraction gives the same calls per byte; the quadratic steps this replaced gave 1.2x+
    assert per_large <= 1.1 * per_small, (
        f"expected linear extraction: {per_large:.2f} calls/byte at 1 MB vs {per_small:.2f} at {size(small)} bytes")


def test_extraction_in_two_processes_gives_the_same_facts_as_in_one():
    one = [fact_to_json(f) for f in extract_paths([SAMPLE], jobs=1).facts]
    two = [fact_to_json(f) for f in extract_paths([SAMPLE], jobs=2).facts]
    assert two == one, "expected --jobs 2 to give exactly the facts of one process, in the same order"


def test_progress_reports_every_document_once_in_order():
    seen: list[tuple[int, int]] = []
    run = extract_paths([SAMPLE], jobs=2, progress=lambda done, total: seen.append((done, total)))
    n = len(run.documents)
    assert seen == [(k, n) for k in range(n + 1)], f"expected progress 0..{n} of {n}, got {seen[:3]}…{seen[-2:]}"


def test_with_jobs_files_are_read_in_the_pool_and_the_first_bad_one_is_named(tmp_path):
    empty, binary = tmp_path / "empty.txt", tmp_path / "binary.txt"
    empty.write_text("")
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError) as caught:
        extract_paths([SAMPLE, empty, binary], jobs=2)
    assert str(caught.value).startswith(str(empty)), f"expected the error of {empty} (the first bad file), got {caught.value}"
