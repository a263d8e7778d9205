"""Duties: what each body, a group itself and its office are responsible for.

A duty list (成员单位职责, 部门职责) prints one item per unit as `区财政局：负责保障…经费`, maybe
numbered (`（四）区财政局：…`), with a full or an ASCII colon. PDF column order may cut an item's
text and print the rest elsewhere, so an item is anchored at its start (unit + colon + a duty verb)
and its text is what follows, up to the next item; only its first 40 characters are kept.
A group's own duties follow a `主要职责` heading (perhaps several blocks away, past the roster)
or `X主要职责为：`; its office's follow `办公室职责` or sit in the office sentence itself
(`办公室设在县发改局。办公室主任由张三兼任，具体协调落实…`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from govkg.loaders.memo import remembered_up_to
from govkg.loaders.names import is_collective, squash
from govkg.loaders.rosters import label_pattern, main_group, parse_person_rows
from govkg.loaders.tasks.statements import GENERIC, split_top
from govkg.loaders.text import Document, Line
from govkg.ontology.facts import DutyFact, FactBase
from govkg.ontology.vocabulary import body_suffixes_longest_first

TEXT_LEN = 40
# Lines between two items of one duty list (an item's text runs over a few lines).
RUN_GAP = 8
NUMBERING = r"(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}(?:[.．]\d{1,2}){1,3}|[(（]?\d+[.．、)）])"
HEADING = re.compile(rf"^\s*{NUMBERING}")
DUTY_VERBS = ("负责", "组织", "指导", "配合", "协助", "承担", "参与", "牵头", "落实", "做好", "会同", "协调",
              "督促", "统筹", "具体", "主要", "依法", "按照", "根据", "加强", "开展", "监督", "提供", "制定",
              "制订", "建立", "完善", "保障", "及时", "积极", "指挥", "领导")
# A unit's item: `（四）区财政局：负责…`; several units may share one (`县公安局、县交警大队：负责…`).
ITEM = re.compile(rf"^\s*{NUMBERING}?\s*(?P<body>[^\s：:，。；;,]{{3,60}}?)\s*[：:]\s*(?P<text>\S.*)?$")
OTHERS = re.compile(rf"^\s*{NUMBERING}?\s*(?P<body>其[他它](?:有关|相关)?(?:成员单位|部门|单位))"
                    r"(?P<text>(?:要|应)?(?:根据|按照|负责|结合).*)$")
# Units sharing one duty with no colon: `市委组织部、市委宣传部根据各自职责做好相关工作。`
SHARED = re.compile(rf"^\s*{NUMBERING}?\s*(?P<body>[^\s：:，。；;,]{{3,60}}?)"
                    r"(?P<text>(?:要|应|将)?(?:根据|按照|负责|结合|配合|协助|做好)\S*)$")
# Where an office's duty clause stops: the sentence goes on to name its director.
OFFICE_TAIL = re.compile(r"[，,](?:办公室)?(?:主任|副主任|由)")
# `二、主要职责`, or with the group named first: `二、领导小组主要职责`, `三、指挥部工作职责`
# (not `成员单位职责`, not `领导小组办公室职责`: the name must end in a kind of group).
GROUP_DUTY_HEADING = re.compile(r"[一二三四五六七八九十]+、(?:[\u4e00-\u9fff]{0,24}?(?:小组|领导组|指挥部|专班|委员会"
                                r"|联席会议))?(?:的)?(?:主要|工作)?(?:职责|职能)")
# A sentence whose subject is the group's office: `领导小组办公室负责…`, `指挥部办公室承担…`.
OFFICE_SUBJECT = re.compile(r"(?:^|[。；;])(?:[\u4e00-\u9fff]{0,30}?(?:小组|领导组|指挥部|专班|委员会|联席会议))?办公室"
                            r"(?P<d>(?:具体)?(?:负责|承担)[^。]{4,}。?)")
PAREN_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
LEVEL_OPENING = re.compile(r"[省市县区州盟旗]|中共|中国|国家")
NOT_A_UNIT = re.compile(r"关于|通知|[《》]")
# heads of people's organisations printed short (区残联, 区科协); proposed for vocabulary body_suffixes


def _is_body(name: str) -> bool:
    core = PAREN_NOTE.sub("", name)
    return is_collective(name) or (len(core) >= 3 and core.endswith(tuple(body_suffixes_longest_first())))


def _item(ln: Line, after: Line | None = None, strict: bool = True) -> tuple[tuple[str, ...], str, int] | None:
    """(bodies, text, line offset of the text) when the line opens a duty item of one or more units
    (the verb may wrap: `…：负` + `责…`; the colon may end the line and the text start on the next).
    Not strict: any wording of the duty (`市民政局：将符合条件的…`, `为…提供`), for lines among strict
    items, where the list itself says what the line is. A pure look at the two lines' texts,
    remembered for lines of usual length (each line is asked about as itself and as the next)."""
    if "：" not in ln.text and ":" not in ln.text:
        return None  # ITEM needs a colon: most lines are let go on this look
    nxt = None if after is None else after.text
    return _item_of(ln.text, nxt, strict)


@remembered_up_to(512, 1 << 14, size=lambda line, after, strict: len(line) + len(after or ""))  # both lines
def _item_of(line: str, after: str | None, strict: bool) -> tuple[tuple[str, ...], str, int] | None:
    m = ITEM.match(line)
    if not m:
        return None
    whole = squash(m.group("body"))
    if NOT_A_UNIT.search(whole):
        return None  # a title or an addressee line running into the text, not a unit's item
    bodies = [b for _, b in split_top(whole, "、") if b]  # 各县（市、区）人民政府 is one name
    if not bodies or not all(_is_body(b) for b in bodies) or _one_phrase(bodies):
        if not is_collective(whole):
            return None
        bodies = [whole]  # 各乡（镇）、街道: one collective phrase
    raw, offset = m.group("text") or "", 0
    if not raw and after is not None and not ITEM.match(after) and not HEADING.match(after):
        raw, offset = after, 1
    text = squash(raw)
    if len(text) < 2 and after is not None and not offset:
        text += squash(after)[:2]
    if text.startswith(DUTY_VERBS) and not (strict and offset):  # `吕梁市人民政府：` + `根据…` is a salutation
        return tuple(bodies), raw, offset
    lenient = not strict and re.match(r"[\u4e00-\u9fff]", text) and not _lists_bodies(text)
    return (tuple(bodies), raw, offset) if lenient else None


def _lists_bodies(text: str) -> bool:
    """`市委宣传部、市发改局、…`: a roster's list of units after `成员单位：`, not a duty."""
    parts = [p for p in re.split(r"[、，,；;。]", text) if p][:3]
    return len(parts) >= 2 and all(_is_body(p) for p in parts[:2])


