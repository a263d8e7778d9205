"""Facts one document states twice over: what a second reading of the extracted facts adds.

A 工作规则 or an emergency plan may never list its 成员单位 and yet print a `成员单位职责` list, one
item per unit (`（三）省委宣传部：主要负责…`). The list *is* the membership: each unit it charges
is a member unit of the group. So when a document prints such a heading and names no member (unit or person)
of the group anywhere else, every unit charged in the list is recorded as a 成员单位, on the
duty's line.
"""

from __future__ import annotations

import re

from govkg.loaders.names import is_collective
from govkg.loaders.text import Document
from govkg.ontology.facts import DutyFact, FactBase, MemberFact

MEMBER_DUTIES_HEADING = re.compile(r"成员单位(?:工作|主要|具体)?(?:职责|分工|任务)")
MEMBER_UNIT = "成员单位"


def members_from_duty_list(doc: Document, facts: list[FactBase]) -> list[MemberFact]:
    """成员单位 members read off a member-unit duty list, for groups that list no member units."""
    if not MEMBER_DUTIES_HEADING.search(doc.joined().text):
        return []
    listed = {f.group for f in facts if isinstance(f, MemberFact) and f.role in (MEMBER_UNIT, "成员")}
    out: list[MemberFact] = []
    seen: set[tuple[str, str]] = set()
    for f in facts:
        if not isinstance(f, DutyFact) or not f.context or f.context in listed:
            continue
        if f.body.startswith(f.context) or is_collective(f.body) or (f.context, f.body) in seen:
            continue  # the group itself, its office, or a phrase for many units
        seen.add((f.context, f.body))
        out.append(MemberFact(doc=f.doc, line=f.line, group=f.context, member=f.body, member_type="body",
                              role=MEMBER_UNIT))
    return out
