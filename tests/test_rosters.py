"""Leading-group rosters, offices and working sub-groups read from real gazette snippets."""

from pathlib import Path

from govkg.loaders import rosters
from govkg.ontology.facts import MemberFact, OfficeFact, PostFact

from tests.conftest import doc_of

FIXTURES = Path(__file__).parent / "fixtures"
GROUP_28 = "吕梁市离石区推动大规模设备更新和消费品以旧换新工作专班"
GROUP_11 = "离石区防治动物重大疫病指挥部"


def members(name: str, group: str | None = None) -> dict[tuple[str, str], MemberFact]:
    return {(f.member, f.role): f for f in rosters.extract(doc_of(name))
            if isinstance(f, MemberFact) and (group is None or f.group == group)}


def offices(name: str) -> list[OfficeFact]:
    return [f for f in rosters.extract(doc_of(name)) if isinstance(f, OfficeFact)]


def test_group_name_is_the_full_name_after_chengli():
    groups = {f.group for f in rosters.extract(doc_of("rosters-lzbh-2024-28.txt")) if isinstance(f, MemberFact)}
    assert groups == {GROUP_28}, f"expected the one full 专班 name, got {groups}"


def test_spaced_label_gives_its_role():
    got = members("rosters-lzbh-2024-28.txt")
    assert ("王继军", "副组长") in got, f"expected 王继军 副组长 from `副  组  长：`, got {sorted(got)}"


def test_label_printed_after_other_rows_still_gives_zuzhang():
    got = members("rosters-lzbh-2024-28.txt")
    assert got[("张海文", "组长")].member_type == "person", "expected 张海文 组长 as a person member"


def test_unlabeled_row_under_a_one_person_label_is_a_deputy_when_a_locality_leader():
    got = members("rosters-lzbh-2024-28.txt")
    assert ("刘海斌", "副组长") in got, f"expected 政协副主席 刘海斌 as 副组长 (not 常务副组长), got {sorted(got)}"


def test_unlabeled_row_under_a_one_person_label_is_a_member_otherwise():
    got = members("rosters-lzbh-2024-28.txt")
    assert ("李文生", "成员") in got, f"expected 区民政局局长 李文生 as 成员 after the 组长 row, got {sorted(got)}"


def test_two_rows_glued_on_one_line_are_two_members():
    got = members("rosters-lzbh-2024-28.txt")
    assert ("薛军", "成员") in got and ("陈绍瑞", "成员") in got, f"expected 薛军 and 陈绍瑞, got {sorted(got)}"


def test_collective_post_entry_is_one_post_member():
    got = members("rosters-lzbh-2024-28.txt")
    fact = got.get(("各乡镇（街道）乡镇长、主任", "成员"))
    assert fact is not None and fact.member_type == "post", f"expected one collective post member, got {sorted(got)}"


def test_person_row_yields_hold_posts():
    facts = rosters.extract(doc_of("rosters-lzbh-2024-28.txt"))
    held = {(f.body, f.title) for f in facts if isinstance(f, PostFact) and f.person == "张海文"}
    assert held == {("区委", "副书记"), ("区政府", "区长")}, f"expected 区委副书记 and 政府区长, got {held}"


def test_hold_post_qualifier_is_taken_out_of_the_title():
    facts = rosters.extract(doc_of("rosters-lzbh-2024-28.txt"))
    got = [f for f in facts if isinstance(f, PostFact) and f.person == "张新平"]
    assert [(f.body, f.title, f.qualifier) for f in got] == [("市公安局离石分局", "副局长", "主持日常工作")], got


def test_office_sentence_gives_host_and_director():
    got = offices("rosters-lzbh-2024-28.txt")
    assert [(o.group, o.host_body, o.director) for o in got] == [(GROUP_28, "区发改局", "吴卿")], got


def test_office_director_is_also_a_member():
    assert ("吴卿", "办公室主任") in members("rosters-lzbh-2024-28.txt"), "expected 吴卿 as 办公室主任 member"


def test_group_name_comes_from_the_heading_not_the_short_form():
    groups = {f.group for f in rosters.extract(doc_of("rosters-lzbf-2024-11.txt"))
              if isinstance(f, MemberFact) and f.parent is None}
    assert groups == {GROUP_11}, f"expected only {GROUP_11}, got {groups}"


