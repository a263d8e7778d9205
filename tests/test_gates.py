"""Cheap looks that let a costly reading be skipped must never lose a fact.

Each gate rules out a line or a document only when a word its patterns need is absent; these
tests feed the kinds of text each gate lets through (real lines of the sample gazette) and expect
the facts the full reading gives."""

from __future__ import annotations

from govkg.loaders import metadata
from govkg.loaders.rosters.groups import group_candidates
from govkg.loaders.text import Document, Line, clean_lines, is_furniture, split_documents
from tests.conftest import FIXTURES, SAMPLE, doc_of


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


# ---------------------------------------------------------------- gates and memos of the speed work (issue 10)

SAMPLE_SUBGROUP = [  # sample gazette lines 1847-1855: a working group's heading, then its make-up
    "2.卫生防疫组", "区卫健局牵头，由区农业农村局、", "区自然资源局、林业局、区住建局、区",
    "环卫中心组成。负责组织疫区卫生防", "疫、消毒隔离、医疗救护、人畜共患病", "防治和餐厨废弃物等卫生防疫监管工", "作。",
]


def test_subgroup_make_up_holding_the_lead_word_is_read() -> None:
    """A line's make-up is tried only where 牵头 is printed within its reach: here it is."""
    from govkg.loaders.rosters.offices import read_subgroups
    lines = [Line(1847 + 2 * k, t) for k, t in enumerate(SAMPLE_SUBGROUP)]
    facts = read_subgroups(Document("离政办发〔2024〕19号", lines), "离石区防汛抗旱指挥部")
    got = {(f.group, f.member, f.role) for f in facts}
    assert ("卫生防疫组", "区卫健局", "牵头单位") in got, f"expected 区卫健局 to lead 卫生防疫组, got {sorted(got)}"
    assert ("卫生防疫组", "区环卫中心", "成员单位") in got, f"expected 区环卫中心 as a member unit, got {sorted(got)}"


def test_subgroup_make_up_without_the_lead_word_is_no_content() -> None:
    from govkg.loaders.rosters.offices import _content
    assert _content("由区农业农村局、区自然资源局组成。负责组织疫区卫生防疫") is None, \
        "a make-up that names no lead unit (no 牵头) is none of the printed shapes"


def test_unit_heading_heads_the_items_under_it() -> None:
    """A unit is looked at as a heading only when it opens with a numeral or bracket: this one does."""
    from govkg.loaders import appointments
    lines = [Line(1, "晋市政发〔2024〕21号"), Line(3, "经市人民政府常务会议研究，决定："), Line(5, "一、市民政局"),
             Line(7, "免去：赵红的市民政局副局长职务；"), Line(9, "任命：孙  阳为副局长（试用期一年）。")]  # a real notice's block
    facts = appointments.extract(Document("晋市政发〔2024〕21号", lines))
    got = {(f.person, f.body, f.title, f.event) for f in facts}
    assert ("孙阳", "市民政局", "副局长", "appoint") in got, f"expected 孙阳 appointed under the unit heading, got {got}"


def test_item_wrapped_over_two_lines_is_read_whole() -> None:
    """A unit opening with no numeral or bracket is no heading: the next line continues it."""
    from govkg.loaders import appointments
    lines = [Line(1, "晋市政发〔2024〕21号"), Line(3, "经市人民政府常务会议研究，决定："),
             Line(5, "王  刚任市园林绿化服务中心主任，免去其市民政局副局"), Line(6, "长职务；")]
    got = {(f.person, f.body, f.title, f.event, f.line) for f in appointments.extract(Document("晋市政发〔2024〕21号", lines))}
    assert ("王刚", "市民政局", "副局长", "remove", 5) in got, f"expected the removal read across the line break, got {got}"


