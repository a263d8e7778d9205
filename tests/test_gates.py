"""Cheap looks that let a costly reading be skipped must never lose a fact.

Each gate rules out a line or a document only when a word its patterns need is absent; these
tests feed the kinds of text each gate lets through (real lines of the sample gazette) and expect
the facts the full reading gives."""

from __future__ import annotations

from govkg.loaders import metadata
from govkg.loaders.rosters.groups import group_candidates
from govkg.loaders.text import Document, Line, clean_lines, is_furniture, split_documents
from tests.conftest import FIXTURES, doc_of


def test_sample_running_header_is_still_furniture() -> None:
    line = "区政府文件                                      吕梁市离石区人民政府公报 2024•3"  # sample line 76
    assert is_furniture(line), "the sample's running header holds 政府公报: the furniture patterns must still be tried"


def test_sample_page_number_is_still_furniture() -> None:
    assert is_furniture("—12—"), "a page number between dashes holds a dash: the furniture patterns must still be tried"


def test_line_without_any_furniture_mark_is_kept() -> None:
    line = "为进一步加强全区防汛抗旱工作，经区人民政府研究，决定调整区防汛抗旱指挥部组成人员。"
    assert not is_furniture(line), "a line with none of the marks the furniture patterns need is text"


def test_signature_printed_with_spaces_between_its_characters_is_read() -> None:
    """The 人民政府 look is made on the squashed line, so a spaced signature still passes it."""
    text = (FIXTURES / "appointments-lzf-2024-31.txt").read_text("utf-8")
    spaced = text.replace(" 吕梁市离石区人民政府 ", " 吕 梁 市 离 石 区 人 民 政 府 ", 1)
    assert spaced != text, "the fixture signs as 吕梁市离石区人民政府 on a line of its own"
    doc = split_documents(clean_lines(spaced))[0]
    fact = metadata.extract(doc)[0]
    assert fact.issuer == "吕梁市离石区人民政府", f"expected the spaced signature read as the issuer, got {fact.issuer}"


def test_signature_beside_body_text_is_read() -> None:
    """A line holding body text and the signature (split at wide spaces) is let through whole."""
    fact = metadata.extract(doc_of("metadata-lzbf-2024-21.txt"))[0]
    assert fact.issuer == "吕梁市离石区人民政府办公室", f"expected the office signer after the body text, got {fact.issuer}"


def test_group_with_member_units_is_a_candidate() -> None:
    """`X各成员单位` is looked for only when the squashed document holds 成员单位: here it does."""
    lines = [Line(1, "离政办发〔2024〕99号"), Line(2, "各乡镇人民政府，区直各有关单位："),
             Line(3, "离石区防汛抗旱指挥部各成员单位："), Line(4, "现将有关事项通知如下。")]
    found = [g for g, _ in group_candidates(Document("离政办发〔2024〕99号", lines))]
    assert "离石区防汛抗旱指挥部" in found, f"expected the group named before 各成员单位, got {found}"


def test_member_units_split_over_two_lines_do_not_hide_a_group() -> None:
    """The look at the whole document sees 成员单位 across a line break; the line reading decides."""
    lines = [Line(1, "离政办发〔2024〕99号"), Line(2, "离石区防汛抗旱指挥部各成员单位："), Line(3, "各成员"),
             Line(4, "单位要按职责分工做好工作。")]
    found = [g for g, _ in group_candidates(Document("离政办发〔2024〕99号", lines))]
    assert "离石区防汛抗旱指挥部" in found, f"expected the group named before 各成员单位, got {found}"


def test_pairs_counted_one_by_one_equal_a_full_count() -> None:
    """Pairs counts the first few pairs asked for in the joined lines: never across a line break,
    and a doubled character (`啊啊啊` holds `啊啊` twice) is counted in full."""
    from collections import Counter

    from govkg.loaders.tasks.pieces import PAIR_LOOKS, Pairs

    texts = ["加快推进工业企业改造", "企业技术改造升级", "啊啊啊", "造企"]
    full = Counter(t[k:k + 2] for t in texts for k in range(len(t) - 1))
    asked = ["企业", "改造", "造企", "造升", "啊啊", "级啊", "", "企", "业技", "工业", "加快", "推进", "术改"]
    assert len(asked) > PAIR_LOOKS, "ask for more pairs than are counted one by one"
    pairs = Pairs(texts)
    got = {p: pairs[p] for p in asked}
    assert got == {p: full[p] for p in asked}, f"expected the in-line counts {dict(full)}, got {got}"


