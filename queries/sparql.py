"""A researcher's own SPARQL on the embedded store: the usual prefixes pre-declared, read-only,
SERVICE only when asked for, a timeout, and every query form (ASK, SELECT, CONSTRUCT, DESCRIBE)
turned into one materialised result that the CLI prints as a table, SPARQL JSON, CSV or TSV.

Why read-only by text and not only by the store: a read-only store would reject an UPDATE with a
parser dump; we name the problem in one line instead (exit 2).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, Store, Triple

from govkg.errors import InputError
from govkg.graph.mapping import mapping
from govkg.queries.deadline import DEFAULT_TIMEOUT, within

PREFIXES: dict[str, str] = {
    **{k: v for k, v in mapping()["prefixes"].items() if k != "id"},
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
# comments, strings and IRIs are blanked before looking for keywords, so data never reads as one
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_DECLARATION = re.compile(r"\s*(?:PREFIX\s+[\w.-]*:\s*_|BASE\s+_)", re.I)


def prefix_header() -> str:
    """The prefixes every query may use without declaring them (id: for govkg's entity IRIs too)."""
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in {**PREFIXES, "id": mapping()["prefixes"]["id"]}.items())


def _keywords(text: str) -> str:
    """The query with comments blanked and every string and IRI reduced to `_`."""
    return _OPAQUE.sub(lambda m: " " if m.group(0).startswith("#") else "_", text)


def prepare(text: str, allow_service: bool = False) -> str:
    """The query to run: refused (InputError) if it is an UPDATE or calls SERVICE unallowed."""
    if not text.strip():
        raise InputError("SPARQL: the query is empty")
    bare = _keywords(text)
    head = bare
    while (declared := _DECLARATION.match(head)):
        head = head[declared.end():]
    head = head.lstrip()
    word = re.match(r"[A-Za-z]+", head)
    if word and word.group(0).upper() in UPDATE_WORDS:
        raise InputError(f"SPARQL: {word.group(0).upper()} is an UPDATE; govkg sparql and govkg serve are read-only "
                         "(rebuild with `govkg build` to change the store)")
    if not allow_service and re.search(r"\bSERVICE\b", bare, re.I):
        raise InputError("SPARQL: SERVICE (a federated query to another endpoint) is refused; pass --allow-service to allow it")
    return prefix_header() + text


@dataclass
class SparqlResult:
    """One query's whole answer, materialised (so it can be printed in any format)."""

    form: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, object]] = field(default_factory=list)  # pyoxigraph terms or None
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)


def _materialise(result: object) -> SparqlResult:
    if isinstance(result, (bool, QueryBoolean)):
        return SparqlResult("ask", ["ask"], boolean=bool(result))
    if hasattr(result, "variables"):
        names = [v.value for v in result.variables]  # type: ignore[attr-defined]
        return SparqlResult("select", names, [{c: s[c] for c in names} for s in result])  # type: ignore[union-attr]
    return SparqlResult("graph", ["subject", "predicate", "object"], triples=list(result))  # type: ignore[arg-type]


def run(store: Store, text: str, *, allow_service: bool = False, timeout: float | None = DEFAULT_TIMEOUT) -> SparqlResult:
    """Run a read-only query; InputError on a refused or malformed query, QueryTimeout when it
    runs longer than `timeout` seconds."""
    query = prepare(text, allow_service)

    def work() -> SparqlResult:
        try:
            return _materialise(store.query(query))
        except Exception as e:  # noqa: BLE001 - any engine error is the query's problem, reported in one line
            raise InputError(f"SPARQL: {_user_message(e)}") from None

    return within(timeout, work, "SPARQL: the query")


def _user_message(error: BaseException) -> str:
    """The engine's first line, with positions counted in the user's text (without our prefix lines)."""
    text = str(error).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    offset = prefix_header().count("\n")
    return re.sub(r"\b(\d+):(\d+)\b", lambda m: f"line {int(m.group(1)) - offset}, column {m.group(2)}"
                  if int(m.group(1)) > offset else m.group(0), first, count=1)


# -- printing -------------------------------------------------------------------------------
def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def to_sparql_json(r: SparqlResult) -> dict:
    """SPARQL 1.1 Query Results JSON; a graph result as the same bindings of subject/predicate/object."""
    if r.form == "ask":
        return {"head": {}, "boolean": r.boolean}
    rows = r.rows if r.form == "select" else [{"subject": t.subject, "predicate": t.predicate, "object": t.object} for t in r.triples]
    return {"head": {"vars": r.variables},
            "results": {"bindings": [{k: _json_term(v) for k, v in row.items() if v is not None} for row in rows]}}


def plain(term: object) -> str:
    """A term as a person reads it: the IRI, the literal's text."""
    return "" if term is None else getattr(term, "value", str(term))


def table_rows(r: SparqlResult) -> list[dict[str, str]]:
    if r.form == "ask":
        return [{"ask": "true" if r.boolean else "false"}]
    if r.form == "graph":
        return [{"subject": plain(t.subject), "predicate": plain(t.predicate), "object": plain(t.object)} for t in r.triples]
    return [{k: plain(v) for k, v in row.items()} for row in r.rows]


def to_delimited(r: SparqlResult, delimiter: str) -> str:
    """SPARQL CSV (plain values) or TSV (N-Triples encoded terms, `?var` header), per the spec."""
    buf = io.StringIO()
    if delimiter == ",":
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(r.variables)
        for row in table_rows(r):
            w.writerow([row.get(c, "") for c in r.variables])
        return buf.getvalue()
    lines = ["\t".join(f"?{v}" for v in r.variables)]
    if r.form == "ask":
        lines.append("true" if r.boolean else "false")
    rows = r.rows if r.form == "select" else [{"subject": t.subject, "predicate": t.predicate, "object": t.object} for t in r.triples]
    for row in rows:
        lines.append("\t".join("" if row.get(v) is None else str(row[v]) for v in r.variables))
    return "\n".join(lines) + "\n"
