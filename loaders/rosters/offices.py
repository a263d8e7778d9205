"""A group's office (`下设办公室，办公室设在X，办公室主任由Y兼任`) and its working sub-groups.

The office's heads may be named by post (`主任由县农业局局长担任`), by name
(`办公室主任由吴卿兼任`), or both (`办公室主任由县发改局局长李四兼任` — then 李四 also holds that post).
A deputy named by a bare `局分管领导` means the host bureau's (the sentence names it just before).

Working sub-groups (`1.应急处置组` + `区农业农村局牵头，由…组成`, `…牵头，…为成员单位`,
`…牵头，成员单位：…`) are paired heading-to-content by the topic words they share (headings print
away from their content), then by distance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govkg.loaders.names import is_collective, split_enumeration, squash
from govkg.loaders.rosters.rows import (
    HAN,
    NUMBERING,
    ends_with_title,
    is_name,
    match_label,
    split_trailing_name,
)
from govkg.loaders.text import Document, Line
from govkg.ontology.facts import MemberFact


@dataclass
class Office:
    """The office of a group: its host body, its director and deputies, and posts they are shown in."""

    host: str
    line: int
    director: str | None = None
    deputies: list[str] = field(default_factory=list)
    held: list[tuple[str, str]] = field(default_factory=list)  # (person, post string) named with a person


def _who(office: Office, text: str) -> str:
    """`由县卫健局局长张三同志` -> `张三` (and remember his post); `局分管领导` -> the host's."""
    t = re.sub(r"^(?:由|是|为)", "", squash(text))
    t = t if t.endswith("负责同志") else t.removesuffix("同志")  # `…分管负责同志` is a post, kept whole
    # `李明辉同志（县卫健委主任）`: the name, then the post he holds in brackets
    b = re.match(rf"^(?P<name>[{HAN}]{{2,4}}?)(?:同志)?[（(](?P<post>[^（）()]+)[）)](?:同志)?$", t)
    if b and is_name(b.group("name")) and ends_with_title(b.group("post")):
        if (b.group("name"), b.group("post")) not in office.held:
            office.held.append((b.group("name"), b.group("post")))
        return b.group("name")
    head, tail = split_trailing_name(t)
    if tail:
        if (tail, head) not in office.held:
            office.held.append((tail, head))
        return tail
    unit = next((u for u in ("局", "委", "办", "中心") if head.startswith(u)), None)
    if unit and office.host.endswith(unit) and not is_name(head):
        return office.host + head[len(unit):]  # 局分管领导: the host bureau's
    return head


def _read_heads(office: Office, window: str) -> None:
    d = (re.search(r"办公室主任由(?P<w>[^，。；,;]+?)(?:(?<!负责)(?<!领导)同志)?(?:兼任|担任)", window)
         or re.search(r"(?<!副)主任由(?P<w>[^，。；,;]+?)(?:(?<!负责)(?<!领导)同志)?(?:兼任|担任)", window)
         or re.search(r"(?:^|[，。；,;])(?P<w>[^，。；,;]+?)(?:同志)?(?:兼任|担任|任)办公室主任", window))
    if d:
        office.director = _who(office, d.group("w"))
    for r in (re.finditer(r"副主任由(?P<w>[^，。；,;]+?)(?:(?<!负责)(?<!领导)同志)?(?:兼任|担任)", window),
              re.finditer(r"(?:^|[，。；,;])(?P<w>[^，。；,;]+?)(?:同志)?(?:兼任|担任|任)办公室副主任", window)):
        for x in r:
            for w in split_enumeration(x.group("w")):
                who = _who(office, w)
                if who not in office.deputies:
                    office.deputies.append(who)


def read_office(doc: Document) -> Office | None:
    """`办公室设在X` or `办公室职能由X承担`: the host body, and the heads named near it."""
    joined = doc.joined()
    t = joined.text
    m = re.search(r"办公室设在(?P<host>[^，。；,;（(]+?)(?=[，。；,;（(]|为|承担|具体|负责|$)", t) \
        or re.search(r"办公室(?:职能|日常工作)由(?P<host>[^，。；,;（(]+?)(?:承担|负责)", t)
    if not m:
        return None
    start = t.rfind("下设办公室", max(0, m.start() - 80), m.start())
    office = Office(squash(m.group("host")), joined.line_at(start if start >= 0 else m.start()))
    # the director may be named in this sentence or in a later restatement of the office
    for w in re.finditer(r"办公室", t[m.start():]):
        window = t[max(0, m.start() + w.start() - 40): m.start() + w.start() + 160]
        _read_heads(office, window)
        if office.director:
            break
    return office


