// duties: what a body is charged with, per group or plan.
// parameters: $name (canonical body name)
// columns: doc, context, text, line, page
MATCH (:Body {name: $name})-[:HAS_DUTY]->(u:Duty)
RETURN u.doc AS doc, u.context AS context, u.text AS text, u.line AS line, u.page AS page
ORDER BY doc, line
