"""Glyph boxes of one page -> printed lines in reading order, column by column.

A two-column gazette page printed to text by a naive reader interleaves the columns line by line
(`pdfplumber.extract_text()` does). Here a page is read as a typesetter laid it out: boxes are
grouped into printed rows, rows are cut at wide gaps into segments, a gutter is a vertical strip
that (almost) no segment crosses, and the page is read band by band (a band ends at a line that
spans the gutter, such as a centred title), each band column by column. The same code reads glyph
boxes from a PDF's text layer and word boxes from OCR, so scans are read in the same order.
Everything here is pure geometry: no PDF library, no text rules beyond spacing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median


@dataclass(frozen=True)
class Box:
    """A glyph (or an OCR word) with its bounding box in points, y growing downwards."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass
class Segment:
    """A run of boxes on one printed row with no wide gap inside: one column's part of a row."""

    boxes: list[Box]
    column: int = -1  # index of the column it lies in; -1 when it spans a gutter

    @property
    def x0(self) -> float:
        return self.boxes[0].x0

    @property
    def x1(self) -> float:
        return self.boxes[-1].x1

    @property
    def top(self) -> float:
        return min(b.top for b in self.boxes)

    @property
    def bottom(self) -> float:
        return max(b.bottom for b in self.boxes)


