"""Every input shape a user has: single documents with their number anywhere in the head, or none;
half-width punctuation; lines flattened by crawls and OCR. Snippets are written in other places'
words (not copied from the documents the real-document gold scores)."""

from __future__ import annotations

import pytest

from govkg.loaders import metadata
from govkg.loaders.docnumbers import embedded_numbers, number_alone
from govkg.loaders.layout import fullwidth_punctuation, unflatten
from govkg.loaders.text import clean_lines, split_documents


def docs_of(text: str):
    return split_documents(clean_lines(text), "t.txt")


@pytest.mark.parametrize("printed, number", [
    ("赣府厅字〔2023〕15号", "赣府厅字〔2023〕15号"),
    ("湘政办发[2022]7号", "湘政办发[2022]7号"),
    ("苏政发【2021】 33号", "苏政发【2021】33号"),
    ("浙政函（2020）18号", "浙政函（2020）18号"),
    ("闽政办(2019)4号", "闽政办(2019)4号"),
    ("黔府发〔２０２３〕１２号", "黔府发〔２０２３〕１２号"),
    ("川办函〔2021)9号", "川办函〔2021)9号"),
    ("（皖政办秘〔2021〕5号）", "皖政办秘〔2021〕5号"),
    ("某县政任〔2023〕3号", "某县政任〔2023〕3号"),
    ("市提复字〔2019〕21号", "市提复字〔2019〕21号"),
    ("建议字:〔2023〕8号", "建议字:〔2023〕8号"),
])
def test_a_number_alone_on_its_line_in_every_printed_form(printed: str, number: str) -> None:
    assert number_alone(printed) == number, f"{printed!r} should read as the number {number!r}"


def test_ocr_stray_character_inside_a_number_is_dropped() -> None:
    found = embedded_numbers("湖南省气象局文件湘气发[2020]的12号关于做好汛期工作的通知")
    assert [m.number for m in found] == ["湘气发[2020]12号"]


def test_a_number_cited_in_running_text_starts_no_document() -> None:
    text = ("江西省人民政府办公厅关于加强耕地保护的通知\n"
            "各设区市人民政府：根据《关于严格耕地保护的通知》（赣府发〔2022〕10号）要求，现通知如下。\n")
    docs = docs_of(text)
    assert len(docs) == 1 and docs[0].titled, "a cited number must not become the document's number"
    assert docs[0].number == "江西省人民政府办公厅关于加强耕地保护的通知"


def test_number_printed_after_the_title_keeps_the_title_in_the_document() -> None:
    text = "江西省人民政府办公厅关于成立省森林防火\n指挥部的通知\n赣府厅字〔2023〕15号\n各设区市人民政府：\n"
    doc = docs_of(text)[0]
    assert doc.number == "赣府厅字〔2023〕15号"
    assert {ln.number for ln in doc.lines} == {1, 2, 3, 4}, "the title lines above the number belong to it"


def test_number_run_into_the_addressees_on_the_second_line() -> None:
    text = "关于印发《某省职业技能提升行动方案》的通知\n湘人社发〔2024〕9号各市州人力资源社会保障局：为贯彻…\n"
    assert docs_of(text)[0].number == "湘人社发〔2024〕9号"


def test_number_inside_a_flattened_ocr_header() -> None:
    text = ("湖南省水利厅湖南省应急管理厅文件湘水发[2021] 56号湖南省水利厅湖南省应急管理厅关于印发《山洪灾害防御"
            "工作方案》的通知各市州水利局、应急管理局:现将方案印发给你们，请认真执行。一、总体要求。")
    doc = docs_of(text)[0]
    assert doc.number == "湘水发[2021]56号"
    assert metadata.issuer_before_number(doc) == (1, "湖南省水利厅"), "the first of joint issuers signs first"


def test_a_document_without_a_number_is_named_by_its_title() -> None:
    text = "江西省人民政府办公厅关于印发江西省数字经济行动计划的通知各设区市人民政府，省政府各部门：\n现将计划印发给你们。\n"
    doc = docs_of(text)[0]
    assert doc.titled and doc.number == "江西省人民政府办公厅关于印发江西省数字经济行动计划的通知", \
        "the title ends at 的通知, before the addressees the crawl ran onto it"


