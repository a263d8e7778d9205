"""The CLI over hostile names, parameters and paths: one line, the right exit, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE


def govkg(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govkg.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120, cwd=cwd)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "kg"
    assert govkg("build", str(SAMPLE), "--store", str(path)).returncode == 0
    return path


def hostile_files(d: Path) -> dict[str, Path]:
    files = {"bom-utf8-broken": b"\xef\xbb\xbf\xff", "bom-utf16-odd": b"\xff\xfeA",
             "bom-utf16-lone-surrogate": b"\xff\xfe\x00\xd8A\x00", "binary": bytes(range(256)), "empty": b""}
    out = {}
    for name, data in files.items():
        (d / f"{name}.txt").write_bytes(data)
        out[name] = d / f"{name}.txt"
    fifo = d / "fifo.txt"
    os.mkfifo(fifo)
    out["fifo"] = fifo
    out["device"] = Path("/dev/zero")
    out["markup-name"] = d / "gaz[/]x.txt"
    out["markup-name"].parent.mkdir()
    out["markup-name"].write_bytes(SAMPLE.read_bytes())
    return out


INPUT_NAMES = ["bom-utf8-broken", "bom-utf16-odd", "bom-utf16-lone-surrogate", "binary", "empty", "fifo", "device"]


@pytest.mark.parametrize("name", INPUT_NAMES)
def test_a_hostile_input_file_gets_one_line_and_exit_2(name: str, tmp_path: Path) -> None:
    path = hostile_files(tmp_path)[name]
    r = govkg("build", str(path), "--store", str(tmp_path / "kg"))
    assert r.returncode == 2 and "Traceback" not in r.stderr, f"{name}: expected exit 2 and one line, got {r.returncode}: {r.stderr}"
    assert len(r.stderr.strip().splitlines()) == 1 and str(path) in r.stderr, f"{name}: one line naming the file: {r.stderr}"


def test_a_gazette_named_like_markup_builds_and_prints_its_name(tmp_path: Path) -> None:
    path = hostile_files(tmp_path)["markup-name"]
    r = govkg("build", str(path), "--store", str(tmp_path / "kg"))
    assert r.returncode == 0 and "gaz[/]x.txt" in r.stdout, f"the name prints as itself: {r.stdout}{r.stderr}"


@pytest.mark.parametrize("name", ["[/]", "[bold]x", "root:x:0", ":smile:", "[link=file:///etc/passwd]a[/link]", "x" * 5000, "\x1b[31m"])
def test_a_hostile_name_is_data_not_markup(name: str, store: Path) -> None:
    r = govkg("ask", "who-leads", name, "--store", str(store))
    assert r.returncode == 1 and "Traceback" not in r.stderr, f"{name[:20]!r}: unknown name, exit 1: {r.stderr[-300:]}"
    assert name[:40] in r.stderr.replace("\n", "") or repr(name)[1:40] in r.stderr.replace("\n", ""), f"the name is echoed as itself: {r.stderr[:200]}"
    assert "❌" not in r.stderr and "😄" not in r.stderr, "no emoji substitution"


BAD_CALLS = {
    "store-is-a-file": lambda d: ("build", str(SAMPLE), "--store", str(d / "afile")),
    "store-parent-is-a-file": lambda d: ("build", str(SAMPLE), "--store", str(d / "afile" / "kg")),
    "ask-store-is-a-file": lambda d: ("ask", "who-leads", "x", "--store", str(d / "afile")),
    "export-out-missing-dir": lambda d: ("export", "facts", "--store", "STORE", "--out", str(d / "missing" / "x.jsonl")),
    "param-recursion": lambda d: ("cypher", "RETURN 1", "--param", "x:=" + "[" * 100000),
    "param-not-json": lambda d: ("cypher", "RETURN 1", "--param", "x:={"),
    "param-no-equals": lambda d: ("cypher", "RETURN 1", "--param", "x"),
    "directory-without-gazettes": lambda d: ("build", str(d), "--store", str(d / "kg")),
    "missing-input": lambda d: ("build", str(d / "nope.txt"), "--store", str(d / "kg")),
}


@pytest.mark.parametrize("case", BAD_CALLS)
def test_bad_options_get_one_line_and_exit_2(case: str, tmp_path: Path, store: Path) -> None:
    (tmp_path / "afile").write_text("not a store")
    args = [str(store) if a == "STORE" else a for a in BAD_CALLS[case](tmp_path)]
    r = govkg(*args, env={"NEO4J_URI": "bolt://127.0.0.1:1"})
    assert r.returncode == 2 and "Traceback" not in r.stderr, f"{case}: expected exit 2, got {r.returncode}: {r.stderr[-400:]}"
    assert len(r.stderr.strip().splitlines()) == 1, f"{case}: one line: {r.stderr[-400:]}"


def test_an_http_neo4j_uri_is_refused_in_one_line() -> None:
    r = govkg("cypher", "RETURN 1", env={"NEO4J_URI": "http://127.0.0.1:7474"})
    assert r.returncode == 2 and "not a Bolt URI" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_a_password_in_the_uri_is_never_printed() -> None:
    r = govkg("cypher", "RETURN 1", env={"NEO4J_URI": "bolt://neo4j:s3cr3t-pw@127.0.0.1:1"})
    assert r.returncode == 2 and "s3cr3t-pw" not in r.stderr + r.stdout, f"the password leaked: {r.stderr}"


def test_an_empty_password_is_not_replaced_by_the_dev_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from govkg.graph.neo4j.backend import Neo4jSettings
    monkeypatch.setenv("NEO4J_PASSWORD", "")
    assert Neo4jSettings.from_env().password == "", "an empty NEO4J_PASSWORD stays empty"
