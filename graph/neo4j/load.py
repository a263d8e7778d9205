"""Facts -> Neo4j: idempotent, batched, one document never half-written.

The mapping is written up in graph/neo4j/mapping.md and follows ontology/mapping.json: entities
(Person, Body, Group, Post, Document, Task) are nodes MERGEd on the ids of graph/mapping.py
(entity_key, task_key); every fact becomes a relationship (or a Duty/Reply node) MERGEd on
`stable_id(fact_key(fact), line)` and carrying its provenance (`doc`, `line`). A second load of the
same input therefore MERGEs onto the same nodes and relationships and changes no count.

Writes go as `UNWIND $rows AS row ...` statements inside managed write transactions
(`session.execute_write`), about batch_size facts each; a batch holds whole documents only, so a
failed batch rolls back whole documents. A batch's node statements (MERGE, or CREATE for what is
new) return the element id of every key, and its relationship statements find their ends by those
(NodeByElementIdSeek) instead of two unique-index seeks per relationship; they are sent without
waiting for each other (the commit waits for them all). A replacing load (the default) asks once
which of its documents the database holds; only those have their relationships and stale
Task/Duty/Reply nodes deleted (PRUNE) before every relationship is CREATEd (a relationship MERGE
scans the relationships between its two nodes: slow at a busy body), and what is CREATEd is sent
without its null properties. Entity keys are hashed once per load, and the next batches' rows
are planned in a forked process (a thread took turns with the sending thread for the GIL) while
the server writes the current one, with the captions and LEADS of graph/neo4j/derived.py added
on the client (they depend on their own row only). After the batches: orphans (only when the
load deleted something) and the few HOLDS a removal in another document ends, with their HELD,
found through indexes rather than by a pass over the whole graph. The client shares the machine
with the server, so what it spends is kept small: rows go to the driver in a list with a short
repr (RowList) and the cycle collector is paused for the load (_cycle_collector_paused).
`load_facts_per_row` is the naive baseline (one transaction per fact) for bench/.
The library is quiet: progress only through the `progress` callback.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import time
from collections import defaultdict
from contextlib import contextmanager
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

import neo4j
from neo4j import Driver

from govkg.graph.mapping import entity_key, entity_type, fact_key, place_key, stable_id, task_key
from govkg.graph.neo4j import derived
from govkg.graph.neo4j.backend import Neo4jSettings, connect, errors_as_backend_errors
from govkg.loaders.places import Places, parent_place
from govkg.loaders.resolve import AliasTable
from govkg.ontology.facts import (
    DocumentFact, DutyFact, FactBase, MemberFact, OfficeFact, PostFact, ReplyFact, TaskFact)

LABELS = ("Person", "Body", "Group", "Post", "Task", "Document", "Duty", "Reply", "Place")
NAMED = ("Person", "Body", "Group", "Post")
DEFAULT_BATCH_SIZE = 500

SCHEMA = [f"CREATE CONSTRAINT govkg_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
          for label in LABELS] + [
    f"CREATE INDEX govkg_{label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)" for label in (*NAMED, "Place")] + [
    "CREATE INDEX govkg_document_number IF NOT EXISTS FOR (n:Document) ON (n.number)",
    "CREATE INDEX govkg_task_number IF NOT EXISTS FOR (n:Task) ON (n.number)",
]

# Reloading a document replaces its facts: in the document's own transaction, what it no longer says
# (relationships and Task/Duty/Reply nodes carrying its `doc` but not among the new ids) is deleted.
PRUNE_RELS = ("HOLDS", "MEMBER_OF", "PART_OF", "HAS_OFFICE", "RESPONSIBLE_FOR", "HAS_DUTY", "ISSUED_BY", "ANSWERED_BY",
              "LEADS", "HELD")
PRUNE_NODES = ("Task", "Duty", "Reply")
SCHEMA += [f"CREATE INDEX govkg_{t.lower()}_doc IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.doc)" for t in PRUNE_RELS]
SCHEMA += [f"CREATE INDEX govkg_{label.lower()}_doc IF NOT EXISTS FOR (n:{label}) ON (n.doc)" for label in PRUNE_NODES]
# what derived.after_load starts from: the removals and the former posts, not every HOLDS
SCHEMA += [f"CREATE INDEX govkg_holds_{p} IF NOT EXISTS FOR ()-[r:HOLDS]-() ON (r.{p})" for p in ("event", "status")]
# A replacing load deletes every relationship its documents carried and CREATEs them again (a
# relationship MERGE must scan the relationships between its two nodes: slow at a busy body), so a
# document's relationships are exactly what it says now.
PRUNE: list[tuple[str, str]] = [
    *[(f"PRUNE:{t}", f"UNWIND $rows AS row MATCH ()-[r:{t} {{doc: row.doc}}]->() DELETE r") for t in PRUNE_RELS],
    *[(f"PRUNE:{label}", f"UNWIND $rows AS row MATCH (n:{label} {{doc: row.doc}}) WHERE NOT n.id IN row.ids "
                         "DETACH DELETE n") for label in PRUNE_NODES],
]
# an entity that only IN_PLACE ties to the graph is an orphan; then places nobody is in (twice: a
# city whose districts went)
ORPHANS = ("MATCH (n:Person|Body|Group|Post) WHERE NOT EXISTS { (n)-[r]-() WHERE NOT r:IN_PLACE } DETACH DELETE n",
           *["MATCH (p:Place) WHERE NOT EXISTS { ()-[:IN_PLACE]->(p) } DETACH DELETE p"] * 2)


def _rel(kind: str, a: str, b: str, verb: str = "MERGE", by_element: bool = False) -> str:
    """A relationship statement; its ends found by their ids (unique-index seeks) or, by_element,
    by the element ids the batch's node statements returned (a seek in the node store, no index)."""
    ends = ("MATCH (a) WHERE elementId(a) = row.a MATCH (b) WHERE elementId(b) = row.b " if by_element
            else f"MATCH (a:{a} {{id: row.a}}) MATCH (b:{b} {{id: row.b}}) ")
    return f"UNWIND $rows AS row {ends}{verb} (a)-[r:{kind} {{id: row.id}}]->(b) SET r += row.props"


