// One person's posts as a dated list: what, where, when, current or former, which document.
// parameters: $name (person name)
// example: :param name => '任凯旋'
MATCH (p:Person {name: $name})-[h:HOLDS]->(b:Body)
RETURN h.date AS date, b.name AS body, h.title AS title, h.event AS event, h.status AS status,
       h.since_doc AS since_doc, h.until_doc AS until_doc, h.doc AS doc, h.line AS line
ORDER BY date, doc, line
