"""Start-up: tables derived from shipped files, kept like bytecode.

Some readers derive a table from a file govkg ships, at first use in every process: the tasks
reader's lexicon of bigrams is counted from the sample gazette (~14 ms, an eighth of reading a
gazette cold, paid again by every `govkg add`), the layout reader's traditional -> simplified
table is parsed from its TSV (~2 ms). `make setup` stores such tables, computed, in
`loaders/data/derived-tables.marshal` (tools/write_startup_files.py), and `derived()` reads a
stored table instead of deriving it when the table was made from the very same source and the
same derivation: each is stamped with a digest of the source's bytes, the derivation's code and
the Python version. A stale, missing or unreadable file is not an error; the table is derived as
before (tests/test_tables.py holds stored and derived tables equal). Commands only read the file.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from typing import Any, Callable

STORED = Path(__file__).resolve().parent / "data" / "derived-tables.marshal"

_stored: dict[str, tuple[str, Any]] | None = None
_recording: dict[str, tuple[str, Any]] | None = None


def _stamp(source: bytes, derive: Callable[[str], Any]) -> str:
    """What a stored table is valid for: these source bytes, this derivation, this Python."""
    code = derive.__code__
    parts = [source, code.co_code, repr(code.co_names).encode(), sys.version.encode()]
    parts += [c.co_code for c in code.co_consts if hasattr(c, "co_code")]  # its comprehensions
    return hashlib.sha1(b"\x1f".join(parts)).hexdigest()


def _read(path: Path) -> dict[str, tuple[str, Any]]:
    try:
        stored = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return stored if isinstance(stored, dict) else {}


def derived(name: str, source: Path, derive: Callable[[str], Any]) -> Any:
    """`derive(source's text)`, read from the stored tables when one of this name was made from
    these bytes by this code. The table must be made of what marshal stores (dicts, strings, ints)."""
    global _stored
    data = source.read_bytes()
    stamp = _stamp(data, derive)
    if _stored is None:
        _stored = _read(STORED)
    kept = _stored.get(name)
    table = kept[1] if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == stamp else derive(data.decode("utf-8"))
    if _recording is not None:
        _recording[name] = (stamp, table)
    return table


def record() -> None:
    """Note every table derived() gives from now on in this process (tools/write_startup_files.py)."""
    global _recording
    _recording = {}


def write(path: Path = STORED) -> int:
    """Store the tables noted since record(); their number."""
    tables = _recording or {}
    path.write_bytes(marshal.dumps(tables))
    return len(tables)
