"""Replies to deputies' and committee members' proposals (建议/提案答复).

A reply letter names the proposal (`您提出的《关于…的建议》已收悉` or `关于…的建议（第N号）收悉`), greets
the proposer (`任静委员：`, `尊敬的薛恩才委员：`, `王泽峰、任玉梅代表：`, or a body such as a party
committee), and closes with the signing office, the date and 承办人/负责人. PDF extraction prints
these pieces in any order, so each is found by its own shape, anywhere in the document.
"""

from __future__ import annotations

import re

from govkg.loaders.metadata import find_date, find_issuer
from govkg.loaders.names import looks_like_person, squash
from govkg.loaders.text import Document
from govkg.ontology.facts import FactBase, ReplyFact
from govkg.ontology.vocabulary import body_suffixes_longest_first

PROPOSAL_KINDS = r"(?:建议|提案|意见|议案)"
# `您提出的《关于…的建议》已收悉`, `你们提出的…`, `贵单位提出的…`
# `（第12号）`, `（第123号提案）`, `第5号建议`
NUMBER = rf"(?:[（(]?第\d+号{PROPOSAL_KINDS}?[）)]?)?"
PROPOSAL_QUOTED = re.compile(
    rf"(?:提出|提交|所提|领衔提出)的{NUMBER}(?:{PROPOSAL_KINDS})?《(?P<title>[^《》]{{4,120}}?)》{NUMBER}"
    rf"(?:{PROPOSAL_KINDS})?{NUMBER}(?:已)?收悉")
# `关于…的建议（第12号）收悉` without book-title marks
PROPOSAL_BARE = re.compile(rf"《?(?P<title>关于[^。；《》：:]{{2,120}}?的{PROPOSAL_KINDS})》?{NUMBER}(?:已)?收悉")
SALUTATION = re.compile(r"^(?:尊敬的)?(?P<who>[^，。；：:]{2,40}?)(?P<role>委员|代表)?[：:]$")
PERSON_ROLE = re.compile(
    r"^(?P<names>[\u4e00-\u9fff]{2,4}?(?:、[\u4e00-\u9fff]{2,4}?)*)(?:等[\d一二三四五六七八九十]+[位名])?(?P<role>委员|代表)$")
# a name after the colon, its characters maybe spaced (`李  霞`), but not across a wide gap to the next field
# (`刘某某  联系电话：…`)
SIGNED_FIELD = r"[：:]\s*(?P<name>[\u4e00-\u9fff](?:\s{0,4}(?!联系|电话|手机|邮箱)[\u4e00-\u9fff]){1,3})"
HANDLER = re.compile(r"承\s*办\s*人" + SIGNED_FIELD)
HEAD = re.compile(r"负\s*责\s*人" + SIGNED_FIELD)
# letters without a 承办人/负责人 block name the one who wrote them and the one who signed
HANDLER_OTHERWISE = re.compile(r"(?:经\s*办\s*人|联\s*系\s*人)" + SIGNED_FIELD)
HEAD_OTHERWISE = re.compile(r"(?:签\s*发\s*人|领导署名)" + SIGNED_FIELD)
NOT_A_PROPOSER = re.compile(r"如下|附件|电话|地址|邮箱|承办|负责人|具体|包括|^[一二三四五六七八九十]+、|^[（(]")


def find_proposal(doc: Document) -> tuple[int, str] | None:
    """(line, proposal title without 《》) of the acknowledgement sentence, if any.

    Searched on the document's lines joined and squashed (the sentence wraps, and PDF text may
    space out characters), remembering each character's source line.
    """
    if "悉" not in doc.joined().text:
        return None  # both patterns end in 收悉 (spaces aside): no 悉, no acknowledgement
    parts, owners = [], []
    for ln in doc.lines[1:]:
        s = squash(ln.text)
        parts.append(s)
        owners += [ln.number] * len(s)
    text = "".join(parts)  # joined once: adding line by line copies the text so far each time
    for pattern in (PROPOSAL_QUOTED, PROPOSAL_BARE):
        m = pattern.search(text)
        if m:
            return owners[m.start("title")], m.group("title")
    return None


def find_proposer(doc: Document) -> tuple[str, str] | None:
    """(proposer, role) from the salutation: persons joined by 、 with 委员/代表, or else a body."""
    body: tuple[str, str] | None = None
    for ln in doc.lines[1:]:
        text = squash(ln.text)
        m = SALUTATION.match(text)
        if not m or NOT_A_PROPOSER.search(text):
            continue
        who = m.group("who") + (m.group("role") or "")
        person = PERSON_ROLE.match(who)
        if person and all(looks_like_person(n) for n in person.group("names").split("、")):
            return person.group("names"), person.group("role")
        if body is None and m.group("role") is None and who.endswith(tuple(body_suffixes_longest_first())) \
                and not who.startswith("各"):
            body = (who, "body")
    return body


def _signed(pattern: re.Pattern[str], doc: Document) -> str | None:
    for ln in doc.lines:
        m = pattern.search(ln.text)
        if m:
            return squash(m.group("name"))
    return None


def extract(doc: Document) -> list[FactBase]:
    """One ReplyFact when the document acknowledges a proposal and greets its proposer."""
    proposal = find_proposal(doc)
    proposer = find_proposer(doc) if proposal else None
    if not proposal or not proposer:
        return []
    sig_line, responder = find_issuer(doc)
    _, date = find_date(doc, sig_line)
    line, title = proposal
    return [ReplyFact(doc=doc.number, line=line, proposer=proposer[0], proposer_role=proposer[1],
                      proposal=title, responder=responder,
                      handler=_signed(HANDLER, doc) or _signed(HANDLER_OTHERWISE, doc),
                      head=_signed(HEAD, doc) or _signed(HEAD_OTHERWISE, doc), date=date)]
