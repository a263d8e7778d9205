"""govkg's column-aware PDF reader vs pdfplumber's plain extract_text(), in one run.

    .venv/bin/python bench/bench_pdf_read.py [PDF ...] [--repeat 3]

Default: the sample gazette typeset in two columns by tools/typeset.py. The baseline reads the same
glyphs but neither finds columns nor joins lines (and interleaves the columns); the ratio is the
price of reading in order. Prints pages per second of both and the ratio; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _baseline(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(p.extract_text() or "") for p in pdf.pages)


def _ours(path: Path) -> int:
    from govkg.loaders.pdf import read_pdf

    return len(read_pdf(path).text)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="govkg-bench-") as tmp:
        pdfs = a.pdfs
        if not pdfs:
            sys.path.insert(0, str(ROOT / "tools"))
            import typeset  # noqa: PLC0415 - the tool, loaded from its folder

            pdfs = [Path(tmp) / "sample-2col.pdf"]
            typeset.typeset((ROOT / "loaders/sample/lishi-gazette-2024-3.txt").read_text("utf-8"), pdfs[0], 2)
        import pypdfium2

        pages = sum(len(pypdfium2.PdfDocument(str(p))) for p in pdfs)
        times = {}
        for name, fn in (("pdfplumber extract_text", _baseline), ("govkg read_pdf", _ours)):
            runs = []
            for _ in range(a.repeat):
                t0 = time.perf_counter()
                for p in pdfs:
                    fn(p)
                runs.append(time.perf_counter() - t0)
            times[name] = statistics.median(runs)
            print(f"{name:26} {times[name]:7.2f} s  {pages / times[name]:6.1f} pages/s  ({pages} pages)")
        base, ours = times["pdfplumber extract_text"], times["govkg read_pdf"]
        print(f"ratio govkg / baseline: {ours / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
