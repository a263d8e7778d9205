"""Reading a responsibility statement: which bodies, in which role (lead / responsible / support).

Plans state who does a task in many wordings; each is read here as text, whatever its place:
`（县发改局、县工信局等按职责分工负责落实）`, `（县发改局牵头，县财政局配合）`,
`（牵头单位：县发改局；责任单位：县财政局、县工信局）`, `牵头单位：县发改局 责任单位：…`,
`责任单位：县教育局（牵头）、县财政局`. Bodies are returned as printed (resolve.py canonicalises).
"""

from __future__ import annotations

import re
from functools import lru_cache

from govkg.loaders.names import is_collective as _names_collective
from govkg.ontology.vocabulary import body_suffixes_longest_first, responsibility_role

OPEN, CLOSE = "（(", "）)"
# Labels naming the bodies of a task, by role, and labels that end such a list without naming
# bodies (`牵头领导：…`, `完成时限：…`). A level may precede them: 县级牵头单位.
ROLE_LABELS = {
    "lead": ("牵头单位", "牵头部门", "牵头责任单位", "牵头考核单位", "主办单位", "主责单位", "主责部门"),
    "responsible": ("责任单位", "责任部门", "责任处室", "责任主体", "落实单位", "实施单位", "承办单位"),
    "support": ("配合单位", "配合部门", "协办单位", "参与单位", "协同单位", "协作单位", "协助单位", "支持单位"),
}
STOP_LABELS = ("牵头领导", "责任领导", "分管领导", "包联领导", "责任人", "联系人", "完成时限", "完成时间", "完成期限",
               "时间节点", "时限要求", "进度安排", "时间安排", "工作目标", "目标任务", "成员单位", "组成单位",
               "主要职责", "工作职责", "职责")
# Labels before role phrases that say each body's role themselves: `部门分工：A牵头，B配合`.
DIVISION_LABELS = ("部门分工", "责任分工", "职责分工", "任务分工", "分工")
ROLE_LABEL_NAMES = sorted((n for names in ROLE_LABELS.values() for n in names), key=len, reverse=True) \
    + list(DIVISION_LABELS)
LABEL = re.compile(rf"(?:[省市县区]级)?({'|'.join(ROLE_LABEL_NAMES)})[：:]")
ANY_LABEL = re.compile(rf"(?:[省市县区]级)?({'|'.join(ROLE_LABEL_NAMES + sorted(STOP_LABELS, key=len, reverse=True))})[：:]")
# A role marked on one body of a list: 县教育局（牵头）、县财政局.
INNER_ROLE = re.compile(r"[（(](牵头单位|牵头|主责|负责|配合单位|配合|协助|参与)[）)]$")
# `等` closing a list, maybe with the kind of bodies it stands for: 等, 等部门, 等行业主管部门.
ETC = r"等(?:有关|相关|行业|主管|职能|成员|责任|监管|执法|[省市县区]直){0,3}(?:部门|单位|机构)?"
# How the bodies act: 按职责分工, 根据职责, 按照…要求, 分工 (等部门分工负责); and adverbs before the role: 分别牵头, 共同负责.
MANNER = r"(?:按照?(?:各自)?职责(?:分?工?)|按分工|根据(?:各自)?职责(?:分工)?|按照?[^，,、；;（()）。]{0,24}?要求|分工)"
# The role phrase closing a list of bodies: 等部门按职责分工负责, 牵头, 分别牵头, 配合落实 …
# (tasks/gate.py reads the role words too: a statement names no one without one of them)
ROLE_WORDS = ("牵头单位", "牵头部门", "责任单位", "责任部门", "配合单位", "配合部门", "牵头负责", "牵头", "负责落实", "具体负责",
              "具体实施", "负责", "配合落实", "配合", "协助", "参与", "落实")
