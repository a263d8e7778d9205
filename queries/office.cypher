// office: a group's office (办公室设在…) and its director.
// parameters: $name (canonical group name)
// columns: host_body, director, doc, line, page
MATCH (:Group {name: $name})-[o:HAS_OFFICE]->(h:Body)
RETURN h.name AS host_body, o.director AS director, o.doc AS doc, o.line AS line, o.page AS page
ORDER BY doc, line
