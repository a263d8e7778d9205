"""Exports in the formats the field already reads, each built from the same facts:

- FollowTheMoney (OpenSanctions, Aleph): Person, PublicBody, Organization (groups), Position,
  Occupancy, Membership, Project + ProjectParticipant (plan tasks), UnknownLink (a post sitting on
  a group); provenance as `summary` ("离政发〔2024〕26号, line 13"), one JSON entity per line.
- Popolo (EveryPolitician): persons, organizations, posts, memberships; every *_id resolves.
- CSV: one file per fact kind plus persons/bodies/groups, zipped (or into a directory).

The graph formats (GEXF, GraphML) are in networkx_sink.py, JSON-LD below (compact, @context).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

from govkg.graph.mapping import entity_key, entity_type, mapping, stable_id, task_key
from govkg.graph.standards import removed_posts, seat_of
from govkg.loaders.places import Places
from govkg.ontology.facts import DocumentFact, DutyFact, FactBase, MemberFact, OfficeFact, PostFact, TaskFact, fact_to_json

FTM_ID = "govkg-"


def _where(f: FactBase) -> str:
    return f"{f.doc}, line {f.line}"


def _dates(facts: Iterable[FactBase]) -> dict[str, str]:
    return {f.doc: f.date for f in facts if isinstance(f, DocumentFact) and f.date}


def _key(places: Places, kind: str, doc: str, name: str) -> str:
    """The entity's id as both stores key it: kind, place (loaders/places.py) and name."""
    return entity_key(kind, name, places.of_entity(kind, doc, name))


# -- FollowTheMoney ---------------------------------------------------------------------------
FTM_SCHEMA = {"Person": "Person", "Body": "PublicBody", "Group": "Organization", "Post": "Position"}


def ftm_entities(facts: list[FactBase]) -> list[dict]:
    """The facts as FtM entity dicts (`followthemoney.model.get_proxy` reads each)."""
    entities: dict[str, dict] = {}

    def put(schema: str, key: str, **props: object) -> str:
        eid = FTM_ID + key
        ent = entities.setdefault(eid, {"id": eid, "schema": schema, "properties": {}})
        for name, value in props.items():
            if value not in (None, "", []):
                values = value if isinstance(value, list) else [value]
                have = ent["properties"].setdefault(name, [])
                have.extend(str(v) for v in values if str(v) not in have)
        return eid

    places = Places.of(facts)
    doc = ""

    def named(kind: str, name: str) -> str:
        extra = {"classification": "leading group"} if kind == "Group" else {}
        return put(FTM_SCHEMA[kind], _key(places, kind, doc, name), name=name, **extra)

    dates, removed = _dates(facts), removed_posts(facts, places)
    for f in facts:
        doc = f.doc
        if isinstance(f, PostFact):
            body = named("Body", f.body)
            post = put("Position", stable_id("OrgPost", body, f.title), name=f.body + f.title, organization=body)
            former = f.event == "remove" or seat_of(f, places) in removed
            put("Occupancy", stable_id("occupancy", fact_json_key(f)), holder=named("Person", f.person), post=post,
                status="former" if former else "current", description=f.event, summary=_where(f),
                startDate=dates.get(f.doc) if f.event == "appoint" else None)
        elif isinstance(f, MemberFact):
            group = named("Group", f.group)
            kind = entity_type(f, "Member")
            if kind == "Post":
                put("UnknownLink", stable_id("member", fact_json_key(f)), subject=named("Post", f.member), object=group,
                    role=f.role, summary=_where(f))
            else:
                put("Membership", stable_id("member", fact_json_key(f)), member=named(kind, f.member), organization=group,
                    role=f.role, summary=_where(f))
        elif isinstance(f, TaskFact):
            project = put("Project", task_key(f.doc, f.task), name=f.title, summary=f"{f.doc}, task {f.task}")
            put("ProjectParticipant", stable_id("task", fact_json_key(f)), project=project,
                participant=named("Body", f.body), role=f.role, summary=_where(f))
    return list(entities.values())


def fact_json_key(f: FactBase) -> str:
    return json.dumps(fact_to_json(f), ensure_ascii=False, sort_keys=True)


