"""Leading-group rosters: who sits on a 领导小组 / 专班 / 指挥部, in which role, and its office.

A roster is printed as label rows (`组  长：张海文  区委副书记、区长`, `成  员：区委宣传部、…负责人`)
followed by unlabeled continuation rows. Two-column PDF pages interleave the rows with prose and
print labels out of order, so rows are read one by one over the whole document:

* a person row (`吴  卿    区发改局局长`) takes the role of the nearest label above it, except that
  a label held by one person (组长, 第一/常务副组长, 指挥长 …) cannot take a second: the extra row is
  the plain deputy (副组长) when the person is a leader of the locality (副区长, 政协副主席 …),
  otherwise a 成员; a locality leader under 成员 is also a deputy printed out of place;
* a label whose post is cut (`区政府分管农业农村`) is completed by the next stray indented fragment
  (`工作的副区长`) printed elsewhere; fragments that follow a completion keep its role;
* a list of units (`区委宣传部、区人武部…负责人`) makes body members; a list of posts, post members.

Working sub-groups (`1.应急处置组` + `区农业农村局牵头，由…组成`) are paired heading-to-content by the
topic words they share (headings print away from their content), then by distance.
Offices come from `下设办公室，办公室设在X，办公室主任由Y兼任` in any of its wordings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from govkg.loaders.names import is_collective, split_enumeration, split_post_string, squash
from govkg.loaders.text import Document, Line
from govkg.ontology.facts import FactBase, MemberFact, OfficeFact, PostFact
from govkg.ontology.vocabulary import level_prefixes, titles_longest_first, vocabulary

HAN = r"\u4e00-\u9fff"
ONLY_HAN = re.compile(rf"^[{HAN}]+$")
NUMBERING = r"(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])"
HEADING = re.compile(rf"^\s*{NUMBERING}")
PAREN_NOTE = re.compile(r"[（(][^（）()]*[）)]")
QUALIFIERS = ("主持日常工作", "主持工作")
HEAD_WORDS = ("主要负责人", "分管负责人", "负责人", "主要领导", "分管领导")
SOLO_PREFIXES = ("第一副", "常务副")


# ---------------------------------------------------------------- vocabulary-derived patterns

@lru_cache(maxsize=1)
def roster_roles() -> list[str]:
    roles = vocabulary()["group_roles"]
    return sorted({*roles["leading"], *roles["office"], *roles["member"]}, key=len, reverse=True)


@lru_cache(maxsize=1)
def label_pattern() -> re.Pattern[str]:
    """`副  组  长：` — a role word, possibly spaced out, then a colon, at the start of a line."""
    alts = "|".join(r"\s*".join(map(re.escape, r)) for r in roster_roles())
    return re.compile(rf"^\s*(?P<role>{alts})\s*[：:]\s*(?P<rest>.*)$")


@lru_cache(maxsize=1)
def group_kinds() -> list[str]:
    return sorted(vocabulary()["group_kinds"], key=len, reverse=True)


@lru_cache(maxsize=1)
def group_name_re() -> str:
    return rf"[^，。；：、,;:\s“”]{{2,40}}?(?:{'|'.join(map(re.escape, group_kinds()))})"


def ends_with_title(text: str) -> bool:
    t = PAREN_NOTE.sub("", squash(text)).rstrip("。；;，,")
    return bool(t) and t.endswith(tuple(titles_longest_first()))


def is_solo_role(role: str) -> bool:
    """Roles one person holds: 组长, 指挥长, 第一副组长, 常务副组长, 办公室主任 …"""
    return not role.startswith("副") and role not in ("成员", "成员单位", "牵头单位", "办公室副主任")


def deputy_of(role: str) -> str:
    if role.startswith("办公室"):
        return "办公室副主任"
    base = role
    for p in (*SOLO_PREFIXES, "副"):
        if base.startswith(p):
            base = base[len(p):]
            break
    return "副" + base


def is_locality_leader(post: str) -> bool:
    """A post in the locality's own party committee, government, congress or CPPCC (副区长, 政协副主席)."""
    lv = "".join(level_prefixes())
    organ = re.compile(rf"^[{lv}]?(?:委|政府|人民政府|人大|人大常委会|政协)$")
    return any(organ.match(p.body) for p in split_post_string(clean_post(post)[0]))


