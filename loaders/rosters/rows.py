"""Roster rows: label lines, name/post pairs and lists of units or posts (used by loaders/rosters/__init__.py).

A roster row pairs a person with a post string. Gazettes print it in several ways, all read here:
`吴  卿    区发改局局长` (name first, the PDF may space out the name), `县委副书记、县长  张  三`
(post first), `张三（县委副书记、县长）`, `张三，县委副书记、县长`, two columns glued into one token
(`区政府办主任陈绍瑞`). A label's text that is no such row is a list: units (`…负责人`) or posts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from govkg.loaders.names import is_collective, split_enumeration, squash
from govkg.ontology.vocabulary import titles_longest_first, vocabulary

HAN = r"\u4e00-\u9fff"
ONLY_HAN = re.compile(rf"^[{HAN}]+$")
NUMBERING = r"(?:[一二三四五六七八九十]+、|（(?:[一二三四五六七八九十]+|\d{1,2})）|\d{1,2}(?:[.．]\d{1,2}){1,4}|\d+[.．、])"
HEADING = re.compile(rf"^\s*{NUMBERING}")
PAREN_NOTE = re.compile(r"[（(][^（）()]*[）)]")
QUALIFIERS = ("主持日常工作", "主持工作")
IN_CHARGE_HEADS = ("分管负责同志", "分管负责人", "分管领导")
HEAD_WORDS = ("主要负责同志", "分管负责同志", "负责同志", "主要负责人", "分管负责人", "负责人", "主要领导", "分管领导")
# a Chinese name never starts with these (they open a collective or a clause: 各乡镇…, 由张三…)
NOT_NAME_START = "各由经将请对从在为把被与及等其该本每"
# nor ends with a verb of its clause (`由王` / `立新兼任，…`: a name wrapped across lines)
NOT_NAME_END = ("兼任", "担任", "兼", "牵头", "负责", "配合", "参与", "同志")
CONCURRENT_TITLES = ("副书记", "常委", "党组成员", "党委委员", "委员")


# ---------------------------------------------------------------- vocabulary-derived patterns

@lru_cache(maxsize=1)
def roster_roles() -> list[str]:
    roles = vocabulary()["group_roles"]
    # longest first; ties in a fixed order, so every process compiles the same pattern text
    return sorted({*roles["leading"], *roles["office"], *roles["member"]}, key=lambda r: (-len(r), r))


@lru_cache(maxsize=1)
def label_pattern() -> re.Pattern[str]:
    """`副  组  长：` — a role word, possibly spaced out, then a colon, at the start of a line; the
    group's kind may stand before it (`领导小组组长：`, `指挥部总指挥：`)."""
    alts = "|".join(r"\s*".join(map(re.escape, r)) for r in roster_roles())
    return re.compile(rf"^\s*(?:领导小组|工作小组|小组|指挥部|专班)?(?P<role>{alts})\s*[：:]\s*(?P<rest>.*)$")


@lru_cache(maxsize=1)
def _table_label() -> re.Pattern[str]:
    alts = "|".join(r"\s*".join(map(re.escape, r)) for r in roster_roles())
    return re.compile(rf"^\s*(?P<role>{alts})\s+(?P<rest>\S.*)$")


@lru_cache(maxsize=1 << 14)
def match_label(text: str) -> re.Match[str] | None:
    """A label line: `组  长：…`, or a table row without the colon (`组长  张三  县委副书记、县长`),
    which counts only when the rest is a person row. Remembered per line text: a roster's reading
    asks it of the same line up to six times (a match is read-only, so it is safely shared)."""
    m = label_pattern().match(text)
    if m:
        return m
    m = _table_label().match(text)
    return m if m and parse_person_rows(m.group("rest")) else None


def ends_with_title(text: str) -> bool:
    t = PAREN_NOTE.sub("", squash(text)).rstrip("。；;，,")
    return bool(t) and t.endswith(tuple(titles_longest_first()))


def clean_post(post: str) -> tuple[str, str | None]:
    """Squash, drop （兼任）-style notes and pull `主持日常工作` out as a qualifier."""
    text = squash(post).rstrip("。；;，,")
    qualifier = None
    for q in QUALIFIERS:
        if q in text:
            text, qualifier = text.replace(q, ""), q
    text = re.sub(r"[（(](?:兼|兼任|兼职)[）)]", "", text)
    return text, qualifier


IN_CHARGE = re.compile(r"分管(?P<what>[^、，,；;的]{1,20})的")