def test_cut_post_is_completed_by_its_stray_fragment():
    got = members("rosters-lzbf-2024-11.txt", GROUP_11)
    assert ("区政府分管农业农村工作的副区长", "指挥长") in got, f"expected the joined 指挥长 post, got {sorted(got)}"


def test_fragment_after_a_completion_keeps_its_role():
    got = members("rosters-lzbf-2024-11.txt", GROUP_11)
    assert ("区应急管理局局长", "副指挥长") in got, f"expected 区应急管理局局长 副指挥长, got {sorted(got)}"


def test_unit_list_gives_body_members_with_head_qualifier():
    got = members("rosters-lzbf-2024-11.txt", GROUP_11)
    fact = got.get(("区城乡环境卫生服务中心", "成员"))
    assert fact is not None and fact.member_type == "body" and fact.qualifier == "负责人", fact
    assert sum(1 for m, r in got if r == "成员") == 19, f"expected 19 unit members, got {sorted(got)}"


def test_office_labels_give_office_members():
    got = members("rosters-lzbf-2024-11.txt", GROUP_11)
    assert ("区农业农村局分管领导", "办公室副主任") in got, f"expected the deputy director post, got {sorted(got)}"


def test_subgroups_are_paired_with_their_content_by_topic():
    facts = [f for f in rosters.extract(doc_of("rosters-lzbf-2024-11.txt"))
             if isinstance(f, MemberFact) and f.role == "牵头单位"]
    leads = {f.group: f.member for f in facts}
    assert leads == {"应急处置组": "区农业农村局", "卫生防疫组": "区卫健局", "综合保障组": "区农业农村局",
                     "治安保卫组": "市公安局离石分局", "新闻报道组": "区委宣传部", "技术专家组": "区农业农村局"}, leads


def test_subgroup_members_carry_parent():
    facts = [f for f in rosters.extract(doc_of("rosters-lzbf-2024-11.txt"))
             if isinstance(f, MemberFact) and f.group == "治安保卫组"]
    assert {(f.member, f.role, f.parent) for f in facts} == {
        ("市公安局离石分局", "牵头单位", GROUP_11), ("区人武部", "成员单位", GROUP_11),
        ("武警离石中队", "成员单位", GROUP_11)}, facts


def test_prose_roster_gives_post_members_and_office():
    got = members("rosters-lzbf-2024-12.txt")
    assert ("分管农业的副区长", "组长") in got and ("区财政局局长", "成员") in got, sorted(got)
    office = offices("rosters-lzbf-2024-12.txt")
    assert [(o.host_body, o.director) for o in office] == [("区农业农村局", "区农业农村局局长")], office


def test_post_list_label_gives_one_post_member_each():
    got = members("rosters-lzbf-2024-17.txt")
    deputies = sorted(m for m, r in got if r == "副组长")
    assert deputies == sorted(["区政府办主任", "区政府经济研究中心主任", "市公安局离石分局分管负责人",
                               "区市场监督管理局主要负责人"]), deputies


def test_rows_under_a_deputy_label_stay_deputies():
    got = members("rosters-lzbf-2024-22.txt")
    assert ("常宏梅", "副组长") in got and ("刘武平", "成员") in got, sorted(got)


def test_office_with_named_director_and_deputies():
    office = offices("rosters-lzbf-2024-22.txt")
    assert [(o.host_body, o.director, o.deputy_directors) for o in office] == [
        ("区医疗保障局", "常宏梅", ["杨小明", "侯艳平", "任凯旋"])], office


def test_adjustment_notice_names_the_group():
    groups = {f.group for f in rosters.extract(doc_of("rosters-lzbh-2024-30.txt")) if isinstance(f, MemberFact)}
    assert groups == {"吕梁市离石区农村房地一体调查确权及不动产登记发证工作领导组"}, groups


def test_person_row_variants():
    assert rosters.parse_person_rows("张三（县委副书记、县长）") == [("张三", "县委副书记、县长")]
    assert rosters.parse_person_rows("王  煌  坪头乡乡长") == [("王煌", "坪头乡乡长")]
    assert rosters.parse_person_rows("区政府分管农业农村") is None, "a cut post is not a person row"


# ---------------------------------------------------------------- attachment titles, scrambled rows

