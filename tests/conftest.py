"""Shared fixtures: the sample gazette built once into a real on-disk store, and CLI runs."""

from __future__ import annotations

import json
import os
from collections import Counter
import subprocess
import sys
from pathlib import Path

import pytest

from govkg.loaders.text import Document, clean_lines, split_documents

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = ROOT / "loaders" / "sample" / "lishi-gazette-2024-3.txt"
GOVKG = [sys.executable, "-m", "govkg.cli"]


def doc_of(name: str) -> Document:
    """The first document of a fixture file (real gazette lines, or another place's wording)."""
    return split_documents(clean_lines((FIXTURES / name).read_text("utf-8")))[0]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a user would."""
    return subprocess.run([*GOVKG, *args], capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=600)


def cli_json(*args: str) -> dict:
    result = run_cli(*args, "--json")
    assert result.returncode == 0, f"govkg {' '.join(args)} failed: {result.stderr}"
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("kg") / "store"
    result = run_cli("build", str(SAMPLE), "--store", str(store))
    assert result.returncode == 0, f"building the sample gazette failed: {result.stderr}"
    return store


@pytest.fixture(scope="session")
def sample_facts_file(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "facts.jsonl"
    result = run_cli("export", "facts", "--store", str(sample_store), "--out", str(out))
    assert result.returncode == 0, f"export facts failed: {result.stderr}"
    return out


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """The counts, always (even under -qq, which hides pytest's own summary line), and why tests were
    skipped: a skipped Neo4j test says so instead of vanishing."""
    stats = terminalreporter.stats
    counts = {k: len([r for r in stats.get(k, []) if getattr(r, "when", "call") in ("call", "setup")])
              for k in ("passed", "failed", "error", "skipped")}
    terminalreporter.write_line("govkg tests: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    reasons = Counter(str(r.longrepr[2]) if isinstance(r.longrepr, tuple) else str(r.longrepr)
                      for r in stats.get("skipped", []))
    for reason, n in reasons.most_common():
        terminalreporter.write_line(f"  skipped {n}: {reason}")