# -- Popolo -----------------------------------------------------------------------------------
def popolo(facts: list[FactBase]) -> dict:
    """Popolo JSON: persons, organizations (bodies classified 'body', groups 'leading group'), posts,
    memberships (a post occupancy: person + post + organization; a group seat: person, body or post)."""
    persons: dict[str, dict] = {}
    orgs: dict[str, dict] = {}
    posts: dict[str, dict] = {}
    memberships: list[dict] = []
    places = Places.of(facts)
    dates, removed = _dates(facts), removed_posts(facts, places)
    doc = ""

    def person(name: str) -> str:
        pid = "person/" + _key(places, "Person", doc, name)
        persons.setdefault(pid, {"id": pid, "name": name})
        return pid

    def org(kind: str, name: str, parent: str | None = None) -> str:
        oid = f"{kind.lower()}/{_key(places, kind, doc, name)}"
        o = orgs.setdefault(oid, {"id": oid, "name": name, "classification": "body" if kind == "Body" else "leading group"})
        if parent:
            o["parent_id"] = org("Group", parent)
        return oid

    def post(label: str, organization: str, role: str) -> str:
        pid = "post/" + stable_id("PopoloPost", label, organization)
        posts.setdefault(pid, {"id": pid, "label": label, "role": role, "organization_id": organization})
        return pid

    for f in facts:
        doc = f.doc
        source = [{"note": _where(f)}]
        if isinstance(f, PostFact):
            body = org("Body", f.body)
            m = {"id": "membership/" + stable_id("post", fact_json_key(f)), "person_id": person(f.person),
                 "organization_id": body, "post_id": post(f.body + f.title, body, f.title), "role": f.title,
                 "status": "former" if f.event == "remove" or seat_of(f, places) in removed else "current",
                 "sources": source}
            if f.event == "appoint" and dates.get(f.doc):
                m["start_date"] = dates[f.doc]
            if f.event == "remove" and dates.get(f.doc):
                m["end_date"] = dates[f.doc]
            memberships.append(m)
        elif isinstance(f, MemberFact):
            group = org("Group", f.group, f.parent)
            m = {"id": "membership/" + stable_id("member", fact_json_key(f)), "organization_id": group, "role": f.role,
                 "sources": source}
            if f.member_type == "person":
                m["person_id"] = person(f.member)
            elif f.member_type == "body":
                m["member"] = {"@type": "Organization", "id": org("Body", f.member)}
            else:
                m["post_id"] = post(f.member, group, f.role)
            memberships.append(m)
    return {"persons": list(persons.values()), "organizations": list(orgs.values()),
            "posts": list(posts.values()), "memberships": memberships}


# -- CSV --------------------------------------------------------------------------------------
def csv_tables(facts: list[FactBase]) -> dict[str, str]:
    """File name -> CSV text: one file per fact kind (the FACTS.md fields, lists joined by 、),
    and persons.csv, bodies.csv, groups.csv naming each entity once."""
    tables: dict[str, str] = {}
    for kind, spec in mapping()["kinds"].items():
        fields = ["doc", "line", *spec["fields"]]
        rows = [fact_to_json(f) for f in facts if f.kind == kind]
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: "、".join(map(str, v)) if isinstance(v, list) else v for k, v in r.items()})
        tables[f"{kind}.csv"] = buf.getvalue()
    names: dict[str, set[str]] = {"persons": set(), "bodies": set(), "groups": set()}
    for f in facts:
        if isinstance(f, PostFact):
            names["persons"].add(f.person)
            names["bodies"].add(f.body)
        elif isinstance(f, MemberFact):
            names["groups"].add(f.group)
            if f.member_type == "person":
                names["persons"].add(f.member)
            elif f.member_type == "body":
                names["bodies"].add(f.member)
        elif isinstance(f, (TaskFact, DutyFact)):
            names["bodies"].add(f.body)
        elif isinstance(f, OfficeFact):
            names["groups"].add(f.group)
            names["bodies"].add(f.host_body)
    for table, members in names.items():
        tables[f"{table}.csv"] = "name\n" + "".join(f"{_csv_cell(n)}\n" for n in sorted(members))
    return tables


def _csv_cell(value: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([value])
    return buf.getvalue()


def write_csv(facts: list[FactBase], dest: Path | None) -> bytes | None:
    """A .zip (dest ending .zip, or bytes for stdout when dest is None) or a directory of CSV files."""
    tables = csv_tables(facts)
    if dest is not None and dest.suffix != ".zip":
        dest.mkdir(parents=True, exist_ok=True)
        for name, text in tables.items():
            (dest / name).write_text(text, encoding="utf-8")
        return None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in tables.items():
            z.writestr(name, text)
    if dest is not None:
        dest.write_bytes(buf.getvalue())
        return None
    return buf.getvalue()


# -- JSON-LD ----------------------------------------------------------------------------------
def jsonld_context() -> dict:
    """The @context: govkg's prefixes, with gk: as the default vocabulary."""
    prefixes = mapping()["prefixes"]
    return {"@context": {**prefixes, "@vocab": prefixes["gk"], "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}}


def jsonld_compact(ntriples: str) -> str:
    """Compact JSON-LD (rdflib's serializer with our @context), readable back by any JSON-LD parser."""
    from rdflib import Graph
    g = Graph().parse(data=ntriples, format="nt")
    return g.serialize(format="json-ld", context=jsonld_context()["@context"], auto_compact=True, ensure_ascii=False)
