// office: a group's office (办公室设在…) and its director.
// parameters: $name (canonical group name), $place (its place, e.g. 吕梁市离石区; '' for none)
// columns: host_body, director, doc, line, page
MATCH (:Group {name: $name, place: $place})-[o:HAS_OFFICE]->(h:Body)
RETURN h.name AS host_body, o.director AS director, o.doc AS doc, o.line AS line, o.page AS page
ORDER BY doc, line
