// tasks: every task a body is named for, with its role.
// parameters: $name (canonical body name)
// columns: doc, task, title, role, line, page
MATCH (:Body {name: $name})-[r:RESPONSIBLE_FOR]->(t:Task)-[:IN]->(d:Document)
RETURN d.number AS doc, t.number AS task, t.title AS title, r.role AS role, r.line AS line, r.page AS page
ORDER BY doc, line, task
