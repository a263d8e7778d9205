// The bodies responsible for one plan's tasks (lead / responsible / support), task by task.
// parameters: $doc (document number of the plan)
// example: :param doc => '离政发〔2024〕30号'
MATCH (d:Document {number: $doc})<-[i:IN]-(t:Task)<-[r:RESPONSIBLE_FOR]-(b:Body)
RETURN d, i, t, r, b
