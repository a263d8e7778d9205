"""The embedded store: a pyoxigraph on-disk store, written atomically.

A build writes a complete new store beside the target and swaps it in only when every quad is
written, so a failed build (bad input, full disk, Ctrl-C) leaves the previous store untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from pyoxigraph import Quad, Store

from govkg.errors import StoreError

DEFAULT_STORE = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "govkg" / "store"
MARKER = "GOVKG_STORE"


PROJECT_STORE = Path(".govkg") / "store"


def store_path(path: str | Path | None) -> Path:
    """--store, else $GOVKG_STORE, else ./.govkg/store when there is one (what `make demo` builds, so
    the README's examples work from the clone), else ~/.local/share/govkg/store."""
    if path:
        return Path(path)
    env = os.environ.get("GOVKG_STORE")
    if env:
        return Path(env)
    return PROJECT_STORE if (PROJECT_STORE / MARKER).exists() else DEFAULT_STORE


def write_store(path: Path, quads: list[Quad]) -> None:
    """Replace the store at `path` with exactly these quads, atomically."""
    path = path.absolute()
    if path.exists() and not (path / MARKER).exists() and any(path.iterdir()):
        raise StoreError(f"{path}: exists and is not a govkg store; refusing to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".govkg-build-", dir=path.parent))
    try:
        store = Store(str(staging / "oxigraph"))
        store.bulk_extend(quads)
        store.flush()
        del store
        (staging / MARKER).write_text("govkg oxigraph store\n", encoding="utf-8")
        old = None
        if path.exists():
            old = path.with_name(f".{path.name}.old-{os.getpid()}")
            path.rename(old)
        staging.rename(path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def open_store(path: Path, read_only: bool = True) -> Store:
    if not (path / MARKER).exists():
        raise StoreError(f"{path}: no govkg store here; run `govkg build --store {path}` first")
    try:
        return Store.read_only(str(path / "oxigraph")) if read_only else Store(str(path / "oxigraph"))
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store: {e}") from e
