"""The embedded store: a pyoxigraph on-disk store, written atomically.

A build writes a complete new version inside the store directory and switches to it by one rename
of a symlink only when every quad is written, so a failed or killed build (bad input, full disk,
Ctrl-C, kill -9) leaves the previous store answering; a lock makes concurrent builds queue.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Optional, Union

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


# Layout of a store directory: GOVKG_STORE (marker), CURRENT (a symlink naming the live version),
# v-<ns>/oxigraph (versions), .staging-* (builds under way), .lock (held by the one building).
# A build switches versions by one rename of a new symlink over CURRENT: a reader sees the old
# version or the new one, never neither, and keeps the version it opened.
CURRENT = "current"
KILL_ENV = "GOVKG_BUILD_KILL_AT"  # tests: exit at this step, as a kill -9 would
STEPS = ("locked", "staged", "versioned", "linked", "switched", "cleaned")


def _step(name: str) -> None:
    """A named point of a build; with $GOVKG_BUILD_KILL_AT=name the process dies right here."""
    if os.environ.get(KILL_ENV) == name:
        os._exit(137)


def _prepare(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store directory")
    if path.exists() and not (path / MARKER).exists() and any(path.iterdir()):
        raise StoreError(f"{path}: exists and is not a govkg store; refusing to overwrite it")
    try:
        path.mkdir(parents=True, exist_ok=True)
        (path / MARKER).write_text("govkg oxigraph store\n", encoding="utf-8")
    except OSError as e:
        raise StoreError(f"{path}: cannot create the store: {e.strerror or e}") from None


def _remove_unread(version: Path) -> None:
    """Remove an old version unless a reader holds its lease (then a later build removes it). The
    version is renamed away while we hold its lock, so a reader that read the old link finds it gone
    and reads the link again, instead of opening a directory whose files are being deleted."""
    try:
        fd = os.open(version, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a reader is using it
        trash = version.with_name(f".trash-{version.name}")
        try:
            version.rename(trash)
        except OSError:
            return
        shutil.rmtree(trash, ignore_errors=True)
    finally:
        os.close(fd)


def _clean(path: Path, keep: set[str]) -> None:
    """Remove staging leftovers and versions no one reads any more (held under the build lock)."""
    for child in path.iterdir():
        if child.name.startswith((".staging-", ".current-", ".trash-")):
            if child.is_symlink() or child.is_file():
                child.unlink(missing_ok=True)
            else:
                shutil.rmtree(child, ignore_errors=True)
        elif child.name.startswith("v-") and child.name not in keep and child.is_dir():
            _remove_unread(child)
    if (path / "oxigraph").is_dir() and (path / CURRENT).is_symlink():
        shutil.rmtree(path / "oxigraph", ignore_errors=True)  # the one-directory layout of older builds


# a file's content: text, bytes, a function of the written store giving them (an index made from
# it), a Path (a file of an earlier version, linked: immutable, like the table files), or an
# iterator of text, written as it comes
VersionFile = Union[str, bytes, Path, Callable[[Store], Union[str, bytes]], Iterator[str]]


BULK_CHUNK = 50_000  # quads per bulk load: RocksDB's bulk loader sorts a whole call in memory


def write_store(path: Path, quads: Iterable[Quad],
                files: dict[str, VersionFile] | Callable[[int], dict[str, VersionFile]] | None = None) -> int:
    """Replace the store at `path` with exactly these quads, atomically; concurrent builds queue;
    the number of quads stored. `files` (name -> VersionFile; or a function of the number of quads
    giving those) are written into the same version and switched in with the quads. The quads may
    be a stream: they are loaded in chunks, so memory is bounded by a chunk, not by the corpus."""
    count = 0

    def fill(staging: Path, previous: Path | None) -> Store:
        nonlocal count
        store = Store(str(staging / "oxigraph"))
        stream = iter(quads)
        while chunk := list(islice(stream, BULK_CHUNK)):
            store.bulk_extend(chunk)
        store.flush()
        count = len(store)
        return store
    _publish(path, fill, (lambda: files(count)) if callable(files) else files)
    return count


def _link_version(version: Path, target: Path) -> None:
    """Make `target` a store holding what the store at `version` holds: its table files linked
    (RocksDB never rewrites an .sst), its other files copied."""
    target.mkdir()
    for part in version.iterdir():
        if part.name == "LOCK" or part.name.startswith("LOG"):
            continue  # the lock is the open store's, the LOG files are RocksDB's diary
        if part.suffix == ".sst":
            os.link(part, target / part.name)
        else:
            shutil.copy2(part, target / part.name)


class _Declined(Exception):
    """quads() of extend_store said no: nothing is written."""


def extend_store(path: Path, base: Path, quads: Callable[[], tuple[list[Quad], set[Any]] | None],
                 files: Callable[[int, set[Any], list[Quad]], dict[str, VersionFile]] | None = None) -> int | None:
    """A new version holding the live version's quads plus new ones, atomically; the number of
    quads it did not hold already. `quads()` gives the new quads and the subjects among them the
    caller knows the store cannot hold (those are not looked up), or None when the caller's checks
    say the store must be rewritten: then nothing is written and None is returned. `files` is
    given the count, the subjects of the new quads that the live version held already (of the
    others, every quad is among the new: what a caller needs of them is in its hands, not only in
    the store) and the new quads, to make the version's other files. The live version's table files are immutable, so the
    new version links them instead of copying: the cost is that of the new quads, not of the store.
    Opening the copy is native work that lets go of the interpreter (~15 ms at ten gazettes), so
    it runs in a thread while `quads()` checks and makes the quads. `base` is the version the caller
    read (store_file(...).parent): if another build switched versions meanwhile, nothing is written
    and the error says to run again."""
    fresh = 0
    held: set[Any] = set()
    made: list[Quad] = []

    def fill(staging: Path, previous: Path | None) -> Store:
        nonlocal fresh
        if previous is None or previous.resolve() != base.resolve():
            raise StoreError(f"{path}: another build changed the store while this one read it; run it again")
        target = staging / "oxigraph"
        # linked here, not in the thread: there each file call would wait for the interpreter
        _link_version(previous / "oxigraph", target)
        opened: dict[str, Any] = {}

        def open_copy() -> None:
            try:
                opened["store"] = Store(str(target))
            except BaseException as e:  # raised again below, in the caller's thread
                opened["error"] = e
        opening = threading.Thread(target=open_copy, name="govkg-open-copy")
        opening.start()
        try:
            given = quads()
        except BaseException:
            opening.join()
            opened.clear()  # the copy closes before its directory is removed
            raise
        opening.join()
        if "error" in opened:
            raise opened["error"]
        store = opened.pop("store")
        if given is None:
            del store  # closed before the staging directory is removed
            raise _Declined
        made.extend(given[0])
        unique = list(dict.fromkeys(made))
        # one seek per subject not known to be new (a new document's quads are mostly of entities
        # the store has never seen), then one per quad only of the subjects it holds
        held.update(s for s in {q.subject for q in unique} - given[1]
                    if next(store.quads_for_pattern(s, None, None), None) is not None)
        new = [q for q in unique if q.subject not in held or q not in store]
        # the bulk loader writes table files of its own beside the linked ones: no write-ahead log
        # to copy and replay at the next add (a transactional extend left megabytes of it)
        store.bulk_extend(new)
        store.flush()
        fresh = len(new)
        return store
    try:
        _publish(path, fill, lambda: files(fresh, held, made) if files else {})
    except _Declined:
        return None
    return fresh


def _write_files(staging: Path, files: dict[str, VersionFile], staged: Store) -> None:
    """The version's other files; one made from the store (the name index) reads the staged store
    fill() wrote, still open (opening a RocksDB store again costs tens of milliseconds)."""
    for name, content in files.items():
        if isinstance(content, Path):
            os.link(content, staging / name)
            continue
        if isinstance(content, Iterator):
            with open(staging / name, "w", encoding="utf-8") as out:
                out.writelines(content)
            continue
        data = content(staged) if callable(content) else content  # type: ignore[arg-type]
        (staging / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def _publish(path: Path, fill: Callable[[Path, Optional[Path]], Store],
             files: dict[str, VersionFile] | Callable[[], dict[str, VersionFile]] | None) -> None:
    """Stage a new version (fill(staging, previous version) writes its oxigraph store), then switch
    to it by one rename; under the build lock, so concurrent builds queue."""
    path = path.absolute()
    _prepare(path)
    with open(path / ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second build waits here for the first to finish
        _step("locked")
        if (path / CURRENT).is_dir() and not (path / CURRENT).is_symlink():
            # a store copied without its symlink: make its copy of `current` a version of its own
            copied = f"v-{time.time_ns()}-copied"
            (path / CURRENT).rename(path / copied)
            (path / CURRENT).symlink_to(copied)
        previous = os.readlink(path / CURRENT) if (path / CURRENT).is_symlink() else None
        _clean(path, keep={previous} if previous else set())
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=path))
        try:
            staged = fill(staging, path / previous if previous else None)
            _write_files(staging, (files() if callable(files) else files) or {}, staged)
            del staged  # closed before the version is renamed into place
            _step("staged")
            version = f"v-{time.time_ns()}"
            staging.rename(path / version)
            _step("versioned")
            link = path / f".current-{os.getpid()}"
            link.unlink(missing_ok=True)
            link.symlink_to(version)
            _step("linked")
            os.replace(link, path / CURRENT)  # the switch: one rename
            _step("switched")
            # keep the version just replaced: a reader that opened it keeps reading it
            _clean(path, keep={version, previous} if previous else {version})
            _step("cleaned")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


def _live(path: Path) -> Path:
    """The oxigraph directory of the live version (older builds: path/oxigraph)."""
    return store_file(path, "oxigraph")


def store_file(path: Path, name: str) -> Path:
    """A file or directory of the live version of the store at `path` (older builds: path/name)."""
    current = path / CURRENT
    if current.is_symlink():
        return path / os.readlink(current) / name  # read once: the version stays put for this reader
    if current.is_dir():
        return current / name  # a copy made without keeping symlinks (shutil.copytree)
    return path / name


def _recover(path: Path) -> None:
    """A store that older builds left between their two renames: put the stranded copy back."""
    if path.exists():
        return
    stranded = sorted(path.parent.glob(f".{path.name}.old-*")) if path.parent.is_dir() else []
    for old in stranded:
        if (old / MARKER).exists():
            try:
                old.rename(path)
            except OSError:
                continue
            return


# Leases on the versions this process opened: a shared lock on the version directory, held until the
# process ends (pyoxigraph stores cannot carry a finalizer), so no build removes files under a reader.
_LEASES: dict[Path, int] = {}


def _lease(version: Path) -> bool:
    """Take a shared lock on a version directory and check it is still the one the link named (a
    build may have renamed it away between our reading the link and locking it)."""
    if version in _LEASES:
        return True
    try:
        fd = os.open(version, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    fcntl.flock(fd, fcntl.LOCK_SH)  # waits while a build is removing this very version
    try:
        same = os.stat(version).st_ino == os.fstat(fd).st_ino
    except OSError:
        same = False
    if not same:
        os.close(fd)
        return False
    _LEASES[version] = fd
    return True


def open_store(path: Path, read_only: bool = True) -> Store:
    """Open the live version under a lease; the symlink is read once, so a later build does not move
    us. A version removed between reading the link and leasing it means: read the link again."""
    return open_version(path, read_only)[0]


def open_version(path: Path, read_only: bool = True) -> tuple[Store, Path]:
    """open_store, and the directory of the version opened, whose other files (the name index)
    belong to exactly this store."""
    _recover(path)
    for _ in range(10):
        live = _live(path) if path.is_dir() else path
        if not (path / MARKER).exists() or not (live.is_dir() or (path / CURRENT).is_symlink()):
            raise StoreError(f"{path}: no govkg store here; run `govkg build --store {path}` first")
        versioned = (path / CURRENT).is_symlink() and live.parent.name.startswith("v-")
        if versioned and not _lease(live.parent):
            continue
        try:
            return (Store.read_only(str(live)) if read_only else Store(str(live))), live.parent
        except (OSError, RuntimeError) as e:  # RocksDB reports a damaged store as RuntimeError
            if _live(path) == live:
                raise StoreError(f"{path}: cannot open the store: {' '.join(str(e).split())}") from e
    raise StoreError(f"{path}: the store changed under us ten times while opening; try again")
