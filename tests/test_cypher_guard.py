"""Read-only Cypher is really read-only: every hole found by probing is refused, reads pass."""

from __future__ import annotations

import pytest

from govkg.errors import BackendError
from govkg.graph.cypher_guard import refuse_unless_read_only

HOLES = [
    "LOAD CSV FROM 'file:///etc/shadow' AS r RETURN count(r)",
    "load csv from 'http://example.com/x' as r return r",
    "PROFILE LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "EXPLAIN LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW TRANSACTIONS",
    "SHOW USERS", "SHOW SETTINGS YIELD *",
    "CALL dbms.listConfig()", "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "CALL dbms.killQuery('q')", "CALL db.createLabel('X')", "CALL apoc.load.json('file:///etc/passwd')",
    "CALL/**/dbms.listConfig()", "CALL dbms . listConfig()",
    "CREATE (n)", "MATCH (n) DETACH DELETE n", "MATCH (n) SET n.x = 1", "MERGE (n:X)",
    "MATCH (n) REMOVE n:Body", "DROP CONSTRAINT c", "CREATE USER x SET PASSWORD 'p'",
    "GRANT ROLE admin TO x", "STOP DATABASE neo4j", "USE system SHOW USERS",
    "MATCH (n) CALL { WITH n SET n.x = 1 } IN TRANSACTIONS RETURN 1",
    "UNWIND [1] AS x FOREACH (i IN [1] | CREATE (:X))",
    "MATCH (n) RETURN n // comment\nLOAD CSV FROM 'file:///x' AS r RETURN r",
]
READS = [
    "MATCH (b:Body {name: $name})<-[h:HOLDS]-(p) RETURN p.name, h.title",
    "MATCH (n) WHERE n.name = 'LOAD CSV FROM file:///etc/shadow' RETURN n",
    "MATCH (n) RETURN n.name AS `SET`  // DELETE everything? no: a comment",
    "MATCH (n) /* CREATE */ RETURN count(n)",
    "CALL db.labels()", "CALL db.schema.visualization()",
    "MATCH (n) CALL { WITH n MATCH (n)--(m) RETURN count(m) AS c } RETURN n, c",
    "RETURN 'it''s', \"a \\\" b\"",
]


@pytest.mark.parametrize("query", HOLES)
def test_a_statement_that_is_more_than_a_read_is_refused(query: str) -> None:
    with pytest.raises(BackendError, match="refusing"):
        refuse_unless_read_only(query)


@pytest.mark.parametrize("query", READS)
def test_a_read_passes_even_when_its_data_looks_like_a_write(query: str) -> None:
    refuse_unless_read_only(query)


def test_the_guard_reads_a_huge_statement_in_one_pass() -> None:
    refuse_unless_read_only("RETURN " + "'" + "\\'" * 200000 + "'")