# (row name, relationship type, from label, to label) of the fact relationships.
RELATIONSHIPS: list[tuple[str, str, str, str]] = [
    ("ISSUED_BY", "ISSUED_BY", "Document", "Body"), ("HOLDS", "HOLDS", "Person", "Body"),
    *[(f"MEMBER_OF:{label}", "MEMBER_OF", label, "Group") for label in ("Person", "Body", "Post")],
    ("PART_OF", "PART_OF", "Group", "Group"), ("HAS_OFFICE", "HAS_OFFICE", "Group", "Body"),
    ("RESPONSIBLE_FOR", "RESPONSIBLE_FOR", "Body", "Task"), ("HAS_DUTY", "HAS_DUTY", "Body", "Duty"),
    ("ANSWERED_BY", "ANSWERED_BY", "Reply", "Body"),
]
# LEADS beside a MEMBER_OF with a leading role (graph/neo4j/derived.py), written with it
DERIVED = [(f"LEADS:{label}", "LEADS", label, "Group") for label in ("Person", "Body", "Post")]
RELATIONSHIP_ROWS = {name for name, _, _, _ in RELATIONSHIPS + DERIVED}
IN_CAPTION = derived.CONSTANT_CAPTIONS["IN"]

# A batched load's node statements end with this: which element id each row's key got, so its
# relationship statements match their ends by element id (NodeByElementIdSeek) instead of two
# unique-index seeks per relationship (a sixth of the server's time at 120x).
ELEMENT_IDS = " RETURN collect(row.id) AS keys, collect(elementId({})) AS elements"


