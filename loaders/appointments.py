"""Appointments and removals (任免通知), and leaders named with their post in running text.

An appointment notice is a list of items, one person each: `X同志任…`, `X同志为…（试用期一年）`,
`任命X为…`, under a `免去：` header `X同志…职务`, or `免去X的…职务`. PDF extraction puts the
items out of order and may wrap one over two lines, so items are rebuilt from lines (a line that
starts with a name + 同志 or a 任命/免去 word starts a new item; anything else continues the
previous one) and each is read on its own, anchored at its start. Anchoring is what keeps
sentences that merely mention a 同志 out. `挂职任` appoints like 任, qualified 挂职.

A leader named in running text holds his post only in clear shapes: a top leader's post right
before the name (`市委书记孙大军调研`), or a clause that opens with a post string (`，区委常委、常务
副区长王五带队…`) when an action word (maybe after 多次/亲自…) follows the name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from govkg.loaders.memo import remembered_up_to
from govkg.loaders.names import looks_like_person, split_post_string, squash
from govkg.loaders.text import Document
from govkg.ontology.facts import FactBase, PostFact, with_fields
from govkg.ontology.vocabulary import (
    body_suffixes_longest_first,
    level_prefixes,
    titles_longest_first,
    vocabulary,
)

HAN = r"[\u4e00-\u9fff]"
NAMES = rf"(?P<names>{HAN}{{2,4}}?(?:、{HAN}{{2,4}}?)*)"
# `挂职任` (a secondment) appoints as 任 does; the manner goes into the qualifier
APPOINT_VERB = r"(?P<manner>挂职)?(?:任|为|兼任|担任|聘任为|聘为)"
PROBATION = re.compile(r"[（(]试用期[^）)]*[）)]")
TERMINATOR = re.compile(r"[；;。]")

ITEM_START = re.compile(rf"^(?:{HAN}{{2,4}}(?:、{HAN}{{2,4}})*同志|任命|免去|聘任|解聘|不再担任)")
# `任命：` / `免去：` open a section; `（研究）决定：` opens a list of `X任…` items read as appointments
HEADER = re.compile(r"(任命|聘任|免去|解聘|决定)[:：]$")

APPOINT_WITH_COMRADE = re.compile(rf"^(?:任命|聘任|聘请)?{NAMES}同志{APPOINT_VERB}(?P<post>.+)$")
APPOINT_BY_VERB = re.compile(rf"^(?:决定)?(?:任命|聘任|聘请){NAMES}(?:同志)?{APPOINT_VERB}(?P<post>.+)$")
APPOINT_IN_SECTION = re.compile(rf"^{NAMES}(?:同志)?{APPOINT_VERB}(?P<post>.+)$")
REMOVE_BY_VERB = re.compile(rf"^(?:决定)?(?:免去|解聘){NAMES}(?P<join>同志的|同志|的)?(?P<post>.+?)职务$")
REMOVE_OWN = re.compile(r"^(?:免去|解聘)其(?P<post>.+?)职务$")
REMOVE_ITEM = re.compile(rf"^{NAMES}(?P<join>同志不再担任|同志的|同志)(?P<post>.+?)职务$")
REMOVE_NO_LONGER = re.compile(rf"^{NAMES}(?P<join>不再担任)(?P<post>.+?)职务$")  # read inside a 免去 section only
REMOVE_IN_SECTION = re.compile(rf"^{NAMES}(?P<join>同志的|同志|的)?(?P<post>.+?)(?:职务)?$")
# the next person of one item, under its first person's verb: `任命A为X局局长，B为X局副局长`,
# `免去A的…职务，B的…职务` (a joiner or 职务 is required, so a trailing clause is not misread)
CHAINED_APPOINT = re.compile(rf"^{NAMES}(?:同志)?(?:为|任|兼任|担任)(?P<post>.+)$")
CHAINED_REMOVE = re.compile(rf"^{NAMES}(?P<join>同志的|同志|的)(?P<post>.+?)职务$")
# `以上同志试用期一年`: the probation of every appointment listed before it
PROBATION_FOR_ALL = re.compile(r"^(?:以上|上述)[^，,]{0,12}试用期")
NOT_NAME_START = "各由经将请对从在为把被与及等其该本每现"
# a numbered heading on a line of its own (`二、市发展和改革委员会`): notices grouped by unit print
# items under it that name no unit (`张三为副主任`)
HEADING_LINE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])(?P<unit>[^，。；;：:,]{2,30})$")
_LEVELS = "".join(level_prefixes())
HEADING_MAX = 40  # a HEADING_LINE longer than this opens with LONG_NUMERAL
LONG_NUMERAL = re.compile(r"^[（(]?[一二三四五六七八九十]{7}")


@dataclass
class Clause:
    text: str  # squashed
    line: int
    mode: str | None  # "appoint" / "remove" from the nearest header seen before, if any
    unit: str | None = None  # the unit of the heading the item is printed under, if any


# What an item read outside a section needs: 同志 (APPOINT_WITH_COMRADE, REMOVE_ITEM, and a lead
# person for 免去其…), or the verb that opens APPOINT_BY_VERB / REMOVE_BY_VERB.
OUTSIDE_SECTION_WORDS = ("同志", "免去", "解聘", "任命", "聘任", "聘请")
_ENDS_CLAUSE = re.compile(r"[；;。：:]$")
_ITEM_COMMA = re.compile(r"[，,]|(?<=职务)、")
_DECIDES = re.compile(r"^决定(?:任命|聘任|免去|解聘)")


def _units(doc: Document) -> list[tuple[str, list[int], list[int]]]:
    """Lines regrouped into items: squashed text, and the offset in it and source line of each
    line it was joined from (line_of gives the line of a character).

    An item's lines are collected and joined once (not concatenated line by line: a long run of
    lines with no item end would cost quadratic time)."""
    parts: list[list[str]] = []  # each unit's lines, squashed
    starts: list[list[int]] = []  # each unit's lines' offsets in the unit
    numbers: list[list[int]] = []  # each unit's lines' source numbers
    lengths: list[int] = []
    for ln in doc.lines[1:]:
        s = squash(ln.text)
        if not s:
            continue
        opens_item, heading = _line_shape(s)
        last = parts[-1][-1] if parts else ""
        # a line may open like an item (`刘晓燕同志为…`) yet continue one cut after an enumeration
        # comma (`任命杜宏伟、` + `刘晓燕同志为…`): the two people share that item
        opens = opens_item and not last.endswith(("、", "，", ",")) if parts else True
        if opens or last.endswith(CLAUSE_ENDS) or _heading_unit(parts[-1], lengths[-1]) or heading:
            parts.append([s])
            starts.append([0])
            numbers.append([ln.number])
            lengths.append(len(s))
        else:
            parts[-1].append(s)
            starts[-1].append(lengths[-1])
            numbers[-1].append(ln.number)
            lengths[-1] += len(s)
    return [("".join(p), o, n) for p, o, n in zip(parts, starts, numbers)]


CLAUSE_ENDS = ("；", ";", "。", "：", ":")  # a unit's last line ending so ends the unit
HEADING_OPENS = "（(一二三四五六七八九十"  # what HEADING_LINE and LONG_NUMERAL open with


@lru_cache(maxsize=1 << 14)
def _line_shape(s: str) -> tuple[bool, bool]:
    """(opens an item, is a unit heading) of a squashed line: a pure look, remembered per line."""
    return ITEM_START.match(s) is not None, HEADING_LINE.match(s) is not None


def line_of(starts: list[int], numbers: list[int], offset: int) -> int:
    """The source line of the character at `offset` of a unit."""
    return numbers[bisect_right(starts, offset) - 1]


def _heading_unit(lines: list[str], length: int) -> bool:
    """Is the unit so far a unit heading (`（一）区财政局`)? A heading is a numeral run and 2-30
    characters: a longer unit can be one only if it opens with a numeral run of many characters."""
    if lines[0][0] not in HEADING_OPENS:
        return False  # neither pattern can match
    if length > HEADING_MAX and not LONG_NUMERAL.match("".join(lines[:9])):
        return False
    return bool(HEADING_LINE.match("".join(lines)))


_PIECE_END = re.compile(r"[；;。]|[:：]")
_POST_NOTE = re.compile(r"职务[（(][^（）()]*[）)]$")


@remembered_up_to(256, 1 << 12)  # ~3 MB at most
def _pieces(text: str) -> list[tuple[int, str, str | None]]:
    """A unit's pieces split at ；。 and colons: (start offset, text, the header word if it is a
    `任命：`/`免去：` header). A pure function of the unit's text (remembered for short units)."""
    out = []
    start = 0
    for m in _PIECE_END.finditer(text + "。"):
        piece = text[start:m.start() + 1]
        at, start = start, m.end()
        header = HEADER.search(piece)
        if header:
            out.append((at, piece, header.group(1)))
            continue
        piece = _POST_NOTE.sub("职务", piece.rstrip("；;。：:"))  # 职务（另有任用）
        if piece:
            out.append((at, piece, None))
    return out



