"""Document metadata: one DocumentFact per document (title, date, issuer, addressees, kind).

PDF extraction scatters a document's furniture: the signature, the date and the addressee line can
come out before the body, after it, or in the middle. So nothing here relies on line order; each
field is read from the line *shape* that carries it (a line that is only a date, only a
government's name, a short enumeration ending in a colon), and order only breaks ties.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from govkg.loaders.docnumbers import embedded_numbers
from govkg.loaders.names import squash
from govkg.loaders.rosters.groups import main_group
from govkg.loaders.text import Document, Line
from govkg.ontology.facts import DocumentFact, FactBase
from govkg.ontology.vocabulary import body_suffixes_longest_first, level_prefixes

# --- dates -------------------------------------------------------------------------------------

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "Ｏ": 0, "o": 0, "0": 0, "一": 1, "二": 2, "三": 3,
              "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_YEAR = r"(?:19|20)\d{2}|[〇零○OＯ一二三四五六七八九]{4}"
_MD = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
DATE = re.compile(rf"({_YEAR})\s*年\s*({_MD})\s*月\s*({_MD})\s*日")
# A date standing alone at the end of a line (the signature date), possibly after the signer.
# Each way in is anchored where a whitespace run starts (never `\s{2,}\s*`), so search stays linear.
DATE_LINE = re.compile(rf"(?:^\s*|(?<!\s)\s{{2,}}|(?:政府|办公室|办公厅)\s*)({_YEAR})\s*年\s*({_MD})\s*月\s*({_MD})\s*日\s*$")


def _cn_number(text: str) -> int | None:
    """Arabic or Chinese numerals up to 31 (二十七, 十一, 三十), or a digit-by-digit year (二〇二四)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_CN_DIGITS.get(tens, 0) if tens else 1) * 10
        return value + (_CN_DIGITS.get(ones, 0) if ones else 0)
    if all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    return None


def parse_date(year: str, month: str, day: str) -> str | None:
    """Date parts as printed -> YYYY-MM-DD, or None when they do not make a calendar date."""
    y, m, d = _cn_number(year), _cn_number(month), _cn_number(day)
    if y is None or m is None or d is None or not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


@lru_cache(maxsize=1 << 14)
def line_date(text: str) -> str | None:
    """YYYY-MM-DD when the line ends in a stand-alone date (remembered: the issuer, the date and
    the signature searches each read every line's date)."""
    m = DATE_LINE.search(text.strip().translate(FULLWIDTH_DIGITS))
    return parse_date(*m.groups()) if m else None


def date_lines(doc: Document) -> list[tuple[int, str]]:
    """(line, YYYY-MM-DD) of every line that ends in a stand-alone date."""
    # (DATE_LINE ends in 日: a line that does not is let go on that look, without a call)
    return [(ln.number, date) for ln in doc.lines if ln.text.rstrip().endswith("日") and (date := line_date(ln.text))]


# --- signature (issuer) --------------------------------------------------------------------------

# A government or its office as a signature: a place name, then 人民政府 (办公室/办公厅).
GOVERNMENT = re.compile(r"^(?!.*人民政府.+人民政府)(?:[\u4e00-\u9fff]{1,8}?[省市州盟地])?[\u4e00-\u9fff]{1,8}?[省市县区旗]人民政府(?:办公室|办公厅)?$")
OFFICE_ENDINGS = ("办公室", "办公厅")


def _signature_pieces(ln: Line) -> list[str]:
    """A signature may share its line with body text or a co-signer, separated by wide spaces."""
    if "府" not in ln.text:
        return []  # (at C speed, no squashing) 人民政府 would need it: squashing only drops spaces
    whole = squash(ln.text)
    if "人民政府" not in whole:
        return []  # GOVERNMENT needs it, and every piece below is a part of `whole`
    if GOVERNMENT.match(whole):
        return [whole]  # also a name printed with spaces between its characters
    pieces = [squash(p) for p in re.split(r"\s{2,}|(?<=[。；])", ln.text.strip()) if p.strip()]
    return [p for p in pieces if GOVERNMENT.match(p)]