def test_group_name_rebuilt_from_a_cut_attachment_title():
    groups = {f.group for f in rosters.extract(doc_of("rosters-lzbf-2024-17-attachment.txt"))
              if isinstance(f, MemberFact)}
    assert groups == {"吕梁市离石区打击非法集资专项行动专班"}, \
        f"expected 附件：1.吕梁市离石区打击非法集 + 资专项行动专班 joined, not the short 专项行动领导组, got {groups}"


def test_attachment_title_from_three_pieces_beats_the_shorter_chengli_name():
    groups = {f.group for f in rosters.extract(doc_of("rosters-lzbf-2024-22-attachment.txt"))
              if isinstance(f, MemberFact)}
    assert groups == {"2025年度离石区城乡居民基本医疗保险费征缴领导小组"}, \
        f"expected the attachment title rebuilt from head + two stray fragments, got {groups}"


def test_person_rows_printed_above_the_first_label_are_members():
    got = members("rosters-lzbh-2024-30.txt")
    assert ("刘晓艳", "成员") in got and ("任文君", "成员") in got, \
        f"expected the two rows printed before 成  员： to be members, got {sorted(got)}"


def test_office_deputy_named_by_bare_ju_is_the_host_bureaus():
    office = offices("rosters-lzbf-2024-12.txt")
    assert [o.deputy_directors for o in office] == [["区农业农村局分管领导"]], \
        f"expected 副主任由局分管领导担任 read as the host 区农业农村局's, got {office}"


# ---------------------------------------------------------------- county and city wordings

def test_county_office_director_named_with_post_is_a_person():
    office = offices("rosters-county-lingdaoxiaozu.txt")
    assert [(o.host_body, o.director, o.deputy_directors) for o in office] == [("县发改局", "李四", ["陈刚"])], \
        f"expected 办公室主任由县发改局局长李四兼任 -> 李四, 副主任由…副局长陈  刚担任 -> 陈刚, got {office}"


def test_county_office_deputy_holds_the_post_he_is_named_with():
    facts = rosters.extract(doc_of("rosters-county-lingdaoxiaozu.txt"))
    held = {(f.body, f.title) for f in facts if isinstance(f, PostFact) and f.person == "陈刚"}
    assert held == {("县农业农村局", "副局长")}, f"expected 陈刚 to hold 县农业农村局副局长, got {held}"


def test_collective_township_heads_row_is_one_post_member_not_a_person():
    got = members("rosters-county-lingdaoxiaozu.txt")
    fact = got.get(("各乡（镇）乡（镇）长", "成员"))
    assert fact is not None and fact.member_type == "post" and fact.collective, \
        f"expected 各乡（镇）乡（镇）长 as one collective post member, got {sorted(got)}"


def test_county_label_rows_give_roles():
    got = members("rosters-county-lingdaoxiaozu.txt")
    roles = {m: r for m, r in got if r != "办公室主任"}
    assert (roles.get("张三"), roles.get("赵丽华"), roles.get("郑文斌")) == ("组长", "副组长", "成员"), roles


def test_post_printed_before_the_name():
    got = members("rosters-county-zhihuibu-adjust.txt")
    assert ("张三", "指挥长") in got and ("赵丽华", "副指挥长") in got and ("周海燕", "成员") in got, \
        f"expected `县委副书记、县长  张  三` rows read post-first, got {sorted(got)}"


def test_adjustment_title_does_not_leak_into_the_group_name():
    groups = {f.group for f in rosters.extract(doc_of("rosters-county-zhihuibu-adjust.txt"))
              if isinstance(f, MemberFact)}
    assert groups == {"清河县防汛抗旱指挥部"}, f"expected the bare group name, got {groups}"


def test_office_director_before_jianren():
    office = offices("rosters-county-zhihuibu-adjust.txt")
    assert [o.director for o in office] == ["李四"], f"expected 由李四同志兼任办公室主任 -> 李四, got {office}"


def test_table_rows_without_colons_are_labels():
    got = members("rosters-county-table.txt")
    assert ("张三", "指挥长") in got and ("赵丽华", "副指挥长") in got and ("孙志强", "成员") in got, \
        f"expected `指挥长    张  三    县委副书记、县长` table rows, got {sorted(got)}"


