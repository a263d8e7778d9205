"""govkg's command line: a thin shell over the library (sqlite-utils' habit).

Errors are GovkgError subclasses raised by the library; only here do they become one red line on
stderr and an exit code (2 for bad input, store or server; 1 for an unknown name).

The annotations here are evaluated when the module is read (no `from __future__ import
annotations`): typer reads every command's parameters at every call, and evaluating them from
strings there took 7 ms of each command's start.
"""

import csv
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Optional

from govkg.loaders import regex_memo as _regex_memo  # noqa: F401  (first: typer's and rich's patterns too come from stored programs)

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from govkg.errors import GovkgError, InputError, InternalError

app = typer.Typer(help="govkg: who leads what in Chinese local government, from the gazettes they publish.\n\n"
                       "Exit codes: 0 answered; 1 a name or task not in the graph (closest names suggested); "
                       "2 bad input, a refused or malformed query, a missing store or an unreachable server.",
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

StoreOpt = Annotated[Optional[Path], typer.Option("--store", help="store directory (default: $GOVKG_STORE, else ./.govkg/store if there is one, else ~/.local/share/govkg/store)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON instead of a table")]
PathsArg = Annotated[Optional[list[Path]], typer.Argument(help="gazette text files or directories of them (default: the bundled sample gazette)")]


TimeoutOpt = Annotated[float, typer.Option("--timeout", min=0.1, help="give up after this many seconds (exit 2)")]
ProgressOpt = Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="progress bar (default: when stderr is a terminal)")]


class BackendName(str, Enum):
    oxigraph = "oxigraph"
    neo4j = "neo4j"


BackendOpt = Annotated[BackendName, typer.Option("--backend", help="answer from the embedded store or from Neo4j")]


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"


FormatOpt = Annotated[Optional[OutputFormat], typer.Option("--format", help="table (default), json, csv or tsv")]


def _format(fmt: OutputFormat | None, as_json: bool) -> OutputFormat:
    return OutputFormat.json if as_json else (fmt or OutputFormat.table)


def error_json(e: GovkgError) -> dict:
    """An error as --json prints it on stdout: the same exit code, the message, suggestions if any."""
    data: dict = {"type": type(e).__name__, "message": str(e), "exit_code": e.exit_code}
    if getattr(e, "suggestions", None) is not None:
        data["suggestions"] = e.suggestions  # type: ignore[attr-defined]
    return {"error": data}


def fail(e: GovkgError, as_json: bool = False) -> None:
    if as_json:
        _print_json(error_json(e))
    else:
        err.print(Text.assemble(("error:", "red"), " ", " ".join(str(e).splitlines())), soft_wrap=True)
    raise typer.Exit(e.exit_code)


def warn(message: str) -> None:
    err.print(Text.assemble(("warning:", "yellow"), " ", message), soft_wrap=True)


def guarded(fn: Callable[[], None], as_json: bool = False) -> None:
    """Run a command body; a GovkgError becomes one line (or one JSON object under --json) and its
    exit code, never a traceback."""
    try:
        fn()
    except GovkgError as e:
        fail(e, as_json)
    except OSError as e:  # a path the library did not foresee (permissions, a full disk...)
        fail(InputError(f"{e.filename or ''}: {e.strerror or e}".lstrip(": ")), as_json)
    except RecursionError:
        fail(InputError("input nested too deeply"), as_json)
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as e:  # the last line of defence: one line, never a traceback
        message = " ".join(str(e).split())[:300]
        fail(InternalError(f"unexpected {type(e).__name__}: {message} (please report this with the command you ran)"), as_json)


def _paths(paths: list[Path] | None) -> list[Path]:
    """The files to read: each PATH, a directory standing for its *.txt and *.pdf files; default the sample."""
    from govkg.loaders.pipeline import sample_gazette
    if not paths:
        return [sample_gazette()]
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".txt", ".pdf"))
            if not found:
                raise InputError(f"{path}: a directory with no *.txt or *.pdf gazette in it")
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


JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="extract documents in this many processes")]