def _statements(batched: bool) -> list[tuple[str, str]]:
    """(statement name, Cypher) in the order they run inside one transaction: prune, nodes, then
    edges. batched: node statements return their element ids and relationship statements match
    by them (_write_batch); else every end is found by its id (the per-row baseline's statements)."""
    def ids(var: str) -> str:
        return ELEMENT_IDS.format(var) if batched else ""

    # an entity's IN_PLACE: a MATCH that finds no place must not drop the entity's row from the
    # element ids, so in a unit subquery when they are returned
    in_place = "MATCH (p:Place {id: row.in}) MERGE (n)-[:IN_PLACE]->(p)"
    in_place = f"CALL {{ WITH n, row {in_place} }}" if batched else in_place
    relationships = RELATIONSHIPS + DERIVED
    return [
        *PRUNE,
        ("Document", "UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET d.number = row.number, d += row.props" + ids("d")),
        ("NEW:Document", "UNWIND $rows AS row CREATE (d:Document {id: row.id}) SET d.number = row.number, d += row.props" + ids("d")),
        ("Place", "UNWIND $rows AS row MERGE (p:Place {id: row.id}) SET p.name = row.name, p.caption = row.caption"),
        ("IN_PLACE:Place", "UNWIND $rows AS row MATCH (a:Place {id: row.a}) MATCH (b:Place {id: row.b}) MERGE (a)-[:IN_PLACE]->(b)"),
        # an entity's name and place are part of its id (and its caption is its name's): set once; its
        # IN_PLACE (row.in, from the IN_PLACE rows: _fold_places) in the same statement
        *[(label, f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) "
                  "ON CREATE SET n.name = row.name, n.place = row.place, n.caption = row.caption "
                  + ("SET n.aliases = row.aliases " if label in ("Body", "Group") else "")
                  + f"WITH n, row {in_place}" + ids("n")) for label in NAMED],
        ("Task", "UNWIND $rows AS row MERGE (t:Task {id: row.id}) SET t += row.props "
                 f"WITH t, row MATCH (d:Document {{id: row.document}}) MERGE (t)-[i:IN]->(d) ON CREATE SET i.caption = '{IN_CAPTION}'" + ids("t")),
        ("Duty", "UNWIND $rows AS row MERGE (u:Duty {id: row.id}) SET u += row.props" + ids("u")),
        ("Reply", "UNWIND $rows AS row MERGE (q:Reply {id: row.id}) SET q += row.props "
                  f"WITH q, row MATCH (d:Document {{id: row.document}}) MERGE (q)-[i:IN]->(d) ON CREATE SET i.caption = '{IN_CAPTION}'" + ids("q")),
        # the same for the documents a replacing load knows the database does not hold: all new
        ("NEW:Task", "UNWIND $rows AS row MATCH (d:Document {id: row.document}) "
                     f"CREATE (t:Task {{id: row.id}})-[:IN {{caption: '{IN_CAPTION}'}}]->(d) SET t += row.props" + ids("t")),
        ("NEW:Duty", "UNWIND $rows AS row CREATE (u:Duty {id: row.id}) SET u += row.props" + ids("u")),
        ("NEW:Reply", "UNWIND $rows AS row MATCH (d:Document {id: row.document}) "
                      f"CREATE (q:Reply {{id: row.id}})-[:IN {{caption: '{IN_CAPTION}'}}]->(d) SET q += row.props" + ids("q")),
        *[(name, _rel(kind, a, b, by_element=batched)) for name, kind, a, b in relationships],
        # the same for a replacing load, after PRUNE deleted the documents' relationships
        *[(f"NEW:{name}", _rel(kind, a, b, "CREATE", batched)) for name, kind, a, b in relationships],
    ]


STATEMENTS = _statements(batched=False)
BATCH_STATEMENTS = _statements(batched=True)
# the statements whose rows' `a` and `b` are node keys (a batched load sends element ids instead)
ENDS_BY_KEY = RELATIONSHIP_ROWS | {f"NEW:{name}" for name in RELATIONSHIP_ROWS}

