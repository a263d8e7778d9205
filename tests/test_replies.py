"""Replies to proposals read from real gazette snippets (tests/fixtures)."""

from pathlib import Path

from govkg.loaders import replies
from govkg.loaders.text import clean_lines, split_documents
from tests.conftest import doc_of

FIXTURES = Path(__file__).parent / "fixtures"


def reply_of(name: str):
    facts = replies.extract(doc_of(name))
    assert len(facts) == 1, f"expected one reply, got {facts}"
    return facts[0]


def test_proposal_title_without_book_marks_across_lines():
    r = reply_of("replies-lzbh-2024-15.txt")
    assert r.proposal == "关于市县联动加大307国道吕梁段沿线环境综合整治力度的建议", f"got {r.proposal}"


def test_reply_line_is_the_proposal_sentence():
    r = reply_of("replies-lzbh-2024-15.txt")
    assert r.line == 39, f"expected the line of 您提出的《… (fixture line 39), got {r.line}"


def test_salutation_after_proposal_sentence():
    r = reply_of("replies-lzbh-2024-16.txt")
    assert (r.proposer, r.proposer_role) == ("郭建峰", "委员"), f"got {r.proposer} {r.proposer_role}"


def test_honorific_salutation():
    r = reply_of("replies-lzbh-2024-19.txt")
    assert (r.proposer, r.proposer_role) == ("薛恩才", "委员"), f"expected 尊敬的 stripped, got {r.proposer}"


def test_two_deputies_joined():
    r = reply_of("replies-lzbh-2024-22.txt")
    assert (r.proposer, r.proposer_role) == ("王泽峰、任玉梅", "代表"), f"got {r.proposer} {r.proposer_role}"


def test_body_as_proposer():
    r = reply_of("replies-lzbh-2024-21.txt")
    assert (r.proposer, r.proposer_role) == ("民建吕梁市委会", "body"), f"got {r.proposer} {r.proposer_role}"


def test_signature_block_fields():
    r = reply_of("replies-lzbh-2024-16.txt")
    assert (r.responder, r.handler, r.head, r.date) == (
        "吕梁市离石区人民政府办公室", "高宏伟", "吕晓全", "2024-07-17"), f"got {r}"


def test_approval_letter_is_not_a_reply():
    assert replies.extract(doc_of("replies-lzbh-2024-29.txt")) == [], "a 批复 answers a 请示, not a proposal"


def test_bare_proposal_title_with_number():
    doc = split_documents(clean_lines(
        "县政办函〔2023〕9号\n张明代表：\n您提出的关于加强农村道路养护的建议（第12号）收悉，现答复如下：\n某某县人民政府办公室\n"))[0]
    r = replies.extract(doc)
    assert [(x.proposer, x.proposal) for x in r] == [("张明", "关于加强农村道路养护的建议")], f"got {r}"


def test_county_cppcc_proposal_reply():
    r = reply_of("replies-county-tian.txt")
    assert (r.proposer, r.proposer_role, r.proposal) == ("王某某", "委员", "关于加快发展县域特色农产品加工业的提案"), \
        f"expected the 提案 of 王某某委员 read from `您在…会议上提出的《…》（第45号）收悉`, got {r}"


def test_contact_person_is_the_handler_without_chengbanren():
    r = reply_of("replies-county-tian.txt")
    assert r.handler == "赵晓燕", f"expected （联系人：赵晓燕，…） as handler, got {r.handler}"


def test_department_signs_its_own_reply():
    r = reply_of("replies-county-department.txt")
    assert (r.responder, r.date) == ("清河县农业农村局", "2024-06-20"), f"expected the bureau's signature, got {r}"


def test_signer_and_clerk_fields_on_one_line():
    r = reply_of("replies-county-department.txt")
    assert (r.head, r.handler) == ("孙建民", "李霞"), f"expected 签发人/经办人 read apart, got {r.head} {r.handler}"


def test_several_deputies_with_count():
    r = reply_of("replies-county-department.txt")
    assert (r.proposer, r.proposer_role) == ("刘建华、张敏", "代表"), f"expected `刘建华、张  敏等3位代表`, got {r}"


def test_proposal_quoted_without_tichu_de():
    r = reply_of("replies-county-body.txt")
    assert (r.proposal, r.proposer_role) == ("关于加强县域物流体系建设的提案", "body"), \
        f"expected `第45号提案《关于…的提案》收悉` addressed to a body, got {r}"


def test_proposal_number_with_kind_in_brackets():
    r = reply_of("replies-city-numbered-tian.txt")
    assert (r.proposer, r.proposal) == ("王立平", "关于加强城区背街小巷环境整治的提案"), \
        f"expected the proposal acknowledged with （第88号提案）收悉, got {r.proposer} {r.proposal}"
