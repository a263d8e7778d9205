"""Appointment and removal items read from real gazette snippets (tests/fixtures)."""

from pathlib import Path

from govkg.loaders import appointments
from govkg.loaders.text import clean_lines, split_documents

from tests.conftest import doc_of

FIXTURES = Path(__file__).parent / "fixtures"


def posts(name: str, event: str | None = None) -> dict:
    facts = appointments.extract(doc_of(name))
    return {(f.person, f.body, f.title): f for f in facts if event is None or f.event == event}


def test_every_ren_item_of_a_notice_is_an_appointment():
    got = posts("appointments-lzf-2024-26.txt", "appoint")
    assert len(got) == 9, f"expected the 9 任 items, got {sorted(got)}"


def test_appointment_body_and_title_are_split():
    got = posts("appointments-lzf-2024-26.txt")
    assert ("孙海峰", "区教育体育局", "督学") in got, f"expected 孙海峰 督学 of 区教育体育局, got {sorted(got)}"


def test_appointment_line_is_the_item_line():
    got = posts("appointments-lzf-2024-26.txt")
    assert got[("李育锋", "区教育体育事业发展中心", "主任")].line == 3, "expected line 3 of the fixture"


def test_wei_items_are_appointments():
    got = posts("appointments-lzf-2024-31.txt", "appoint")
    assert ("王迎平", "区人力资源和社会保障局", "副局长") in got, "expected `X同志为…` to be an appointment"


def test_name_with_inner_spaces_is_squashed():
    got = posts("appointments-lzf-2024-31.txt")
    assert ("李鑫", "区文化旅游投资集团有限公司", "董事长") in got, f"expected 李  鑫 -> 李鑫, got {sorted(got)}"


def test_probation_marks_the_appointment():
    got = posts("appointments-lzf-2024-31.txt")
    assert got[("薛洁祥", "凤山街道办事处", "副主任")].probation is True, "expected probation for （试用期一年）"
    assert got[("吴彦祥", "凤山街道办事处", "主任")].probation is False, "expected no probation without the mark"


def test_removals_after_mianqu_header():
    got = posts("appointments-lzf-2024-31.txt", "remove")
    assert len(got) == 7, f"expected the 7 `X同志…职务` items, got {sorted(got)}"
    assert ("任凯旋", "区综合检验检测中心", "副主任") in got, "expected the removal of 任凯旋"
    assert all(f.probation is None for f in got.values()), "probation is for appointments only"


def test_same_person_appointed_and_removed():
    got = posts("appointments-lzf-2024-31.txt")
    assert got[("李永军", "区能源局", "副局长")].event == "appoint", "expected the new post as appoint"
    assert got[("李永军", "区文化和旅游局", "副局长")].event == "remove", "expected the old post as remove"


def test_roster_is_not_read_as_appointments():
    got = posts("appointments-lzbh-2024-30.txt")
    assert not got, f"a leading-group roster holds no 任免 items, got {sorted(got)}"


def test_leader_named_in_running_text_holds_post():
    got = posts("replies-lzbh-2024-15.txt", "hold")
    assert set(got) == {("孙大军", "市委", "书记")}, f"expected only 市委书记孙大军, got {sorted(got)}"


def test_lead_in_and_appended_removal_in_one_item():
    doc = split_documents(clean_lines("县政发〔2023〕5号\n经研究，决定任命王小明同志为县教育局局长，免去其县文化局副局长职务。\n"))[0]
    got = {(f.person, f.body, f.title, f.event) for f in appointments.extract(doc)}
    assert got == {("王小明", "县教育局", "局长", "appoint"), ("王小明", "县文化局", "副局长", "remove")}, f"got {got}"


# ---------------------------------------------------------------- county and city wordings

def test_renming_wei_items_of_a_county_notice():
    got = posts("appointments-county-renmian.txt", "appoint")
    assert ("张三", "县发展和改革局", "局长") in got, f"expected 任命张三为县发展和改革局局长, got {sorted(got)}"


def test_mianqu_de_zhiwu_is_a_removal():
    got = posts("appointments-county-renmian.txt", "remove")
    assert ("李四", "县财政局", "副局长") in got, f"expected 免去李四的县财政局副局长职务, got {sorted(got)}"


def test_removal_with_tongzhi_de_and_a_trailing_note():
    got = posts("appointments-county-renmian.txt", "remove")
    assert ("赵明", "县农业农村局", "局长") in got, f"expected 免去赵  明同志的…职务，另有任用, got {sorted(got)}"


def test_pinren_is_an_appointment():
    got = posts("appointments-county-renmian.txt", "appoint")
    assert ("刘小红", "县疾病预防控制中心", "主任") in got, f"expected 聘任刘小红为…主任, got {sorted(got)}"


def test_secondment_note_is_a_qualifier():
    got = posts("appointments-county-renmian.txt")
    assert got[("陈晓东", "县商务局", "副局长")].qualifier == "挂职", "expected （挂职） as the qualifier"