Rows = dict[str, list[dict[str, Any]]]


def _date(value: str | None) -> dt.date | str | None:
    """YYYY-MM-DD as a Neo4j DATE (comparable in Cypher); anything else kept as text."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return value


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j has no empty-list type and null means 'no property'."""
    return {k: (None if type(v) is list and not v else v) for k, v in props.items()}


def _alias_map(aliases: AliasTable | list[dict] | None) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    if aliases is None:
        return out
    records = aliases.records() if isinstance(aliases, AliasTable) else aliases
    for rec in records:
        if rec.get("type") in ("body", "group") and rec.get("aliases"):
            out[("Body" if rec["type"] == "body" else "Group", rec["canonical"])] = sorted(rec["aliases"])
    return out


class Planner:
    """Turns facts into statement rows; knowledge that spans documents (document dates, the first
    title of a task, aliases) is gathered once from the whole input, as the RDF writer does."""

    def __init__(self, facts: list[FactBase], aliases: AliasTable | list[dict] | None = None):
        self.aliases = _alias_map(aliases)
        self.places = Places.of(facts)
        self.doc_facts = {f.doc: f for f in facts if isinstance(f, DocumentFact)}
        self._keys: dict[tuple[str, str], str] = {}
        self._placed_keys: dict[tuple[str, str, str], tuple[str, str]] = {}
        self.task_titles: dict[str, str] = {}
        for f in facts:
            if isinstance(f, TaskFact):
                self.task_titles.setdefault(task_key(f.doc, f.task), f.title)

    def _key(self, label: str, name: str) -> str:
        """entity_key, hashed once per entity for the whole load (every fact names two or three)."""
        key = self._keys.get((label, name))
        if key is None:
            key = self._keys[(label, name)] = entity_key(label, name)
        return key

    def _placed(self, label: str, name: str, doc: str) -> tuple[str, str]:
        """(entity_key, place) of a name in a document, hashed once per (label, document place, name)."""
        memo = (label, self.places.doc(doc), name)
        found = self._placed_keys.get(memo)
        if found is None:
            where = self.places.of_entity(label, doc, name)
            found = self._placed_keys[memo] = (entity_key(label, name, where), where)
        return found

    def rows(self, facts: Iterable[FactBase], replace: bool = False, held: set[str] | None = None) -> Rows:
        """Statement rows for these facts; with replace (the facts are whole documents), also the
        PRUNE rows that delete what those documents said in an earlier load but no longer say.
        held: the document numbers the database holds already (None: assume all); a document it
        does not hold has nothing to delete, so its PRUNE rows (index seeks that find nothing,
        eleven statements' worth per batch) are left out."""
        rows: Rows = defaultdict(list)
        seen: set[tuple[str, str]] = set()

        def once(name: str, key: str, row: dict[str, Any]) -> None:
            if (name, key) not in seen:
                seen.add((name, key))
                rows[name].append(row)

        def place(name: str) -> str:
            key = place_key(name)
            if ("Place", key) not in seen:
                once("Place", key, {"id": key, "name": name})
                parent = parent_place(name)
                if parent:
                    once("IN_PLACE:Place", key, {"a": key, "b": place(parent)})
            return key

        def entity(label: str, name: str) -> str:
            """The entity in the place of the current fact's document (loaders/places.py)."""
            key, where = self._placed(label, name, doc_number)
            if (label, key) in seen:
                return key
            row = {"id": key, "name": name, "place": where}
            if label in ("Body", "Group"):
                row["aliases"] = self.places.aliases_for(self.aliases.get((label, name)) or [], where) or None
            if where:
                once(f"IN_PLACE:{label}", key, {"a": key, "b": place(where)})
            once(label, key, row)
            return key

        def document(number: str) -> str:
            key = self._key("Document", number)
            if ("Document", key) in seen:
                return key
            f = self.doc_facts.get(number)
            props = {} if f is None else _clean({
                "title": f.title, "date": _date(f.date), "doc_type": f.doc_type, "issuer": f.issuer,
                "addressees": f.addressees, "note": f.note, "line": f.line, "page": f.page, "ocr": f.ocr})
            once("Document", key, {"id": key, "number": number, "props": props})
            return key

        def edge(kind: str, f: FactBase, a: str, b: str, **props: Any) -> None:
            key = stable_id(fact_key(f), str(f.line))
            once(kind, key, {"id": key, "a": a, "b": b, "props": _clean({**props, "doc": f.doc, "line": f.line, "page": f.page, "ocr": f.ocr})})

        doc_number = ""
        for f in facts:
            doc_number = f.doc
            doc = document(f.doc)
            if isinstance(f, DocumentFact):
                if f.issuer:
                    edge("ISSUED_BY", f, doc, entity("Body", f.issuer))
            elif isinstance(f, PostFact):
                date = self.doc_facts[f.doc].date if f.doc in self.doc_facts else None
                edge("HOLDS", f, entity("Person", f.person), entity("Body", f.body), title=f.title, event=f.event,
                     probation=f.probation, qualifier=f.qualifier, title_alt=f.title_alt, note=f.note,
                     date=_date(date))
            elif isinstance(f, MemberFact):
                label = entity_type(f, "Member")
                group = entity("Group", f.group)
                edge(f"MEMBER_OF:{label}", f, entity(label, f.member), group, role=f.role,
                     member_type=f.member_type, qualifier=f.qualifier, collective=f.collective,
                     role_alt=f.role_alt, parent=f.parent, note=f.note)
                if f.parent:
                    parent = entity("Group", f.parent)
                    key = stable_id("PART_OF", group, parent, f.doc)
                    once("PART_OF", key, {"id": key, "a": group, "b": parent, "props": _clean({"doc": f.doc, "line": f.line, "page": f.page, "ocr": f.ocr})})
            elif isinstance(f, OfficeFact):
                edge("HAS_OFFICE", f, entity("Group", f.group), entity("Body", f.host_body), director=f.director,
                     deputy_directors=f.deputy_directors, note=f.note)
            elif isinstance(f, TaskFact):
                key = task_key(f.doc, f.task)
                once("Task", key, {"id": key, "document": doc, "props": {
                    "number": f.task, "title": self.task_titles.get(key, f.title), "doc": f.doc}})
                edge("RESPONSIBLE_FOR", f, entity("Body", f.body), key, role=f.role, collective=f.collective,
                     note=f.note)
            elif isinstance(f, DutyFact):
                key = stable_id(fact_key(f), str(f.line))
                once("Duty", key, {"id": key, "props": _clean({
                    "context": f.context, "text": f.text, "collective": f.collective, "note": f.note,
                    "doc": f.doc, "line": f.line, "page": f.page, "ocr": f.ocr})})
                edge("HAS_DUTY", f, entity("Body", f.body), key)
            elif isinstance(f, ReplyFact):
                key = stable_id(fact_key(f), str(f.line))
                once("Reply", key, {"id": key, "document": doc, "props": _clean({
                    "proposer": f.proposer, "proposer_role": f.proposer_role, "proposal": f.proposal,
                    "handler": f.handler, "head": f.head, "date": _date(f.date), "responder": f.responder,
                    "note": f.note, "doc": f.doc, "line": f.line, "page": f.page, "ocr": f.ocr})})
                if f.responder:
                    edge("ANSWERED_BY", f, key, entity("Body", f.responder))
        if replace:
            docs = sorted(r["number"] for r in rows["Document"] if held is None or r["number"] in held)
            for target in PRUNE_RELS:
                rows[f"PRUNE:{target}"] = [{"doc": d} for d in docs]
            for target in PRUNE_NODES:
                kept: dict[str, list[str]] = {d: [] for d in docs}
                for r in rows.get(target, []):
                    if r["props"]["doc"] in kept:
                        kept[r["props"]["doc"]].append(r["id"])
                rows[f"PRUNE:{target}"] = [{"doc": d, "ids": ids} for d, ids in kept.items()]
            for name in RELATIONSHIP_ROWS & set(rows):
                rows[f"NEW:{name}"] = rows.pop(name)
            if held is not None:  # a document the database does not hold: its own nodes are new
                for target in ("Document", *PRUNE_NODES):
                    rows[target], rows[f"NEW:{target}"] = _split(
                        rows.get(target, []), lambda r: (r["number"] if "number" in r else r["props"]["doc"]) in held)
        return rows


