"""The title a document prints at its head, as the identity of a document that prints no number.

Crawled notices and plans often come without their 发文字号; FACTS.md then names the document by
its title as printed. The title is the head line when it has the shape of a title: `…关于…的通知`
(cut there when a crawl ran the addressees on: `…的通知各市人民政府`), or a line ending in a kind of
document (`…行动计划（2020-2022年）`, `…应急预案（试行）`), possibly wrapped over two lines.
"""

from __future__ import annotations

import re
from typing import Protocol

from govkg.loaders.names import squash

_KINDS = ("通知|决定|意见|批复|报告|通报|请示|公告|通告|函|方案|计划|预案|办法|规定|规则|细则|纲要|规划|要点"
          "|条例|措施|若干政策|指南|制度|指引|清单")
# `关于…的通知`: the title ends at the first kind word after 关于 outside book-title marks.
_ABOUT = re.compile(rf"关于(?:《[^《》]{{1,120}}》|[^《》。；！？]){{1,160}}?的(?:{_KINDS})")
# A title that ends in a kind, perhaps with a bracketed status or period: （试行）（2021-2023年）
_ENDS_IN_KIND = re.compile(rf"(?:{_KINDS})(?:[（(][^（）()]{{1,16}}[）)]){{0,2}}$")
MAX_TITLE = 120
MIN_TITLE = 8
# closing formulas end in a kind word too, yet name no document: 特此通知, 此复
_CLOSING = re.compile(r"^(?:特此|此致|此复|现予|请|望)")


class _Line(Protocol):
    number: int
    text: str


def title_of(text: str) -> str | None:
    """The title in a head line, or None when the line does not read as one."""
    text = squash(text)
    m = _ABOUT.search(text[:MAX_TITLE * 2])
    if m and m.end() <= MAX_TITLE + 40:
        return text[:m.end()]
    if MIN_TITLE <= len(text) <= MAX_TITLE and _ENDS_IN_KIND.search(text) and "。" not in text \
            and not _CLOSING.match(text):
        return text
    return None


def head_title_line(lines: list[_Line]) -> str | None:
    """The title printed on the first source line, or over the first two when it wraps."""
    first = [ln.text for ln in lines if ln.number == lines[0].number] if lines else []
    if not first:
        return None
    whole_first = "".join(first)
    found = title_of(whole_first)
    if found:
        return found
    second = [ln.text for ln in lines if ln.number != lines[0].number][:1]
    if second and len(squash(whole_first)) < 60:
        return title_of(whole_first + second[0])
    return None