def test_unit_lines_keep_their_own_line_numbers() -> None:
    """Each clause points at the source line its text starts on (offsets mapped per joined line)."""
    from govkg.loaders import appointments
    facts = appointments.extract(doc_of("appointments-city-unit-blocks.txt"))
    got = {(f.person, f.event): f.line for f in facts}
    assert got[("孙阳", "appoint")] == 13 and got[("王刚", "remove")] == 17, f"expected lines 13 and 17, got {got}"


def test_a_line_printed_twice_is_cleaned_alike_and_keeps_each_number() -> None:
    """Short lines are cleaned once per text (remembered): a repeat gets the same pieces, its own number."""
    row = "组长:李文钢(区委副书记、区长)"  # half-width punctuation, made full-width
    lines = clean_lines(f"{row}\n\n{row}\n")
    assert [(ln.number, ln.text) for ln in lines] == [(1, "组长：李文钢（区委副书记、区长）"), (3, "组长：李文钢（区委副书记、区长）")], \
        f"expected the row cleaned the same on lines 1 and 3, got {lines}"


def test_units_sharing_a_duty_on_the_last_line_after_the_items_are_read() -> None:
    """Items without a colon are looked for only in the lines just under a unit's item: the last
    line of a list, right under one, still gives its units a duty."""
    from govkg.loaders import duties
    lines = [Line(1, "离政办发〔2024〕99号"), Line(1710, "（三）成员单位职责"),
             Line(1718, "区人社局：负责做好参与突发动物疫情应急处置工作人员的工伤保险政策落实工作。"),  # sample line 1718
             Line(1724, "区财政局：负责保障应急处置所需经费。"),
             Line(1726, "区委宣传部、区融媒体中心根据各自职责做好相关工作。")]
    got = {f.body: f.line for f in duties.extract(Document("离政办发〔2024〕99号", lines))}
    assert got.get("区委宣传部") == 1726 and got.get("区融媒体中心") == 1726, \
        f"expected both units of the closing line given a duty on line 1726, got {got}"


def test_a_post_string_read_twice_gives_the_same_posts_in_a_list_of_its_own() -> None:
    """Post strings are read once and remembered: a caller changing its list changes no later reading."""
    from govkg.loaders.names import Post, split_post_string
    first = split_post_string("区委常委、区政府副区长")  # sample roster post
    first.append(Post("某局", "局长"))
    again = split_post_string("区委常委、区政府副区长")
    assert [(p.body, p.title) for p in again] == [("区委", "常委"), ("区政府", "副区长")], \
        f"expected the two posts of the string again, got {again}"


def test_items_under_a_spaced_decision_header_are_read() -> None:
    """Items are regrouped only when the squashed document holds a header or a word items need:
    `决 定：` printed with a space is still a header (a real notice's lines, its removal left out)."""
    from govkg.loaders import appointments
    lines = [Line(1, " 晋市政任〔2024〕7号"), Line(2, "各县（市、区）人民政府，市人民政府各委、办、局："),
             Line(3, "    经市人民政府研究决 定："), Line(4, "    王  五任市发展和改革委员会主任；"),
             Line(5, "    赵  六任市财政局副局长（试用期一年）；"), Line(7, "                                    晋中市人民政府")]
    doc = Document("晋市政任〔2024〕7号", lines)
    got = {(f.person, f.body, f.title, f.event, f.probation) for f in appointments.extract(doc)}
    assert ("赵六", "市财政局", "副局长", "appoint", True) in got, f"expected 赵六 appointed on probation, got {got}"


def test_document_without_items_still_gives_leaders_named_in_text() -> None:
    """A document with no header and none of the item words skips the items, not the leaders."""
    from govkg.loaders import appointments
    doc = doc_of("appointments-district-leaders-in-text.txt")
    assert not appointments.may_hold_items(doc), "the fixture prints no appointment item"
    got = {(f.person, f.title) for f in appointments.extract(doc)}
    assert ("赵海涛", "常务副区长") in got, f"expected the leader named in the text, got {got}"


