// names: every named entity with its canonical name and aliases, for resolving what users type.
// parameters: none
// columns: type (Person|Body|Group|Post|Document), name, alias (null when the entity has none), place ('' when none)
MATCH (e:Person|Body|Group|Post|Document)
WITH e, [l IN labels(e) WHERE l IN ['Person', 'Body', 'Group', 'Post', 'Document']][0] AS type
UNWIND CASE WHEN size(coalesce(e.aliases, [])) = 0 THEN [null] ELSE e.aliases END AS alias
RETURN type, CASE type WHEN 'Document' THEN e.number ELSE e.name END AS name, alias,
       CASE type WHEN 'Document' THEN '' ELSE coalesce(e.place, '') END AS place
