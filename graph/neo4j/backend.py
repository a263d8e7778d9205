"""Neo4j over Bolt: the connection settings, clean errors, and the Backend for the named questions.

Connection from NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USERNAME (as cypher-shell names it; NEO4J_USER still read; default neo4j), NEO4J_PASSWORD and
NEO4J_DATABASE (neo4j); without NEO4J_PASSWORD the dev server's default password is tried. Explicit arguments (the CLI's flags) override the environment. The password
is never printed, logged or put into an error message.

Every driver failure leaves this module as one `BackendError` with one line for the user:
unreachable server, refused credentials, unknown database, a Cypher error, a refused write.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

import neo4j
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from govkg.errors import BackendError
from govkg.graph.cypher_guard import refuse_unless_read_only
from govkg.queries.backends import Row
from govkg.queries.catalog import columns, query_text

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEV_PASSWORD = "govkg-dev-password"  # the default of the dev/CI server (tools/neo4j); never for production
READ_QUERY_TYPES = ("r",)  # summary.query_type: r, w, rw, s (schema write)
COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set",
            "labels_added", "labels_removed", "indexes_added", "indexes_removed", "constraints_added",
            "constraints_removed")


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str = "neo4j"

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None) -> "Neo4jSettings":
        env = os.environ
        # An empty NEO4J_PASSWORD is the user's choice, not a reason to try the dev default.
        chosen = uri or env.get("NEO4J_URI") or DEFAULT_URI
        scheme = urlsplit(chosen).scheme.lower()
        if scheme not in URI_SCHEMES:
            raise BackendError(f"NEO4J_URI / --uri {_without_credentials(chosen)!r}: not a Bolt URI; "
                               f"use one of {', '.join(s + '://' for s in URI_SCHEMES)}")
        return cls(uri=chosen,
                   user=user or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or "neo4j",
                   password=password if password is not None else env.get("NEO4J_PASSWORD", DEV_PASSWORD),
                   database=database or env.get("NEO4J_DATABASE") or "neo4j")

    def where(self) -> str:
        return f"{_without_credentials(self.uri)} (user {self.user}, database {self.database})"


URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _without_credentials(uri: str) -> str:
    """The URI as it may be printed: any `user:password@` left out."""
    parts = urlsplit(uri)
    if "@" not in parts.netloc:
        return uri
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _first_line(text: object) -> str:
    lines = [ln.strip() for ln in str(text).splitlines() if ln.strip()]
    return lines[0] if lines else str(text)


def translate(e: Exception, settings: Neo4jSettings) -> BackendError:
    """A driver exception as one line for the user (never the password)."""
    if isinstance(e, AuthError):
        msg = (f"Neo4j at {_without_credentials(settings.uri)} refused the credentials of user {settings.user!r} "
               "(check NEO4J_USER / NEO4J_PASSWORD or --user / --password)")
    elif isinstance(e, ServiceUnavailable):
        msg = f"cannot reach Neo4j at {_without_credentials(settings.uri)} (is the server running? `make neo4j-up`)"
    elif isinstance(e, Neo4jError) and e.code == "Neo.ClientError.Database.DatabaseNotFound":
        msg = f"Neo4j at {_without_credentials(settings.uri)} has no database {settings.database!r} (check NEO4J_DATABASE / --database)"
    elif isinstance(e, Neo4jError) and e.code == "Neo.ClientError.Statement.AccessMode":
        msg = "refusing to write: the query writes to the graph; pass --write to allow it"
    elif isinstance(e, Neo4jError) and e.code and e.code.startswith("Neo.ClientError.Security"):
        msg = f"Neo4j at {_without_credentials(settings.uri)} refused user {settings.user!r}: {_first_line(e.message)}"
    elif isinstance(e, Neo4jError):
        msg = f"Neo4j error {e.code}: {_first_line(e.message)}"
    elif isinstance(e, (DriverError, OSError, ValueError)):
        msg = f"Neo4j at {_without_credentials(settings.uri)}: {_first_line(e)}"
    else:
        msg = f"Neo4j: {type(e).__name__}: {_first_line(e)}"
    for secret in (settings.password, urlsplit(settings.uri).password):
        if secret:
            msg = msg.replace(secret, "***")
    return BackendError(msg)


@contextmanager
def errors_as_backend_errors(settings: Neo4jSettings) -> Iterator[None]:
    try:
        yield
    except BackendError:
        raise
    except (Neo4jError, DriverError, OSError, ValueError) as e:
        raise translate(e, settings) from None


def connect(settings: Neo4jSettings) -> Driver:
    """A driver whose server, credentials and database have been checked; else BackendError."""
    with errors_as_backend_errors(settings):
        driver = GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                      notifications_min_severity="OFF", connection_timeout=5.0,
                                      max_transaction_retry_time=5.0, user_agent="govkg")
        try:
            with driver.session(database=settings.database, default_access_mode=neo4j.READ_ACCESS) as s:
                s.run("RETURN 1").consume()
        except BaseException:
            driver.close()
            raise
    return driver


def plain(value: Any) -> Any:
    """Driver values as JSON-ready Python: temporal -> ISO text, nodes/relationships -> dicts."""
    if isinstance(value, neo4j.graph.Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


class Neo4jBackend:
    """The `.cypher` twins of the named questions, in read transactions, parameters bound."""

    name = "neo4j"

    def __init__(self, driver: Driver, settings: Neo4jSettings):
        self.driver, self.settings = driver, settings

    @classmethod
    def from_env(cls, **overrides: str | None) -> "Neo4jBackend":
        settings = Neo4jSettings.from_env(**overrides)
        return cls(connect(settings), settings)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> "Neo4jBackend":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, text: str, params: dict[str, Any]) -> list[neo4j.Record]:
        with errors_as_backend_errors(self.settings):
            with self.driver.session(database=self.settings.database,
                                     default_access_mode=neo4j.READ_ACCESS) as session:
                return session.execute_read(lambda tx: list(tx.run(text, params)))

    def rows(self, query: str, params: dict[str, str]) -> list[Row]:
        cols = columns(query)
        return [{c: plain(record.get(c)) for c in cols} for record in self._read(query_text(query, "cypher"), params)]

    def run_cypher(self, text: str, params: dict[str, Any] | None = None,
                   write: bool = False) -> tuple[list[str], list[Row], dict[str, int]]:
        """A researcher's own Cypher -> (columns, rows, counters). Read-only unless write=True:
        the plan's query type is checked first, and the query runs in a READ transaction anyway."""
        params = params or {}
        with errors_as_backend_errors(self.settings):
            with self.driver.session(database=self.settings.database,
                                     default_access_mode=neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS) as s:
                if not write:
                    refuse_unless_read_only(text)  # LOAD CSV, TERMINATE, SHOW, CALL dbms.*: not graph writes
                if not write and not text.lstrip().upper().startswith(("EXPLAIN", "PROFILE")):
                    kind = s.run("EXPLAIN " + text, params).consume().query_type
                    if kind not in READ_QUERY_TYPES:
                        what = "changes the schema" if kind == "s" else "writes to the graph"
                        raise BackendError(f"refusing to run a query that {what} ({kind}); pass --write to allow it")

                def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[Row], dict[str, int]]:
                    result = tx.run(text, params)
                    keys = list(result.keys())
                    rows = [{k: plain(r.get(k)) for k in keys} for r in result]
                    counters = result.consume().counters
                    changed = {k: getattr(counters, k) for k in COUNTERS if getattr(counters, k)}
                    return keys, rows, changed

                return s.execute_write(work) if write else s.execute_read(work)