def test_probation_after_a_comma():
    got = posts("appointments-county-probation.txt", "appoint")
    assert got[("张三", "县教育局", "副局长")].probation is True, "expected `任命…，试用期一年` as probation"


def test_probation_for_all_listed_before():
    got = posts("appointments-county-probation.txt", "appoint")
    assert got[("周洁", "县第一中学", "校长")].probation is True, "expected `以上任命人员试用期一年` to cover 周洁"


def test_three_character_name_before_de_in_a_mianqu_section():
    got = posts("appointments-city-headers.txt", "remove")
    assert set(got) == {("郭晓明", "市交通运输局", "副局长"), ("冯建军", "市城市管理局", "副局长")}, \
        f"expected `郭晓明的市…职务` under 免去： with the whole name, got {sorted(got)}"


def test_bu_zai_dan_ren_in_a_mianqu_section():
    got = posts("appointments-county-probation.txt", "remove")
    assert ("李文华", "县统计局", "局长") in got, f"expected `李文华不再担任…职务` under 免去：, got {sorted(got)}"


def test_city_deputy_secretary_general():
    got = posts("appointments-city-headers.txt", "appoint")
    assert ("李娜", "市人民政府", "副秘书长") in got, f"expected 李  娜为市人民政府副秘书长, got {sorted(got)}"


def test_group_office_director_is_no_appointment():
    got = posts("rosters-county-zhihuibu-adjust.txt", "appoint")
    assert not got, f"`由李四同志兼任办公室主任` names a group's office, not an appointment; got {sorted(got)}"


def test_items_after_jueding_header_without_tongzhi():
    got = posts("appointments-city-jueding.txt", "appoint")
    assert ("王五", "市发展和改革委员会", "主任") in got, f"expected `王  五任…` after 研究决定： as appointment, got {sorted(got)}"


def test_removal_with_a_note_after_zhiwu():
    got = posts("appointments-city-jueding.txt", "remove")
    assert ("孙七", "市财政局", "局长") in got, f"expected `…职务（退休）` as a removal, got {sorted(got)}"


def _inline(text: str) -> dict:
    doc = split_documents(clean_lines(text))[0]
    return {(f.person, f.body, f.title, f.event): f for f in appointments.extract(doc)}


def test_a_second_person_after_a_comma_shares_the_verb():
    got = _inline("县政发〔2024〕12号\n决定：\n任命赵建国为县财政局局长，冯  涛为县财政局副局长；\n"
                  "免去段志明的县财政局局长职务，韩  梅的县教育局副局长\n职务。\n")
    want = {("赵建国", "县财政局", "局长", "appoint"), ("冯涛", "县财政局", "副局长", "appoint"),
            ("段志明", "县财政局", "局长", "remove"), ("韩梅", "县教育局", "副局长", "remove")}
    assert set(got) == want, f"expected both persons of each chained item, got {sorted(got)}"


def test_a_trailing_clause_after_a_comma_is_no_person():
    got = _inline("县政发〔2024〕12号\n任命赵建国为县财政局局长，任期三年；\n免去李四的县财政局副局长职务，另有任用。\n")
    assert set(got) == {("赵建国", "县财政局", "局长", "appoint"), ("李四", "县财政局", "副局长", "remove")}, sorted(got)


def test_item_cut_after_an_enumeration_comma_continues_on_the_next_line():
    got = _inline("县政〔2024〕21号\n经县人民政府研究，决定：任命杜宏伟、\n刘晓燕同志为紫云镇人民政府副镇长（试用期一年）；\n")
    assert {(p, b) for p, b, _, _ in got} == {("杜宏伟", "紫云镇人民政府"), ("刘晓燕", "紫云镇人民政府")}, sorted(got)
    assert all(f.probation for f in got.values()), "both share the item's probation"


def test_removal_of_a_township_post_splits_the_name_at_de():
    got = _inline("县政〔2024〕21号\n决定：免去王晓军的紫云镇人民政府副镇长职务。\n")
    assert set(got) == {("王晓军", "紫云镇人民政府", "副镇长", "remove")}, \
        f"a township post opens with no level; 的 separates the name, got {sorted(got)}"


def test_guazhi_ren_is_a_seconded_appointment():
    got = posts("appointments-county-secondment-verb.txt", "appoint")
    fact = got.get(("吴昊", "县发展和改革局", "副局长"))
    assert fact is not None and fact.qualifier == "挂职" and not fact.probation, \
        f"expected `X同志挂职任…` as an appointment qualified 挂职 (no probation), got {sorted(got)}"


def test_leader_named_in_text_before_an_adverb_and_an_action():
    got = posts("appointments-district-leaders-in-text.txt", "hold")
    assert ("王秀兰", "区政府", "副区长") in got, f"expected `副区长王秀兰多次深入…` as held, got {sorted(got)}"