def test_a_plan_titled_by_its_kind_is_a_document() -> None:
    assert docs_of("江西省粮食应急预案（试行）\n一、总则\n")[0].number == "江西省粮食应急预案（试行）"


@pytest.mark.parametrize("text", ["特此通知\n（此件公开发布）\n", "今天天气很好，我们去公园散步。\n", "@@@###\n"])
def test_text_that_is_no_government_document_yields_no_document(text: str) -> None:
    assert docs_of(text) == [], f"{text!r} is not a government document"


def test_half_width_punctuation_between_chinese_becomes_full_width() -> None:
    assert fullwidth_punctuation("组长:王某某(省政府副省长),成员;") == "组长：王某某（省政府副省长），成员；"
    assert fullwidth_punctuation("会议于11:00开始,共1,200人") == "会议于11:00开始，共1,200人"
    assert fullwidth_punctuation("(1）综合组") == "（1）综合组", "numbering brackets of mixed width are one mark"


def test_a_flattened_roster_is_cut_at_its_role_labels() -> None:
    line = ("各设区市人民政府，省政府各部门：经省政府同意，成立江西省粮食安全工作领导小组，成员名单如下："
            "组长：张某某（副省长）副组长：李某某（省政府副秘书长）成员：赵某某（省发展改革委副主任）"
            "钱某某（省财政厅副厅长）孙某某（省农业农村厅副厅长）")
    pieces = unflatten(fullwidth_punctuation(line))
    assert "组长：张某某（副省长）" in pieces and "副组长：李某某（省政府副秘书长）" in pieces, pieces
    assert any(p.startswith("成员：赵某某") for p in pieces), pieces


def test_a_flattened_duty_list_is_cut_before_each_unit_even_without_a_stop() -> None:
    line = ("附件江西省森林防火指挥部成员单位职责省应急厅：负责组织协调森林火灾扑救工作。"
            "省林业局：负责森林火灾预防工作省公安厅：负责火场治安秩序维护和火案侦破工作。" * 2)
    pieces = unflatten(line)
    assert any(p.startswith("省公安厅：负责火场") for p in pieces), pieces
    assert any(p.startswith("省应急厅：负责") for p in pieces), pieces


def test_a_short_printed_line_is_left_alone() -> None:
    assert unflatten("（三）省财政厅：负责经费保障。省公安厅：负责治安。") == ["（三）省财政厅：负责经费保障。省公安厅：负责治安。"]


def test_a_document_printed_in_traditional_characters_is_read_in_simplified_ones() -> None:
    text = "臺灣省政府辦公廳關於成立省防災應變小組的通知\n組長：陳大文（省政府秘書長）\n成員：省財政廳、省衛生廳\n"
    doc = docs_of(text)[0]
    assert doc.number == "台湾省政府办公厅关于成立省防灾应变小组的通知", doc.number
    assert doc.lines[1].text.startswith("组长：陈大文"), doc.lines[1].text


def test_a_simplified_text_keeps_its_characters() -> None:
    text = "关于乾县著名景区管理的通知\n各乡镇人民政府：\n"
    assert docs_of(text)[0].number == "关于乾县著名景区管理的通知"


def test_names_run_into_their_posts_without_a_separator() -> None:
    from govkg.loaders import rosters
    from govkg.ontology.facts import MemberFact, PostFact
    text = ("江西省人力资源和社会保障厅关于成立江西省返乡创业工作领导小组的通知\n"
            "组长：周某某省人社厅党组书记、厅长\n"
            "副组长：吴某某省财政厅副厅长郑某某人行南昌中心支行副行长\n")
    facts = rosters.extract(docs_of(text)[0])
    members = {(f.member, f.role) for f in facts if isinstance(f, MemberFact)}
    assert members == {("周某某", "组长"), ("吴某某", "副组长"), ("郑某某", "副组长")}, members
    posts = {(f.person, f.body, f.title) for f in facts if isinstance(f, PostFact)}
    assert ("郑某某", "人行南昌中心支行", "副行长") in posts, posts