# ---------------------------------------------------------------- working sub-groups

# the name is followed by a colon, or by wide spacing then its make-up (`1.拆迁征收组  区住建局牵头，…`);
# a bare `三、工作组` titles the section of sub-groups, it is none itself
SUBGROUP_HEAD = re.compile(rf"^\s*{NUMBERING}\s*(?P<name>(?!(?:专项)?工作小?组\s*$)[{HAN}]{{2,10}}组)"
                           rf"(?:(?:\s*[：:。]\s*|\s{{2,}}(?=\S)|(?=由|[省市县区][{HAN}]{{1,14}}?牵头))(?P<rest>.*)|\s*)$")
# `由县应急局牵头，县水利局、县气象局配合/参加/组成/为成员单位。`
LEAD = re.compile(r"^(?:由)?(?P<lead>[^，。、：:]{2,30}?(?:、[^，。、：:]{2,30}?)*)牵头[，,、]?(?:由)?(?P<members>[^。]*?)(?:等(?:单位|部门)?)?"
                  r"(?:组成|参加|参与|配合|(?:为|作为)(?:成员单位|配合单位|参与单位))[。，,；;]?(?P<duty>[^。]*)")
# `县林业局牵头，成员单位：县气象局、县消防救援大队。` / `…牵头，成员单位为…。`
LEAD_THEN_LABEL = re.compile(r"^(?:由)?(?P<lead>[^，。、：:]{2,30}?)牵头[，,；;]"
                             r"(?:成员单位|配合单位|参与单位|成员)(?:为|是|有|包括|[：:])(?P<members>[^。；;]*?)"
                             r"(?:等(?:单位|部门)?)?[。；;](?P<duty>[^。]*)")
# `牵头单位为县卫健委，成员单位为县市场监管局、县红十字会。` / `牵头单位：…；成员单位：…`
# In label lines the joined text has no stop between the fields: `牵头单位：县林业局成员单位：…主要职责：…`
LABELLED = re.compile(r"^(?:牵头单位|牵头部门)(?:为|是|[：:])(?P<lead>[^，。、；;：:]{2,30}?)[，,；;]?"
                      r"(?:成员单位|配合单位|参与单位|成员|组成单位|组成部门|成员部门|配合部门)(?:为|是|有|包括|[：:])(?P<members>[^。；;]*?)"
                      r"(?:等(?:单位|部门)?)?(?:[。；;]|(?=(?:主要|工作)?职责[：:]))(?:(?:主要|工作)?职责[：:])?"
                      r"(?P<duty>[^。]*)")
# `县应急局为牵头单位，县发改委、县水利局为成员单位。`
NAMED_AS = re.compile(r"^(?:由)?(?P<lead>[^，。、：:]{2,30}?)(?:为|任|作为)牵头单位[，,；;](?P<members>[^。；;]*?)"
                      r"(?:等(?:单位|部门)?)?(?:为|作为)(?:成员单位|配合单位)[。，,；;]?(?P<duty>[^。]*)")
CONTENT_FORMS = (LEAD_THEN_LABEL, LEAD, LABELLED, NAMED_AS)
CONTENT_AFTER_DUTY = 200  # characters of a group's duty sentence before its make-up
INLINE_HEAD = re.compile(rf"{NUMBERING}[{HAN}]{{2,10}}组[：:]")


def _bigrams(s: str) -> set[str]:
    return {s[i: i + 2] for i in range(len(s) - 1)}


def _assign(heads: list[tuple[str, int]], contents: list[tuple[str, int]]) -> dict[int, int]:
    """Pair headings with contents: most shared topic bigrams, then least distance (exact search)."""
    def gain(h: int, c: int) -> int:
        core = heads[h][0].removesuffix("组")
        return 1000 * len(_bigrams(core) & _bigrams(contents[c][0])) - abs(heads[h][1] - contents[c][1])

    if len(contents) > 14:
        return {h: h for h in range(min(len(heads), len(contents)))}
    memo: dict[tuple[int, int], tuple[int, tuple[int, ...]]] = {}

    def best(h: int, used: int) -> tuple[int, tuple[int, ...]]:
        if h == len(heads):
            return 0, ()
        if (h, used) not in memo:
            skip_score, skip_rest = best(h + 1, used)
            options = [(skip_score - 10**6, (-1, *skip_rest))]  # leave a heading unpaired only if forced
            for c in range(len(contents)):
                if not used & (1 << c):
                    s, rest = best(h + 1, used | (1 << c))
                    options.append((s + gain(h, c), (c, *rest)))
            memo[(h, used)] = max(options)
        return memo[(h, used)]

    return {h: c for h, c in enumerate(best(0, 0)[1]) if c >= 0}


