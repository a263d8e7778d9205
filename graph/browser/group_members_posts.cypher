// A leading group with its members (people, bodies, posts), the posts its people hold now, its
// office and its sub-groups: the picture of who runs a 领导小组 / 指挥部 / 专班.
// parameters: $name (group name)
// example: :param name => '吕梁市离石区推动大规模设备更新和消费品以旧换新工作专班'
MATCH (g:Group {name: $name})
OPTIONAL MATCH (m)-[mo:MEMBER_OF]->(g)
OPTIONAL MATCH (m:Person)-[h:HOLDS]->(b:Body) WHERE h.status = 'current'
OPTIONAL MATCH (g)-[o:HAS_OFFICE]->(ob:Body)
OPTIONAL MATCH (s:Group)-[po:PART_OF]->(g)
RETURN g, m, mo, h, b, o, ob, s, po
