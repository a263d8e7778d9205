"""One input file -> documents, whatever it is: a text gazette or a PDF.

The one place where a PDF joins the text pipeline: its text (read column by column by
loaders/pdf) is split into documents like any text, and the PDF's line -> page map is kept so
that every fact read from it carries the page (and whether OCR read it) beside its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from govkg.loaders import pdf
from govkg.loaders.text import Document, documents_in, read_documents, refuse_irregular
from govkg.ontology.facts import FactBase, with_fields


@dataclass
class Source:
    """What one file gave: its documents, how it was read, its PDF page map and warnings."""

    documents: list[Document]
    encoding: str
    layout: pdf.PdfText | None = None
    warnings: list[str] = field(default_factory=list)


def read_source(path: Path) -> Source:
    """Read a text gazette or a PDF (recognised by its content, not its name) into documents.

    A FIFO, device or socket is refused before anything opens it (opening a FIFO blocks)."""
    refuse_irregular(path)
    if pdf.is_pdf(path):
        text = pdf.read_pdf(path)
        return Source(documents_in(text.text, path), "pdf", text, list(text.warnings))
    docs, encoding = read_documents(path)
    return Source(docs, encoding)


def with_pages(facts: list[FactBase], layout: pdf.PdfText | None) -> list[FactBase]:
    """Facts of a PDF's document with the page of their line (and ocr: true when OCR read it)."""
    if layout is None:
        return facts
    return [with_fields(f, page=layout.page_of(f.line), ocr=True if layout.ocr_at(f.line) else None)
            for f in facts]