def test_posts_before_a_glued_name_belong_to_that_person():
    facts = rosters.extract(doc_of("rosters-county-anweihui.txt"))
    held = {(f.body, f.title) for f in facts if isinstance(f, PostFact) and f.person == "王建国"}
    assert held == {("县委", "常委"), ("县政府", "常务副县长")}, \
        f"expected 县委常委、常务副县长王建国 to be one person's two posts, got {held}"
    assert ("县委常委", "副主任") not in members("rosters-county-anweihui.txt"), "县委常委 is no member of its own"


def test_bracketed_post_after_the_name():
    got = members("rosters-county-anweihui.txt")
    assert ("张三", "主任") in got and ("李四", "成员") in got, f"expected 张三（…） and 李四，… rows, got {sorted(got)}"


def test_prose_roster_with_yi_wei_wording():
    got = members("rosters-county-prose.txt")
    assert {("张三", "组长"), ("王建国", "副组长"), ("赵丽华", "副组长"), ("县直有关部门主要负责人", "成员")} <= set(got), \
        f"expected 成立以县长张三为组长…为成员的X roles, got {sorted(got)}"


def test_prose_roster_group_follows_the_roles():
    groups = {f.group for f in rosters.extract(doc_of("rosters-county-prose.txt")) if isinstance(f, MemberFact)}
    assert groups == {"清河县创建国家卫生县城工作领导小组"}, f"got {groups}"


def test_joint_meeting_convener_and_member_units():
    got = members("rosters-city-lianxihuiyi.txt")
    assert ("刘海军", "召集人") in got and ("马丽君", "副召集人") in got, f"expected 召集人/副召集人, got {sorted(got)}"
    units = sorted(m for m, r in got if r == "成员单位")
    assert len(units) == 7 and all(got[(u, "成员单位")].member_type == "body" for u in units), units


def test_joint_meeting_name_from_jianli_zhidu():
    groups = {f.group for f in rosters.extract(doc_of("rosters-city-lianxihuiyi.txt")) if isinstance(f, MemberFact)}
    assert groups == {"晋中市养老服务工作联席会议"}, f"expected 建立X制度 -> X, got {groups}"


def test_post_first_row_parsing():
    assert rosters.parse_person_rows("县委副书记、县长  张  三") == [("张三", "县委副书记、县长")]
    assert rosters.parse_person_rows("各乡（镇）乡（镇）长") is None, "a collective post is not a person row"


def test_bracketed_rows_joined_by_a_list_mark():
    rows = rosters.parse_person_rows("王建国（县委常委、常务副县长）、赵丽华（县政府副县长）")
    assert rows == [("王建国", "县委常委、常务副县长"), ("赵丽华", "县政府副县长")], f"expected two rows, got {rows}"


def test_task_lead_unit_labels_are_no_roster():
    got = members("rosters-county-task-labels.txt")
    assert not got, f"`牵头单位：…；责任单位：…` lines of a plan assign tasks, not group members; got {sorted(got)}"


def _inline(text: str) -> list:
    from govkg.loaders.text import clean_lines, split_documents
    return rosters.extract(split_documents(clean_lines(text))[0])


def test_office_director_named_with_his_post_in_brackets():
    facts = _inline("县政办〔2024〕9号\n决定成立某县创建国家卫生县城工作领导小组。\n组    长：杨志远    县委副书记、县长\n"
                    "领导小组下设办公室，办公室设在县卫健委，办公室主任由李明辉同志（县卫\n健委主任）兼任。\n")
    got = {(f.member, f.role) for f in facts if isinstance(f, MemberFact)}
    assert ("李明辉", "办公室主任") in got, f"expected the name without its bracketed post, got {sorted(got)}"
    held = {(f.person, f.body, f.title) for f in facts if isinstance(f, PostFact)}
    assert ("李明辉", "县卫健委", "主任") in held, f"expected the bracketed post as held, got {sorted(held)}"


def test_unit_list_ends_at_its_heads_before_a_prose_line():
    facts = _inline("县政办〔2024〕36号\n决定成立某县森林防灭火指挥部。\n总 指 挥：县政府副县长          马丽萍\n"
                    "成    员：县委宣传部、县发改局、县公安局、各镇人民政府分\n管负责同志\n"
                    "指挥部办公室设在县应急管理局，办公室主任由郝强同志兼任。\n")
    got = sorted(f.member for f in facts if isinstance(f, MemberFact) and f.role == "成员")
    assert got == ["县公安局", "县发改局", "县委宣传部", "各镇人民政府"], f"got {got}"


