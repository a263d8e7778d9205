"""Places: a body's and a person's identity includes the jurisdiction of the document naming them.

The fixture is the real sample gazette (吕梁市离石区) and a copy of it renamed to another district
of the same city (吕梁市东城区: other place, other document numbers, the SAME people's names), as
bench/renamed_copies.py makes it: before places, the two merged into one district's graph.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pyoxigraph import Store

from bench.renamed_copies import place_name, rename
from govkg.graph.corpus import build
from govkg.graph.mapping import entity_key, stable_id
from govkg.graph.rdf import facts_to_quads
from govkg.graph.store import open_store
from govkg.loaders.places import Places, read_place
from govkg.ontology.facts import DocumentFact, PostFact
from tests.conftest import SAMPLE, run_cli

PREFIXES = ("PREFIX gk: <https://w3id.org/govkg/ontology#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")
LISHI, OTHER = "吕梁市离石区", f"吕梁市{place_name(0)}区"


@pytest.fixture(scope="module")
def two_districts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the sample and its copy renamed to another district (people keep their names)."""
    folder = tmp_path_factory.mktemp("places")
    copy = folder / "copy.txt"
    copy.write_text(rename(SAMPLE.read_text("utf-8"), 0, people=False), "utf-8")
    build(folder / "store", [SAMPLE, copy])
    return folder / "store"


def places_of(store_path: Path, kind: str, name: str) -> list[str]:
    store = open_store(store_path)
    rows = store.query(PREFIXES + f'SELECT ?place WHERE {{ ?e a {kind} ; skos:prefLabel "{name}"@zh ; gk:place ?place }}')
    return sorted(r["place"].value for r in rows)


def count(store_path: Path, kind: str) -> int:
    store = open_store(store_path)
    return int(next(iter(store.query(PREFIXES + f"SELECT (COUNT(?e) AS ?n) WHERE {{ ?e a {kind} }}")))["n"].value)


def test_the_place_of_a_document_is_read_from_its_issuer() -> None:
    assert read_place("吕梁市离石区人民政府办公室") == "吕梁市离石区"
    assert read_place("离石区人民政府") == "离石区"
    assert read_place("吕梁市人民政府") == "吕梁市", "a city's own documents have a place too"
    assert read_place("河北省工业和信息化厅") == "河北省", "and a province's"
    assert read_place("区政府办公室") is None, "an issuer naming no place gives none"


def test_two_districts_give_two_bodies_named_区财政局(two_districts: Path) -> None:
    assert places_of(two_districts, "gk:Body", "区财政局") == sorted([LISHI, OTHER]), \
        "区财政局 of each district should be its own body, its place a property"


def test_two_districts_give_two_people_named_任凯旋(two_districts: Path) -> None:
    assert places_of(two_districts, "foaf:Person", "任凯旋") == sorted([LISHI, OTHER]), \
        "the same name in two districts should be two people unless something says they are one"


def test_a_body_is_in_its_place_node(two_districts: Path) -> None:
    store = open_store(two_districts)
    rows = store.query(PREFIXES + 'SELECT ?place WHERE { ?b a gk:Body ; skos:prefLabel "区财政局"@zh ; '
                                  'gk:inPlace ?p ; <http://purl.org/dc/terms/spatial> ?p . '
                                  '?p a gk:Place ; skos:prefLabel ?place ; gk:inPlace ?city . '
                                  '?city skos:prefLabel "吕梁市"@zh }')
    assert sorted(r["place"].value for r in rows) == sorted([LISHI, OTHER]), \
        "each 区财政局 should be inside its district's place node, itself inside 吕梁市"


def test_two_districts_double_the_people_but_for_one_seat_both_name(two_districts: Path, sample_store: Path) -> None:
    one = count(sample_store, "foaf:Person")
    assert one == 82
    assert count(two_districts, "foaf:Person") == 2 * one - 1, \
        "twice the people, less the one both districts name in the same city seat (市委书记 孙大军)"
    assert places_of(two_districts, "foaf:Person", "孙大军") == ["吕梁市"], \
        "the merge rule: one seat (吕梁市委 书记) named by two places' documents is one person, of that seat's place"


