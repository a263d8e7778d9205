"""Text shapes other than the gazette's: half-width punctuation and lines flattened by crawls or OCR.

Crawled and OCR'd documents print `:` `,` `;` `( )` where gazettes print `：` `，` `；` `（ ）`, and
often put a whole paragraph, or a whole document, on one line. The extractors read gazette-shaped
text: short lines that start at numbering (`一、` `（一）` `1.`), at roster roles (`组长：`), at
signatures and dates. So a flattened line is cut back into such pieces here, once, for every
extractor; the pieces keep their source line number, so provenance still points at the file.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from govkg.loaders.tables import derived

# A line longer than this is a paragraph or a whole flattened document, not a printed line.
FLATTENED = 100

_CJK = r"\u4e00-\u9fff"
_HALF = {":": "：", ",": "，", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
# half-width punctuation with a Chinese character on either side (not `11:00`, `1,000`, `f(x)`)
_HALF_ANY = re.compile("[" + re.escape("".join(_HALF)) + "]")
_HALF_NEAR_CJK = re.compile(rf"(?<=[{_CJK}》”）])[:,;()?!]|[:,;()?!](?=[{_CJK}《“（])")

# a signature's date, and the last character of the signer printed right before it (…厅, …局, …分行)
_DATE = r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日"
_SIGNER_END = "[厅局委办府室部会院心司组行]"
_ROLE_WORDS = ("总召集人|副召集人|召集人|第一副组长|常务副组长|执行副组长|执行组长|副组长|组长|组员|成员单位|成员"
               "|总指挥|副总指挥|指挥长|副指挥长|副主任|主任|委员|秘书长|联系人|联系电话")
# Where a new printed line starts inside a flattened one. Every quantifier is bounded.
_BREAK_BEFORE = re.compile(
    rf"(?P<section>(?:(?<=[。；：！？）”\s])|(?<=方案|计划|意见|办法|细则|预案|规则|要点))[一二三四五六七八九十]{{1,3}}、)"
    rf"|(?P<item>(?<!第)[（(](?:[一二三四五六七八九十]{{1,3}}|\d{{1,2}})[）)](?=[{_CJK}“《]))"
    rf"|(?P<number>(?<![\d.．第])\d{{1,2}}[.．](?=[{_CJK}“《]))"
    rf"|(?P<listed>(?<=[。；：！？）”\s])\d{{1,2}}、(?=[{_CJK}“《]))"
    rf"|(?P<role>(?:办公室)?(?:{_ROLE_WORDS})(?<![组部会各]成员单位)(?<![组部会各]成员)[：:])"
    rf"|(?P<office>[^，。；：）)\s]{{0,30}}?(?:领导小组|专项小组|协调小组|工作小组|小组|指挥部|委员会|专班|联席会议)?"
    rf"办公室(?:设在|设于|职能由|日常工作由))"
    rf"|(?P<annex>附件\s{{0,2}}\d{{0,2}}[：:.．]?(?=[{_CJK}]))"
    rf"|(?P<date>(?<={_SIGNER_END}){_DATE})"
)
_BREAK_AFTER = re.compile(r"[。；](?![”）)])")
_PUBLICITY = re.compile(r"[（(]此件[^（）()]{1,10}[）)]")
# An addressee list ends in a colon: `各市人民政府，省政府各部门：`
_ADDRESSEE_END = re.compile(r"(?:部门|单位|政府|局|厅|委|办|公司|院|会|中心|室|区|县|市)$")


# `BODY：负责…` inside a flattened duty list; the body opens with a level (省/市/县/区) or 中共
_DUTY_VERB = re.compile(r"主要负责|负责|承担|牵头|协调|配合|组织|指导|参与|会同|做好|按照|根据|加强")
_DUTY_COLON = re.compile(rf"(?:[（(][^（）()]{{1,12}}[）)])?[：:](?={_DUTY_VERB.pattern})")
_LEVELS = "省市县区"
_DATE_THEN_TEXT = re.compile(rf"^(\s*{_DATE})([{_CJK}].*)$")
_SIGNED_DATE = re.compile(rf"(?<={_SIGNER_END}){_DATE}(?=[{_CJK}《“])")
_NUMBER_MARK = re.compile(r"[（(]?(?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)、.．]")
# how the previous item's duty ends, when its stop is lost (`…遗体处置工作` + `省财政厅：`); a place
# before a body's name (`武警山东` + `省总队`) ends in no such word
_SENTENCE_TAIL = re.compile(r"(?:工作|任务|事项|职责|保障|管理|服务|建设|处置|机制|措施|问题|活动|情况|宣传|监测|调查|救援)$")
ITEM_LOOKBACK = 16
MIN_ITEM_TAIL = 4  # the previous item's lost tail is a few words at least
ADDRESSEE_HEAD = 400  # an addressee line opens a document: a colon this early ends it


def _item_start(text: str, colon: int, cuts: set[int]) -> int | None:
    """Where the body naming a duty item starts when no stop or cut comes right before it: at the
    last level character after the previous item (`…预防工作省公安厅` -> `省公安厅`)."""
    lo = colon - ITEM_LOOKBACK
    stop = max((m.end() for m in re.finditer(r"[。；：:，,！？\s]", text[max(lo, 0):colon])), default=0)
    lo = max(lo, 0) + stop
    if any(lo < c <= colon for c in cuts) or _NUMBER_MARK.match(text, lo):
        return None  # the item has a start of its own (`（二十七）国网山东省电力公司：`)
    window = text[lo:colon]
    for i in range(len(window) - 3, MIN_ITEM_TAIL - 1, -1):
        if window[i] in _LEVELS and window[i - 1] not in _LEVELS and _SENTENCE_TAIL.search(window[:i]):
            return lo + i
    return None


# a numbering mark in brackets of either width, as OCR mixes them: (1） (一) （2)
_BRACKETED_NUMBER = re.compile(r"[(（]((?:\d{1,2}|[一二三四五六七八九十]{1,3}))[)）]")


# A text printed in traditional characters (a Hong Kong or Taiwan source, an old scan) is read in
# simplified ones, so its bodies and titles meet the vocabulary and the other documents' names.
TRADITIONAL_TABLE = Path(__file__).with_name("data") / "traditional_to_simplified.tsv"
TRADITIONAL_SHARE = 0.02  # of the Chinese characters, before a text counts as traditional
TRADITIONAL_MIN = 5


def read_traditional_table(text: str) -> dict[int, str]:
    """The TSV's traditional -> simplified rows as a str.translate table."""
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            table[ord(trad)] = simp
    return table


