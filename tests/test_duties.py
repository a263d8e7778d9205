"""Duty statements (成员单位职责, a group's 主要职责, its office's) read from real gazette snippets."""

from pathlib import Path

from govkg.loaders import duties
from govkg.ontology.facts import DutyFact
from tests.conftest import doc_of

FIXTURES = Path(__file__).parent / "fixtures"
GROUP_28 = "吕梁市离石区推动大规模设备更新和消费品以旧换新工作专班"
GROUP_11 = "离石区防治动物重大疫病指挥部"


def by_body(name: str) -> dict[str, DutyFact]:
    return {f.body: f for f in duties.extract(doc_of(name))}


def test_unit_item_with_colon_is_a_duty():
    got = by_body("rosters-lzbf-2024-11.txt")
    assert got["区财政局"].text.startswith("负责保障突发动物疫情"), f"expected 区财政局's duty, got {sorted(got)}"


def test_ascii_colon_item_is_a_duty():
    assert "区住建局" in by_body("rosters-lzbf-2024-11.txt"), "expected `区住建局:` (ASCII colon) read as a duty"


def test_every_unit_of_the_list_is_read():
    got = by_body("rosters-lzbf-2024-11.txt")
    units = {b for b, f in got.items() if not f.collective and not b.startswith(GROUP_11)}
    assert len(units) == 19, f"expected the 19 units of 成员单位职责, got {sorted(units)}"


def test_duty_text_is_at_most_40_characters():
    assert all(len(f.text) <= 40 for f in duties.extract(doc_of("rosters-lzbf-2024-11.txt"))), "text over 40 chars"


def test_duty_context_is_the_group():
    got = by_body("rosters-lzbf-2024-11.txt")
    assert got["区人武部"].context == GROUP_11, f"expected context {GROUP_11}, got {got['区人武部'].context}"


def test_closing_other_units_item_is_a_collective_duty():
    fact = by_body("rosters-lzbf-2024-11.txt").get("其他有关部门")
    assert fact is not None and fact.collective, f"expected a collective duty for 其他有关部门, got {fact}"


def test_numbered_items_with_verb_cut_at_line_end():
    got = by_body("rosters-lzbf-2024-22.txt")
    assert "区医疗保险服务中心" in got and "离石区残联" in got, f"expected `（十二）…中心：负` + `责…`, got {sorted(got)}"


def test_group_main_duty_follows_its_heading_past_the_roster():
    fact = by_body("rosters-lzbh-2024-28.txt").get(GROUP_28)
    assert fact is not None and fact.text.startswith("落实中央、省、市决策部署"), fact


def test_office_duty_from_the_office_sentence():
    fact = by_body("rosters-lzbh-2024-28.txt").get(GROUP_28 + "办公室")
    assert fact is not None and fact.text.startswith("具体协调落实"), fact


def test_roster_rows_and_addressee_lines_are_not_duties():
    got = by_body("rosters-lzbh-2024-28.txt")
    assert set(got) == {GROUP_28, GROUP_28 + "办公室"}, f"expected only the group's and office's duties, got {sorted(got)}"


# --- a county's 成员单位职责 (other places' wording) ---------------------------------------------

GROUP_COUNTY = "清河县防汛抗旱指挥部"


def test_numbered_county_items_are_duties():
    got = by_body("duties-county-zhihuibu.txt")
    assert {"县委宣传部", "县发改局", "县财政局", "县水利局", "县气象局"} <= set(got), \
        f"expected the numbered `N.县…局：负责…` items (ASCII colon too), got {sorted(got)}"


def test_duty_context_ends_with_the_county_group():
    got = by_body("duties-county-zhihuibu.txt")
    assert got["县气象局"].context.endswith(GROUP_COUNTY), f"expected context …{GROUP_COUNTY}, got {got['县气象局'].context}"


def test_item_shared_by_two_units_is_a_duty_of_each():
    got = by_body("duties-county-zhihuibu.txt")
    assert "县公安局" in got and "县交警大队" in got, f"expected `县公安局、县交警大队：负责…` read for both, got {sorted(got)}"


def test_township_phrase_item_is_one_collective_duty():
    fact = by_body("duties-county-zhihuibu.txt").get("各乡（镇）、街道")
    assert fact is not None and fact.collective, f"expected one collective duty for 各乡（镇）、街道, got {fact}"


