"""Gazette files -> resolved facts: the extraction half of the data flow, and nothing else.

Every extractor is a pure function `extract(Document) -> list[FactBase]`; this module runs them
all over every document, then hands the lot to name resolution, which needs the whole corpus
(the canonical name of a body is its fullest form found anywhere in the input).
"""

from __future__ import annotations

import gc
import json
import sys
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from govkg.loaders import appointments, duties, metadata, replies, rosters, tasks
from govkg.loaders.pdf import PdfText
from govkg.loaders.derived import members_from_duty_list
from govkg.loaders.resolve import AliasTable, resolve_facts
from govkg.loaders.sources import read_source, with_pages
from govkg.loaders.text import Document, refuse_irregular
from govkg.ontology.facts import FactBase, fact_to_json

if TYPE_CHECKING:  # a pool is made only for --jobs > 1 (_pool): one process never imports it
    from concurrent.futures import Executor

EXTRACTORS = (metadata, appointments, rosters, tasks, duties, replies)


@dataclass
class Extraction:
    """What one run read: the documents, the resolved facts, the alias table and what went wrong."""

    documents: list[Document] = field(default_factory=list)
    facts: list[FactBase] = field(default_factory=list)
    aliases: AliasTable = field(default_factory=AliasTable)
    encodings: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    raw: list[FactBase] = field(default_factory=list)  # the facts as read, before name resolution


def extract_document(doc: Document) -> tuple[list[FactBase], list[str]]:
    """All extractors over one document. An extractor that trips over an unforeseen layout costs
    that document that genre's facts and a warning, never the whole build."""
    facts: list[FactBase] = []
    warnings: list[str] = []
    for extractor in EXTRACTORS:
        name = extractor.__name__.rsplit(".", 1)[-1]
        try:
            found = extractor.extract(doc)
        except Exception as e:  # noqa: BLE001 - reported, and the other extractors still run
            warnings.append(f"{doc.source}:{doc.start_line}: {doc.number}: the {name} extractor failed "
                            f"({type(e).__name__}: {e}); its facts for this document are missing")
            continue
        facts.extend(found)
    facts.extend(members_from_duty_list(doc, facts))
    doc.__dict__.pop("_joined", None)  # the joined text is per document: a corpus need not keep them all
    if len(facts) <= 1:
        warnings.append(f"{doc.source}:{doc.start_line}: {doc.number}: no facts read beyond its metadata")
    return facts, warnings


Progress = Callable[[int, int], None]  # (documents done, documents in all)


def shell(doc: Document) -> Document:
    """What a run keeps of a document once it is read: its number, source and first line (where it
    starts), not its text, so a corpus's memory is its facts, not its documents' lines."""
    return Document(doc.number, doc.lines[:1], doc.source, doc.titled)


def _extract_all(docs: list[Document], pool: Executor | None,
                 progress: Progress | None) -> list[tuple[list[FactBase], list[str]]]:
    """extract_document over every document, in document order; in `pool`'s processes if given.

    Extraction is per document and pure, so workers need nothing but the document: memory is
    bounded by the documents in flight, and the results are put back in document order (the same
    facts as one process). The longest documents are handed out first, so that no worker is left
    with a long one at the end while the other waits."""
    if progress:
        progress(0, len(docs))
    if pool is None or len(docs) < 2:
        results = []
        for k, doc in enumerate(docs, 1):
            results.append(extract_document(doc))
            docs[k - 1] = shell(doc)
            if progress:
                progress(k, len(docs))
        return results
    longest_first = sorted(range(len(docs)), key=lambda i: -len(docs[i].lines))
    out: list = [None] * len(docs)
    # handed out CHUNK documents at a time: one task per document cost the parent (the serial part)
    # a fifth of its time in task bookkeeping; the results come back in the order handed out
    found = pool.map(extract_document, [docs[i] for i in longest_first], chunksize=CHUNK)
    for k, (i, result) in enumerate(zip(longest_first, found), 1):
        out[i] = result
        docs[i] = shell(docs[i])
        if progress:
            progress(k, len(docs))
    return out


