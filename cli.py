"""govkg's command line: a thin shell over the library (sqlite-utils' habit).

Errors are GovkgError subclasses raised by the library; only here do they become one red line on
stderr and an exit code (2 for bad input, store or server; 1 for an unknown name).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from govkg.errors import GovkgError, InputError

app = typer.Typer(help="govkg: who leads what in Chinese local government, from the gazettes they publish.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
ask_app = typer.Typer(help="Ask a named question of the graph.", no_args_is_help=True)
export_app = typer.Typer(help="Write the graph in an interchange format.", no_args_is_help=True)
load_app = typer.Typer(help="Load the graph into a database server.", no_args_is_help=True)
app.add_typer(ask_app, name="ask")
app.add_typer(export_app, name="export")
app.add_typer(load_app, name="load")

# Data is never read as rich markup or emoji codes: a name like `[/]` or `root:x:0` prints as itself.
out = Console(markup=False, emoji=False, highlight=False)
err = Console(stderr=True, markup=False, emoji=False, highlight=False)

StoreOpt = Annotated[Optional[Path], typer.Option("--store", help="store directory (default: $GOVKG_STORE or ~/.local/share/govkg/store)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON instead of a table")]
PathsArg = Annotated[Optional[list[Path]], typer.Argument(help="gazette text files or directories of them (default: the bundled sample gazette)")]


class BackendName(str, Enum):
    oxigraph = "oxigraph"
    neo4j = "neo4j"


BackendOpt = Annotated[BackendName, typer.Option("--backend", help="answer from the embedded store or from Neo4j")]


def fail(e: GovkgError) -> None:
    err.print(Text.assemble(("error:", "red"), " ", " ".join(str(e).splitlines())), soft_wrap=True)
    raise typer.Exit(e.exit_code)


def warn(message: str) -> None:
    err.print(Text.assemble(("warning:", "yellow"), " ", message), soft_wrap=True)


def guarded(fn: Callable[[], None]) -> None:
    """Run a command body; errors become one line and an exit code, never a traceback."""
    try:
        fn()
    except GovkgError as e:
        fail(e)
    except OSError as e:  # a path the library did not foresee (permissions, a full disk...)
        fail(InputError(f"{e.filename or ''}: {e.strerror or e}".lstrip(": ")))
    except RecursionError:
        fail(InputError("input nested too deeply"))


def _paths(paths: list[Path] | None) -> list[Path]:
    """The files to read: each PATH, a directory standing for its *.txt files; default the sample."""
    from govkg.loaders.pipeline import sample_gazette
    if not paths:
        return [sample_gazette()]
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.txt"))
            if not found:
                raise InputError(f"{path}: a directory with no *.txt gazette in it")
            files.extend(found)
        else:
            files.append(path)
    return files


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _write(text: str, dest: Path | None) -> None:
    if dest:
        try:
            dest.write_text(text, encoding="utf-8")
        except OSError as e:
            raise InputError(f"{dest}: cannot write: {e.strerror or e}") from None
    else:
        sys.stdout.write(text)


@app.command()
def build(paths: PathsArg = None, store: StoreOpt = None) -> None:
    """Read gazettes and (re)build the embedded store from them, atomically.

    Example: govkg build gazette.txt --store ./kg
    """
    def run() -> None:
        from govkg.graph.rdf import facts_to_quads
        from govkg.graph.store import store_path, write_store
        from govkg.loaders.pipeline import extract_paths
        extraction = extract_paths(_paths(paths))
        target = store_path(store)
        quads = facts_to_quads(extraction.facts, extraction.aliases)
        write_store(target, quads)
        for path, enc in extraction.encodings.items():
            out.print(f"read {path} ({enc})", highlight=False)
        kinds = Counter(f.kind for f in extraction.facts)
        out.print(f"{len(extraction.documents)} documents -> {len(extraction.facts)} facts, {len(quads)} triples in {target}",
                  highlight=False, soft_wrap=True)
        table = Table()
        table.add_column("kind")
        table.add_column("facts", justify="right")
        for kind, n in sorted(kinds.items()):
            table.add_row(kind, str(n))
        out.print(table)
        for w in extraction.warnings:
            warn(w)
    guarded(run)


NEO4J_OVERRIDES: dict[str, str | None] = {}


@ask_app.callback()
def ask_options(
    uri: Annotated[Optional[str], typer.Option("--uri", help="with --backend neo4j: Bolt URI (default $NEO4J_URI)")] = None,
    user: Annotated[Optional[str], typer.Option("--user", help="with --backend neo4j: user (default $NEO4J_USER)")] = None,
    password: Annotated[Optional[str], typer.Option("--password", help="with --backend neo4j: password (default $NEO4J_PASSWORD)")] = None,
    database: Annotated[Optional[str], typer.Option("--database", help="with --backend neo4j: database (default $NEO4J_DATABASE)")] = None,
) -> None:
    """Ask a named question of the graph (embedded store, or Neo4j with --backend neo4j).

    Example: govkg ask --uri bolt://db:7687 who-leads 区工科局 --backend neo4j
    """
    NEO4J_OVERRIDES.update(uri=uri, user=user, password=password, database=database)


def _questions(store: Path | None, backend: BackendName):
    from govkg.queries.answers import Questions
    if backend is BackendName.neo4j:
        from govkg.graph.neo4j_backend import Neo4jBackend
        return Questions(Neo4jBackend.from_env(**NEO4J_OVERRIDES))
    from govkg.graph.store import open_store, store_path
    from govkg.queries.backends import OxigraphBackend
    return Questions(OxigraphBackend(open_store(store_path(store))))


def _table(title: str, rows: list[dict], columns: list[str]) -> None:
    table = Table(title=title)
    for c in columns:
        table.add_column(c)
    for r in rows:
        table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
    out.print(table)


@ask_app.command("who-leads")
def who_leads(name: str, store: StoreOpt = None, as_json: JsonOpt = False, backend: BackendOpt = BackendName.oxigraph) -> None:
    """Who leads a body (current leadership posts) or a group (its leading roles).

    Example: govkg ask who-leads 区工科局
    """
    def run() -> None:
        a = _questions(store, backend).who_leads(name)
        _print_json(a) if as_json else _table(f"{a['resolved']} ({a['type']})", a["leaders"], ["person", "title", "body", "doc", "line"])
    guarded(run)


@ask_app.command()
def person(name: str, store: StoreOpt = None, as_json: JsonOpt = False, backend: BackendOpt = BackendName.oxigraph) -> None:
    """Every post a person has held or holds, and the groups they sit on.

    Example: govkg ask person 任凯旋
    """
    def run() -> None:
        a = _questions(store, backend).person(name)
        if as_json:
            return _print_json(a)
        _table(f"{a['person']}: posts", a["posts"], ["body", "title", "status", "event", "date", "doc", "line"])
        _table(f"{a['person']}: groups", a["groups"], ["group", "role", "doc", "line"])
    guarded(run)


@ask_app.command()
def members(group: str, store: StoreOpt = None, as_json: JsonOpt = False, backend: BackendOpt = BackendName.oxigraph) -> None:
    """Who and what sits on a leading group, and where its office is.

    Example: govkg ask members 区防治动物重大疫情指挥部
    """
    def run() -> None:
        a = _questions(store, backend).members(group)
        if as_json:
            return _print_json(a)
        _table(a["group"], a["members"], ["member", "member_type", "role", "doc", "line"])
        if a["office"]:
            out.print(f"office: {a['office']['host_body']}, director {a['office']['director'] or '-'}", highlight=False)
    guarded(run)


@ask_app.command()
def responsible(task: str, doc: Annotated[Optional[str], typer.Option("--doc", help="document number, e.g. 离政发〔2024〕30号")] = None,
                store: StoreOpt = None, as_json: JsonOpt = False, backend: BackendOpt = BackendName.oxigraph) -> None:
    """Which bodies are responsible for task N of a plan, with their role.

    Example: govkg ask responsible 26 --doc 离政发〔2024〕30号
    """
    def run() -> None:
        a = _questions(store, backend).responsible(task, doc)
        _print_json(a) if as_json else _table(f"{a['doc']} task {a['task']}: {a['title']}", a["bodies"], ["body", "role", "collective", "line"])
    guarded(run)


@ask_app.command()
def tasks(body: str, store: StoreOpt = None, as_json: JsonOpt = False, backend: BackendOpt = BackendName.oxigraph) -> None:
    """The plan tasks a body is named for.

    Example: govkg ask tasks 区财政局
    """
    def run() -> None:
        a = _questions(store, backend).tasks(body)
        _print_json(a) if as_json else _table(a["body"], a["tasks"], ["doc", "task", "title", "role", "line"])
    guarded(run)


@ask_app.command()
def duties(body: str, store: StoreOpt = None, as_json: JsonOpt = False, backend: BackendOpt = BackendName.oxigraph) -> None:
    """What a body is charged with in groups and plans.

    Example: govkg ask duties 区财政局
    """
    def run() -> None:
        a = _questions(store, backend).duties(body)
        _print_json(a) if as_json else _table(a["body"], a["duties"], ["doc", "context", "text", "line"])
    guarded(run)


class ExportFormat(str, Enum):
    facts = "facts"
    aliases = "aliases"
    turtle = "turtle"
    ntriples = "ntriples"
    jsonld = "jsonld"
    graphml = "graphml"


@export_app.callback(invoke_without_command=True)
def export(ctx: typer.Context) -> None:
    """Export the store: facts (JSONL, FACTS.md), aliases (JSONL), turtle, ntriples, jsonld, graphml."""


def _export(fmt: ExportFormat, store: Path | None, dest: Path | None) -> None:
    from pyoxigraph import RdfFormat, serialize

    from govkg.graph.mapping import mapping
    from govkg.graph.rdf import aliases_from_store, facts_from_store
    from govkg.graph.store import open_store, store_path
    from govkg.ontology.facts import fact_to_json
    st = open_store(store_path(store))
    if fmt is ExportFormat.facts:
        _write("".join(json.dumps(fact_to_json(f), ensure_ascii=False) + "\n" for f in facts_from_store(st)), dest)
    elif fmt is ExportFormat.aliases:
        _write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in aliases_from_store(st)), dest)
    elif fmt is ExportFormat.graphml:
        import networkx as nx

        from govkg.graph.networkx_sink import facts_to_networkx
        graph = facts_to_networkx(facts_from_store(st))
        for _, data in graph.nodes(data=True):
            data.update({k: str(v) for k, v in data.items()})
        text = "\n".join(nx.generate_graphml(graph)) + "\n"
        _write(text, dest)
    else:
        rdf_format = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD}[fmt.value]
        triples = [q.triple for q in st]
        prefixes = {k: v for k, v in mapping()["prefixes"].items()} if rdf_format is RdfFormat.TURTLE else None
        kwargs = {"prefixes": prefixes} if prefixes else {}
        _write(serialize(triples, format=rdf_format, **kwargs).decode("utf-8"), dest)


def _export_command(fmt: ExportFormat) -> None:
    def command(store: StoreOpt = None, dest: Annotated[Optional[Path], typer.Option("--out", help="write here instead of stdout")] = None) -> None:
        guarded(lambda: _export(fmt, store, dest))
    command.__doc__ = f"Export the store as {fmt.value}.\n\nExample: govkg export {fmt.value} --out graph.{fmt.value}"
    export_app.command(fmt.value)(command)


for _fmt in ExportFormat:
    _export_command(_fmt)


@app.command()
def sparql(query: Annotated[str, typer.Argument(help="SPARQL text, or a path to a .rq file")],
           store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Run your own SPARQL on the embedded store.

    Example: govkg sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    def run() -> None:
        from govkg.graph.store import open_store, store_path
        from govkg.queries.backends import run_sparql
        text = Path(query).read_text("utf-8") if query.endswith(".rq") and Path(query).exists() else query
        try:
            result = run_sparql(open_store(store_path(store)), text)
        except (SyntaxError, ValueError, RuntimeError) as e:
            raise GovkgError(f"SPARQL failed: {e}") from e
        if isinstance(result, bytes):
            sys.stdout.write(result.decode("utf-8"))
            return
        cols, rows = result
        _print_json(rows) if as_json else _table("SPARQL", rows, cols)
    guarded(run)


UriOpt = Annotated[Optional[str], typer.Option("--uri", help="Bolt URI (default: $NEO4J_URI or bolt://127.0.0.1:7687)")]
UserOpt = Annotated[Optional[str], typer.Option("--user", help="Neo4j user (default: $NEO4J_USER or neo4j)")]
PasswordOpt = Annotated[Optional[str], typer.Option("--password", help="Neo4j password (default: $NEO4J_PASSWORD)", show_default=False)]
DatabaseOpt = Annotated[Optional[str], typer.Option("--database", help="Neo4j database (default: $NEO4J_DATABASE or neo4j)")]


def _neo4j_settings(uri: str | None, user: str | None, password: str | None, database: str | None):
    from govkg.graph.neo4j_backend import Neo4jSettings
    return Neo4jSettings.from_env(uri=uri, user=user, password=password, database=database)


@load_app.command("neo4j")
def load_neo4j(paths: PathsArg = None,
               store: Annotated[Optional[Path], typer.Option("--store", help="load the facts of this embedded store instead of reading gazettes")] = None,
               uri: UriOpt = None, user: UserOpt = None, password: PasswordOpt = None, database: DatabaseOpt = None,
               batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="facts per transaction (whole documents)")] = 500,
               progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="progress bar (default: when stderr is a terminal)")] = None) -> None:
    """Load gazettes (or an embedded store) into Neo4j: idempotent MERGEs, whole documents per transaction.

    Example: NEO4J_PASSWORD=... govkg load neo4j gazette.txt --uri bolt://127.0.0.1:7687
    """
    def run() -> None:
        from rich.progress import Progress

        from govkg.graph.neo4j_load import load
        from govkg.graph.neo4j_backend import connect
        settings = _neo4j_settings(uri, user, password, database)
        connect(settings).close()  # fail fast on server, credentials, database: before reading anything
        if store is not None:
            from govkg.graph.rdf import aliases_from_store, facts_from_store
            from govkg.graph.store import open_store
            st = open_store(store)
            facts, aliases, source = facts_from_store(st), aliases_from_store(st), str(store)
        else:
            from govkg.loaders.pipeline import extract_paths
            extraction = extract_paths(_paths(paths))
            facts, aliases, source = extraction.facts, extraction.aliases, ", ".join(extraction.encodings)
            for w in extraction.warnings:
                warn(w)
        show = err.is_terminal if progress is None else progress
        if show:
            with Progress(console=err, transient=True) as bar:
                task = bar.add_task("loading into Neo4j", total=len(facts))
                report = load(facts, aliases, settings=settings, batch_size=batch_size,
                              progress=lambda done, total: bar.update(task, completed=done))
        else:
            report = load(facts, aliases, settings=settings, batch_size=batch_size)
        out.print(f"loaded {report.facts} facts from {source} into {settings.where()} in {report.transactions} "
                  f"transactions, {report.seconds:.2f}s", highlight=False, soft_wrap=True)
        out.print(f"{report.nodes} nodes, {report.relationships} relationships", highlight=False)
        table = Table()
        table.add_column("label / type")
        table.add_column("count", justify="right")
        for name, n in [*report.labels.items(), *report.types.items()]:
            table.add_row(name, str(n))
        out.print(table)
    guarded(run)


def _cypher_params(items: list[str] | None) -> dict[str, object]:
    """key=value (text) or key:=json (number, list, ...)."""
    from govkg.errors import InputError
    params: dict[str, object] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(f"--param {item!r}: expected key=value or key:=json")
        if key.endswith(":"):
            try:
                params[key[:-1]] = json.loads(value)
            except json.JSONDecodeError as e:
                raise InputError(f"--param {item!r}: not JSON: {e}") from e
            except RecursionError:
                raise InputError(f"--param {item[:40]!r}...: JSON nested too deeply") from None
        else:
            params[key] = value
    return params


@app.command()
def cypher(query: Annotated[str, typer.Argument(help="Cypher text, or a path to a .cypher file")],
           param: Annotated[Optional[list[str]], typer.Option("--param", help="key=value (text) or key:=json; repeatable")] = None,
           write: Annotated[bool, typer.Option("--write", help="allow a query that writes (refused otherwise)")] = False,
           as_json: JsonOpt = False, uri: UriOpt = None, user: UserOpt = None, password: PasswordOpt = None,
           database: DatabaseOpt = None) -> None:
    """Run your own Cypher on Neo4j; read-only unless --write.

    Example: govkg cypher 'MATCH (b:Body {name: $name})<-[h:HOLDS]-(p) RETURN p.name, h.title' --param name=区财政局
    """
    def run() -> None:
        from govkg.graph.neo4j_backend import Neo4jBackend, Neo4jSettings, connect
        path = Path(query)
        text = path.read_text("utf-8") if query.endswith(".cypher") and path.exists() else query
        params = _cypher_params(param)
        settings: Neo4jSettings = _neo4j_settings(uri, user, password, database)
        with Neo4jBackend(connect(settings), settings) as backend:
            cols, rows, counters = backend.run_cypher(text, params, write=write)
        if as_json:
            _print_json(rows)
        else:
            _table("Cypher", [{c: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
                               for c, v in r.items()} for r in rows], cols)
        if counters:
            err.print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counters.items()), highlight=False)
    guarded(run)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