def _one_phrase(bodies: list[str]) -> bool:
    """`各乡镇人民政府、街道办事处`: a plural phrase whose later parts are generic nouns is one body."""
    return is_collective(bodies[0]) and len(bodies) > 1 and all(b in GENERIC for b in bodies[1:])


def _text_from(lines: list[Line], i: int, first: str) -> str:
    """The item's text: its first line and the lines after it, up to the next item or heading."""
    text = squash(first)
    for ln in lines[i + 1:]:
        if len(text) >= TEXT_LEN or text.endswith("。") or _item(ln) or HEADING.match(ln.text) \
                or OTHERS.match(ln.text):
            break
        text += squash(ln.text)
    return text[:TEXT_LEN]


def context_of(doc: Document) -> str:
    """The group the duties belong to, else the plan's title, else the document number."""
    found = main_group(doc)
    if found:
        return found[0]
    head = "".join(squash(ln.text) for ln in doc.lines[:12])
    m = re.search(r"《([^》]{4,60})》", head)
    return m.group(1) if m else doc.number


def unit_duties(doc: Document, context: str) -> list[DutyFact]:
    out: list[DutyFact] = []
    seen: set[str] = set()
    lines = doc.lines

    def add(body: str, i: int, raw: str, text_at: int | None = None) -> None:
        """One duty per unit: the first item that names it, on line i (its text from text_at)."""
        if body in seen:
            return
        seen.add(body)
        out.append(DutyFact(doc=doc.number, line=lines[i].number, body=body, context=context,
                            text=_text_from(lines, i if text_at is None else text_at, raw),
                            collective=True if is_collective(body) else None))

    strict = [i for i, ln in enumerate(lines)  # (the colon _item needs looked for here: no call for most lines)
              if ("：" in ln.text or ":" in ln.text) and _item(ln, lines[i + 1] if i + 1 < len(lines) else None)]
    headed = [HEADING.match(ln.text) is not None for ln in lines]  # read once, asked by three passes
    for i, ln in enumerate(lines):
        if "：" not in ln.text and ":" not in ln.text:
            continue  # _item needs a colon, strict or not: nothing to read on this line
        after = lines[i + 1] if i + 1 < len(lines) else None
        near = _in_run(strict, i) or (headed[i] and _item_before(strict, i))
        item = _item(ln, after, strict=not near)
        for body in item[0] if item else []:
            add(body, i, item[1], i + item[2])
    # `市委组织部、市委宣传部根据各自职责做好…` among the items, no colon: either way the line needs a
    # strict item in the RUN_GAP lines above it, so only those lines are looked at
    for i in sorted({k for j in strict for k in range(j + 1, min(j + RUN_GAP, len(lines) - 1) + 1)}):
        ln = lines[i]
        last = i + 1 >= len(lines) or headed[i + 1]
        if not (_in_run(strict, i) or (last and _item_before(strict, i))):
            continue
        starts = i == 0 or lines[i - 1].text.rstrip().endswith(("。", "；", ";", "：", ":"))
        found = _shared_item(ln) if starts else None  # not the wrapped rest of an item (`…，` + `指导乡镇做好…`)
        for body in found[0] if found else []:
            add(body, i, found[1])
    numbered = [(i, _shared_item(ln)) for i, ln in enumerate(lines) if headed[i]]
    # a heading's own words may run into its text (`7.3演练各级应急指挥机构…负责`): a unit here opens
    # with its level
    numbered = [(i, found) for i, found in numbered if found and all(LEVEL_OPENING.match(b) for b in found[0])]
    for k, (i, found) in enumerate(numbered):  # `2.2.1省商务厅负责…` `2.2.2省公安厅负责…`: a numbered run
        close = [j for j, _ in numbered[max(0, k - 1):k + 2] if j != i and abs(j - i) <= RUN_GAP]
        for body in found[0] if close else []:
            add(body, i, found[1])
    if len(out) >= 2:  # `其他有关部门根据职责…` closes a unit list without a colon (a collective phrase)
        for i, ln in enumerate(lines):
            m = OTHERS.match(ln.text)
            if m:
                add(m.group("body"), i, m.group("text"))
    return out


