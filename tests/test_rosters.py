"""Leading-group rosters, offices and working sub-groups read from real gazette snippets."""

from pathlib import Path

from govkg.loaders import rosters
from govkg.loaders.text import Document, clean_lines, split_documents
from govkg.ontology.facts import MemberFact, OfficeFact, PostFact

FIXTURES = Path(__file__).parent / "fixtures"
GROUP_28 = "吕梁市离石区推动大规模设备更新和消费品以旧换新工作专班"
GROUP_11 = "离石区防治动物重大疫病指挥部"


def doc_of(name: str) -> Document:
    return split_documents(clean_lines((FIXTURES / name).read_text("utf-8")))[0]


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
