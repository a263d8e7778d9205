"""Tables kept by `make setup` (loaders/tables.py) are the tables the readers derive, or unused."""

from __future__ import annotations

from pathlib import Path

import pytest

from govkg.loaders import tables
from govkg.loaders.layout import TRADITIONAL_TABLE, read_traditional_table
from govkg.loaders.tasks.pieces import LEXICON_SOURCE, count_bigrams


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch):
    """derived() as a new process sees it, reading the stored tables from a path of the test's."""
    monkeypatch.setattr(tables, "_stored", None)
    monkeypatch.setattr(tables, "_recording", None)
    return monkeypatch


def counting(calls: list[str]):
    def derive(text: str) -> dict[str, int]:
        calls.append(text)
        return {"字数": len(text)}
    return derive


def test_setup_keeps_the_lexicon_the_tasks_reader_derives(fresh: pytest.MonkeyPatch) -> None:
    assert tables.STORED.exists(), f"{tables.STORED} missing: `make setup` writes it"
    stored = tables._read(tables.STORED)
    assert "tasks-lexicon" in stored, "expected the tasks reader's lexicon among the stored tables"
    derived_now = count_bigrams(LEXICON_SOURCE.read_text("utf-8"))
    assert tables.derived("tasks-lexicon", LEXICON_SOURCE, count_bigrams) == derived_now, \
        "the stored lexicon differs from the one derived now: run `make setup` again"


def test_setup_keeps_the_traditional_characters_table(fresh: pytest.MonkeyPatch) -> None:
    stored = tables._read(tables.STORED)
    assert "traditional-to-simplified" in stored, "expected the traditional -> simplified table among the stored tables"
    assert tables.derived("traditional-to-simplified", TRADITIONAL_TABLE, read_traditional_table) == \
        read_traditional_table(TRADITIONAL_TABLE.read_text("utf-8")), "stored table differs: run `make setup` again"


def stored_by_setup(fresh: pytest.MonkeyPatch, tmp_path: Path, derive) -> Path:
    """A source file whose table `make setup` stored; derived() then reads as a new process would."""
    source, stored = tmp_path / "source.txt", tmp_path / "tables.marshal"
    source.write_text("人民政府", encoding="utf-8")
    tables.record()
    tables.derived("count", source, derive)
    tables.write(stored)
    fresh.setattr(tables, "_stored", None)
    fresh.setattr(tables, "STORED", stored)
    return source


def test_a_table_made_from_the_same_source_is_read_not_derived(fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[str] = []
    derive = counting(calls)
    source = stored_by_setup(fresh, tmp_path, derive)
    assert tables.derived("count", source, derive) == {"字数": 4}
    assert len(calls) == 1, f"expected the second process to read the stored table, it derived {len(calls)} times"


def test_a_changed_source_is_derived_again(fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    derive = counting([])
    source = stored_by_setup(fresh, tmp_path, derive)
    source.write_text("人民政府办公室", encoding="utf-8")
    assert tables.derived("count", source, derive) == {"字数": 7}, "expected the table of the new source, not the stale one"


def test_an_unreadable_file_of_tables_is_ignored(fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source, stored = tmp_path / "source.txt", tmp_path / "tables.marshal"
    source.write_text("人民政府", encoding="utf-8")
    stored.write_bytes(b"\x00not marshal")
    fresh.setattr(tables, "STORED", stored)
    assert tables.derived("count", source, counting([])) == {"字数": 4}, "expected the table derived as before"


def test_a_missing_source_is_an_error_not_an_empty_table(fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        tables.derived("count", tmp_path / "absent.txt", counting([]))


def test_reading_tables_writes_nothing(fresh: pytest.MonkeyPatch) -> None:
    before = tables.STORED.stat().st_mtime_ns
    tables.derived("tasks-lexicon", LEXICON_SOURCE, count_bigrams)
    assert tables.STORED.stat().st_mtime_ns == before, "a reader must never rewrite the stored tables"