def test_roles_of_other_places_rosters() -> None:
    from govkg.loaders import rosters
    from govkg.ontology.facts import MemberFact
    text = ("湖南省人民政府办公厅关于建立湖南省稳外贸联席会议制度的通知\n"
            "总召集人：省人民政府副省长\n执行组长：省商务厅厅长\n组员：省财政厅副厅长\n委员：长沙海关副关长\n"
            "办公室成员：省商务厅外贸处处长\n")
    got = {(f.member, f.role) for f in rosters.extract(docs_of(text)[0]) if isinstance(f, MemberFact)}
    assert {("省人民政府副省长", "总召集人"), ("省商务厅厅长", "执行组长"), ("省财政厅副厅长", "组员"),
            ("长沙海关副关长", "委员"), ("省商务厅外贸处处长", "办公室成员")} <= got, got


def test_numbered_duty_items_without_a_colon() -> None:
    from govkg.loaders import duties
    text = ("湖南省粮食应急预案（试行）\n2.2成员单位\n2.2.1省商务厅负责协调生活必需品市场供应。\n"
            "2.2.2省公安厅负责应急期间治安秩序维护。\n2.2.3省交通运输厅负责协调应急运输。\n")
    got = {f.body for f in duties.extract(docs_of(text)[0])}
    assert got == {"省商务厅", "省公安厅", "省交通运输厅"}, got


def test_working_group_whose_duty_comes_before_its_units() -> None:
    from govkg.loaders import rosters
    from govkg.ontology.facts import MemberFact
    text = ("湖南省粮食应急预案（试行）\n2.3.1综合协调组：负责应急信息汇总。牵头部门：省粮食和物资储备局，组成部门：省发展改革委、省商务厅。\n"
            "2.3.2运输保障组：负责应急运输。牵头部门：省交通运输厅，组成部门：省公安厅。\n")
    got = {(f.group, f.member, f.role) for f in rosters.extract(docs_of(text)[0]) if isinstance(f, MemberFact)}
    assert ("综合协调组", "省粮食和物资储备局", "牵头单位") in got and ("运输保障组", "省公安厅", "成员单位") in got, got


def test_joint_issuers_signing_as_one_run_above_the_date() -> None:
    text = ("关于印发《某省技能人才行动方案》的通知\n湘人社发〔2024〕9号各市州人力资源社会保障局：现将方案印发给你们，请结合实际认真贯彻落实，"
            "执行中遇到的问题请及时报告省人力资源和社会保障厅职业能力建设处。"
            "湖南省人力资源和社会保障厅中共湖南省委组织部湖南省财政厅2024年5月8日（此件主动公开）某省技能人才行动方案为贯彻…\n")
    doc = docs_of(text)[0]
    assert metadata.find_issuer(doc)[1] == "湖南省人力资源和社会保障厅", "the first of the joint signers"
    assert metadata.find_date(doc, None)[1] == "2024-05-08"


def test_roster_of_names_with_the_unit_they_come_from() -> None:
    from govkg.loaders import rosters
    from govkg.ontology.facts import MemberFact
    text = ("某市人民政府办公室关于成立某市河长制工作领导小组的通知\n某府办〔2023〕5号\n组　长：李文钢\n"
            "副组长：张小平（市政府办）\n成　员：巫振江（市府办）\n　　　　李大同（市财政局）\n")
    got = {(f.member, f.role, f.qualifier) for f in rosters.extract(docs_of(text)[0]) if isinstance(f, MemberFact)}
    assert got == {("李文钢", "组长", None), ("张小平", "副组长", "市政府办"), ("巫振江", "成员", "市府办"),
                   ("李大同", "成员", "市财政局")}, got


def test_members_named_only_by_post() -> None:
    from govkg.loaders import rosters
    from govkg.ontology.facts import MemberFact
    text = ("湖南省人民政府办公厅关于成立湖南省食品安全工作领导小组的通知\n湘政办函〔2022〕3号\n"
            "组　长：省人民政府分管副省长\n成　员：省市场监管局分管领导、省公安厅副厅长、省农业农村厅分管负责同志\n")
    got = {(f.member, f.member_type) for f in rosters.extract(docs_of(text)[0]) if isinstance(f, MemberFact)}
    assert {("省市场监管局分管领导", "post"), ("省公安厅副厅长", "post"),
            ("省农业农村厅分管负责同志", "post")} <= got, got


