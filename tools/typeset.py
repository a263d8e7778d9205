"""Typeset a text gazette as a PDF the way gazettes are printed: one or two columns, a running
header that alternates between the gazette's name and its section, a page number at the foot.

usage: python tools/typeset.py IN.txt OUT.pdf [--columns 1|2] [--header TEXT] [--section TEXT]
       python tools/typeset.py --scan IN.pdf OUT.pdf [--pages N]   (rasterise: a PDF of page images)

Used by the tests (PDFs made at test time from the gazette texts) and by `make demo`. Each
non-empty line of the text becomes a paragraph with a two-character first-line indent, so the
reader has to join the lines the column width wraps and keep the paragraph starts; the text's
own page furniture (old running headers, page numbers) is left out, as the PDF prints its own. Needs
reportlab and a CJK TrueType font (Debian: fonts-wqy-zenhei); `--scan` needs pypdfium2.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
FONT = "GazetteCJK"
FALLBACK = "GazetteFallback"  # for the few signs a CJK font lacks (•, �): DejaVu when installed
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def cjk_font() -> str:
    """Path of an installed CJK TrueType font; raises when there is none (CI installs one)."""
    for cand in FONT_CANDIDATES:
        if Path(cand).exists():
            return cand
    try:
        found = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
    except OSError:
        found = ""
    for line in found.splitlines():
        path = line.split(":")[0].strip()
        if path.endswith((".ttf", ".ttc")):
            return path
    raise FileNotFoundError("no CJK TrueType font found; install one (Debian: apt-get install fonts-wqy-zenhei)")


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, cjk_font(), subfontIndex=0))
        if Path(DEJAVU).exists():
            pdfmetrics.registerFont(TTFont(FALLBACK, DEJAVU))


def _markup(line: str) -> str:
    """A text line as Paragraph markup: escaped, spaces kept, signs the CJK font lacks in a fallback font."""
    from reportlab.pdfbase import pdfmetrics

    have = pdfmetrics.getFont(FONT).face.charToGlyph
    fallback = FALLBACK if FALLBACK in pdfmetrics.getRegisteredFontNames() else "Helvetica"
    out = []
    for ch in line:
        text = "&nbsp;" if ch == " " else escape(ch)
        out.append(text if ord(ch) in have or ch == " " else f'<font name="{fallback}">{text}</font>')
    return "".join(out)


def typeset(text: str, out: Path, columns: int = 2, header: str = "人民政府公报",
            section: str = "政府文件", size: float = 10.5) -> int:
    """Write `text` as a gazette PDF at `out`; returns the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    _register()
    width, height = A4
    margin, gutter, top, bottom = 56.0, 20.0, 72.0, 64.0
    col_w = (width - 2 * margin - gutter * (columns - 1)) / columns
    frames = [Frame(margin + i * (col_w + gutter), bottom, col_w, height - top - bottom,
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"c{i}")
              for i in range(columns)]

    def furniture(canvas, doc) -> None:  # noqa: ANN001 - reportlab's callback signature
        canvas.saveState()
        canvas.setFont(FONT, 9)
        n = doc.page
        y = height - 44
        if n % 2:
            canvas.drawRightString(width - margin, y, header)
            canvas.drawString(margin, y, section)
        else:
            canvas.drawString(margin, y, header)
        canvas.line(margin, y - 5, width - margin, y - 5)
        canvas.drawCentredString(width / 2, 36, f"—{n}—")
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=top, bottomMargin=bottom, title=header)
    doc.addPageTemplates([PageTemplate(id="gazette", frames=frames, onPage=furniture)])
    style = ParagraphStyle("body", fontName=FONT, fontSize=size, leading=size * 1.45,
                           firstLineIndent=size * 2, wordWrap="CJK")
    from govkg.loaders.text import is_furniture
    from reportlab.lib.enums import TA_RIGHT

    right = ParagraphStyle("right", parent=style, firstLineIndent=0, alignment=TA_RIGHT)

    story = []
    for line in text.splitlines():
        line = line.replace("\u3000", " ").rstrip()  # leading blanks kept: a hanging indent in a roster
        if line.strip() and not is_furniture(line):  # the old headers and page numbers: this PDF prints its own
            if len(line) - len(line.lstrip()) >= 16:  # a date or signature pushed right with blanks
                story.append(Paragraph(_markup(line.strip()), right))
            else:
                story.append(Paragraph(_markup(line), style))
    doc.build(story)
    return doc.page


def rasterise(pdf: Path, out: Path, pages: int | None = None, dpi: int = 300) -> int:
    """A 'scanned' copy of `pdf`: each page an image only, no text layer. Returns pages written."""
    import pypdfium2
    from PIL import Image

    src = pypdfium2.PdfDocument(str(pdf))
    try:
        count = len(src) if pages is None else min(pages, len(src))
        images = [src[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(count)]
    finally:
        src.close()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return count


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--columns", type=int, default=2)
    ap.add_argument("--header", default="人民政府公报")
    ap.add_argument("--section", default="政府文件")
    ap.add_argument("--scan", action="store_true", help="rasterise SRC (a PDF) instead of typesetting")
    ap.add_argument("--pages", type=int, default=None)
    a = ap.parse_args(argv)
    if a.scan:
        n = rasterise(a.src, a.out, a.pages)
    else:
        n = typeset(a.src.read_text("utf-8"), a.out, a.columns, a.header, a.section)
    print(f"{a.out}: {n} pages", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
