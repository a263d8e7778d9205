"""Tasks printed as a table: `序号 | 任务 | 牵头单位 | 配合单位 | 完成时限`.

Task breakdown tables (任务分解表, 责任分工表) come out of PDF extraction flattened: a row on one
line with its cells apart by spaces, or every cell on a line of its own. Both are read the same way:
the header names the columns; a row starts at a bare number (序号); what follows it up to the next
number is the row's text. The cells that are lists of bodies fill the role columns in header order
(牵头单位 -> lead, 配合单位 -> support); the text before them is the task; other columns (dates,
measures) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkg.loaders.tasks.pieces import heading, whole_name
from govkg.loaders.tasks.statements import (ROLE_LABELS, STOP_LABELS, TRAILING_ETC, is_collective, looks_like_body,
                                            split_top)
from govkg.loaders.text import Line
from govkg.ontology.facts import TaskFact

# Half a name, its brackets left out: Chinese characters only (no digits, no full stop).
NAME_PART = re.compile(r"^[\u4e00-\u9fff]+$")
EMPTY_CELL = ("—", "－", "-", "/", "无", "——")
ROLE_OF_COLUMN = {name: role for role, names in ROLE_LABELS.items() for name in names}
NUMBER = re.compile(r"^\s*(\d{1,3})(?:\s+|$)")
# Column names of the task itself (the first of them gives the title).
TASK_COLUMNS = ("任务", "事项", "项目", "内容", "措施", "名称", "工作")


@dataclass
class Header:
    line_index: int  # index of the header's last line
    roles: list[str]  # the roles of the role columns, left to right
    text_columns: int  # columns between 序号 and the first role column (the task's own text)


_COLUMN_GAP = re.compile(r"[\s|｜]+")


def _column_names(text: str) -> list[str]:
    return [c for c in _COLUMN_GAP.split(text.strip()) if c]


def _is_column_name(name: str) -> bool:
    return name == "序号" or name in ROLE_OF_COLUMN or name in STOP_LABELS or \
        any(w in name for w in TASK_COLUMNS) or name in ("备注", "责任领导", "牵头领导")


def find_header(lines: list[Line]) -> Header | None:
    """The table header: 序号 and at least one role column, on one line or one name per line."""
    for i, ln in enumerate(lines):
        if "序号" not in ln.text:
            continue  # (a look at C speed) no header starts on this line: its first column would be 序号
        names = _column_names(ln.text)
        if not names or names[0] != "序号":
            continue
        last = i
        if len(names) == 1:  # one column name per line
            while last + 1 < len(lines) and len(_column_names(lines[last + 1].text)) == 1 \
                    and _is_column_name(lines[last + 1].text.strip()):
                last += 1
                names.append(lines[last].text.strip())
        roles = [ROLE_OF_COLUMN[n] for n in names if n in ROLE_OF_COLUMN]
        if roles and all(_is_column_name(n) for n in names):
            first_role = next(k for k, n in enumerate(names) if n in ROLE_OF_COLUMN)
            return Header(last, roles, max(first_role - 1, 0))
    return None


def _body_list(cell: str) -> list[str] | None:
    """The bodies of a cell that lists bodies (`县财政局、城关镇人民政府`), else None."""
    names = [TRAILING_ETC.sub("", p) for _, p in split_top(cell, "、，,；;")]
    names = [n for n in names if n]
    return names if names and all(looks_like_body(n) for n in names) else None


def _rows(lines: list[Line]) -> list[list[tuple[str, int]]]:
    """Rows as lists of (cell, line number); a row starts at a number and ends at the next one,
    at a heading or at the end of the table's lines. A section row (`二、壮大康养产业` followed by a
    numbered row) and the header repeated after a page break are no part of any row."""
    rows: list[list[tuple[str, int]]] = []
    in_header = False
    for k, ln in enumerate(lines):
        names = _column_names(ln.text)
        if names and names[0] == "序号" and all(_is_column_name(n) for n in names):
            in_header = True
            continue
        if in_header and len(names) == 1 and _is_column_name(names[0]):
            continue
        in_header = False
        m = NUMBER.match(ln.text)
        if m:
            rows.append([(m.group(1), ln.number)])
            rest = ln.text[m.end():]
        elif not rows:
            continue
        elif heading("".join(ln.text.split())):
            if k + 1 < len(lines) and NUMBER.match(lines[k + 1].text) and "。" not in ln.text:
                rows.append([])  # a section row closes the row above it
                continue
            break
        else:
            rest = ln.text
        rows[-1] += [(c, ln.number) for c in _column_names(rest)]
    return [r for r in rows if r]


def _cells(row: list[tuple[str, int]], text_columns: int) -> tuple[str, list[tuple[list[str], int]]]:
    """(task text, [(bodies, line)]) of one row; a wrapped body list is rejoined.

    The first cells are the task's own columns whatever they look like (`新建幼儿园2所` ends as a
    body name would). A list cut mid-name (`…、县发` + `改局`) joins the next cell; a list cut after
    an enumeration comma (`县发改局、县财政局、`) goes on in the next list cell, which a flattened
    row may print after the cells to its right (the wrapped line of a table row comes last).
    """
    task = [cell for cell, _ in row[1:1 + text_columns]]
    lists: list[tuple[list[str], int]] = []
    pending = ""
    open_list = -1  # index in `lists` of a list that ended with an enumeration comma
    for cell, line in _rejoined(row[1 + text_columns:]):
        if pending:
            cell, pending = pending + cell, ""
        if cell in EMPTY_CELL and lists:
            lists.append(([], line))  # `—`: no body in this column
            continue
        bodies = _body_list(cell)
        if bodies and open_list >= 0:
            lists[open_list][0].extend(bodies)
            open_list = -1 if not cell.endswith(("、", "，")) else open_list
        elif bodies:
            lists.append((bodies, line))
            open_list = len(lists) - 1 if cell.endswith(("、", "，")) else -1
        elif cell.endswith(("、", "，")):
            pending = cell
        elif not lists:
            task.append(cell)
    return "".join(task), lists


def _rejoined(cells: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Cells of a list wrapped mid-name put back together: `…、阳城县人` + `民政府、泽州县人民政府`.

    A cell of body names whose last name is cut short (`阳城县人`, `各县（市、区）人民`) goes on in the
    next cell when the two halves make a name; a one-name cell only among the role columns (after
    a list), so that the task's own text is never taken for half a name."""
    out: list[tuple[str, int]] = []
    listed = False  # a cell listing bodies was seen
    for cell, line in cells:
        if out:
            items = [n for _, n in split_top(out[-1][0], "、，,；;")]
            first = split_top(cell, "、，,；;")[0][1]
            if items[-1] and first and NAME_PART.match(re.sub(r"[（(][^）)]*[）)]", "", items[-1])) and not whole_name(items[-1]) \
                    and looks_like_body(TRAILING_ETC.sub("", items[-1] + first)) and (listed or len(items) > 1) \
                    and all(looks_like_body(TRAILING_ETC.sub("", n)) for n in items[:-1]):
                out[-1] = (out[-1][0] + cell, out[-1][1])
                continue
        listed = listed or _body_list(cell) is not None
        out.append((cell, line))
    return out


def extract_table(doc_number: str, lines: list[Line]) -> list[TaskFact]:
    """TaskFacts of a task table in these lines (none when there is no table header)."""
    header = find_header(lines)
    if header is None:
        return []
    facts: list[TaskFact] = []
    for row in _rows(lines[header.line_index + 1:]):
        task, lists = _cells(row, header.text_columns)
        title = task.split("。")[0]
        if not title:
            continue
        for (bodies, line), role in zip(lists, header.roles):
            for body in bodies:
                facts.append(TaskFact(doc=doc_number, line=line, task=row[0][0], title=title, body=body,
                                      role=role, collective=True if is_collective(body) else None))
    return facts
