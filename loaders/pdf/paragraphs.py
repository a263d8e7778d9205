"""Printed lines -> paragraphs: join the lines a column's width wrapped, keep every real start.

A line is continued on the next when it runs to the right edge of its column and the next starts
flush at the left edge of its column (less than an em in: a paragraph indent is two), is no numbered
heading (一、 （二） 3. 第四条), roster label (副组长：) or document number, and follows at
ordinary leading (or opens the next column of the same band). An indent, a short line, a numbering
mark or a wider gap starts a new paragraph, so paragraph and numbering starts survive as line
starts, as the extractors expect. Paragraphs never run across pages, so each has one page.
"""

from __future__ import annotations

import re

from govkg.loaders.pdf.geometry import PrintedLine

NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十百\d]{1,3}\s*[）)]"
    r"|\d{1,3}\s*[、.．](?!\d)|第[一二三四五六七八九十百\d]{1,4}[条章节])"
    # a document number printed alone
    r"|^\s*[\u4e00-\u9fff]{1,10}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号\s*$")
# a roster or form label (组  长：, 副指挥长：, 承办人：) starts a line, unless the line before
# stopped inside a clause (after （ 、 ，), as in （ / 牵头单位：…）
LABEL = re.compile(r"^\s*[\u4e00-\u9fff][\u4e00-\u9fff ]{0,8}[：:]")
INSIDE = ("（", "(", "、", "，", ",")


def continues(prev: PrintedLine, cur: PrintedLine, size: float) -> bool:
    """Whether `cur` carries on the paragraph that `prev` ended at the column's edge."""
    if prev.x1 < prev.right - size * 1.5 or cur.x0 > cur.left + size * 0.9:
        return False
    if prev.x0 > prev.left + size * 2.5 and prev.text[:1] != " ":
        return False  # a right-aligned or centred line (a date, a signature, a title) stands alone
    if NUMBERING.match(cur.text) or (LABEL.match(cur.text) and not prev.text.rstrip().endswith(INSIDE)):
        return False
    if cur.column == prev.column:
        return 0 <= cur.top - prev.bottom < size * 1.0
    return cur.column == prev.column + 1 and prev.column >= 0 and cur.top < prev.top


def join(left: str, right: str, spaces: int = 0) -> str:
    """Two pieces of one paragraph: Chinese runs on without a space, Latin words keep one; a
    blank the wrap carried to the start of the next line (`spaces`) is kept, as in `张三  局长`."""
    spaces += (len(left) - len(left.rstrip())) + (len(right) - len(right.lstrip()))
    left, right = left.rstrip(), right.lstrip()
    if spaces:
        return left + " " * spaces + right
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def paragraphs(lines: list[PrintedLine], size: float) -> list[str]:
    """One page's printed lines (in reading order) as paragraphs."""
    out: list[str] = []
    prev: PrintedLine | None = None
    for ln in lines:
        if prev is not None and out and continues(prev, ln, size):
            out[-1] = join(out[-1], ln.text, round(max(0.0, ln.x0 - ln.left) / (size * 0.5)))
        else:
            out.append(ln.text)
        prev = ln
    return out
