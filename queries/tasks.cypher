// tasks: every task a body is named for, with its role.
// parameters: $name (canonical body name), $place (its place, e.g. 吕梁市离石区; '' for none)
// columns: doc, task, title, role, line, page
MATCH (:Body {name: $name, place: $place})-[r:RESPONSIBLE_FOR]->(t:Task)-[:IN]->(d:Document)
RETURN d.number AS doc, t.number AS task, t.title AS title, r.role AS role, r.line AS line, r.page AS page
ORDER BY doc, line, task