def split_in_charge(post: str) -> tuple[str, str | None]:
    """`区政府分管农业农村工作的副区长` -> (`区政府副区长`, `分管农业农村工作`): what a leader is in charge of
    describes the post, it is not part of the body's name."""
    m = IN_CHARGE.search(post)
    if not m or not ends_with_title(post[m.end():]):
        return post, None
    return post[: m.start()] + post[m.end():], "分管" + m.group("what")


def is_name(text: str) -> bool:
    """2-4 Han characters that are not a post, a unit or the opening of a clause."""
    return 2 <= len(text) <= 4 and ONLY_HAN.match(text) is not None and not ends_with_title(text) \
        and text[0] not in NOT_NAME_START and not text.endswith(NOT_NAME_END)


# ---------------------------------------------------------------- person rows

def is_post_token(tok: str) -> bool:
    return len(tok) >= 3 and re.match(rf"^[{HAN}（）()、]+$", tok) is not None and ends_with_title(tok)


def split_trailing_name(tok: str) -> tuple[str, str | None]:
    """`区政府办主任陈绍瑞` (two columns glued) -> (`区政府办主任`, `陈绍瑞`)."""
    if ends_with_title(tok):
        return tok, None
    for k in (2, 3):
        head, tail = tok[:-k], tok[-k:]
        if ends_with_title(head) and is_name(tail):
            return head, tail
    return tok, None


def _bracketed_post(m: re.Match[str]) -> str:
    """`张三（县委副书记、县长）` -> `张三  县委副书记、县长 `; other brackets (`乡（镇）长`) stay."""
    name, post = m.group(1), m.group(2)
    if post is not None and not ends_with_title(post):
        return m.group(0)
    return f"{name}  {post or ''} "


# a whole 5-6 character token is a name only if no body ends it (minority names: `孟克巴雅尔`)
BODY_ENDS = ("局", "委", "办", "室", "院", "府", "会", "队", "部", "中心", "镇", "乡", "街道", "苏木", "所", "站", "处", "厅")


def _long_name(tok: str) -> bool:
    return 5 <= len(tok) <= 6 and ONLY_HAN.match(tok) is not None and not ends_with_title(tok) \
        and not tok.endswith(BODY_ENDS) and tok[0] not in NOT_NAME_START


def _take_name(toks: list[str], i: int) -> tuple[str, int]:
    """Join single-character tokens of a spaced-out name (`张  三`) starting at toks[i]; a whole
    5-6 character token may be a minority name (`孟克巴雅尔`)."""
    if i < len(toks) and _long_name(toks[i]):
        return toks[i], i + 1
    name = ""
    while i < len(toks) and ONLY_HAN.match(toks[i]) and len(name) + len(toks[i]) <= 4 and not is_post_token(toks[i]):
        name += toks[i]
        i += 1
    return name, i


def _name_first(toks: list[str]) -> list[tuple[str, str]] | None:
    rows: list[tuple[str, str]] = []
    i, carried = 0, None
    while i < len(toks):
        if carried:
            name, carried = carried, None
        else:
            name, i = _take_name(toks, i)
            if not (is_name(name) or _long_name(name)):
                return None
        if i >= len(toks):
            return None
        post, carried = split_trailing_name(toks[i])
        i += 1
        if not is_post_token(post) and is_post_token(post[:-1]) and i < len(toks) and len(toks[i]) == 1 \
                and ONLY_HAN.match(post[-1]):
            # `市财政局局长郝  杰`: the first character of a spaced-out name glued to the post
            rest, i = _take_name(toks, i)
            post, carried = post[:-1], post[-1] + rest
            if not is_name(carried):
                return None
        if not is_post_token(post):
            return None
        rows.append((name, post))
    return rows if rows and not carried else None


def _post_first(toks: list[str]) -> list[tuple[str, str]] | None:
    """`县委副书记、县长  张  三` (county rosters often print the post before the name)."""
    rows: list[tuple[str, str]] = []
    i = 0
    while i < len(toks):
        post = toks[i]
        if not is_post_token(post):
            return None
        name, i = _take_name(toks, i + 1)
        if not is_name(name):
            return None
        rows.append((name, post))
    return rows or None


def parse_person_rows(text: str) -> list[tuple[str, str]] | None:
    """`薛  军    区政府办主任陈绍瑞    区政府办副主任` -> [(薛军, 区政府办主任), (陈绍瑞, 区政府办副主任)].

    None unless the whole text is name/post pairs (a name is 2-4 Han characters, possibly spaced).
    Remembered per text: the roster, duty and group readers ask about the same lines."""
    rows = _person_rows(text)
    return None if rows is None else list(rows)