def clean_post(post: str) -> tuple[str, str | None]:
    """Squash, drop （兼任）-style notes and pull `主持日常工作` out as a qualifier."""
    text = squash(post).rstrip("。；;，,")
    qualifier = None
    for q in QUALIFIERS:
        if q in text:
            text, qualifier = text.replace(q, ""), q
    text = re.sub(r"[（(](?:兼|兼任|兼职)[）)]", "", text)
    return text, qualifier


# ---------------------------------------------------------------- person rows

def _is_post_token(tok: str) -> bool:
    return len(tok) >= 3 and re.match(rf"^[{HAN}（）()、]+$", tok) is not None and ends_with_title(tok)


def _split_trailing_name(tok: str) -> tuple[str, str | None]:
    """`区政府办主任陈绍瑞` (two columns glued) -> (`区政府办主任`, `陈绍瑞`)."""
    if ends_with_title(tok):
        return tok, None
    for k in (2, 3):
        head, tail = tok[:-k], tok[-k:]
        if ends_with_title(head) and ONLY_HAN.match(tail) and not ends_with_title(tail):
            return head, tail
    return tok, None


def parse_person_rows(text: str) -> list[tuple[str, str]] | None:
    """`薛  军    区政府办主任陈绍瑞    区政府办副主任` -> [(薛军, 区政府办主任), (陈绍瑞, 区政府办副主任)].

    None unless the whole text is name/post pairs (a name is 2-4 Han characters, possibly spaced).
    """
    # other printings of the same row: 张三（县委副书记、县长）, 张三，县委副书记、县长, 张三同志 …
    text = re.sub(rf"([{HAN}]{{2,4}}?)同志(?=\s)", r"\1", text)
    text = re.sub(rf"(?<![{HAN}])([{HAN}]{{2,4}}?)(?:同志)?\s*(?:[（(]([^）)]+)[）)]|[，,]\s*)", r"\1  \2 ", text)
    toks = text.split()
    rows: list[tuple[str, str]] = []
    i, carried = 0, None
    while i < len(toks):
        if carried:
            name, carried = carried, None
        else:
            name = ""
            while i < len(toks) and ONLY_HAN.match(toks[i]) and len(name) + len(toks[i]) <= 4 \
                    and not _is_post_token(toks[i]):
                name += toks[i]
                i += 1
            if not 2 <= len(name) <= 4:
                return None
        if i >= len(toks):
            return None
        post, carried = _split_trailing_name(toks[i])
        i += 1
        if not _is_post_token(post):
            return None
        rows.append((name, post))
    return rows if rows and not carried else None


# ---------------------------------------------------------------- the document's group

def group_candidates(doc: Document) -> list[tuple[str, int]]:
    """Full group names the document prints: `成立X`, a heading that is a group name, `X组成人员`."""
    joined = doc.joined()
    name = group_name_re()
    out: list[tuple[str, int]] = []
    for m in re.finditer(rf"成立(?P<g>{name})", joined.text):
        before = joined.text[max(0, m.start() - 14): m.start()]
        if re.search(r"乡|镇|街道|村", before.split("，")[-1]):
            continue  # a township's own group (乡镇成立…指挥部), not this document's
        out.append((m.group("g"), joined.line_at(m.start("g"))))
    for m in re.finditer(rf"(?P<g>{name})(?:组成人员|成员名单|组成成员)", joined.text):
        out.append((m.group("g"), joined.line_at(m.start("g"))))
    lines = doc.lines
    for i, ln in enumerate(lines):
        m = re.match(r"^\s*[一二三四五六七八九十]+、\s*(.+?)\s*$", ln.text)
        if not m:
            continue
        text = squash(m.group(1))
        if i + 1 < len(lines) and len(squash(lines[i + 1].text)) <= 3:
            text += squash(lines[i + 1].text)
        if re.fullmatch(name, text):
            out.append((text, ln.number))
    return [(g, n) for g, n in out if not g.startswith(("各", "乡", "镇"))]