def test_two_districts_double_the_bodies_but_for_the_city_body_both_name(two_districts: Path, sample_store: Path) -> None:
    assert count(two_districts, "gk:Body") == 2 * count(sample_store, "gk:Body") - 1, \
        "twice the bodies, less 市委 (the city's, named by both districts)"
    assert places_of(two_districts, "gk:Body", "市委") == ["吕梁市"]


def test_same_name_in_two_places_without_a_shared_seat_stays_two_people() -> None:
    facts = [DocumentFact(doc="甲1号", line=1, title="任免通知", place="吕梁市离石区"),
             DocumentFact(doc="乙1号", line=1, title="任免通知", place="吕梁市东城区"),
             PostFact(doc="甲1号", line=2, person="王伟", body="区财政局", title="局长", event="appoint"),
             PostFact(doc="乙1号", line=2, person="王伟", body="区财政局", title="局长", event="appoint")]
    places = Places.of(facts)
    assert places.person("甲1号", "王伟") != places.person("乙1号", "王伟"), \
        "区财政局局长 of two districts are two seats: no evidence of one person"


def test_a_document_whose_place_cannot_be_read_keys_names_alone() -> None:
    facts = [PostFact(doc="甲1号", line=2, person="王伟", body="区财政局", title="局长", event="appoint")]
    store = Store()
    store.extend(facts_to_quads(facts))
    iris = {q.subject.value for q in store.quads_for_pattern(None, None, None)}
    assert any(i.endswith("/" + entity_key("Person", "王伟")) for i in iris)
    assert entity_key("Person", "王伟") == stable_id("Person", "王伟"), "the key of an unplaced name is as before places"


def test_ask_a_name_in_two_places_lists_the_candidates(two_districts: Path) -> None:
    result = run_cli("ask", "who-leads", "区财政局", "--store", str(two_districts))
    assert result.returncode == 1, f"an ambiguous name should exit 1, got {result.returncode}: {result.stderr}"
    assert LISHI in result.stderr and OTHER in result.stderr and "--place" in result.stderr, result.stderr
    assert result.stdout == "", "no answer for one of them"