def clauses(doc: Document) -> list[Clause]:
    """Items split at ；。 and after a 任命：/免去： header, each with the mode of its section."""
    out: list[Clause] = []
    mode: str | None = None
    decided: str | None = None  # the mode a `决定：` opened, restored at each unit heading
    unit: str | None = None
    for text, starts, numbers in _units(doc):
        h = HEADING_LINE.match(text)
        if h:
            name = h.group("unit")
            unit = name if name.endswith(tuple(body_suffixes_longest_first())) else None
            mode = decided if unit else mode
            continue
        last = len(text) - 1
        for at, piece, header in _pieces(text):
            if header:
                mode = "remove" if header in ("免去", "解聘") else "appoint"
                decided = mode if header == "决定" else decided
                continue
            out.append(Clause(piece, line_of(starts, numbers, min(at, last)), mode, unit))
    return out


def _resplit(m: re.Match[str]) -> tuple[str, str]:
    """(names, post) of a removal: the lazy match takes a two-character name, which cuts a longer
    one (`免去郭晓明的县交通局副局长职务`). The name is the shortest one followed by a joiner
    (同志/的/不再担任); without a joiner, the shortest after which the post opens with a level
    (县/市/区…), as posts printed after a name do. A joiner is what separates a name from a
    township's post (`免去王晓军的紫云镇人民政府副镇长职务`), which opens with no level."""
    names, post = m.group("names"), m.group("post")
    first, _, last = names.rpartition("、")
    if first:  # `免去A、郑海燕同志的…`: the lazy match cut the last name; it is resplit alone
        last, post = _split_name(last + (m.groupdict().get("join") or "") + post, names, post)
        return (first + "、" + last, post) if last else (names, post)
    return _split_name(names + (m.groupdict().get("join") or "") + post, names, post)


