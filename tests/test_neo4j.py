"""Neo4j against the real server (`make neo4j-up`): idempotent loads, every .cypher EXPLAINs,
every question gives the same answer as on the embedded store, and the CLI's Neo4j commands.

Under CI=true a missing server fails these tests; elsewhere they are skipped.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Iterator

import pytest

from govkg.errors import BackendError, UnknownNameError
from govkg.graph.neo4j.backend import Neo4jBackend, Neo4jSettings, connect
from govkg.graph.neo4j.load import BATCH_STATEMENTS, ENDS_BY_KEY, counts, load_facts, load_facts_per_row, wipe
from govkg.graph.store import open_store
from govkg.graph.rdf import aliases_from_store, facts_from_store
from govkg.ontology.facts import FactBase
from govkg.queries.answers import Questions
from govkg.queries.backends import OxigraphBackend
from govkg.queries.catalog import columns, names, query_text
from tests.conftest import run_cli

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="session")
def neo4j_settings() -> Neo4jSettings:
    settings = Neo4jSettings.from_env()
    try:
        connect(settings).close()
    except BackendError as e:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Neo4j is required under CI=true: {e}")
        pytest.skip(f"no Neo4j server ({e}); start one with `make neo4j-up`")
    return settings


@pytest.fixture(scope="session")
def sample_facts(sample_store: Path) -> tuple[list[FactBase], list[dict]]:
    """The facts and aliases of the embedded sample store: both stores hold exactly the same facts."""
    store = open_store(sample_store)
    return facts_from_store(store), aliases_from_store(store)


@pytest.fixture(scope="session")
def loaded(neo4j_settings: Neo4jSettings, sample_facts: tuple[list[FactBase], list[dict]]) -> Iterator[dict]:
    """The sample gazette loaded twice into a wiped database; the counts after each load."""
    driver = connect(neo4j_settings)
    db = neo4j_settings.database
    wipe(driver, db)
    facts, aliases = sample_facts
    first = load_facts(driver, facts, aliases, database=db)
    second = load_facts(driver, facts, aliases, database=db, batch_size=37)
    yield {"first": first, "second": second, "driver": driver, "database": db}
    driver.close()


@pytest.fixture(scope="session")
def neo4j_backend(loaded: dict, neo4j_settings: Neo4jSettings) -> Iterator[Neo4jBackend]:
    backend = Neo4jBackend(connect(neo4j_settings), neo4j_settings)
    yield backend
    backend.close()


def test_loading_twice_changes_no_count(loaded: dict, sample_facts: tuple[list[FactBase], list[dict]]) -> None:
    facts = sample_facts[0]
    first, second = loaded["first"], loaded["second"]
    assert first.nodes > 0 and first.relationships > 0
    assert (first.nodes, first.relationships, first.labels, first.types) == \
        (second.nodes, second.relationships, second.labels, second.types), "a second load must MERGE, not add"
    posts = sum(1 for f in facts if f.kind == "post")
    assert first.types["HOLDS"] == posts, "one HOLDS relationship per post fact"
    assert first.labels["Document"] == len({f.doc for f in facts})


def test_every_relationship_has_provenance(loaded: dict) -> None:
    with loaded["driver"].session() as s:
        # IN (a task in its document) and IN_PLACE (an entity in its jurisdiction) are structure, not facts
        missing = s.run("MATCH ()-[r]->() WHERE NOT type(r) IN ['IN', 'IN_PLACE'] AND (r.doc IS NULL OR r.line IS NULL) "
                        "RETURN type(r) AS t, count(*) AS c").data()
    assert missing == [], f"relationships without doc/line: {missing}"


def operators(plan: dict) -> set[str]:
    return {plan["operatorType"].split("@")[0], *(op for child in plan.get("children", []) for op in operators(child))}


def test_a_batch_finds_relationship_ends_by_element_id_not_by_index(loaded: dict) -> None:
    with loaded["driver"].session() as s:
        for name, cypher in BATCH_STATEMENTS:
            if name in ENDS_BY_KEY:
                ops = operators(s.run("EXPLAIN " + cypher, rows=[]).consume().plan)
                assert "NodeByElementIdSeek" in ops and not any("IndexSeek" in op for op in ops), \
                    f"{name}: the ends should be found by the element ids the node statements returned, not by index: {ops}"


def test_the_batched_load_writes_the_graph_of_the_per_row_load(neo4j_settings: Neo4jSettings, sample_facts) -> None:
    driver = connect(neo4j_settings)
    db = neo4j_settings.database
    facts, aliases = sample_facts
    try:
        wipe(driver, db)
        per_row = load_facts_per_row(driver, facts, aliases, database=db)
        shape = graph_shape(driver, db)
        wipe(driver, db)
        batched = load_facts(driver, facts, aliases, database=db, batch_size=200)
        assert (batched.labels, batched.types) == (per_row.labels, per_row.types), "the same nodes and relationships per label/type"
        assert graph_shape(driver, db) == shape, "the same properties on every label and relationship type"
    finally:
        wipe(driver, db)
        load_facts(driver, facts, aliases, database=db)  # the session's `loaded` graph again
        driver.close()


def graph_shape(driver, db: str) -> list:
    """Per label and per relationship type: how many, and how many properties they carry in all."""
    with driver.session(database=db) as s:
        return [*[tuple(r) for r in s.run("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*), sum(size(keys(n))) ORDER BY l")],
                *[tuple(r) for r in s.run("MATCH ()-[r]->() RETURN type(r), count(*), sum(size(keys(r))) ORDER BY type(r)")]]


def test_aliases_land_on_bodies(neo4j_backend: Neo4jBackend) -> None:
    cols, rows, _ = neo4j_backend.run_cypher("MATCH (b:Body {name: '区工信和科技局'}) RETURN b.aliases AS a")
    assert "区工科局" in rows[0]["a"]


@pytest.mark.parametrize("name", names())
def test_every_cypher_explains_with_the_rq_columns(name: str, neo4j_backend: Neo4jBackend) -> None:
    text = query_text(name, "cypher")
    header = re.search(r"^//\s*columns:\s*(.+(?:\n//\s{2,}.+)*)", text, re.M)
    assert header, f"queries/{name}.cypher has no '// columns:' header"
    declared = [c.strip() for c in re.sub(r"\([^)]*\)", "", header.group(1).replace("\n//", " ")).split(",") if c.strip()]
    assert declared == columns(name), f"{name}.cypher declares {declared}, {name}.rq {columns(name)}"
    assert re.search(r"^//\s*parameters:", text, re.M), f"{name}.cypher has no '// parameters:' header"
    params = {p: "" for p in re.findall(r"\$(\w+)", text)}
    with neo4j_backend.driver.session(database=neo4j_backend.settings.database) as s:
        result = s.run("EXPLAIN " + text, params)
        keys = result.keys()
        assert result.consume().query_type == "r", f"{name}.cypher must be read-only"
    assert list(keys) == columns(name), f"{name}.cypher returns {keys}"


def _answer(q: Questions, method: str, *args: str) -> object:
    try:
        return getattr(q, method)(*args)
    except UnknownNameError as e:
        return {"error": str(e)}


def test_parity_every_question_every_name(sample_store: Path, neo4j_backend: Neo4jBackend) -> None:
    """The same answer from both stores, for every body, group, person and task of the sample."""
    ox = OxigraphBackend(open_store(sample_store))
    key = lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True)  # noqa: E731
    assert sorted(map(key, ox.rows("names", {}))) == sorted(map(key, neo4j_backend.rows("names", {})))
    by_type: dict[str, set[str]] = {}
    for r in ox.rows("names", {}):
        by_type.setdefault(r["type"], set()).add(r["name"])
    qo, qn = Questions(ox), Questions(neo4j_backend)
    plan = [("who_leads", "Body"), ("who_leads", "Group"), ("members", "Group"), ("tasks", "Body"),
            ("duties", "Body"), ("person", "Person")]
    checked, diffs = 0, []
    for method, kind in plan:
        for name in sorted(by_type.get(kind, ())):
            a, b = _answer(qo, method, name), _answer(qn, method, name)
            checked += 1
            if key(a) != key(b):
                diffs.append(f"{method}({name}):\n  oxigraph {key(a)[:300]}\n  neo4j    {key(b)[:300]}")
    tasks = ox.store.query("PREFIX gk: <https://w3id.org/govkg/ontology#> "
                           "SELECT DISTINCT ?task ?doc WHERE { ?t gk:taskNumber ?task ; gk:inDocument/gk:docNumber ?doc }")
    for row in tasks:
        task, doc = row["task"].value, row["doc"].value
        for args in ((task, doc), (task,)):
            a, b = _answer(qo, "responsible", *args), _answer(qn, "responsible", *args)
            checked += 1
            if key(a) != key(b):
                diffs.append(f"responsible{args}:\n  oxigraph {key(a)[:300]}\n  neo4j    {key(b)[:300]}")
    assert checked > 300 and by_type.get("Person") and by_type.get("Group")
    assert not diffs, f"{len(diffs)} of {checked} answers differ:\n" + "\n".join(diffs[:10])


def test_cli_ask_on_neo4j_equals_oxigraph(sample_store: Path, loaded: dict) -> None:
    results = [run_cli("ask", "who-leads", "区工科局", "--json", *extra)
               for extra in (("--store", str(sample_store)), ("--backend", "neo4j"))]
    for r in results:
        assert r.returncode == 0, r.stderr
    assert json.loads(results[0].stdout) == json.loads(results[1].stdout)
    assert json.loads(results[1].stdout)["resolved"] == "区工信和科技局"


def test_cli_cypher_reads_with_params(loaded: dict) -> None:
    r = run_cli("cypher", "MATCH (b:Body {name: $name})<-[h:HOLDS]-(p:Person) RETURN p.name AS person, h.title AS title",
                "--param", "name=区工信和科技局", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and set(rows[0]) == {"person", "title"}
    r = run_cli("cypher", "RETURN $n + 1 AS m, $s AS s", "--param", "n:=41", "--param", "s=26", "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == [{"m": 42, "s": "26"}], r.stdout + r.stderr


def test_cli_cypher_refuses_a_write_without_write(loaded: dict) -> None:
    count = "MATCH (n:GovkgScratch) RETURN count(n) AS c"
    r = run_cli("cypher", "CREATE (n:GovkgScratch) RETURN 1 AS one")
    assert r.returncode == 2 and "--write" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert json.loads(run_cli("cypher", count, "--json").stdout) == [{"c": 0}], "a refused write wrote"
    r = run_cli("cypher", "CREATE (n:GovkgScratch) RETURN 1 AS one", "--write", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(run_cli("cypher", count, "--json").stdout) == [{"c": 1}]
    assert run_cli("cypher", "MATCH (n:GovkgScratch) DELETE n", "--write").returncode == 0


@pytest.mark.parametrize("args, words", [
    (("--password", "not-the-password"), "credentials"),
    (("--uri", "bolt://127.0.0.1:1"), "cannot reach"),
    (("--database", "nosuchdb"), "no database"),
])
def test_cli_connection_errors_are_one_line_exit_2(neo4j_settings: Neo4jSettings, args: tuple[str, ...], words: str) -> None:
    env = {"NEO4J_" + args[0].lstrip("-").upper(): args[1]}
    runs = [(("cypher", "RETURN 1", *args), None), (("ask", "who-leads", "区工科局", "--backend", "neo4j"), env)]
    if args[0] != "--password":  # Neo4j locks a user out for 5 s after 3 failed logins in a row
        runs += [(("cypher", "RETURN 1"), env), (("load", "neo4j", "--no-progress", *args), None),
                 (("ask", *args, "tasks", "区财政局", "--backend", "neo4j"), None)]
    for command, command_env in runs:
        r = run_cli(*command, env=command_env)
        lines = r.stderr.strip().splitlines()
        assert r.returncode == 2, f"{command} {args}: exit {r.returncode}: {r.stderr}"
        assert len(lines) == 1 and words in lines[0] and "Traceback" not in r.stderr, r.stderr
        assert "not-the-password" not in r.stderr + r.stdout and neo4j_settings.password not in r.stderr + r.stdout
    connect(neo4j_settings).close()  # a good login resets the server's failed-login count


def test_cli_load_neo4j_reports_counts(loaded: dict, sample_store: Path) -> None:
    """`govkg load neo4j --store` of the already loaded sample: idempotent, so the same counts."""
    r = run_cli("load", "neo4j", "--store", str(sample_store), "--batch-size", "100")
    assert r.returncode == 0, r.stderr
    nodes, rels, _, _ = counts(loaded["driver"], loaded["database"])
    assert f"{nodes} nodes, {rels} relationships" in r.stdout
    assert (nodes, rels) == (loaded["first"].nodes, loaded["first"].relationships)


BROWSER = Path(__file__).resolve().parent.parent / "graph" / "browser"


@pytest.mark.parametrize("path", sorted(BROWSER.glob("*.cypher")), ids=lambda p: p.name)
def test_browser_examples_draw_something(path: Path, neo4j_backend: Neo4jBackend) -> None:
    """Each example names its parameters with a `:param` line that Browser accepts, and finds rows."""
    text = path.read_text("utf-8")
    params = {k: v for k, v in re.findall(r"^//\s*example:\s*:param\s+(\w+)\s*=>\s*'([^']*)'", text, re.M)}
    assert set(re.findall(r"\$(\w+)", text)) == set(params), f"{path.name}: every $param needs an example"
    _, rows, _ = neo4j_backend.run_cypher(text, params)
    assert rows, f"{path.name} finds nothing for {params}"


def test_grass_styles_every_label() -> None:
    grass = (BROWSER / "govkg.grass").read_text("utf-8")
    for label in ("Person", "Body", "Group", "Post", "Task", "Document", "Duty", "Reply"):
        assert re.search(rf"node\.{label}\s*\{{[^}}]*caption:", grass), f"no caption for {label}"


def test_reloading_a_document_replaces_its_facts(loaded: dict, sample_facts: tuple[list[FactBase], list[dict]]) -> None:
    """A document loaded again keeps only what it says now; the rest of the graph is untouched."""
    facts, aliases = sample_facts
    driver, db = loaded["driver"], loaded["database"]
    post = next(f for f in facts if f.kind == "post")
    others = [f for f in facts if f is not post]
    try:
        fewer = load_facts(driver, others, aliases, database=db)
        assert fewer.types["HOLDS"] == loaded["first"].types["HOLDS"] - 1
        assert fewer.nodes <= loaded["first"].nodes
    finally:
        again = load_facts(driver, facts, aliases, database=db)
    assert (again.nodes, again.relationships, again.types) == \
        (loaded["first"].nodes, loaded["first"].relationships, loaded["first"].types)


def test_graphml_export_has_the_nodes_and_relationships_of_neo4j(loaded: dict, sample_store: Path, tmp_path: Path) -> None:
    import networkx as nx
    out = tmp_path / "kg.graphml"
    assert run_cli("export", "graphml", "--store", str(sample_store), "--out", str(out)).returncode == 0
    g = nx.read_graphml(out, force_multigraph=True)
    first = loaded["first"]
    assert (g.number_of_nodes(), g.number_of_edges()) == (first.nodes, first.relationships)
    assert dict(Counter(d["kind"] for _, d in g.nodes(data=True))) == dict(first.labels), "the same labels, counted"
    assert dict(Counter(d["label"] for _, _, d in g.edges(data=True))) == dict(first.types), "the same relationship types"


def test_graphml_holds_status_is_neo4js(loaded: dict, sample_store: Path, tmp_path: Path) -> None:
    import networkx as nx
    out = tmp_path / "kg.graphml"
    assert run_cli("export", "graphml", "--store", str(sample_store), "--out", str(out)).returncode == 0
    g = nx.read_graphml(out, force_multigraph=True)
    names = {n: d["label"] for n, d in g.nodes(data=True)}
    ours = sorted((names[a], names[b], d["title"], d["doc"], d["status"], d.get("until_doc"))
                  for a, b, d in g.edges(data=True) if d["label"] == "HOLDS")
    with loaded["driver"].session(database=loaded["database"]) as s:
        theirs = sorted((r["p"], r["b"], r["t"], r["d"], r["s"], r["u"]) for r in s.run(
            "MATCH (p:Person)-[h:HOLDS]->(b:Body) RETURN p.name AS p, b.name AS b, h.title AS t, h.doc AS d, "
            "h.status AS s, h.until_doc AS u"))
    assert ours == theirs
