"""Placeholder: being written (extractor for tasks)."""

from govkg.loaders.text import Document
from govkg.ontology.facts import FactBase


def extract(doc: Document) -> list[FactBase]:
    return []
