// One plan's tasks that one body is named for (牵头/负责/配合), each task captioned with its number
// and title, and the other bodies named for the same tasks: a readable slice of a 68-node plan.
// parameters: $doc (document number of the plan), $body (body name)
// example: :param doc => '离政发〔2024〕30号'
// example: :param body => '区工信和科技局'
MATCH (d:Document {number: $doc})<-[i:IN]-(t:Task)<-[r:RESPONSIBLE_FOR]-(b:Body {name: $body})
OPTIONAL MATCH (t)<-[lead:RESPONSIBLE_FOR {role: 'lead'}]-(lb:Body)
RETURN d, i, t, r, b, lead, lb
