"""Document metadata read from real gazette snippets (tests/fixtures, copied from the sample gazette)."""

from pathlib import Path

from govkg.loaders import metadata
from govkg.loaders.text import Document, clean_lines, split_documents
from tests.conftest import doc_of

FIXTURES = Path(__file__).parent / "fixtures"


def doc_from(text: str) -> Document:
    return split_documents(clean_lines(text))[0]


def fact_of(name: str):
    facts = metadata.extract(doc_of(name))
    assert len(facts) == 1, f"expected exactly one DocumentFact, got {facts}"
    return facts[0]


def test_one_fact_with_doc_number_line():
    f = fact_of("appointments-lzf-2024-26.txt")
    assert (f.doc, f.line) == ("离政发〔2024〕26号", 1), f"expected the doc-number line, got {f.doc} {f.line}"


def test_date_from_signature_line():
    assert fact_of("appointments-lzf-2024-26.txt").date == "2024-07-02", "expected the signature date 2024年7月2日"


def test_date_in_chinese_numerals_is_read():
    doc = doc_from("县政发〔2023〕5号\n特此通知\n某某县人民政府\n二〇二三年十一月二十日\n")
    assert metadata.extract(doc)[0].date == "2023-11-20", "expected 二〇二三年十一月二十日 -> 2023-11-20"


def test_date_inside_body_text_is_not_the_signature_date():
    f = fact_of("metadata-lzf-2024-29.txt")  # body mentions 2024年6月; signature date 2024年7月30日
    assert f.date == "2024-07-30", f"expected the stand-alone date line, got {f.date}"


def test_issuer_is_the_government_signature():
    assert fact_of("appointments-lzf-2024-31.txt").issuer == "吕梁市离石区人民政府", "expected the signer as printed"


def test_joint_signature_takes_the_first_signer():
    f = fact_of("metadata-lzf-2024-29.txt")
    assert f.issuer == "吕梁市离石区人民政府", f"expected the first of two signers on one line, got {f.issuer}"


def test_office_signature_glued_to_body_text():
    f = fact_of("metadata-lzbf-2024-21.txt")  # `除。  吕梁市离石区人民政府办公室`
    assert f.issuer == "吕梁市离石区人民政府办公室", f"expected the office signer after the body text, got {f.issuer}"


def test_issuer_inferred_from_kind_without_signature():
    doc = doc_from("县政办发〔2023〕7号\n经某某县人民政府同意，现将《某某县防汛应急预案》印发给你们。\n2023年5月1日\n")
    assert metadata.extract(doc)[0].issuer == "某某县人民政府办公室", "expected 办发 -> the government's office"


def test_doc_type_from_number():
    assert metadata.doc_type("离政办函〔2024〕15号") == "办函", "expected 办函"
    assert metadata.doc_type("离政发〔2024〕26号") == "发", "expected 发"


def test_title_from_promulgation_sentence_without_book_marks():
    f = fact_of("metadata-lzf-2024-30-head.txt")
    assert f.title == "吕梁市离石区落实〈空气质量持续改善行动计划〉实施方案", f"got {f.title}"


def test_title_of_appointment_notice_is_described():
    assert fact_of("appointments-lzf-2024-31.txt").title == "任免通知", "expected 任免通知 for an appointment notice"


def test_title_of_reply_letter_is_described():
    assert fact_of("replies-lzbh-2024-16.txt").title == "建议答复", "expected 建议答复 for a reply to a proposal"


def test_title_of_approval_is_named_after_the_request():
    title = fact_of("metadata-lzh-2024-10.txt").title  # 你局《关于对…进行挂牌督办的请示》已收悉 … 特此批复
    assert title.startswith("关于对") and title.endswith("挂牌督办的批复"), f"expected 关于…的批复 from the 请示, got {title}"


def test_addressees_split_on_comma_only():
    f = fact_of("appointments-lzf-2024-26.txt")
    assert f.addressees == ["各乡（镇）人民政府、街道办事处", "区直各单位"], f"got {f.addressees}"


def test_addressee_line_wrapped_over_three_lines():
    f = fact_of("metadata-lzbf-2024-21.txt")
    assert f.addressees == ["各乡（镇）人民政府、街道办事处", "区直各有关单位", "各废品收购企业（站点）"], f"got {f.addressees}"


def test_addressee_is_reply_salutation():
    f = fact_of("replies-lzbh-2024-19.txt")  # 尊敬的薛恩才委员：
    assert f.addressees == ["薛恩才委员"], f"expected the salutation without 尊敬的, got {f.addressees}"


def test_addressee_printed_after_signature_lines():
    f = fact_of("metadata-lzh-2024-10.txt")
    assert f.addressees == ["吕梁市离石区应急管理局"], f"expected the addressee, not the signer, got {f.addressees}"


def test_title_wrapped_over_two_lines_after_the_issuer():
    f = fact_of("metadata-county-title-wrapped.txt")
    assert f.title == "关于进一步加强农村集体资产管理工作的通知", f"expected the head title joined, not the 《…》 it cites, got {f.title}"


def test_title_of_notice_named_by_xianjiu_sentence():
    f = fact_of("metadata-lzbf-2024-21.txt")  # 现就进一步加强全区废品收购站经营管理有关事项通知如下
    assert f.title.startswith("关于进一步加强") and f.title.endswith("有关事项的通知"), f"got {f.title}"


def test_title_of_roster_adjustment():
    f = fact_of("rosters-lzbh-2024-30.txt")  # …领导组组成人员相应做了调整
    assert f.title.startswith("关于调整") and f.title.endswith("领导组组成人员的通知"), f"got {f.title}"


def test_title_of_county_proposal_reply_is_printed():
    f = fact_of("replies-county-tian.txt")
    assert f.title == "关于县政协十届三次会议第45号提案的答复", f"expected the printed 答复 title, got {f.title}"


def test_city_appointment_notice_metadata():
    f = fact_of("appointments-city-headers.txt")
    assert (f.issuer, f.date, f.addressees) == ("晋中市人民政府", "2024-06-03",
                                                ["各县（市、区）人民政府", "市人民政府各委、办、局"]), f"got {f}"


def test_issuer_of_a_bureau_letter_is_its_signature():
    f = fact_of("replies-county-department.txt")
    assert f.issuer == "清河县农业农村局", f"expected the bureau signing beside the date, got {f.issuer}"


def test_issuer_place_not_taken_from_a_roster_row():
    f = fact_of("rosters-county-table.txt")  # `赵丽华    县人民政府副县长`, no signature
    assert f.issuer and "赵丽华" not in f.issuer, f"expected no name glued to the place, got {f.issuer}"
