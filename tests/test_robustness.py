"""Extraction never crashes on mangled gazette text: columns shuffled, lines cut, documents glued."""

from __future__ import annotations

import random

import pytest

from govkg.loaders import appointments, duties, metadata, replies, rosters, tasks
from govkg.loaders.pipeline import extract_document
from govkg.loaders.text import clean_lines, split_documents
from tests.conftest import SAMPLE

EXTRACTORS = (metadata, appointments, rosters, tasks, duties, replies)


def mangled_documents(seed: int) -> list:
    rng = random.Random(seed)
    lines = SAMPLE.read_text("utf-8").splitlines()
    out = []
    for line in lines:
        r = rng.random()
        if r < 0.05:
            continue                                   # a lost line
        if r < 0.10 and len(line) > 4:
            cut = rng.randrange(1, len(line))
            out.extend([line[:cut], line[cut:]])       # a line broken in two
        elif r < 0.13:
            out.append(line + line[::-1])              # two columns glued together
        else:
            out.append(line)
    for _ in range(len(out) // 50):                    # blocks out of order
        i, j = sorted(rng.sample(range(len(out)), 2))
        out[i:j] = out[i:j][::-1] if j - i < 30 else out[i:j]
    return split_documents(clean_lines("\n".join(out)))


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("extractor", EXTRACTORS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_extractor_survives_mangled_text(extractor, seed: int) -> None:
    for doc in mangled_documents(seed):
        facts = extractor.extract(doc)
        assert all(f.doc == doc.number and f.line >= 1 for f in facts), "every fact keeps its provenance"


def test_a_failing_extractor_costs_a_warning_not_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = split_documents(clean_lines(SAMPLE.read_text("utf-8")))[0]

    def explode(_doc):
        raise ValueError("unforeseen layout")

    monkeypatch.setattr(tasks, "extract", explode)
    facts, warnings = extract_document(doc)
    assert any(f.kind == "post" for f in facts), "the other extractors still read the document"
    assert any("tasks extractor failed" in w and doc.number in w for w in warnings), warnings