def _content(text: str) -> re.Match[str] | None:
    """A sub-group's make-up in any of its printed shapes (named groups lead, members, duty)."""
    for pattern in CONTENT_FORMS:
        m = pattern.match(text)
        if m:
            return m
    return None


def _duty_words(m: re.Match[str]) -> str:
    """The duty clause used to pair a content with its heading, cut where the next heading starts
    (PDF columns may print another group's heading inside the sentence)."""
    return INLINE_HEAD.split(m.group("duty") or "")[0]


def _leaders(doc: Document, lines: list[Line], head: tuple[str, int], parent: str) -> list[MemberFact]:
    """`组  长：张三` printed right under a sub-group's heading: the sub-group's leader."""
    out = []
    at = next((k for k, ln in enumerate(lines) if ln.number == head[1]), None)
    for ln in lines[at + 1: at + 2] if at is not None else []:
        m = match_label(ln.text)
        if not m or squash(m.group("role")) not in ("组长", "副组长"):
            continue
        who = squash(m.group("rest"))
        _, name = split_trailing_name(who)
        if name or is_name(who) or ends_with_title(who):
            out.append(MemberFact(doc=doc.number, line=ln.number, group=head[0], parent=parent,
                                  member=name or who, member_type="person" if name or is_name(who) else "post",
                                  role=squash(m.group("role"))))
    return out


def read_subgroups(doc: Document, parent: str) -> list[MemberFact]:
    """Sub-groups of `parent`: a heading that carries its own make-up (`（一）综合协调组：由…牵头，…参加`)
    is paired with it; headings printed apart from their contents are paired by `_assign`."""
    lines, joined = doc.lines, doc.joined()
    heads: list[tuple[str, int]] = []
    head_at: dict[int, int] = {}  # line index -> heading index
    inline: set[int] = set()  # headings that print text of their own after the colon
    for k, ln in enumerate(lines):
        m = SUBGROUP_HEAD.match(ln.text)
        if m and not m.group("name").endswith(("领导小组", "领导组")):
            head_at[k] = len(heads)
            if (m.group("rest") or "").strip():
                inline.add(len(heads))
            heads.append((m.group("name"), ln.number))
    if not heads:
        return []
    contents: list[tuple[str, int, re.Match[str], int]] = []
    bound: dict[int, int] = {}  # heading -> its own inline content
    offset = 0
    starts = []
    for ln in lines:
        starts.append(offset)
        offset += len(ln.text.strip())
    for k, ln in enumerate(lines):
        sm = SUBGROUP_HEAD.match(ln.text)
        rest = (sm.group("rest") or "").strip() if sm else None
        text_start = starts[k] + (len(ln.text.strip()) - len(rest) if sm else 0)
        m = _content(joined.text[text_start: text_start + 400])
        if m is None and rest:  # `综合信息组：负责…工作。牵头部门：A，组成部门：B`: the duty first
            stop = joined.text.find("。", text_start, text_start + CONTENT_AFTER_DUTY)
            if stop > 0:
                text_start = stop + 1
                m = _content(joined.text[text_start: text_start + 400])
        if m and rest != "":
            if k in head_at:
                bound[head_at[k]] = len(contents)
            contents.append((_duty_words(m), ln.number, m, text_start))
    free_heads = [h for h in range(len(heads)) if h not in inline]
    free_contents = [c for c in range(len(contents)) if c not in bound.values()]
    assigned = _assign([heads[h] for h in free_heads], [(contents[c][0], contents[c][1]) for c in free_contents])
    pairs = {**bound, **{free_heads[h]: free_contents[c] for h, c in assigned.items()}}
    out: list[MemberFact] = []
    for h, c in sorted(pairs.items()):
        name, (_, _, m, base) = heads[h][0], contents[c]

        def fact(member: str, role: str, pos: int, name: str = name) -> MemberFact:
            return MemberFact(doc=doc.number, line=joined.line_at(pos), group=name, parent=parent,
                              member=member, member_type="body", role=role,
                              collective=True if is_collective(member) else None)
        for it in split_enumeration(m.group("lead")):  # `A、B牵头`: two lead units
            at = joined.text.find(it[:4], base + m.start("lead"))
            out.append(fact(it, "牵头单位", at if at >= 0 else base + m.start("lead")))
        out.extend(_leaders(doc, lines, heads[h], parent))
        pos = base + m.start("members")
        for it in split_enumeration(m.group("members")):
            at = joined.text.find(it[:4], pos)
            out.append(fact(it, "成员单位", at if at >= 0 else pos))
    return out
