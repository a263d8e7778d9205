"""A PDF gazette -> text lines in reading order, each with the page it was printed on.

The reader is column-aware (see geometry.py): glyphs with their positions (pdfplumber, over
pdfminer.six) are grouped into rows, columns and bands, running headers and page numbers are
dropped by position and repetition (running.py), wrapped lines are joined into paragraphs
(paragraphs.py). Pages without a text layer are read by OCR when tesseract is installed (ocr.py).
The result is plain text for the same pipeline as a text gazette, plus a line -> page (and OCR)
map that the pipeline puts on every fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


MAGIC = b"%PDF-"


@dataclass
class PdfText:
    """The text of a PDF as lines, with the 1-based page of each line and whether OCR read it."""

    lines: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    ocr: list[bool] = field(default_factory=list)
    page_count: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def page_of(self, line: int) -> int | None:
        """The page of 1-based text line `line`."""
        return self.pages[line - 1] if 1 <= line <= len(self.pages) else None

    def ocr_at(self, line: int) -> bool:
        return 1 <= line <= len(self.ocr) and self.ocr[line - 1]


def is_pdf(path: Path) -> bool:
    """A PDF by content (its magic bytes), whatever its name says."""
    try:
        with path.open("rb") as fh:
            return fh.read(1024).lstrip().startswith(MAGIC)
    except OSError:
        return False


def read_pdf(path: Path) -> PdfText:
    """Read a PDF gazette; InputError (one line) when it is encrypted, broken or has no text."""
    from govkg.loaders.pdf.reader import read  # the layout readers: imported for a PDF only (~3 ms)
    return read(path)