def _split(rows: list[dict[str, Any]], test: Callable[[dict[str, Any]], bool]) -> tuple[list, list]:
    """(the rows that pass, the rest)."""
    yes: list[dict[str, Any]] = []
    no: list[dict[str, Any]] = []
    for r in rows:
        (yes if test(r) else no).append(r)
    return yes, no


def by_document(facts: Iterable[FactBase]) -> list[list[FactBase]]:
    """Facts grouped by document, documents in first-seen order."""
    groups: dict[str, list[FactBase]] = {}
    for f in facts:
        groups.setdefault(f.doc, []).append(f)
    return list(groups.values())


def batches(documents: list[list[FactBase]], batch_size: int) -> list[list[FactBase]]:
    """Whole documents per batch, about batch_size facts each (a bigger document is a batch alone)."""
    out: list[list[FactBase]] = []
    current: list[FactBase] = []
    for doc_facts in documents:
        if current and len(current) + len(doc_facts) > batch_size:
            out.append(current)
            current = []
        current.extend(doc_facts)
    if current:
        out.append(current)
    return out


# The plans of the writing statements (unique-index seeks by id) do not depend on the graph's
# size, so the server need not plan them again as a load grows the graph (planning was a tenth of
# its busy time at 100x); PRUNE's seeks on the `doc` indexes are left to the planner.
SKIP_REPLAN = "CYPHER replan=skip "