ROLE_TAIL = re.compile(
    rf"(?:{ETC})?要?(?:{MANNER})?(?:分别|共同|各自)?"
    rf"(?:为|作为)?(?P<role>{'|'.join(ROLE_WORDS)})(?:实施)?$")
# Words before a body in a role sentence: 由县发改局牵头，会同县财政局…
LEAD_WORDS = re.compile(r"^(?:并由|由|会同|联合)")
TRAILING_ETC = re.compile(ETC + "$")
# `和` / `及` between two bodies, or after a plural phrase before the next one (`市直有关部门和各乡镇…`).
AND = re.compile(r"(?<=[局委办院所站队部心司室厅])(?:及|和|以及|会同|协同)(?=\S)"
                 r"|(?<=部门|单位)(?:及|和|以及|会同)(?=各|[省市县区][^级])")
# Generic nouns that name no body by themselves: `…人民政府、街道办事处` continues the phrase.
GENERIC = ("街道办事处", "街道", "社区", "部门", "单位", "办事处")
# 室: offices inside a government (市政府督查室, 县委研究室) named in a responsibility list.
BODY_HINTS = ("部门", "单位", "机关", "机构", "政府", "小组", "专班", "指挥部", "督查室", "研究室")


def role_in_last_paren(text: str) -> bool:
    """Is the parenthesis that the final `）` closes a responsibility statement?"""
    text = text.rstrip("。")
    depth, j = 0, -1
    for i in range(len(text) - 1, -1, -1):
        depth += text[i] in CLOSE
        depth -= text[i] in OPEN
        if depth == 0:
            j = i
            break
    return j >= 0 and (bool(LABEL.search(text[j:])) or bool(ROLE_TAIL.search(text[j:].rstrip("。）)").rstrip("。"))))