CHUNK = 4  # documents per task handed to a worker
FILES_PER_JOB = 4  # with at least this many files per process, a process reads and extracts whole files


@dataclass
class FileRead:
    """One file read and extracted in a worker: what the parent keeps of it (no document text)."""

    encoding: str
    warnings: list[str]
    documents: list[Document]  # shells
    results: list[tuple[list[FactBase], list[str]]]  # per document, facts with their pages


def read_and_extract(path: Path) -> FileRead:
    """A whole file in one process: read, split, extract. Its documents' text never crosses to the
    parent (pickling every document there and back was a third of the parent's serial time)."""
    source = read_source(path)
    results = [(with_pages(found, source.layout), warnings)
               for found, warnings in map(extract_document, source.documents)]
    return FileRead(source.encoding, source.warnings, [shell(d) for d in source.documents], results)


def _sizes(paths: list[Path]) -> list[int]:
    return [max(p.stat().st_size, 1) if p.is_file() else 1 for p in paths]


def _estimate(progress: Progress | None, done_docs: int, done_bytes: int, total_bytes: int) -> None:
    """The bar with its total estimated from the bytes read so far (the documents in the files not
    yet read are not known until they are read)."""
    if progress:
        progress(done_docs, max(done_docs, round(done_docs * total_bytes / done_bytes)))


def _keep(run: Extraction, path: Path, read: FileRead) -> None:
    """What the run keeps of a file read and extracted: its facts, shells and warnings."""
    run.encodings[str(path)] = read.encoding
    run.warnings.extend(read.warnings)
    run.documents.extend(read.documents)
    for found, warnings in read.results:
        run.raw.extend(found)
        run.warnings.extend(warnings)


def _by_file(paths: list[Path], pool: Executor, run: Extraction, progress: Progress | None) -> None:
    """Whole files handed to the workers, the largest first, taken back in input order (a bad file
    raises once all are done: the first bad one in input order, as one process would). The bar's
    total is an estimate (documents so far, scaled by the bytes still to read) until the end. An
    irregular file is refused before any worker opens one (opening a FIFO blocks)."""
    from concurrent.futures import as_completed
    for path in paths:
        refuse_irregular(path)
    sizes = _sizes(paths)
    pending = {pool.submit(read_and_extract, paths[i]): i
               for i in sorted(range(len(paths)), key=lambda i: -sizes[i])}
    done_docs, done_bytes, total_bytes = 0, 0, sum(sizes)
    for future in as_completed(pending):
        if future.exception() is None:
            done_docs += len(future.result().documents)
        done_bytes += sizes[pending[future]]
        _estimate(progress, done_docs, done_bytes, total_bytes)
    for future in sorted(pending, key=pending.__getitem__):
        _keep(run, paths[pending[future]], future.result())


def _file_by_file(paths: list[Path], run: Extraction, progress: Progress | None) -> None:
    """Many files in one process: each read, extracted and let go before the next is read, so
    memory holds one file's text at a time, not the corpus's (reading every file first held all
    their lines: ~45 MB of 60 copies of the sample, growing with the input). An irregular file
    (a FIFO: opening it would block) is refused before any is read; one that is missing or cannot
    be decoded stops the run at its turn, before anything is written."""
    for path in paths:
        refuse_irregular(path)
    sizes = _sizes(paths)
    done_docs, done_bytes, total_bytes = 0, 0, sum(sizes)
    for path, size in zip(paths, sizes):
        read = read_and_extract(path)
        _keep(run, path, read)
        done_docs, done_bytes = done_docs + len(read.documents), done_bytes + size
        _estimate(progress, done_docs, done_bytes, total_bytes)