def _split_name(text: str, names: str, post: str) -> tuple[str, str]:
    for n in (2, 3, 4):
        rest = text[n:]
        if rest.startswith(("同志", "的", "不再担任")):
            rest = re.sub(r"^(?:同志)?(?:的|不再担任)?", "", rest)
            if len(rest) > 1:
                return text[:n], rest
    for n in (2, 3, 4):
        rest = re.sub(r"^(?:同志)?(?:的|不再担任)?", "", text[n:])
        if rest[:1] in _LEVELS and len(rest) > 1:
            return text[:n], rest
    return names, post


def _is_person(name: str) -> bool:
    return looks_like_person(name) and name[0] not in NOT_NAME_START


def _posts(doc: Document, line: int, names: str, post: str, event: str,
           manner: str | None = None, unit: str | None = None, comrade: bool = False) -> list[PostFact]:
    """comrade: the item prints `X同志`, which makes X a person even if X opens like a clause (`其其格`)."""
    probation = bool(PROBATION.search(post)) if event == "appoint" else None
    secondment = "挂职" if manner == "挂职" or re.search(r"[（(]挂职[^）)]*[）)]", post) else None
    post = PROBATION.sub("", post).strip("，,")
    if unit and re.split(r"[、，,（(]", post)[0] in titles_longest_first():
        post = unit + post  # `张三为副主任` under the heading `二、市发展和改革委员会`
    people = [squash(n) for n in names.split("、")]
    if not post or not all(_is_person(p) or (comrade and looks_like_person(p)) for p in people):
        return []
    facts = []
    for person in people:
        for p in split_post_string(post):
            if p.body in body_suffixes_longest_first():
                continue  # a bare `办公室`/`中心` names no body (`兼任办公室主任` of a group's office)
            facts.append(PostFact(doc=doc.number, line=line, person=person, body=p.body, title=p.title,
                                  event=event, probation=probation, qualifier=p.qualifier or secondment))
    return facts


def _chained(doc: Document, line: int, piece: str, event: str, unit: str | None = None) -> list[PostFact]:
    """The next person of a chained item, read under the verb of its first (`…，B为X局副局长`)."""
    if event == "appoint":
        m = CHAINED_APPOINT.match(piece)
        return _posts(doc, line, m.group("names"), m.group("post"), "appoint", unit=unit) if m else []
    m = CHAINED_REMOVE.match(piece)
    if not m:
        return []
    names, post = _resplit(m)
    return _posts(doc, line, names, post, "remove", unit=unit)


