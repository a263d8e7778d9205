"""The regex memos (loaders/regex_memo.py: stored programs, the charset memo) change how long
patterns take to compile, never what they compile to."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from re import _compiler, _parser

import _sre  # type: ignore[attr-defined]

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


def test_a_stored_program_builds_the_pattern_re_compiles():
    compile_ = _compiler.compile.compiles
    for pattern in PATTERNS:
        built = _sre.compile(pattern, *regex_memo.program(pattern, 0))
        assert built == compile_(pattern, 0), f"{pattern!r}: the stored program builds another pattern than re's"


def test_a_pattern_with_a_stored_program_is_built_from_it_and_noted():
    def refuse(p, flags=0):  # type: ignore[no-untyped-def]
        raise AssertionError(f"{p!r} should have been built from its stored program, not compiled")
    seen: set = set()
    compile_ = regex_memo.compiling_from({(PATTERNS[0], 0): regex_memo.program(PATTERNS[0], 0)}, refuse, seen)
    assert compile_(PATTERNS[0], 0).match("李明同志任区长"), "the built pattern should match what the pattern matches"
    assert seen == {(PATTERNS[0], 0)}, "the pattern asked for should be noted for the programs file"


def test_a_pattern_without_a_stored_program_is_compiled_as_usual():
    seen: set = set()
    compile_ = regex_memo.compiling_from({}, _compiler.compile.compiles, seen)
    assert compile_(PATTERNS[1], 0) == re.compile(PATTERNS[1]), "a pattern the file lacks should compile as re compiles it"


def test_the_programs_file_round_trips_and_another_pythons_file_is_ignored(tmp_path):
    path = tmp_path / "programs.marshal"
    assert regex_memo.write_programs({(p, 0) for p in PATTERNS}, path) == len(PATTERNS)
    assert set(regex_memo.read_programs(path)) == {(p, 0) for p in PATTERNS}, "every written program should be read back"
    stored = marshal.loads(path.read_bytes())
    stored["stamp"] = ("2.7.18", *stored["stamp"][1:])
    path.write_bytes(marshal.dumps(stored))
    assert regex_memo.read_programs(path) == {}, "a file made by another Python should be ignored"
    path.write_bytes(b"\x00not marshal")
    assert regex_memo.read_programs(path) == {}, "an unreadable file should be ignored, not fail the command"
    assert regex_memo.read_programs(tmp_path / "missing") == {}, "no file: every pattern compiles as usual"


MISSES = """
import traceback
from pathlib import Path
from re import _compiler
import govkg.loaders.regex_memo as memo
root, compile_ = Path(memo.__file__).resolve().parents[1], _compiler.compile
misses = []
def spy(p, flags=0):
    if type(p) is str and (p, int(flags)) not in compile_.programs:
        frames = [Path(f.filename) for f in traceback.extract_stack()[:-1]]  # without this spy
        caller = next(f for f in reversed(frames) if f.parent.name != "re")  # who called re.compile
        if caller.resolve().is_relative_to(root) and ".venv" not in caller.parts:
            misses.append(p[:60])  # compiled by govkg's own code, not by a library's
    return compile_(p, flags)
_compiler.compile = spy
import govkg.cli, govkg.graph.corpus
from govkg.loaders.pipeline import extract_raw, sample_gazette
extract_raw([sample_gazette()])
print(misses)
"""


def test_setup_stores_every_pattern_govkg_compiles_to_read_the_sample():
    """`make setup` writes the file (tools/write_startup_files.py); a fresh process reading the
    sample compiles none of govkg's patterns itself. A library's pattern may differ from process
    to process (the standard tokenizer's is built from a set) and is not counted."""
    assert regex_memo.PROGRAMS.exists(), f"{regex_memo.PROGRAMS} missing: `make setup` writes it"
    out = subprocess.run([sys.executable, "-c", MISSES], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]", (f"govkg's patterns that the programs file lacks: {out} (a pattern changed since `make setup` "
                         "wrote the file? run it again; or a pattern whose text differs from process to process)")


def test_every_stored_program_builds_the_pattern_re_compiles():
    compile_ = _compiler.compile.compiles
    for (pattern, flags), stored in regex_memo.read_programs().items():
        assert _sre.compile(pattern, *stored) == compile_(pattern, flags), f"{pattern[:60]!r}: stale or wrong program"


def test_a_command_notes_no_patterns_only_the_setup_tool_does():
    assert _compiler.compile.seen is None, "the installed compiler should note nothing (a long run would collect data-built patterns)"
    before = _compiler.compile
    try:
        seen = regex_memo.record()
        re.compile(r"记录[\u4e00-\u9fff]测试")
        assert seen == {(r"记录[\u4e00-\u9fff]测试", 0)}, "recording should note the patterns compiled from then on"
    finally:
        _compiler.compile = before
