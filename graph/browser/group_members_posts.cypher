// A leading group with its leaders first: LEADS (red, heavy) from 组长/副组长/..., MEMBER_OF (grey,
// thin) from plain members, its office (办公室设在, purple) and its sub-groups (下设于). Collected
// step by step so Browser gets one row, not the product of every match.
// parameters: $name (group name)
// example: :param name => '吕梁市离石区推动大规模设备更新和消费品以旧换新工作专班'
MATCH (g:Group {name: $name})
OPTIONAL MATCH (l)-[lead:LEADS]->(g)
WITH g, collect(l) AS leaders, collect(lead) AS leads
OPTIONAL MATCH (m)-[mo:MEMBER_OF {leading: false}]->(g)
WITH g, leaders, leads, collect(m) AS members, collect(mo) AS memberships
OPTIONAL MATCH (g)-[o:HAS_OFFICE]->(ob:Body)
WITH g, leaders, leads, members, memberships, collect(o) AS office, collect(ob) AS office_body
OPTIONAL MATCH (s:Group)-[po:PART_OF]->(g)
RETURN g, leaders, leads, members, memberships, office, office_body, collect(s) AS subgroups, collect(po) AS part_of
