"""The named questions as files: one `.rq` and one `.cypher` per question, loaded once.

Each file opens with comment lines naming its parameters and result columns (metakb's habit);
the files are what researchers paste into Neo4j Browser or a SPARQL endpoint.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

LANGUAGES = {"sparql": "rq", "cypher": "cypher"}


@lru_cache(maxsize=None)
def query_text(name: str, language: str) -> str:
    return resources.files("govkg.queries").joinpath(f"{name}.{LANGUAGES[language]}").read_text("utf-8")


@lru_cache(maxsize=None)
def columns(name: str) -> list[str]:
    """Result columns as the .rq header declares them (`# columns: a, b (note), c`)."""
    header = re.search(r"^#\s*columns:\s*(.+(?:\n#\s{2,}.+)*)", query_text(name, "sparql"), re.M)
    if not header:
        raise ValueError(f"queries/{name}.rq has no '# columns:' header")
    text = re.sub(r"\([^)]*\)", "", header.group(1).replace("\n#", " "))
    return [c.strip() for c in text.split(",") if c.strip()]


def names() -> list[str]:
    return sorted(p.name[:-3] for p in resources.files("govkg.queries").iterdir() if p.name.endswith(".rq"))
