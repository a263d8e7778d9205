"""`govkg add` and `govkg remove`: a store grows and shrinks by documents without re-reading the
others, and ends up as a full build of the same documents would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.renamed_copies import rename
from tests.conftest import SAMPLE, run_cli


def facts_of(store: Path) -> list[str]:
    result = run_cli("export", "facts", "--store", str(store))
    assert result.returncode == 0, f"export facts failed: {result.stderr}"
    return sorted(result.stdout.splitlines())


@pytest.fixture(scope="module")
def other_place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as another district would print it (other place, other document numbers)."""
    path = tmp_path_factory.mktemp("other") / "dongcheng.txt"
    path.write_text(rename(SAMPLE.read_text("utf-8"), 0), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def both_built(tmp_path_factory: pytest.TempPathFactory, other_place: Path) -> Path:
    store = tmp_path_factory.mktemp("both") / "store"
    result = run_cli("build", str(SAMPLE), str(other_place), "--store", str(store))
    assert result.returncode == 0, result.stderr
    return store


@pytest.fixture
def sample_only(tmp_path: Path, sample_store: Path) -> Path:
    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    return store


def test_adding_a_gazette_gives_the_facts_of_building_both(sample_only: Path, other_place: Path, both_built: Path):
    result = run_cli("add", str(other_place), "--store", str(sample_only))
    assert result.returncode == 0, result.stderr
    assert facts_of(sample_only) == facts_of(both_built), "expected add to end where a build of both gazettes ends"


def test_adding_a_gazette_again_replaces_its_facts_and_says_so(sample_only: Path):
    before = facts_of(sample_only)
    result = run_cli("add", str(SAMPLE), "--store", str(sample_only))
    assert result.returncode == 0, result.stderr
    assert "replaced (already in the store): 离政发〔2024〕26号" in result.stdout, \
        f"expected the re-added documents to be reported as replaced, got: {result.stdout[:300]}"
    assert facts_of(sample_only) == before, "expected re-adding a gazette to leave the same facts"


def test_a_document_printed_twice_in_the_input_is_reported(sample_only: Path, tmp_path: Path):
    twice = tmp_path / "twice.txt"
    text = SAMPLE.read_text("utf-8")
    twice.write_text(text + "\n" + text, encoding="utf-8")
    result = run_cli("add", str(twice), "--store", str(sample_only))
    assert result.returncode == 0, result.stderr
    assert "document 离政发〔2024〕30号 is printed more than once" in result.stderr, \
        f"expected a warning naming the duplicate document, got: {result.stderr[:300]}"


def test_removing_a_document_takes_out_its_facts_only(sample_only: Path):
    before = facts_of(sample_only)
    result = run_cli("remove", "离政发〔2024〕30号", "--store", str(sample_only))
    assert result.returncode == 0, result.stderr
    after = facts_of(sample_only)
    assert after == [f for f in before if '"doc": "离政发〔2024〕30号"' not in f], \
        "expected exactly the removed document's facts to be gone"


def test_removing_an_unknown_document_fails_and_changes_nothing(sample_only: Path):
    before = facts_of(sample_only)
    result = run_cli("remove", "离政发〔2024〕99号", "--store", str(sample_only))
    assert result.returncode == 1 and "unknown document" in result.stderr, \
        f"expected exit 1 naming the unknown document, got {result.returncode}: {result.stderr}"
    assert facts_of(sample_only) == before, "expected the store untouched"


def test_adding_to_a_missing_store_fails_with_one_line(tmp_path: Path):
    result = run_cli("add", str(SAMPLE), "--store", str(tmp_path / "nothing"))
    assert result.returncode == 2 and "no govkg store here" in result.stderr and "Traceback" not in result.stderr, \
        f"expected exit 2 and one line, got {result.returncode}: {result.stderr}"


FIXTURES = Path(__file__).parent / "fixtures"


def quads_of(store: Path) -> set[str]:
    from govkg.graph.store import open_store
    return {str(q) for q in open_store(store)}


@pytest.mark.parametrize("fixture", ["replies-county-tian.txt", "rosters-county-anweihui.txt"])
def test_a_gazette_that_changes_no_earlier_fact_is_added_in_place_as_a_build_would_write_it(
        fixture: str, sample_only: Path, tmp_path: Path):
    gazette = FIXTURES / fixture
    result = run_cli("add", str(gazette), "--store", str(sample_only))
    assert result.returncode == 0, result.stderr
    assert "extended in place" in result.stdout, \
        f"expected a document of another county to leave every earlier fact as it was: {result.stdout[:400]}"
    rebuilt = tmp_path / "rebuilt"
    assert run_cli("build", str(SAMPLE), str(gazette), "--store", str(rebuilt)).returncode == 0
    assert quads_of(sample_only) == quads_of(rebuilt), "expected the store extended in place to equal a rebuild, quad for quad"


def test_an_add_in_place_leaves_the_version_readers_hold_unchanged(sample_only: Path):
    from govkg.graph.store import open_store
    reader = open_store(sample_only)
    before = len(reader)
    assert run_cli("add", str(FIXTURES / "replies-county-tian.txt"), "--store", str(sample_only)).returncode == 0
    assert len(reader) == before, "expected the version a reader opened to keep its quads (its table files are linked, not moved)"
    assert len(open_store(sample_only)) > before


NOTICE = "离政任〔2024〕{n}号\n吕梁市离石区人民政府\n关于{who}同志职务的通知\n各乡镇人民政府，区直各有关单位：\n经研究决定：\n{line}\n吕梁市离石区人民政府\n2024年12月1日\n"
CHANGING_NOTICES = {
    # a later removal of a post held in an earlier document: that post's standard quads change
    # (no longer org:heldBy)
    "removal of an earlier post": NOTICE.format(n=99, who="免去任凯旋", line="免去任凯旋同志的区医疗保险服务中心主任职务。"),
    # the sample's 区医疗保险服务中心 abbreviates this fuller name: earlier facts now name the body by it
    "fuller name of an earlier body": NOTICE.format(n=98, who="张三", line="任命张三同志为区医疗保障局医疗保险服务中心主任。"),
}


@pytest.mark.parametrize("change", sorted(CHANGING_NOTICES))
def test_an_add_that_changes_earlier_facts_rewrites_the_store_as_a_build_would(change: str, sample_only: Path,
                                                                               tmp_path: Path):
    notice = tmp_path / "notice.txt"
    notice.write_text(CHANGING_NOTICES[change], encoding="utf-8")
    result = run_cli("add", str(notice), "--store", str(sample_only))
    assert result.returncode == 0, result.stderr
    assert "extended in place" not in result.stdout, f"expected a {change} to rewrite the store"
    rebuilt = tmp_path / "rebuilt"
    assert run_cli("build", str(SAMPLE), str(notice), "--store", str(rebuilt)).returncode == 0
    assert quads_of(sample_only) == quads_of(rebuilt), "expected the add to end where a rebuild ends"


def test_an_added_gazettes_names_are_in_the_name_index(sample_only: Path, other_place: Path):
    from govkg.graph.store import open_version
    from govkg.queries.name_index import FILE, NameIndex
    result = run_cli("add", str(other_place), "--store", str(sample_only))
    assert result.returncode == 0, result.stderr
    _, version = open_version(sample_only)
    index = NameIndex.open(version / FILE)
    assert index.is_canonical("Group", "东城区防治动物重大疫病指挥部"), "the added district's group should be in the new version's index"
    assert index.is_canonical("Group", "离石区防治动物重大疫病指挥部"), "the sample's group should stay in it"


SAME_DISTRICT = NOTICE.format(n=97, who="张三", line="任命张三同志为区应急管理局副局长。")  # the sample also names it 区应急局


@pytest.mark.parametrize("source", ["another county's rosters", "a notice of the same district"])
def test_an_add_in_place_keeps_the_corpus_state_and_name_index_a_build_writes(source: str, sample_only: Path,
                                                                              tmp_path: Path):
    """What the next add reads (the name census, places, earlier posts: corpus.json) and the name
    index are grown, not rebuilt, by an add in place: they must equal a build's of the same documents,
    for new entities and for entities the store held before."""
    import json

    from govkg.graph.store import open_version
    from govkg.queries.name_index import FILE, NameIndex
    gazette, built_store = FIXTURES / "rosters-county-anweihui.txt", tmp_path / "built"
    if source == "a notice of the same district":
        gazette = tmp_path / "notice.txt"
        gazette.write_text(SAME_DISTRICT, encoding="utf-8")
    result = run_cli("add", str(gazette), "--store", str(sample_only))
    assert result.returncode == 0 and "extended in place" in result.stdout, result.stdout[:400] + result.stderr
    assert run_cli("build", str(SAMPLE), str(gazette), "--store", str(built_store)).returncode == 0
    (_, grown), (_, built) = open_version(sample_only), open_version(built_store)
    state, expected = (json.loads((v / "corpus.json").read_text("utf-8")) for v in (grown, built))
    assert state.pop("segments") == ["raw-facts.jsonl", "raw-facts-1.jsonl"], "expected the add's raw facts as a second segment"
    expected.pop("segments")
    for key in expected:
        assert state[key] == expected[key], f"expected the grown state's {key} to equal a build's"
    assert NameIndex.open(grown / FILE).rows() == NameIndex.open(built / FILE).rows(), \
        "expected the grown name index to hold a build's rows, in a build's order"
