"""Reading names as printed: people, enumerations of bodies, and packed post strings.

These helpers only clean and split; mapping a body to its canonical name is loaders/resolve.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkg.loaders.memo import remembered_up_to
from govkg.ontology.vocabulary import body_suffixes_longest_first, level_prefixes, titles_longest_first, vocabulary

WHITESPACE = re.compile(r"\s+")
# A Chinese personal name: 2-4 Han characters (the PDF may put spaces inside: 李  鑫).
PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


@remembered_up_to(256, 1 << 16)  # longer texts (a whole document) are not kept
def squash(text: str) -> str:
    """Remove all white space (PDF text puts spaces inside names and words). A line-sized text is
    remembered: every extractor squashes the same lines again (the memo is the function itself:
    a wrapper around it was a Python call more on each of ~16k calls a gazette)."""
    return WHITESPACE.sub("", text)


def clean_person(text: str) -> str:
    return squash(text)


def looks_like_person(text: str) -> bool:
    name = squash(text)
    if not PERSON.match(name):
        return False
    return not any(name.endswith(s) for s in body_suffixes_longest_first() if len(s) >= 1 and s not in "乡镇") and \
        not any(name.endswith(t) for t in titles_longest_first())


def split_enumeration(text: str) -> list[str]:
    """`区发改局、区工科局，市生态环境局离石分局等` -> the names, trailing 等/等部门 removed."""
    parts = re.split(r"[、，,；;]|(?<=[局委办部社中心队段])和(?=[区县市])", squash(text))
    out = []
    for p in parts:
        p = re.sub(r"(等(有关|相关)?(部门|单位)?)$", "", p).strip("。：:")
        if p:
            out.append(p)
    return out


def is_collective(name: str) -> bool:
    """A collective phrase (各乡（镇）人民政府、区直相关部门, …成员单位) rather than one named body."""
    n = squash(name)
    return n.startswith(("各", "相关", "有关", "其他", "其它", "区直", "县直", "市直")) or n.endswith(
        ("成员单位", "牵头单位", "相关部门", "有关部门", "相关单位", "有关单位", "各部门", "各单位", "主管部门")) or "各级" in n \
        or bool(re.match(r"^(?:全?[省市县区乡镇]|[省市县区](?:域?内|辖区内?|直|级))各(?!界)", n))


@dataclass(frozen=True)
class Post:
    """One (body, title) read out of a post string; body may lack its level prefix as printed."""

    body: str
    title: str
    qualifier: str | None = None


PARTY_ORGAN = re.compile(r"(?<=.)(?:党组|党委|党工委|党总支|党支部)$")
SUB_UNIT_HEADS = ("支队", "大队", "中队", "派出所", "分局", "科", "股")
TOWNSHIP_HEAD_TITLES = ("乡长", "副乡长", "镇长", "副镇长")
_QUALIFIER = re.compile(r"[（(]([^）)]*)[）)]")


def _level_of_title(title: str) -> str | None:
    for lvl in level_prefixes():
        if title.endswith(lvl + "长"):
            return lvl
    return None


def _split_run_together(text: str) -> str:
    """`省政府信息化工作办公室主任省信息产业厅厅长` -> `…主任、省信息产业厅厅长`: a title, then a level opening
    the next post, with no mark between them."""
    titles = tuple(titles_longest_first())
    out, last = [], 0
    for m in re.finditer(r"(?<=[\u4e00-\u9fff])(?=[省市县区][\u4e00-\u9fff]{2})", text):
        if m.start() - last >= 3 and text[last:m.start()].endswith(titles):
            out.append(text[last:m.start()])
            last = m.start()
    return "、".join([*out, text[last:]]) if out else text


def split_post_string(text: str) -> list[Post]:
    """`区委常委、区政府副区长、宣传部长` -> (区委, 常委), (区政府, 副区长), (宣传部, 部长).

    A piece with no body of its own (`区长` after `区委副书记、`) takes the government of the
    title's level, or else the previous piece's body; `政府区长` gets its level from the title.
    A post string is read once (remembered): rosters, appointments and their checks of who is a
    leader ask about the same strings, and a Post is frozen, so the readings are safely shared.
    """
    return list(_posts_of(text))


@remembered_up_to(256, 1 << 13)
def _posts_of(text: str) -> tuple[Post, ...]:
    return tuple(_split_post_string(text))


def _split_post_string(text: str) -> list[Post]:
    text = squash(text)
    qualifiers = [q for q in _QUALIFIER.findall(text)]
    text = _QUALIFIER.sub("", text)
    posts: list[Post] = []
    previous_body = ""
    # two posts printed with no mark between them: `省政府信息化工作办公室主任省信息产业厅厅长`
    text = _split_run_together(text)
    for piece in re.split(r"[、，,；;]|兼任?", text):
        if not piece:
            continue
        title = next((t for t in titles_longest_first() if piece.endswith(t)), None)
        if title is None:
            continue
        body = piece[: -len(title)]
        for rank in ("常务", "专职", "第一"):  # 省公安厅常务副厅长: 常务 belongs to the title
            if body.endswith(rank) and len(body) > len(rank) + 1:
                body, title = body[: -len(rank)], rank + title
        if body and not body.endswith(tuple(body_suffixes_longest_first())) and title[0] in "部局院所站社队委":
            body += title[0]  # 宣传部长 = 宣传部 + 部长
        level = _level_of_title(title)
        if not body:
            # 县住建局党组书记、局长: the 局长 is of the bureau, not of its party group
            body = f"{level}政府" if level else PARTY_ORGAN.sub("", previous_body)
        elif body == "政府" and level:
            body = f"{level}政府"
        if previous_body.endswith("局") and body.endswith(SUB_UNIT_HEADS) and body[0] not in level_prefixes():
            body = previous_body + body  # 市公安局副局长、交警支队支队长: the 支队 of that 局
        township = re.match(r"^(.+[乡镇])(?:党委|党委会|政府|人民政府)?$", body)
        if title in TOWNSHIP_HEAD_TITLES and township:
            body = township.group(1) + "人民政府"  # a 镇长 heads the township's government
        if not body:
            continue
        qualifier = "；".join(q for q in qualifiers if q in vocabulary()["title_qualifiers"] or "主持" in q) or None
        posts.append(Post(body, title, qualifier))
        previous_body = body
    return posts
