"""PDF gazettes: read column by column, furniture dropped, page on every fact, scans by OCR.

The PDFs are typeset here, at test time, from the gazette texts (tools/typeset.py: reportlab and
a CJK font; .ci/run installs fonts-wqy-zenhei, tesseract-ocr and tesseract-ocr-chi-sim).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from pathlib import Path

import pytest

from govkg.loaders.pdf import read_pdf
from govkg.loaders.pdf.geometry import Box, reading_order
from tests.conftest import ROOT, SAMPLE, run_cli

CI = os.environ.get("CI") == "true"


def _tool(name: str):  # noqa: ANN202
    spec = importlib.util.spec_from_file_location(f"govkg_tool_{name}", ROOT / "tools" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


compare = _tool("pdf_vs_text")
HEADER, SECTION = "离石公报排印样张 2024·3", "样张文件"  # running header and section, not in the text


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="session")
def sample_pdf(pdf_dir: Path) -> Path:
    """The sample gazette typeset in two columns with a running header and page numbers."""
    out = pdf_dir / "gazette.pdf"
    compare.typeset.typeset(SAMPLE.read_text("utf-8"), out, 2, header=HEADER, section=SECTION)
    return out


@pytest.fixture(scope="session")
def sample_pdf_text(sample_pdf: Path):  # noqa: ANN201
    return read_pdf(sample_pdf)


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_two_columns_are_read_one_after_the_other() -> None:
    """Synthetic page: a title across the page, then two columns whose rows share baselines."""
    def run(text: str, x: float, top: float) -> list[Box]:
        return [Box(x + 10 * i, x + 10 * (i + 1), top, top + 10, ch) for i, ch in enumerate(text)]

    boxes = run("关于印发某某方案的通知标题横跨两栏正文之上", 60, 50)
    for i in range(12):
        boxes += run(f"左栏第{i:02d}行文字左栏文字左栏文字", 50, 80 + 15 * i)
        boxes += run(f"右栏第{i:02d}行文字右栏文字右栏文字", 250, 80 + 15 * i)
    lines = [ln.text for ln in reading_order(boxes)]
    assert lines[0].startswith("关于印发"), f"the spanning title should come first, got {lines[:2]}"
    assert [ln[:5] for ln in lines[1:]] == [f"左栏第{i:02d}" for i in range(12)] + [f"右栏第{i:02d}" for i in range(12)], \
        f"expected the left column then the right one, got {lines}"


def _printed(text: str, x0: float, top: float, right: float = 250.0) -> "PrintedLine":
    from govkg.loaders.pdf.geometry import PrintedLine

    return PrintedLine(text, x0, x0 + 10 * len(text), top, top + 10, 50.0, right, 0)


def test_wrapped_lines_are_joined_and_paragraph_starts_kept() -> None:
    from govkg.loaders.pdf.paragraphs import paragraphs

    lines = [
        _printed("各成员单位要加强协调配合，确保工作", 70, 100),  # indented start, runs to the edge
        _printed("顺利推进，形成合力。", 50, 115),  # flush: the wrap of the line above
        _printed("组长：张三  区长", 50, 130),  # a roster label starts a line
        _printed("（一）加强组织领导。各乡镇要把这项工作", 50, 145),  # a numbering mark starts a line
        _printed("摆上重要议程。", 50, 160),
        _printed("办公室设在区发改局，主任由李四兼任", 70, 175),
    ]
    assert paragraphs(lines, 10.0) == [
        "各成员单位要加强协调配合，确保工作顺利推进，形成合力。", "组长：张三  区长",
        "（一）加强组织领导。各乡镇要把这项工作摆上重要议程。", "办公室设在区发改局，主任由李四兼任"], \
        "wrapped lines should join; an indent, a label or a numbering mark should start a new line"


def test_sentences_survive_the_two_column_layout(sample_pdf_text) -> None:  # noqa: ANN001
    text = _squash(sample_pdf_text.text)
    for sentence in ("经二〇二四年六月二十七日区政府党组会议研究决定，任命：", "李育锋同志任区教育体育事业发展中心主任；"):
        assert sentence in text, f"{sentence} should be read whole, not interleaved with the other column"


def test_running_header_and_page_numbers_are_dropped(sample_pdf_text) -> None:  # noqa: ANN001
    header = [ln for ln in sample_pdf_text.lines if _squash(HEADER) in _squash(ln) or _squash(ln) == SECTION]
    assert not header, f"the running header typeset on every page leaked into the text: {header[:3]}"
    numbers = [ln for ln in sample_pdf_text.lines if re.fullmatch(r"—\d+—", _squash(ln))]
    assert not numbers, f"the page numbers printed at the foot leaked into the text: {numbers[:3]}"


def test_two_column_sample_scores_as_its_text(pdf_dir: Path) -> None:
    r = compare.compare("sample", 2, pdf_dir)
    assert r["f1_pdf"] >= r["f1_text"] - 0.02, f"F1 from the PDF {r['f1_pdf']:.3f} should be within 0.02 of the text's {r['f1_text']:.3f}"


@pytest.mark.parametrize("name", ["county-qishan", "county-xiangcheng", "blind-province-shanxi", "blind-city-jincheng", "blind-district-nangang"])
def test_heldout_gazettes_score_as_their_text(name: str, pdf_dir: Path) -> None:
    r = compare.compare(name, 2, pdf_dir)
    assert r["f1_pdf"] >= r["f1_text"] - 0.02, f"{name}: F1 from the PDF {r['f1_pdf']:.3f} should be within 0.02 of the text's {r['f1_text']:.3f}"


@pytest.fixture(scope="session")
def pdf_store(sample_pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("pdfkg") / "store"
    result = run_cli("build", str(sample_pdf), "--store", str(store))
    assert result.returncode == 0, f"govkg build gazette.pdf failed: {result.stderr}"
    return store


@pytest.fixture(scope="session")
def pdf_facts(pdf_store: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = tmp_path_factory.mktemp("pdfexport") / "facts.jsonl"
    result = run_cli("export", "facts", "--store", str(pdf_store), "--out", str(out))
    assert result.returncode == 0, f"export facts failed: {result.stderr}"
    return [json.loads(line) for line in out.read_text("utf-8").splitlines() if line.strip()]


def test_every_fact_from_a_pdf_has_a_page(pdf_facts: list[dict]) -> None:
    missing = [f for f in pdf_facts if not isinstance(f.get("page"), int) or f["page"] < 1]
    assert pdf_facts and not missing, f"facts exported without a page: {missing[:3]}"


def test_pages_of_facts_are_the_pages_that_print_them(pdf_facts: list[dict], sample_pdf: Path, sample_pdf_text) -> None:  # noqa: ANN001
    import pdfplumber

    with pdfplumber.open(sample_pdf) as pdf:
        page_text = [_squash(p.extract_text() or "") for p in pdf.pages]
    sample = pdf_facts[::17]
    wrong = []
    for f in sample:
        line = _squash(sample_pdf_text.lines[f["line"] - 1])
        if line[:12] not in page_text[f["page"] - 1]:
            wrong.append((f["kind"], f["line"], f["page"], line[:20]))
        if f["kind"] == "post" and _squash(f["person"]) not in page_text[f["page"] - 1]:
            wrong.append((f["kind"], f["person"], f["page"]))
    assert len(sample) > 20 and not wrong, f"facts whose line or person is not printed on their page: {wrong[:5]}"


def test_govkg_text_prints_the_lines_that_facts_count(sample_pdf: Path, sample_pdf_text, pdf_facts: list[dict], tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "gazette.txt"
    result = run_cli("text", str(sample_pdf), "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text("utf-8").splitlines()
    assert lines == sample_pdf_text.lines, "govkg text should print exactly the lines the build read"
    post = next(f for f in pdf_facts if f["kind"] == "post")
    assert _squash(post["person"]) in _squash(lines[post["line"] - 1]), f"line {post['line']} should name {post['person']}"


def test_answers_show_the_page(pdf_store: Path) -> None:
    result = run_cli("ask", "person", "任凯旋", "--store", str(pdf_store), "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["answers"]
    assert rows and all(isinstance(r["page"], int) for r in rows), f"answers should carry the page: {rows[:2]}"


def test_a_directory_of_pdfs_is_read(sample_pdf: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gazette.pdf").write_bytes(sample_pdf.read_bytes())
    result = run_cli("build", str(folder), "--store", str(tmp_path / "store"))
    assert result.returncode == 0, f"a directory holding a PDF should build: {result.stderr}"


def test_an_encrypted_pdf_is_one_line_exit_2(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "secret.pdf"
    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(100, 700, "hello")
    c.save()
    result = run_cli("build", str(path), "--store", str(tmp_path / "store"))
    assert result.returncode == 2 and "encrypted" in result.stderr, f"expected exit 2 naming encryption: {result.stderr}"
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_broken_pdf_is_one_line_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n")
    result = run_cli("build", str(path), "--store", str(tmp_path / "store"))
    assert result.returncode == 2 and str(path) in result.stderr, f"expected exit 2 naming the file: {result.stderr}"
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.fixture(scope="session")
def scanned_pdf(pdf_dir: Path) -> Path:
    """The first two pages of a one-column gazette, rasterised: images only, no text layer."""
    src = pdf_dir / "qishan-1col.pdf"
    compare.typeset.typeset((ROOT / "tests/eval/heldout/county-qishan.txt").read_text("utf-8"), src, 1)
    out = pdf_dir / "qishan-scan.pdf"
    compare.typeset.rasterise(src, out, pages=2)
    return out


def test_a_scan_without_tesseract_says_how_to_install_it(scanned_pdf: Path, tmp_path: Path) -> None:
    result = run_cli("build", str(scanned_pdf), "--store", str(tmp_path / "store"), env={"PATH": str(tmp_path)})
    assert result.returncode == 2, f"a scan with no OCR available holds no text: {result.stderr}"
    assert "tesseract-ocr-chi-sim" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_scanned_page_is_read_by_ocr(scanned_pdf: Path, tmp_path: Path) -> None:
    from govkg.loaders.pdf import ocr

    if ocr.tesseract() is None:
        if CI:
            pytest.fail("tesseract with chi_sim is missing (.ci/run installs tesseract-ocr tesseract-ocr-chi-sim)")
        pytest.skip("tesseract with chi_sim is not installed")
    store, out = tmp_path / "store", tmp_path / "facts.jsonl"
    result = run_cli("build", str(scanned_pdf), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "page(s) 1, 2 have no text layer" in result.stderr, f"the warning should name the scanned pages: {result.stderr}"
    run_cli("export", "facts", "--store", str(store), "--out", str(out))
    facts = [json.loads(line) for line in out.read_text("utf-8").splitlines() if line.strip()]
    assert facts and all(f.get("ocr") is True and f["page"] in (1, 2) for f in facts), f"OCR facts: {facts[:3]}"
    assert any(f["kind"] == "post" for f in facts), "the appointments on the scanned pages should be read"
