// members: who and what sits on a group, with roles.
// parameters: $name (canonical group name), $place (its place, e.g. 吕梁市离石区; '' for none)
// columns: member, member_type, role, qualifier, doc, line, page
MATCH (e:Person|Body|Post)-[m:MEMBER_OF]->(:Group {name: $name, place: $place})
RETURN e.name AS member, m.member_type AS member_type, m.role AS role, m.qualifier AS qualifier,
       m.doc AS doc, m.line AS line, m.page AS page
ORDER BY doc, line, member, role