def test_ask_with_place_answers_from_that_place(two_districts: Path) -> None:
    result = run_cli("ask", "who-leads", "区财政局", "--place", LISHI, "--store", str(two_districts), "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["answers"] and {a["doc"][:1] for a in answer["answers"]} == {"离"}, \
        f"only 离石区's documents (离政…) should answer: {answer['answers']}"
    assert answer["context"]["place"] == LISHI


def test_place_may_be_given_by_its_last_part(two_districts: Path) -> None:
    result = run_cli("ask", "person", "任凯旋", "--place", f"{place_name(0)}区", "--store", str(two_districts), "--json")
    assert result.returncode == 0, result.stderr
    docs = {p["doc"][:1] for p in json.loads(result.stdout)["answers"]}
    assert docs == {place_name(0)[0]}, f"only the other district's documents: {docs}"


def test_an_unknown_group_in_a_known_place_is_unknown_with_that_places_suggestions(two_districts: Path) -> None:
    result = run_cli("ask", "members", "防治动物重大疫病专班", "--place", OTHER, "--store", str(two_districts), "--json")
    assert result.returncode == 1, f"expected unknown (exit 1), got {result.returncode}: {result.stdout}"
    suggestions = json.loads(result.stdout)["error"]["suggestions"]
    store = open_store(two_districts)
    theirs = {r["n"].value for r in store.query(PREFIXES + f'SELECT ?n WHERE {{ ?g a gk:LeadingGroup ; '
                                                           f'skos:prefLabel ?n ; gk:place "{OTHER}"@zh }}')}
    assert suggestions and set(suggestions) <= theirs, f"suggestions only from {OTHER}: {suggestions}"


def test_a_group_of_a_place_not_in_the_store_is_unknown_not_the_nearest_elsewhere(sample_store: Path) -> None:
    result = run_cli("ask", "members", f"{OTHER}推动大规模设备更新和消费品以旧换新工作专班", "--store", str(sample_store))
    assert result.returncode == 1, f"{OTHER}'s group is not in a store of 离石区 only, got: {result.stdout}"


def test_a_body_typed_with_its_district_answers_from_that_district(two_districts: Path) -> None:
    result = run_cli("ask", "who-leads", f"{place_name(0)}区医疗保险服务中心", "--store", str(two_districts), "--json")
    assert result.returncode == 0, result.stderr
    docs = {a["doc"][:1] for a in json.loads(result.stdout)["answers"]}
    assert docs == {place_name(0)[0]}, f"only {OTHER}'s documents should answer, not another district's: {docs}"


def test_a_body_typed_with_a_district_not_in_the_store_is_unknown(sample_store: Path) -> None:
    result = run_cli("ask", "who-leads", f"{place_name(0)}区医疗保险服务中心", "--store", str(sample_store))
    assert result.returncode == 1, f"离石区's 区医疗保险服务中心 is not {OTHER}'s: {result.stdout}"


def test_a_recorded_spelling_with_its_district_names_that_districts_body(two_districts: Path) -> None:
    from govkg.queries.answers import Questions
    from govkg.queries.backends import OxigraphBackend
    q = Questions(OxigraphBackend(open_store(two_districts)))
    assert q.find("离石区退役军人事务局", ("Body",)) == ("Body", "区退役军人事务局", LISHI), \
        "a spelling read in 离石区's documents names 离石区's body, not both districts'"

def test_a_spelling_naming_another_place_is_no_alias_here() -> None:
    places = Places({"甲1号": LISHI, "乙1号": OTHER})
    spellings = ["区医保中心", f"{place_name(0)}区医疗保险服务中心", "离石区医疗保险服务中心"]
    assert places.aliases_for(spellings, LISHI) == ["区医保中心", "离石区医疗保险服务中心"]


@pytest.mark.neo4j
def test_neo4j_keys_by_place_and_answers_as_the_embedded_store(two_districts: Path, sample_store: Path) -> None:
    from govkg.errors import AmbiguousNameError
    from govkg.graph.neo4j.backend import Neo4jBackend
    from govkg.graph.neo4j.load import load_facts, wipe
    from govkg.graph.rdf import aliases_from_store, facts_from_store
    from govkg.queries.answers import Questions
    from govkg.queries.backends import OxigraphBackend
    from govkg.errors import BackendError
    from govkg.graph.neo4j.backend import Neo4jSettings, connect
    settings = Neo4jSettings.from_env()
    try:
        driver = connect(settings)
    except BackendError as e:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Neo4j is required under CI=true: {e}")
        pytest.skip(f"no Neo4j server ({e}); start one with `make neo4j-up`")
    store = open_store(two_districts)
    try:
        wipe(driver, settings.database)
        load_facts(driver, facts_from_store(store), aliases_from_store(store), database=settings.database)
        with driver.session(database=settings.database) as s:
            places = sorted(r["p"] for r in s.run("MATCH (b:Body {name: '区财政局'})-[:IN_PLACE]->(p:Place) RETURN p.name AS p"))
            people = s.run("MATCH (p:Person) RETURN count(p) AS n").single()["n"]
        assert places == sorted([LISHI, OTHER]), "two 区财政局 nodes, each IN_PLACE its district"
        assert people == count(two_districts, "foaf:Person"), "as many people as in the embedded store"
        ox, neo = Questions(OxigraphBackend(store)), Questions(Neo4jBackend(driver, settings))
        for q in (ox, neo):
            with pytest.raises(AmbiguousNameError) as e:
                q.who_leads("区财政局")
            assert e.value.places == sorted([LISHI, OTHER])
        assert ox.who_leads("区财政局", LISHI) == neo.who_leads("区财政局", LISHI)
        assert ox.person("任凯旋", OTHER) == neo.person("任凯旋", OTHER)
        assert ox.person("孙大军") == neo.person("孙大军")
    finally:
        wipe(driver, settings.database)  # leave the sample as the Neo4j tests load it
        sample = open_store(sample_store)
        load_facts(driver, facts_from_store(sample), aliases_from_store(sample), database=settings.database)
        driver.close()


def test_exports_keep_the_two_districts_people_apart(two_districts: Path) -> None:
    from govkg.graph.exports import popolo
    from govkg.graph.rdf import facts_from_store
    people = [p for p in popolo(facts_from_store(open_store(two_districts)))["persons"] if p["name"] == "任凯旋"]
    assert len(people) == 2, "Popolo (and FtM) key people as the stores do: one 任凯旋 per district"


def test_adding_another_district_gives_the_store_a_build_of_both_gives(two_districts: Path, sample_store: Path,
                                                                        tmp_path: Path) -> None:
    import shutil
    from tests.test_incremental import quads_of
    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    result = run_cli("add", str(two_districts.parent / "copy.txt"), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert quads_of(store) == quads_of(two_districts), \
        "an add must key the new district's entities by place, and merge 孙大军 as a build of both does"


def test_a_group_named_as_a_body_is_its_own_districts_group_when_three_districts_print_it(tmp_path: Path) -> None:
    """区…专班 folds to one string in every district: a duty of 东城区's 专班 must stay 东城区's, not
    go to the group of whichever district was printed last (the bug places had left in resolution)."""
    from govkg.loaders.pipeline import extract_raw
    from govkg.loaders.resolve import resolve_facts
    from govkg.ontology.facts import DutyFact
    paths = [SAMPLE]
    for i in (0, 1):
        copy = tmp_path / f"copy-{i}.txt"
        copy.write_text(rename(SAMPLE.read_text("utf-8"), i, people=False), "utf-8")
        paths.append(copy)
    facts, _ = resolve_facts(extract_raw(paths).raw)
    place_of = {f.doc: f.place for f in facts if isinstance(f, DocumentFact)}
    placed = [f for f in facts if isinstance(f, DutyFact) and f.body.startswith("吕梁市") and place_of.get(f.doc)]
    assert placed, "expected duties of groups printed with their district"
    wrong = [(f.doc, f.body) for f in placed if not f.body.startswith(place_of[f.doc])]
    assert not wrong, f"expected each district's group duties to name that district's group: {wrong[:3]}"


def test_a_third_district_is_added_in_place_when_it_changes_no_one_earlier(two_districts: Path, tmp_path: Path) -> None:
    """Two districts already share 孙大军 (one seat, so one person of the city); a third district
    printing the same names changes no earlier fact, person or alias: its quads are simply added,
    and the store equals a build of all three."""
    import shutil
    from tests.test_incremental import quads_of
    third = tmp_path / "third.txt"
    third.write_text(rename(SAMPLE.read_text("utf-8"), 1, people=False), "utf-8")
    store = tmp_path / "store"
    shutil.copytree(two_districts, store)
    result = run_cli("add", str(third), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "extended in place" in result.stdout, f"expected the third district added in place: {result.stdout[:300]}"
    build(tmp_path / "all", [SAMPLE, two_districts.parent / "copy.txt", third])
    assert quads_of(store) == quads_of(tmp_path / "all"), "expected the add in place to equal a build of the three"


@pytest.mark.parametrize("name", ["任凯旋", "区财政局"])
def test_view_a_name_in_two_places_lists_the_candidates_and_writes_nothing(name: str, two_districts: Path,
                                                                           tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    result = run_cli("view", name, "--store", str(two_districts), "--out", str(page))
    assert result.returncode == 1 and LISHI in result.stderr and OTHER in result.stderr, \
        f"expected exit 1 listing both districts, got {result.returncode}: {result.stderr}"
    assert not page.exists(), "no picture of one of them"


@pytest.mark.parametrize("name", ["任凯旋", "区财政局"])
def test_view_with_place_draws_that_places_entity(name: str, two_districts: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    result = run_cli("view", name, "--place", f"{place_name(0)}区", "--store", str(two_districts), "--out", str(page))
    assert result.returncode == 0, result.stderr
    html = page.read_text("utf-8")
    other_docs, lishi_docs = f"{place_name(0)[0]}政", "离政"
    assert other_docs in html and lishi_docs not in html, \
        f"expected only {OTHER}'s documents ({other_docs}…) in the picture, not {LISHI}'s ({lishi_docs}…)"
