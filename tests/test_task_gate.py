"""The tasks reader skips its costly reading only where no statement can name a body.

tasks/gate.py looks at a document's lines for a role label, or a role word closing a list where a
statement could hold it (inside a parenthesis, in a fragment's head, across the join of an open
parenthesis and a fragment). Where it finds none, the reader returns the task table's facts
only; these tests hold that to the full reading, on every evaluation document and fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

import govkg.loaders.tasks as tasks
from govkg.errors import InputError
from govkg.loaders.tasks.gate import may_name_bodies
from govkg.loaders.text import Document, Line, read_documents
from tests.conftest import FIXTURES, ROOT, SAMPLE

EVAL_SETS = [SAMPLE, *sorted((ROOT / "tests" / "eval" / "real").glob("*.txt")),
             *sorted((ROOT / "tests" / "eval" / "heldout").glob("*.txt")), *sorted(FIXTURES.glob("*.txt"))]


def _texts(doc: Document) -> list[str]:
    """The document's lines as the reader reads them: without spaces, in reading order."""
    lines = [ln for ln in doc.lines[1:] if ln.text.strip()]
    pairs = tasks.in_line_pairs(["".join(ln.text.split()) for ln in lines])
    return ["".join(ln.text.split()) for ln in tasks.unswap_columns(lines, pairs)]


def _documents(path: Path) -> list[Document]:
    """The file's documents; a task fixture, which prints a plan's lines without a document
    number, is read as one document's lines (as tests/test_tasks.py reads it)."""
    try:
        return read_documents(path)[0]
    except InputError:
        raw = [t.rstrip() for t in path.read_text("utf-8").splitlines()]
        return [Document("县政办发〔2024〕5号", [Line(1, "县政办发〔2024〕5号")] +
                         [Line(2 + i, t) for i, t in enumerate(raw) if t.strip()])]


def _full_reading(doc: Document, monkeypatch: pytest.MonkeyPatch) -> list:
    with monkeypatch.context() as m:
        m.setattr(tasks, "may_name_bodies", lambda texts: True)
        return tasks.extract(doc)


@pytest.mark.parametrize("path", EVAL_SETS, ids=lambda p: Path(p).stem)
def test_a_closed_gate_loses_no_task_fact(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for doc in _documents(path):
        gated = tasks.extract(doc)
        full = _full_reading(doc, monkeypatch)
        assert gated == full, f"{path.name} {doc.number}: expected the gated reading to give the full reading's {len(full)} task facts, got {len(gated)}"


def test_the_gate_closes_for_the_sample_documents_that_state_no_one(monkeypatch: pytest.MonkeyPatch) -> None:
    docs, _ = read_documents(SAMPLE)
    closed = [doc for doc in docs if not may_name_bodies(_texts(doc))]
    assert len(closed) >= len(docs) // 2, f"expected most sample documents (notices, rosters) closed, got {len(closed)} of {len(docs)}"
    stating = [doc for doc in docs if _full_reading(doc, monkeypatch)]
    assert stating and all(may_name_bodies(_texts(doc)) for doc in stating), \
        "expected the gate open for every sample document the full reading reads task facts from"


def test_a_role_word_closing_a_parenthesis_across_lines_opens_the_gate() -> None:
    assert may_name_bodies(["1.加强管理（县发改局、县财政局负", "责）。"]), \
        "expected `负` + `责）` (a statement wrapped at a line end) to open the gate"


def test_a_role_word_split_between_an_open_tail_and_a_fragment_opens_the_gate() -> None:
    """`（县发改局牵` left open at one line end, `头）` closing it lines later: joined, they read 牵头."""
    assert may_name_bodies(["1.加强管理（县发改局牵", "2.强化保障。", "头）。"]), \
        "expected a role word printed across an open tail and a fragment's head to open the gate"


def test_a_role_word_in_a_fragments_head_opens_the_gate() -> None:
    assert may_name_bodies(["1.加强管理（县发改局、", "2.强化保障。", "县财政局配合）。"]), \
        "expected `县财政局配合）` (a fragment closing a parenthesis opened elsewhere) to open the gate"


def test_a_role_label_opens_the_gate() -> None:
    assert may_name_bodies(["（一）加强管理。", "责任单位：县发改局"]), "expected a role label to open the gate"
    assert may_name_bodies(["（一）加强管理。", "牵头领导：张三"]), \
        "expected a stop label the vocabulary gives a role (牵头领导) to open the gate"


def test_role_words_in_running_prose_keep_the_gate_closed() -> None:
    texts = ["一、工作要求", "各部门要负责落实，确保工作取得实效（以下简称实效）。", "由县政府负责，各乡镇配合。"]
    assert not may_name_bodies(texts), "expected role words outside any parenthesis or label to leave the gate closed"


def test_a_role_word_right_before_a_label_opens_the_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    """A label ends the list before it: `（县财政局配合完成时限：年底）` names 县财政局 in support."""
    texts = ["1.加强管理（县财政局配合完成时限：年底）。"]
    doc = Document("测政发〔2024〕1号", [Line(1, "测政发〔2024〕1号"), Line(2, texts[0])])
    assert _full_reading(doc, monkeypatch), "expected the full reading to name 县财政局 (the premise of this test)"
    assert may_name_bodies(texts), "expected a role word followed by a label (完成时限：) to open the gate"