def signatures(doc: Document) -> list[tuple[int, str]]:
    """(line, signer as printed) for every line that is (or ends in) a government's signature."""
    out = []
    for ln in doc.lines[1:]:
        pieces = _signature_pieces(ln)
        if pieces:
            out.append((ln.number, pieces[0]))
    return out


# A department signing its own letter (a reply to a proposal, a county bureau's notice): a place,
# then a body name; only believed right beside the signature date.
DEPARTMENT = re.compile(r"^(?:中共)?(?:[\u4e00-\u9fff]{1,8}?[省市州盟])?[\u4e00-\u9fff]{1,8}?[省市县区旗]"
                        r"[\u4e00-\u9fff]{2,16}?(?:局|厅|委员会|委|办公室|中心|院|办事处|政府|公司|联合会|部)$")
DEPARTMENT_NEAR_DATE = 3  # source lines
PLACE_BEFORE_GOVERNMENT = re.compile(
    r"(?:^|(?<=[经由据按依报向在对和与及将请为是的，。、：；（“]))"
    r"(?P<place>(?:[\u4e00-\u9fff]{2,4}?[省市州])?(?:(?![经由据按依报向在对将请为是的])[\u4e00-\u9fff]){0,4}?"
    r"[县区旗市])人民政府")


def department_signature(doc: Document) -> tuple[int, str] | None:
    """(line, signer) of a non-government signature standing right above or below the date line."""
    dates = [d for d, _ in date_lines(doc)]
    for ln in doc.lines[1:]:
        name = squash(ln.text)
        if len(name) <= 24 and DEPARTMENT.match(name) and any(abs(ln.number - d) <= DEPARTMENT_NEAR_DATE for d in dates):
            return ln.number, name
    return None


def doc_type(number: str) -> str | None:
    """发 | 函 | 办发 | 办函 … read from the document number's prefix (离政办函〔2024〕15号 -> 办函)."""
    prefix = re.split(r"[〔\[［(（]", number)[0]
    m = re.search(r"政(办?[发函文令字])", prefix)
    if m:
        return m.group(1)
    return prefix[-1:] or None


def is_office_kind(number: str) -> bool:
    return "办" in (doc_type(number) or "")


# `山东省应急管理厅关于…的函`, `河北省人力资源和社会保障厅河北省财政厅…关于印发…的通知`: the issuers lead the title
TITLE_ISSUERS = re.compile(r"^(?P<who>[\u4e00-\u9fff“”]{4,80}?(?:厅|局|委员会|委|办公室|办公厅|人民政府|政府|小组|指挥部|中心))"
                           r"(?:等[\u4e00-\u9fff]{1,3}(?:个)?部门)?关于")
TITLE_LINES = 3


# `河北省工业和信息化厅政务公开工作实施方案`: a department's own plan, titled by the department
PLAN_OF_BODY = re.compile(r"^(?P<who>[\u4e00-\u9fff]{2,3}省[\u4e00-\u9fff]{2,14}?(?:厅|局|委员会))(?=[\u4e00-\u9fff]{2,40}"
                          r"(?:方案|计划|办法|规则|细则|预案)(?:[（(][^（）()]{1,12}[）)])?$)")


def issuer_in_title(doc: Document) -> tuple[int, str] | None:
    """(line, first issuer) named at the head of the title; a joint title names its lead issuer first."""
    if doc.titled:
        m = PLAN_OF_BODY.match(doc.number)
        if m:
            return doc.lines[0].number, m.group("who")
    for ln in doc.lines[:TITLE_LINES + 1]:
        m = TITLE_ISSUERS.match(squash(ln.text))
        if m:
            who = m.group("who")
            place = re.match(r"[\u4e00-\u9fff]{1,6}?[省市县区旗]", who)
            if place:  # the next issuer repeats the place: 河北省人社厅|河北省财政厅
                again = who.find(place.group(), len(place.group()) + 2)
                who = who[:again] if again > 0 else who
            return ln.number, who
    return None


