"""The Python API for notebooks: the CLI's questions as methods (the CLI is a thin shell over this).

    import govkg
    kg = govkg.open(".govkg/store")            # or govkg.open() for $GOVKG_STORE / the default store
    a = kg.who_leads("区工科局")                # an Answer: .resolved, .answers (list of dicts), .context
    a.to_pandas()                               # a DataFrame of the answers, when pandas is installed
    kg.sparql("SELECT ?n WHERE { ?p a foaf:Person ; skos:prefLabel ?n } LIMIT 3").rows

Errors are the govkg.errors hierarchy (UnknownNameError carries .suggestions).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from govkg.queries.envelope import COLUMNS, envelope


@dataclass
class Answer:
    """One question's answer: the shared envelope (queries/envelope.py) as a dataclass."""

    question: str
    query: str
    resolved: str
    resolved_from: str | None
    answers: list[dict[str, Any]]
    context: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_pandas(self):  # -> pandas.DataFrame
        """The answers as a DataFrame (columns in the CLI's order); needs `pip install pandas`."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("to_pandas() needs pandas: pip install pandas") from e
        columns = [c for c in COLUMNS[self.question] if any(c in row for row in self.answers)]
        return pd.DataFrame(self.answers, columns=columns or None)

    def __len__(self) -> int:
        return len(self.answers)


class KnowledgeGraph:
    """The named questions and SPARQL over one embedded store (or Neo4j with backend="neo4j")."""

    def __init__(self, store: str | Path | None = None, backend: str = "oxigraph", **neo4j: str | None):
        from govkg.queries.answers import Questions
        self.store_path = None
        if backend == "neo4j":
            from govkg.graph.neo4j.backend import Neo4jBackend
            self._questions = Questions(Neo4jBackend.from_env(**neo4j))
            self._store = None
        else:
            from govkg.graph.store import open_version, store_path
            from govkg.queries.backends import OxigraphBackend
            from govkg.queries.name_index import FILE, NameIndex
            self.store_path = store_path(store)
            self._store, version = open_version(self.store_path)
            index = version / FILE  # a store built before the name index has none: made in memory
            self._questions = Questions(OxigraphBackend(self._store), NameIndex.open(index) if index.exists() else None)

    def _ask(self, question: str, answer: dict) -> Answer:
        return Answer(**envelope(question, answer))

    def who_leads(self, name: str, place: str | None = None) -> Answer:
        """A body's current leaders, or a group's leading roles."""
        return self._ask("who-leads", self._questions.who_leads(name, place))

    def person(self, name: str, place: str | None = None) -> Answer:
        """A person's posts (current/former) and groups."""
        return self._ask("person", self._questions.person(name, place))

    def members(self, group: str, place: str | None = None) -> Answer:
        """A group's members with roles; its office and sub-groups in .context."""
        return self._ask("members", self._questions.members(group, place))

    def responsible(self, task: str, doc: str | None = None) -> Answer:
        """The bodies named for task N of a plan, with role."""
        return self._ask("responsible", self._questions.responsible(task, doc))

    def tasks(self, body: str, place: str | None = None) -> Answer:
        return self._ask("tasks", self._questions.tasks(body, place))

    def duties(self, body: str, place: str | None = None) -> Answer:
        return self._ask("duties", self._questions.duties(body, place))

    def picture(self, name: str, place: str | None = None):  # -> govkg.graph.picture.Picture
        """What `govkg view` draws for a group, body, person or plan (document number); `place`
        when several places have one by that name."""
        from govkg.graph.picture import picture
        return picture(self._questions, name, place)

    def view_html(self, name: str, timeline: bool = False, place: str | None = None) -> tuple[Any, str]:
        """(the Picture, one self-contained HTML page of it); timeline: a person's career only."""
        from govkg.errors import InputError
        from govkg.graph.html_view import page, timeline_page
        p = self.picture(name, place)
        if timeline and p.kind != "person":
            raise InputError(f"{name}: --timeline needs a person, this is a {p.kind}")
        return p, timeline_page(p) if timeline else page(p)

    def sparql(self, text: str, *, timeout: float | None = 30.0, allow_service: bool = False):
        """Your own read-only SPARQL (prefixes org, prov, skos, foaf, gk, rdfs, xsd pre-declared)."""
        from govkg.errors import StoreError
        from govkg.queries.sparql import run
        if self._store is None:
            raise StoreError("sparql() needs the embedded store (backend='oxigraph')")
        return run(self._store, text, timeout=timeout, allow_service=allow_service)


def open(store: str | Path | None = None, backend: str = "oxigraph", **neo4j: str | None) -> KnowledgeGraph:  # noqa: A001
    """Open a built store: `--store` semantics (None -> $GOVKG_STORE -> ~/.local/share/govkg/store)."""
    return KnowledgeGraph(store, backend, **neo4j)