def test_command_headquarters_composed_in_one_sentence() -> None:
    from govkg.loaders import rosters
    from govkg.ontology.facts import MemberFact
    text = ("江西省人民政府办公厅关于印发江西省森林火灾应急预案的通知\n赣府厅字〔2023〕20号\n"
            "省森林防灭火指挥部由省政府分管副省长任总指挥，省政府副秘书长、省应急厅厅长任副总指挥，"
            "省委宣传部、省公安厅等部门为成员单位。\n")
    got = {(f.member, f.role) for f in rosters.extract(docs_of(text)[0]) if isinstance(f, MemberFact)}
    assert got == {("省政府分管副省长", "总指挥"), ("省政府副秘书长", "副总指挥"), ("省应急厅厅长", "副总指挥"),
                   ("省委宣传部", "成员单位"), ("省公安厅", "成员单位")}, got


def test_reply_handler_followed_by_a_phone_field() -> None:
    from govkg.loaders import replies
    text = ("赣市财提复字〔2023〕15号\n对市政协五届二次会议第88号提案的答复\n王小明委员:\n"
            "您提出的《关于加强农村养老服务的建议》收悉，现答复如下:\n感谢您对财政工作的关心和支持。\n"
            "承办人:刘某某  联系电话:0797-1234567\n负责人:陈某某\n赣州市财政局\n2023年6月1日\n")
    reply = replies.extract(docs_of(text)[0])[0]
    assert (reply.handler, reply.head, reply.proposer) == ("刘某某", "陈某某", "王小明"), reply


def test_a_role_label_led_by_the_group_kind() -> None:
    from govkg.loaders import rosters
    from govkg.ontology.facts import MemberFact
    text = "江西省财政厅政务公开工作实施方案\n成立江西省财政厅政务公开工作领导小组。\n领导小组组长：王某某\n副组长：赵某某\n"
    got = {(f.member, f.role) for f in rosters.extract(docs_of(text)[0]) if isinstance(f, MemberFact)}
    assert got == {("王某某", "组长"), ("赵某某", "副组长")}, got


def test_names_whose_separating_spaces_were_lost() -> None:
    from govkg.loaders.rosters.rows import split_run_of_names
    assert split_run_of_names("李玉民张晓辉") == ["李玉民", "张晓辉"]
    assert split_run_of_names("郝赫王凯 高晓莉吕宁谷峪") == ["郝赫", "王凯", "高晓莉", "吕宁", "谷峪"]
    assert split_run_of_names("刘德华张学", {"刘德华"}) == ["刘德华", "张学"]
    assert split_run_of_names("区政府分管住建") is None, "a wrapped post string is no run of names"


def test_deputy_label_after_the_office_director_is_the_offices() -> None:
    from govkg.loaders import rosters
    from govkg.ontology.facts import MemberFact
    text = ("江西省财政厅政务公开工作实施方案\n成立江西省财政厅政务公开工作领导小组。\n组长：王某某\n"
            "办公室主任：赵某某\n副主任：钱某某\n")
    got = {(f.member, f.role) for f in rosters.extract(docs_of(text)[0]) if isinstance(f, MemberFact)}
    assert ("钱某某", "办公室副主任") in got, got


def test_a_departments_own_plan_names_its_issuer() -> None:
    doc = docs_of("江西省财政厅政务公开工作实施方案\n一、工作机构\n")[0]
    assert metadata.find_issuer(doc)[1] == "江西省财政厅"


def test_a_masked_name_before_a_provincial_post_is_a_person_gap() -> None:
    from govkg.loaders.layout import unmask
    assert unmask("副组长:XXX省委组织部副部长XXX省政府副秘书长") == "副组长:  省委组织部副部长  省政府副秘书长"
    assert unmask("XX市水务集团有限公司") == "XX市水务集团有限公司", "two X before a place word mask the place"


def test_a_unit_named_as_belonging_to_another_is_itself() -> None:
    from collections import Counter
    from govkg.loaders.resolve import Resolver
    resolver = Resolver(Counter(), [("江西省", "省")])
    assert resolver.canonical("江西省人社厅所属省就业创业服务中心") == "省就业创业服务中心"
