// duties: what a body is charged with, per group or plan.
// parameters: $name (canonical body name), $place (its place, e.g. 吕梁市离石区; '' for none)
// columns: doc, context, text, line, page
MATCH (:Body {name: $name, place: $place})-[:HAS_DUTY]->(u:Duty)
RETURN u.doc AS doc, u.context AS context, u.text AS text, u.line AS line, u.page AS page
ORDER BY doc, line