@lru_cache(maxsize=1)
def _traditional() -> dict[int, str]:
    return derived("traditional-to-simplified", TRADITIONAL_TABLE, read_traditional_table)  # kept by make setup


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """The table's traditional characters that simplified() counts (those in the main CJK block)."""
    return frozenset(ch for ch in map(chr, _traditional()) if "\u4e00" <= ch <= "\u9fff")


@lru_cache(maxsize=1)
def _traditional_char() -> re.Pattern[str]:
    return re.compile(f"[{''.join(sorted(_traditional_chars()))}]")


def traditional_up_to(text: str, most: int) -> int:
    """How many traditional characters the text prints, counted up to `most`: a simplified text
    has too few, and the search stops at the `most`-th (at C speed; walking every character of a
    whole gazette was ~3 ms of each)."""
    seen = 0
    for _ in _traditional_char().finditer(text):
        seen += 1
        if seen >= most:
            break
    return seen


def simplified(text: str) -> str:
    """The text in simplified characters when it is printed in traditional ones, else unchanged
    (a simplified text keeps the odd character that is also a traditional form)."""
    # the traditional characters printed, counted first: a simplified text has too few to count
    # its Chinese characters
    if traditional_up_to(text, TRADITIONAL_MIN) < TRADITIONAL_MIN:
        return text
    table = _traditional()
    cjk = traditional = 0
    for ch, n in Counter(text).items():  # each distinct character once (counted at C speed), not each printed one
        if "\u4e00" <= ch <= "\u9fff":
            cjk += n
            traditional += n if ord(ch) in table else 0
    if traditional < TRADITIONAL_MIN or traditional < TRADITIONAL_SHARE * cjk:
        return text
    return text.translate(table)


