"""The store survives kills at every step of a build and concurrent builds and reads."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from govkg.graph.store import KILL_ENV, STEPS, open_store
from tests.conftest import SAMPLE

SMALL = Path(__file__).parent / "fixtures" / "appointments-lzbh-2024-30.txt"


def govkg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govkg.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def triples(store: Path) -> int:
    return len(open_store(store))


@pytest.fixture(scope="module")
def sizes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    base = tmp_path_factory.mktemp("sizes")
    assert govkg("build", str(SMALL), "--store", str(base / "small")).returncode == 0
    assert govkg("build", str(SAMPLE), "--store", str(base / "sample")).returncode == 0
    return {"before": triples(base / "small"), "after": triples(base / "sample")}


@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_any_step_leaves_the_old_or_the_new_store(step: str, tmp_path: Path, sizes) -> None:
    store = tmp_path / "kg"
    assert govkg("build", str(SMALL), "--store", str(store)).returncode == 0
    killed = govkg("build", str(SAMPLE), "--store", str(store), env={KILL_ENV: step})
    assert killed.returncode == 137, f"the build was to die at step {step}: {killed.stderr}"
    assert triples(store) in (sizes["before"], sizes["after"]), f"killed at {step}: the store answers neither as before nor as after"
    again = govkg("build", str(SAMPLE), "--store", str(store))
    assert again.returncode == 0, again.stderr
    left = [p.name for p in store.iterdir() if p.name.startswith((".staging-", ".current-"))]
    assert not left, f"the next build cleans what a build killed at {step} left: {left}"
    assert len([p for p in store.iterdir() if p.name.startswith("v-")]) <= 2, "old versions are removed"


def test_a_store_stranded_by_the_old_two_rename_swap_is_recovered(tmp_path: Path, sizes) -> None:
    store = tmp_path / "kg"
    assert govkg("build", str(SMALL), "--store", str(store)).returncode == 0
    store.rename(tmp_path / ".kg.old-12345")
    assert triples(store) == sizes["before"], "opening finds the copy stranded between two renames"


def test_concurrent_builds_and_reads_never_show_a_traceback(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    assert govkg("build", str(SMALL), "--store", str(store)).returncode == 0
    jobs = [("build", str(SAMPLE if i % 2 else SMALL), "--store", str(store)) for i in range(4)]
    jobs += [("ask", "who-leads", "区财政局", "--store", str(store), "--json")] * 6
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda a: govkg(*a), jobs))
    for args, r in zip(jobs, results):
        assert "Traceback" not in r.stderr + r.stdout, f"{args}: {r.stderr}"
        assert r.returncode in (0, 1), f"{args} failed: {r.stderr}"
    assert [p.name for p in store.iterdir() if p.name.startswith(".staging-")] == []


def test_a_version_being_read_is_not_removed_by_later_builds(tmp_path: Path, sizes) -> None:
    store = tmp_path / "kg"
    assert govkg("build", str(SMALL), "--store", str(store)).returncode == 0
    reader = open_store(store)  # holds a lease on the version it opened
    for gazette in (SAMPLE, SMALL, SAMPLE):
        assert govkg("build", str(gazette), "--store", str(store)).returncode == 0
    assert len(reader) == sizes["before"], "a reader keeps reading the version it opened, whole"
    assert len([p for p in store.iterdir() if p.name.startswith("v-")]) == 3, \
        "the live version, the one before it and the one still being read are kept; the rest is removed"
