"""Load the vocabularies (ontology/vocabulary.json) once; code asks questions of them here."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return json.loads(resources.files("govkg.ontology").joinpath("vocabulary.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def titles_longest_first() -> list[str]:
    titles = {t for group in vocabulary()["titles"].values() for t in group}
    return sorted(titles, key=len, reverse=True)


def title_rank(title: str) -> str:
    """正职 | 副职 | other — whether a title heads its body, deputises, or neither."""
    for rank, titles in vocabulary()["titles"].items():
        if title in titles:
            return rank
    return "other"


def is_leadership_title(title: str) -> bool:
    return title_rank(title) in ("正职", "副职") or title in ("党组书记", "党委书记", "主要负责人")


@lru_cache(maxsize=1)
def group_role_order() -> dict[str, int]:
    return {role: i for i, role in enumerate(vocabulary()["group_role_order"])}


def is_leading_group_role(role: str) -> bool:
    return role in vocabulary()["group_roles"]["leading"]


def responsibility_role(phrase: str) -> str | None:
    """lead | responsible | support for a phrase such as 牵头 / 按职责分工负责落实 / 配合."""
    best: tuple[int, str] | None = None
    for role, words in vocabulary()["responsibility_roles"].items():
        for w in words:
            if w in phrase and (best is None or len(w) > best[0]):
                best = (len(w), role)
    return best[1] if best else None


@lru_cache(maxsize=1)
def body_suffixes_longest_first() -> list[str]:
    return sorted(vocabulary()["body_suffixes"], key=len, reverse=True)


def level_prefixes() -> list[str]:
    return vocabulary()["level_prefixes"]
