"""Running headers, footers and page numbers: found by position and repetition, not by wording.

A gazette prints its name and issue on top of every page (alternating with the section on even
pages) and a page number at the foot. Those rows sit in the top or bottom band of the page and
recur, digits aside, on many pages; a lone number there is a page number even on a one-page file.
Body text almost never recurs at the same place on a third of the pages, so repetition is a safe
test where wording would have to be learnt place by place.
"""

from __future__ import annotations

import re
from collections import Counter

from govkg.loaders.pdf.geometry import Box, glyph_size, rows, text_of

PAGE_NUMBER = re.compile(r"^[—－\-–·•\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?[—－\-–·•\s]*$")
EDGE_ROWS = 2  # rows looked at on each end of a page
ZONE = 0.12  # the top and bottom bands of the page (fraction of its height) where furniture prints


def _key(text: str, where: str) -> str:
    return where + re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _edge_rows(boxes: list[Box], height: float) -> list[tuple[str, list[Box]]]:
    """The first and last rows of a page that lie in its top or bottom band, keyed for counting."""
    if not boxes:
        return []
    size = glyph_size(boxes)
    page_rows = rows(boxes, size)
    out = []
    for r in page_rows[:EDGE_ROWS]:
        if max(b.bottom for b in r) <= height * ZONE:
            out.append((_key(text_of(r, size), "top:"), r))
    for r in page_rows[-EDGE_ROWS:]:
        if min(b.top for b in r) >= height * (1 - ZONE) and all(r is not o for _, o in out):
            out.append((_key(text_of(r, size), "bottom:"), r))
    return out


def strip_running(pages: list[tuple[list[Box], float]]) -> list[list[Box]]:
    """Each page's boxes without its running header, footer and page number.

    `pages` holds (boxes, page height). A row in a page's top or bottom band is furniture when it
    is a page number, or when the same row (digits aside) stands there on at least two pages and
    on at least a third of them.
    """
    edges = [_edge_rows(boxes, height) for boxes, height in pages]
    counts = Counter(k for page in edges for k in {k for k, _ in page})
    enough = max(2, len(pages) / 3)
    out = []
    for (boxes, _), page in zip(pages, edges):
        drop: set[int] = set()
        for key, r in page:
            if counts[key] >= enough or PAGE_NUMBER.match(key.split(":", 1)[1].replace("#", "1")):
                drop.update(id(b) for b in r)
        out.append([b for b in boxes if id(b) not in drop])
    return out
