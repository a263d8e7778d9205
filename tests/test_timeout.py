"""A question or query that runs longer than --timeout is abandoned: QueryTimeout in the library,
one line and exit 2 from the CLI, and the process exits at once."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from govkg.queries.deadline import within
from tests.conftest import run_cli

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_cartesian_product_on_the_store_stops_at_the_timeout_and_the_process_exits(sample_store: Path) -> None:
    # in a process of its own: the abandoned query runs on until that process exits, which it must
    code = ("import sys; from pathlib import Path; from govkg.errors import QueryTimeout; "
            "from govkg.graph.store import open_store; from govkg.queries.deadline import within\n"
            f"store = open_store(Path({str(sample_store)!r}))\n"
            "try:\n"
            f"    within(1, lambda: list(store.query({CARTESIAN!r})), 'the query')\n"
            "except QueryTimeout as e:\n"
            "    print(e); sys.exit(2)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stdout.strip() == "the query ran longer than the 1 s timeout (--timeout to change it)", \
        f"QueryTimeout in one line, then the process exits; got {result.returncode}: {result.stdout!r} {result.stderr[-300:]!r}"


def test_what_the_work_raises_is_raised_to_the_caller() -> None:
    with pytest.raises(ZeroDivisionError):
        within(5, lambda: 1 / 0, "the division")


@pytest.fixture()
def silent_server():
    """A TCP port that accepts connections and never answers (a hung database server)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for s in held:
        s.close()
    server.close()


def test_an_ask_that_gets_no_answer_stops_at_the_timeout_with_one_line_and_exit_2(silent_server: int) -> None:
    result = run_cli("ask", "who-leads", "区财政局", "--backend", "neo4j", "--uri", f"bolt://127.0.0.1:{silent_server}",
                     "--password", "x", "--timeout", "1")
    assert result.returncode == 2, f"a timeout exits 2, got {result.returncode}: {result.stderr}"
    assert "1 s timeout" in result.stderr and len(result.stderr.strip().splitlines()) == 1, \
        f"one line naming the timeout, got: {result.stderr!r}"


def test_ask_takes_a_timeout_and_answers_within_it(sample_store: Path) -> None:
    result = run_cli("ask", "who-leads", "区财政局", "--store", str(sample_store), "--timeout", "30", "--json")
    assert result.returncode == 0 and '"answers"' in result.stdout, f"an answer within 30 s: {result.stderr}"
