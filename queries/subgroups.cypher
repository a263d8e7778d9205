// subgroups: working sub-groups of a group (a membership that names the group as parent).
// parameters: $name (canonical group name)
// columns: subgroup
MATCH (s:Group)-[:PART_OF]->(:Group {name: $name})
RETURN DISTINCT s.name AS subgroup
ORDER BY subgroup
