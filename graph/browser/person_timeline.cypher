// One person's posts over time (HOLDS captioned by title, status current/former, since/until
// documents) and the groups they sit on. For the dated list, see person_timeline_table.cypher.
// parameters: $name (person name)
// example: :param name => '任凯旋'
MATCH (p:Person {name: $name})-[h:HOLDS]->(b:Body)
OPTIONAL MATCH (p)-[m:MEMBER_OF]->(g:Group)
RETURN p, h, b, m, g