def _bar(progress: bool | None):
    """A progress callback drawing documents done and documents/s on stderr (None: no bar),
    and the context that shows it."""
    import contextlib
    import time

    if not (err.is_terminal if progress is None else progress):
        return contextlib.nullcontext(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # only to draw one

    @contextlib.contextmanager
    def shown():
        start = time.perf_counter()
        with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("documents {task.fields[rate]}"), TimeElapsedColumn(),
                      console=err, transient=True) as bar:
            task = bar.add_task("extract", total=None, rate="")

            def update(done: int, total: int) -> None:
                rate = done / max(time.perf_counter() - start, 1e-9)
                bar.update(task, completed=done, total=total, rate=f"{rate:.1f}/s")
            yield update
    return shown()


def _extract(paths: list[Path] | None, jobs: int, progress: bool | None):
    """Extract the gazettes, with a progress bar on a terminal."""
    from govkg.loaders.pipeline import extract_paths
    files = _paths(paths)
    with _bar(progress) as update:
        return extract_paths(files, jobs, update)


def _report(change, target: Path) -> None:
    """What a build / add / remove did, the store's size, facts per kind, warnings."""
    run = change.extraction
    if run is not None:
        for path, enc in run.encodings.items():
            out.print(f"read {path} ({enc})", highlight=False)
    for label, numbers in (("added", change.added), ("replaced (already in the store)", change.replaced),
                           ("removed", change.removed)):
        if numbers and (label != "added" or change.replaced or change.removed):
            out.print(f"{label}: {'、'.join(numbers)}", highlight=False, soft_wrap=True)
    for number in change.duplicates:
        warn(f"document {number} is printed more than once in the input")
    kinds = change.kinds
    out.print(f"{change.documents} documents -> {change.facts} facts, {change.triples} triples in {target}",
              highlight=False, soft_wrap=True)
    if change.incremental:
        out.print("extended in place: no earlier fact changed, so only the new documents' triples were written",
                  highlight=False, soft_wrap=True)
    table = Table()
    table.add_column("kind")
    table.add_column("facts", justify="right")
    for kind, n in sorted(kinds.items()):
        table.add_row(kind, str(n))
    out.print(table)
    _print_warnings(run.warnings if run is not None else [])


def _read_into_store(how: str, paths: list[Path] | None, store: Path | None, jobs: int, progress: bool | None) -> None:
    """`build` or `add`: extract the gazettes (progress bar on a terminal) into the store, report."""
    from govkg.graph import corpus
    from govkg.graph.store import store_path
    target = store_path(store)
    files = _paths(paths)
    with _bar(progress) as update:
        change = getattr(corpus, how)(target, files, jobs, update)
    _report(change, target)


def _version(value: bool) -> None:
    if value:
        from govkg import __version__
        out.print(f"govkg {__version__}", highlight=False)
        raise typer.Exit(0)


@app.callback()
def main_options(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                       help="print the version and exit")] = False) -> None:
    """govkg: who leads what in Chinese local government, from the gazettes they publish.

    Exit codes: 0 answered; 1 a name or task not in the graph (closest names suggested);
    2 bad input (unreadable file, bad query, refused UPDATE), a missing store or an unreachable server.
    """


@app.command()
def build(paths: PathsArg = None, store: StoreOpt = None, jobs: JobsOpt = 1, progress: ProgressOpt = None) -> None:
    """Read gazettes and (re)build the embedded store from them, atomically.

    Example: govkg build gazette.txt --store ./kg --jobs 2
    """
    guarded(lambda: _read_into_store("build", paths, store, jobs, progress))


@app.command()
def add(paths: Annotated[list[Path], typer.Argument(help="gazette text files or directories of them")],
        store: StoreOpt = None, jobs: JobsOpt = 1, progress: ProgressOpt = None) -> None:
    """Add gazettes to an existing store without re-reading the others; a document already in
    the store is replaced.

    Example: govkg add gazette-2024-4.txt --store ./kg
    """
    guarded(lambda: _read_into_store("add", paths, store, jobs, progress))


@app.command()
def remove(docs: Annotated[list[str], typer.Argument(help="document numbers, e.g. 离政发〔2024〕30号")],
           store: StoreOpt = None) -> None:
    """Take documents out of the store (by document number).

    Example: govkg remove 离政发〔2024〕30号 --store ./kg
    """
    def run() -> None:
        from govkg.graph import corpus
        from govkg.graph.store import store_path
        target = store_path(store)
        _report(corpus.remove(target, docs), target)
    guarded(run)