@dataclass
class PrintedLine:
    """One printed line of one column (or of the full width), with the edges of its column."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    left: float  # the left edge of the column the line stands in
    right: float  # the right edge of that column
    column: int = -1
    boxes: list[Box] = field(default_factory=list, repr=False)


def glyph_size(boxes: list[Box]) -> float:
    """The body text size of a page: the median glyph height (robust to titles and flat glyphs)."""
    heights = [b.bottom - b.top for b in boxes if b.bottom > b.top]
    return median(heights) if heights else 10.0


def rows(boxes: list[Box], size: float) -> list[list[Box]]:
    """Boxes grouped into printed rows (vertical centres within half a glyph), left to right."""
    out: list[list[Box]] = []
    centre = None
    for b in sorted(boxes, key=lambda b: ((b.top + b.bottom) / 2, b.x0)):
        c = (b.top + b.bottom) / 2
        if centre is None or c - centre > size * 0.5:
            out.append([])
            centre = c
        out[-1].append(b)
    return [sorted(r, key=lambda b: b.x0) for r in out]


def segments(row: list[Box], size: float) -> list[Segment]:
    """A row cut where the ink of neighbours is further apart than a gutter could be narrow
    (1.5 em); printed spaces between do not bridge the gap and are dropped at the cut."""
    return _cut(row, lambda prev, b: b.x0 - prev.x1 > size * 1.5)


def _cut(boxes: list[Box], split) -> list[Segment]:  # noqa: ANN001 - split(prev_ink, box) -> bool
    out: list[Segment] = []
    pending: list[Box] = []  # spaces since the last ink
    last = None
    for b in boxes:
        if b.text == " ":
            pending.append(b)
            continue
        if last is None or split(last, b):
            out.append(Segment(_lead(pending, last) + [b]))
        else:
            out[-1].boxes.extend(pending + [b])
        pending, last = [], b
    if out and pending:
        out[-1].boxes.extend(pending)
    return out or ([Segment(boxes)] if boxes else [])


def find_columns(segs: list[Segment], lo: float, hi: float, size: float, depth: int = 0) -> list[tuple[float, float]]:
    """Column extents [(left, right)] within [lo, hi], found by recursive gutter search.

    A gutter is a strip at least 0.8 em wide in the middle 60% of the span that at most a tenth of
    the segments cross, with at least a quarter of the segments wholly on each side and both sides
    at least 8 em wide (a narrower side is a table's cells, say a column of names, not text).
    """
    inside = [s for s in segs if s.x0 >= lo - 1 and s.x1 <= hi + 1]
    if depth > 3 or len(inside) < 8 or hi - lo < size * 10:
        return [(lo, hi)]
    width = int(hi - lo) + 2
    diff = [0] * (width + 1)
    for s in inside:
        diff[max(0, int(s.x0 - lo))] += 1
        diff[min(width, int(s.x1 - lo) + 1)] -= 1
    cover, run = [], 0
    for d in diff[:width]:
        run += d
        cover.append(run)
    limit = max(1, len(inside) // 10)
    best: tuple[int, int] | None = None
    start = None
    a, z = int(width * 0.2), int(width * 0.8)
    for x in range(a, z + 1):
        low = x < z and cover[x] <= limit
        if low and start is None:
            start = x
        elif not low and start is not None:
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    if best is None:
        return [(lo, hi)]
    best = _emptiest(cover, *best)
    if best[1] - best[0] < size * 0.8:
        return [(lo, hi)]
    g0, g1 = lo + best[0], lo + best[1]
    left = [s for s in inside if s.x1 <= g0 + 1]
    right = [s for s in inside if s.x0 >= g1 - 1]
    if min(len(left), len(right)) < len(inside) / 4:
        return [(lo, hi)]
    l_hi, r_lo = max(s.x1 for s in left), min(s.x0 for s in right)
    if l_hi - lo < size * 8 or hi - r_lo < size * 8:
        return [(lo, hi)]  # a narrow side is a table's cells, not a column of text
    return (find_columns(inside, lo, l_hi, size, depth + 1)
            + find_columns(inside, r_lo, hi, size, depth + 1))


def _emptiest(cover: list[int], start: int, end: int) -> tuple[int, int]:
    """The widest strip of [start, end) that the fewest segments cross: the gutter proper, not
    the ragged ends of the left column's short lines beside it."""
    least = min(cover[start:end])
    best, run = (start, start), None
    for x in range(start, end + 1):
        if x < end and cover[x] == least:
            run = x if run is None else run
        elif run is not None:
            if x - run > best[1] - best[0]:
                best = (run, x)
            run = None
    return best


def text_of(boxes: list[Box], size: float, space: float = 0.2) -> str:
    """Boxes joined left to right; a gap wider than `space` em prints as spaces (as `李  鑫`)."""
    parts: list[str] = []
    prev = None
    for b in boxes:
        if prev is not None:
            gap = b.x0 - prev.x1
            if gap > size * space:
                parts.append(" " * min(8, max(1, round(gap / (size * 0.5)))))
        parts.append(b.text)
        prev = b
    return "".join(parts)


def page_columns(boxes: list[Box], size: float) -> list[tuple[float, float]]:
    """The column extents of one page, from its own glyphs alone.

    A column's right edge is where its lines end, less a lone line that overruns it (a run of
    spaces or a hanging sign pushed past the frame), so that one line cannot move the edge.
    """
    if not boxes:
        return []
    flat = _segments_of(boxes, size)
    cols = find_columns(flat, min(s.x0 for s in flat), max(s.x1 for s in flat), size)
    out = []
    for i, (left, right) in enumerate(cols):
        nxt = cols[i + 1][0] if i + 1 < len(cols) else float("inf")
        ends = sorted((_ink_x1(s) for s in flat if s.x0 >= left - 2 and s.x1 <= nxt), reverse=True)
        if len(ends) > 1 and size * 0.5 < ends[0] - ends[1] < size * 1.5:
            ends.pop(0)  # a line overrunning by a sign or two, not a line of a wider frame
        out.append((left, ends[0] if ends else right))
    return out


HANGING = set(" ，。、；：！？）》”’,.;:!?)")


def _ink_x1(seg: Segment) -> float:
    """Where a segment's text ends for measuring the frame: trailing spaces and a hanging sign
    (typesetters let ，。 run past the edge rather than start a line with them) do not count."""
    return max((b.x1 for b in seg.boxes if b.text not in HANGING), default=seg.x1)


def _segments_of(boxes: list[Box], size: float) -> list[Segment]:
    return [s for r in rows(boxes, size) for s in segments(r, size)]


def fits(boxes: list[Box], size: float, cols: list[tuple[float, float]]) -> bool:
    """Whether a page can be read in the given columns: at most a tenth of its segments cross a
    gutter. A page whose own columns were not found (the last page of a document, its right
    column nearly empty) is read in the document's columns when it fits them."""
    segs = _segments_of(boxes, size)
    crossing = sum(1 for s in segs for (_, r), (l2, _) in zip(cols, cols[1:]) if s.x0 < r and s.x1 > l2)
    return crossing <= len(segs) / 10


def adopt_layout(per_page: list[list[tuple[float, float]]], pages: list[tuple[list[Box], float]]) -> list[list[tuple[float, float]]]:
    """Pages with fewer columns than the document's most common multi-column layout take that
    layout when their glyphs fit it, in a document that most pages show in several columns."""
    multi = [cols for cols in per_page if len(cols) > 1]
    if len(multi) * 2 <= len([c for c in per_page if c]):
        return per_page  # a one-column document with a few table-like pages stays one column
    count = max(set(len(c) for c in multi), key=lambda n: sum(1 for c in multi if len(c) == n))
    model = next(c for c in multi if len(c) == count)
    return [model if 0 < len(cols) < count and fits(boxes, size, model) else cols
            for cols, (boxes, size) in zip(per_page, pages)]


def snap_columns(per_page: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """Each page's columns widened to the extent the same column has anywhere in the document.

    One page's lines may all be short or all indented, so its own extents miss the true edges
    that tell a wrapped line (runs to the right edge) from a paragraph end, and an indent from a
    flush start. Pages of a document share their frames: the one column of a one-column page is
    matched with those of all one-column pages; a column of a page in several columns with every
    column that overlaps 70% of the wider of the two. A column takes the leftmost start of its
    matches (10th percentile) and the rightmost edge that two pages or more reach, so that neither a
    page of short lines nor one overfull line moves it.
    """
    singles = [cols[0] for cols in per_page if len(cols) == 1]
    multis = [c for cols in per_page if len(cols) > 1 for c in cols]

    def widened(col: tuple[float, float], single: bool) -> tuple[float, float]:
        same = singles if single else [
            o for o in multis if min(col[1], o[1]) - max(col[0], o[0]) > 0.7 * max(col[1] - col[0], o[1] - o[0])]
        same = same or [col]
        lefts, rights = sorted(o[0] for o in same), sorted(o[1] for o in same)
        reached = [r for r in rights if sum(1 for o in rights if abs(o - r) <= 2) >= 2]
        return lefts[len(lefts) // 10], max(reached) if reached else rights[-1]

    return [[widened(c, len(cols) == 1) for c in cols] for cols in per_page]


def reading_order(boxes: list[Box], size: float | None = None, space: float | None = None,
                  cols: list[tuple[float, float]] | None = None) -> list[PrintedLine]:
    """A page's printed lines in reading order: band by band, each band column by column.

    `space` is the gap (in ems) above which a space is printed between boxes: glyph cells of a
    text layer touch, OCR word boxes hug the ink and need a wider threshold. `cols` are the
    page's column extents when known from the whole document (snap_columns), else found here.
    """
    if not boxes:
        return []
    size = size or glyph_size(boxes)
    space = space or 0.2
    page_rows = rows(boxes, size)
    segs_by_row = [segments(r, size) for r in page_rows]
    cols = cols or page_columns(boxes, size)
    lo, hi = cols[0][0], cols[-1][1]
    out: list[PrintedLine] = []
    band: list[list[PrintedLine]] = [[] for _ in cols]

    def flush() -> None:
        for col in band:
            out.extend(col)
            col.clear()

    for row in segs_by_row:
        spans, per_col = _assign(_cut_at_gutters(row, cols, size), cols)
        if spans:
            flush()
            line_boxes = [b for s in row for b in s.boxes]
            out.append(_line(line_boxes, size, lo, hi, -1, space))
            continue
        for i, col_boxes in per_col.items():
            band[i].append(_line(col_boxes, size, cols[i][0], cols[i][1], i, space))
    flush()
    return out


def _lead(spaces: list[Box], ink: Box | None) -> list[Box]:
    """The printed spaces before a cut that lead the next segment: those after the widest gap
    (an indent printed with spaces, as a roster's hanging line in the right column has)."""
    if ink is None or not spaces:
        return spaces
    edges = [ink, *spaces]
    widest = max(range(len(spaces)), key=lambda i: spaces[i].x0 - edges[i].x1)
    return spaces[widest:]


def _cut_at_gutters(row: list[Segment], cols: list[tuple[float, float]], size: float) -> list[Segment]:
    """Segments cut where a gap falls in a gutter: a full left line whose last sign hangs into the
    gutter leaves less than the segment gap before the right column's line, yet is two lines;
    so does a line overfull with printed spaces. Spaces past a column's right edge are dropped."""
    gutters = [(a[1] - size, b[0] + size) for a, b in zip(cols, cols[1:])]
    if not gutters:
        return row
    out = []
    for seg in row:
        pieces = _cut(seg.boxes, lambda prev, b: b.x0 - prev.x1 > size * 0.3
                      and any(prev.x1 <= hi and b.x0 >= lo for lo, hi in gutters))
        for piece in pieces:
            ink = next((b for b in piece.boxes if b.text != " "), piece.boxes[0])
            start, edge = next(((left, r) for left, r in reversed(cols) if ink.x0 >= left - 2), cols[0])
            while len(piece.boxes) > 1 and piece.boxes[-1].text == " " and piece.boxes[-1].x1 > edge + size:
                piece.boxes.pop()  # spaces run past the column's edge
            while len(piece.boxes) > 1 and piece.boxes[0].text == " " and piece.boxes[0].x0 < start - 2:
                piece.boxes.pop(0)  # spaces reaching back across the gutter
            out.append(piece)
    return out


def _assign(row: list[Segment], cols: list[tuple[float, float]]) -> tuple[bool, dict[int, list[Box]]]:
    """Which column each segment of a row lies in (the last whose left edge it starts at or past);
    (True, {}) when a segment reaches into the next column, as a full-width title does."""
    per_col: dict[int, list[Box]] = {}
    for s in row:
        idx = max((i for i, (left, _) in enumerate(cols) if s.x0 >= left - 2), default=0)
        if idx + 1 < len(cols) and s.x1 > cols[idx + 1][0] + 2:
            return True, {}
        per_col.setdefault(idx, []).extend(s.boxes)
    return False, per_col


def _line(boxes: list[Box], size: float, left: float, right: float, column: int, space: float) -> PrintedLine:
    boxes = sorted(boxes, key=lambda b: b.x0)
    return PrintedLine(text_of(boxes, size, space), boxes[0].x0, boxes[-1].x1, min(b.top for b in boxes),
                       max(b.bottom for b in boxes), left, right, column, boxes)
