"""Fuzz the text readers and each extractor: no input makes them raise (bounded, fixed seed).

The long run is tools/fuzz.py; its last figures are in the README."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from govkg.errors import InputError
from govkg.loaders import appointments, duties, metadata, replies, rosters, tasks
from govkg.loaders.text import clean_lines, decode, split_documents
from tests.fuzz_inputs import gazettes

EXTRACTORS = (metadata, appointments, rosters, tasks, duties, replies)
BOUNDED = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                   suppress_health_check=list(HealthCheck))


@seed(11)
@BOUNDED
@given(st.binary(max_size=400))
def test_decode_returns_text_or_refuses_in_one_line(data: bytes) -> None:
    try:
        text, encoding = decode(data, "fuzz.txt")
    except InputError as e:
        assert "\n" not in str(e) and str(e).startswith("fuzz.txt: "), f"one line naming the file: {e}"
        return
    assert isinstance(text, str) and encoding


@pytest.mark.parametrize("extractor", EXTRACTORS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_extractor_never_raises_on_fuzzed_gazettes(extractor) -> None:
    @seed(11)
    @BOUNDED
    @given(gazettes)
    def run(text: str) -> None:
        for doc in split_documents(clean_lines(text)):
            for fact in extractor.extract(doc):
                assert fact.doc == doc.number and fact.line >= 1, "every fact keeps its provenance"
    run()