@app.command()
def text(path: Annotated[Path, typer.Argument(help="a PDF (or text) gazette")],
         dest: Annotated[Optional[Path], typer.Option("--out", help="write here instead of stdout")] = None,
         pages: Annotated[bool, typer.Option("--pages", help="prefix each line with its page")] = False) -> None:
    """The text govkg reads from a PDF, column by column: line N here is the `line` of its facts.

    Example: govkg text gazette.pdf --out gazette.txt
    """
    def run() -> None:
        from govkg.loaders.pdf import is_pdf, read_pdf
        from govkg.loaders.text import decode
        if is_pdf(path):
            read = read_pdf(path)
            lines = [f"{p}\t{t}" if pages else t for p, t in zip(read.pages, read.lines)]
            for w in read.warnings:
                err.print(f"[yellow]warning:[/yellow] {w}", highlight=False, soft_wrap=True)
        else:
            try:
                data = path.read_bytes()
            except OSError as e:
                raise InputError(f"{path}: cannot read: {e.strerror or e}") from e
            lines = decode(data, str(path))[0].splitlines()
        _write("".join(f"{ln}\n" for ln in lines), dest)
    guarded(run)


METADATA_ONLY = ": no facts read beyond its metadata"


def _print_warnings(warnings: list[str]) -> None:
    """Real warnings one per line; documents that only have metadata (notices, announcements: normal
    in a gazette) in one plain note, so a good build does not read as a failure."""
    only_metadata = [w[: -len(METADATA_ONLY)].rsplit(": ", 1)[-1] for w in warnings if w.endswith(METADATA_ONLY)]
    for w in warnings:
        if not w.endswith(METADATA_ONLY):
            warn(w)
    if only_metadata:
        err.print(f"note: {len(only_metadata)} documents have no roster, appointment, task, duty or reply to read "
                  f"(their number, title and date are in the graph): {'、'.join(only_metadata[:10])}"
                  + (f" and {len(only_metadata) - 10} more" if len(only_metadata) > 10 else ""), highlight=False, soft_wrap=True)


NEO4J_OVERRIDES: dict[str, str | None] = {}

PlaceOpt = Annotated[Optional[str], typer.Option("--place", help="the place the name is in (吕梁市离石区, or its last part 离石区) "
                                                 "when several places have one by that name")]
UriOpt = Annotated[Optional[str], typer.Option("--uri", help="Bolt URI (default: $NEO4J_URI or bolt://127.0.0.1:7687)")]
UserOpt = Annotated[Optional[str], typer.Option("--user", help="Neo4j user (default: $NEO4J_USERNAME, $NEO4J_USER or neo4j)")]
PasswordOpt = Annotated[Optional[str], typer.Option("--password", help="Neo4j password (default: $NEO4J_PASSWORD)", show_default=False)]
DatabaseOpt = Annotated[Optional[str], typer.Option("--database", help="Neo4j database (default: $NEO4J_DATABASE or neo4j)")]


@ask_app.callback()
def ask_options(uri: UriOpt = None, user: UserOpt = None, password: PasswordOpt = None, database: DatabaseOpt = None) -> None:
    """Ask a named question of the graph (embedded store, or Neo4j with --backend neo4j).

    Connection flags go before or after the question: govkg ask who-leads 区工科局 --backend neo4j --uri bolt://db:7687
    """
    NEO4J_OVERRIDES.update(uri=uri, user=user, password=password, database=database)


def _graph(store: Path | None, backend: BackendName, conn: dict[str, str | None]):
    """The library's KnowledgeGraph (govkg.api) on the chosen backend; flags after the question win."""
    from govkg.api import KnowledgeGraph
    if backend is BackendName.neo4j:
        merged = {k: conn.get(k) or NEO4J_OVERRIDES.get(k) for k in ("uri", "user", "password", "database")}
        return KnowledgeGraph(backend="neo4j", **merged)
    return KnowledgeGraph(store)


PROVENANCE = ("doc", "line")


def _table(title: str | None, rows: list[dict], columns: list[str]) -> None:
    """A table that wraps long cells instead of cutting them: provenance (doc, line) is never elided."""
    from rich.cells import cell_len
    table = Table(title=title)
    for c in columns:
        whole = max((cell_len(str(r.get(c) or "")) for r in rows), default=0) if c in PROVENANCE else None
        table.add_column(c, overflow="fold", no_wrap=c in PROVENANCE, min_width=whole)
    for r in rows:
        table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
    out.print(table)