def _read_item(doc: Document, c: Clause) -> list[PostFact]:
    """One item; `X同志任A，免去其B职务` is an appointment and a removal for the same person.

    The item is read from its first comma-piece that opens like an item, so a lead-in such as
    `经研究，决定任命…` does not hide it; later pieces may add `免去其…职务`, `兼任…`, or the next
    person under the same verb (`任命A为县财政局局长，B为县财政局副局长`).
    """
    if c.mode is None and not any(w in c.text for w in OUTSIDE_SECTION_WORDS):
        return []  # outside a 任命：/免去： section every reading below needs one of these words
    # `免去A同志的X职务、B同志的Y职务`: two removals joined by a 、 after 职务
    pieces = [p for p in _ITEM_COMMA.split(c.text) if p]
    opening = next((i for i, p in enumerate(pieces) if (ITEM_START.match(p) and not REMOVE_OWN.match(p))
                    or _DECIDES.match(p)), 0)  # `免去其…` refers back
    parts = pieces[opening:] or [c.text]
    facts: list[PostFact] = []
    head = parts[0]
    names = None
    comrade = re.match(rf"^(?:任命|聘任|聘请|免去|解聘)?{NAMES}同志", head) is not None
    m = REMOVE_BY_VERB.match(head) or REMOVE_ITEM.match(head)
    if c.mode == "remove" and any(REMOVE_OWN.match(p) for p in parts[1:]):
        m = None  # `X任A，免去其B职务` printed under `免去：` still appoints X to A first
        a = APPOINT_IN_SECTION.match(head)
        if a:
            facts += _posts(doc, c.line, a.group("names"), a.group("post"), "appoint", a.group("manner"),
                            unit=c.unit, comrade=comrade)
            names = a.group("names")
    if m:
        names, post = _resplit(m)
        facts += _posts(doc, c.line, names, post, "remove", unit=c.unit, comrade=comrade)
    else:
        m = APPOINT_WITH_COMRADE.match(head) or APPOINT_BY_VERB.match(head)
        if m is None and c.mode == "appoint":
            m = APPOINT_IN_SECTION.match(head)
        if m:
            facts += _posts(doc, c.line, m.group("names"), m.group("post"), "appoint", m.group("manner"),
                            unit=c.unit, comrade=comrade)
            names = m.group("names")
        elif c.mode == "remove" and names is None:
            m = REMOVE_NO_LONGER.match(head) or REMOVE_IN_SECTION.match(head)
            if m:
                names, post = _resplit(m)
                facts += _posts(doc, c.line, names, post, "remove", unit=c.unit, comrade=comrade)
    lead = re.match(rf"^{NAMES}同志", head)
    if names is None and lead and any(REMOVE_OWN.match(p) for p in parts[1:]):
        names = lead.group("names")  # `X同志因到龄退休，免去其…职务`
    for extra in parts[1:] if names else []:
        r = REMOVE_OWN.match(extra) or re.match(r"^不再担任(?P<post>.+?)职务$", extra)
        if r:
            facts += _posts(doc, c.line, names, r.group("post"), "remove", unit=c.unit, comrade=comrade)
        elif m and facts and facts[-1].event == "appoint" and re.match(r"^兼任", extra):
            facts += _posts(doc, c.line, names, extra[2:], "appoint", unit=c.unit, comrade=comrade)
        elif facts and (more := _chained(doc, c.line, extra, facts[-1].event, c.unit)):
            facts += more  # `任命A为…，B为…` / `免去A的…职务，B的…职务`
        elif re.match(r"^(?:试用期|实行试用期)", extra):  # `任命…为…，试用期一年`
            facts = [with_fields(f, probation=True) if f.event == "appoint" else f for f in facts]
    return facts


# A leader named in running text right after the post: 市委书记孙大军调研…, 副区长张三主持…
LEADER_POST = rf"(?<![原前])(?P<post>[{_LEVELS}]委(?:副)?书记|(?:常务)?副?[{_LEVELS}]长)"
# what a leader named in the text is doing: 副县长张三多次带队…, 区交通局局长李四带队…
ADVERB = r"(?:多次|先后|亲自|专门|再次|分别|曾|也|还)?"
ACTION_WORDS = ("调研", "主持", "指出", "强调", "带队", "一行", "出席", "参加", "视察", "检查", "督导", "深入", "莅临", "讲话",
                "召开", "率队", "带领")
ACTION = "(?:" + "|".join(ACTION_WORDS) + ")"
LEADER_CUE = rf"(?=同志|{ADVERB}{ACTION}|，|、|。)"
# what stands where a name would, when the post is named without its holder (`副县长牵头召开…`)
NOT_A_NAME = re.compile(rf"^(?:{ACTION}|多次|先后|亲自|专门|再次|分别|牵头|负责|分管|主管|带领|组织|率领|陪同|会同|担任|兼任)")
LEADER = re.compile(rf"{LEADER_POST}(?:(?P<name>{HAN}{{2,3}}?){LEADER_CUE}|(?P<long>{HAN}{{4,5}}?)(?={ADVERB}{ACTION}))")
# (a 4-5 character name, such as a minority name `孟克巴雅尔`, only when an action word follows it)


