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


def sample_in_files(tmp_path, count: int) -> list:
    """The sample gazette cut at document boundaries into `count` files (as a corpus of issues)."""
    docs, _ = read_documents(SAMPLE)
    lines = SAMPLE.read_text("utf-8").splitlines(keepends=True)
    starts = [d.start_line for d in docs]
    cuts = [0] + [starts[len(starts) * k // count] - 1 for k in range(1, count)] + [len(lines)]
    paths = []
    for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
        path = tmp_path / f"issue-{k}.txt"
        path.write_text("".join(lines[a:b]), "utf-8")
        paths.append(path)
    return paths


def test_with_many_files_each_process_reads_whole_files_and_gives_the_facts_of_one_process(tmp_path):
    paths = sample_in_files(tmp_path, 8)  # 8 files for 2 processes: whole files are handed out
    one = [fact_to_json(f) for f in extract_paths(paths, jobs=1).facts]
    two = [fact_to_json(f) for f in extract_paths(paths, jobs=2).facts]
    assert len(one) > 300, f"expected the sample's facts from its 8 parts, got {len(one)}"
    assert two == one, "expected whole files in two processes to give exactly the facts of one process, in order"


def test_with_many_files_the_first_bad_file_in_input_order_is_named(tmp_path):
    paths = sample_in_files(tmp_path, 6)
    empty, binary = tmp_path / "empty.txt", tmp_path / "binary.txt"
    empty.write_text("")
    binary.write_bytes(b"\x00\x01\x02" * 100)  # larger: handed out before the empty one
    with pytest.raises(InputError) as caught:
        extract_paths([*paths[:3], empty, binary, *paths[3:]], jobs=2)
    assert str(caught.value).startswith(str(empty)), f"expected the error of {empty} (first bad in input order), got {caught.value}"


def test_with_many_files_progress_ends_at_every_document(tmp_path):
    seen: list[tuple[int, int]] = []
    run = extract_paths(sample_in_files(tmp_path, 8), jobs=2, progress=lambda done, total: seen.append((done, total)))
    n = len(run.documents)
    assert seen[-1] == (n, n), f"expected the bar to end at {n} of {n} documents, got {seen[-1]}"
    assert all(done <= total for done, total in seen), f"expected no more done than in all: {seen}"


def test_in_one_process_a_file_is_read_only_once_the_one_before_is_extracted(tmp_path, monkeypatch):
    """Memory holds one file's text at a time, not the corpus's."""
    from govkg.loaders import pipeline
    events: list[str] = []
    read, extract = pipeline.read_source, pipeline.extract_document
    monkeypatch.setattr(pipeline, "read_source", lambda path: (events.append("read"), read(path))[1])
    monkeypatch.setattr(pipeline, "extract_document", lambda doc: (events.append("extract"), extract(doc))[1])
    extract_paths(sample_in_files(tmp_path, 3), jobs=1)
    reads = [i for i, e in enumerate(events) if e == "read"]
    assert len(reads) == 3 and all("extract" in events[a:b] for a, b in zip(reads, reads[1:])), \
        f"expected each file's documents extracted before the next file is read, got {''.join(e[0] for e in events)}"


def test_in_one_process_the_first_bad_or_missing_file_is_named(tmp_path):
    paths = sample_in_files(tmp_path, 3)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError) as caught:
        extract_paths([paths[0], binary, *paths[1:]], jobs=1)
    assert str(caught.value).startswith(str(binary)), f"expected the error of {binary}, got {caught.value}"
    with pytest.raises(InputError) as caught:
        extract_paths([*paths, tmp_path / "missing.txt"], jobs=1)
    assert "missing.txt" in str(caught.value), f"expected the missing file named, got {caught.value}"


@pytest.mark.parametrize("files, jobs", [(1, 1), (1, 2), (8, 2), (3, 1)],
                         ids=["one process", "documents shared out", "whole files", "file by file"])
def test_a_run_keeps_no_document_text_once_read(tmp_path, files, jobs):
    paths = [SAMPLE] if files == 1 else sample_in_files(tmp_path, files)
    run = extract_paths(paths, jobs=jobs)
    kept = max(len(d.lines) for d in run.documents)
    assert kept == 1, f"expected each document kept as its number and first line only (memory per document), got {kept} lines"
    assert all(d.start_line >= 1 and d.number for d in run.documents), "expected each kept document to keep where it starts"


def test_extraction_gives_the_garbage_collector_back_as_it_found_it():
    import gc
    before = gc.get_threshold()
    extract_paths([SAMPLE], jobs=1)
    assert gc.get_threshold() == before, f"expected the collector's thresholds {before} restored, got {gc.get_threshold()}"
    assert gc.get_freeze_count() == 0, "expected no object left frozen out of the collector after extraction"