def test_working_groups_with_their_make_up_on_the_heading_line():
    facts = _inline("县政办〔2024〕14号\n决定对某县防汛抗旱指挥部组成人员进行调整。\n指 挥 长：杨志远    县委副书记、县长\n"
                    "（一）综合协调组：由县应急局牵头，县发改委、县水\n利局参加。负责信息汇总，\n"
                    "（二）医疗救治组：牵头单位为县卫健委，成员单位为\n县市场监管局、县红十字会。负责医疗救治。\n"
                    "协调各工作组开展工作。\n")
    got = {(f.group, f.member, f.role) for f in facts if isinstance(f, MemberFact) and f.parent}
    assert got == {("综合协调组", "县应急局", "牵头单位"), ("综合协调组", "县发改委", "成员单位"),
                   ("综合协调组", "县水利局", "成员单位"), ("医疗救治组", "县卫健委", "牵头单位"),
                   ("医疗救治组", "县市场监管局", "成员单位"), ("医疗救治组", "县红十字会", "成员单位")}, sorted(got)


def test_working_groups_in_label_lines_are_not_the_roster():
    facts = _inline("县政办〔2024〕36号\n决定成立某县森林防灭火指挥部。\n总 指 挥：县政府副县长          马丽萍\n"
                    "1.综合协调组\n牵头单位：县应急管理局\n成员单位：县林业局、县气象局\n主要职责：负责火情信息汇总报送。\n"
                    "2.扑救行动组\n牵头单位：县林业局\n成员单位：县消防救援大队、各镇人民政府\n主要职责：负责组织扑救。\n")
    members_ = {(f.group, f.member, f.role) for f in facts if isinstance(f, MemberFact)}
    assert members_ == {("某县森林防灭火指挥部", "马丽萍", "总指挥"),
                        ("综合协调组", "县应急管理局", "牵头单位"), ("综合协调组", "县林业局", "成员单位"),
                        ("综合协调组", "县气象局", "成员单位"), ("扑救行动组", "县林业局", "牵头单位"),
                        ("扑救行动组", "县消防救援大队", "成员单位"), ("扑救行动组", "各镇人民政府", "成员单位")}, \
        sorted(members_)


def test_working_group_members_introduced_by_wei_chengyuan_danwei():
    got = {(f.member, f.role) for f in rosters.extract(doc_of("rosters-county-working-group-forms.txt"))
           if isinstance(f, MemberFact) and f.group == "规划设计组"}
    assert got == {("县住建局", "牵头单位"), ("县自然资源局", "成员单位"), ("县文旅局", "成员单位"),
                   ("古城镇人民政府", "成员单位")}, f"expected `A牵头，B、C为成员单位` read as lead + members, got {sorted(got)}"


def test_working_group_lead_then_member_label():
    got = {(f.member, f.role) for f in rosters.extract(doc_of("rosters-county-working-group-forms.txt"))
           if isinstance(f, MemberFact) and f.group == "资金保障组"}
    assert got == {("县财政局", "牵头单位"), ("县发改局", "成员单位"), ("县审计局", "成员单位"),
                   ("国家税务总局平阳县税务局", "成员单位")}, \
        f"expected `A牵头，成员单位：B、C…` (cut by a page break) read as lead + members, got {sorted(got)}"


def test_row_whose_post_wraps_onto_the_next_line_is_one_row():
    facts = rosters.extract(doc_of("rosters-county-wrapped-post.txt"))
    got = {(f.member, f.role) for f in facts if isinstance(f, MemberFact)}
    held = {(f.person, f.body, f.title) for f in facts if isinstance(f, PostFact)}
    assert ("钱明亮", "成员") in got and ("局局长", "成员") not in got, \
        f"expected the wrapped `…平阳分` + `局局长` to be 钱明亮's post, not a member `局局长`: {sorted(got)}"
    assert ("钱明亮", "大同市生态环境局平阳分局", "局长") in held, f"expected the whole post held, got {sorted(held)}"


