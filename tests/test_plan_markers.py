"""Responsibility marks of plans as provinces and cities print them, in other places' words
(a Jiangxi / Hunan / Sichuan style; not copied from the documents the real-document gold scores)."""

from __future__ import annotations

from govkg.loaders import tasks
from govkg.loaders.text import clean_lines, split_documents


def read(text: str) -> set[tuple[str, str, str]]:
    """(task, body, role); a task numbered once in the whole plan keeps its number as printed."""
    doc = split_documents(clean_lines(text), "t.txt")[0]
    return {(f.task, f.body, f.role) for f in tasks.extract(doc)}


HEAD = "江西省人民政府办公厅关于印发江西省促进消费行动方案的通知\n赣府厅字〔2023〕15号\n各设区市人民政府，省政府各部门：\n"


def test_lead_and_support_in_one_bracket() -> None:
    got = read(HEAD + "一、重点任务\n（一）扩大汽车消费。鼓励以旧换新。（省商务厅牵头，省公安厅、省财政厅配合）\n")
    assert got == {("一", "省商务厅", "lead"), ("一", "省公安厅", "support"), ("一", "省财政厅", "support")}, got


def test_one_body_responsible() -> None:
    got = read(HEAD + "一、重点任务\n（一）提升口岸效率。压缩通关时间。（南昌海关负责）\n")
    assert got == {("一", "南昌海关", "responsible")}, got


def test_labelled_lead_and_responsible_units() -> None:
    got = read(HEAD + "一、重点任务\n1.加快农村电商发展。建设县级电商中心。（牵头单位：省商务厅；责任单位：省农业农村厅、省邮政管理局）\n")
    assert got == {("1", "省商务厅", "lead"), ("1", "省农业农村厅", "responsible"),
                   ("1", "省邮政管理局", "responsible")}, got


def test_responsible_units_with_a_collective_of_cities() -> None:
    got = read(HEAD + "一、重点任务\n（一）建设县域商业体系。完善网点布局。（责任单位：省商务厅、省发展改革委，各设区市政府）\n")
    assert ("一", "省商务厅", "responsible") in got and ("一", "省发展改革委", "responsible") in got, got
    assert ("一", "各设区市政府", "responsible") in got, f"the collective of cities is kept as printed: {got}"


def test_responsible_department_label() -> None:
    got = read(HEAD + "一、重点任务\n（一）强化创业培训。开展创业培训5万人次。（责任部门：省人力资源社会保障厅、省教育厅）\n")
    assert got == {("一", "省人力资源社会保障厅", "responsible"), ("一", "省教育厅", "responsible")}, got


def test_division_of_work_line() -> None:
    got = read(HEAD + "一、重点任务\n（一）培育消费新场景。打造夜间消费街区。\n部门分工：省商务厅牵头，省文化和旅游厅配合。\n")
    assert got == {("一", "省商务厅", "lead"), ("一", "省文化和旅游厅", "support")}, got


def test_half_width_brackets_and_colons() -> None:
    got = read(HEAD + "一、重点任务\n(一)扩大家电消费。开展家电下乡。(责任单位:省商务厅、省财政厅)\n")
    assert got == {("一", "省商务厅", "responsible"), ("一", "省财政厅", "responsible")}, got


def test_a_flattened_plan_on_one_line() -> None:
    text = ("江西省人民政府办公厅关于印发江西省促进消费行动方案的通知各设区市人民政府：现将方案印发给你们。"
            "一、重点任务（一）扩大汽车消费。鼓励以旧换新。（责任单位：省商务厅）（二）“赣品网上行”工程。"
            "开展线上促销。（责任单位：省商务厅、省邮政管理局）（三）提升餐饮消费。举办美食节。（责任单位：省商务厅）\n")
    got = read(text)
    assert ("二", "省邮政管理局", "responsible") in got and ("三", "省商务厅", "responsible") in got, got


def test_numbers_that_restart_in_each_section_are_paths() -> None:
    got = read(HEAD + "一、扩大消费\n（一）汽车。鼓励换新。（责任单位：省商务厅）\n二、稳定就业\n"
               "（一）创业。开展培训。（责任单位：省人力资源社会保障厅）\n")
    assert got == {("一.一", "省商务厅", "responsible"), ("二.一", "省人力资源社会保障厅", "responsible")}, got


def test_a_kind_of_body_named_after_a_place_belongs_to_that_place() -> None:
    got = read(HEAD + "一、重点任务\n（一）稳定就业岗位。开发公益岗位。（责任单位：省人力资源社会保障厅；"
               "各设区市人力资源社会保障局、财政局，赣江新区社会发展局、财政金融局）\n")
    bodies = {b for _, b, _ in got}
    assert {"各设区市财政局", "赣江新区财政金融局", "省人力资源社会保障厅"} <= bodies, bodies


def test_units_sharing_their_work_after_a_lead() -> None:
    got = read(HEAD + "一、重点任务\n（一）加强河道治理。（责任单位：省水利厅牵头，省财政厅、长江航务局等部门分工负责）\n")
    assert got == {("一", "省水利厅", "lead"), ("一", "省财政厅", "responsible"), ("一", "长江航务局", "responsible")}, got


def test_bodies_named_as_lead_and_responsible_units_in_prose() -> None:
    from govkg.loaders.tasks.statements import prose_assignment
    got = {(b, r) for _, b, r in prose_assignment(
        "省能源局和省林业局为全省林区电网改造的总牵头单位，市县林业局为责任单位，市县财政部门要做好资产注销。")}
    assert got == {("省能源局", "lead"), ("省林业局", "lead"), ("市县林业局", "responsible")}, got


def test_the_lead_units_of_a_working_group_are_a_collective() -> None:
    got = read(HEAD + "一、重点任务\n（一）培育新兴产业。（省新兴产业工作专班牵头单位负责）\n")
    assert got == {("一", "省新兴产业工作专班牵头单位", "responsible")}, got
    doc = split_documents(clean_lines(HEAD + "一、重点任务\n（一）培育新兴产业。（省新兴产业工作专班牵头单位负责）\n"), "t")[0]
    assert all(f.collective for f in tasks.extract(doc)), "the lead units of a 专班 are many bodies"


def test_a_plan_saying_the_first_listed_unit_leads() -> None:
    got = read(HEAD + "一、重点任务\n（一）稳定务工规模。（责任单位：省就业服务中心，各地人力资源社会保障部门；排名第一为牵头单位，下同）\n"
               "（二）促进就地就近就业。（责任单位：就业促进处、省就业服务中心）\n")
    assert ("一", "省就业服务中心", "lead") in got and ("二", "就业促进处", "lead") in got, got
    assert ("二", "省就业服务中心", "responsible") in got, got
