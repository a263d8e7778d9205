// person_posts: every post event of one person.
// parameters: $name (person name, no spaces), $place (its place, e.g. 吕梁市离石区; '' for none)
// columns: person, title, body, event, qualifier, probation, doc, line, page, date (as in body_posts; removals marked in
//          queries/answers.py mark_removed)
MATCH (p:Person {name: $name, place: $place})-[h:HOLDS]->(b:Body)
RETURN p.name AS person, h.title AS title, b.name AS body, h.event AS event, h.qualifier AS qualifier,
       h.probation AS probation, h.doc AS doc, h.line AS line, h.page AS page, h.date AS date
ORDER BY date IS NOT NULL, date, doc, line, body, title
