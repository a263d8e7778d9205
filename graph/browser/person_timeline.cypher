// One person's career: current posts as HOLDS (blue, captioned by title), former ones as HELD (grey,
// 曾任…), the groups they lead (LEADS) or sit on (MEMBER_OF). Rows come in date order; for the
// dated list, see person_timeline_table.cypher.
// parameters: $name (person name)
// example: :param name => '任凯旋'
MATCH (p:Person {name: $name})
OPTIONAL MATCH (p)-[h:HOLDS {status: 'current'}]->(b:Body)
OPTIONAL MATCH (p)-[held:HELD]->(fb:Body)
OPTIONAL MATCH (p)-[m:MEMBER_OF|LEADS]->(g:Group)
RETURN p, h, b, held, fb, m, g ORDER BY coalesce(h.date, held.date)