@lru_cache(maxsize=1 << 14)
def _person_rows(text: str) -> tuple[tuple[str, str], ...] | None:
    # other printings of the same row: 张三（县委副书记、县长）, 张三，县委副书记、县长, 张三同志 …
    text = re.sub(rf"([{HAN}]{{2,4}}?)同志(?=\s)", r"\1", text)
    text = re.sub(rf"(?<![{HAN}])([{HAN}]{{2,4}}?)(?:同志)?\s*(?:[（(]([^）)]+)[）)]|[，,]\s*)", _bracketed_post, text)
    text = re.sub(r"(?<!\s)\s+[、，,；;]", "  ", text)  # `张三（…）、李四（…）`: the mark between two rows (a run of
    # spaces is tried from its start only: linear time)
    toks = text.split()
    rows = _name_first(toks) or _post_first(toks)
    return None if rows is None else tuple(rows)


# Where a post string opens right after a name printed with no separator (`王二小省人社厅副厅长`):
# a level (省/市/县/区) or a national body's short form (人行, 农行, 国网, 中国…).
POST_OPENINGS = ("人行", "农行", "工行", "建行", "中行", "国网", "中国", "国家", "中共", "共青团", "省", "市", "县", "区")
# a qualifier in brackets after the title (`（主持工作）`) stays with the post
_QUAL = re.compile(r"[（(][^（）()]{1,8}[）)]")


def split_name_post_run(text: str) -> list[tuple[str, str]] | None:
    """`杨某某省人社厅党组书记、厅长赵某某省人社厅一级巡视员` -> [(杨某某, 省人社厅党组书记、厅长),
    (赵某某, 省人社厅一级巡视员)]; None unless the whole run reads as name + post pairs.

    A name is 2-3 Han characters followed by a post opening; a post ends in a title (titles joined
    by 、 continue it) where the next name begins or the run ends."""
    text = squash(text)
    titles = tuple(titles_longest_first())
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        size = next((n for n in (2, 3) if text.startswith(POST_OPENINGS, i + n)), None)
        if size is None:
            return None
        name, start = text[i:i + size], i + size
        end = None
        for j in range(start + 2, min(len(text), start + 60) + 1):
            if not text[start:j].endswith(titles):
                continue
            k = j
            q = _QUAL.match(text, k)
            if q:
                k = q.end()
            if k == len(text) or (text[k] != "、" and any(text.startswith(POST_OPENINGS, k + n) for n in (2, 3))):
                end = k
                break
        if end is None or not is_name(name):
            return None
        out.append((name, text[start:end]))
        i = end
    return out if len(out) >= 1 else None


_NAME_UNIT = re.compile(rf"([{HAN}]{{2,4}})[（(]([^（）()]{{2,24}})[）)]")


def parse_name_unit_rows(text: str) -> list[tuple[str, str]] | None:
    """`李文钢` or `巫振江（市府办）、李大同（市财政局）`: names alone, or each with the unit it comes
    from in brackets (no title) -> [(name, unit or "")]; None unless the whole text is that."""
    t = squash(text).strip("。；;，,")
    if is_name(t):
        return [(t, "")]
    rows = [(m.group(1), m.group(2)) for m in _NAME_UNIT.finditer(t)]
    rest = _NAME_UNIT.sub("", t)
    if not rows or re.sub(r"[、，,；;]", "", rest) or not all(is_name(n) for n, _ in rows):
        return None
    return rows


# How a run of names printed with no mark between them splits, by its length: names of three
# characters first, then two (`李玉民张晓辉` -> 3+3, `郝赫王凯` -> 2+2, `高晓莉吕宁谷峪` -> 3+2+2).
RUN_SPLITS = {4: (2, 2), 5: (3, 2), 6: (3, 3), 7: (3, 2, 2)}
# words of a post or a unit, never of a run of names (`区政府分管住建` wraps a post string)
NOT_NAMES = re.compile(r"政府|分管|负责|办公|部门|单位|主要|同志|领导|[局委厅处科室]|^[省市县区各]")


