"""Tasks and their responsible bodies, read from real snippets of the sample gazette.

Fixtures are copied line for line (blank lines and PDF noise kept); `_doc` gives each line its
number in the sample file, so provenance can be checked against the source.
"""

from pathlib import Path

from govkg.loaders import tasks
from govkg.loaders.text import Document, Line

FIXTURES = Path(__file__).parent / "fixtures"


def _doc(name: str, first_line: int, number: str = "离政发〔2024〕30号") -> Document:
    raw = (FIXTURES / name).read_text("utf-8").splitlines()
    lines = [Line(first_line + i, t.rstrip()) for i, t in enumerate(raw) if t.strip()]
    return Document(number, [Line(first_line - 1, number)] + lines)


def _keys(facts) -> set[tuple[str, str, str]]:
    return {(f.task, f.body, f.role) for f in facts}


def test_task_heading_gives_number_title_and_bodies():
    facts = tasks.extract(_doc("tasks-lzf-2024-30-single.txt", 199))
    assert {f.task for f in facts} == {"1"}, "the task number as printed"
    assert {f.title for f in facts} == {"坚决遏制高耗能、高排放、低水平项目盲目上马"}, "title = heading up to 。"
    assert {f.body for f in facts} == {"区发改局", "区工科局", "市生态环境局离石分局", "区能源局", "区行政审批局",
                                      "区交通局"}, "six bodies as printed, 等 removed, no white space"
    assert {f.role for f in facts} == {"responsible"}, "按职责分工负责落实 -> responsible"


def test_body_line_is_where_the_name_starts():
    facts = {f.body: f.line for f in tasks.extract(_doc("tasks-lzf-2024-30-single.txt", 199))}
    assert facts["区发改局"] == 213, "区发改局 starts on line 213"
    assert facts["区能源局"] == 215, "区能源局 starts on line 215 (`区` ends that line)"
    assert facts["区行政审批局"] == 216, "区行政审批局 is on line 216"


def test_lead_and_collective_in_one_parenthesis():
    facts = tasks.extract(_doc("tasks-lzf-2024-30-lead.txt", 1109))
    assert _keys(facts) == {("35", "市生态环境局离石分局", "lead"), ("35", "区直相关部门", "responsible")}, \
        "牵头 -> lead, the collective takes the role of its own list"
    collective = {f.body: f.collective for f in facts}
    assert collective["区直相关部门"] is True and collective["市生态环境局离石分局"] is None, \
        "only the collective phrase is marked collective"


def test_township_phrase_with_enumeration_comma_is_one_collective():
    facts = tasks.extract(_doc("tasks-lzf-2024-30-collective.txt", 712))
    bodies = {f.body for f in facts if f.collective}
    assert bodies == {"各乡（镇）人民政府、街道办事处"}, "各乡（镇）人民政府、街道办事处 is one collective phrase"
    assert ("20", "区住建局", "responsible") in _keys(facts), "the named bodies before it are kept"


def test_split_parenthesis_is_joined_with_its_orphan_end():
    facts = tasks.extract(_doc("tasks-lzf-2024-30-split-paren.txt", 381))
    nine = {f.body for f in facts if f.task == "9"}
    assert "区自然资源局" in nine, "区自然资 + 源局 across the other task's block joins into one name"
    assert {"市生态环境局离石分局", "区住建局", "区农业农村局", "区发改局"} <= nine, "both halves kept"
    line = next(f.line for f in facts if f.task == "9" and f.body == "区住建局")
    assert line == 411, "a body of the orphan half points at the orphan's line"
    eleven = {f.body for f in facts if f.task == "11"}
    assert "区自然资源局" not in eleven and "住建局" in eleven, "task 11 keeps only its own parenthesis"


def test_cut_task_takes_the_block_that_completes_its_word():
    facts = _keys(tasks.extract(_doc("tasks-lzf-2024-30-cut-blocks.txt", 1044)))
    assert ("34", "区税务局", "responsible") in facts, "`…符合条件的企` continues with `业、金融机构…` of task 34"
    assert not any(t == "35" and b == "区税务局" for t, b, _ in facts), "not the task printed before the block"
    assert ("32", "区交通局", "responsible") in facts, "the second paragraph of task 32 stays with task 32"
    assert ("33", "市公安局离石分局", "responsible") in facts, "task 33's own parenthesis"


def test_labelled_lead_and_responsible_units_in_nested_numbering():
    facts = tasks.extract(_doc("tasks-lzbf-2024-17-labels.txt", 5413, "离政办发〔2024〕17号"))
    keys = _keys(facts)
    assert ("二", "区委政法委", "lead") in keys, "牵头单位：… -> lead"
    assert ("二", "各成员单位", "responsible") in keys, "责任单位：各成员单位 -> responsible collective"
    assert ("三", "区政府经济研究中心", "lead") in keys, "a lone 牵头单位 with a closing 。 inside"


def test_parse_assignment_mixed_roles():
    found = [(b, r) for _, b, r in tasks.parse_assignment(
        "冬季清洁取暖领导小组办公室负责，冬季清洁取暖领导小组成员单位按职责分工配合，各乡镇人民政府、街道办事处负责落实")]
    assert found == [("冬季清洁取暖领导小组办公室", "responsible"), ("冬季清洁取暖领导小组成员单位", "support"),
                     ("各乡镇人民政府、街道办事处", "responsible")], "each list takes its own role phrase"


def test_parenthesis_without_role_is_not_a_responsibility():
    assert tasks.parse_assignment("运距500公里以上") == [], "an ordinary parenthesis names no body"
    assert tasks.parse_assignment("煤电项目除外") == [], "an ordinary parenthesis names no body"
