"""Is a researcher's Cypher read-only? A clause allow-list over the statement's own words.

The EXPLAIN plan's query type (r/w/rw/s) misses what is not a graph write: `LOAD CSV` reads the
server's files and fetches URLs, `TERMINATE TRANSACTIONS` kills other sessions' work, `SHOW ...`
lists them, `CALL dbms.*` administers the server. So, before any plan, the statement's words
(comments, strings and `quoted` names removed, so data never counts) must all be allowed.
"""

from __future__ import annotations

import re

from govkg.errors import BackendError

# Words of clauses that only read (plus the expression keywords used within them).
REFUSED = {
    "LOAD": "reads the server's files and URLs", "CSV": "reads the server's files and URLs",
    "TERMINATE": "stops other sessions' transactions", "SHOW": "lists the server's state",
    "CREATE": "writes", "MERGE": "writes", "DELETE": "writes", "DETACH": "writes", "SET": "writes",
    "REMOVE": "writes", "DROP": "changes the schema or server", "ALTER": "administers the server",
    "GRANT": "administers the server", "DENY": "administers the server", "REVOKE": "administers the server",
    "START": "administers the server", "STOP": "administers the server", "USE": "switches the database",
    "FOREACH": "writes", "TRANSACTIONS": "runs its own transactions", "ENABLE": "administers the server",
}
# Procedures a read-only query may CALL: the schema look-ups of Neo4j Browser.
READ_PROCEDURES = {"DB.LABELS", "DB.RELATIONSHIPTYPES", "DB.PROPERTYKEYS", "DB.SCHEMA.VISUALIZATION",
                   "DB.SCHEMA.NODETYPEPROPERTIES", "DB.SCHEMA.RELTYPEPROPERTIES"}
WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*(?:\s*\.\s*[A-Za-z_][A-Za-z_0-9]*)*")


SUBQUERY_STARTS = {"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "UNION"}


def words(text: str) -> list[str]:
    """The statement's words, upper-cased, outside comments, string literals and `quoted` names.

    One pass over the characters (linear), so no input can make the guard slow."""
    kept: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif c in "'\"`":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" and c != "`" else 1
            i = j + 1
        else:
            kept.append(c)
            i += 1
            continue
        kept.append(" ")  # what was skipped still separates words
    return [re.sub(r"\s+", "", w).upper() for w in WORD.findall("".join(kept))]


def refuse_unless_read_only(text: str) -> None:
    """Raise BackendError naming the first word that makes the statement more than a read."""
    ws = words(text)
    for k, w in enumerate(ws):
        if w in REFUSED:
            raise BackendError(f"refusing {w}: it {REFUSED[w]}; read-only Cypher allows it only with --write")
        nxt = ws[k + 1] if k + 1 < len(ws) else ""
        if w == "CALL" and nxt and nxt not in SUBQUERY_STARTS and nxt not in READ_PROCEDURES:
            raise BackendError(f"refusing CALL {nxt.lower()}: only schema look-ups "
                               f"({', '.join(sorted(p.lower() for p in READ_PROCEDURES))}) run without --write")
