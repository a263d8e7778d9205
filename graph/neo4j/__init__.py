"""The Neo4j sink: `load` writes facts in batched UNWIND statements (its plan of rows in
`load.Planner`), `derived` adds what Browser pictures need (captions, LEADS, HELD) with the rows,
`backend` answers the questions of queries/*.cypher; mapping.md is the graph model they share.
Inside this package `import neo4j` is the driver (absolute imports)."""