_ISSUER_ENDS = r"(?:办公室|办公厅|委员会|人民政府|指挥部|领导小组|厅|局|委|部|中心|支行|分行)"
ISSUER_NAME = re.compile(rf"[\u4e00-\u9fff]{{3,30}}{_ISSUER_ENDS}")


def issuer_before_number(doc: Document) -> tuple[int, str] | None:
    """(line, issuer) from a header flattened onto the number's line: `X文件X发〔2021〕6号` or
    `山东省生态环境厅会签稿纸山东省生态环境委员会办公室鲁环委办便函〔2021)7号`.

    Joint issuers repeat their place; the first that reads as a whole body signs first. Without
    one, the body name that opens the header piece nearest the number.
    """
    if doc.titled or not doc.lines:
        return None
    head = squash(doc.lines[0].text)
    found = embedded_numbers(head)
    if not found or found[0].start < 4:
        return None
    pieces = bodies_run(re.sub(r"文件$", "", head[:found[0].start]))
    if not pieces:
        return None
    clean = [p for p in pieces if ISSUER_NAME.fullmatch(p)]
    if clean:
        return doc.lines[0].number, clean[0]
    m = ISSUER_NAME.match(pieces[-1])
    return (doc.lines[0].number, m.group()) if m else None


def bodies_run(text: str) -> list[str]:
    """Bodies printed one after another with no mark between them, each opening with the same
    place (`河北省人社厅中共河北省委组织部河北省财政厅` -> three); [] when the text opens with no place."""
    place = re.match(r"(?:中共)?([\u4e00-\u9fff]{1,6}?[省市县区旗])", text)
    if not place:
        return []
    starts = sorted({0, *(m.start() for m in re.finditer(rf"(?:中共)?{place.group(1)}", text))})
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)]) if text[a:b]]


def joint_signature(doc: Document) -> tuple[int, str] | None:
    """(line, first signer) of joint issuers signing as one run right above the date."""
    for i, ln in enumerate(doc.lines[1:], 1):
        if not line_date(ln.text):
            continue
        pieces = bodies_run(squash(doc.lines[i - 1].text))
        signers = [p for p in pieces if ISSUER_NAME.fullmatch(p)]
        if len(pieces) >= 2 and 2 * len(signers) >= len(pieces) and pieces[0] in signers:
            return doc.lines[i - 1].number, signers[0]
    return None


def find_issuer(doc: Document) -> tuple[int | None, str | None]:
    """The signing body: the signature matching the document's kind (office or government) first.

    Without a signature, the kind tells office or government and the place is the one the document
    names most often before 人民政府.
    """
    sigs = signatures(doc)
    office = is_office_kind(doc.number)
    dated = sorted(d for d, _ in date_lines(doc))

    def rank(sig: tuple[int, str]) -> tuple[bool, bool]:
        k = bisect_left(dated, sig[0] - 12)  # the first date line at most 12 lines above (bisection)
        near_date = k < len(dated) and dated[k] <= sig[0] + 12
        return (sig[1].endswith(OFFICE_ENDINGS) != office, not near_date)

    if sigs:
        return min(sigs, key=rank)  # min is stable: the earliest among equals
    department = department_signature(doc)
    if department:
        return department
    titled = issuer_in_title(doc) or issuer_before_number(doc) or joint_signature(doc)
    if titled:
        return titled
    places: Counter[str] = Counter()
    for ln in doc.lines[1:]:  # a place opens a cell or follows a preposition or a stop (经县人民政府研究…)
        for cell in re.split(r"\s{2,}", ln.text.strip()):
            for m in PLACE_BEFORE_GOVERNMENT.finditer(squash(cell)):
                places[m.group("place")] += 1
    if not places:
        return None, None
    named = [p for p, _ in places.most_common() if p not in level_prefixes()]
    place = named[0] if named else places.most_common(1)[0][0]
    return None, place + ("人民政府办公室" if office else "人民政府")


