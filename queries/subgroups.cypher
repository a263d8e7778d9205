// subgroups: working sub-groups of a group (a membership that names the group as parent).
// parameters: $name (canonical group name), $place (its place, e.g. 吕梁市离石区; '' for none)
// columns: subgroup
MATCH (s:Group)-[:PART_OF]->(:Group {name: $name, place: $place})
RETURN DISTINCT s.name AS subgroup
ORDER BY subgroup