def _delimited(rows: list[dict], columns: list[str], delimiter: str) -> None:
    writer = csv.writer(sys.stdout, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow(["" if r.get(c) is None else r.get(c) for c in columns])


def _print_envelope(env: dict, fmt: OutputFormat) -> None:
    from govkg.queries.envelope import COLUMNS
    if fmt is OutputFormat.json:
        return _print_json(env)
    columns = [c for c in COLUMNS[env["question"]] if c in ("doc", "line") or any(r.get(c) is not None for r in env["answers"])]
    if fmt in (OutputFormat.csv, OutputFormat.tsv):
        return _delimited(env["answers"], columns, "," if fmt is OutputFormat.csv else "\t")
    title = env["resolved"] + (f" (resolved from {env['resolved_from']})" if env["resolved_from"] else "")
    if env["resolved_from"]:
        err.print(f"note: {env['resolved_from']!r} resolved to {env['resolved']!r}", highlight=False, soft_wrap=True)
    ctx = env["context"]
    if ctx.get("type"):
        title += f" ({ctx['type']})"
    if ctx.get("place"):
        title += f" in {ctx['place']}"
    if ctx.get("title"):
        title += f": {ctx['title']}"
    _table(title, env["answers"], columns)
    if ctx.get("office"):
        office = ctx["office"]
        out.print(f"office: {office['host_body']}, director {office['director'] or '-'} ({office['doc']}, line {office['line']})",
                  highlight=False, soft_wrap=True)
    if ctx.get("subgroups"):
        out.print("sub-groups: " + "、".join(ctx["subgroups"]), highlight=False, soft_wrap=True)


def _ask(question: str, call: Callable, store: Path | None, backend: BackendName, fmt: OutputFormat | None, as_json: bool,
         conn: dict[str, str | None], timeout: float) -> None:
    """Every ask: resolve, answer (within --timeout), wrap in the one envelope (queries/envelope.py), print."""
    from govkg.queries.deadline import within
    chosen = _format(fmt, as_json)

    def run() -> None:
        answer = within(timeout, lambda: call(_graph(store, backend, conn)).to_dict(), f"ask {question}")
        _print_envelope(answer, chosen)
    guarded(run, chosen is OutputFormat.json)


@ask_app.command("who-leads")
def who_leads(name: str, place: PlaceOpt = None, store: StoreOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = None,
              backend: BackendOpt = BackendName.oxigraph, uri: UriOpt = None, user: UserOpt = None,
              password: PasswordOpt = None, database: DatabaseOpt = None, timeout: TimeoutOpt = 30.0) -> None:
    """Who leads a body (current leadership posts) or a group (its leading roles).

    Example: govkg ask who-leads 区工科局
    """
    _ask("who-leads", lambda kg: kg.who_leads(name, place), store, backend, fmt, as_json, dict(uri=uri, user=user, password=password, database=database), timeout)


@ask_app.command()
def person(name: str, place: PlaceOpt = None, store: StoreOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = None,
           backend: BackendOpt = BackendName.oxigraph, uri: UriOpt = None, user: UserOpt = None,
           password: PasswordOpt = None, database: DatabaseOpt = None, timeout: TimeoutOpt = 30.0) -> None:
    """Every post a person has held or holds, and the groups they sit on.

    Example: govkg ask person 任凯旋
    """
    _ask("person", lambda kg: kg.person(name, place), store, backend, fmt, as_json, dict(uri=uri, user=user, password=password, database=database), timeout)


@ask_app.command()
def members(group: str, place: PlaceOpt = None, store: StoreOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = None,
            backend: BackendOpt = BackendName.oxigraph, uri: UriOpt = None, user: UserOpt = None,
            password: PasswordOpt = None, database: DatabaseOpt = None, timeout: TimeoutOpt = 30.0) -> None:
    """Who and what sits on a leading group, and where its office is.

    Example: govkg ask members 区防治动物重大疫情指挥部
    """
    _ask("members", lambda kg: kg.members(group, place), store, backend, fmt, as_json, dict(uri=uri, user=user, password=password, database=database), timeout)


@ask_app.command()
def responsible(task: str, doc: Annotated[Optional[str], typer.Option("--doc", help="document number, e.g. 离政发〔2024〕30号")] = None,
                store: StoreOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = None,
                backend: BackendOpt = BackendName.oxigraph, uri: UriOpt = None, user: UserOpt = None,
                password: PasswordOpt = None, database: DatabaseOpt = None, timeout: TimeoutOpt = 30.0) -> None:
    """Which bodies are responsible for task N of a plan, with their role.

    Example: govkg ask responsible 26 --doc 离政发〔2024〕30号
    """
    _ask("responsible", lambda kg: kg.responsible(task, doc), store, backend, fmt, as_json, dict(uri=uri, user=user, password=password, database=database), timeout)


@ask_app.command()
def tasks(body: str, place: PlaceOpt = None, store: StoreOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = None,
          backend: BackendOpt = BackendName.oxigraph, uri: UriOpt = None, user: UserOpt = None,
          password: PasswordOpt = None, database: DatabaseOpt = None, timeout: TimeoutOpt = 30.0) -> None:
    """The plan tasks a body is named for.

    Example: govkg ask tasks 区财政局
    """
    _ask("tasks", lambda kg: kg.tasks(body, place), store, backend, fmt, as_json, dict(uri=uri, user=user, password=password, database=database), timeout)


@ask_app.command()
def duties(body: str, place: PlaceOpt = None, store: StoreOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = None,
           backend: BackendOpt = BackendName.oxigraph, uri: UriOpt = None, user: UserOpt = None,
           password: PasswordOpt = None, database: DatabaseOpt = None, timeout: TimeoutOpt = 30.0) -> None:
    """What a body is charged with in groups and plans.

    Example: govkg ask duties 区财政局
    """
    _ask("duties", lambda kg: kg.duties(body, place), store, backend, fmt, as_json, dict(uri=uri, user=user, password=password, database=database), timeout)


@app.command()
def view(name: Annotated[str, typer.Argument(help="a group, body or person name, or a plan's document number")],
         dest: Annotated[Optional[Path], typer.Option("--out", help="HTML file to write (default: NAME.html)")] = None,
         timeline: Annotated[bool, typer.Option("--timeline", help="only a person's career timeline")] = False,
         place: PlaceOpt = None, store: StoreOpt = None) -> None:
    """Write one self-contained HTML picture (no network needed) of a group, body, person or plan.

    Example: govkg view 任凯旋 --place 离石区 --out 任凯旋.html
    """
    def run() -> None:
        p, html = _graph(store, BackendName.oxigraph, {}).view_html(name, timeline, place)
        target = dest or Path(f"{p.centre.label}.html".replace("/", "_"))
        try:
            target.write_text(html, encoding="utf-8")
        except OSError as e:
            raise InputError(f"{target}: cannot write the page ({e.strerror})") from None
        err.print(f"wrote {target}: {p.question}", highlight=False)
    guarded(run)


class ExportFormat(str, Enum):
    facts = "facts"
    aliases = "aliases"
    turtle = "turtle"
    ntriples = "ntriples"
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"
    ftm = "ftm"
    popolo = "popolo"
    csv = "csv"


EXPORT_HELP = {
    "facts": "the facts JSONL of FACTS.md", "aliases": "the body/group alias clusters as JSONL",
    "turtle": "RDF Turtle (govkg + W3C ORG/SKOS/PROV terms)", "ntriples": "RDF N-Triples",
    "jsonld": "compact JSON-LD with an @context", "graphml": "GraphML (UTF-8; Neo4j's nodes and relationships)",
    "gexf": "GEXF for Gephi (Neo4j's nodes and relationships)", "ftm": "FollowTheMoney entities, one JSON per line",
    "popolo": "Popolo JSON (persons, organizations, posts, memberships)",
    "csv": "CSV, one file per fact kind + persons/bodies/groups: a .zip, or a directory when --out has no .zip suffix",
}


@export_app.callback(invoke_without_command=True)
def export(ctx: typer.Context) -> None:
    """Export the store: facts, aliases, turtle, ntriples, jsonld, graphml, gexf, ftm, popolo, csv."""


def _export(fmt: ExportFormat, store: Path | None, dest: Path | None) -> None:
    from pyoxigraph import DefaultGraph, RdfFormat, serialize

    from govkg.graph import exports
    from govkg.graph.mapping import mapping
    from govkg.graph.rdf import aliases_from_store, facts_from_store
    from govkg.graph.store import open_store, store_path
    from govkg.ontology.facts import fact_to_json
    st = open_store(store_path(store))

    def ntriples() -> str:
        return serialize([q.triple for q in st.quads_for_pattern(None, None, None, DefaultGraph())],
                         format=RdfFormat.N_TRIPLES).decode("utf-8")

    if fmt is ExportFormat.facts:
        _write("".join(json.dumps(fact_to_json(f), ensure_ascii=False) + "\n" for f in facts_from_store(st)), dest)
    elif fmt is ExportFormat.aliases:
        _write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in aliases_from_store(st)), dest)
    elif fmt in (ExportFormat.graphml, ExportFormat.gexf):
        from govkg.graph.networkx_sink import facts_to_networkx, gexf, graphml
        graph = facts_to_networkx(facts_from_store(st), aliases_from_store(st))
        _write_bytes((graphml if fmt is ExportFormat.graphml else gexf)(graph), dest)
    elif fmt is ExportFormat.ftm:
        _write("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in exports.ftm_entities(facts_from_store(st))), dest)
    elif fmt is ExportFormat.popolo:
        _write(json.dumps(exports.popolo(facts_from_store(st)), ensure_ascii=False, indent=1) + "\n", dest)
    elif fmt is ExportFormat.csv:
        data = exports.write_csv(facts_from_store(st), dest)
        if data is not None:
            _write_bytes(data, None)
    elif fmt is ExportFormat.jsonld:
        _write(exports.jsonld_compact(ntriples()), dest)
    elif fmt is ExportFormat.ntriples:
        _write(ntriples(), dest)
    else:
        triples = [q.triple for q in st.quads_for_pattern(None, None, None, DefaultGraph())]
        prefixes = {k: v for k, v in mapping()["prefixes"].items() if k != "id"}
        _write(serialize(triples, format=RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8"), dest)


def _write_bytes(data: bytes, dest: Path | None) -> None:
    if dest:
        dest.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


def _export_command(fmt: ExportFormat) -> None:
    def command(store: StoreOpt = None, dest: Annotated[Optional[Path], typer.Option("--out", help="write here instead of stdout")] = None) -> None:
        guarded(lambda: _export(fmt, store, dest))
    suffix = {"csv": "zip", "ftm": "ftm.json", "popolo": "popolo.json", "facts": "jsonl", "aliases": "jsonl"}.get(fmt.value, fmt.value)
    command.__doc__ = f"Export the store as {EXPORT_HELP[fmt.value]}.\n\nExample: govkg export {fmt.value} --out graph.{suffix}"
    export_app.command(fmt.value)(command)


for _fmt in ExportFormat:
    _export_command(_fmt)


@app.command()
def sparql(query: Annotated[str, typer.Argument(help="SPARQL text, or a path to a .rq file")],
           store: StoreOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = None,
           timeout: TimeoutOpt = 30.0,
           allow_service: Annotated[bool, typer.Option("--allow-service", help="allow SERVICE (federated queries to other endpoints)")] = False) -> None:
    """Run your own read-only SPARQL on the embedded store: ASK, SELECT, CONSTRUCT or DESCRIBE.

    The prefixes gk, org, prov, skos, foaf, dcterms, rdf, rdfs, owl, xsd and id are pre-declared.
    --json prints SPARQL 1.1 JSON results; --format csv|tsv the SPARQL CSV/TSV results; a
    CONSTRUCT/DESCRIBE prints Turtle by default. UPDATE is refused (exit 2), SERVICE too unless
    --allow-service.

    Example: govkg sparql 'SELECT ?g (COUNT(?m) AS ?n) WHERE { ?m a org:Membership ; org:organization/skos:prefLabel ?g } GROUP BY ?g'
    """
    chosen = _format(fmt, as_json)

    def run() -> None:
        from govkg.graph.store import open_store, store_path
        from govkg.queries import sparql as sp
        text = Path(query).read_text("utf-8") if query.endswith(".rq") and Path(query).exists() else query
        result = sp.run(open_store(store_path(store)), text, allow_service=allow_service, timeout=timeout)
        if chosen is OutputFormat.json:
            _print_json(sp.to_sparql_json(result))
        elif chosen in (OutputFormat.csv, OutputFormat.tsv):
            sys.stdout.write(sp.to_delimited(result, "," if chosen is OutputFormat.csv else "\t"))
        elif result.form == "graph" and fmt is None:
            from pyoxigraph import RdfFormat, serialize
            sys.stdout.write(serialize(result.triples, format=RdfFormat.TURTLE, prefixes=sp.PREFIXES).decode("utf-8"))
        else:
            _table(None, sp.table_rows(result), result.variables)
            if result.form == "select":
                err.print(f"{len(result.rows)} rows", highlight=False)
    guarded(run, chosen is OutputFormat.json)


@app.command()
def serve(store: StoreOpt = None,
          port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port on 127.0.0.1")] = 7878,
          timeout: Annotated[int, typer.Option("--timeout", min=1, help="seconds a query may run")] = 30) -> None:
    """A read-only SPARQL 1.1 Protocol endpoint over the store, with the YASGUI query page.

    Queries go to http://127.0.0.1:PORT/query (GET ?query=... or POST); open http://127.0.0.1:PORT/
    in a browser for YASGUI (shipped inside the oxigraph server: no network needed). Ctrl-C stops it.

    Example: govkg serve --store .govkg/store --port 7878
    """
    def run() -> None:
        from govkg.graph.serve import check_port, serve_command, server_env
        from govkg.graph.store import open_store, store_path
        path = store_path(store)
        open_store(path).query("ASK {}")  # a clear error now if there is no store here
        check_port(port)
        command = serve_command(path, port, timeout)
        err.print(f"SPARQL endpoint: http://127.0.0.1:{port}/query  (YASGUI: http://127.0.0.1:{port}/)  read-only; Ctrl-C stops it",
                  highlight=False, soft_wrap=True)
        import os
        os.execve(command[0], command, server_env())
    guarded(run)


def _neo4j_settings(uri: str | None, user: str | None, password: str | None, database: str | None):
    from govkg.graph.neo4j.backend import Neo4jSettings
    return Neo4jSettings.from_env(uri=uri, user=user, password=password, database=database)


@load_app.command("neo4j")
def load_neo4j(paths: PathsArg = None,
               store: Annotated[Optional[Path], typer.Option("--store", help="load the facts of this embedded store instead of reading gazettes")] = None,
               uri: UriOpt = None, user: UserOpt = None, password: PasswordOpt = None, database: DatabaseOpt = None,
               batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="facts per transaction (whole documents)")] = 500,
               jobs: JobsOpt = 1, progress: ProgressOpt = None) -> None:
    """Load gazettes (or an embedded store) into Neo4j: idempotent MERGEs, whole documents per transaction.

    Example: NEO4J_PASSWORD=... govkg load neo4j gazette.txt --uri bolt://127.0.0.1:7687
    """
    def run() -> None:
        from rich.progress import Progress

        from govkg.graph.neo4j.load import load
        from govkg.graph.neo4j.backend import connect
        settings = _neo4j_settings(uri, user, password, database)
        connect(settings).close()  # fail fast on server, credentials, database: before reading anything
        if store is not None:
            from govkg.graph.rdf import aliases_from_store, facts_from_store
            from govkg.graph.store import open_store
            st = open_store(store)
            facts, aliases, source = facts_from_store(st), aliases_from_store(st), str(store)
        else:
            extraction = _extract(paths, jobs, progress)
            facts, aliases, source = extraction.facts, extraction.aliases, ", ".join(extraction.encodings)
            _print_warnings(extraction.warnings)
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
        from govkg.graph.neo4j.backend import Neo4jBackend, Neo4jSettings, connect
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
    guarded(run, as_json)


def main() -> None:
    """Run the command, then leave without the interpreter's teardown. Freeing every object one by
    one (the extractors' memos, a corpus's facts) took ~0.1 s of a one-gazette `govkg add`, a
    tenth of it; the kernel frees a process's memory at once. Nothing of govkg's waits for the
    teardown: stores are closed and switched in before a command returns, pools are shut down by
    their `with`, and both output streams are flushed here first."""
    try:
        app()  # typer's standalone mode ends in SystemExit
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    _leave(code)


def _exit_code(code: object) -> int:
    """SystemExit's code as the process's: None is 0, a message is printed and is 1 (as Python does)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


def _leave(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (`| head`), or a closed stream
            pass
    os._exit(code)


if __name__ == "__main__":
    main()