def test_locality_leader_who_heads_a_department_under_chengyuan_stays_a_member():
    got = {(f.member, f.role) for f in rosters.extract(doc_of("rosters-county-wrapped-post.txt"))
           if isinstance(f, MemberFact)}
    assert ("段晓峰", "成员") in got and ("段晓峰", "副组长") not in got, \
        f"expected 政协副主席 who also heads 县水利局, listed under 成员, to stay 成员, got {sorted(got)}"


def test_in_charge_phrase_of_a_held_post_is_a_qualifier_not_the_body():
    facts = rosters.extract(doc_of("rosters-district-prose-in-charge.txt"))
    held = {(f.person, f.body, f.title, f.qualifier) for f in facts if isinstance(f, PostFact)}
    assert ("郑国庆", "区政府", "副区长", "分管文旅工作") in held, \
        f"expected `区政府分管文旅工作的副区长郑国庆` to hold (区政府, 副区长) qualified 分管文旅工作, got {sorted(held)}"


def test_label_alone_on_its_line_is_held_by_the_row_below():
    got = members("rosters-county-labels-alone.txt", "清河县城区道路提升工作指挥部")
    assert ("周文博", "指挥长") in got and ("周文博", "副指挥长") not in got, \
        f"expected the first row under a bare `指挥长：` line to be the 指挥长, got {sorted(got)}"


def test_leader_label_under_a_subgroup_heading_belongs_to_the_subgroup():
    facts = [f for f in rosters.extract(doc_of("rosters-county-labels-alone.txt")) if isinstance(f, MemberFact)]
    got = {(f.group, f.member, f.role) for f in facts}
    assert ("路网建设组", "钱立群", "组长") in got, f"expected 钱立群 组长 of the sub-group, got {sorted(got)}"
    assert not any(f.role == "组长" and f.group == "清河县城区道路提升工作指挥部" for f in facts), \
        f"the sub-group's 组长 line must not make main-group members, got {sorted(got)}"


def test_subgroup_with_two_lead_units():
    got = members("rosters-county-labels-alone.txt", "舆论宣传组")
    assert {("县委宣传部", "牵头单位"), ("县政府督查室", "牵头单位"), ("县融媒体中心", "成员单位")} <= set(got), \
        f"expected both units before 牵头 as lead units, got {sorted(got)}"


def test_dui_lead_in_is_not_part_of_the_group_name():
    groups = {f.group for f in rosters.extract(doc_of("rosters-county-adjust-heads-rows.txt"))
              if isinstance(f, MemberFact)}
    assert groups == {"清河县城乡环境整治工作领导小组"}, f"expected the name without `对`, got {groups}"


def test_indented_unit_heads_row_gives_body_members():
    got = members("rosters-county-adjust-heads-rows.txt")
    assert ("县财政局", "成员") in got and ("县农业农村局", "成员") in got, \
        f"expected `A、B分管负责同志` under 成员 as body members, got {sorted(got)}"


def test_single_in_charge_heads_row_is_one_post_member():
    got = members("rosters-county-adjust-heads-rows.txt")
    assert got[("各乡镇分管负责同志", "成员")].member_type == "post", f"got {sorted(got)}"


def test_in_charge_heads_row_keeps_bracketed_enumeration():
    got = members("rosters-city-glued-spaced-name.txt")
    assert ("各县（市、区）人民政府分管负责同志", "成员") in got, f"expected 各县（市、区）… unsplit, got {sorted(got)}"


def test_spaced_name_glued_to_the_previous_post():
    got = members("rosters-city-glued-spaced-name.txt")
    assert ("田野", "成员") in got and ("张杰", "成员") in got, \
        f"expected `市财政局局长张  杰` read as two rows, got {sorted(got)}"


def test_deputy_secretary_general_is_a_plain_member():
    got = members("rosters-city-glued-spaced-name.txt")
    assert ("李振宇", "成员") in got, f"a 副秘书长 under 成员 is no deputy leader, got {sorted(got)}"


def test_prose_roster_with_you_ren_wording():
    got = members("rosters-county-prose-you-ren.txt", "清河县中药材产业发展工作专班")
    assert ("县政府分管副县长", "组长") in got and ("县财政局", "成员") in got, \
        f"expected `成立由…任组长，…为成员的X` read, got {sorted(got)}"
    assert [o.host_body for o in offices("rosters-county-prose-you-ren.txt")] == ["县农业农村局"]


