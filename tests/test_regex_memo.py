"""The regex charset memo (loaders/regex_memo.py) changes how long patterns take to compile,
never what they compile to."""

from __future__ import annotations

import re
from re import _compiler, _parser  # type: ignore[attr-defined]

import govkg.loaders  # noqa: F401  (installs the memo)
from govkg.loaders import regex_memo
from govkg.loaders.appointments import HAN

PATTERNS = [
    rf"^{HAN}{{2,4}}(?:同志)?任{HAN}+$",
    rf"[{HAN}\d（）()]{{2,24}}",
    r"[^\u4e00-\u9fff，。]+",
    r"[一二三四五六七八九十]+、",
    r"(?i)[a-z\u4e00-\u9fff]+",  # case-folding: left to the compiler as it is
    rf"{HAN}{HAN}(?:局|委|办)",
]


def _code(pattern: str, derive) -> list[int]:  # type: ignore[no-untyped-def]
    saved = _compiler._optimize_charset
    _compiler._optimize_charset = derive
    try:
        parsed = _parser.parse(pattern, 0)
        return list(_compiler._code(parsed, parsed.state.flags))
    finally:
        _compiler._optimize_charset = saved


def test_importing_the_readers_puts_the_memo_in_front_of_the_charset_optimiser():
    assert hasattr(_compiler._optimize_charset, "remembers"), "govkg.loaders should install the memo on import"
    assert regex_memo.install() is True, "installing twice should keep the one memo"
    assert not hasattr(_compiler._optimize_charset.remembers, "remembers"), "the memo should not wrap itself"


def test_every_pattern_compiles_to_the_same_program_with_and_without_the_memo():
    original = _compiler._optimize_charset.remembers
    for pattern in PATTERNS:
        fresh = _code(pattern, original)
        assert _code(pattern, _compiler._optimize_charset) == fresh, f"{pattern!r}: the memo changed its program"
        assert _code(pattern, _compiler._optimize_charset) == fresh, f"{pattern!r}: the remembered program differs"


def test_a_caller_changing_the_optimised_class_does_not_change_what_is_remembered():
    optimise = regex_memo.remembering(_compiler._optimize_charset.remembers)
    charset = _parser.parse(r"[\u4e00-\u9fff]", 0)[0][1]
    first, _ = optimise(charset)
    first.clear()
    again, _ = optimise(charset)
    assert again, "the memo should hand out a copy, not its own list"


def test_patterns_compiled_with_the_memo_still_match_han_and_only_han():
    han = re.compile(r"^[\u4e00-\u9fff]+$")
    assert han.match("离石区") and not han.match("离石区A"), "the Han class should match exactly the Han range"