def test_joined_text_maps_each_offset_to_its_own_line_past_blank_lines() -> None:
    """Joined keeps where each line starts (not a line per character): an offset is found by
    bisection, a blank line owns no character, and offsets out of range clamp to the ends."""
    from govkg.loaders.text import Joined
    joined = Joined.of([Line(5, "  组长："), Line(6, "   "), Line(8, "张海文 "), Line(9, "区长")])
    assert joined.text == "组长：张海文区长", f"expected the stripped lines run together, got {joined.text!r}"
    got = [joined.line_at(k) for k in (-3, 0, 2, 3, 5, 6, 7, 99)]
    assert got == [5, 5, 5, 8, 8, 9, 9, 9], f"expected each offset on its line (none on the blank line 6), got {got}"
    assert Joined.of([Line(1, "  ")]).line_at(0) == 0, "an empty joined text has no line"


def test_few_traditional_characters_are_counted_before_the_chinese_ones() -> None:
    """The traditional characters are counted first; five or more (and 2% of the Chinese ones) still
    turn the text simplified, four stay as printed (a simplified text's odd shared form)."""
    from govkg.loaders.layout import simplified
    row = "組長：李文鋼  區委副書記、區長"  # a sample roster row, printed in traditional characters
    assert simplified(row) == "组长：李文钢  区委副书记、区长", f"expected the row read simplified, got {simplified(row)}"
    four = "組長：李文鋼  區委副书记、区长"
    assert simplified(four) == four, "four traditional characters are too few to read a text as traditional"


def test_leader_patterns_tried_near_their_anchor_find_every_leader() -> None:
    """LEADER is tried only a few characters before `区委书记` / `区长` (常务副 the longest lead): a
    常务副区长, a 副区长 and a 区委书记 are still read, a former (`原区长`) one is not."""
    from govkg.loaders.appointments import LEADER, leader_matches
    text = ("7月3日，区委常委、常务副区长赵海涛带队赴西关街道实地调研，副区长王秀兰多次深入现场督导工作推进。"
            "区委书记孙大军主持会议，原区长李明出席。")  # the first sentences: a real reply letter's lines 9-11
    got = [(m.group("post"), m.group("name") or m.group("long")) for m in leader_matches(text)]
    assert got == [("常务副区长", "赵海涛"), ("副区长", "王秀兰"), ("区委书记", "孙大军")], f"expected the three leaders, got {got}"
    assert got == [(m.group("post"), m.group("name") or m.group("long")) for m in LEADER.finditer(text)], \
        "expected the same matches as LEADER tried at every offset"


def test_cut_attachment_title_is_still_rebuilt() -> None:
    """Attachment titles are looked for only when 附 is printed: here it is, and the cut title is rebuilt."""
    from govkg.loaders.rosters.groups import attachment_titles
    found = [g for g, _ in attachment_titles(doc_of("rosters-lzbf-2024-17-attachment.txt"))]
    assert found == ["吕梁市离石区打击非法集资专项行动专班"], f"expected the title rebuilt from its pieces, got {found}"


def test_described_titles_are_still_given_where_their_words_are_printed() -> None:
    """The describing patterns run only where a word they need is printed (任命/免去…, 调整/变动,
    成立, 制定): real untitled notices still get their description."""
    from govkg.loaders.metadata import described_title
    from govkg.loaders.names import squash
    cases = {"appointments-lzf-2024-31.txt": "任免通知",  # a 任命： header
             "appointments-lzbh-2024-30.txt": "关于调整吕梁市离石区农村房地一体调查确权及不动产登记发证工作领导组组成人员的通知",
             "rosters-county-adjust-heads-rows.txt": "关于调整清河县城乡环境整治工作领导小组组成人员的通知"}
    for name, expected in cases.items():
        doc = doc_of(name)
        got = described_title(doc, squash(doc.joined().text))
        assert got == expected, f"{name}: expected {expected}, got {got}"