def test_department_head_named_in_text_before_an_action():
    got = posts("appointments-district-leaders-in-text.txt", "hold")
    assert ("刘志明", "区交通运输局", "局长") in got, f"expected `，区交通运输局局长刘志明带队` as held, got {sorted(got)}"


def test_post_string_named_in_text_gives_every_post():
    got = posts("appointments-district-leaders-in-text.txt", "hold")
    assert {("赵海涛", "区委", "常委"), ("赵海涛", "区政府", "常务副区长")} <= set(got), \
        f"expected `区委常委、常务副区长赵海涛带队` (name wrapped) to hold both posts, got {sorted(got)}"


def test_post_named_without_its_holder_gives_no_person():
    got = posts("appointments-district-leaders-in-text.txt", "hold")
    assert {p for p, _, _ in got} == {"刘志明", "赵海涛", "王秀兰"}, \
        f"expected only the three named leaders (`副区长牵头召开`, `区长主持召开` name no one), got {sorted(got)}"


def test_party_organ_is_a_body_of_its_own_and_the_next_title_is_of_the_unit() -> None:
    from govkg.loaders.names import Post, split_post_string
    assert split_post_string("县住建局党组书记、局长") == [Post("县住建局党组", "书记"), Post("县住建局", "局长")], \
        "the 党组 secretary sits on the party group; the 局长 heads the bureau itself"
    assert split_post_string("新集镇党委副书记、镇长")[1] == Post("新集镇人民政府", "镇长"), "a 镇长 heads the township government"


def test_item_without_a_unit_takes_the_unit_of_its_block_heading():
    got = posts("appointments-city-unit-blocks.txt", "appoint")
    assert ("孙阳", "市民政局", "副局长") in got, f"expected 副局长 of the heading's 市民政局, got {list(got)}"


def test_item_after_a_block_heading_with_a_trailing_mianqu_qi():
    got = posts("appointments-city-unit-blocks.txt")
    assert ("王刚", "市园林绿化服务中心", "主任") in got and ("王刚", "市民政局", "副局长") in got, \
        f"expected 王刚 appointed and removed (…任X，免去其Y职务 under a heading), got {list(got)}"


def test_two_names_before_tongzhi_de_share_a_removal():
    got = posts("appointments-county-shared-removal.txt", "remove")
    assert ("李平", "县民政局", "副局长") in got and ("周海燕", "县民政局", "副局长") in got, \
        f"expected both persons of `免去A、B同志的…职务`, got {list(got)}"


def test_reason_clause_before_mianqu_qi():
    got = posts("appointments-county-shared-removal.txt", "remove")
    assert ("方建国", "县水利局", "副局长") in got, f"expected `X同志因…，免去其…职务` read, got {list(got)}"


def test_a_sub_unit_after_its_bureau_belongs_to_that_bureau() -> None:
    from govkg.loaders.names import Post, split_post_string
    assert split_post_string("市公安局副局长、交警支队支队长")[1] == Post("市公安局交警支队", "支队长"), \
        "交警支队 printed after 市公安局 is that bureau's detachment"


def test_name_opening_with_qi_before_tongzhi_is_a_person():
    got = posts("appointments-banner-qi-name.txt")
    assert ("其木格", "旗卫生健康委员会", "副主任") in got and ("其木格", "旗医疗保障局", "副局长") in got, \
        f"expected `其木格同志任…，免去其…职务` read although 其 can open a clause, got {list(got)}"


def test_long_minority_name_after_leader_post_holds_it():
    got = posts("appointments-banner-qi-name.txt", "hold")
    assert any(k[0] == "巴特尔朝鲁" and k[2] == "副旗长" for k in got), \
        f"expected `副旗长巴特尔朝鲁多次带领…` to give a 5-character name a hold fact, got {list(got)}"


def test_two_removals_joined_after_zhiwu_are_split():
    got = posts("appointments-province-removal-pair.txt", "remove")
    assert ("陈明", "河南省交通运输厅", "副厅长") in got and ("许丽华", "河南省农业农村厅", "二级巡视员") in got, \
        f"expected `免去A同志的X职务、B同志的Y职务` as two removals, got {list(got)}"


def test_ren_item_under_a_mianqu_header_is_an_appointment():
    got = posts("appointments-province-removal-pair.txt")
    assert got[("孔伟", "河南省档案馆", "馆长")].event == "appoint", \
        f"expected `X任A，免去其B职务` under `免去：` to appoint X to A, got {list(got)}"
    assert ("孔伟", "河南省人民政府办公厅秘书处", "处长") in got, f"expected the removal too, got {list(got)}"


def test_danren_after_a_leader_post_is_no_name():
    got = posts("appointments-province-removal-pair.txt", "hold")
    assert not any(k[0] == "担任" for k in got), f"`副省长担任…` names nobody, got {list(got)}"