def find_date(doc: Document, near: int | None) -> tuple[int | None, str | None]:
    """The signature date: the stand-alone date line nearest the signature (the first one without)."""
    dates = date_lines(doc)
    if not dates:
        return None, None
    if near is None:
        return dates[0]
    return min(dates, key=lambda d: abs(d[0] - near))


# --- addressees ----------------------------------------------------------------------------------

SALUTATION = re.compile(r"^(?:尊敬的)?(.{1,30}?(?:委员|代表))$")
_NOT_ADDRESSEE = re.compile(r"如下|任命|免去|聘任|决定|具体|即$|包括|分别|为$|是$|附件|组长|成员|主任$|电话|邮箱|地址")
_ADDRESSEE_HEADS = ("单位", "部门", "企业", "公司", "站点", "机构", "委员", "代表") + tuple(body_suffixes_longest_first())


def _looks_like_addressee(piece: str) -> bool:
    piece = re.sub(r"（[^（）]*）$", "", piece)
    return piece.endswith(_ADDRESSEE_HEADS) or piece.startswith("各")


HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")


def _wraps_into_next(text: str) -> bool:
    """A line that is the first half of a wrapped addressee list: an enumeration cut mid-name."""
    return bool(re.search(r"[，、]", text)) and not HEADING.match(text) and \
        not re.search(r"[。；;：:！？）)\]]$", text)


def find_addressees(doc: Document, window: int = 40) -> tuple[int | None, list[str]]:
    """The addressee line (`各乡（镇）人民政府、街道办事处，区直各单位：`) or a reply's salutation.

    The line may wrap: lines before the colon line that end without punctuation are joined to it.
    Only the head of the document is searched; split on `，` so `A、B` stays one addressee.
    """
    lines = doc.lines[1:window]
    for i, ln in enumerate(lines):
        text = squash(ln.text)
        if not re.search(r"[：:]$", text):
            continue
        start = i
        while start > 0 and i - start < 3 and _wraps_into_next(squash(lines[start - 1].text)):
            start -= 1
        block = "".join(squash(x.text) for x in lines[start:i + 1])[:-1]
        if not block or len(block) > 80 or "。" in block or _NOT_ADDRESSEE.search(block):
            continue
        sal = SALUTATION.match(block)
        if sal and "，" not in block:
            return lines[start].number, [sal.group(1)]
        parts = [p for p in re.split(r"[，,]", block) if p]
        if parts and all(_looks_like_addressee(p) for p in parts):
            return lines[start].number, parts
    return None, []


# --- title ---------------------------------------------------------------------------------------

PROMULGATED = re.compile(r"《([^《》]{4,80})》(?:已经[^。《》]{0,60}?(?:同意|通过)[。，,]?)?(?:现予?)?印发")
TITLE_KINDS = r"(?:通知|批复|报告|意见|决定|通报|答复|函|请示|实施方案|工作方案|方案|办法|规定|预案)"
ABOUT_TITLE = re.compile(rf"(?<!《)(关于[^。；，,《》：:]{{2,80}}的{TITLE_KINDS})(?![^。；，,《》]*》)")
ESTABLISHED = re.compile(r"(?:现|决定)成立([^。，,：:；;《》]{4,60}?)(?:[。，,：:；;]|具体)")
# `现就进一步加强…有关事项通知如下`: the notice names its own subject
NOTIFIED = re.compile(r"现就(?P<x>[^。；，,：:]{4,60}?)(?:的)?(?P<about>有关(?:事项|问题|工作))?(?:通知|通报)如下")
# `…组成人员相应做了调整`, `现将调整后的…组成人员通知如下`
ADJUSTED = re.compile(r"(?:组成人员|组成成员|成员)[^。；]{0,8}(?:调整|变动)|(?:调整|变动)[^。；]{0,30}(?:组成人员|组成成员|成员名单)")
REQUEST = re.compile(r"《(?P<x>关于[^《》]{2,80}?)的请示》")
PLAN_MADE = re.compile(r"(?:特)?制定(?:本|此)(?P<kind>实施方案|工作方案|方案|办法|预案)")
REPLY_MARKERS = re.compile(r"您(?:所)?提出的|答复您是否满意|的(?:建议|提案)》?(?:（第\d+号）)?(?:已)?收悉")
# An appointment decision: a 任命/免去 header, or several `X同志任/为…` items.
APPOINT_HEADER = re.compile(r"(?:任命|免去|聘任|解聘)[:：]|决定任命|任免|免去[^，。；]{2,40}?职务")
APPOINT_ITEM = re.compile(r"同志(?:任|为|兼任|担任)[^；。，]{2,40}[；。]")
APPOINT_HEADER_WORDS = ("任命", "免去", "聘任", "解聘", "任免")  # every APPOINT_HEADER match holds one


