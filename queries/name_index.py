"""The names users type, as a small sqlite index the build writes beside the store (`names.sqlite`).

Why: resolving a name used to load the whole name table (every entity's name and aliases) before
each question, ~1 s per CLI call on a large store, and suggesting close names compared the typed
text with every name. The index answers an exact name or an alias with one B-tree lookup and
finds the candidates for a close match through the characters they share with what was typed
(an inverted index), so the expensive similarity ratio runs on a handful of names, not all.

The rows are those of queries/names.rq (or names.cypher on Neo4j, where the index is built in
memory from them): the index decides nothing the table did not.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path
from typing import Iterable

from govkg.loaders.names import squash

FILE = "names.sqlite"

SCHEMA = """
CREATE TABLE names (type TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, alias INTEGER NOT NULL, place TEXT NOT NULL);
CREATE TABLE strings (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE, len INTEGER NOT NULL, chars INTEGER NOT NULL);
CREATE TABLE chars (ch TEXT NOT NULL, sid INTEGER NOT NULL, n INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX names_key ON names (key, type, alias);
CREATE INDEX names_type ON names (type, alias);
CREATE INDEX chars_ch ON chars (ch);
"""


class NameIndex:
    """Canonical names and aliases by type, looked up without reading them all."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    # -- building --------------------------------------------------------------------------
    @classmethod
    def from_rows(cls, rows: Iterable[dict]) -> "NameIndex":
        """An index in memory from rows of the `names` query (type, name, alias)."""
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(SCHEMA)
        index = cls(db)
        index._insert(_entries(rows), fresh_db=True)
        db.executescript(INDEXES)
        db.commit()
        return index

    @classmethod
    def grown(cls, earlier: Path, rows: Iterable[dict]) -> "NameIndex":
        """The index of `earlier` (a file a build wrote) with these rows added: what from_rows
        gives for the earlier rows and these (the same rows, looked up alike), at the cost of the
        new rows: an add in place grows its version's index instead of rebuilding it."""
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.deserialize(earlier.read_bytes())
        index = cls(db)
        index._insert(_entries(rows))
        db.commit()
        return index

    def _insert(self, entries: set[tuple[str, str, str, int, str]], fresh_db: bool = False) -> None:
        """Entries not yet held, and the strings (with their character postings) not yet held;
        each looked up by the indexes (an empty database, not indexed yet, holds none)."""
        has = self.db.execute
        fresh = sorted(entries) if fresh_db else sorted(e for e in entries if not has(
            "SELECT 1 FROM names WHERE key = ? AND type = ? AND alias = ? AND name = ? AND place = ?",
            (e[1], e[0], e[3], e[2], e[4])).fetchone())
        self.db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)", fresh)
        texts = sorted(t for t in {key for _, key, _, _, _ in fresh}
                       if fresh_db or not has("SELECT 1 FROM strings WHERE text = ?", (t,)).fetchone())
        first = self.db.execute("SELECT COALESCE(MAX(id) + 1, 0) FROM strings").fetchone()[0]
        self.db.executemany("INSERT INTO strings VALUES (?, ?, ?, ?)",
                            ((first + i, t, len(t), len(set(t))) for i, t in enumerate(texts)))
        self.db.executemany("INSERT INTO chars VALUES (?, ?, ?)",
                            ((ch, first + i, n) for i, t in enumerate(texts) for ch, n in Counter(t).items()))

    def to_bytes(self) -> bytes:
        """The index as a sqlite database file, for the store version to keep."""
        return self.db.serialize()

    @classmethod
    def open(cls, path: Path) -> "NameIndex":
        """The index a build wrote (read-only; the store version it belongs to never changes)."""
        return cls(sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False))

    # -- looking up ------------------------------------------------------------------------
    def rows(self) -> list[dict]:
        """Every entry as the `names` query gives it (type, name, alias or None, place)."""
        return [{"type": t, "name": n, "alias": k if a else None, "place": w} for t, k, n, a, w in self.db.execute(
            "SELECT type, key, name, alias, place FROM names ORDER BY alias, type, key, name, place")]

    def places(self, kind: str, name: str) -> list[str]:
        """The places of the entities of this kind whose canonical name this is ('' for none)."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT place FROM names WHERE key = ? AND type = ? AND alias = 0 ORDER BY place", (name, kind))]

    def is_canonical(self, kind: str, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM names WHERE key = ? AND type = ? AND alias = 0 LIMIT 1",
                               (name, kind)).fetchone() is not None

    def alias(self, kind: str, key: str) -> str | None:
        """The canonical name an alias (squashed) stands for, if it is one of this kind."""
        row = self.db.execute("SELECT min(name) FROM names WHERE key = ? AND type = ? AND alias = 1", (key, kind)).fetchone()
        return row[0] if row else None

    def canonical_names(self, kind: str) -> list[str]:
        """Every canonical name of a kind (the abbreviation matcher's corpus)."""
        return [r[0] for r in self.db.execute("SELECT name FROM names WHERE type = ? AND alias = 0 ORDER BY name", (kind,))]

    def keys(self, kind: str) -> list[str]:
        """Every canonical name and (squashed) alias of a kind."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT key FROM names WHERE type = ?", (kind,))]

    def first_keys(self, kinds: tuple[str, ...], n: int) -> list[str]:
        """The first n names and aliases of these kinds in code-point order."""
        marks = ", ".join("?" for _ in kinds)
        return [r[0] for r in self.db.execute(f"SELECT DISTINCT key FROM names WHERE type IN ({marks}) ORDER BY key LIMIT ?",
                                              (*kinds, n))]

    def sharing(self, text: str, kinds: tuple[str, ...], cutoff: float, with_length: bool = True) -> list[str]:
        """Names and aliases of these kinds that may be within `cutoff` of `text` by difflib's ratio,
        or that contain every character of `text`, or whose characters all are in it.

        A ratio is 2M/(a+b), M the characters matched, at most those the two share (counted with
        multiplicity): a name sharing fewer than cutoff x (a+b)/2 cannot reach the cutoff (cutoff x
        a/2 when the name will be compared by its tail only, `with_length=False`). The rest come
        from the characters' postings, counted by sqlite (a hair below the bound: no float rounding
        drops a name exactly at the cutoff); whatever shares no character with `text`
        is neither similar to it nor part of it."""
        counts = Counter(text)
        if not counts or not kinds:
            return []
        values = ", ".join("(?, ?)" for _ in counts)
        marks = ", ".join("?" for _ in kinds)
        length = "s.len" if with_length else "0"
        sql = (f"WITH q(ch, n) AS (VALUES {values}) "
               "SELECT s.text FROM q JOIN chars c ON c.ch = q.ch JOIN strings s ON s.id = c.sid "
               f"WHERE EXISTS (SELECT 1 FROM names WHERE key = s.text AND type IN ({marks})) GROUP BY s.id "
               f"HAVING 2 * SUM(MIN(c.n, q.n)) >= ? * (? + {length}) - 1e-9 OR COUNT(*) = ? OR COUNT(*) = s.chars")
        args = [x for ch, n in counts.items() for x in (ch, n)] + list(kinds) + [cutoff, len(text), len(counts)]
        return [r[0] for r in self.db.execute(sql, args)]


def _entries(rows: Iterable[dict]) -> set[tuple[str, str, str, int, str]]:
    """(type, key typed, canonical name, is an alias, place) for rows of the `names` query."""
    entries: set[tuple[str, str, str, int, str]] = set()
    for r in rows:
        where = r.get("place") or ""
        entries.add((r["type"], r["name"], r["name"], 0, where))
        if r["alias"]:
            entries.add((r["type"], squash(r["alias"]), r["name"], 1, where))
    return entries
