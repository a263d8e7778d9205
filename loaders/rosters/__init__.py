"""Leading-group rosters: who sits on a 领导小组 / 专班 / 指挥部, in which role, and its office.

A roster is printed as label rows (`组  长：张海文  区委副书记、区长`, `成  员：区委宣传部、…负责人`)
followed by unlabeled continuation rows. Two-column PDF pages interleave the rows with prose and
print labels out of order, so rows are read one by one over the whole document:

* a person row (`吴  卿    区发改局局长`) takes the role of the nearest label above it, except that
  a label held by one person (组长, 第一/常务副组长, 指挥长 …) cannot take a second: the extra row is
  the plain deputy (副组长) when the person is a leader of the locality (副区长, 政协副主席 …),
  otherwise a 成员; a locality leader under 成员 is also a deputy printed out of place, unless he
  also heads a department (`政协副主席、教体局局长`): then he sits as that department's head;
* a label whose post is cut (`区政府分管农业农村`) is completed by the next stray indented fragment
  (`工作的副区长`) printed elsewhere; fragments that follow a completion keep its role;
* a list of units (`区委宣传部、区人武部…负责人`) makes body members; a list of posts, post members.

* person rows printed above the first label (a scrambled page) are plain members by the same rule.

Row shapes are read in loaders/rosters/rows.py, the group's name in loaders/rosters/groups.py, the
office and the working sub-groups in loaders/rosters/offices.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from govkg.loaders.names import is_collective, split_post_string, squash
from govkg.loaders.rosters.groups import group_name_re, main_group
from govkg.loaders.rosters.offices import SUBGROUP_HEAD, read_office, read_subgroups
from govkg.loaders.rosters.rows import (
    HAN,
    HEAD_WORDS,
    HEADING,
    Entry,
    clean_post,
    ends_with_title,
    is_name,
    label_pattern,
    list_entries,
    match_label,
    parse_person_rows,
    roster_roles,
    split_in_charge,
    split_name_post_run,
    parse_name_unit_rows,
    split_run_of_names,
    split_items,
    split_trailing_name,
)
from govkg.loaders.text import Document, Line
from govkg.ontology.facts import FactBase, MemberFact, OfficeFact, PostFact
from govkg.ontology.vocabulary import level_prefixes

__all__ = ["extract", "label_pattern", "main_group", "parse_person_rows", "read_roster"]

SOLO_PREFIXES = ("第一副", "常务副")
PRELABEL_WINDOW = 30  # source lines: rows a scrambled page prints above the first label
TASK_LABEL = re.compile(r"(?:责任|配合|协办|参与)(?:单位|部门)\s*[：:]")


def is_solo_role(role: str) -> bool:
    """Roles one person holds: 组长, 指挥长, 第一副组长, 常务副组长, 办公室主任 …"""
    return not role.startswith("副") and role not in ("成员", "成员单位", "牵头单位", "办公室副主任")


def row_role_under(label: str) -> str:
    """The role of a row continuing a label's list: the label's own, or its deputy's when the label
    holds one person (`组长：` + a second row is a 副组长)."""
    return deputy_of(label) if is_solo_role(label) else label


def deputy_of(role: str) -> str:
    if role.startswith("办公室"):
        return "办公室副主任"
    base = role
    for p in (*SOLO_PREFIXES, "副"):
        if base.startswith(p):
            base = base[len(p):]
            break
    return "副" + base


def _leadership_posts(post: str) -> list[bool]:
    """For each post of a post string: is it in the locality's own party committee, government,
    congress or CPPCC (副区长, 政协副主席)?"""
    lv = "".join(level_prefixes())
    organ = re.compile(rf"^[{lv}]?(?:委|政府|人民政府|人大|人大常委会|政协)$")
    return [organ.match(p.body) is not None and "秘书长" not in p.title  # a 副秘书长 is staff, no leader
            for p in split_post_string(clean_post(post)[0])]


def is_locality_leader(post: str) -> bool:
    """A post in the locality's own leadership (副区长, 政协副主席), maybe besides a department's."""
    return any(_leadership_posts(post))


def is_leader_only(post: str) -> bool:
    """Only leadership posts: `县政府副县长`, not `县政协副主席、县教体局局长` (who heads a bureau too)."""
    found = _leadership_posts(post)
    return bool(found) and all(found)


# ---------------------------------------------------------------- label rosters

def _indent(ln: Line) -> int:
    return len(ln.text) - len(ln.text.lstrip(" "))


def _post_only(text: str) -> bool:
    t = squash(text)
    return 3 <= len(t) <= 30 and re.match(rf"^[{HAN}（）()、]+$", t) is not None and ends_with_title(t) \
        and not HEADING.match(text)


def _rows_of(text: str) -> list[tuple[str, str]] | None:
    m = match_label(text)
    return parse_person_rows(m.group("rest")) if m else parse_person_rows(text)


def mend_wrapped_rows(lines: list[Line]) -> list[Line]:
    """A row whose post wraps onto the next line (`钱  某    市生态环境局某某分` + an indented
    `局局长`) is one row: the fragment is glued back when only together they read as person rows."""
    out: list[Line] = []
    skip = False
    for k, ln in enumerate(lines):
        if skip:
            skip = False
            continue
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if nxt is not None and _indent(nxt) >= 4 and len(squash(nxt.text)) <= 12 and not _rows_of(ln.text) \
                and not _rows_of(nxt.text) and not match_label(nxt.text) and not ends_with_title(ln.text):
            merged = ln.text.rstrip() + nxt.text.strip()
            if _rows_of(merged):
                out.append(Line(ln.number, merged))
                skip = True
                continue
        out.append(ln)
    return out


def read_roster(doc: Document) -> list[Entry]:
    """Every roster entry of the document with its role (see the module docstring for the rules)."""
    lines = mend_wrapped_rows(doc.lines)
    labels = [(i, match_label(ln.text)) for i, ln in enumerate(lines)]
    labels = [(i, m) for i, m in labels if m and not _task_label(m) and not _subgroup_label(lines, i, m)]
    if not labels:
        return []
    roster_rows: set[int] = set()
    entries: list[Entry] = []
    consumed: set[int] = set()
    previous_role = ""
    # names printed alone after a label elsewhere: where a run of names (`李玉民张晓辉`) is cut
    named_alone = {squash(m.group("rest")) for _, m in labels if is_name(squash(m.group("rest")))}
    for i, m in labels:
        role = squash(m.group("role"))
        if role == "副主任" and previous_role.startswith("办公室"):
            role = "办公室副主任"  # `办公室主任：李四` + `副主任：王五`: the office's deputy
        previous_role = role
        rest = m.group("rest").strip()
        roster_rows.add(i)
        if not rest:
            continue
        rows = parse_person_rows(rest) or split_name_post_run(rest)
        if rows:
            entries.extend(Entry(role, n, lines[i].number, "person", post=p) for n, p in rows)
            continue
        units = parse_name_unit_rows(rest)
        if units:  # `成　员：巫振江（市府办）`: the person, and the unit he comes from (no title printed)
            entries.extend(Entry(role, n, lines[i].number, "person", qualifier=u or None) for n, u in units)
            continue
        run = split_run_of_names(rest, named_alone)
        if run:  # `副组长：李玉民张晓辉`: names whose separating spaces a crawl lost
            entries.extend(Entry(role, n, lines[i].number, "person") for n in run)
            continue
        text, j = rest, i
        while not _complete(text) and j + 1 < len(lines) and _joinable(lines[j + 1]) and j - i < 15:
            j += 1
            text += lines[j].text.strip()
            consumed.add(j)
        entries.extend(list_entries(role, text, lines[i].number, _complete(text), one_holder=is_solo_role(role)))
    first, last_label = labels[0][0], labels[-1][0]
    label_at = {i: squash(m.group("role")) for i, m in labels}
    label_keys = sorted(label_at)
    rows_at = {i: parse_person_rows(ln.text) for i, ln in enumerate(lines) if i > first}  # read once, asked twice
    last_row = max([i for i, rows in rows_at.items() if rows] or [last_label])
    span_end = max(last_row, max(consumed | {last_label}))
    deputy = next((r for r in label_at.values() if r.startswith("副")), "副组长")
    for i in range(first):  # rows a scrambled page printed above the labels: plain members
        rows = parse_person_rows(lines[i].text) if lines[first].number - lines[i].number <= PRELABEL_WINDOW else None
        for n, p in rows or []:
            entries.append(Entry(_row_role("成员", p, deputy), n, lines[i].number, "person", post=p))
    pending = [e for e in entries if e.incomplete]
    # a label printed alone on its line (`指  挥  长：`) is held by the first row under it
    unfilled = {i for i, m in labels if not m.group("rest").strip()}
    displaced = {i for i, r in label_at.items() if _displaced(lines, label_at, i)}
    run_role: str | None = None
    for i in range(first, len(lines)):
        ln = lines[i]
        if i in label_at or i in consumed:
            run_role = None
            continue
        rows = rows_at[i]
        li = label_keys[bisect_left(label_keys, i) - 1]  # the last label above the line
        prev_label = label_at[li]
        if not rows and (i - 1) in roster_rows and (units := parse_name_unit_rows(ln.text)) and any(u for _, u in units):
            for n, u in units:  # `　　李大同（市财政局）` under `成　员：巫振江（市府办）`
                entries.append(Entry(row_role_under(prev_label), n,
                                     ln.number, "person", qualifier=u))
            roster_rows.add(i)
            continue
        if rows:
            for n, p in rows:
                if li in unfilled:
                    role = prev_label
                elif li in displaced:  # `总指挥：` printed inside its deputies' block: rows under it are deputies
                    role = deputy_of(prev_label)
                else:
                    role = _row_role(prev_label, p, deputy)
                unfilled.discard(li)
                entries.append(Entry(role, n, ln.number, "person", post=p))
            roster_rows.add(i)
            run_role = None
            continue
        near = i <= span_end or (_indent(ln) >= 4 and ln.number - lines[span_end].number <= 60) \
            or ((i - 1) in roster_rows and i - 1 == span_end)  # a post row closing the roster
        if near and (i - 1) in roster_rows and _heads_row(ln.text):
            entries.extend(list_entries(row_role_under(prev_label),
                                        ln.text, ln.number, True))
            roster_rows.add(i)
            continue
        if not near or not _post_only(ln.text):
            run_role = None
            continue
        text, _ = clean_post(ln.text)
        if (i - 1) in roster_rows:  # an indented continuation row right under its label
            role = row_role_under(prev_label)
            entries.extend(list_entries(role, text, ln.number, True))
            roster_rows.add(i)
        elif pending:
            e = pending.pop(0)
            e.text, e.incomplete = e.text + text, False
            run_role = e.role
        elif run_role:
            entries.extend(list_entries(run_role, text, ln.number, True))
        elif i <= span_end:
            entries.extend(list_entries(_row_role(prev_label, text, deputy), text, ln.number, True))
    return [e for e in entries if not e.incomplete]


def _displaced(lines: list[Line], label_at: dict[int, str], i: int) -> bool:
    """`总指挥：` printed inside its deputies' block (the label right above is its deputy label and
    only person rows lie between): the unlabeled rows under it continue the deputies."""
    role = label_at[i]
    above = [k for k in label_at if k < i]
    if not is_solo_role(role) or not above or label_at[max(above)] != deputy_of(role):
        return False
    between = [ln.text for ln in lines[max(above) + 1: i] if ln.text.strip()]
    return bool(between) and all(parse_person_rows(t) for t in between)


def _heads_row(text: str) -> bool:
    """An indented roster row naming units by their heads: `县财政局、县住建局分管负责同志`."""
    t = squash(text)
    return 4 <= len(t) <= 80 and t.endswith(HEAD_WORDS) and re.match(rf"^[{HAN}（）()、]+$", t) is not None \
        and not HEADING.match(text) and not match_label(text)


def _task_label(m: re.Match[str]) -> bool:
    """`牵头单位：县税务局；责任单位：…` assigns a plan's task, it lists no roster: a group's own
    roster has no lead unit (a working sub-group's is read in loaders/rosters/offices.py)."""
    return squash(m.group("role")) == "牵头单位" or TASK_LABEL.search(m.group(0)) is not None


def _subgroup_label(lines: list[Line], i: int, m: re.Match[str]) -> bool:
    """`成员单位：…` right under a `牵头单位：…` line or a working group's heading (`1.综合协调组`)
    lists that sub-group's units (loaders/rosters/offices.py), not the group's roster."""
    if _subgroup_head_above(lines, i):
        return True  # `（二）征迁安置组` + `组  长：张三`: the sub-group's leader
    if squash(m.group("role")) not in ("成员单位", "成员"):
        return False
    for ln in lines[max(0, i - 2): i]:
        prev = match_label(ln.text)
        if (prev and squash(prev.group("role")) == "牵头单位") or SUBGROUP_HEAD.match(ln.text):
            return True
    return False


def _subgroup_head_above(lines: list[Line], i: int) -> bool:
    m = SUBGROUP_HEAD.match(lines[i - 1].text) if i > 0 else None
    return m is not None and not m.group("name").endswith(("领导小组", "领导组"))


def _complete(text: str) -> bool:
    """A label's list is complete at a stop, a title, or the heads of its units (`…主要负责同志`)."""
    t = squash(text)
    return t.endswith(("。", "；", ";", *HEAD_WORDS)) or ends_with_title(t)


def _joinable(ln: Line) -> bool:
    return _indent(ln) < 4 and not match_label(ln.text) and not HEADING.match(ln.text) \
        and not parse_person_rows(ln.text)


def _row_role(label: str, post: str, deputy: str) -> str:
    """The role of an unlabeled row printed under `label` (rules in the module docstring)."""
    leader = is_locality_leader(post)
    if is_solo_role(label):
        return deputy_of(label) if leader else "成员"
    if label in ("成员", "成员单位") and is_leader_only(post):
        return deputy  # a leader with no department post of his own is no plain member
    return label


# ---------------------------------------------------------------- prose rosters

def prose_entries(doc: Document) -> tuple[str | None, list[Entry]]:
    """`成立X领导小组，分管Y的副县长担任组长，成员为A局局长、B局局长…` (no label rows).

    A role holder may be a post (`分管农业的副区长`), a name, or both (`由县长张三任组长`).
    """
    joined = doc.joined()
    roles = "|".join(r for r in roster_roles() if r not in ("成员单位", "牵头单位"))
    out: list[Entry] = []
    group = None
    for m in re.finditer(rf"成立(?P<g>{group_name_re()})[，,](?P<body>[^。]*。?)", joined.text):
        group = group or m.group("g")
        body, base = m.group("body"), m.start("body")
        for r in re.finditer(rf"(?:^|[，；,;])(?:由)?(?P<who>[^，；,;]+?)(?:同志)?(?:担任|任)(?P<role>{roles})", body):
            out.extend(_holders(r.group("role"), r.group("who"), joined.line_at(base + r.start("who"))))
        for r in re.finditer(rf"(?P<role>{roles})由(?P<who>[^，；,;。]+?)(?:同志)?(?:兼任|担任)", body):
            out.extend(_holders(r.group("role"), r.group("who"), joined.line_at(base + r.start("who"))))
        c = re.search(r"成员(?:为|由|包括)(?P<who>[^。；;]+?)(?:等)?(?:组成)?(?:[。；;]|$)", body)
        if c:
            out.extend(list_entries("成员", c.group("who"), joined.line_at(base + c.start("who")), True))
    # `成立以县长张三为组长，县直有关部门主要负责人为成员的X领导小组` / `成立由副县长任组长，…为成员的X专班`
    for m in re.finditer(rf"成立(?:以|由)(?P<body>[^。]{{4,400}}?为(?:成员|组员|成员单位))的(?P<g>{group_name_re()})",
                         joined.text):
        group = group or m.group("g")
        body, base = m.group("body"), m.start("body")
        for r in re.finditer(rf"(?:^|[，；,;])(?:以|由)?(?P<who>[^，；,;]+?)(?:(?<!负责)(?<!领导)同志)?(?:为|任|担任)(?P<role>{roles}|成员单位)",
                             body):
            line = joined.line_at(base + r.start("who"))
            if r.group("role").startswith("成员"):
                out.extend(list_entries(r.group("role"), r.group("who"), line, True))
            else:
                out.extend(_holders(r.group("role"), r.group("who"), line))
    return group, out


# `联席会议召集人由省政府分管副省长担任，副召集人由A、B担任。成员单位包括C、D。C为牵头单位。`
COMPOSED_ROLE = re.compile(r"(?<!副)(?P<role>副?召集人|副?组长|副?总指挥|副?指挥长)(?:一般|通常|原则上)?由(?P<who>[^。；;，,]+?)"
                           r"(?:(?<!负责)(?<!领导)同志)?(?:担任|兼任)")
COMPOSED_UNITS = re.compile(r"(?<!各)成员单位(?:包括|为|有|[：:])(?P<who>[^。；;]+?)(?:等[^。；;]{0,6})?[。；;]")
# `A、B、C等部门单位为成员单位`: the units before the role
COMPOSED_UNITS_BEFORE = re.compile(r"(?:^|[。；;，,])(?P<who>[^。；;，,、]{2,30}(?:、[^。；;，,、]{2,30}){1,80}?)"
                                   r"(?:等[^。；;，,、]{0,8})?为成员单位")
UNITS_TAIL = re.compile(r"等(?:有关|相关)?(?:部门|单位|部门单位|部门和单位)$")
COMPOSED_LEAD = re.compile(r"(?:^|[。；;])(?P<who>[^。；;，,]{2,20}?)为牵头单位")


# `…指挥部由省政府分管副省长任总指挥，A、B任副总指挥`: the holders before the role
COMPOSED_HOLDER = re.compile(r"(?:由|[，,；;])(?P<who>[^，。；;,由]{2,80}?)(?:(?<!负责)(?<!领导)同志)?(?:担任|兼任|任)"
                             r"(?P<role>(?:常务|第一)?副?(?:总指挥|指挥长|组长|召集人)|副?主任)(?=[，。；,;]|$)")


def composition_entries(doc: Document) -> list[Entry]:
    """A roster printed as running text with no `成立X` sentence (a 联席会议制度 notice): who holds
    each leading role (`召集人由…担任`), the member units (`成员单位包括…`) and the lead unit."""
    joined = doc.joined()
    text = joined.text
    out: list[Entry] = []
    # each pattern is tried only where the words it needs are printed (a cheap look, same matches)
    roles = any(w in text for w in ("召集人", "组长", "总指挥", "指挥长"))
    for m in COMPOSED_ROLE.finditer(text) if roles and ("担任" in text or "兼任" in text) else ():
        out.extend(_holders(m.group("role"), m.group("who"), joined.line_at(m.start("who"))))
    for m in COMPOSED_HOLDER.finditer(text) if roles or "主任" in text else ():
        out.extend(_holders(m.group("role"), m.group("who"), joined.line_at(m.start("who"))))
    for m in COMPOSED_UNITS.finditer(joined.text):
        units = list_entries("成员单位", m.group("who"), joined.line_at(m.start("who")), True)
        if all(_names_a_unit(e.text) for e in units):  # not an addressee line running into the text
            out.extend(units)
    for m in COMPOSED_UNITS_BEFORE.finditer(text) if "为成员单位" in text else ():
        who = UNITS_TAIL.sub("", m.group("who"))  # `…事发地市委市政府等部门单位`
        out.extend(list_entries("成员单位", who, joined.line_at(m.start("who")), True))
    for m in COMPOSED_LEAD.finditer(text) if "为牵头单位" in text else ():
        if _names_a_unit(m.group("who")):  # not `排名第一为牵头单位` (the first of each list leads)
            out.append(Entry("牵头单位", m.group("who"), joined.line_at(m.start("who")), "body"))
    return out


def _names_a_unit(text: str) -> bool:
    """A unit's name, not a clause of the sentence that follows an addressee's colon."""
    return is_collective(text) or (len(text) <= 30 and not SENTENCE_WORDS.search(text))


SENTENCE_WORDS = re.compile(r"[《》]|了|为|征求|起草|形成|进行|根据|按照|现将|请|排名|排序|第一")


def _holders(role: str, who: str, line: int) -> list[Entry]:
    out = []
    for it in split_items(who):
        post, name = split_trailing_name(it)
        if name:
            out.append(Entry(role, name, line, "person", post=post))
        else:
            out.append(Entry(role, it, line, "person" if is_name(it) else "post"))
    return out


# ---------------------------------------------------------------- extract

# `一、省重污染天气应急工作专项小组` alone on its line: one of several groups a notice re-staffs at once
SECTION_HEAD = r"^\s*(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)\s*(?P<g>\S(?:.*\S)?)\s*$"  # greedy to the last non-space: linear


_SECTION_HEAD = re.compile(SECTION_HEAD)


def group_sections(doc: Document) -> list[tuple[str, Document]]:
    """(group, its part of the document) when the document lists the rosters of several groups,
    each under a heading that is the group's name; [] otherwise."""
    heads = []
    for i, ln in enumerate(doc.lines):
        m = _SECTION_HEAD.match(ln.text)
        if m and re.fullmatch(group_name_re(), squash(m.group("g"))):
            heads.append((i, squash(m.group("g"))))
    if len(heads) < 2:
        return []
    bounds = [i for i, _ in heads] + [len(doc.lines)]
    parts = [(g, Document(doc.number, doc.lines[lo:hi], doc.source, doc.titled))
             for (lo, g), hi in zip(heads, bounds[1:])]
    with_roster = [(g, part) for g, part in parts if read_roster(part)]
    return with_roster if len(with_roster) >= 2 else []


def extract(doc: Document) -> list[FactBase]:
    """Member, office and `hold` post facts of one document (of each group, when it lists several)."""
    sections = group_sections(doc)
    if sections:
        return [f for group, part in sections for f in group_facts(part, group)]
    found = main_group(doc)
    return group_facts(doc, found[0] if found else None)


def group_facts(doc: Document, group: str | None) -> list[FactBase]:
    """Member, office and `hold` post facts of one group's roster."""
    entries = read_roster(doc)
    if not entries:
        g, entries = prose_entries(doc)
        group = group or g
    if not entries:
        entries = composition_entries(doc)
    office = read_office(doc)
    if group is None:  # working groups whose parent is printed under no group's name still count
        return list(read_subgroups(doc, None))
    facts: list[FactBase] = []
    seen: set[tuple[str, str]] = set()

    def member(e: Entry) -> None:
        key = (e.text, e.role)
        if key in seen or not e.text:
            return
        seen.add(key)
        facts.append(MemberFact(doc=doc.number, line=e.line, group=group, member=e.text,
                                member_type=e.kind, role=e.role, qualifier=e.qualifier,
                                collective=True if e.collective else None))
        if e.kind == "person" and e.post:
            hold(e.text, e.post, e.line)

    def hold(person: str, post_string: str, line: int) -> None:
        post, qualifier = clean_post(post_string)
        post, in_charge = split_in_charge(post)
        qualifier = "；".join(q for q in (qualifier, in_charge) if q) or None
        for p in split_post_string(post):
            facts.append(PostFact(doc=doc.number, line=line, person=person, body=p.body, title=p.title,
                                  event="hold", qualifier=qualifier or p.qualifier))

    for e in entries:
        member(e)
    if office:
        office.director = office.director or next((e.text for e in entries if e.role == "办公室主任"), None)
        office.deputies = office.deputies or [e.text for e in entries if e.role == "办公室副主任"]
        facts.append(OfficeFact(doc=doc.number, line=office.line, group=group, host_body=office.host,
                                director=office.director, deputy_directors=office.deputies or None))
        if office.director:
            member(Entry("办公室主任", office.director, office.line,
                         "person" if is_name(office.director) else "post"))
        for d in office.deputies:
            member(Entry("办公室副主任", d, office.line, "person" if is_name(d) else "post"))
        for person, post in office.held:  # `办公室主任由县发改局局长李四兼任`: 李四 holds that post
            hold(person, post, office.line)
    facts.extend(read_subgroups(doc, group))
    return _dedupe_posts(facts)


def _dedupe_posts(facts: list[FactBase]) -> list[FactBase]:
    out, seen = [], set()
    for f in facts:
        key = (f.kind, f.person, f.body, f.title) if isinstance(f, PostFact) else id(f)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
