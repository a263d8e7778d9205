"""Which group a roster belongs to: the fullest group name the document prints.

The name is printed in a `成立/建立/调整 X` sentence, in a heading (`二、X`), before `组成人员/成员名单`,
in the office sentence (`X办公室设在…`), or as the title of the attachment that holds the roster
(`附件：1.X成员名单`). PDF extraction cuts attachment titles into fragments printed out of order
(`附件：1.2025年度某县城乡居民` … `      医保费征缴领导小` … `      组成员名单`), so an
attachment title is rebuilt from its head and at most two stray indented fragments, and only kept
when the result reads as a whole group name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import permutations

from govkg.loaders.names import squash
from govkg.loaders.rosters.rows import HAN, label_pattern, parse_person_rows
from govkg.loaders.text import Document, Line
from govkg.ontology.vocabulary import vocabulary

FOUNDING = r"(?:成立|建立|组建|设立)"
ADJUSTING = r"(?:调整|充实|调整充实|充实调整)"
ROSTER_SUFFIX = r"(?:组成人员名单|组成成员名单|成员名单|组成人员|组成成员|人员组成|名单)"
# what a joined sentence may put before a group name: the document number, 关于, 调整 …
LEAD_IN = re.compile(r"^(?:\d+号)?(?:关于)?(?:调整|充实|成立|建立|组建|设立)?(?:和|及)?(?:健全|完善)?")
ATTACHMENT_HEAD = re.compile(r"^\s*附\s*件\s*[：:]?\s*(?:\d+\s*[.．、]\s*)?(?P<x>\S(?:.*\S)?)\s*$")  # greedy to the last non-space: linear
FRAGMENT = re.compile(rf"^[{HAN}\d（）()]{{2,24}}$")
FRAGMENT_WINDOW = 120
# words of a sentence, not of a group's name: `领导小组成员单位可根据工作需要向领导小组办公室…`
# what may stand before a shorter form of the same group's name: its place (`晋城市` + `市创建…领导小组`)
PLACE = re.compile(r"[\u4e00-\u9fff]{0,8}[省市县区旗州盟]|中共")
NOT_A_NAME = re.compile(r"成员单位|根据|可以?|向|应当|需要|职责|第[一二三四五六七八九十]{1,3}条|征求")  # source lines around the attachment list where its cut pieces may print


@lru_cache(maxsize=1)
def group_kinds() -> list[str]:
    return sorted(vocabulary()["group_kinds"], key=len, reverse=True)


@lru_cache(maxsize=1)
def group_name_re() -> str:
    return rf"[^，。；：、,;:\s“”〔〕《》]{{2,40}}?(?:{'|'.join(map(re.escape, group_kinds()))})"


def trim_group(name: str) -> str:
    """Drop what a sentence or a title put before the name (`30号关于调整X`, `县政府办公室关于调整X`,
    `现将调整后的X` -> `X`).

    Group names do not contain 的; a sentence's words before one often end in it.
    """
    name = squash(name).rpartition("的")[2].rpartition("关于")[2]
    name = re.sub(r"^.*?(?:决定|同意|研究)对", "", name)  # 县人民政府决定对X(组成人员进行调整)
    name = re.sub(r"^对(?![口外])", "", name)  # `经县政府同意，对X组成人员进行调整` (对口/对外 open names)
    return LEAD_IN.sub("", name)


def name_reach() -> int:
    """The most characters a group name (group_name_re) can span."""
    return 40 + max(map(len, group_kinds()))


def finditer_near(pattern: re.Pattern[str], text: str, words: tuple[str, ...], reach: int) -> Iterator[re.Match[str]]:
    """The matches of pattern.finditer(text), for a pattern that opens with a name and whose every
    match holds one of `words` after its start and at most `reach` characters on: only the
    starts within `reach` before an occurrence of a word are tried (a pattern opening with a name
    is otherwise tried, up to the name's length, at every offset of the document). Same matches,
    in the same order: a start too far before every occurrence cannot match."""
    found = sorted({o for w in words for o in _occurrences(text, w)})
    pos = 0
    for o in found:
        i = max(pos, o - reach)
        while i <= o:
            m = pattern.match(text, i)
            if m:
                yield m
                i = max(m.end(), i + 1)
                pos = i
            else:
                i += 1
        pos = max(pos, o + 1)


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Every offset where `word` is found (overlapping ones too)."""
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def _has(text: str, *words: str) -> bool:
    """Does the text hold any of these words? (A cheap test before a pattern tried at every offset.)"""
    return any(w in text for w in words)


def is_specific(name: str) -> bool:
    """A group's own name, not a generic word (`工作专班`) or a township's group (`乡镇…指挥部`)."""
    if name.startswith(("各", "乡", "镇", "本", "该")):
        return False
    core = name
    for kind in group_kinds():
        if core.endswith(kind):
            core = core[: -len(kind)]
            break
    return len(core.removesuffix("工作")) > 2


class _ByNumber:
    """The lines sorted by source line number once, to find those near a line by bisection (not
    by a scan of the whole document per attachment title)."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.order = sorted(range(len(lines)), key=lambda k: lines[k].number)
        self.numbers = [lines[k].number for k in self.order]

    def near(self, number: int) -> list[Line]:
        """The lines within FRAGMENT_WINDOW source lines of `number`, in document order."""
        lo = bisect_left(self.numbers, number - FRAGMENT_WINDOW)
        hi = bisect_right(self.numbers, number + FRAGMENT_WINDOW)
        return [self.lines[k] for k in sorted(self.order[lo:hi])]


def attachment_titles(doc: Document) -> list[tuple[str, int]]:
    """Group names rebuilt from a cut attachment title: head + up to two fragments, in any order."""
    whole = re.compile(rf"(?P<g>{group_name_re()}){ROSTER_SUFFIX}?")
    lines = doc.lines
    out: list[tuple[str, int]] = []
    if "附" not in doc.joined().text:
        return out  # ATTACHMENT_HEAD needs it, and every line's text is in the joined text
    by_number: _ByNumber | None = None
    for i, ln in enumerate(lines):
        m = ATTACHMENT_HEAD.match(ln.text)
        if not m:
            continue
        head = squash(m.group("x"))
        if len(re.findall(f"[{HAN}]", head)) < 4:
            continue  # `附件1` above the attachment itself, not the list of attachments
        found = whole.fullmatch(head)
        if found:
            out.append((found.group("g"), ln.number))
            continue
        by_number = by_number or _ByNumber(lines)
        pieces = [squash(x.text) for x in by_number.near(ln.number)
                  if x is not ln
                  and len(x.text) - len(x.text.lstrip()) >= 2 and FRAGMENT.match(squash(x.text))
                  and not label_pattern().match(x.text) and not parse_person_rows(x.text)]
        for k in (1, 2):
            names = {whole.fullmatch(head + "".join(p)) for p in permutations(pieces, k)} - {None}
            if len(names) == 1:
                out.append((names.pop().group("g"), ln.number))
                break
            if names:
                break  # two readings: the title is not rebuilt
    return out


_NUMBERED_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+、\s*(\S(?:.*\S)?)")


@lru_cache(maxsize=16)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def group_candidates(doc: Document) -> list[tuple[str, int]]:
    """Full group names the document prints: `成立X`, a heading that is a group name, `X组成人员`,
    the roster attachment's title."""
    joined = doc.joined()
    if not names_a_kind(doc):  # only an attachment title, rebuilt from cut pieces, can name one then
        return _kept(attachment_titles(doc))
    name = group_name_re()
    out: list[tuple[str, int]] = []
    text = joined.text
    # each whole-text pattern below is tried only where a word it needs is printed (same matches)
    founding = _has(text, "成立", "建立", "组建", "设立")
    adjusting = _has(text, "调整", "充实")
    for m in re.finditer(rf"{FOUNDING}(?P<g>{name})", text) if founding else ():
        before = joined.text[max(0, m.start() - 14): m.start()]
        if re.search(r"乡|镇|街道|村", before.split("，")[-1]):
            continue  # a township's own group (乡镇成立…指挥部), not this document's
        out.append((m.group("g"), joined.line_at(m.start("g"))))
    for m in re.finditer(rf"成立(?:以|由)[^。]{{4,400}}?为(?:成员|组员|成员单位)的(?P<g>{name})", text) if founding else ():
        out.append((m.group("g"), joined.line_at(m.start("g"))))
    # A pattern that opens with a name is tried at every offset: it runs only when the words it
    # ends with are in the text (every ROSTER_SUFFIX holds 名单 or 组成).
    for m in finditer_near(_compiled(rf"(?P<g>{name}){ROSTER_SUFFIX}"), joined.text, ("名单", "组成"), name_reach() + 2):
        out.append((m.group("g"), joined.line_at(m.start("g"))))
    # `关于调整X的通知`, `决定对X成员进行调整`: a notice that re-staffs a standing group
    for m in re.finditer(rf"{ADJUSTING}(?P<g>{name})(?:的通知|的决定|组成人员|成员)", text) if adjusting else ():
        out.append((m.group("g"), joined.line_at(m.start("g"))))
    for m in re.finditer(rf"对(?P<g>{name})(?:组成人员|成员|人员)?(?:进行|作|予以)?(?:调整|充实)", text) if adjusting else ():
        out.append((m.group("g"), joined.line_at(m.start("g"))))
    # `省委防灾减灾救灾领导小组（以下简称领导小组）`: the full name a document defines its short form by
    for m in finditer_near(_compiled(rf"(?P<g>{name})[（(]以下简称"), joined.text, ("以下简称",), name_reach() + 1):
        # `决定成立X（以下简称…）`, `X工作规则（会签稿）为规范X（以下简称…）`
        g = re.split(rf"{FOUNDING}|{ADJUSTING}|[）)]|为(?:规范|了|进一步|加强|做好|贯彻|切实|确保)", m.group("g"))[-1]
        out.append((g, joined.line_at(m.end("g") - len(g))))
    lines = doc.lines
    for ln in lines:  # `省森林防灭火指挥部由省政府分管副省长任总指挥`: the group a sentence composes
        if "由" not in ln.text:
            continue
        m = re.match(rf"^\s*(?P<g>{name})(?:一般)?由[^。]{{2,80}}?(?:担任|兼任|任)(?:总指挥|指挥长|组长|召集人)",
                     squash(ln.text))
        if m:
            out.append((m.group("g"), ln.number))
    # every line's squashed text is a part of the squashed whole: one look there rules out them all
    member_lines = lines if "成员单位" in joined.squashed else []
    for ln in member_lines:  # `县防汛抗旱指挥部各成员单位：`, `关于明确X成员单位职责的通知`: X has member units
        if "位" not in ln.text or "成员单位" not in squash(ln.text):
            continue  # (the first look at C speed: squashing only drops spaces)
        for m in re.finditer(rf"(?P<g>{name})各?成员单位", squash(ln.text)):
            g = re.split(rf"关于|明确|印发|附件[\d：:]*|{FOUNDING}|{ADJUSTING}", m.group("g"))[-1]
            out.append((g, ln.number))
    for i, ln in enumerate(lines):
        m = _NUMBERED_HEADING.match(ln.text)  # linear: no lazy run before \s*$
        if not m:
            continue
        text = squash(m.group(1))
        if i + 1 < len(lines) and len(squash(lines[i + 1].text)) <= 3:
            text += squash(lines[i + 1].text)
        if re.fullmatch(name, text):
            out.append((text, ln.number))
    out.extend(attachment_titles(doc))
    return _kept(out)


def names_a_kind(doc: Document) -> bool:
    """Does the document print a kind of group (领导小组, 指挥部 …) anywhere? Every group name
    (group_name_re) ends in one, within a line or across lines run together, so it is in the
    squashed text; only an attachment title glued from pieces printed apart may form one."""
    squashed = doc.joined().squashed
    return any(k in squashed for k in group_kinds())


def _kept(found: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The candidates trimmed of a sentence's words before them, and only a group's own names."""
    trimmed = [(trim_group(g), n) for g, n in found]
    return [(g, n) for g, n in trimmed if is_specific(g) and not NOT_A_NAME.search(g)]


def main_group(doc: Document) -> tuple[str, int] | None:
    """The fullest group name printed in the document (one canonical name per group per doc).

    Metadata, rosters and duties all ask for it: it is read once per document (again only if
    the document's lines were replaced or grew)."""
    key = (id(doc.lines), len(doc.lines))
    cached = doc.__dict__.get("_main_group")
    if cached is None or cached[0] != key:
        cached = (key, _main_group(doc), doc.lines)  # holds the list: its id stays its own
        doc.__dict__["_main_group"] = cached
    return cached[1]


def _main_group(doc: Document) -> tuple[str, int] | None:
    cands = group_candidates(doc)
    if not cands and names_a_kind(doc):  # no 成立 sentence: the group that has an office (`X办公室设在…`), at a sentence or line start
        for ln in doc.lines:
            m = re.match(rf"^\s*(?P<g>{group_name_re()})(?:下设)?办公室", ln.text) if "办公室" in ln.text else None
            if m:
                cands.append((squash(m.group("g")), ln.number))
        joined = doc.joined()
        # the first match of `[。；，]X(下设)?办公室`, tried only within a name's reach before 办公室
        m = next(finditer_near(_compiled(rf"[。；，](?P<g>{group_name_re()})(?:下设)?办公室"), joined.text, ("办公室",),
                               name_reach() + 3), None)
        if m:
            cands.append((m.group("g"), joined.line_at(m.start("g"))))
        cands = [(trim_group(g), n) for g, n in cands
                 if not trim_group(g).startswith(("各", "乡", "镇")) and not NOT_A_NAME.search(g)]
    if not cands:
        return None
    names = {g for g, _ in cands}
    cands = [(g, n) for g, n in cands if not any(g != a and g.endswith(a) and not PLACE.fullmatch(g[:-len(a)])
                                                for a in names)] or cands
    return max(cands, key=lambda c: (len(c[0]), -c[1]))