def _shared_item(ln: Line) -> tuple[list[str], str] | None:
    """(bodies, text) of a list item naming its units with no colon: `市委组织部、市委宣传部根据…`."""
    m = SHARED.match(ln.text)
    if not m or ITEM.match(ln.text):
        return None
    bodies = [b for _, b in split_top(squash(m.group("body")), "、") if b]
    if not bodies or not all(_is_body(b) for b in bodies) or _one_phrase(bodies):
        return None
    return bodies, m.group("text")


def _in_run(strict: list[int], i: int) -> bool:
    """Is line `i` inside a list of duty items: strict items both before and after it, close by
    (a PDF block of another item's text may sit between them)? A numbered item needs one before."""
    return _item_before(strict, i) and _item_after(strict, i)


def _item_before(strict: list[int], i: int) -> bool:
    """A strict item in the RUN_GAP lines above line `i` (`strict` is sorted: found by bisection,
    not by a scan per line, which made a long document quadratic)."""
    j = bisect_left(strict, i)
    return j > 0 and i - strict[j - 1] <= RUN_GAP


def _item_after(strict: list[int], i: int) -> bool:
    """A strict item in the RUN_GAP lines below line `i`."""
    j = bisect_right(strict, i)
    return j < len(strict) and strict[j] - i <= RUN_GAP


def _is_prose(ln: Line) -> bool:
    t = ln.text
    return len(squash(t)) >= 10 and not HEADING.match(t) and not label_pattern().match(t) \
        and not parse_person_rows(t) and len(t) - len(t.lstrip()) < 6 and not _item(ln)


_GROUP_DUTY_SENTENCE = re.compile(r"(?<!办公室)(?<!办公室的)主要职责(?:为|是)[：:](?P<text>.*)$")


