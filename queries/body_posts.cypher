// body_posts: the posts at one body (appointed, held or removed), with the document that says so.
// parameters: $name (canonical body name), $place (its place, e.g. 吕梁市离石区; '' for none)
// columns: person, title, body, event, qualifier, probation, doc, line, page, date (whether a later removal ends a post:
//          queries/answers.py mark_removed, over these rows, which hold every removal of the body)
MATCH (p:Person)-[h:HOLDS]->(b:Body {name: $name, place: $place})
RETURN p.name AS person, h.title AS title, b.name AS body, h.event AS event, h.qualifier AS qualifier,
       h.probation AS probation, h.doc AS doc, h.line AS line, h.page AS page, h.date AS date
ORDER BY doc, line, person, title