# A name masked by a dataset's authors (`组长：XXX副省长`): no person, only the post is printed.
# (`XX市水务集团` masks a place, not a person: two X before a place word stay; `XXX省委办公厅…` is a person.)
_MASKED_NAME = re.compile(rf"(?<![A-Za-z0-9@.])(?:[XＸ×＊*]{{3,4}}|(?:[XＸ×＊*]{{2}}|x{{2,3}})(?![省市县区州盟旗镇乡村街]))(?=[{_CJK}（(，,、；;。\s]|$)")


_MASK_MARK = re.compile("[XxＸ×＊*]")


def unmask(text: str) -> str:
    """A masked name becomes a column gap, so the post after it stands alone (`组长：  副省长`)."""
    return _MASKED_NAME.sub("  ", text) if _MASK_MARK.search(text) else text


def fullwidth_punctuation(text: str) -> str:
    """`组长:李文钢` -> `组长：李文钢`, `(1）` -> `（1）`; numbers, times and Latin text keep theirs."""
    text = text.replace("﹒", "．")  # the small full stop some typesetters put after a number (1﹒)
    if not _HALF_ANY.search(text):
        return text
    text = _BRACKETED_NUMBER.sub(r"（\1）", text)
    return _HALF_NEAR_CJK.sub(lambda m: _HALF[m.group()], text)


def _outside_brackets(text: str) -> list[bool]:
    """For each offset: is it outside every （…） / 《…》? A role word inside `（责任单位：…）` is no break."""
    depth, out = 0, []
    for ch in text:
        if ch in "（(《":
            depth += 1
        out.append(depth == 0)
        if ch in "）)》" and depth:
            depth -= 1
    return out


def unflatten(text: str) -> list[str]:
    """A long line cut into the printed lines it flattened; a short line unchanged."""
    if len(text) <= FLATTENED:
        dated = _DATE_THEN_TEXT.match(text)  # `2021年9月16日河北省…工作方案`: the date, then the next title
        return [dated.group(1), dated.group(2)] if dated else [text]
    outside = _outside_brackets(text)
    cuts = {0, len(text)}
    for m in _BREAK_BEFORE.finditer(text):
        if outside[m.start()] or m.lastgroup == "item":
            cuts.add(m.start())
    for m in _BREAK_AFTER.finditer(text):
        if outside[m.start()]:
            cuts.add(m.end())
    for m in _PUBLICITY.finditer(text):  # `2024年6月18日（此件主动公开）` then the plan's title
        cuts.update((m.start(), m.end()))
    for m in _DUTY_COLON.finditer(text):  # `…工作省财政厅：负责…`: an item whose stop the crawl lost
        start = _item_start(text, m.start(), cuts)
        if start is not None and outside[m.end() - 1]:
            cuts.add(start)
    for m in _SIGNED_DATE.finditer(text):  # the signature's date, then the next part's text
        cuts.add(m.end())
    for m in re.finditer("[：:]", text):
        if outside[m.start()] and _ADDRESSEE_END.search(text[max(0, m.start() - 4):m.start()]) \
                and text[m.start() - 1:m.start()] not in ("长", "员", "人"):
            opened = max((c for c in cuts if c <= m.start()), default=0)
            piece = text[opened:m.start()]
            if _DUTY_VERB.match(text, m.end()):
                continue  # `省财政厅：负责…` opens a duty item, not an addressee line
            if m.start() < ADDRESSEE_HEAD or piece.startswith("各") or re.search("[，、,]", piece):
                cuts.add(m.end())
    points = sorted(cuts)
    pieces = [text[a:b] for a, b in zip(points, points[1:])]
    return [p for p in pieces if p.strip()] or [text]