class RowList(list):
    """A statement's rows as sent: a list whose repr is short. The driver formats every RUN's
    parameters for its debug log line before it asks whether debug logging is on
    (neo4j/_sync/io/_bolt/_bolt5.py `run`), and the repr of a 5,000-fact batch's rows was a
    third of a load's CPU in the sending thread; the packer takes a list subclass as a list."""
    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _write(tx: neo4j.ManagedTransaction, rows: Rows) -> None:
    """The per-row baseline's writes: every statement waited for, ends found by their ids."""
    for name, cypher in STATEMENTS:
        if rows.get(name):
            tx.run(cypher if name.startswith("PRUNE") else SKIP_REPLAN + cypher, rows=RowList(rows[name])).consume()


def _write_batch(tx: neo4j.ManagedTransaction, rows: Rows) -> None:
    """A batch's writes. Node statements return the element id of every key; relationship rows
    are sent with their ends' element ids (new row dicts: a retried transaction starts again from
    the keys). Statements without a result are not waited for one by one: the driver sends the
    next while the server runs this one, and the commit waits for them all (an error still
    fails the transaction)."""
    elements: dict[str, str] = {}
    for name, cypher in BATCH_STATEMENTS:
        batch = rows.get(name)
        if not batch:
            continue
        if name in ENDS_BY_KEY:
            batch = [{"id": r["id"], "a": elements[r["a"]], "b": elements[r["b"]], "props": r["props"]} for r in batch]
        result = tx.run(cypher if name.startswith("PRUNE") else SKIP_REPLAN + cypher, rows=RowList(batch))
        if cypher.endswith(" AS elements"):  # ELEMENT_IDS
            record = result.single(strict=True)
            elements.update(zip(record["keys"], record["elements"]))


@dataclass
class LoadReport:
    facts: int
    transactions: int
    seconds: float
    nodes: int
    relationships: int
    labels: dict[str, int]
    types: dict[str, int]