def test_numbered_closing_other_units_item_is_a_collective_duty():
    fact = by_body("duties-county-zhihuibu.txt").get("其他成员单位")
    assert fact is not None and fact.collective, f"expected `8.其他成员单位要按照…` as a collective duty, got {fact}"


def test_group_duty_under_a_main_duties_heading():
    got = by_body("duties-county-zhihuibu.txt")
    group = next((f for b, f in got.items() if b.endswith(GROUP_COUNTY)), None)
    assert group is not None and group.text.startswith("县防汛抗旱指挥部负责领导"), f"expected the 二、主要职责 text, got {group}"


def test_office_duty_stops_before_the_director_clause():
    got = by_body("duties-county-zhihuibu.txt")
    office = next((f for b, f in got.items() if b.endswith(GROUP_COUNTY + "办公室")), None)
    assert office is not None and office.text == "承担指挥部日常工作", f"expected the clause only, got {office}"


def test_group_duty_list_printed_out_of_order_starts_at_its_first_item():
    fact = next(f for b, f in by_body("rosters-lzbf-2024-11.txt").items() if b.endswith(GROUP_11[3:]))
    assert fact.text.startswith("1."), f"expected the list's item 1 (printed after 2, 3, 5), got {fact.text}"


def test_any_wording_of_a_duty_inside_a_list_of_items():
    got = by_body("duties-city-wordings.txt")
    assert got["市财政局"].text.startswith("将建设资金"), "`市财政局：将…` among duty items is a duty"
    assert got["市司法局"].text.startswith("为工程建设"), "`市司法局：为…提供` among duty items is a duty"
    assert got["XX市水务集团有限公司"].text.startswith("承担"), "a company's duty"


def test_duty_text_on_the_line_after_the_colon():
    got = by_body("duties-city-wordings.txt")
    assert got["市住房和城乡建设局"].text.startswith("负责城区供水管网"), "the colon ends the line, the text follows"


def test_plural_phrase_with_generic_tail_is_one_collective_unit():
    got = by_body("duties-city-wordings.txt")
    assert "各乡镇人民政府、街道办事处" in got and got["各乡镇人民政府、街道办事处"].collective, \
        f"`各乡镇人民政府、街道办事处：` is one collective unit, got {sorted(got)}"
    assert "街道办事处" not in got and "各乡镇人民政府" not in got, "not split into two"


def test_salutation_before_a_report_is_no_duty():
    assert by_body("duties-city-salutation.txt") == {}, "`吕梁市人民政府：` + `根据…` opens a report, it is no duty"


def test_group_duty_heading_naming_the_group():
    got = by_body("duties-county-group-heading.txt")
    group = "平顺县河道保洁工作领导小组"
    assert group in got, f"`二、领导小组主要职责` heads the group's own duty, got {sorted(got)}"
    assert got[group].text.startswith("统筹部署全县河道保洁工作"), "the first paragraph after the heading"


def test_group_duty_under_a_main_functions_heading():
    got = by_body("duties-city-joint-meeting.txt")
    group = "云川市托育服务体系建设联席会议"
    assert group in got and got[group].text.startswith("在市委、市政府领导下"), \
        f"`一、主要职能` gives the 联席会议's own duty; got {sorted(got)}"


def test_units_sharing_one_duty_without_a_colon():
    got = by_body("duties-city-joint-meeting.txt")
    assert {"市委组织部", "市委宣传部"} <= set(got), \
        f"`市委组织部、市委宣传部根据各自职责…` among the items gives both a duty; got {sorted(got)}"


def test_collective_with_brackets_is_one_duty_body():
    got = by_body("duties-city-joint-meeting.txt")
    assert "各县（市、区）人民政府" in got and not any(b.startswith("区）") for b in got), \
        f"the 、 inside `各县（市、区）` does not split the name; got {sorted(got)}"


def test_office_duty_as_a_sentence_of_the_group_duties():
    got = by_body("duties-city-office-sentence.txt")
    office = "云川市创建国家森林城市工作领导小组办公室"
    assert office in got and got[office].text.startswith("负责领导小组日常工作"), \
        f"`领导小组办公室负责…` in 主要职责 is the office's duty; got {sorted(got)}"
