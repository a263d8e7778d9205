"""The readers' bounded memo (loaders/memo.py) answers as the function does, and keeps only short texts."""

from __future__ import annotations

from govkg.loaders.memo import remembered_up_to
from govkg.loaders.names import squash


def test_a_one_argument_function_is_remembered_for_short_texts_only() -> None:
    calls: list[str] = []

    @remembered_up_to(4, 8)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert [upper("ab"), upper("ab"), upper("abcdef"), upper("abcdef")] == ["AB", "AB", "ABCDEF", "ABCDEF"]
    assert calls == ["ab", "abcdef", "abcdef"], f"expected the short text computed once, the long one each time, got {calls}"


def test_a_function_of_more_arguments_is_remembered_by_all_of_them() -> None:
    @remembered_up_to(4, 8)
    def joined(text: str, sep: str) -> str:
        return sep.join(text)

    assert (joined("ab", "-"), joined("ab", "+"), joined("abcdef", "-")) == ("a-b", "a+b", "a-b-c-d-e-f"), \
        "expected each call answered for its own arguments"


def test_squash_drops_every_white_space_of_short_and_long_texts() -> None:
    for text, want in (("李  鑫", "李鑫"), ("", ""), (" \u3000区长\t", "区长"), ("区 " * 200, "区" * 200)):
        assert squash(text) == want, f"expected {text[:12]!r} squashed to {want[:12]!r}, got {squash(text)[:12]!r}"
