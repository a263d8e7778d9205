// person_groups: the groups one person sits on, with the role.
// parameters: $name (person name), $place (its place, e.g. 吕梁市离石区; '' for none)
// columns: group, role, doc, line, page
MATCH (:Person {name: $name, place: $place})-[m:MEMBER_OF]->(g:Group)
RETURN g.name AS `group`, m.role AS role, m.doc AS doc, m.line AS line, m.page AS page
ORDER BY doc, line, `group`, role