def ensure_schema(driver: Driver, database: str) -> None:
    with driver.session(database=database) as session:
        for statement in SCHEMA:
            session.run(statement).consume()


def counts(driver: Driver, database: str) -> tuple[int, int, dict[str, int], dict[str, int]]:
    """(nodes, relationships, per label, per relationship type) of the whole database."""
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        def read(tx: neo4j.ManagedTransaction) -> tuple[int, int, dict[str, int], dict[str, int]]:
            nodes = tx.run("MATCH (n) RETURN count(n) AS c").single()["c"]
            rels = tx.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"]
            labels = {r["l"]: r["c"] for r in tx.run("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c ORDER BY l")}
            types = {r["t"]: r["c"] for r in tx.run("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY t")}
            return nodes, rels, labels, types
        return session.execute_read(read)


def held_documents(session: neo4j.Session, numbers: list[str]) -> set[str]:
    """Which of these document numbers the database holds (one indexed query for the whole load)."""
    query = "UNWIND $numbers AS n MATCH (d:Document {number: n}) RETURN DISTINCT n"
    return {r["n"] for r in session.execute_read(lambda tx: list(tx.run(query, numbers=numbers)))}


def _plan(planner: Planner, facts: list[FactBase], replace: bool, held: set[str] | None) -> Rows:
    """A batch's rows with their captions and LEADS (derived.decorate)."""
    return _without_nulls(_fold_places(derived.decorate(planner.rows(facts, replace, held))))


def _without_nulls(rows: Rows) -> Rows:
    """A CREATEd node or relationship has no property to remove, so the nulls of its `props`
    (half of them: a fact's unset fields) need not be packed, sent and SET to nothing; a MERGEd
    one's stay, where null removes what an earlier load had set."""
    for name, batch in rows.items():
        if name.startswith("NEW:"):
            for r in batch:
                if "props" in r:
                    r["props"] = {k: v for k, v in r["props"].items() if v is not None}
    return rows


def _fold_places(rows: Rows) -> Rows:
    """An entity's IN_PLACE row becomes its node row's `in` (written by the node's statement)."""
    for label in NAMED:
        places = {r["a"]: r["b"] for r in rows.pop(f"IN_PLACE:{label}", [])}
        for r in rows.get(label, []):
            r["in"] = places.get(r["id"])
    return rows


# What a planning process plans from: the load's planner, batches and options, handed over by
# the fork (not pickled) and set by the process's initializer.
_PLANNING: tuple[Planner, list[list[FactBase]], bool, set[str] | None] | None = None


def _start_planning(planner: Planner, units: list[list[FactBase]], replace: bool, held: set[str] | None) -> None:
    global _PLANNING
    _PLANNING = (planner, units, replace, held)


def _plan_unit(i: int) -> Rows:
    """Batch i's rows, in the planning process."""
    assert _PLANNING is not None
    planner, units, replace, held = _PLANNING
    return _plan(planner, units[i], replace, held)


def _planning(planner: Planner, units: list[list[FactBase]], replace: bool, held: set[str] | None,
              in_process: bool) -> tuple[Executor, Callable[[int], Future]]:
    """Where the batches ahead are planned: (executor, submit batch i).
    in_process (where fork exists): a forked process, so planning (the client's main cost: a
    third of a 120x load's CPU) runs beside the thread that sends, not taking turns with it for
    the GIL; a planning thread made the load slower than planning each batch just before
    sending it (6.2 s vs 7.9 s at 120x on the shared 2 cores). The rows come back pickled.
    Else a thread (the per-row baseline: one unit per fact, as it was measured)."""
    if in_process and len(units) > 1 and "fork" in multiprocessing.get_all_start_methods():
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start_planning, initargs=(planner, units, replace, held))
        return pool, lambda i: pool.submit(_plan_unit, i)
    threads = ThreadPoolExecutor(1)
    return threads, lambda i: threads.submit(_plan, planner, units[i], replace, held)


