"""Run a named question on a store and get rows of plain Python values.

Both backends return the same row shape (the columns of the .rq header; ints for `line`, bools
for flags, None when unbound), so the answers built on them can be compared for parity.
"""

from __future__ import annotations

import re
from typing import Protocol

from pyoxigraph import Literal, QueryResultsFormat, Store

from govkg.queries.catalog import columns, query_text

Row = dict[str, object]
XSD = "http://www.w3.org/2001/XMLSchema#"


class Backend(Protocol):
    name: str

    def rows(self, query: str, params: dict[str, str]) -> list[Row]: ...


def python_value(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt == XSD + "boolean":
            return term.value == "true"
        if dt == XSD + "integer":
            return int(term.value)
        return term.value
    return getattr(term, "value", str(term))


LABEL_PARAMS = {"name", "place"}  # labels and gk:place are @zh text


def bound_literal(param: str, value: str) -> Literal:
    """$name matches a skos:prefLabel, which carries @zh when Chinese (graph/standards.py);
    identifiers ($task, $in_doc: gk:taskNumber, gk:docNumber) are plain strings."""
    from govkg.graph.standards import text_literal
    return text_literal(value) if param in LABEL_PARAMS else Literal(value)


class OxigraphBackend:
    """SPARQL files over the embedded pyoxigraph store; a parameter enters only as an RDF term that
    pyoxigraph serialised (with_terms), never as text of the query."""

    name = "oxigraph"

    def __init__(self, store: Store):
        self.store = store

    def rows(self, query: str, params: dict[str, str]) -> list[Row]:
        text, keys = sorted_in_python(with_terms(query_text(query, "sparql"), params), columns(query))
        result = self.store.query(text)
        at = [v.value for v in result.variables]
        where = [(c, at.index(c)) for c in columns(query)]  # by position: solution["name"] looks a name up per cell
        rows = [{c: python_value(values[i]) for c, i in where} for values in map(tuple, result)]
        if keys:
            rows.sort(key=lambda r: tuple((r[k] is not None, r[k]) for k in keys))
        return rows


ORDER = re.compile(r"\bORDER\s+BY((?:\s+\?\w+)+)\s*$", re.I)


def sorted_in_python(text: str, cols: list[str]) -> tuple[str, list[str]]:
    """The query without a final `ORDER BY ?a ?b` over result columns, and those columns, for the
    rows to be sorted here the same way (unbound first, then by value: code points for text,
    numbers for `line`). Why: pyoxigraph compares strings by reading each one back from the
    store, which made ORDER BY half the time of a 300-row answer on a read-only store."""
    order = ORDER.search(text)
    keys = ORDER_VARIABLE.findall(order.group(1)) if order else []
    if not keys or not set(keys) <= set(cols):
        return text, []
    return text[:order.start()], keys  # type: ignore[union-attr]


ORDER_VARIABLE = re.compile(r"\?(\w+)")


PARAM = re.compile(r"\$(\w+)")
COMMENT = re.compile(r"^#[^\n]*", re.M)
WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def with_terms(text: str, params: dict[str, str]) -> str:
    """The query with each parameter written in as the RDF term it stands for: `$param` replaced
    by the term, and a parameter the query names only as `?param` given by `VALUES ?param {term}`
    at the head of its WHERE clause.

    Why not pyoxigraph's `substitutions`: it evaluates the pattern with the variable free and then
    keeps the matching rows (a store-wide scan for `?b skos:prefLabel ?name`), while a term in the
    pattern, or a VALUES row the pattern joins first, is an index lookup. The term is the
    library's own serialisation of a Literal (quotes, backslashes and newlines escaped), written in
    one pass over the text, so a value never reads as query syntax, not even as another `$param`."""
    terms = {k: str(bound_literal(k, v)) for k, v in params.items()}
    body = COMMENT.sub("", text)  # the header's `# parameters: $name` is not a use
    written = PARAM.sub(lambda m: terms.get(m.group(1), m.group(0)), body)
    values = "".join(f" VALUES ?{k} {{ {term} }}" for k, term in terms.items() if f"${k}" not in body)
    return WHERE.sub(lambda m: m.group(0) + values, written, count=1) if values else written


def run_sparql(store: Store, text: str) -> tuple[list[str], list[Row]] | bytes:
    """A researcher's own SPARQL: SELECT -> (columns, rows); CONSTRUCT/DESCRIBE -> N-Triples; ASK -> rows."""
    result = store.query(text)
    if isinstance(result, bool):
        return ["ask"], [{"ask": result}]
    if hasattr(result, "variables"):
        cols = [v.value for v in result.variables]
        return cols, [{c: python_value(s[c]) for c in cols} for s in result]
    from pyoxigraph import RdfFormat, serialize
    return serialize(result, format=RdfFormat.N_TRIPLES)


__all__ = ["Backend", "OxigraphBackend", "Row", "run_sparql", "QueryResultsFormat"]
