r"""Start-up: remember what Python's regex compiler derives, across processes and within one.

Two memos, both pure functions of the pattern's text, so a pattern compiles to the same program
with or without them (tests/test_regex_memo.py compares them):

1. The compiled programs, kept in a file like bytecode (`loaders/data/regex-programs.marshal`,
   written by `make setup`, tools/write_startup_files.py). `re` compiles a pattern in Python
   (parse, then code generation): the ~310 patterns of the readers took ~45 ms of every command
   that reads text, an eighth of `govkg add` of one gazette. With the file, a pattern it holds is
   built from its stored program by `_sre.compile`, as `re` itself does last (~2 ms in all). The
   file is only read, never written by a command (read-only commands write nothing); it holds the
   Python version and `_sre`'s magic number it was made with, and a file of another Python, or
   one that cannot be read, is ignored, as is a pattern it does not hold: those compile as usual.
2. The charset memo, for the patterns compiled as usual. The readers' patterns hold ~1,200
character classes, most of them the same Han range `[\u4e00-\u9fff]`. For every occurrence, `re`'s compiler
(`re._compiler._optimize_charset`) walks the 20,992 code points of that range one by one in Python
to build the same bitmap: ~0.1 ms each, ~0.06-0.08 s of every `govkg` command that reads text
(a tenth of `govkg add` of one gazette when it was written). The derivation is a pure function
of the class's items, so it is remembered here, per class (a few hundred distinct ones), for the
process.
   Only case-sensitive classes are remembered (the case-folding path takes functions as arguments).

On a Python whose compiler does not have these functions with these signatures, nothing is changed.
"""

from __future__ import annotations

import inspect
import marshal
import os
import sys
from pathlib import Path
from typing import Any, Callable

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]  # Python 3.11+
except ImportError:  # pragma: no cover - older Pythons name them sre_compile, sre_parse
    _compiler = _parser = None  # type: ignore[assignment]

_EXPECTED = ["charset", "iscased", "fixup", "fixes"]
PROGRAMS = Path(__file__).resolve().parent / "data" / "regex-programs.marshal"
Program = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]  # _sre.compile's arguments after the pattern


def _hashable(items: list[tuple[Any, Any]]) -> tuple:
    return tuple((op, tuple(av) if isinstance(av, list) else av) for op, av in items)


def remembering(derive: Callable) -> Callable:
    """`derive` (the compiler's charset optimiser) with a memo for case-sensitive classes; the
    result's list is copied on every call, so no caller can change what is remembered."""
    memo: dict[tuple, tuple[list, bool]] = {}

    def optimize_charset(charset, iscased=None, fixup=None, fixes=None):  # type: ignore[no-untyped-def]
        if fixup is not None or fixes is not None:
            return derive(charset, iscased, fixup, fixes)
        try:
            key = _hashable(charset)
        except TypeError:  # an item the compiler's future versions may make unhashable
            return derive(charset, iscased, fixup, fixes)
        known = memo.get(key)
        if known is None:
            known = memo[key] = derive(charset, iscased, fixup, fixes)
        return list(known[0]), known[1]

    optimize_charset.remembers = derive  # type: ignore[attr-defined]
    return optimize_charset


def _stamp() -> tuple:
    """What a stored program is valid for: this Python and its regex engine's format."""
    return (sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)


def program(pattern: str, flags: int) -> Program:
    """What `re._compiler.compile` hands `_sre.compile` for this pattern: its own steps, in plain
    ints (the opcodes are int subclasses, which marshal does not store)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, dict(groupindex), tuple(indexgroup)


def read_programs(path: Path = PROGRAMS) -> dict[tuple[str, int], Program]:
    """The stored programs, or none when the file is missing, unreadable or of another Python."""
    try:
        stored = marshal.loads(path.read_bytes())
        if stored["stamp"] == _stamp():
            return stored["programs"]
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass
    return {}


def write_programs(keys: set[tuple[str, int]], path: Path = PROGRAMS) -> int:
    """Store the programs of these patterns, computed afresh (never copied from a file read),
    atomically; how many. For `make setup`, not for commands."""
    programs = {key: program(*key) for key in sorted(keys)}
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    staging.write_bytes(marshal.dumps({"stamp": _stamp(), "programs": programs}))
    os.replace(staging, path)
    return len(programs)


def compiling_from(programs: dict[tuple[str, int], Program], compile_: Callable, seen: set | None = None) -> Callable:
    """`compile_` (re's compiler) answering from stored programs; with `seen`, every text pattern
    asked for is noted in it (what tools/write_startup_files.py stores; a command notes nothing,
    so a long-running one does not collect the patterns it builds from data)."""
    debug = _compiler.SRE_FLAG_DEBUG

    def compile(p, flags=0):  # type: ignore[no-untyped-def]
        if type(p) is str and not flags & debug:
            key = (p, int(flags))
            if seen is not None:
                seen.add(key)
            stored = programs.get(key)
            if stored is not None:
                return _sre.compile(p, *stored)
        return compile_(p, flags)

    compile.compiles = compile_  # type: ignore[attr-defined]
    compile.programs = programs  # type: ignore[attr-defined]
    compile.seen = seen  # type: ignore[attr-defined]
    return compile


def install(path: Path = PROGRAMS) -> bool:
    """Put both memos in front of the compiler, once; whether they are in place."""
    if _compiler is None:
        return False
    derive = getattr(_compiler, "_optimize_charset", None)
    compile_ = getattr(_compiler, "compile", None)
    if derive is None or compile_ is None or not hasattr(_sre, "compile"):
        return False
    if hasattr(derive, "remembers") and hasattr(compile_, "compiles"):
        return True
    try:
        if list(inspect.signature(derive).parameters) != _EXPECTED:
            return False
        if list(inspect.signature(compile_).parameters) != ["p", "flags"]:
            return False
    except (TypeError, ValueError):
        return False
    _compiler._optimize_charset = remembering(derive)
    _compiler.compile = compiling_from(read_programs(path), compile_)
    return True


def record() -> set[tuple[str, int]] | None:
    """From now on, note every text pattern compiled (the set returned); None where the memo is
    not in place. For tools/write_startup_files.py."""
    current = getattr(_compiler, "compile", None) if _compiler is not None else None
    if not hasattr(current, "compiles"):
        return None
    seen: set[tuple[str, int]] = set()
    _compiler.compile = compiling_from(current.programs, current.compiles, seen)
    return seen


install()
