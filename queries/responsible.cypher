// responsible: the bodies named for task N of a document, with their role.
// parameters: $task (task number as printed), $in_doc (document number; "" for any document)
// columns: doc, task, title, body, role, collective, line, page
MATCH (b:Body)-[r:RESPONSIBLE_FOR]->(t:Task {number: $task})-[:IN]->(d:Document)
WHERE d.number = $in_doc OR $in_doc = ''
RETURN d.number AS doc, t.number AS task, t.title AS title, b.name AS body, r.role AS role,
       coalesce(r.collective, false) AS collective, r.line AS line, r.page AS page
ORDER BY doc, line, body