def split_top(text: str, seps: str) -> list[tuple[int, str]]:
    """Split at separators outside inner parentheses; returns (offset, part)."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth = max(depth - 1, 0)
        elif c in seps and depth == 0:
            out.append((start, text[start:i]))
            start = i + 1
    out.append((start, text[start:]))
    return out


# A kind of body named with no proper name stands for all bodies of that kind: 乡镇人民政府,
# 乡（镇）人民政府, 镇（街道）, 村（社区）.
BARE_KIND = re.compile(r"^(?:乡镇|乡（镇）|镇（街道）|乡镇（街道）|镇街|街道|村（社区）|社区|村)(?:人民政府|政府|办事处|党委|（街道）)?"
                       r"(?:、|$)")


# A short place qualifier before the local governments is still a plural: 沿黄各苏木（镇）, 沿线各乡镇
# (names.is_collective already reads 县内各…, 全区各…, 市直各…).
PLACE_EACH = re.compile(r"^[\u4e00-\u9fff]{1,3}各(?=苏木|乡|镇|街道|村|社区|嘎查)")


def is_collective(name: str) -> bool:
    """names.is_collective plus phrases with 相关/有关 anywhere (`区直各相关单位`) and a kind of
    body with no proper name (`乡镇人民政府、街道办事处`)."""
    return _names_collective(name) or bool(re.search(r"相关|有关", name)) \
        or bool(BARE_KIND.match(name)) or bool(PLACE_EACH.match(name))


def looks_like_body(name: str) -> bool:
    bare = re.sub(r"[（(][^）)]*[）)]", "", name)
    return bool(bare) and (bare.endswith(tuple(body_suffixes_longest_first()) + BODY_HINTS)
                           or is_collective(name))


def _bodies(text: str, base: int) -> list[tuple[int, str]]:
    """`区发改局、区工科局及各乡镇（街道）` -> [(offset, name)], generic tails merged into the phrase."""
    out: list[tuple[int, str]] = []
    for off, part in split_top(text, "、，,；;"):
        for sub in AND.split(part):
            sub_off = off + part.find(sub)
            lead = LEAD_WORDS.match(sub)
            skip = lead.end() if lead else 0
            # square brackets used as parentheses around a statement: `[区住建局、…负责]`
            skip += len(sub[skip:]) - len(sub[skip:].lstrip("[【"))
            name = TRAILING_ETC.sub("", sub[skip:].rstrip("]】")).strip()
            if not name:
                continue
            if out and is_collective(out[-1][1]) and (name in GENERIC or not looks_like_body(name)):
                # `相关燃气、供水、供热企业`: what follows a plural phrase and names no body is part of it
                out[-1] = (out[-1][0], out[-1][1] + "、" + name)
                continue
            out.append((base + sub_off + skip, name))
    return _share_place(_share_government(out))


# `各市人力资源社会保障局、发展改革委、财政局`, `雄安新区改革发展局、公共服务局`: a body named by its kind
# alone belongs to the place of the body before it.
PLACE_HEAD = re.compile(r"^(?:各(?:设区)?[市县区州盟旗](?:[（(][^（）()]{1,12}[）)])?|[\u4e00-\u9fff]{2,5}?新区)"
                        r"(?=[\u4e00-\u9fff]{2})")
KIND_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:局|委|厅|办|中心)$")


def _share_place(names: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    head = ""
    for off, name in names:
        found = PLACE_HEAD.match(name)
        if found:
            head = found.group()
        elif head and KIND_ONLY.match(name) and name[0] not in "省市县区各" and not name.startswith(("中共", "国家")):
            name = head + name
        else:
            head = ""
        out.append((off, name))
    return out


# Places listed before the one that carries the kind of body: `龙口镇、十二连城乡人民政府` names two
# 人民政府; `甲街道、乙街道办事处` two 办事处.
SHARED_KIND = {"人民政府": ("镇", "乡", "苏木"), "办事处": ("街道",)}


def _share_government(names: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out = list(names)
    for i in range(len(out) - 2, -1, -1):
        nxt = out[i + 1][1]
        for kind, places in SHARED_KIND.items():
            head = nxt[:-len(kind)]
            if (nxt.endswith(kind) and head.endswith(places) and out[i][1].endswith(places)
                    and not is_collective(out[i][1]) and 2 <= len(out[i][1]) <= 8):
                out[i] = (out[i][0], out[i][1] + kind)
        # `张家口、廊坊市政府`: bare city names before the one that carries 市政府 name a 市政府 each
        city = CITY_GOVERNMENT.search(out[i + 1][1])
        if city and BARE_PLACE.fullmatch(out[i][1]) and not looks_like_body(out[i][1]):
            out[i] = (out[i][0], out[i][1] + city.group())
    return out


CITY_GOVERNMENT = re.compile(r"(?<=[\u4e00-\u9fff]{2})[市县区](?:人民)?政府$")
BARE_PLACE = re.compile(r"[\u4e00-\u9fff]{2,4}")


def label_role(label: str) -> str | None:
    """牵头单位 -> lead, 责任部门 -> responsible, 配合单位 -> support (vocabulary first)."""
    found = responsibility_role(label) or responsibility_role(label.replace("部门", "单位"))
    return found or next((role for role, names in ROLE_LABELS.items() if label in names), None)


def _role_phrases(text: str, base: int, default: str | None) -> list[tuple[int, str, str]]:
    """Lists closed by role phrases: `县生态环境分局牵头，县直各部门按职责分工负责`.

    Each list takes the role phrase that closes it; a list with no phrase takes `default` (the role
    of the label it follows), else names no one. A role marked on one body (`县教育局（牵头）`) wins.
    """
    found: list[tuple[int, str, str]] = []
    pending: list[tuple[int, str]] = []
    for s_off, seg in split_top(text, "，,；;"):
        m = ROLE_TAIL.search(seg.rstrip("。"))
        if not m:
            pending.append((s_off, seg.rstrip("。")))
            continue
        role = responsibility_role(m.group("role"))
        items, pending = pending + [(s_off, seg[:m.start()])], []
        found += _with_roles(items, base, role)
    if default:
        found += _with_roles(pending, base, default)
    return found


def _with_roles(items: list[tuple[int, str]], base: int, role: str | None) -> list[tuple[int, str, str]]:
    out = []
    for p_off, p in items:
        for o, name in _bodies(p, 0):
            inner = INNER_ROLE.search(name)
            if inner:
                name, own = name[:inner.start()], responsibility_role(inner.group(1)) or label_role(inner.group(1))
            else:
                own = role
            if own and name:
                out.append((base + p_off + o, name, own))
    return out


# A plan that says once for all its lists that the unit named first leads them:
# `排名第一为牵头单位，下同`, `排在第一位的为牵头单位`, `第一个单位为牵头单位`.
FIRST_LISTED_LEADS = re.compile(r"(?:排名|排序|排在|列)第一(?:位)?的?(?:单位|部门)?为牵头(?:单位|部门)|第一个?(?:单位|部门)为牵头(?:单位|部门)")
FIRST_LISTED_NOTE = re.compile(rf"[。；;，,]?(?:{FIRST_LISTED_LEADS.pattern})[^（）()]{{0,8}}$")


def parse_assignment(text: str) -> list[tuple[int, str, str]]:
    """A responsibility statement -> [(offset, body, role)] (see _parse_assignment); remembered,
    since a plan's statements are read once to learn its bodies and again to make its facts."""
    return list(_parse_assignment(text))