def _has(text: str, *words: str) -> bool:
    return any(w in text for w in words)


def head_title(doc: Document) -> str | None:
    """A `关于…的通知` title printed at the head, possibly wrapped over lines and after the issuer."""
    head = ""
    for ln in doc.lines[1:12]:
        t = squash(ln.text)
        if re.search(r"[：:]$", t) or "。" in t:
            break
        head += t + "\n"
    for line_title in head.split("\n"):
        m = ABOUT_TITLE.search(line_title)
        if m:
            return m.group(1)
    m = ABOUT_TITLE.search(head.replace("\n", ""))
    return m.group(1) if m else None


def described_title(doc: Document, text: str) -> str | None:
    """What the document says it is, when it prints no title: a reply, an appointment notice,
    the founding or re-staffing of a group, an answer to a request, a notice on a subject."""
    if REPLY_MARKERS.search(text):
        return "提案答复" if re.search(r"的提案》?(?:[（(]第\d+号[）)])?(?:已)?收悉", text) else "建议答复"
    # each pattern below is tried only where a word it needs is printed (a cheap look, same result)
    if (_has(text, *APPOINT_HEADER_WORDS) and APPOINT_HEADER.search(text)) or len(APPOINT_ITEM.findall(text)) >= 2:
        return "任免通知"
    group = main_group(doc)
    m = ESTABLISHED.search(text) if "成立" in text else None
    if m:  # `决定成立以县长张三为组长…的X领导小组`: the group's name comes after the roles
        return f"关于成立{group[0] if m.group(1).startswith('以') and group else m.group(1)}的通知"
    if group and _has(text, "调整", "变动") and ADJUSTED.search(text):
        return f"关于调整{group[0]}组成人员的通知"
    m = REQUEST.search(text)
    if m and ("特此批复" in text or "批复如下" in text or "同意" in text):
        return f"{m.group('x')}的批复"
    m = NOTIFIED.search(text)
    if m:
        subject = re.sub(r"^(?:我[区县市]|全[区县市])?", "", m.group("x"))
        return f"关于{subject}{m.group('about') or ''}的通知"
    m = PLAN_MADE.search(text) if "制定" in text else None
    if m:
        return m.group("kind")
    return None


def find_title(doc: Document) -> str:
    """The printed title when there is one, else a short description of what the document is."""
    text = doc.joined().squashed
    m = PROMULGATED.search(text)
    if m:
        return m.group(1).strip()
    printed = head_title(doc)
    if printed:
        return printed
    described = described_title(doc, text)
    if described:
        return described
    for word, title in (("批复", "批复"), ("报告", "报告"), ("通知", "通知"), ("函", "函")):
        if f"特此{word}" in text or f"{word}如下" in text:
            return title
    return {"发": "通知", "函": "函", "办发": "通知", "办函": "函"}.get(doc_type(doc.number) or "", "文件")


def extract(doc: Document) -> list[FactBase]:
    """Exactly one DocumentFact for the document."""
    sig_line, issuer = find_issuer(doc)
    _, date = find_date(doc, sig_line)
    _, addressees = find_addressees(doc)
    return [DocumentFact(doc=doc.number, line=doc.start_line or 1, title=find_title(doc), date=date,
                         issuer=issuer, addressees=addressees, doc_type=None if doc.titled else doc_type(doc.number))]