def test_spaced_out_labels_are_still_read_as_a_roster() -> None:
    """A roster is read only when the squashed document holds a role word: `指　挥　长：` printed
    with spaces between its characters holds 指挥长 once squashed (a real county notice)."""
    from govkg.loaders.rosters import read_roster
    got = {(e.role, e.text) for e in read_roster(doc_of("rosters-county-labels-alone.txt"))}
    assert ("指挥长", "周文博") in got and ("成员", "何静") in got, f"expected the spaced labels' holders, got {sorted(got)}"


def test_document_without_any_role_word_has_no_roster() -> None:
    from govkg.loaders.rosters import read_roster
    lines = [Line(1, "离政办发〔2024〕99号"), Line(3, "各乡镇人民政府，区直各有关单位："),
             Line(5, "为进一步加强全区防汛抗旱工作，现将有关事项通知如下。")]
    assert read_roster(Document("离政办发〔2024〕99号", lines)) == [], "no role word, no roster entry"


def test_rosters_of_several_groups_under_spaced_headings_are_split() -> None:
    """Group sections are looked for only when the squashed document holds a kind of group; a
    heading printed with a space inside the kind (`领导 小组`) still names its group."""
    from govkg.loaders.rosters import group_sections
    lines = [Line(1, "离政办发〔2024〕99号"), Line(3, "一、离石区防汛抗旱领导 小组"), Line(4, "组  长：张海文  区委副书记、区长"),
             Line(5, "副组长：王  华  区政府副区长"), Line(7, "二、离石区森林防灭火指挥部"),
             Line(8, "总指挥：李  明  区政府副区长"), Line(9, "副总指挥：赵  强  区应急管理局局长")]
    got = [g for g, _ in group_sections(Document("离政办发〔2024〕99号", lines))]
    assert got == ["离石区防汛抗旱领导小组", "离石区森林防灭火指挥部"], f"expected the two groups' sections, got {got}"


def test_group_name_glued_from_attachment_pieces_printed_apart_is_still_found() -> None:
    """A document printing no kind of group is read for no group name but its attachment title:
    pieces printed apart (`…征缴领导小` … `组成员名单`) form the kind only when glued."""
    from govkg.loaders.rosters.groups import group_candidates, names_a_kind
    lines = [Line(1, "离政办发〔2024〕99号"), Line(20, "附件：1.2025年度离石区城乡居民医保费征缴领导小"),
             Line(21, "2.离石区医保费征缴工作方案"), Line(24, "      组成员名单")]
    doc = Document("离政办发〔2024〕99号", lines)
    assert not names_a_kind(doc), "the pieces are apart: the squashed document holds no kind of group"
    found = [g for g, _ in group_candidates(doc)]
    assert found == ["2025年度离石区城乡居民医保费征缴领导小组"], f"expected the title glued from its pieces, got {found}"


def test_control_and_private_use_characters_are_counted_as_before() -> None:
    """Characters no text prints are counted by one pattern: tabs, form feeds and line breaks are
    text; other control characters and the private use area are not (one in 200 is tolerated)."""
    from govkg.loaders.text import _looks_like_text
    line = "经区人民政府研究，决定调整区防汛抗旱指挥部组成人员。\t\f\r\n"
    assert _looks_like_text(line * 10), "tabs, form feeds and line breaks are text"
    assert not _looks_like_text(line + "\x01\x02\ue000\uf8ff"), "control and private-use characters are not"


def test_duty_item_remembered_per_line_pair_and_strictness() -> None:
    """Duty items are remembered per (line, next line, strict): a unit whose colon ends its line is
    an item only when its list says so (not strict), and its text then comes from the next line."""
    from govkg.loaders.duties import _item
    unit, text = Line(1718, "区人社局："), Line(1719, "负责做好参与突发动物疫情应急处置工作人员的工伤保险政策落实工作。")
    assert _item(unit, text) is None, "strict: a colon ending the line may be a salutation"
    assert _item(unit, text, strict=False) == (("区人社局",), text.text, 1), "among items: the next line is its text"
    assert _item(unit, text) is None, "asked again strictly, the strict answer again"
    whole = Line(1718, "区人社局：负责做好参与突发动物疫情应急处置工作人员的工伤保险政策落实工作。")  # sample line 1718, joined
    assert _item(whole, None) == (("区人社局",), "负责做好参与突发动物疫情应急处置工作人员的工伤保险政策落实工作。", 0)


