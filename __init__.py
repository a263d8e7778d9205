"""govkg: Chinese local-government gazettes -> a knowledge graph of people, posts, bodies,
leading groups, tasks and responsibilities, with provenance to document and line.

    import govkg
    kg = govkg.open(".govkg/store")
    kg.who_leads("区工科局").answers
"""

__version__ = "0.1.0"


def open(store=None, backend: str = "oxigraph", **neo4j):  # noqa: A001 - the notebook's entry point
    """Open a built store and ask it questions (see govkg.api); imported lazily to keep the CLI fast."""
    from govkg.api import open as _open
    return _open(store, backend, **neo4j)
