r"""Start-up: remember what Python's regex compiler derives from each character class.

The extractors compile ~320 patterns when a process starts, with ~1,200 character classes among
them, most of them the same Han range `[\u4e00-\u9fff]`. For every occurrence, `re`'s compiler
(`re._compiler._optimize_charset`) walks the 20,992 code points of that range one by one in Python
to build the same bitmap: ~0.1 ms each, ~0.06-0.08 s of every `govkg` command that reads text
(a tenth of `govkg add` of one gazette when it was written). The derivation is a pure function
of the class's items, so it is remembered here, per class (a few hundred distinct ones), for the
process.

Only case-sensitive classes are remembered (the case-folding path takes functions as arguments);
on a Python whose compiler does not have this function with this signature, nothing is changed.
A pattern compiles to the same program with or without the memo: tests/test_regex_memo.py
compares them.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

try:
    from re import _compiler  # type: ignore[attr-defined]  # Python 3.11+
except ImportError:  # pragma: no cover - older Pythons name it sre_compile
    _compiler = None  # type: ignore[assignment]

_EXPECTED = ["charset", "iscased", "fixup", "fixes"]


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


def install() -> bool:
    """Put the memo in front of the compiler's charset optimiser, once; whether it is in place."""
    derive = getattr(_compiler, "_optimize_charset", None) if _compiler is not None else None
    if derive is None:
        return False
    if hasattr(derive, "remembers"):
        return True
    try:
        if list(inspect.signature(derive).parameters) != _EXPECTED:
            return False
    except (TypeError, ValueError):
        return False
    _compiler._optimize_charset = remembering(derive)
    return True


install()