def test_bureau_head_named_before_an_action_word_is_read() -> None:
    """A clause opening with a post string is tried only when an action word is printed: `，区交通
    运输局局长刘志明带队` (a real reply letter's line 7) still gives 刘志明's post."""
    from govkg.loaders import appointments
    got = {(f.person, f.body, f.title) for f in appointments.leaders_in_text(doc_of("appointments-district-leaders-in-text.txt"))}
    assert ("刘志明", "区交通运输局", "局长") in got, f"expected the bureau head before 带队, got {sorted(got)}"


def test_member_units_of_a_composition_sentence_are_read_where_printed() -> None:
    """`成员单位包括…` is looked for only when 成员单位 is printed: a joint meeting's units are read."""
    from govkg.loaders.rosters import composition_entries
    got = {(e.role, e.text) for e in composition_entries(doc_of("rosters-province-joint-meeting.txt"))}
    assert any(role == "成员单位" for role, _ in got), f"expected the member units listed, got {sorted(got)}"


def test_traditional_characters_counted_up_to_a_bound_agree_with_a_full_count() -> None:
    """simplified() counts the traditional characters only up to TRADITIONAL_MIN: the bounded count
    is the full count (every character of the text against the table), capped, on the sample and
    on a traditional row."""
    from govkg.loaders.layout import _traditional_chars, traditional_up_to
    row = "組長：李文鋼  區委副書記、區長"
    for text in (SAMPLE.read_text("utf-8"), row, row[:6], ""):
        full = sum(ch in _traditional_chars() for ch in text)
        for most in (1, 5, 50):
            assert traditional_up_to(text, most) == min(full, most), \
                f"expected {min(full, most)} traditional characters counted up to {most} in {text[:20]!r}, got {traditional_up_to(text, most)}"


def test_date_lines_let_go_only_lines_not_ending_in_ri() -> None:
    """date_lines asks line_date only of lines ending in 日: the same dates as asking every line,
    on every document of the sample (a date spaced out, `2024年 5月 6日 `, still ends in 日)."""
    from govkg.loaders.text import read_documents
    docs, _ = read_documents(SAMPLE)
    for doc in docs:
        want = [(ln.number, d) for ln in doc.lines if (d := metadata.line_date(ln.text))]
        assert metadata.date_lines(doc) == want, f"{doc.number}: expected the dates {want}"
    assert metadata.line_date("吕梁市离石区人民政府   2024年 5月 6日 ") == "2024-05-06", "expected a spaced date read"


def test_a_squashed_line_holds_a_word_only_when_the_line_holds_its_characters() -> None:
    """The per-line looks before squashing (府 for 人民政府 in a signature, 职 for 职责 in a duty
    line, 位 for 成员单位) rest on squashing dropping spaces only: on every sample line, and on
    the words spaced out, the squashed line holds the word only if the line holds the character."""
    from govkg.loaders.names import squash
    lines = SAMPLE.read_text("utf-8").splitlines() + ["吕 梁 市 离 石 区 人 民 政 府", "一、主 要 职 责", "各 成 员 单 位："]
    seen = set()
    for line in lines:
        for word, char in (("人民政府", "府"), ("职责", "职"), ("成员单位", "位")):
            if word in squash(line):
                seen.add(word)
                assert char in line, f"expected {char} in a line whose squashed text holds {word}: {line!r}"
    assert seen == {"人民政府", "职责", "成员单位"}, f"expected every word met in the sample, met {seen}"
