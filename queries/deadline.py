"""Give up on a question or query after a number of seconds (`--timeout` of ask and sparql).

Why a thread and not the store's own limit: pyoxigraph has no timeout, and it releases Python's
lock while it evaluates, so the caller can stop waiting; the worker is a daemon thread, so the
process exits at once instead of finishing the abandoned query. The CLI exits right after
(exit 2, one line); a library caller gets QueryTimeout and the worker ends with its query.
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from govkg.errors import QueryTimeout

T = TypeVar("T")
DEFAULT_TIMEOUT = 30.0


def within(seconds: float | None, work: Callable[[], T], what: str) -> T:
    """work()'s result, or QueryTimeout naming `what` when it runs longer than `seconds` (None: no
    limit). An exception work() raises is raised here, as if it had been called directly."""
    if seconds is None:
        return work()
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["result"] = work()
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread as it is
            box["error"] = e

    worker = threading.Thread(target=run, name=f"govkg {what}", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise QueryTimeout(f"{what} ran longer than the {seconds:g} s timeout (--timeout to change it)")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]  # type: ignore[return-value]
