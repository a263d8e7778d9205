"""`govkg sparql` for researchers and `govkg serve`, a real SPARQL 1.1 Protocol endpoint."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import GOVKG, run_cli

MEMBERSHIPS = "SELECT ?member ?group ?role WHERE { ?m a org:Membership ; org:member/skos:prefLabel ?member ; " \
              "org:organization/skos:prefLabel ?group ; org:role/skos:prefLabel ?role }"


def sparql(store: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("sparql", *args, "--store", str(store))


def test_ask_prints_true_without_prefix_lines(sample_store: Path) -> None:
    result = sparql(sample_store, "ASK { ?m a org:Membership ; org:role ?r }")
    assert result.returncode == 0, result.stderr
    assert "true" in result.stdout


def test_ask_json_is_a_sparql_boolean_result(sample_store: Path) -> None:
    result = sparql(sample_store, "ASK { ?p a foaf:Person ; skos:prefLabel \"侯永强\"@zh }", "--json")
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}


def test_select_json_is_sparql_results_json(sample_store: Path, sample_facts_file: Path) -> None:
    result = sparql(sample_store, MEMBERSHIPS, "--json")
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["member", "group", "role"]
    members = sum(json.loads(line)["kind"] == "member" for line in sample_facts_file.read_text("utf-8").splitlines())
    assert len(data["results"]["bindings"]) == members, "every membership, found with W3C ORG terms alone"
    role = data["results"]["bindings"][0]["role"]
    assert role["type"] == "literal" and role["xml:lang"] == "zh"


def test_select_csv_and_tsv(sample_store: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(sparql(sample_store, MEMBERSHIPS, "--format", "csv").stdout)))
    assert rows and set(rows[0]) == {"member", "group", "role"}
    tsv = sparql(sample_store, MEMBERSHIPS, "--format", "tsv").stdout.splitlines()
    assert tsv[0] == "?member\t?group\t?role" and tsv[1].endswith('"@zh'), "TSV terms are N-Triples encoded"


def test_construct_and_describe_print_rdf(sample_store: Path) -> None:
    construct = sparql(sample_store, "CONSTRUCT { ?p org:headOf ?o } WHERE { ?p org:headOf ?o }")
    assert construct.returncode == 0 and "org:headOf" in construct.stdout, construct.stderr
    describe = sparql(sample_store, 'DESCRIBE ?p WHERE { ?p skos:prefLabel "任凯旋"@zh }', "--format", "table")
    assert describe.returncode == 0 and "任凯旋" in describe.stdout


@pytest.mark.parametrize("update", ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "PREFIX x: <urn:x:>\nDROP ALL",
                                    "# a comment\nCLEAR DEFAULT"])
def test_update_is_refused_in_one_line_with_exit_2(sample_store: Path, update: str) -> None:
    result = sparql(sample_store, update)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "read-only" in result.stderr


def test_service_is_refused_unless_allowed(sample_store: Path) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    refused = sparql(sample_store, query)
    assert refused.returncode == 2 and "--allow-service" in refused.stderr
    allowed = sparql(sample_store, query, "--allow-service")
    assert "--allow-service" not in allowed.stderr, "with --allow-service the query is tried"
    data_word = sparql(sample_store, 'SELECT * WHERE { ?s ?p "SERVICE" }')
    assert data_word.returncode == 0, "a string that reads SERVICE is data, not a keyword"


def test_a_long_query_stops_at_the_timeout(sample_store: Path) -> None:
    result = sparql(sample_store, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "--timeout", "1")
    assert result.returncode == 2 and "timeout" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, f"a timeout is one line on stderr, got: {result.stderr!r}"


def test_a_syntax_error_is_one_line_counted_in_the_users_text(sample_store: Path) -> None:
    result = sparql(sample_store, "SELECT ?x WHERE { ?x ?y }", "--json")
    assert result.returncode == 2
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 2 and "line 1" in error["message"], error


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(sample_store: Path, tmp_path_factory: pytest.TempPathFactory):
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    server = subprocess.Popen([*GOVKG, "serve", "--store", str(sample_store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2).read()
            break
        except (urllib.error.URLError, ConnectionError):
            assert server.poll() is None, f"govkg serve exited: {log.read_text('utf-8', 'replace')}"
            assert time.monotonic() < deadline, "govkg serve did not answer within 60 s"
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_serve_answers_a_sparql_protocol_query(endpoint: str, sample_facts_file: Path) -> None:
    query = ("PREFIX org: <http://www.w3.org/ns/org#> SELECT (COUNT(?m) AS ?n) WHERE { ?m a org:Membership ; "
             "org:member ?x ; org:organization ?g ; org:role ?r }")
    request = urllib.request.Request(endpoint + "/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    data = json.loads(urllib.request.urlopen(request, timeout=30).read())
    members = sum(json.loads(line)["kind"] == "member" for line in sample_facts_file.read_text("utf-8").splitlines())
    assert int(data["results"]["bindings"][0]["n"]["value"]) == members


def test_serve_is_read_only(endpoint: str) -> None:
    body = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(endpoint + "/update", data=body), timeout=30)
    assert refused.value.code in (403, 404, 405)


def test_serve_ships_yasgui_without_the_network(endpoint: str) -> None:
    page = urllib.request.urlopen(endpoint + "/", timeout=30).read().decode("utf-8")
    assert "yasgui" in page.lower() and "https://" not in page.split("<body>")[0], "scripts come from the server itself"
    script = urllib.request.urlopen(endpoint + "/yasgui.min.js", timeout=30).read()
    assert len(script) > 10000


def test_serve_on_a_taken_port_is_one_line_exit_2(sample_store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_cli("serve", "--store", str(sample_store), "--port", str(taken.getsockname()[1]))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "not free" in result.stderr
