"""The Neo4j server as govkg runs it is safe against the holes found by probing it: every statement
that is more than a read is refused by `govkg cypher` without --write, and even with --write the
server itself will not read its files; the server does not run as root.

Under CI=true a missing server fails these tests; elsewhere they are skipped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from govkg.errors import BackendError
from govkg.graph.neo4j.backend import Neo4jBackend
from tests.conftest import run_cli
from tests.test_cypher_guard import HOLES
from tests.test_neo4j import loaded, neo4j_backend, neo4j_settings, sample_facts  # noqa: F401  (fixtures)

pytestmark = pytest.mark.neo4j

SERVER_PID_FILE = Path(os.environ.get("NEO4J_PID_FILE", Path(__file__).resolve().parents[1] / "tools" / "neo4j" / "neo4j.pid"))


@pytest.mark.parametrize("query", HOLES)
def test_the_live_server_is_never_sent_a_statement_that_is_more_than_a_read(query: str, neo4j_backend: Neo4jBackend) -> None:
    with pytest.raises(BackendError, match="refusing"):
        neo4j_backend.run_cypher(query, {}, write=False)


@pytest.mark.parametrize("query", [
    "LOAD CSV FROM 'file:///etc/shadow' AS r RETURN count(r)",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW TRANSACTIONS",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
])
def test_cli_cypher_refuses_the_holes_in_one_line_and_prints_no_rows(query: str, loaded: dict) -> None:
    r = run_cli("cypher", query, "--json")
    assert r.returncode == 2, f"{query!r}: expected exit 2, got {r.returncode}: {r.stderr}"
    printed = json.loads(r.stdout)
    assert list(printed) == ["error"] and "refusing" in printed["error"]["message"], f"{query!r}: rows were printed: {r.stdout[:200]}"
    assert "Traceback" not in r.stderr + r.stdout


@pytest.mark.parametrize("url", ["file:///etc/passwd", "file:///etc/shadow", "file:///proc/self/environ"])
def test_even_with_write_the_server_reads_none_of_its_files(url: str, loaded: dict) -> None:
    r = run_cli("cypher", f"LOAD CSV FROM '{url}' AS r RETURN count(r) AS n", "--write")
    assert r.returncode == 2, f"the server read {url}: exit {r.returncode}, {r.stdout[:200]}"
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr
    assert "root:" not in r.stdout + r.stderr


def test_the_server_does_not_run_as_root(neo4j_settings) -> None:  # noqa: F811
    if not SERVER_PID_FILE.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"under CI the server is the one `make neo4j-up` started; no pid file at {SERVER_PID_FILE}")
        pytest.skip(f"the server was not started by tools/neo4j/up.sh (no {SERVER_PID_FILE})")
    pid = SERVER_PID_FILE.read_text().strip()
    status = Path(f"/proc/{pid}/status").read_text()
    uid = next(line.split()[1] for line in status.splitlines() if line.startswith("Uid:"))
    assert uid != "0", f"the Neo4j server (pid {pid}) runs as root; up.sh drops to an unprivileged user"