def main_group(doc: Document) -> tuple[str, int] | None:
    """The fullest group name printed in the document (one canonical name per group per doc)."""
    cands = group_candidates(doc)
    if not cands:  # no 成立 sentence: the group that has an office (`X办公室设在…`), at a sentence or line start
        for ln in doc.lines:
            m = re.match(rf"^\s*(?P<g>{group_name_re()})(?:下设)?办公室", ln.text)
            if m:
                cands.append((squash(m.group("g")), ln.number))
        joined = doc.joined()
        m = re.search(rf"[。；，](?P<g>{group_name_re()})(?:下设)?办公室", joined.text)
        if m:
            cands.append((m.group("g"), joined.line_at(m.start("g"))))
    if not cands:
        return None
    return max(cands, key=lambda c: (len(c[0]), -c[1]))


# ---------------------------------------------------------------- roster entries

@dataclass
class Entry:
    role: str
    text: str
    line: int
    kind: str  # person | post | body
    post: str = ""
    qualifier: str | None = None
    collective: bool = False
    incomplete: bool = False


def split_items(text: str) -> list[str]:
    """Split a list on 、，; a bare title (`、主任`) belongs to the item before it."""
    items: list[str] = []
    for part in split_enumeration(text):
        if items and part in titles_longest_first():
            items[-1] += "、" + part
        else:
            items.append(part)
    return items


def list_entries(role: str, text: str, line: int, complete: bool) -> list[Entry]:
    """A label's list: units (`…负责人`) become body members, otherwise each item is a post member."""
    text, _ = clean_post(text)
    items = split_items(text)
    if not items:
        return []
    # a unit list names bodies (its heads at most once, at the end); a post list ends every item in
    # a title, or in a title and the holder's name (`县政府副县长李四`)
    named = [_split_trailing_name(it) for it in items]
    mode = "body" if any(not ends_with_title(it) and not n for it, (_, n) in zip(items[:-1], named)) else "post"
    out = []
    for k, it in enumerate(items):
        if mode == "body":
            head = next((h for h in HEAD_WORDS if it.endswith(h) and len(it) > len(h)), None)
            body = it[: -len(head)] if head else it
            out.append(Entry(role, body, line, "body", qualifier="负责人" if head or items[-1].endswith(HEAD_WORDS)
                             else None, collective=is_collective(body)))
        elif named[k][1]:
            out.append(Entry(role, named[k][1], line, "person", post=named[k][0]))
        else:
            out.append(Entry(role, it, line, "post", collective=is_collective(it),
                             incomplete=(k == len(items) - 1 and not ends_with_title(it))))
    return out


def _indent(ln: Line) -> int:
    return len(ln.text) - len(ln.text.lstrip(" "))


def _post_only(text: str) -> bool:
    t = squash(text)
    return 3 <= len(t) <= 30 and re.match(rf"^[{HAN}（）()、]+$", t) is not None and ends_with_title(t) \
        and not HEADING.match(text)


def read_roster(doc: Document) -> list[Entry]:
    """Every roster entry of the document with its role (see the module docstring for the rules)."""
    lines = doc.lines
    labels = [(i, label_pattern().match(ln.text)) for i, ln in enumerate(lines)]
    labels = [(i, m) for i, m in labels if m]
    if not labels:
        return []
    roster_rows: set[int] = set()
    entries: list[Entry] = []
    consumed: set[int] = set()
    for i, m in labels:
        role = squash(m.group("role"))
        rest = m.group("rest").strip()
        roster_rows.add(i)
        if not rest:
            continue
        rows = parse_person_rows(rest)
        if rows:
            entries.extend(Entry(role, n, lines[i].number, "person", post=p) for n, p in rows)
            continue
        text, j = rest, i
        while not _complete(text) and j + 1 < len(lines) and _joinable(lines[j + 1]) and j - i < 15:
            j += 1
            text += lines[j].text.strip()
            consumed.add(j)
        entries.extend(list_entries(role, text, lines[i].number, _complete(text)))
    first, last_label = labels[0][0], labels[-1][0]
    label_at = {i: squash(m.group("role")) for i, m in labels}
    last_row = max([i for i, ln in enumerate(lines) if i > first and parse_person_rows(ln.text)] or [last_label])
    span_end = max(last_row, max(consumed | {last_label}))
    deputy = next((r for r in label_at.values() if r.startswith("副")), "副组长")
    pending = [e for e in entries if e.incomplete]
    run_role: str | None = None
    for i in range(first, len(lines)):
        ln = lines[i]
        if i in label_at or i in consumed:
            run_role = None
            continue
        rows = parse_person_rows(ln.text)
        prev_label = label_at[max(k for k in label_at if k < i)]
        if rows:
            for n, p in rows:
                entries.append(Entry(_row_role(prev_label, p, deputy), n, ln.number, "person", post=p))
            roster_rows.add(i)
            run_role = None
            continue
        near = i <= span_end or (_indent(ln) >= 4 and ln.number - lines[span_end].number <= 60)
        if not near or not _post_only(ln.text):
            run_role = None
            continue
        text, _ = clean_post(ln.text)
        if (i - 1) in roster_rows:  # an indented continuation row right under its label
            role = prev_label if not is_solo_role(prev_label) else deputy_of(prev_label)
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


