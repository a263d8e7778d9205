"""Per-process memos of the readers' pure functions of a line's text.

Gazettes print the same short lines again and again (running headers, labels, a roster row in
two lists), and several readers ask about the same line; a bounded memo answers those at once. A
long text (a flattened paragraph, a whole document) is read each time and never kept, so a memo's
memory is bounded by its entries times a short text, whatever the corpus.
"""

from __future__ import annotations

from functools import lru_cache, wraps
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def remembered_up_to(chars: int, entries: int, size: Callable[..., int] | None = None) -> Callable[[F], F]:
    """The function, remembered for calls whose `size` (default: the first argument's length) is
    at most `chars`, in a memo of at most `entries` calls. Its results must never be changed by a
    caller (tuples, strings, frozen facts): they are shared between calls."""
    def wrap(fn: F) -> F:
        remembered = lru_cache(maxsize=entries)(fn)

        if size is None and _one_argument(fn):  # the hot case (a line's text): no argument tuple packed and unpacked
            @wraps(fn)
            def call(text: Any) -> Any:
                return remembered(text) if len(text) <= chars else fn(text)
        elif size is None:  # no second call to measure the text
            @wraps(fn)
            def call(*args: Any) -> Any:
                return remembered(*args) if len(args[0]) <= chars else fn(*args)
        else:
            @wraps(fn)
            def call(*args: Any) -> Any:
                return remembered(*args) if size(*args) <= chars else fn(*args)
        call.cache_info = remembered.cache_info  # type: ignore[attr-defined]
        call.cache_clear = remembered.cache_clear  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]
    return wrap


def _one_argument(fn: Callable[..., Any]) -> bool:
    """Does `fn` take exactly one positional argument (no *args, **kwargs nor keyword-only ones)?"""
    code = getattr(fn, "__code__", None)
    return code is not None and code.co_argcount == 1 and code.co_kwonlyargcount == 0 \
        and not code.co_flags & (_VARARGS | _VARKEYWORDS)


_VARARGS, _VARKEYWORDS = 0x04, 0x08  # inspect.CO_VARARGS, inspect.CO_VARKEYWORDS (inspect is not imported for them)
