"""Reading a PDF's pages into PdfText: glyphs by pdfplumber, then the layout readers (see the
package's docstring). Imported only when a PDF is read: text-only runs never pay for it."""

from __future__ import annotations

from pathlib import Path

from govkg.errors import InputError
from govkg.loaders.pdf import PdfText, ocr
from govkg.loaders.pdf.geometry import Box, adopt_layout, glyph_size, page_columns, reading_order, snap_columns
from govkg.loaders.pdf.paragraphs import paragraphs
from govkg.loaders.pdf.running import strip_running

BREAKS = str.maketrans({c: " " for c in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})
OCR_SPACE = 0.9  # OCR boxes are tight around the ink: only a wide gap is a space


def read(path: Path) -> PdfText:
    """Read a PDF gazette; InputError (one line) when it is encrypted, broken or has no text."""
    import pdfplumber  # imported here: text-only runs never pay for it

    try:
        with pdfplumber.open(path) as pdf:
            pages = [(_glyphs(p), float(p.height), bool(p.images)) for p in pdf.pages]
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds; all mean "not readable"
        raise InputError(f"{path}: {_why(e)}") from e
    if not pages:
        raise InputError(f"{path}: the PDF has no pages")
    return _read_pages(path, pages)


def _read_pages(path: Path, pages: list[tuple[list[Box], float, bool]]) -> PdfText:
    out = PdfText(page_count=len(pages))
    scanned = [i for i, (boxes, _, images) in enumerate(pages) if not boxes and images]
    boxes_of: dict[int, list[Box]] = {i: b for i, (b, _, _) in enumerate(pages)}
    read_by_ocr: set[int] = set()
    if scanned:
        numbers = ", ".join(str(i + 1) for i in scanned)
        if ocr.tesseract():
            for i in scanned:
                boxes_of[i] = ocr.page_boxes(path, i)
            read_by_ocr = set(scanned)
            out.warnings.append(f"{path}: page(s) {numbers} have no text layer (scanned); read by OCR "
                                f"(tesseract {ocr.LANG}), their facts are marked ocr: true")
        else:
            out.warnings.append(f"{path}: page(s) {numbers} have no text layer (scanned) and are skipped; "
                                f"to read them, {ocr.INSTALL_HINT}")
    clean = strip_running([(boxes_of[i], height) for i, (_, height, _) in enumerate(pages)])
    sizes = [glyph_size(boxes) for boxes in clean]
    own = [page_columns(boxes, size) for boxes, size in zip(clean, sizes)]
    columns = snap_columns(adopt_layout(own, list(zip(clean, sizes))))
    for i, (boxes, size, cols) in enumerate(zip(clean, sizes, columns)):
        if not boxes:
            continue
        space = OCR_SPACE if i in read_by_ocr else None
        for text in paragraphs(reading_order(boxes, size, space, cols), size):
            text = text.translate(BREAKS)
            if text.strip():
                out.lines.append(text)
                out.pages.append(i + 1)
                out.ocr.append(i in read_by_ocr)
    if not out.lines:
        hint = f"; to read scans, {ocr.INSTALL_HINT}" if scanned and not read_by_ocr else ""
        raise InputError(f"{path}: the PDF holds no text{hint}")
    return out


def _glyphs(page) -> list[Box]:  # noqa: ANN001 - a pdfplumber Page
    """The page's glyphs; a space the typesetter printed is kept as a blank glyph (a run of them
    is how `张三  局长` is set), a gap without one is read back from positions."""
    boxes = [Box(c["x0"], c["x1"], c["top"], c["bottom"], " " if not c["text"].strip() else c["text"])
             for c in page.chars if c["text"] and (c["text"] >= " " or not c["text"].strip()) and c.get("upright", True)]
    return boxes if any(b.text != " " for b in boxes) else []


def _why(e: Exception) -> str:
    """What is wrong with an unreadable PDF, in a few words."""
    chain = f"{type(e).__name__} {e} {type(e.__cause__).__name__} {e.__cause__}".lower()
    if "password" in chain or "encrypt" in chain:
        return "the PDF is encrypted (password protected); decrypt it first, e.g. qpdf --decrypt IN OUT"
    detail = str(e.__cause__ or e).strip().splitlines()
    return f"not a readable PDF ({type(e.__cause__ or e).__name__}{': ' + detail[0][:80] if detail else ''})"
