"""F1 of a gazette read as text vs the same gazette typeset as a PDF, on the same gold.

usage: python tools/pdf_vs_text.py [NAME ...] [--columns 1|2] [--scan-pages N] [--show-errors N]
       NAME: `sample` (the bundled gazette, dev gold) or a held-out set in tests/eval/heldout
       (default: sample and every held-out set)

Each text is typeset by tools/typeset.py (running header, page numbers), read back by govkg's PDF
reader, extracted, and scored by tests/eval/score.py beside the text's own extraction. Prints F1
text, F1 PDF, their difference, pages and pages per second of the PDF reader. With --scan-pages N
the first N pages are also rasterised and read by OCR (needs tesseract with chi_sim).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"


def _module(name: str, path: Path):  # noqa: ANN202 - a script loaded by path
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


typeset = _module("govkg_typeset", ROOT / "tools" / "typeset.py")
scorer = _module("govkg_score", EVAL / "score.py")


def gazette(name: str) -> tuple[Path, Path, Path]:
    """(text, gold facts, gold aliases) of the sample or of a held-out set."""
    if name == "sample":
        return ROOT / "loaders" / "sample" / "lishi-gazette-2024-3.txt", EVAL / "facts.jsonl", EVAL / "aliases.jsonl"
    txt = EVAL / "heldout" / f"{name}.txt"
    return txt, txt.with_suffix(".facts.jsonl"), txt.with_suffix(".aliases.jsonl")


def f1(facts: list, gold: Path, aliases: Path) -> tuple[float, list, list]:
    """score.py's ALL F1 of `facts` on the documents the gold covers, with misses and spurious."""
    from govkg.ontology.facts import fact_to_json

    names = scorer.Names([str(aliases)])
    gold_recs = list(scorer._read(str(gold)))
    docs = {names._basic(r.get("doc")) for r in gold_recs}
    table, missed, spurious = scorer.score([fact_to_json(f) for f in facts], gold_recs, names, docs)
    return table["ALL"]["f1"], missed, spurious


def compare(name: str, columns: int, tmp: Path, show: int = 0) -> dict:
    from govkg.loaders.pdf import read_pdf
    from govkg.loaders.pipeline import extract_paths

    txt, gold, aliases = gazette(name)
    pdf = tmp / f"{name}-{columns}col.pdf"
    pages = typeset.typeset(txt.read_text("utf-8"), pdf, columns, header=f"{name} 人民政府公报 2024·3")
    t0 = time.perf_counter()
    read_pdf(pdf)
    seconds = time.perf_counter() - t0
    f_text, miss_t, spur_t = f1(extract_paths([txt]).facts, gold, aliases)
    f_pdf, miss_p, spur_p = f1(extract_paths([pdf]).facts, gold, aliases)
    if show:
        for key in sorted(set(miss_p) - set(miss_t))[:show]:
            print("  missed in PDF:", key)
        for key in sorted(set(spur_p) - set(spur_t))[:show]:
            print("  spurious in PDF:", key)
    return {"name": name, "columns": columns, "f1_text": f_text, "f1_pdf": f_pdf, "pages": pages,
            "pages_per_s": pages / seconds if seconds else 0.0, "pdf": pdf}


def ocr_compare(name: str, columns: int, tmp: Path, pages: int) -> dict:
    """F1 of the first `pages` pages read from the PDF's text layer vs from a rasterised copy."""
    from govkg.loaders.pipeline import extract_paths

    txt, gold, aliases = gazette(name)
    pdf = tmp / f"{name}-{columns}col.pdf"
    scan = tmp / f"{name}-{columns}col-scan.pdf"
    typeset.rasterise(pdf, scan, pages)
    clip = tmp / f"{name}-{columns}col-first.pdf"
    _first_pages(pdf, clip, pages)
    t0 = time.perf_counter()
    ocr_facts = extract_paths([scan]).facts
    seconds = time.perf_counter() - t0
    text_facts = extract_paths([clip]).facts
    docs = {f.doc for f in text_facts}
    gold_docs = [r for r in scorer._read(str(gold)) if r.get("doc") in docs]
    gold_file = tmp / f"{name}-gold-first.jsonl"
    import json
    gold_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold_docs), "utf-8")
    return {"name": name, "pages": pages, "f1_layer": f1(text_facts, gold_file, aliases)[0],
            "f1_ocr": f1(ocr_facts, gold_file, aliases)[0], "ocr_pages_per_s": pages / seconds}


def _first_pages(src: Path, out: Path, pages: int) -> None:
    import pypdfium2

    doc, new = pypdfium2.PdfDocument(str(src)), pypdfium2.PdfDocument.new()
    new.import_pages(doc, list(range(min(pages, len(doc)))))
    new.save(str(out))


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("--columns", type=int, action="append")
    ap.add_argument("--scan-pages", type=int, default=0)
    ap.add_argument("--show-errors", type=int, default=0)
    a = ap.parse_args(argv)
    names = a.names or ["sample"] + sorted(p.stem for p in (EVAL / "heldout").glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="govkg-pdf-") as tmp:
        for columns in a.columns or [2]:
            for name in names:
                r = compare(name, columns, Path(tmp), a.show_errors)
                print(f"{r['name']:28} {columns}col  F1 text {r['f1_text']:.3f}  PDF {r['f1_pdf']:.3f}  "
                      f"diff {r['f1_pdf'] - r['f1_text']:+.3f}  {r['pages']:3d} pages  "
                      f"{r['pages_per_s']:.1f} pages/s", flush=True)
                if a.scan_pages:
                    o = ocr_compare(name, columns, Path(tmp), a.scan_pages)
                    print(f"{'':28} OCR of {o['pages']} pages: F1 text layer {o['f1_layer']:.3f}  OCR "
                          f"{o['f1_ocr']:.3f}  {o['ocr_pages_per_s']:.2f} pages/s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