@lru_cache(maxsize=1 << 12)
def _parse_assignment(text: str) -> tuple[tuple[int, str, str], ...]:
    """A responsibility statement -> ((offset, body, role), ...).

    `县生态环境分局牵头，县直各部门按职责分工负责`: each list takes the role phrase that closes
    it; `牵头单位：区发改局；责任单位：…` (or the labels with no separator between them, as label
    lines run together) takes the role from its label, up to the next label; `完成时限：…` and
    other labels that name no body end a list.
    """
    text = FIRST_LISTED_NOTE.sub("", text)  # `…部门。排名第一为牵头单位，下同`: a note on the list, no body
    labels = list(ANY_LABEL.finditer(text))
    found = _role_phrases(text[:labels[0].start()] if labels else text, 0, None)
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        role = label_role(m.group(1))
        if role or m.group(1) in DIVISION_LABELS:
            found += _role_phrases(text[m.end():end], m.end(), role)
    return tuple(f for f in found if looks_like_body(f[1]))


# Responsibility stated in the running text of a task that has no statement of its own: a chain
# after 由 (`由区城管局负责，相关街道办事处配合`, `建立由县商务局牵头、县直有关部门参与的…机制`), or
# bodies opening a sentence, then 负责 / 牵头 (`县委宣传部、县融媒体中心负责通过…`).
PROSE_ROLE = r"(?:牵头负责|牵头|负责落实|具体负责|负责|配合落实|配合|协助|参与)"
PROSE_CHAIN = re.compile(rf"由((?:[^，。；：:由的（()）]{{2,60}}?{PROSE_ROLE}(?:实施)?(?:[，、]|(?=[的。；]|$)))+)"
                         # or one lead naming what it does: 由区住建局牵头制定…
                         rf"|由([^，。；：:由的（()）]{{2,40}}?牵头)(?=[\u4e00-\u9fff])(?!人|同志|领导)")
# A parenthesis naming a kind of place may sit inside a name in running text: 各乡（镇）人民政府.
_PLAIN = r"(?:[^，。；：:（()）由]|[（(](?:镇|乡|乡镇|街道|社区)[）)])"
PROSE_SUBJECT = re.compile(rf"(?:^(?:[（(]?[一二三四五六七八九十\d]{{1,3}}[）)、.．])?|[。；，])"
                           rf"(?P<list>{_PLAIN}{{3,80}}?)(?:要|应|将)?(?:{MANNER})?(?P<role>负责|牵头|落实(?=(?:属地|主体|属地管理)责任))(?!人|同志)")