LOOKAHEAD = 2  # batches planned ahead of the one being written


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the load, in this process and the forked planner.

    A load makes and drops a few hundred thousand row dicts, none in a cycle, so reference
    counting frees them all; but each batch's rows, unpickled in one piece, set off collections
    of the older generations, which walk every object the caller holds (the whole corpus's
    facts): unpickling a 120x load's rows took 0.33 s with the collector on, 0.06 s with it off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_cycle_collector_paused()
def _load(driver: Driver, database: str, units: list[list[FactBase]], planner: Planner, total: int,
          progress: Callable[[int, int], None] | None, replace: bool = False,
          write: Callable[[neo4j.ManagedTransaction, Rows], None] = _write_batch, in_process: bool = True) -> int:
    ensure_schema(driver, database)
    done = 0
    with driver.session(database=database) as session:
        # every document of the load is in one batch only, so what the database held before the
        # load is what each batch's PRUNE must look at
        held = held_documents(session, list({f.doc for unit in units for f in unit})) if replace else None
        # the rows of the next batches are planned while the server writes this one
        executor, submit = _planning(planner, units, replace, held, in_process)
        with executor:
            planned = [submit(i) for i in range(min(LOOKAHEAD, len(units)))]
            for i, unit in enumerate(units):
                rows = planned.pop(0).result()
                if i + LOOKAHEAD < len(units):
                    planned.append(submit(i + LOOKAHEAD))
                session.execute_write(write, rows)
                done += len(unit)
                if progress:
                    progress(done, total)
        # only a load that deleted something (a document the database held) can leave orphans
        after = [(q, {}) for q in ORPHANS] if held else []
        session.execute_write(lambda tx: [tx.run(q, p).consume() for q, p in after + derived.after_load()])
    return len(units) + 1


def _report(driver: Driver, database: str, facts: int, transactions: int, started: float) -> LoadReport:
    seconds = time.perf_counter() - started
    nodes, rels, labels, types = counts(driver, database)
    return LoadReport(facts, transactions, seconds, nodes, rels, labels, types)


def load_facts(driver: Driver, facts: list[FactBase], aliases: AliasTable | list[dict] | None = None, *,
               database: str = "neo4j", batch_size: int = DEFAULT_BATCH_SIZE,
               progress: Callable[[int, int], None] | None = None, replace: bool = True) -> LoadReport:
    """Batched load: UNWIND writes, whole documents per transaction, about batch_size facts each.
    replace: a document loaded again keeps only the facts it says now (stale ones are deleted in
    the same transaction; people/bodies/groups/posts left without any relationship go too)."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.perf_counter()
    units = batches(by_document(facts), batch_size)
    n = _load(driver, database, units, Planner(facts, aliases), len(facts), progress, replace)
    return _report(driver, database, len(facts), n, started)


def load_facts_per_row(driver: Driver, facts: list[FactBase], aliases: AliasTable | list[dict] | None = None, *,
                       database: str = "neo4j", progress: Callable[[int, int], None] | None = None) -> LoadReport:
    """The naive baseline for bench/: the same statements, one transaction per fact."""
    started = time.perf_counter()
    n = _load(driver, database, [[f] for f in facts], Planner(facts, aliases), len(facts), progress, write=_write,
              in_process=False)
    return _report(driver, database, len(facts), n, started)


def load(facts: list[FactBase], aliases: AliasTable | list[dict] | None = None, *,
         settings: Neo4jSettings | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
         progress: Callable[[int, int], None] | None = None) -> LoadReport:
    """Connect (settings or the NEO4J_* environment), load, close; driver errors -> BackendError."""
    settings = settings or Neo4jSettings.from_env()
    driver = connect(settings)
    try:
        with errors_as_backend_errors(settings):
            return load_facts(driver, facts, aliases, database=settings.database, batch_size=batch_size,
                              progress=progress)
    finally:
        driver.close()


def wipe(driver: Driver, database: str = "neo4j") -> None:
    """Delete every node and relationship (tests and benchmarks on a server of their own only)."""
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
