"""Pages without a text layer (scans) read by tesseract's Chinese model, as word boxes.

Tesseract is an optional system tool (Debian: tesseract-ocr, tesseract-ocr-chi-sim); it is found
on PATH, never downloaded. Its TSV output gives every word's box, which feeds the same column and
paragraph logic as a text layer's glyphs, so a scanned two-column page is read in column order.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from govkg.loaders.pdf.geometry import Box

LANG = "chi_sim"
DPI = 300
# Chinese print is set in full-width signs; tesseract's chi_sim often returns the half-width or
# lenticular look-alikes, and reads a wide blank as a stray quote mark.
FULLWIDTH = str.maketrans({"【": "〔", "】": "〕", "[": "〔", "]": "〕", "(": "（", ")": "）", ":": "：", ";": "；", ",": "，"})
STRAY = set("”“\"'‘’")
INSTALL_HINT = "install tesseract with its Chinese model (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-chi-sim)"


@lru_cache(maxsize=1)
def tesseract() -> str | None:
    """The tesseract executable when it is installed with the chi_sim language, else None."""
    exe = shutil.which("tesseract")
    if not exe:
        return None
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return exe if LANG in (langs.stdout + langs.stderr).split() else None


def page_boxes(pdf_path: Path, index: int) -> list[Box]:
    """OCR word boxes of page `index` (0-based), in points like a text layer's glyphs."""
    import pypdfium2  # a dependency of pdfplumber; imported here to keep text-only runs light

    scale = DPI / 72
    doc = pypdfium2.PdfDocument(str(pdf_path))
    try:
        image = doc[index].render(scale=scale, grayscale=True).to_pil()
    finally:
        doc.close()
    with tempfile.TemporaryDirectory(prefix="govkg-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        return words(run_tesseract(png), scale)


def run_tesseract(image: Path) -> str:
    exe = tesseract()
    if exe is None:
        raise RuntimeError(f"tesseract with {LANG} is not installed")
    done = subprocess.run([exe, str(image), "stdout", "-l", LANG, "--psm", "3", "tsv"],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"tesseract failed: {done.stderr.strip().splitlines()[-1:]}")
    return done.stdout


def words(tsv: str, scale: float) -> list[Box]:
    """Word rows (level 5) of tesseract's TSV as boxes, pixels scaled back to points."""
    out = []
    for rec in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (rec.get("text") or "").strip().translate(FULLWIDTH)
        if rec.get("level") != "5" or not text or set(text) <= STRAY:
            continue
        left, top, width, height = (float(rec[k]) / scale for k in ("left", "top", "width", "height"))
        out.append(Box(left, left + width, top, top + height, text))
    return out
