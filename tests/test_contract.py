"""One CLI contract: the same --json envelope for every question, errors as JSON under --json, exit
codes as the README says, --format, --version, connection flags anywhere; and the Python API."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

QUESTIONS = [("who-leads", "区工科局"), ("person", "任凯旋"), ("members", "区防治动物重大疫情指挥部"),
             ("responsible", "26", "--doc", "离政发〔2024〕30号"), ("tasks", "区财政局"), ("duties", "区财政局")]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q[0])
def test_every_question_answers_in_the_same_envelope(sample_store: Path, question: tuple[str, ...]) -> None:
    result = run_cli("ask", *question, "--store", str(sample_store), "--json")
    assert result.returncode == 0, result.stderr
    env = json.loads(result.stdout)
    assert set(env) == {"question", "query", "resolved", "resolved_from", "answers", "context"}, sorted(env)
    assert env["question"] == question[0] and env["answers"], "a non-empty list of answers"
    assert all(row.get("doc") and row.get("line") for row in env["answers"]), "every answer keeps doc and line"


def test_a_corrected_name_says_what_it_was_resolved_from(sample_store: Path) -> None:
    result = run_cli("ask", "who-leads", "区工科局", "--store", str(sample_store))
    assert "resolved from 区工科局" in result.stdout and "区工信和科技局" in result.stdout
    exact = json.loads(run_cli("ask", "who-leads", "区工信和科技局", "--store", str(sample_store), "--json").stdout)
    assert exact["resolved_from"] is None, "nothing to note when the name was typed as it is"


def test_unknown_name_under_json_is_a_json_error_with_exit_1(sample_store: Path) -> None:
    result = run_cli("ask", "who-leads", "区财务局", "--store", str(sample_store), "--json")
    assert result.returncode == 1
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 1 and "区财政局" in error["suggestions"]


def test_bad_input_under_json_is_a_json_error_with_exit_2(tmp_path: Path) -> None:
    result = run_cli("ask", "who-leads", "区财政局", "--store", str(tmp_path / "nowhere"), "--json")
    assert result.returncode == 2 and json.loads(result.stdout)["error"]["type"] == "StoreError"


@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_format_csv_and_tsv_print_the_answers_with_provenance(sample_store: Path, fmt: str, delimiter: str) -> None:
    result = run_cli("ask", "members", "区防治动物重大疫情指挥部", "--store", str(sample_store), "--format", fmt)
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=delimiter))
    assert rows and {"member", "role", "doc", "line"} <= set(rows[0])
    assert all(r["doc"].endswith("号") and r["line"].isdigit() for r in rows)


def test_a_narrow_table_never_cuts_document_numbers(sample_store: Path) -> None:
    answer = json.loads(run_cli("ask", "person", "任凯旋", "--store", str(sample_store), "--json").stdout)
    table = run_cli("ask", "person", "任凯旋", "--store", str(sample_store), env={"COLUMNS": "60"}).stdout
    for row in answer["answers"]:
        assert row["doc"] in table, f"{row['doc']} should be printed whole in a 60-column table"
    assert "…" not in table


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and re.fullmatch(r"govkg \d+\.\d+\.\d+\s*", result.stdout)


def test_connection_flags_after_the_question_are_used(sample_store: Path) -> None:
    result = run_cli("ask", "who-leads", "区工科局", "--backend", "neo4j", "--uri", "bolt://127.0.0.1:9", "--password", "x")
    assert result.returncode == 2 and "bolt://127.0.0.1:9" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_neo4j_username_is_read_and_neo4j_user_still_works(monkeypatch: pytest.MonkeyPatch) -> None:
    from govkg.graph.neo4j.backend import Neo4jSettings
    monkeypatch.delenv("NEO4J_USERNAME", raising=False)
    monkeypatch.setenv("NEO4J_USER", "old")
    assert Neo4jSettings.from_env().user == "old"
    monkeypatch.setenv("NEO4J_USERNAME", "new")
    assert Neo4jSettings.from_env().user == "new", "cypher-shell's NEO4J_USERNAME wins"


def test_build_takes_a_progress_flag_and_notes_metadata_only_documents(tmp_path: Path) -> None:
    result = run_cli("build", "--store", str(tmp_path / "s"), "--progress")
    assert result.returncode == 0, result.stderr
    assert "warning: " not in result.stderr or "no facts read" not in result.stderr, \
        "documents with only metadata are a note, not ten warnings"


def test_readme_python_example_runs(sample_store: Path) -> None:
    """The README's notebook example, run as written (with the store built by the fixture)."""
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"```python\n(.*?)```", readme, re.S)
    assert block, "the README has a ```python example"
    code = block.group(1).replace('".govkg/store"', repr(str(sample_store)))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "区工信和科技局" in result.stdout


def test_api_answers_are_dataclasses_with_pandas(sample_store: Path) -> None:
    import govkg
    kg = govkg.open(sample_store)
    answer = kg.members("区防治动物重大疫情指挥部")
    assert answer.resolved == "离石区防治动物重大疫病指挥部" and len(answer) > 0
    frame = answer.to_pandas()
    assert list(frame.columns)[:3] == ["member", "member_type", "role"] and len(frame) == len(answer)
    assert kg.sparql("ASK { ?m a org:Membership }").boolean is True
    with pytest.raises(govkg.errors.UnknownNameError):
        kg.person("没有这个人")


def test_readme_sparql_examples_all_run(sample_store: Path) -> None:
    import shlex
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("Ten examples:", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands: list[str] = []
    for line in block.splitlines():
        if line.startswith("govkg "):
            commands.append(line)
        elif line.strip() and not line.startswith("#"):
            commands[-1] += "\n" + line
    assert len(commands) == 10, f"ten examples, found {len(commands)}"
    for command in commands:
        args = shlex.split(command)[1:]
        result = run_cli(*args, "--store", str(sample_store))
        assert result.returncode == 0 and result.stdout.strip(), f"{command}\n{result.stderr}"


def test_every_directory_of_the_package_is_listed_in_pyproject() -> None:
    """An unlisted directory makes setuptools print a screenful of 'package would be ignored'."""
    import tomllib
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    outside = {"tests", "tools", "bench", "build", "artifacts"}
    for d in ROOT.rglob("*"):
        rel = d.relative_to(ROOT)
        if d.is_dir() and rel.parts[0] not in outside and not any(p.startswith((".", "__")) for p in rel.parts) \
                and any(f.is_file() for f in d.iterdir()) and not any(p.endswith(".egg-info") for p in rel.parts):
            if rel.parts[0] in ("ontology", "loaders", "graph", "queries"):
                assert "govkg." + ".".join(rel.parts) in listed, f"{rel} is not in pyproject's packages"


def test_readme_console_questions_run_as_written(sample_store: Path) -> None:
    import shlex
    lines = [line[2:].split("#")[0] for line in (ROOT / "README.md").read_text("utf-8").split("```", 2)[1].splitlines()
             if line.startswith("$ govkg ask")]
    assert lines, "the README opens with example questions"
    for line in lines:
        result = run_cli(*shlex.split(line)[1:], env={"GOVKG_STORE": str(sample_store)})
        assert result.returncode == 0, f"{line}: {result.stderr}"