def _complete(text: str) -> bool:
    t = squash(text)
    return t.endswith(("。", "；", ";")) or ends_with_title(t)


def _joinable(ln: Line) -> bool:
    return _indent(ln) < 4 and not label_pattern().match(ln.text) and not HEADING.match(ln.text) \
        and not parse_person_rows(ln.text)


def _row_role(label: str, post: str, deputy: str) -> str:
    """The role of an unlabeled row printed under `label` (rules in the module docstring)."""
    leader = is_locality_leader(post)
    if is_solo_role(label):
        return deputy_of(label) if leader else "成员"
    if label in ("成员", "成员单位") and leader:
        return deputy
    return label


# ---------------------------------------------------------------- prose rosters

def prose_entries(doc: Document) -> tuple[str | None, list[Entry]]:
    """`成立X领导小组，分管Y的副县长担任组长，成员为A局局长、B局局长…` (no label rows)."""
    joined = doc.joined()
    roles = "|".join(r for r in roster_roles() if r not in ("成员单位", "牵头单位"))
    out: list[Entry] = []
    group = None
    for m in re.finditer(rf"成立(?P<g>{group_name_re()})[，,](?P<body>[^。]*。?)", joined.text):
        group = group or m.group("g")
        body, base = m.group("body"), m.start("body")
        for r in re.finditer(rf"(?:^|[，；,;])(?P<who>[^，；,;]+?)(?:担任|任)(?P<role>{roles})", body):
            for it in split_items(r.group("who")):
                out.append(Entry(r.group("role"), it, joined.line_at(base + r.start("who")), "post"))
        for r in re.finditer(rf"(?P<role>{roles})由(?P<who>[^，；,;。]+?)(?:兼任|担任)", body):
            for it in split_items(r.group("who")):
                out.append(Entry(r.group("role"), it, joined.line_at(base + r.start("who")), "post"))
        c = re.search(r"成员(?:为|由|包括)(?P<who>[^。；;]+?)(?:等)?(?:组成)?(?:[。；;]|$)", body)
        if c:
            for e in list_entries("成员", c.group("who"), joined.line_at(base + c.start("who")), True):
                out.append(e)
    for e in out:
        if e.kind == "post" and _name_only(e.text):
            e.kind = "person"
    return group, out


def _name_only(text: str) -> bool:
    return 2 <= len(text) <= 4 and ONLY_HAN.match(text) is not None and not ends_with_title(text)


# ---------------------------------------------------------------- offices

@dataclass
class Office:
    host: str
    line: int
    director: str | None = None
    deputies: list[str] = field(default_factory=list)


def _who(text: str) -> str:
    """`县卫健局局长张三同志` -> `张三`; `县卫健局局长` stays a post."""
    t = squash(text).removesuffix("同志")
    head, tail = _split_trailing_name(t)
    return tail or head


