"""End to end: build the sample gazette with the real CLI and ask every question."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE, cli_json, run_cli


def test_who_leads_resolves_an_abbreviated_body(sample_store: Path) -> None:
    answer = cli_json("ask", "who-leads", "区工科局", "--store", str(sample_store))
    assert answer["resolved"] == "区工信和科技局", "区工科局 is the abbreviation of 区工信和科技局"
    assert answer["answers"], "区工信和科技局 has leaders appointed in the gazette"
    for leader in answer["answers"]:
        assert {"person", "title", "body", "doc", "line"} <= leader.keys()
        assert leader["doc"].endswith("号") and leader["line"] > 0, "every answer names its document and line"


def test_who_leads_a_group_lists_its_leading_roles(sample_store: Path) -> None:
    answer = cli_json("ask", "members", "吕梁市离石区推动大规模设备更新和消费品以旧换新工作专班", "--store", str(sample_store))
    leaders = cli_json("ask", "who-leads", answer["resolved"], "--store", str(sample_store))["answers"]
    assert leaders and leaders[0]["title"] == "组长", f"the 组长 leads a 专班 and comes first, got {leaders[:1]}"
    assert all(leader["title"] != "成员" for leader in leaders), "plain members are not leaders"


def test_responsible_lists_every_body_of_task_26(sample_store: Path) -> None:
    answer = cli_json("ask", "responsible", "26", "--doc", "离政发〔2024〕30号", "--store", str(sample_store))
    bodies = {b["body"] for b in answer["answers"]}
    assert answer["context"]["title"] == "加快重点行业污染深度治理"
    assert {"市生态环境局离石分局", "区能源局", "区工信和科技局"} <= bodies, f"got {bodies}"
    assert all(b["role"] in ("lead", "responsible", "support") for b in answer["answers"])


def test_person_lists_posts_with_status(sample_store: Path) -> None:
    answer = cli_json("ask", "person", "任凯旋", "--store", str(sample_store))
    statuses = {(p["organization"], p["title"]): p["status"] for p in answer["answers"] if p["relation"] == "post"}
    assert statuses.get(("区医疗保险服务中心", "主任")) == "current", f"appointed in 31号: {statuses}"
    assert statuses.get(("区综合检验检测中心", "副主任")) == "former", f"removed in 31号: {statuses}"


def test_members_of_a_group_include_its_office(sample_store: Path) -> None:
    answer = cli_json("ask", "members", "吕梁市离石区推动大规模设备更新和消费品以旧换新工作专班", "--store", str(sample_store))
    assert any(m["member"] == "张海文" and m["role"] == "组长" for m in answer["answers"])
    assert answer["context"]["office"] and answer["context"]["office"]["host_body"] == "区发展和改革局"


def test_tasks_and_duties_of_a_body(sample_store: Path) -> None:
    tasks = cli_json("ask", "tasks", "区财政局", "--store", str(sample_store))
    assert any(t["doc"] == "离政发〔2024〕30号" for t in tasks["answers"]), "区财政局 is named in the air-quality plan"
    duties = cli_json("ask", "duties", "区财政局", "--store", str(sample_store))
    assert any("经费" in d["text"] for d in duties["answers"]), "区财政局 pays for the epidemic response"


def test_unknown_name_exits_1_and_suggests(sample_store: Path) -> None:
    result = run_cli("ask", "who-leads", "区财务局", "--store", str(sample_store))
    assert result.returncode == 1
    assert "区财政局" in result.stderr, f"the closest known body should be suggested: {result.stderr}"


def test_sparql_for_researchers(sample_store: Path) -> None:
    result = run_cli("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(sample_store), "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["head"]["vars"] == ["n"]


def test_build_reports_what_it_read(tmp_path: Path) -> None:
    result = run_cli("build", str(SAMPLE), "--store", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    assert "utf-8" in result.stdout and "documents" in result.stdout and "task" in result.stdout


def test_export_formats_write_rdf(sample_store: Path, tmp_path: Path) -> None:
    for fmt, marker in [("turtle", "@prefix"), ("ntriples", "<https://w3id.org/govkg/"), ("jsonld", "@id"),
                        ("graphml", "<graphml"), ("aliases", "区工科局")]:
        result = run_cli("export", fmt, "--store", str(sample_store), "--out", str(tmp_path / f"x.{fmt}"))
        assert result.returncode == 0, f"export {fmt}: {result.stderr}"
        assert marker in (tmp_path / f"x.{fmt}").read_text("utf-8"), f"export {fmt} should contain {marker}"


def test_garbage_input_exits_2_and_leaves_the_store_untouched(sample_store: Path, tmp_path: Path) -> None:
    before = cli_json("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(sample_store))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (tmp_path / "nodoc.txt").write_text("特此通知\n（此件公开发布）\n", encoding="utf-8")
    for bad in ("empty.txt", "binary.txt", "nodoc.txt"):
        result = run_cli("build", str(SAMPLE), str(tmp_path / bad), "--store", str(sample_store))
        assert result.returncode == 2, f"{bad}: expected exit 2, got {result.returncode}"
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and bad in lines[0], f"{bad}: expected one line naming the file, got {result.stderr!r}"
    after = cli_json("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(sample_store))
    assert before == after, "a failed build must not touch the existing store"


def test_a_group_is_found_by_the_short_name_the_gazette_also_uses(sample_store: Path) -> None:
    answer = cli_json("ask", "members", "区防治动物重大疫情指挥部", "--store", str(sample_store))
    assert answer["resolved"] == "离石区防治动物重大疫病指挥部", "the plan also calls its 指挥部 by this short form"
    assert answer["resolved_from"] == "区防治动物重大疫情指挥部", "the answer says what it was resolved from"
    assert any(m["role"] == "指挥长" for m in answer["answers"])


def test_build_reads_a_directory_of_gazettes(tmp_path: Path) -> None:
    issues = tmp_path / "gazettes"
    issues.mkdir()
    (issues / "a.txt").write_text(SAMPLE.read_text("utf-8"), "utf-8")
    (issues / "b.txt").write_text((Path(__file__).parent / "eval" / "heldout" / "city-xiaoyi.txt").read_text("utf-8"), "utf-8")
    result = run_cli("build", str(issues), "--store", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    assert "a.txt" in result.stdout and "b.txt" in result.stdout, "both files of the directory are read"
    docs = cli_json("sparql", "SELECT (COUNT(?d) AS ?n) WHERE { ?d a <https://w3id.org/govkg/ontology#Document> }",
                    "--store", str(tmp_path / "s"))
    assert int(docs["results"]["bindings"][0]["n"]["value"]) > 32, "the documents of both gazettes are in the store"


def test_a_command_leaving_without_teardown_still_writes_all_its_output(sample_store, sample_facts_file):
    # the CLI ends with os._exit after flushing (cli.main): a large stdout must arrive whole
    result = run_cli("export", "facts", "--store", str(sample_store))
    assert result.returncode == 0, f"export facts failed: {result.stderr}"
    expected = sample_facts_file.read_text("utf-8")
    assert result.stdout == expected, (
        f"expected the {len(expected)} characters --out writes on stdout too, got {len(result.stdout)}")


def test_exit_codes_survive_leaving_without_teardown(sample_store):
    unknown = run_cli("ask", "who-leads", "区不存在局", "--store", str(sample_store))
    assert unknown.returncode == 1 and "unknown" in unknown.stderr, (
        f"expected exit 1 and the unknown-name line, got {unknown.returncode}: {unknown.stderr!r}")
    usage = run_cli("no-such-command")
    assert usage.returncode == 2, f"expected a usage error's exit 2, got {usage.returncode}"