# Every LEADER match prints one of these within LEADER_LEAD characters of its start: `区委(副)书记`
# at it, `区长` after at most `常务副`. (No level character is a character of the anchor's other
# words, so anchors found one after another never hide one another.)
LEADER_ANCHOR = re.compile(rf"[{_LEVELS}](?:委副?书记|长)")
LEADER_LEAD = 3


def leader_matches(text: str) -> Iterator[re.Match[str]]:
    """LEADER.finditer(text), the same matches in the same order, with LEADER tried only at the few
    starts an anchor allows (the anchor is found by a scan that opens with a character class, which
    runs fast; LEADER opens with a look-behind, and is slow tried at every offset)."""
    pos = 0
    for a in LEADER_ANCHOR.finditer(text):
        for start in range(max(pos, a.start() - LEADER_LEAD), a.start() + 1):
            m = LEADER.match(text, start)
            if m:
                yield m
                pos = m.end()
                break


@lru_cache(maxsize=1)
def _named_post() -> re.Pattern[str]:
    """A clause that opens with a post string, then a name, then what the holder did:
    `，区交通局局长李四带队…`, `，区委常委、常务副区长王五带队…`. Only head and deputy titles (and
    常委) count, the post must open with a level (区/县/市…), and an action word must follow."""
    ranked = vocabulary()["titles"]
    titles = sorted({*ranked["正职"], *ranked["副职"], "常委"}, key=lambda t: (-len(t), t))  # ties in a fixed order
    title = "(?:" + "|".join(map(re.escape, titles)) + ")"
    body_end = "(?:" + "|".join(map(re.escape, body_suffixes_longest_first())) + ")"
    # a body's name: no punctuation, and none of the words that open a clause (由/在/将… 的)
    item = rf"[{_LEVELS}][^，。；：、,;:\s“”《》（）()由的在将把被对从]{{0,16}}?{body_end}{title}"
    bare = rf"(?:常务)?副?[{_LEVELS}]长"
    return re.compile(rf"(?:^|(?<=[，。；：,;:]))(?P<post>{item}(?:、(?:{item}|{bare}))*)"
                      rf"(?P<name>{HAN}{{2,3}}?)(?:同志)?(?={ADVERB}{ACTION})")


def leaders_in_text(doc: Document) -> list[PostFact]:
    """`hold` facts for a leader whose post is printed right before the name (kept narrow): a top
    leader (`市委书记孙大军调研`, `副县长张三，`), or any post string opening a clause when an action
    word follows the name."""
    joined = doc.joined()
    text = joined.text
    facts = []
    acting = any(w in text for w in ACTION_WORDS)  # what _named_post needs after the name
    for m in [*leader_matches(text), *(_named_post().finditer(text) if acting else ())]:
        long = m.groupdict().get("long")
        name = m.group("name") or long
        if not (_is_person(name) or (long and name[0] not in NOT_NAME_START)) or NOT_A_NAME.match(name):
            continue
        for p in split_post_string(m.group("post")):
            facts.append(PostFact(doc=doc.number, line=joined.line_at(m.start()), person=name,
                                  body=p.body, title=p.title, event="hold"))
    return facts


_SECTION_HEADER = re.compile(r"(?:任命|聘任|免去|解聘|决定)[:：]")


def may_hold_items(doc: Document) -> bool:
    """Can any item be read? Only in a section (opened by a HEADER: `任命：`, `决定：` …) or by one of
    OUTSIDE_SECTION_WORDS; every item's text is a part of the squashed document (its lines joined
    in order), so a document holding neither has none, and its lines are not regrouped at all."""
    text = doc.joined().squashed
    return any(w in text for w in OUTSIDE_SECTION_WORDS) or _SECTION_HEADER.search(text) is not None


def extract(doc: Document) -> list[FactBase]:
    """Post facts from appointment items and from leaders named in running text, deduplicated."""
    facts: list[PostFact] = []
    since = 0  # appointments not yet covered by a `以上同志试用期一年`
    for c in clauses(doc) if may_hold_items(doc) else ():
        if PROBATION_FOR_ALL.match(c.text):
            facts[since:] = [with_fields(f, probation=True) if f.event == "appoint" else f
                             for f in facts[since:]]
            since = len(facts)
            continue
        facts += _read_item(doc, c)
    facts += leaders_in_text(doc)
    seen, out = set(), []
    for f in facts:
        key = (f.person, f.body, f.title, f.event)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