def read_paths(paths: list[Path], run: Extraction, pool: Executor | None = None) -> dict[str, PdfText | None]:
    """Read and split every file (text or PDF) into `run`: all files first, so bad input fails
    before any extraction; each file's PDF line -> page map (None for text) is returned, for the
    facts read from it. With a pool, the files are read in its processes (the error raised is
    still the first bad file's)."""
    layouts: dict[str, PdfText | None] = {}
    sources = pool.map(read_source, paths) if pool is not None and len(paths) > 1 else map(read_source, paths)
    for path, source in zip(paths, sources):
        run.encodings[str(path)] = source.encoding
        run.documents.extend(source.documents)
        run.warnings.extend(source.warnings)
        layouts[str(path)] = source.layout
    return layouts


def extract_paths(paths: list[Path], jobs: int = 1, progress: Progress | None = None) -> Extraction:
    """Read and extract every file; raises InputError before anything is returned for bad input.

    `jobs` > 1 reads the files and extracts the documents in that many processes (see
    _extract_all); `progress` is called with (documents done, documents in all)."""
    run = extract_raw(paths, jobs, progress)
    run.facts, run.aliases = resolve_facts(run.raw)
    return run


def extract_raw(paths: list[Path], jobs: int = 1, progress: Progress | None = None) -> Extraction:
    """Read and extract every file, without name resolution: `run.raw` holds the facts as read.

    Kept apart so that an incremental add can resolve new documents' facts together with the
    raw facts the store already holds (resolution needs the whole corpus). In one process, files
    are read and extracted one at a time (_file_by_file). With many files per process, each
    process takes whole files (_by_file); with few (one large gazette), the files are read first
    and their documents shared out (_extract_all). Either way the facts come back in input order,
    the same as one process gives; bad input raises the first bad file's error."""
    run = Extraction()
    if jobs <= 1 and len(paths) > 1:
        with _fewer_collections():
            _file_by_file(paths, run, progress)
        return run
    with _fewer_collections(), (_pool(jobs) if jobs > 1 else nullcontext()) as pool:
        if pool is not None and len(paths) >= FILES_PER_JOB * jobs:
            _by_file(paths, pool, run, progress)
            return run
        layouts = read_paths(paths, run, pool)
        results = _extract_all(run.documents, pool, progress)
    for doc, (found, warnings) in zip(run.documents, results):
        run.raw.extend(with_pages(found, layouts.get(doc.source)))
        run.warnings.extend(warnings)
    return run


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Extraction makes millions of short-lived objects; with the collector's default thresholds
    it kept re-scanning the long-lived ones (the compiled readers, the facts so far). Start-up
    objects are frozen out of its view and the young generations may grow a little larger before
    a scan, for the extraction only: ~6% of extraction's CPU on ten copies (medians of 8 fresh
    processes, 1.87 -> 1.76 s), the same peak memory (much larger thresholds kept ~50 MB more of
    the readers' cyclic garbage alive). The facts are the same: the collector frees garbage, it
    never decides what is read."""
    saved = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(2_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*saved)
        gc.unfreeze()


def _pool(jobs: int) -> Executor:
    """The worker processes (imported here, when asked for: multiprocessing costs ~20 ms of every start-up)."""
    from concurrent.futures import ProcessPoolExecutor
    return ProcessPoolExecutor(max_workers=jobs)


def sample_gazette() -> Path:
    return Path(__file__).with_name("sample") / "lishi-gazette-2024-3.txt"


def main(argv: list[str]) -> None:
    """`python -m govkg.loaders.pipeline [--jobs=N] [PATH ...]`: facts JSONL to stdout (a developer's shortcut)."""
    jobs = 1
    if argv[:1] and argv[0].startswith("--jobs="):
        jobs, argv = int(argv[0].split("=", 1)[1]), argv[1:]
    paths = [Path(a) for a in argv] or [sample_gazette()]
    for fact in extract_paths(paths, jobs).facts:
        print(json.dumps(fact_to_json(fact), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
