"""Gazette files -> resolved facts: the extraction half of the data flow, and nothing else.

Every extractor is a pure function `extract(Document) -> list[FactBase]`; this module runs them
all over every document, then hands the lot to name resolution, which needs the whole corpus
(the canonical name of a body is its fullest form found anywhere in the input).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from govkg.loaders import appointments, duties, metadata, replies, rosters, tasks
from govkg.loaders.derived import members_from_duty_list
from govkg.loaders.resolve import AliasTable, resolve_facts
from govkg.loaders.sources import read_source, with_pages
from govkg.loaders.text import Document
from govkg.ontology.facts import FactBase, fact_to_json

EXTRACTORS = (metadata, appointments, rosters, tasks, duties, replies)


@dataclass
class Extraction:
    """What one run read: the documents, the resolved facts, the alias table and what went wrong."""

    documents: list[Document] = field(default_factory=list)
    facts: list[FactBase] = field(default_factory=list)
    aliases: AliasTable = field(default_factory=AliasTable)
    encodings: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


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
    if len(facts) <= 1:
        warnings.append(f"{doc.source}:{doc.start_line}: {doc.number}: no facts read beyond its metadata")
    return facts, warnings


def extract_paths(paths: list[Path]) -> Extraction:
    """Read and extract every file; raises InputError before anything is returned for bad input."""
    run = Extraction()
    layouts = {}
    for path in paths:
        source = read_source(path)
        run.encodings[str(path)] = source.encoding
        run.documents.extend(source.documents)
        run.warnings.extend(source.warnings)
        layouts[str(path)] = source.layout
    raw: list[FactBase] = []
    for doc in run.documents:
        found, warnings = extract_document(doc)
        raw.extend(with_pages(found, layouts.get(doc.source)))
        run.warnings.extend(warnings)
    run.facts, run.aliases = resolve_facts(raw)
    return run


def sample_gazette() -> Path:
    return Path(__file__).with_name("sample") / "lishi-gazette-2024-3.txt"


def main(argv: list[str]) -> None:
    """`python -m govkg.loaders.pipeline [PATH ...]`: facts JSONL to stdout (a developer's shortcut)."""
    paths = [Path(a) for a in argv] or [sample_gazette()]
    for fact in extract_paths(paths).facts:
        print(json.dumps(fact_to_json(fact), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