def test_five_character_name_in_a_spaced_row_is_a_person():
    got = members("rosters-banner-displaced-leader.txt")
    assert ("巴特尔朝鲁", "副总指挥") in got, f"expected the minority name 巴特尔朝鲁 as a person row, got {sorted(got)}"


def test_rows_under_a_leader_label_printed_inside_the_deputy_block_are_deputies():
    got = members("rosters-banner-displaced-leader.txt")
    assert ("周强", "副总指挥") in got and ("吴刚", "副总指挥") in got and ("张向东", "总指挥") in got, \
        f"expected rows under `总指挥：` printed right after the 副总指挥 rows to stay 副总指挥, got {sorted(got)}"


def test_composition_in_running_text_gives_convener_roles():
    got = members("rosters-province-joint-meeting.txt")
    assert ("省人民政府分管副省长", "召集人") in got and ("省商务厅主要负责同志", "副召集人") in got, \
        f"expected `召集人由…担任，副召集人由A、B担任` read (负责同志 kept), got {sorted(got)}"


def test_composition_in_running_text_gives_member_and_lead_units():
    got = members("rosters-province-joint-meeting.txt")
    assert ("郑州海关", "成员单位") in got and ("省商务厅", "牵头单位") in got, \
        f"expected `成员单位包括…` and `X为牵头单位` read, got {sorted(got)}"


def test_office_director_post_keeps_fuze_tongzhi():
    got = members("rosters-province-joint-meeting.txt")
    assert ("省商务厅分管负责同志", "办公室主任") in got, \
        f"expected `办公室主任由…分管负责同志兼任` to keep 负责同志 whole, got {sorted(got)}"


# ---------------------------------------------------------------- re-staffing notices, spaced sub-groups

ADJUSTED = "兴国县优化营商环境工作领导小组"
COMMAND = "哈尔滨市南岗区城市更新建设工作指挥部"


def test_group_named_only_in_an_adjusting_title_is_found():
    groups = {f.group for f in rosters.extract(doc_of("rosters-county-adjust-title-only.txt"))
              if isinstance(f, MemberFact)}
    assert groups == {ADJUSTED}, f"expected the group of `关于调整X的通知` / `对X成员进行调整`, got {groups}"


def test_single_unit_named_by_its_head_is_a_body_member():
    got = members("rosters-county-adjust-title-only.txt")
    assert got[("县司法局", "成员")].member_type == "body", \
        f"expected `县司法局主要负责人` alone on a row to make 县司法局 a body member, got {sorted(got)}"


def test_post_row_right_after_the_last_person_row_is_a_member():
    got = members("rosters-county-adjust-title-only.txt")
    assert got.get(("国网兴国县供电公司总经理", "成员")) is not None, \
        f"expected the post row closing the roster as a post member, got {sorted(got)}"


def test_name_wrapped_in_the_office_sentence_is_no_person():
    facts = rosters.extract(doc_of("rosters-district-spaced-subgroups.txt"))
    people = {f.member for f in facts if isinstance(f, MemberFact)} | {f.person for f in facts if isinstance(f, PostFact)}
    assert not any(p.endswith("兼任") for p in people), \
        f"expected `由王` / `立新兼任，…` not to read as a person row, got {sorted(people)}"


def test_unit_named_by_its_head_on_its_own_row_is_a_body_member():
    got = members("rosters-district-spaced-subgroups.txt", COMMAND)
    f = got.get(("市自规局南岗分局", "成员"))
    assert f is not None and f.member_type == "body" and f.qualifier == "负责人", \
        f"expected `市自规局南岗分局负责人` as a body member qualified 负责人, got {sorted(got)}"


def test_subgroup_heading_spaced_from_its_make_up():
    facts = [f for f in rosters.extract(doc_of("rosters-district-spaced-subgroups.txt"))
             if isinstance(f, MemberFact) and f.parent]
    got = {(f.group, f.member, f.role) for f in facts}
    assert ("拆迁征收组", "区住建局", "牵头单位") in got and \
        ("综合保障组", "区委宣传部", "成员单位") in got, \
        f"expected `1.拆迁征收组  区住建局牵头，…` read as that sub-group's make-up, got {sorted(got)}"
    assert not any(g == "工作组" for g, _, _ in got), "a bare `三、工作组` section title is no sub-group"