def split_run_of_names(text: str, known: set[str] = frozenset()) -> list[str] | None:
    """Names run together in a roster row (a crawl lost the spaces), or None when the row is not
    that: a chunk that opens with a name printed alone elsewhere (`known`) is cut there first."""
    out: list[str] = []
    for chunk in text.split():
        chunk = chunk.strip("，,、；;。")
        while chunk:
            if is_name(chunk) and len(chunk) <= 3:
                out.append(chunk)
                break
            lead = next((k for k in sorted(known, key=len, reverse=True) if chunk.startswith(k) and k != chunk), None)
            if lead:
                out.append(lead)
                chunk = chunk[len(lead):]
                continue
            sizes = RUN_SPLITS.get(len(chunk))
            if not sizes or not re.fullmatch(rf"[{HAN}]+", chunk) or ends_with_title(chunk) or NOT_NAMES.search(chunk):
                return None
            parts, k = [], 0
            for n in sizes:
                parts.append(chunk[k:k + n])
                k += n
            if not all(is_name(p) for p in parts):
                return None
            out.extend(parts)
            break
    return out if len(out) >= 2 else None


# ---------------------------------------------------------------- list entries

@dataclass
class Entry:
    """One roster entry: a person, a post or a unit, in a role, with its source line."""

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
    guarded = re.sub(r"[（(][^（）()]*[）)]", lambda m: m.group(0).replace("、", "\0"), text)  # 各县（市、区）
    for part in split_enumeration(guarded):
        part = part.replace("\0", "、")
        if items and part in titles_longest_first():
            items[-1] += "、" + part
        else:
            items.append(part)
    return items


def _concurrent(post: str) -> bool:
    """A post held alongside a main one (`县委副书记、县长` is one person; `县委书记、县长` are two)."""
    return post.endswith(CONCURRENT_TITLES)


def _posts_to_holders(items: list[str], named: list[tuple[str, str | None]]
                      ) -> tuple[list[str], list[tuple[str, str | None]]]:
    """`县委副书记、县长张三` splits as [县委副书记, 县长张三]: posts before a named item are his."""
    out_items: list[str] = []
    out_named: list[tuple[str, str | None]] = []
    waiting: list[str] = []
    for it, (post, name) in zip(items, named):
        if name:
            out_items.append("、".join([*waiting, it]))
            out_named.append(("、".join([*waiting, post]), name))
            waiting = []
        else:
            waiting.append(it)
    for it in waiting:  # posts after the last name stand alone
        out_items.append(it)
        out_named.append((it, None))
    return out_items, out_named


def list_entries(role: str, text: str, line: int, complete: bool, one_holder: bool = False) -> list[Entry]:
    """A label's list: units (`…负责人`) become body members, otherwise each item is a post member
    (or a person, when the item ends in the holder's name). Under a one-person label (`one_holder`)
    the posts of an unnamed list describe that one holder."""
    gaps = [squash(g).strip("，,；;。") for g in re.split(r"\s{2,}", text.strip()) if squash(g).strip("，,；;。")]
    gaps = [g for g in gaps if not re.search(r"兼任|担任|设在", g)]  # `  同志兼任办公室主任`: the office's sentence
    if len(gaps) > 1 and not any(is_name(g) for g in gaps):
        # posts of people whose names were masked (`  省委组织部副部长  省政府副秘书长、办公厅党组成员`):
        # each gap opens one holder's post string
        return [Entry(role, clean_post(g)[0], line, "post") for g in gaps]
    text, _ = clean_post(text)
    items = split_items(text)
    if not items:
        return []
    # a unit list names bodies (its heads at most once, at the end); a post list ends every item in
    # a title, or in a title and the holder's name (`县政府副县长李四`)
    named = [split_trailing_name(it) for it in items]
    mode = "body" if any(not ends_with_title(it) and not n for it, (_, n) in zip(items[:-1], named)) else "post"
    if len(items) == 1 and not ends_with_title(items[0]) and not named[0][1] and role in ("成员单位", "牵头单位"):
        mode = "body"
    if len(items) == 1 and items[0].endswith(HEAD_WORDS) and not items[0].endswith(IN_CHARGE_HEADS) \
            and not is_collective(items[0]):
        mode = "body"  # one unit named by its head (`县司法局主要负责人`): the unit sits
    if mode == "post" and any(n for _, n in named):
        items, named = _posts_to_holders(items, named)
    elif mode == "post" and one_holder and len(items) > 1 and all(_concurrent(it) for it in items[:-1]):
        items, named = ["、".join(items)], [("、".join(items), None)]  # `组长：县委副书记、县长`
    if len(items) == 1 and items[0].endswith(IN_CHARGE_HEADS) and len(items[0]) > 6:
        # one unit's deputy in charge (`各乡镇分管负责同志`) is a post, printed as the member
        return [Entry(role, items[0], line, "post", collective=is_collective(items[0]))]
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