PROSE_NAMED_AS = re.compile(rf"(?:^|[。；，、])(?P<list>{_PLAIN}{{2,60}}?)为(?:[^，。；为]{{0,30}}?的)?"
                            r"(?P<role>总牵头单位|牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门)")
_CHAIN_LINK = re.compile(rf"({PROSE_ROLE}(?:实施)?)、")


def prose_assignment(text: str) -> list[tuple[int, str, str]]:
    """Bodies named with a role in a task's running text -> [(offset, body, role)].

    Only whole lists count: every name of a subject list must be a body (`县财政局负责统筹…`, not
    `确保资金负责…`); a chain stops at the first clause that names no body with a role."""
    found: list[tuple[int, str, str]] = []
    for m in PROSE_CHAIN.finditer(text):
        g = 1 if m.group(1) else 2
        chain = _CHAIN_LINK.sub(lambda k: k.group(1) + "，", m.group(g))
        for off, seg in split_top(chain, "，"):
            got = parse_assignment(seg.rstrip("，"))
            if not got or (g == 2 and not all(_names_a_body(b) for _, b, _ in got)):
                break
            found += [(m.start(g) + off + o, body, role) for o, body, role in got]
        if g == 2 and found:
            found += _helpers(text, m.end())
    for m in PROSE_NAMED_AS.finditer(text):  # `A和B为全省…的总牵头单位，C为…的牵头单位、D为责任单位`
        names = _bodies(m.group("list"), 0)
        role = label_role(m.group("role").removeprefix("总"))
        if names and role and all(_names_a_body(n) for _, n in names):
            found += [(m.start("list") + o, n, role) for o, n in names]
    for m in PROSE_SUBJECT.finditer(text):
        names = _bodies(m.group("list"), 0)
        if names and all(_names_a_body(n) for _, n in names):
            role = responsibility_role(m.group("role"))
            found += [(m.start("list") + o, n, role) for o, n in names if role]
            found += _helpers(text, m.end())
    return found


# The clause after a running-text statement that names who helps: `县商务局负责组织实施，县市场监管局、
# 县工信局协助。`
PROSE_HELPERS = re.compile(rf"[，；](?P<list>{_PLAIN}{{3,80}}?)(?:{MANNER})?(?P<role>配合|协助|参与)"
                           # closing the clause, or naming how it helps: 区发改局协助争取…, …分局配合办理…
                           r"(?:(?:实施|落实|工作)?(?=[，。；]|$)|(?=[\u4e00-\u9fff]))")


def _helpers(text: str, start: int) -> list[tuple[int, str, str]]:
    """Bodies helping in the rest of the sentence a running-text statement opens."""
    stop = re.search(r"[。]|$", text[start:]).start() + start
    out = []
    for m in PROSE_HELPERS.finditer(text, start, stop):
        names = _bodies(m.group("list"), 0)
        if names and all(_names_a_body(n) for _, n in names):
            out += [(m.start("list") + o, n, responsibility_role(m.group("role"))) for o, n in names]
    return [f for f in out if f[2]]


def _names_a_body(name: str) -> bool:
    """A subject of a running-text statement: a body's name (`县财政局`) or a plural of bodies
    (`县直有关部门`), not a field (`卫生健康部门`, `平台服务机构`) nor words (`各成员单位要建立`,
    `各牵头单位要切实履行`: a clause that only ends like a body's name, here in 行)."""
    bare = re.sub(r"[（(][^）)]*[）)]", "", name)
    if "要" in bare or not bare.endswith(tuple(body_suffixes_longest_first()) + BODY_HINTS) \
            or INNER_ROLE.search(name):
        return False
    return is_collective(name) or not bare.endswith(("部门", "单位", "机构", "机关"))
