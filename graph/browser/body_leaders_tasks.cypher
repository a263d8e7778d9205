// A body's leaders and tasks: current posts as HOLDS (blue), former ones as HELD (grey, 曾任…),
// and the plan tasks it is named for, captioned with number and title.
// parameters: $name (body name)
// example: :param name => '区工信和科技局'
MATCH (b:Body {name: $name})
OPTIONAL MATCH (p:Person)-[h:HOLDS {status: 'current'}]->(b)
OPTIONAL MATCH (f:Person)-[held:HELD]->(b)
OPTIONAL MATCH (b)-[r:RESPONSIBLE_FOR]->(t:Task)
RETURN b, p, h, f, held, r, t