def _read_heads(office: Office, window: str) -> None:
    d = (re.search(r"办公室主任由(?P<w>[^，。；,;]+?)(?:同志)?(?:兼任|担任)", window)
         or re.search(r"(?<!副)主任由(?P<w>[^，。；,;]+?)(?:同志)?(?:兼任|担任)", window)
         or re.search(r"(?:^|[，。；,;])(?P<w>[^，。；,;]+?)(?:同志)?(?:兼任|担任|任)办公室主任", window))
    if d:
        office.director = _who(d.group("w"))
    for r in (re.finditer(r"副主任由(?P<w>[^，。；,;]+?)(?:同志)?(?:兼任|担任)", window),
              re.finditer(r"(?:^|[，。；,;])(?P<w>[^，。；,;]+?)(?:同志)?(?:兼任|任)办公室副主任", window)):
        for x in r:
            office.deputies.extend(_who(w) for w in split_enumeration(x.group("w")) if _who(w) not in office.deputies)


def read_office(doc: Document) -> Office | None:
    joined = doc.joined()
    t = joined.text
    m = re.search(r"办公室设在(?P<host>[^，。；,;（(]+?)(?=[，。；,;（(]|为|承担|具体|负责|$)", t)
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

SUBGROUP_HEAD = re.compile(rf"^\s*{NUMBERING}\s*(?P<name>[{HAN}]{{2,10}}组)(?:\s*[：:。]\s*(?P<rest>.*)|\s*)$")
LEAD = re.compile(rf"^(?:由)?(?P<lead>[^，。、：:]{{2,30}}?)牵头[，,、]?(?:由)?(?P<members>[^。]*?)(?:等(?:单位|部门)?)?"
                  rf"(?:组成|参加|参与|配合)[。，,；;]?(?P<duty>[^。]*)")


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


def read_subgroups(doc: Document, parent: str) -> list[MemberFact]:
    lines, joined = doc.lines, doc.joined()
    heads: list[tuple[str, int]] = []
    for ln in lines:
        m = SUBGROUP_HEAD.match(ln.text)
        if m and not m.group("name").endswith(("领导小组", "领导组")):
            heads.append((m.group("name"), ln.number))
    if not heads:
        return []
    contents: list[tuple[str, int, re.Match[str], int]] = []
    offset = 0
    starts = []
    for ln in lines:
        starts.append(offset)
        offset += len(ln.text.strip())
    for k, ln in enumerate(lines):
        sm = SUBGROUP_HEAD.match(ln.text)
        rest = (sm.group("rest") or "").strip() if sm else None
        text_start = starts[k] + (len(ln.text.strip()) - len(rest) if sm else 0)
        m = LEAD.match(joined.text[text_start: text_start + 400])
        if m and rest != "":
            contents.append((m.group("duty") or "", ln.number, m, text_start))
    pairs = _assign(heads, [(c[0], c[1]) for c in contents])
    out: list[MemberFact] = []
    for h, c in sorted(pairs.items()):
        name, (_, _, m, base) = heads[h][0], contents[c]
        def fact(member: str, role: str, pos: int) -> MemberFact:
            return MemberFact(doc=doc.number, line=joined.line_at(pos), group=name, parent=parent,
                              member=member, member_type="body", role=role,
                              collective=True if is_collective(member) else None)
        out.append(fact(squash(m.group("lead")), "牵头单位", base + m.start("lead")))
        pos = base + m.start("members")
        for it in split_enumeration(m.group("members")):
            at = joined.text.find(it[:4], pos)
            out.append(fact(it, "成员单位", at if at >= 0 else pos))
    return out


# ---------------------------------------------------------------- extract

def extract(doc: Document) -> list[FactBase]:
    """Member, office and `hold` post facts of one document."""
    found = main_group(doc)
    entries = read_roster(doc)
    group = found[0] if found else None
    if not entries:
        g, entries = prose_entries(doc)
        group = group or g
    office = read_office(doc)
    if group is None:
        return []
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
            post, qualifier = clean_post(e.post)
            for p in split_post_string(post):
                facts.append(PostFact(doc=doc.number, line=e.line, person=e.text, body=p.body, title=p.title,
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
                         "person" if _name_only(office.director) else "post"))
        for d in office.deputies:
            member(Entry("办公室副主任", d, office.line, "person" if _name_only(d) else "post"))
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