def test_name_patterns_tried_near_their_words_find_what_a_full_scan_finds() -> None:
    """finditer_near tries a name-first pattern only within reach before its words: on every
    document of the sample (and a name right at the reach) it finds the same matches as finditer."""
    import re

    from govkg.loaders.pipeline import sample_gazette
    from govkg.loaders.rosters.groups import ROSTER_SUFFIX, finditer_near, group_name_re, name_reach

    roster = re.compile(rf"(?P<g>{group_name_re()}){ROSTER_SUFFIX}")
    short = re.compile(rf"(?P<g>{group_name_re()})[（(]以下简称")
    texts = [d.joined().text for d in split_documents(clean_lines(sample_gazette().read_text("utf-8")))]
    office = re.compile(rf"[。；，](?P<g>{group_name_re()})(?:下设)?办公室")
    texts.append("为" + "甲" * 38 + "领导小组成员名单，" + "乙" * 39 + "领导小组（以下简称领导小组）组成人员名单"
                 "。" + "丙" * 40 + "领导小组下设办公室")
    for text in texts:
        for pattern, words, reach in ((roster, ("名单", "组成"), name_reach() + 2), (short, ("以下简称",), name_reach() + 1),
                                      (office, ("办公室",), name_reach() + 3)):
            want = [m.span("g") for m in pattern.finditer(text)]
            got = [m.span("g") for m in finditer_near(pattern, text, words, reach)]
            assert got == want, f"expected the full scan's matches {want}, got {got}"


def test_unit_items_with_either_colon_give_their_duties() -> None:
    """A line is read as a unit's duty item only if it holds a colon, full-width or half-width
    (lines of the fixture duties-city-wordings, one with its colon left half-width)."""
    from govkg.loaders import duties

    lines = [Line(1, "离政办发〔2024〕99号"), Line(2, "各有关单位职责分工如下："),
             Line(4, "（一）市水利局：负责供水一体化工作的统筹推进，指导工程建设和运行管护。"),
             Line(5, "（二）市财政局:将建设资金纳入年度财政预算，加强资金使用监管。"),
             Line(6, "（三）市住房和城乡建设局："), Line(7, "负责城区供水管网延伸工程建设管理。")]
    found = {f.body: f.line for f in duties.extract(Document("离政办发〔2024〕99号", lines))}
    assert found == {"市水利局": 4, "市财政局": 5, "市住房和城乡建设局": 6}, f"expected three units' duties, got {found}"


def test_items_outside_a_section_with_comrade_or_verb_give_posts() -> None:
    """Outside a 任命：/免去： section an item is read only if it holds 同志 or an opening verb:
    the sample's `X同志为…` items and a `免去…职务` item both still give their posts."""
    from govkg.loaders import appointments

    lines = [Line(1, "离政发〔2024〕31号"), Line(3, "王迎平同志为区人力资源和社会保障局副局长；"),
             Line(5, "免去李永军的区能源局副局长职务。")]
    found = {(f.person, f.event) for f in appointments.extract(Document("离政发〔2024〕31号", lines))}
    assert found == {("王迎平", "appoint"), ("李永军", "remove")}, f"expected one appointment and one removal, got {found}"


def test_lexicon_joins_counts_pairs_as_a_full_word_bigram_count_does() -> None:
    """A plan's lexicon asks whether a cut word joins up (`…的企` + `业…`) by counting that pair one by
    one in the prose, then (after LEX_PAIR_LOOKS pairs) in full: on the prose of a real plan of the
    sample, every pair gives the answer a full count of the printed word bigrams gives, pairs with
    a punctuation mark or a doubled character included."""
    from collections import Counter
    from itertools import chain

    from govkg.loaders.tasks.assign import LEX_PAIR_LOOKS, _Lexicon, _words
    from govkg.loaders.text import read_documents
    from tests.conftest import SAMPLE

    docs, _ = read_documents(SAMPLE)
    plan = max(docs, key=lambda d: len(d.lines))
    texts = ["".join(ln.text.split()) for ln in plan.lines[1:]]
    printed = Counter(chain.from_iterable((w[k:k + 2] for k in range(len(w) - 1)) for t in texts for w in _words(t)))
    texts.append("啊啊啊")
    printed["啊啊"] += 2
    common = [g for g, _ in printed.most_common(60)]
    once = [g for g, n in printed.items() if n == 1][:20]
    asked = common + once + ["啊啊", "企。", "）企", "、企", "企、"]
    lex = _Lexicon(texts)
    for pair in asked:
        left, right = pair
        want = left in "、，,；;" or printed[pair] >= 2
        assert lex.joins("…" + left, right + "…") == want, f"expected joins({left!r}, {right!r}) = {want}"
    assert len(asked) > LEX_PAIR_LOOKS, "ask for more pairs than are counted one by one"
    assert any(printed[g] >= 2 for g in asked) and any(printed[g] == 1 for g in asked), "ask for both kinds of pair"