def group_duty(doc: Document, group: str) -> DutyFact | None:
    """`一、主要职责` (text: the first prose paragraph after it) or `…主要职责为：…`."""
    lines = doc.lines
    for i, ln in enumerate(lines):
        if "职" not in ln.text:
            continue  # both patterns below need 职责 (or the heading's 职能); squashing only drops spaces
        t = squash(ln.text)
        if GROUP_DUTY_HEADING.fullmatch(t):
            nxt = next((k for k in range(i + 1, min(i + 30, len(lines))) if _is_prose(lines[k])), None)
            if nxt is not None:
                return DutyFact(doc=doc.number, line=lines[nxt].number, body=group, context=group,
                                text=_text_from(lines, nxt, lines[nxt].text))
        m = _GROUP_DUTY_SENTENCE.search(t)
        if m and "办公室" not in t[: m.start()]:
            if m.group("text"):
                return DutyFact(doc=doc.number, line=ln.number, body=group, context=group,
                                text=_text_from(lines, i, m.group("text")))
            if i + 1 < len(lines):
                k = _first_item(lines, i + 1)
                return DutyFact(doc=doc.number, line=lines[k].number, body=group, context=group,
                                text=_text_from(lines, k, lines[k].text))
    return None


def _first_item(lines: list[Line], k: int) -> int:
    """Where a numbered list starts: PDF column order may print `2.…` before `1.…`."""
    m = re.match(r"^\s*(\d+)[.．、]", lines[k].text)
    if not m or m.group(1) == "1":
        return k
    return next((j for j in range(k + 1, min(k + 12, len(lines))) if re.match(r"^\s*1[.．、]", lines[j].text)), k)


def office_duty(doc: Document, group: str) -> DutyFact | None:
    """The office's duties: a clause of the office sentence (`具体负责…`) or a `办公室…职责` list."""
    joined = doc.joined()
    t = joined.text
    m = re.search(r"办公室设在", t)
    if m:
        start = max(t.rfind("。", 0, m.start()) + 1, m.start() - 80)
        end = t.find("。", m.end())
        following = t.find("。", end + 1) if end >= 0 and t[end + 1:].startswith("办公室") else end
        span = t[start: following if following > 0 else len(t)]
        d = re.search(r"(?:^|[，,])(?P<d>(?:具体负责|具体协调|具体|负责|承担)[^，,。]{4,}.*)$", span)
        if d:
            pos = start + d.start("d")
            text = OFFICE_TAIL.split(d.group("d").split("办公室设在")[0])[0]
            return DutyFact(doc=doc.number, line=joined.line_at(pos), body=group + "办公室", context=group,
                            text=text.rstrip("，,")[:TEXT_LEN])
    lines = doc.lines
    for explicit in (True, False):  # `办公室的职责为：` before a bare `办公室职责` heading
        for i, ln in enumerate(lines):
            if "职" not in ln.text:
                continue  # the pattern below needs 职责 (looked for before squashing, which only drops spaces)
            s = squash(ln.text)
            if "职责" not in s:
                continue
            h = re.search(r"办公室(?:的)?(?:主要)?职责(?P<colon>(?:为|是)?[：:])?(?P<text>.*)$", s)
            if not h or (explicit and not h.group("colon")) or (not explicit and len(s) > 20):
                continue
            text = h.group("text") or (_text_from(lines, i + 1, lines[i + 1].text) if i + 1 < len(lines) else "")
            if text:
                return DutyFact(doc=doc.number, line=ln.number, body=group + "办公室", context=group,
                                text=text[:TEXT_LEN])
    s = OFFICE_SUBJECT.search(t)  # `领导小组办公室负责领导小组日常工作` in the group's duty paragraph
    if s:
        return DutyFact(doc=doc.number, line=joined.line_at(s.start("d")), body=group + "办公室", context=group,
                        text=s.group("d")[:TEXT_LEN])
    return None


def extract(doc: Document) -> list[FactBase]:
    """Duty facts of one document: units' items, and the group's and its office's own duties."""
    context = context_of(doc)
    facts: list[FactBase] = list(unit_duties(doc, context))
    found = main_group(doc)
    if found:
        for f in (group_duty(doc, found[0]), office_duty(doc, found[0])):
            if f is not None and f.text:
                facts.append(f)
    return facts
